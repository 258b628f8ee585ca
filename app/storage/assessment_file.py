"""Read and write ``kaizen-assessment`` JSON files (format documented in docs/assessment-format.md)."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import __version__
from app.domain.assessment import Assessment
from app.domain.errors import AssessmentError, Problem, StorageError, UserError
from app.domain.questionnaire import Questionnaire
from app.storage import migrations, preserve
from app.storage.assessment_reader import Reader, action_dict, choice_dict, shown, task_dict
from app.storage.atomic import atomic_write, storage_error

FORMAT = migrations.FORMAT
FORMAT_VERSION = migrations.CURRENT
# A department with a thousand tasks and long notes writes well under 2 MB; anything of tens of MB is
# not an assessment (or is damaged) and would freeze the window while it parses.
MAX_BYTES = 16 * 1024 * 1024
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_RAW_SURROGATE = re.compile("[\ud800-\udfff]")  # text handed in as str (not bytes) may hold them as is
_VERSION_HEAD = re.compile(r'"format_version"\s*:\s*(\d{1,6})')


@dataclass
class ReadResult:
    """An assessment read from a file, with what the user should be told."""

    assessment: Assessment
    problems: list[Problem] = field(default_factory=list)  # values that did not fit (kept in ``unplaced``)
    read_only: bool = False  # written by a newer app: never overwrite it
    format_version: int = FORMAT_VERSION  # as found in the file, before any migration
    migrated: bool = False  # converted from an older format: the next save writes the current one


def to_dict(a: Assessment, now: dt.datetime | None = None) -> dict[str, Any]:
    """The JSON-ready form of an assessment (stable key order, ISO timestamps)."""
    stamp = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
    top = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "questionnaire": {"id": a.questionnaire_id, "version": a.questionnaire_version},
        **({"assessment_id": a.assessment_id} if a.assessment_id else {}),
        **({"pack": dict(a.pack)} if a.pack or "pack" in a.kept else {}),
        "created": a.created or stamp,
        "modified": stamp,
        "lang": a.lang,
        "info": a.info,
        "tasks": [preserve.restore(task_dict(t), t.extra, t.kept) for t in a.tasks],
        "focus": a.focus,
        "analysis": a.analysis,
        "measures": {tid: {mid: preserve.restore(choice_dict(c), c.extra, c.kept) for mid, c in per.items()}
                     for tid, per in a.measures.items()},
        "actions": [preserve.restore(action_dict(x), x.extra, x.kept) for x in a.actions],
        "unplaced": a.unplaced,
    }
    restored: dict[str, Any] = preserve.restore(top, a.extra, a.kept)
    return restored





def dumps(a: Assessment, now: dt.datetime | None = None) -> bytes:
    """UTF-8 JSON bytes, readable in a text editor (indented, non-ASCII kept)."""
    text = json.dumps(to_dict(a, now), ensure_ascii=False, indent=1, default=str)
    # "replace": a lone surrogate pasted into a field becomes "?" instead of making the save impossible
    return (text + "\n").encode("utf-8", "replace")


def save(a: Assessment, path: Path, now: dt.datetime | None = None) -> None:
    """Write ``a`` to ``path`` atomically, keeping the previous file as ``.bak``.

    Refuses (S012) to overwrite a file written by a newer app: its fields this app does not know
    would be lost. The user saves under another name instead.
    """
    path = Path(path)
    found = _version_on_disk(path)
    if found is not None and found > FORMAT_VERSION:
        raise StorageError(Problem("S012", {"path": str(path), "found": found, "supported": FORMAT_VERSION},
                                   str(path)))
    atomic_write(path, dumps(a, now))


def _version_on_disk(path: Path) -> int | None:
    """The ``format_version`` near the start of an existing file (writers put it second), if any."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return None
    m = _VERSION_HEAD.search(head)
    return int(m.group(1)) if m else None


def load(path: Path, q: Questionnaire) -> ReadResult:
    """Read an assessment file; raises :class:`UserError` subclasses with a plain message."""
    path = Path(path)
    return loads(read_capped(path), q, str(path))


def read_capped(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of ``path``, refusing files over ``limit`` before reading them (S007)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise StorageError(Problem("S007", {"size": size, "limit": limit, "path": str(path)}, str(path)))
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)  # the file may have grown since stat
    except OSError as exc:
        raise storage_error(exc, path, writing=False) from exc
    if len(raw) > limit:
        raise StorageError(Problem("S007", {"size": len(raw), "limit": limit, "path": str(path)}, str(path)))
    return raw


def peek_questionnaire_id(path: Path, default: str = "standard") -> str:
    """The questionnaire id stamped in an assessment file, or ``default`` when it cannot be read.

    Used to choose the questionnaire before the full read, which then reports any actual problem.
    """
    try:
        data = _parse_json(read_capped(path), str(path))
    except UserError:
        return default
    if not isinstance(data, dict):
        return default
    stamp = data.get("questionnaire")
    qid = stamp.get("id") if isinstance(stamp, dict) else stamp  # format 0 stored the bare id
    return qid if isinstance(qid, str) and qid else default


def loads(raw: bytes | str, q: Questionnaire, name: str = "<input>") -> ReadResult:
    """Parse and check assessment JSON against ``q``; bad values are reported, never silently dropped."""
    if len(raw) > MAX_BYTES:
        raise StorageError(Problem("S007", {"size": len(raw), "limit": MAX_BYTES, "path": name}, name))
    data = _parse_json(raw, name)
    if not isinstance(data, dict):
        raise AssessmentError(Problem("A012", {"found": type(data).__name__}, name))
    if data.get("format") != FORMAT:
        raise AssessmentError(Problem("A012", {"found": shown(data.get("format"))}, name))
    version = migrations.detect_version(data)
    if version is None:
        raise AssessmentError(Problem("A013", {"field": "format_version", "expected": "0, 1, 2, …",
                                               "got": shown(data.get("format_version"))}, name))
    migrated = version < FORMAT_VERSION
    if migrated:
        data = migrations.migrate(data, version)
    reader = Reader(q, name)
    a = reader.assessment(data)
    result = ReadResult(a, reader.problems, read_only=version > FORMAT_VERSION, format_version=version,
                        migrated=migrated)
    if result.read_only:
        result.problems.insert(0, Problem("A011", {"found": version, "supported": FORMAT_VERSION}, name))
    if migrated:
        result.problems.insert(0, Problem("A018", {"found": version, "current": FORMAT_VERSION}, name))
    return result


def _parse_json(raw: bytes | str, name: str) -> Any:
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        if isinstance(raw, bytes) and exc.reason == "unexpected end of data":
            # cut inside a multi-byte character: a truncated file, whose backup may be whole
            raise AssessmentError(Problem("A017", {"detail": f"cut off: {exc.reason}"}, name)) from None
        raise AssessmentError(Problem("A010", {"detail": f"not UTF-8: {exc.reason}"}, name)) from None
    if not text.strip():
        raise AssessmentError(Problem("A017", {"detail": "empty file"}, name))
    try:
        # NaN/Infinity are read (and then refused field by field, A001) so a file holding one still opens
        data = preserve.loads_unique(text)
        if _SURROGATE_ESCAPE.search(text) or _RAW_SURROGATE.search(text):
            # "\ud800" without its pair parses but can never be written back as UTF-8: make it "?"
            data = json.loads(json.dumps(data, ensure_ascii=False).encode("utf-8", "replace"))
        return data
    except preserve.DuplicateKeyError as exc:
        raise AssessmentError(Problem("A021", {"key": shown(exc.key), "line": exc.line or "?",
                                               "column": exc.column or "?"}, name, exc.line, exc.column)) from None
    except json.JSONDecodeError as exc:
        # a string that never closes runs to the end of the text: cut off too (the error points at its start)
        truncated = exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated string")
        code = "A017" if truncated else "A010"
        raise AssessmentError(Problem(code, {"detail": exc.msg}, name, exc.lineno, exc.colno)) from None
    except RecursionError:
        raise AssessmentError(Problem("A010", {"detail": "nested too deeply"}, name)) from None
    except ValueError as exc:  # an integer of thousands of digits
        raise AssessmentError(Problem("A010", {"detail": shown(str(exc))}, name)) from None
