"""Nothing lost on save: what the app does not understand in a file comes back unchanged; duplicate keys are refused.

Reading compares each object of the file with what the app would write for it. A key the app does not
know goes to ``extra`` and is written back as is. A value the app could not use (an unknown status,
negative hours, an owner that is a number, a task that is text) goes to ``kept`` as ``(as found, as read)``:
while the app's value is still the one it read, the value as found is written back; once the user changes
it, the user's value wins. A list the user only appended to (an action's history) keeps its unread start.
"""

from __future__ import annotations

import contextlib
import json
import json.decoder
import json.scanner
import math
from collections.abc import Callable, Collection
from typing import Any

from app.domain.values import parse_number

WHOLE = ""  # the key in ``kept`` of an entry that is not an object at all (a task written as text)


def same(a: Any, b: Any) -> bool:
    """Equal as JSON, types included (``1`` is not ``1.0`` nor ``true``; NaN equals NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def split(raw: dict[str, Any], written: dict[str, Any],
          skip: Collection[str] = ()) -> tuple[dict[str, Any], dict[str, tuple[Any, Any]]]:
    """``(extra, kept)`` of an object as found (``raw``) against what the app writes for it (``written``)."""
    extra = {k: v for k, v in raw.items() if k not in written}
    kept = {k: (v, written[k]) for k, v in raw.items()
            if k in written and k not in skip and not same(v, written[k])}
    return extra, kept


def restore(written: dict[str, Any], extra: dict[str, Any], kept: dict[str, tuple[Any, Any]]) -> Any:
    """What to write: ``written`` with the values as found put back where the app's value is still as read."""
    whole = kept.get(WHOLE)
    if whole is not None and same(written, whole[1]):
        return whole[0]
    out = dict(written)
    for key, (found, as_read) in kept.items():
        if key == WHOLE or key not in out:
            continue
        current = out[key]
        if same(current, as_read):
            out[key] = found
        elif (isinstance(found, list) and isinstance(as_read, list) and isinstance(current, list)
              and same(current[:len(as_read)], as_read)):
            out[key] = found + current[len(as_read):]  # appended to (a new follow-up): the old entries stay
    for key, value in extra.items():
        out.setdefault(key, value)
    return out


def names(where: str, extra: dict[str, Any], kept: dict[str, tuple[Any, Any]]) -> list[str]:
    """``tasks[2].colour``-style names of what is kept and not used, for the notice (A020).

    A number the app read as written, only in another form (``10`` where it writes ``10.0``, or the text
    ``"10"``), is kept as found too, but it is used: the notice does not call it unused."""
    dot = f"{where}." if where else ""
    unused = [k for k, (found, as_read) in kept.items() if not read_as_number(found, as_read)]
    return [where or "(file)" if k == WHOLE else f"{dot}{k}" for k in (*extra, *unused)]


def read_as_number(found: Any, as_read: Any) -> bool:
    """Whether the app read ``found`` as the number ``as_read`` (the same value, in another form)."""
    if isinstance(as_read, bool) or not isinstance(as_read, int | float):
        return False
    if isinstance(found, str):
        value: Any = parse_number(found)
    elif isinstance(found, bool):
        return False
    else:
        value = found
    return isinstance(value, int | float) and math.isfinite(value) and value == as_read


class DuplicateKeyError(ValueError):
    """A JSON object that has the same key twice; ``line``/``column`` (1-based) of the object, 0 when unknown."""

    def __init__(self, key: str, line: int = 0, column: int = 0) -> None:
        super().__init__(key)
        self.key, self.line, self.column = key, line, column


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKeyError(key)
        out[key] = value
    return out


def _finite(literal: str) -> float | str:
    """A JSON number that is too big for a float (``1e309``) is kept as the text it was written as."""
    value = float(literal)
    return value if math.isfinite(value) else literal


def loads_unique(text: str) -> Any:
    """``json.loads`` that refuses an object with a key twice (:class:`DuplicateKeyError`, located when possible).

    A number no float can hold (``1e309``) comes back as its text: kept as found (and refused field by field),
    it was written back as ``Infinity``, which no other JSON reader accepts. A ``NaN`` or ``Infinity`` the file
    itself holds is kept as it is and written back the same.
    """
    try:
        return json.loads(text, object_pairs_hook=_unique, parse_float=_finite)
    except DuplicateKeyError as exc:
        raise _located(text, exc.key) from None


def _located(text: str, key: str) -> DuplicateKeyError:
    """Parse again with positions (pure Python, only after a duplicate was found) to say where it is."""
    found: list[DuplicateKeyError] = []
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], strict: bool, scan_once: Callable[..., Any], object_hook: Any,
                     _pairs_hook: Any, memo: Any = None) -> tuple[Any, int]:
        s, end = s_and_end
        start = end - 1  # the "{"

        def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            keys = [k for k, _ in pairs]
            if not found and len(set(keys)) != len(keys):
                dup = next(k for n, k in enumerate(keys) if k in keys[:n])
                line = s.count("\n", 0, start) + 1
                found.append(DuplicateKeyError(dup, line, start - (s.rfind("\n", 0, start) + 1) + 1))
            return dict(pairs)

        return json.decoder.JSONObject((s, end), strict, scan_once, object_hook, hook, memo)  # type: ignore[attr-defined,no-any-return]

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    with contextlib.suppress(RecursionError, ValueError):
        decoder.decode(text)
    return found[0] if found else DuplicateKeyError(key)
