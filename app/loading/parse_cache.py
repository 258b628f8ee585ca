"""A data-only cache of parsed questionnaire files: JSON in the user cache folder, keyed by the file's content.

Parsing the standard questionnaire's YAML is most of what loading it costs (about 200 ms of pure-Python
parsing against 10 ms of validation), and it is the same file on every start. The cache keeps the parsed
data — mappings, lists and scalars with the line and column of every key and entry — so the validators run
on exactly what the parser would have given, and report the same ``file:line:column`` for a problem.

Safety: the cache is plain JSON read with :func:`json.loads`, never pickle; a file is used only when its
format, schema and app version match and the questionnaire text it was made from — stored in the entry —
is the file's text exactly, and its structure is checked while it is read back. Anything else — a truncated,
corrupt, foreign or older file, an unreadable or read-only folder — is ignored and the questionnaire is parsed
again (the cache is rewritten when it can be). An edited questionnaire has another text, so it is never served
stale, whatever its name, size or checksum. Validation always runs on the data, cached or not.

The entry's name comes from the text's CRC-32 and length (:mod:`zlib`, already loaded by the interpreter):
a digest would add nothing to the exact comparison, and :mod:`hashlib` loads OpenSSL, a noticeable part of
the packaged program's start-up.
"""

from __future__ import annotations

import contextlib
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import __version__
from app.loading.located import MAX_BYTES, Located, LocatedList, read_source

FORMAT = "kaizen-selfcheck/parsed-questionnaire"
SCHEMA = 2  # raise when the parser's rules (booleans, numbers, dates) or the stored shape change
MAX_CACHE_BYTES = 16 * MAX_BYTES  # the JSON with positions and the text is about 2.5x the YAML; more is not ours
KEEP_FILES = 16  # an edited user questionnaire leaves its older entries behind: keep the newest few
SUFFIX = ".parsed.json"
# Writes one entry whole (the service passes app.storage.atomic_write); a loading module never writes files itself.
Store = Callable[[Path, bytes], None]


class _CorruptError(ValueError):
    """The cache file is not one this version wrote for these bytes."""


def key(data: bytes) -> str:
    """The cache key of a questionnaire's bytes: their CRC-32 and length, the schema and the app version.

    It names the entry; whether the entry is for these bytes is decided by the text stored in it."""
    return f"{zlib.crc32(data):08x}-{len(data)}-s{SCHEMA}-v{__version__}"


def load_file(path: Path, cache_dir: Path, store: Store | None = None) -> Any:
    """The parsed data of ``path`` from the cache in ``cache_dir``, parsed when not there (and stored with
    ``store`` when given; without it the cache is only read)."""
    data = read_source(path)
    k = key(data)
    entry = cache_dir / f"{k}{SUFFIX}"
    found = _read(entry, k, data)
    if found is not None:
        return found
    from app.loading.yaml_safe import load_bytes  # the YAML library only when there is something to parse

    parsed = load_bytes(data, str(path))
    if store is not None:
        _write(entry, k, data, parsed, store)
    return parsed


def _read(entry: Path, k: str, data: bytes) -> Any:
    """The cached data, or None when the entry is missing, unreadable or not a valid entry for key ``k`` and
    exactly the questionnaire text ``data``."""
    try:
        if entry.stat().st_size > MAX_CACHE_BYTES:
            return None
        doc = json.loads(entry.read_bytes())
        if (not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("key") != k or "data" not in doc
                or doc.get("source") != data.decode("utf-8")):
            return None
        return decode(doc["data"])
    except (OSError, ValueError, RecursionError):  # ValueError: bad JSON, bad UTF-8, _CorruptError
        return None


def _write(entry: Path, k: str, data: bytes, parsed: Any, store: Store) -> None:
    """Store ``parsed`` (of the questionnaire text ``data``) under ``entry`` through ``store``; a folder that
    cannot be written is skipped.

    ``store`` may raise OSError or the app's StorageError (a UserError); either only means no cache this time.
    """
    from app.domain.errors import UserError

    try:
        text = json.dumps({"format": FORMAT, "key": k, "source": data.decode("utf-8"), "data": encode(parsed)},
                          ensure_ascii=False, separators=(",", ":"))
    except (ValueError, RecursionError):
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        store(entry, text.encode("utf-8"))
        _prune(entry.parent, keep=entry)
    except (OSError, UserError):
        return  # a read-only or full disk: the next start parses again


def _prune(cache_dir: Path, keep: Path) -> None:
    """Remove all but the newest :data:`KEEP_FILES` entries (never ``keep``)."""
    entries = sorted(cache_dir.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_FILES:]:
        if old != keep:
            with contextlib.suppress(OSError):
                old.unlink()


def encode(value: Any) -> Any:
    """JSON-ready form of parsed data: ``{"m": [line, col], "k": [[key, line, col, value], …]}`` for a mapping,
    ``{"l": [line, col], "i": [[line, col, value], …]}`` for a list, scalars as they are."""
    if isinstance(value, Located):
        return {"m": [value.line, value.column],
                "k": [[k, *value.key_pos[k], encode(v)] for k, v in value.items()]}
    if isinstance(value, LocatedList):
        return {"l": [value.line, value.column],
                "i": [[*pos, encode(v)] for pos, v in zip(value.item_pos, value, strict=True)]}
    if value is None or isinstance(value, str | int | float):  # bool is an int
        return value
    raise ValueError(f"not parsed questionnaire data: {type(value).__name__}")


def decode(value: Any) -> Any:
    """Parsed data back from :func:`encode`'s form; raises ``ValueError`` for anything it would not have written.

    ``json.loads`` makes only dicts, lists, str, int, float, bool and None, so exact type tests (``type(x) is
    int``, which leaves out ``bool``) check the same as ``isinstance`` would, at a fraction of the cost: this
    runs on every start for every node of the standard questionnaire (thousands).
    """
    kind = type(value)
    if kind is not dict:
        if value is None or kind is str or kind is int or kind is float or kind is bool:
            return value
        raise _CorruptError("unexpected value")
    if value.keys() == {"m", "k"}:
        out = Located()
        out.line, out.column = _pos(value["m"])
        key_pos: dict[str, tuple[int, int]] = {}
        out.key_pos = key_pos
        for row in _rows(value["k"], 4):
            name, line, column, item = row
            if type(name) is not str or name in key_pos:
                raise _CorruptError("bad key")
            key_pos[name] = _pos2(line, column)
            out[name] = decode(item)
        return out
    if value.keys() == {"l", "i"}:
        seq = LocatedList()
        seq.line, seq.column = _pos(value["l"])
        item_pos: list[tuple[int, int]] = []
        seq.item_pos = item_pos
        for row in _rows(value["i"], 3):
            line, column, item = row
            item_pos.append(_pos2(line, column))
            seq.append(decode(item))
        return seq
    raise _CorruptError("unexpected mapping")


def _rows(value: Any, width: int) -> list[list[Any]]:
    if type(value) is not list:
        raise _CorruptError("bad rows")
    for r in value:
        if type(r) is not list or len(r) != width:
            raise _CorruptError("bad rows")
    return value


def _pos(value: Any) -> tuple[int, int]:
    if type(value) is not list or len(value) != 2:
        raise _CorruptError("bad position")
    return _pos2(value[0], value[1])


def _pos2(line: Any, column: Any) -> tuple[int, int]:
    # a line and a column: non-negative ints, never bools (``type(True) is bool``, not int)
    if type(line) is not int or type(column) is not int or line < 0 or column < 0:
        raise _CorruptError("bad position")
    return line, column
