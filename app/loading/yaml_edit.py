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

# A path segment: a mapping key, a list index, or (field, value) = the list element whose ``field`` equals
# ``value``; ("guide_of", measure id) at the top is that measure's guidance card, wherever the file keeps it
# (under top-level ``guides:`` or as the measure's own ``guide:``).
Segment = str | int | tuple[str, object]


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
        if value.strip() != value or _not_text_to_safe_loader(value):
            return DoubleQuotedScalarString(value)
    return value


def _not_text_to_safe_loader(value: str) -> bool:
    """Whether PyYAML's safe loader (YAML 1.1) would read ``value`` unquoted as something else than text.

    ruamel writes YAML 1.2, where ``yes`` or ``2026-11-30`` are plain text; the safe loader would read a
    yes/no or a date, so such texts are quoted.
    """
    import yaml

    resolver: Any = yaml.resolver.Resolver()  # PyYAML's resolver is untyped
    return bool(resolver.resolve(yaml.ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str")


def _guide(doc: Any, measure_id: object) -> Any:
    guides = doc.get("guides")
    if isinstance(guides, Mapping) and measure_id in guides:
        return guides[measure_id]
    return _child(doc["measures"], ("id", measure_id), create=False)["guide"]


def _child(node: Any, seg: Segment, create: bool) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if isinstance(seg, int):
        if seg < len(node):
            return node[seg]
        if not create or seg != len(node):
            raise KeyError(seg)
        node.append(CommentedMap())
        node[seg].fa.set_flow_style()
        return node[seg]
    if isinstance(seg, tuple) and seg[0] == "guide_of":
        return _guide(node, seg[1])
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
    if value is None and isinstance(head[-1], int):
        items = _walk(doc, tuple(head[:-1]))  # a cleared step of a card: the step goes, not just its text
        if head[-1] < len(items):
            del items[head[-1]]
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
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node = doc
    for i, seg in enumerate(path):
        parent = node
        nxt = path[i + 1] if i + 1 < len(path) else None
        if isinstance(seg, str) and isinstance(node, MutableMapping) and seg not in node and isinstance(nxt, int):
            node[seg] = CommentedSeq()  # a card without steps yet gets its list
        node = _child(node, seg, create=isinstance(seg, int))
        if not isinstance(node, Mapping | list) and i == len(path) - 1 and path[0] == "settings":
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


_last: list[tuple[str, Any]] = []  # the last text parsed and its document (the window previews one base often)


def _parsed(y: Any, text: str) -> Any:
    """A fresh round-trip document of ``text``: a deep copy of the cached parse (several times faster than parsing)."""
    import copy

    if not _last or _last[0][0] != text:
        _last[:] = [(text, y.load(text))]
    return copy.deepcopy(_last[0][1])


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
    doc = _parsed(y, text)
    problems = []
    # cleared list elements (a card's steps) go last and from the end, so that earlier indexes stay valid
    ordered = sorted(edits, key=lambda e: (e[1] is None and len(e[0]) > 1 and isinstance(e[0][-2], int),
                                           -(e[0][-2]) if len(e[0]) > 1 and isinstance(e[0][-2], int) else 0))
    for where, value, add in ordered:
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


def edit_catalogue(text: str, edits: Iterable[tuple[tuple[object, ...], object]], path: str = "<string>") -> str:
    """Apply ``(("case", (assessment_id, action_id)), field), value)`` edits to a case catalogue's YAML text.

    Comments, order and quoting of the team's file are kept; ``None`` removes the field (an empty text).
    A case that is not in the text is a :class:`QuestionnaireError` naming it.
    """
    y = _yaml()
    doc = y.load(text)
    cases = doc.get("cases") if isinstance(doc, Mapping) else None
    problems = []
    for where, value in edits:
        key, field = where[0], where[1]
        assessment_id, action_id = (str(k) for k in key[1]) if isinstance(key, tuple) else ("", "")
        entry = next((c for c in cases or () if isinstance(c, MutableMapping)
                      and str(c.get("assessment_id")) == assessment_id and str(c.get("action_id")) == action_id),
                     None)
        if entry is None or not isinstance(field, str):
            problems.append(Problem("X118", {"detail": f"cases {assessment_id} / {action_id}"}, path))
        elif value is None:
            entry.pop(field, None)
        else:
            entry[field] = _scalar(value)
    if problems:
        raise QuestionnaireError(problems)
    out = io.StringIO()
    y.dump(doc, out)
    return out.getvalue()
