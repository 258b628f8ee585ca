"""Safe YAML reading that keeps line/column of every key and rejects anything dangerous.

Only plain data is accepted: mappings, sequences and scalars. Duplicate keys, tags such as
``!!python/object``, too many aliases (the "billion laughs" bomb) and oversized files are errors
with a location. Booleans follow YAML 1.2 (``true``/``false`` only), so ``yes``/``no`` stay text:
a central-team editor writing ``value: no`` gets the string it meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app.domain.catalogue import Words, type_words
from app.domain.errors import Problem, QuestionnaireError
from app.loading.located import MAX_BYTES, Located, LocatedList, read_source

__all__ = ["MAX_ALIASES", "MAX_BYTES", "MAX_NODES", "Located", "LocatedList", "load_bytes", "load_file", "load_text"]

# The caps (MAX_BYTES in app.loading.located) leave room for 25x standard.yaml while keeping the worst
# hostile file (a megabyte of one-character list items) to a few seconds of pure-Python parsing.
MAX_ALIASES = 100
MAX_NODES = 100_000
MAX_DEPTH = 100  # levels of nesting; the standard questionnaire has 7


class _TooManyNodesError(Exception):
    """Raised while composing, so a huge file stops early instead of being parsed to the end."""

    def __init__(self, mark: yaml.Mark | None) -> None:
        super().__init__()
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans; construction is done by :func:`_convert`, not PyYAML."""

    composed = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """Count nodes (aliases included) and give up past :data:`MAX_NODES`."""
        self.composed += 1
        if self.composed > MAX_NODES:
            raise _TooManyNodesError(self.peek_event().start_mark)  # type: ignore[no-untyped-call]  # PyYAML stubs
        return super().compose_node(parent, index)


# Drop YAML 1.1's yes/no/on/off booleans; keep true/false.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
for _first in "tTfF":
    _Loader.yaml_implicit_resolvers.setdefault(_first, []).insert(
        0, ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )

# YAML 1.2 (and every author) reads 1e308 and 2E-3 as numbers; YAML 1.1's resolver wants a dot (1.0e+308)
_EXPONENT = re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$")
for _first in "-+0123456789":
    _Loader.yaml_implicit_resolvers.setdefault(_first, []).append(("tag:yaml.org,2002:float", _EXPONENT))

_SAFE_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq", "tag:yaml.org,2002:merge",
}


@dataclass
class _State:
    path: str
    nodes: int = 0
    aliases: int = 0


_TOO_DEEP = Words(f"入れ子が深すぎます（{MAX_DEPTH}段まで）", f"nested too deeply ({MAX_DEPTH} levels at most)")


def _problem(state: _State, code: str, node: yaml.Node | None = None, **params: object) -> QuestionnaireError:
    line = node.start_mark.line + 1 if node is not None else 0
    col = node.start_mark.column + 1 if node is not None else 0
    return QuestionnaireError(Problem(code, dict(params), state.path, line, col))


def _guard(node: yaml.Node, state: _State, parents: tuple[int, ...]) -> None:
    """Count ``node`` and refuse a cycle, too many nodes or too deep a nesting, at the node's place."""
    state.nodes += 1
    if id(node) in parents or state.nodes > MAX_NODES:
        # a recursive alias (&a [*a]), or aliases that expand past the node cap (each use is built again)
        raise _problem(state, "Q008" if id(node) in parents else "Q029", node,
                       limit=MAX_ALIASES if id(node) in parents else MAX_NODES)
    if len(parents) > MAX_DEPTH:  # at the node itself, before Python's own recursion limit loses the place
        raise _problem(state, "Q005", node, detail=_TOO_DEEP)


def _convert(node: yaml.Node, state: _State, seen: set[int], parents: tuple[int, ...] = ()) -> Any:
    """Build Located values from the node graph; ``seen`` spots aliases, ``parents`` spots cycles."""
    _guard(node, state, parents)
    if node.tag == "tag:yaml.org,2002:timestamp" and isinstance(node, yaml.ScalarNode):
        return str(node.value)  # dates stay text (2026-04-01); the validator parses them where needed
    if node.tag not in _SAFE_TAGS:
        raise _problem(state, "Q007", node, tag=node.tag)
    if id(node) in seen and isinstance(node, yaml.CollectionNode):
        state.aliases += 1
        if state.aliases > MAX_ALIASES:
            raise _problem(state, "Q008", node, limit=MAX_ALIASES)
    seen.add(id(node))
    parents = (*parents, id(node))
    if isinstance(node, yaml.MappingNode):
        out = Located()
        out.line, out.column = node.start_mark.line + 1, node.start_mark.column + 1
        out.key_pos = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _problem(state, "Q007", key_node, tag="<<")
            key = _convert(key_node, state, seen, parents)
            if not isinstance(key, str | int | float | bool) or key is None:
                raise _problem(state, "Q012", key_node, key=str(key), expected=Words("文字列", "text"),
                              got=type_words(type(key).__name__))
            skey = str(key).lower() if isinstance(key, bool) else str(key)
            pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if skey in out:
                raise _problem(state, "Q006", key_node, key=skey, first_line=out.key_pos[skey][0])
            out[skey] = _convert(value_node, state, seen, parents)
            out.key_pos[skey] = pos
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = LocatedList()
        seq.line, seq.column = node.start_mark.line + 1, node.start_mark.column + 1
        seq.item_pos = []
        for child in node.value:
            seq.append(_convert(child, state, seen, parents))
            seq.item_pos.append((child.start_mark.line + 1, child.start_mark.column + 1))
        return seq
    return _scalar(node, state)


def _scalar(node: yaml.Node, state: _State) -> Any:
    try:
        value = _SCALARS.construct_object(node, deep=True)
        if isinstance(value, str):
            value.encode("utf-8")  # a lone surrogate ("\ud800") would crash every later write and print
    except (ValueError, UnicodeEncodeError) as exc:  # e.g. an integer of thousands of digits
        raise _problem(state, "Q005", node, detail=str(exc)[:120]) from None
    except yaml.YAMLError:  # a bare "<<" outside a mapping resolves to the merge tag, which has no value
        raise _problem(state, "Q007", node, tag=node.value if node.value == "<<" else node.tag) from None
    return value


# One constructor instance for scalars: only the resolved safe tags above ever reach it.
_SCALARS = _Loader("")


def load_text(text: str, path: str = "<string>") -> Any:
    """Parse YAML ``text`` into :class:`Located`/:class:`LocatedList`/scalars, or raise ``QuestionnaireError``."""
    state = _State(path)
    if len(text) > MAX_BYTES:
        raise QuestionnaireError(Problem("Q003", {"size": len(text.encode("utf-8", "replace")), "limit": MAX_BYTES},
                                         path))
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except RecursionError:  # the reader stopped where the nesting became too deep: point there
        stop = loader.get_mark()
        raise QuestionnaireError(Problem("Q005", {"detail": _TOO_DEEP}, path, stop.line + 1,
                                         stop.column + 1)) from None
    except _TooManyNodesError as exc:
        line, col = (exc.mark.line + 1, exc.mark.column + 1) if exc.mark else (0, 0)
        raise QuestionnaireError(Problem("Q029", {"limit": MAX_NODES}, path, line, col)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        line = mark.line + 1 if mark else 0
        col = mark.column + 1 if mark else 0
        raise QuestionnaireError(Problem("Q005", {"detail": detail}, path, line, col)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, most control characters)
        line, col = _position(text, exc.position)
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else str(exc.character)
        words = Words(f"YAMLで使えない制御文字 {code} があります", f"a control character YAML does not allow, {code}")
        raise QuestionnaireError(Problem("Q005", {"detail": words}, path, line, col)) from None
    except yaml.YAMLError as exc:
        raise QuestionnaireError(Problem("Q005", {"detail": str(exc)}, path)) from None
    if root is None:
        return None
    try:
        return _convert(root, state, set())
    except RecursionError:
        raise QuestionnaireError(Problem("Q005", {"detail": _TOO_DEEP}, path)) from None


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of character ``index`` of ``text``."""
    index = max(0, min(index, len(text)))
    start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - start + 1


def load_file(path: Path) -> Any:
    """Read and parse a YAML file with a size cap and UTF-8 (BOM allowed) decoding."""
    return load_bytes(read_source(path), str(path))


def load_bytes(data: bytes, name: str) -> Any:
    """Parse the bytes of a YAML file (UTF-8, BOM allowed); ``name`` is the file named in problems."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QuestionnaireError(not_utf8(data, exc, name)) from None
    return load_text(text, name)


def not_utf8(data: bytes, exc: UnicodeDecodeError, name: str) -> Problem:
    """Q004 at the line and column (in characters, as an editor counts them) of the first byte UTF-8 cannot read."""
    data = exc.object if isinstance(exc.object, bytes) else data  # utf-8-sig counts from after a byte-order mark
    start = data.rfind(b"\n", 0, exc.start) + 1
    line = data.count(b"\n", 0, exc.start) + 1
    column = len(data[start:exc.start].decode("utf-8", "replace")) + 1
    byte = data[exc.start]
    return Problem("Q004", {"detail": f"{exc.reason}, 0x{byte:02X}"}, name, line, column)
