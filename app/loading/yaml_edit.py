"""Changing a questionnaire's YAML text in place, keeping its comments, key order, quoting and anchors.

ruamel.yaml's round-trip mode is used only to *write*: the base text has already been read and checked
by the safe loader, and the result is read again by it (:func:`app.loading.loader.convert`) before
anything is saved. The round-trip parser builds only plain mappings, lists and scalars (unknown tags
stay inert tagged values; no Python object is ever constructed).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, MutableMapping
from typing import Any

from app.domain.errors import Problem, QuestionnaireError

# A path segment: a mapping key, or (field, value) = the list element whose ``field`` equals ``value``.
Segment = str | tuple[str, object]


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never fold a long Japanese line the author wrote on one line
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _scalar(value: object) -> object:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value)
        if value.strip() != value or value in ("yes", "no", "on", "off", "true", "false", "null", "~"):
            return DoubleQuotedScalarString(value)
    return value


def _child(node: Any, seg: Segment, create: bool) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if isinstance(seg, tuple):
        field, wanted = seg
        for element in node or ():
            if isinstance(element, Mapping) and element.get(field) == wanted:
                return element
        raise KeyError(seg)
    if seg not in node:
        if not create:
            raise KeyError(seg)
        node[seg] = CommentedMap()
    return node[seg]


def _text_parent(parent: Any, key: str, part: str, value: object) -> None:
    """Set the ``part`` (ja/en) of a translatable text written either as ``key: 文言`` or ``key: {ja, en}``."""
    from ruamel.yaml.comments import CommentedMap

    current = parent.get(key)
    if isinstance(current, MutableMapping):
        if value is None:
            current.pop(part, None)
        else:
            current[part] = _scalar(value)
        return
    if part == "ja" and (current is None or isinstance(current, str)):
        if value is None:
            parent.pop(key, None)
        else:
            parent[key] = _scalar(value)
        return
    if value is None:
        return
    mapping = CommentedMap()
    mapping["ja"] = current if current is not None else ""
    mapping["en"] = _scalar(value)
    mapping.fa.set_flow_style()
    parent[key] = mapping


def _set(doc: Any, path: tuple[Segment, ...], value: object) -> None:
    from ruamel.yaml.comments import CommentedMap

    *head, last = path
    if isinstance(last, str) and last in ("ja", "en") and len(head) >= 1 and isinstance(head[-1], str):
        parent = _walk(doc, tuple(head[:-1]))
        _text_parent(parent, head[-1], last, value)
        return
    parent = _walk(doc, tuple(head))
    if not isinstance(parent, MutableMapping):
        raise KeyError(path)
    assert isinstance(last, str)
    if value is None:
        parent.pop(last, None)
    elif isinstance(parent.get(last), CommentedMap) and not isinstance(value, Mapping):
        raise KeyError(path)
    else:
        parent[last] = _scalar(value)


def _walk(doc: Any, path: tuple[Segment, ...]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    node = doc
    for i, seg in enumerate(path):
        parent = node
        node = _child(node, seg, create=False)
        if not isinstance(node, Mapping) and i == len(path) - 1 and path[0] == "settings":
            # a setting written as a bare number (`review_months: 3`) becomes a mapping to take more fields
            mapping = CommentedMap()
            mapping["value"] = node
            parent[seg] = mapping
            node = mapping
    return node


def _append(doc: Any, path: tuple[Segment, ...], row: Mapping[str, object]) -> None:
    from ruamel.yaml.comments import CommentedMap

    target = _walk(doc, path[:-1])[path[-1]] if len(path) > 1 else doc.setdefault(path[0], [])
    entry = CommentedMap()
    texts: dict[str, CommentedMap] = {}
    for key, value in row.items():
        field, _, part = key.partition(".")
        if part:
            texts.setdefault(field, CommentedMap())[part] = _scalar(value)
            if field not in entry:
                entry[field] = texts[field]
        else:
            entry[field] = _scalar(value)
    for text in texts.values():
        text.fa.set_flow_style()
    target.append(entry)


def next_minor(version: str) -> str:
    """``1.0.0`` → ``1.1.0``; ``2`` → ``2.1.0``; ``1.4`` → ``1.5.0``."""
    parts = [int(p) for p in str(version).split(".")] + [0, 0]
    return f"{parts[0]}.{parts[1] + 1}.0"


def apply_edits(text: str, edits: Iterable[tuple[tuple[Segment, ...], object, bool]], path: str = "<string>"
                ) -> tuple[str, str]:
    """Apply ``(path, value, add)`` edits to the YAML ``text`` and raise its minor version.

    Returns the new text and the new version. A path that does not exist in the text (the base
    changed under the workbook) is a :class:`QuestionnaireError` naming it.
    """
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    y = _yaml()
    doc = y.load(text)
    problems = []
    for where, value, add in edits:
        try:
            if add:
                assert isinstance(value, Mapping)
                _append(doc, where, value)
            else:
                _set(doc, where, value)
        except (KeyError, ValueError, TypeError, AssertionError):
            problems.append(Problem("X118", {"detail": ".".join(map(str, where))}, path))
    if problems:
        raise QuestionnaireError(problems)
    version = next_minor(str(doc.get("version", "1.0.0")))
    doc["version"] = DoubleQuotedScalarString(version)
    out = io.StringIO()
    y.dump(doc, out)
    return out.getvalue(), version
