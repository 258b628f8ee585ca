"""Read and write ``kaizen-assessment`` JSON files (format documented in docs/assessment-format.md)."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app import __version__
from app.domain.assessment import ACTION_TEXT_FIELDS, Action, Assessment, FollowUp, MeasureChoice, Task
from app.domain.errors import AssessmentError, Problem, StorageError, UserError
from app.domain.identity import derived_assessment_id, valid_assessment_id
from app.domain.questionnaire import Item, Questionnaire
from app.domain.values import coerce, parse_number
from app.domain.vocabulary import ACTION_STATUSES
from app.storage import migrations
from app.storage.atomic import atomic_write, storage_error

FORMAT = migrations.FORMAT
FORMAT_VERSION = migrations.CURRENT
# A department with a thousand tasks and long notes writes well under 2 MB; anything of tens of MB is
# not an assessment (or is damaged) and would freeze the window while it parses.
MAX_BYTES = 16 * 1024 * 1024
_SHOWN_CHARS = 80  # longest value quoted back in a message
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
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "questionnaire": {"id": a.questionnaire_id, "version": a.questionnaire_version},
        **({"assessment_id": a.assessment_id} if a.assessment_id else {}),
        **({"pack": dict(a.pack)} if a.pack else {}),
        "created": a.created or stamp,
        "modified": stamp,
        "lang": a.lang,
        "info": a.info,
        "tasks": [{"id": t.id, "answers": t.answers} for t in a.tasks],
        "focus": a.focus,
        "analysis": a.analysis,
        "measures": {tid: {mid: {"chosen": c.chosen, "answers": c.answers} for mid, c in per.items()}
                     for tid, per in a.measures.items()},
        "actions": [asdict(x) for x in a.actions],
        "unplaced": a.unplaced,
    }


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
        raise AssessmentError(Problem("A012", {"found": _shown(data.get("format"))}, name))
    version = migrations.detect_version(data)
    if version is None:
        raise AssessmentError(Problem("A013", {"field": "format_version", "expected": "0, 1, 2, …",
                                               "got": _shown(data.get("format_version"))}, name))
    migrated = version < FORMAT_VERSION
    if migrated:
        data = migrations.migrate(data, version)
    reader = _Reader(q, name)
    a = reader.assessment(data)
    result = ReadResult(a, reader.problems, read_only=version > FORMAT_VERSION, format_version=version,
                        migrated=migrated)
    if result.read_only:
        result.problems.insert(0, Problem("A011", {"found": version, "supported": FORMAT_VERSION}, name))
    if migrated:
        result.problems.insert(0, Problem("A018", {"found": version, "current": FORMAT_VERSION}, name))
    return result


def _shown(value: Any) -> str:
    """A value quoted back to the user, cut to a readable length."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + "…"


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
        data = json.loads(text)
        if _SURROGATE_ESCAPE.search(text) or _RAW_SURROGATE.search(text):
            # "\ud800" without its pair parses but can never be written back as UTF-8: make it "?"
            data = json.loads(json.dumps(data, ensure_ascii=False).encode("utf-8", "replace"))
        return data
    except json.JSONDecodeError as exc:
        # a string that never closes runs to the end of the text: cut off too (the error points at its start)
        truncated = exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated string")
        code = "A017" if truncated else "A010"
        raise AssessmentError(Problem(code, {"detail": exc.msg}, name, exc.lineno, exc.colno)) from None
    except RecursionError:
        raise AssessmentError(Problem("A010", {"detail": "nested too deeply"}, name)) from None
    except ValueError as exc:  # an integer of thousands of digits
        raise AssessmentError(Problem("A010", {"detail": _shown(str(exc))}, name)) from None


class _Reader:
    """Builds an Assessment from parsed JSON, collecting field problems instead of stopping."""

    def __init__(self, q: Questionnaire, name: str) -> None:
        self.q = q
        self.name = name
        self.problems: list[Problem] = []
        self.unplaced: dict[str, Any] = {}

    def shape(self, value: Any, kind: type, where: str) -> Any:
        if isinstance(value, kind):
            return value
        if value is not None:
            self.problems.append(Problem("A013", {"field": where, "expected": kind.__name__,
                                                  "got": type(value).__name__}, self.name, where=where))
        return kind()

    def answers(self, raw: Any, items: dict[str, Item], where: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in self.shape(raw, dict, where).items():
            item = items.get(key)
            if item is None or not item.is_input:
                if item is None:
                    self.unplaced[f"{where}.{key}"] = value
                continue
            try:
                coerced = coerce(item, value, f"{where}.{key}")
            except UserError as exc:
                self.problems.extend(Problem(p.code, {k: _shown(v) if isinstance(v, str | list | dict) else v
                                                      for k, v in p.params.items()}, self.name, where=p.where)
                                     for p in exc.problems)
                self.unplaced[f"{where}.{key}"] = value
                continue
            if coerced is not None:
                out[key] = coerced
        return out

    def assessment(self, data: dict[str, Any]) -> Assessment:
        q = self.q
        stamp = self.shape(data.get("questionnaire"), dict, "questionnaire")
        qid, qver = str(stamp.get("id", q.id)), str(stamp.get("version", q.version))
        if (qid, qver) != (q.id, q.version):
            self.problems.append(Problem("A014", {"id": qid, "version": qver, "current": q.version}, self.name))
        grid = {i.id: i for i in q.items_of("task_grid")}
        tasks: list[Task] = []
        seen: set[str] = set()
        for n, raw in enumerate(self.shape(data.get("tasks"), list, "tasks")):
            entry = self.shape(raw, dict, f"tasks[{n}]")
            raw_id = entry.get("id")
            tid = str(raw_id) if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) and raw_id != "" \
                else f"t{n + 1}"
            if tid in seen:
                self.problems.append(Problem("A016", {"id": tid}, self.name, where=f"tasks[{n}]"))
                tid = f"{tid}_{n + 1}"
            seen.add(tid)
            tasks.append(Task(tid, self.answers(entry.get("answers"), grid, f"tasks[{n}]")))
        analysis_items = {i.id: i for i in q.items_of("task_analysis")}
        analysis = {str(tid): self.answers(v, analysis_items, f"analysis.{tid}")
                    for tid, v in self.shape(data.get("analysis"), dict, "analysis").items()}
        focus_raw = data.get("focus")
        focus = [str(x) for x in focus_raw] if isinstance(focus_raw, list) else None
        a = Assessment(
            questionnaire_id=q.id, questionnaire_version=q.version,
            info=self.answers(data.get("info"), {i.id: i for i in q.items_of("page")}, "info"),
            tasks=tasks, focus=focus, analysis=analysis, measures=self.measures(data.get("measures")),
            actions=self.actions(data.get("actions")), created=str(data.get("created") or ""),
            modified=str(data.get("modified") or ""), lang="en" if data.get("lang") == "en" else "ja",
        )
        a.assessment_id = valid_assessment_id(data.get("assessment_id")) or derived_assessment_id(
            a.created, a.info.get("department"), a.info.get("section"))
        pack = data.get("pack")
        if isinstance(pack, dict) and all(isinstance(pack.get(k), str) for k in ("id", "version")):
            a.pack = {"id": pack["id"][:100], "version": pack["version"][:40]}
        previous = data.get("unplaced")
        if isinstance(previous, dict):
            self.unplaced = {**previous, **self.unplaced}
        a.unplaced = self.unplaced
        if self.unplaced:
            keys = sorted(self.unplaced)
            self.problems.append(Problem("A015", {"count": len(keys), "ids": ", ".join(keys[:5])}, self.name))
        return a

    def measures(self, raw: Any) -> dict[str, dict[str, MeasureChoice]]:
        known = {m.id: m for m in self.q.measures}
        out: dict[str, dict[str, MeasureChoice]] = {}
        for tid, per in self.shape(raw, dict, "measures").items():
            for mid, raw_entry in self.shape(per, dict, f"measures.{tid}").items():
                where = f"measures.{tid}.{mid}"
                if mid not in known:
                    self.unplaced[where] = raw_entry
                    continue
                entry = self.shape(raw_entry, dict, where)
                items = {i.id: i for i in (*self.q.measure_items, *known[mid].items)}
                out.setdefault(str(tid), {})[mid] = MeasureChoice(
                    bool(entry.get("chosen")), self.answers(entry.get("answers"), items, where))
        return out

    def actions(self, raw: Any) -> list[Action]:
        out: list[Action] = []
        for n, raw_entry in enumerate(self.shape(raw, list, "actions")):
            entry = self.shape(raw_entry, dict, f"actions[{n}]")
            action = Action(id=str(entry.get("id") or f"a{n + 1}"), task_id=str(entry.get("task_id", "")),
                            measure_id=str(entry.get("measure_id", "")))
            for key in ACTION_TEXT_FIELDS:
                value = entry.get(key)
                if isinstance(value, str):
                    setattr(action, key, value)
            status = entry.get("status")
            action.status = status if status in ACTION_STATUSES else "not_started"
            action.shareable = entry.get("shareable") is True
            hours = _hours(entry.get("realised_hours"))
            if hours is not None:
                action.realised_hours = hours
            for h in self.shape(entry.get("history"), list, f"actions[{n}].history"):
                if isinstance(h, dict) and h.get("status") in ACTION_STATUSES:
                    action.history.append(FollowUp(str(h.get("date", "")), str(h["status"]),
                                                   _hours(h.get("realised_hours")), str(h.get("note", ""))))
            out.append(action)
        return out


def _hours(raw: Any) -> float | None:
    """Realised hours as stored (a number, or text as typed); anything else, negative or not finite is None."""
    value = parse_number(raw) if isinstance(raw, str) else raw
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        hours = float(value)
    except OverflowError:  # an integer of hundreds of digits
        return None
    return hours if math.isfinite(hours) and hours >= 0 else None
