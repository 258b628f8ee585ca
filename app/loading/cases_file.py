"""Read and write the case catalogue (庁内事例集) as plain YAML the improvement team can edit.

The file is ``format: kaizen-cases``, ``format_version: 1`` and a list ``cases`` of mappings with the
fields of :class:`app.domain.cases.Case`. Reading is the safe loader of :mod:`app.loading.yaml_safe`
(no tags, size and node caps); every problem is reported with its line and column, all at once.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import yaml

from app.domain.cases import CASE_FIELDS, HOUR_FIELDS, MAX_HOURS, MAX_TEXT, Case
from app.domain.catalogue import Words
from app.domain.errors import Problem, UserError
from app.domain.values import number_text
from app.loading.builder import pos_of
from app.loading.yaml_safe import Located, LocatedList, load_file, load_text

# what C003 asks for, in the message's own language (the English words stood in the Japanese message)
_LIST = Words("一覧（リスト）", "a list")
_MAPPING = Words("「項目: 値」の組", "a mapping of fields")
_TEXT = Words(f"{MAX_TEXT:,}字以内の文字", f"text of at most {MAX_TEXT:,} characters")
_HOURS = Words("0以上の時間（数値）", "hours, 0 or more")
_TEXTS = Words("文字の一覧（リスト）", "a list of texts")

FORMAT = "kaizen-cases"
FORMAT_VERSION = 1
TOP_FIELDS = ("format", "format_version", "generated", "cases")  # what dumps writes
TEXT_FIELDS = ("assessment_id", "action_id", "department", "section", "task_name", "task_category", "measure_id",
               "measure_label", "title", "before", "after", "comment", "tips", "contact", "done_date")
REQUIRED = ("assessment_id", "action_id", "department", "measure_id")


class CasesError(UserError):
    """A case catalogue that cannot be read as one."""


def dumps(cases: list[Case], generated: dt.date | None = None) -> bytes:
    """The catalogue as UTF-8 YAML: one mapping per case, fields in a fixed order, empty fields left out."""
    rows: list[dict[str, Any]] = []
    for c in cases:
        row: dict[str, Any] = {}
        for name in CASE_FIELDS:
            value = getattr(c, name)
            if name == "pains":
                value = list(value)
            elif name in HOUR_FIELDS and value is not None:
                value = round(float(value), 1)
            if value not in ("", None, []):
                row[name] = value
        rows.append(row)
    doc = {"format": FORMAT, "format_version": FORMAT_VERSION,
           "generated": (generated or dt.date.today()).isoformat(), "cases": rows}
    head = "# 庁内事例集 / office case catalogue (kaizen-check cases). 編集してかまいません。\n"
    return (head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)).encode("utf-8")


def loads(text: str, name: str = "<input>") -> list[Case]:
    """The cases of a catalogue text; :class:`CasesError` listing every problem when it is not a valid one."""
    return _build(load_text(text, name), name)


def load(path: Path) -> list[Case]:
    """The cases of a catalogue file (size-capped, UTF-8 with or without BOM)."""
    return _build(load_file(Path(path)), str(path))


def _build(data: Any, name: str) -> list[Case]:
    problems: list[Problem] = []

    def add(code: str, at: tuple[int, int], where: str = "", **params: object) -> None:
        problems.append(Problem(code, params, name, at[0], at[1], where))

    if not isinstance(data, Located) or data.get("format") != FORMAT:
        raise CasesError(Problem("C001", {"format": FORMAT}, name, *pos_of(data)))
    for key in data:  # anything else would be dropped when the catalogue is written again (cases -o)
        if key not in TOP_FIELDS:
            add("C010", pos_of(data, key), str(key), field=key, known=", ".join(TOP_FIELDS))
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        add("C002", pos_of(data, "format_version"), "format_version", found=version, supported=FORMAT_VERSION)
    raw = data.get("cases")
    if not isinstance(raw, LocatedList):
        add("C003", pos_of(data, "cases") if "cases" in data else pos_of(data), "cases", field="cases",
            kind=_LIST)
        raise CasesError(problems)
    out: list[Case] = []
    seen: set[tuple[str, str]] = set()
    for n, entry in enumerate(raw):
        where = f"cases[{n}]"
        before = len(problems)
        case = _case(entry, raw.item_pos[n] if n < len(raw.item_pos) else pos_of(raw), where, add)
        if case is None or len(problems) > before:
            continue
        if case.key in seen:
            add("C006", pos_of(entry), where, assessment_id=case.assessment_id, action_id=case.action_id)
            continue
        seen.add(case.key)
        out.append(case)
    if problems:
        raise CasesError(problems)
    return out


def _named(entry: Located, where: str) -> str:
    """A case as its message names it: ``cases[3]（a / a1）``, the key when the entry has one."""
    key = [str(entry.get(k))[:40] for k in ("assessment_id", "action_id") if isinstance(entry.get(k), str | int)]
    return f"{where}（{' / '.join(key)}）" if len(key) == 2 else where


def _case(entry: Any, at: tuple[int, int], where: str, add: Any) -> Case | None:
    """One entry as a case; its problems go to ``add``."""
    if not isinstance(entry, Located):
        add("C003", at, where, field=where, kind=_MAPPING)
        return None
    values: dict[str, Any] = {}
    for key in entry:
        if key not in CASE_FIELDS:
            add("C004", pos_of(entry, key), f"{where}.{key}", field=key, known=", ".join(CASE_FIELDS))
    for key in TEXT_FIELDS:
        value = entry.get(key, "")
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # an id or a figure the editor left unquoted
        if not isinstance(value, str) or len(value) > MAX_TEXT:
            add("C003", pos_of(entry, key), f"{where}.{key}", field=key, kind=_TEXT)
            continue
        values[key] = value.strip()
    for key in HOUR_FIELDS:
        value = entry.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                                  or not math.isfinite(value) or value < 0):
            add("C003", pos_of(entry, key), f"{where}.{key}", field=key, kind=_HOURS)
            continue
        if value is not None and value > MAX_HOURS:  # 1e308 hours saved would lead every list of cases
            add("C012", pos_of(entry, key), f"{where}.{key}", case=_named(entry, where), field=key,
                max=f"{MAX_HOURS:,}", value=number_text(value))
            continue
        values[key] = None if value is None else float(value)
    pains = entry.get("pains", [])
    if not isinstance(pains, list) or not all(isinstance(p, str) for p in pains):
        add("C003", pos_of(entry, "pains"), f"{where}.pains", field="pains", kind=_TEXTS)
        return None
    missing = [k for k in REQUIRED if not values.get(k)]
    for key in missing:
        add("C005", pos_of(entry), where, field=key)
    if missing or len(values) < len(TEXT_FIELDS) + len(HOUR_FIELDS):
        return None
    return Case(pains=tuple(pains), **values)
