"""Semantic versions (``1.2.0``, ``1.10.0-rc.1``) compared as numbers, never as text ("1.10" > "1.9")."""

from __future__ import annotations

import re

_SEMVER = re.compile(r"^(0|[1-9]\d{0,8})(?:\.(0|[1-9]\d{0,8}))?(?:\.(0|[1-9]\d{0,8}))?"
                     r"(?:-([0-9A-Za-z-]{1,40}(?:\.[0-9A-Za-z-]{1,40}){0,5}))?$")

Key = tuple[int, int, int, int, tuple[tuple[int, int | str], ...]]


def parse(text: object) -> Key | None:
    """A sortable key for ``MAJOR[.MINOR[.PATCH]][-PRE]``; ``None`` when it is not such a version.

    A pre-release sorts before its release (1.0.0-rc.1 < 1.0.0); numeric pre-release parts compare as
    numbers and before text parts, as semver.org says.
    """
    if not isinstance(text, str | int | float) or isinstance(text, bool):
        return None
    m = _SEMVER.match(str(text).strip())
    if not m:
        return None
    major, minor, patch, pre = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0), m.group(4)
    parts: tuple[tuple[int, int | str], ...] = ()
    if pre:
        parts = tuple((0, int(p)) if p.isdigit() else (1, p) for p in pre.split("."))
    return (major, minor, patch, 0 if pre else 1, parts)


def compare(a: object, b: object) -> int:
    """-1, 0 or 1 as version ``a`` is lower than, equal to or higher than ``b`` (unparsable sorts lowest)."""
    ka, kb = parse(a), parse(b)
    if ka == kb:
        return 0
    if ka is None:
        return -1
    if kb is None:
        return 1
    return -1 if ka < kb else 1


def canonical(text: object) -> str | None:
    """``MAJOR.MINOR.PATCH[-PRE]`` of a version :func:`parse` reads (``"1.2"`` → ``"1.2.0"``); ``None`` otherwise."""
    key = parse(text)
    if key is None:
        return None
    major, minor, patch, _, parts = key
    pre = ".".join(str(p) for _, p in parts)
    return f"{major}.{minor}.{patch}" + (f"-{pre}" if pre else "")
