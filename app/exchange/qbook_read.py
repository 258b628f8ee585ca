"""Reading a questionnaire workbook back: every changed cell becomes an :class:`Edit` of the base YAML.

The workbook is bounded before openpyxl sees it (:mod:`app.exchange.qbook_open`: file size, zip members,
uncompressed size and ratio; here: rows and columns), then checked as a whole: the questionnaire it
belongs to, sheets, headings, merged cells, formulas, key rows (none deleted, none unknown, none twice)
and each cell's value (numbers, ranges, はい/いいえ, choices, dates, expressions). Every problem names
``sheet!cell`` with what was expected and how to fix it; they are raised together and no edit is
returned when there is any.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain import expressions
from app.domain.catalogue import Words
from app.domain.errors import ExpressionError, Problem
from app.domain.questionnaire import Questionnaire
from app.domain.values import number_text, parse_number
from app.exchange import qbook_cases
from app.exchange.qbook_cases import CaseBook
from app.exchange.qbook_open import open_book
from app.exchange.qbook_spec import (
    CONTACT_LABEL,
    CONTACT_SETTING,
    NO,
    YES,
    Column,
    Segment,
    SheetRow,
    SheetSpec,
    col_id,
    column_path,
    sheets,
)
from app.exchange.qbook_write import FIRST_ROW, HEADER_ROW, ID_CELL, INFO_SHEET, VERSION_CELL
from app.exchange.reader import SpreadsheetError

MAX_ROWS, MAX_COLUMNS = 2000, 60
REQUIRED_TEXTS = ("label", "provenance", "message", "text")  # a Japanese text here may not be cleared
_UNCHANGED = object()  # a column the window did not touch (see check_cell)


@dataclass(frozen=True)
class Edit:
    """One change to the base YAML: set ``path`` to ``value`` (``None`` removes it); ``add`` appends a row."""

    path: tuple[Segment | int, ...]
    value: object
    where: str
    add: bool = False


def added_setting(setting: str, text: str, english: str, where: str) -> Edit:
    """The edit that adds text setting ``setting`` (the team's contact) to a questionnaire without it."""
    texts = {"ja": text, **({"en": english} if english else {})}
    label = dict(CONTACT_LABEL) if setting == CONTACT_SETTING else {"ja": setting}
    return Edit(("settings", setting), {"text": texts, "label": label}, where)


class _Reader:
    def __init__(self, name: str, base: Questionnaire) -> None:
        self.name = name
        self.base = base
        self.problems: list[Problem] = []
        self.edits: list[Edit] = []

    def add(self, code: str, where: str, **params: object) -> None:
        # the cell is part of the message (the window shows messages without locations)
        self.problems.append(Problem(code, {"cell": where, **params}, self.name))

    def meta(self, wb: Any) -> None:
        if INFO_SHEET not in wb.sheetnames:
            self.add("X102", f"{INFO_SHEET}!A1", sheet=INFO_SHEET)
            return
        ws = wb[INFO_SHEET]
        found_id, found_version = ws[ID_CELL].value, ws[VERSION_CELL].value
        if str(found_id or "") != self.base.id:
            self.add("X101", f"{INFO_SHEET}!{ID_CELL}", found=found_id or "", expected=self.base.id)
        elif str(found_version or "") != self.base.version:
            self.add("X117", f"{INFO_SHEET}!{VERSION_CELL}", found=found_version or "", expected=self.base.version,
                     id=self.base.id)

    def sheet(self, wb: Any, spec: SheetSpec) -> None:
        from openpyxl.utils import get_column_letter

        if spec.name not in wb.sheetnames:
            self.add("X102", f"{spec.name}!A1", sheet=spec.name)
            return
        ws = wb[spec.name]
        if (ws.max_row or 0) > MAX_ROWS or (ws.max_column or 0) > MAX_COLUMNS:
            self.add("X115", f"{spec.name}!A1", rows=ws.max_row, columns=ws.max_column, max_rows=MAX_ROWS,
                     max_columns=MAX_COLUMNS)
            return
        for rng in ws.merged_cells.ranges:
            self.add("X105", f"{spec.name}!{rng.coord}", range=rng.coord)
        for i, c in enumerate(spec.columns, 1):
            got = ws.cell(HEADER_ROW, i).value
            if str(got or "") != c.header:
                self.add("X103", f"{spec.name}!{get_column_letter(i)}{HEADER_ROW}", expected=c.header, got=got or "")
        if any(p.code == "X103" and str(p.params["cell"]).startswith(spec.name + "!") for p in self.problems):
            return  # columns moved: reading values under the wrong heading would only add noise
        self.rows(ws, spec)

    def rows(self, ws: Any, spec: SheetSpec) -> None:
        by_key = {row.key: row for row in spec.rows}
        seen: dict[object, str] = {}
        for r in range(FIRST_ROW, (ws.max_row or 0) + 1):
            cells = [ws.cell(r, i) for i in range(1, len(spec.columns) + 1)]
            formulas = [c for c in cells if c.data_type == "f"]
            for cell in formulas:
                self.add("X104", f"{spec.name}!{cell.coordinate}", formula=str(cell.value)[:60])
            if all(c.value is None or str(c.value).strip() == "" for c in cells):
                continue
            key = _key(cells[0].value, spec, by_key)
            where = f"{spec.name}!A{r}"
            if key in seen:
                self.add("X112", where, key=key, first=seen[key])
                continue
            if key is None or key == "":
                self.add("X120", where, column=spec.columns[0].header)
                continue
            seen[key] = where
            if formulas:
                continue  # the row's other values would only be checked against a half-read row
            row = by_key.get(key)
            if row is None and not spec.can_add:
                self.add("X111", where, key=key if key is not None else "", sheet=spec.name, source=spec.source)
                continue
            self.row(spec, row, key, cells)
        for key, row in by_key.items():
            if key not in seen:
                self.add("X110", f"{spec.name}!A{FIRST_ROW + spec.rows.index(row)}", key=key, sheet=spec.name,
                         hint=spec.instead)

    def row(self, spec: SheetSpec, row: SheetRow | None, key: object, cells: list[Any]) -> None:
        if row is not None and row.absent:
            self.absent(spec, row, cells)
            return
        new: dict[str, object] = {spec.key_field: key}
        final: dict[str, object] = {}  # each column's value after the import: what was read, else what it was
        places: dict[str, str] = {}
        for c, cell in zip(spec.columns, cells, strict=True):
            where = places[col_id(c)] = f"{spec.name}!{cell.coordinate}"
            old = final[col_id(c)] = row.values.get(col_id(c)) if row is not None else None
            if not c.editable or (row is not None and c.field in row.locked) or cell.value is _UNCHANGED:
                continue
            ok, value = self.value(c, cell.value, where, row)
            if not ok:
                continue
            final[col_id(c)] = value
            if row is not None and _same(old, value):
                continue
            text = c.kind == "text" or (row is not None and row.text_value and c.field == "value")
            # a Japanese text the row has may not be cleared (the questionnaire needs ja wherever it has a text);
            # a card's steps may (空欄＝なし)
            required = c.required or (c.part == "ja" and (c.field in REQUIRED_TEXTS or old is not None))
            if value is None and required and (old is not None or row is None):
                if text:
                    self.add("X116", where, column=c.header)
                else:  # a number, a rate or a condition the questionnaire cannot do without
                    self.add("X128", where, column=c.header, old=old)
                    final[col_id(c)] = old
                continue
            if row is None:
                if value is not None:
                    new[col_id(c)] = value
                continue
            path = (*row.path, *column_path(c))
            if row.text_value and c.field == "value":
                path = (*row.path, "text", "ja")  # a text setting keeps its words under text
            self.edits.append(Edit(path, value, where))
        self.english_alone(spec, final, places)
        if row is None:
            self.edits.append(Edit(spec.list_path, new, f"{spec.name}!{cells[0].coordinate}", add=True))

    def english_alone(self, spec: SheetSpec, final: dict[str, object], places: dict[str, str]) -> None:
        """An English text without its Japanese one is X116 at the Japanese cell (Japanese first)."""
        for c in spec.columns:
            ja = f"{c.field}.ja"
            if c.part != "en" or final.get(col_id(c)) is None or ja not in places or final.get(ja) is not None:
                continue
            if not any(p.params.get("cell") == places[ja] for p in self.problems):
                self.add("X116", places[ja], column=next(x.header for x in spec.columns if col_id(x) == ja))

    def absent(self, spec: SheetSpec, row: SheetRow, cells: list[Any]) -> None:
        """A text setting the file does not have yet: its Japanese (and English) value adds it as one edit."""
        texts: dict[str, object] = {}
        places: dict[str, str] = {}
        for c, cell in zip(spec.columns, cells, strict=True):
            if c.field in ("value", "text") and cell.value is not _UNCHANGED:
                places[c.part or "ja"] = f"{spec.name}!{cell.coordinate}"
                ok, value = self.value(c, cell.value, places[c.part or "ja"], row)
                if ok and value is not None:
                    texts[c.part or "ja"] = value
        if "ja" not in texts and "en" in texts:  # Japanese first: an English text alone adds nothing
            self.add("X116", places.get("ja", places["en"]), column=next(c.header for c in spec.columns
                                                                          if c.field == "value"))
        elif "ja" in texts:
            self.edits.append(added_setting(str(row.key), str(texts["ja"]), str(texts.get("en") or ""),
                                            places["ja"]))

    def value(self, c: Column, raw: object, where: str, row: SheetRow | None) -> tuple[bool, object]:
        if isinstance(raw, str):
            raw = raw.strip() or None
        if raw is None:
            return True, None
        if c.kind in ("text", "expr") or (row is not None and row.text_value):
            text = str(raw)
            if c.kind == "text" and c.maximum is not None and len(text) > c.maximum:
                self.add("X126", where, length=len(text), limit=int(c.maximum), column=c.header)
                return False, None
            if c.kind == "expr":
                try:
                    expressions.parse(text)
                except ExpressionError as exc:
                    first = exc.problems[0]
                    self.add("X113", where, detail=first.message("ja"), detail_en=first.message("en"))
                    return False, None
            return True, text
        if c.kind in ("flag", "date", "choice"):
            return self.picked(c, raw, where)
        number = _number(raw)
        if number is None:
            self.add("X106", where, got=raw, column=c.header)
            return False, None
        lo, hi = (row.bounds.get(c.field) if row is not None else None) or (c.minimum, c.maximum)
        if (lo is not None and number < lo) or (hi is not None and number > hi):
            self.add("X107", where, got=_fmt(number), minimum=_fmt(lo), maximum=_fmt(hi), column=c.header,
                     hint=_RATE if c.kind == "rate" else _NONE)
            return False, None
        return True, int(number) if float(number).is_integer() and c.kind != "rate" else number


    def picked(self, c: Column, raw: object, where: str) -> tuple[bool, object]:
        """A はい/いいえ flag, a date or one of a column's choices."""
        if c.kind == "flag":
            if raw in (YES, NO, True, False):
                return True, raw in (YES, True)
            self.add("X108", where, got=raw, choices=f"{YES}／{NO}")
            return False, None
        if c.kind == "date":
            day = qbook_cases.date_value(raw)
            if day is None:
                self.add("X125", where, got=raw, column=c.header)
                return False, None
            return True, day
        if str(raw) in c.choices:
            return True, str(raw)
        self.add("X109", where, got=raw, choices="、".join(c.choices))
        return False, None


def _key(raw: object, spec: SheetSpec, by_key: dict[object, SheetRow]) -> object:
    if isinstance(raw, str):
        raw = raw.strip()
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if raw not in by_key and isinstance(raw, str) and raw.isdigit() and int(raw) in by_key:
        return int(raw)
    return raw


def _number(raw: object) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    text = str(raw).strip()
    if text.endswith(("%", "％")):
        n = parse_number(text[:-1])
        return None if n is None else n / 100
    return parse_number(text)


# X107's last words, true for the column it names (the rate's example stood under every number)
_RATE = Words("（削減率は 0.3＝30%）", " (a rate of 0.3 = 30 %)")
_FIRST_BAND = Words("（区分1のしきい値は0です）", " (band 1 starts at 0)")
_NONE = Words("", "")


def _fmt(x: float | None) -> str:
    return "" if x is None else number_text(x)  # 1,000,000 and 0.3 (was 1e+06), 1e+308


def _same(old: object, new: object) -> bool:
    if isinstance(old, int | float) and isinstance(new, int | float) and not isinstance(old, bool):
        return abs(float(old) - float(new)) < 1e-12
    if isinstance(old, dt.date) and isinstance(new, str):
        return old.isoformat() == new  # a date cell against the date read back
    if isinstance(old, str) and isinstance(new, str):
        return old.strip() == new.strip()
    if old in (YES, NO) and isinstance(new, bool):
        return (old == YES) == new
    return old == new


def read_edits(path: Path, base: Questionnaire, ranges: dict[str, tuple[float, float]],
               catalogue: CaseBook | None = None) -> list[Edit]:
    """The changes a workbook makes to ``base`` (and, on its 事例 sheet, to ``catalogue``).

    Raises :class:`SpreadsheetError` with every problem found. A workbook whose 説明 sheet names a
    catalogue needs that catalogue, unchanged since the export (X122, X123); one that names none has no
    事例 sheet to read, whatever ``catalogue`` is given.
    """
    wb, name = open_book(Path(path))
    reader = _Reader(name, base)
    try:
        reader.meta(wb)
        cases = _catalogue(reader, wb, catalogue)
        if not any(p.code == "X101" for p in reader.problems):
            for spec in sheets(base, ranges, cases):
                reader.sheet(wb, spec)
                if spec.key_field == "level":
                    _check_bands(reader, spec)
    finally:
        wb.close()
    if reader.problems:
        raise SpreadsheetError(reader.problems)
    return reader.edits


def _check_bands(reader: _Reader, spec: SheetSpec) -> None:
    """Thresholds must rise with the level, from 0: named at the cell, not later as a YAML problem."""
    from openpyxl.utils import get_column_letter

    edited = {e.path[-2]: e.value for e in reader.edits if e.path[:2] == spec.list_path and e.path[-1] == "min_hours"}
    col = next(i for i, c in enumerate(spec.columns, 1) if c.field == "min_hours")
    previous: tuple[object, float] | None = None
    for r, row in enumerate(spec.rows, FIRST_ROW):
        value = edited.get(("level", row.key), row.values.get("min_hours"))
        if not isinstance(value, int | float):
            return  # a cell that is not a number is reported already
        where = f"{spec.name}!{get_column_letter(col)}{r}"
        if previous is None and value != 0:
            reader.add("X107", where, got=_fmt(float(value)), minimum="0", maximum="0",
                       column=spec.columns[col - 1].header, hint=_FIRST_BAND)
            return
        if previous is not None and value <= previous[1]:
            reader.add("X121", where, level=row.key, value=_fmt(float(value)), previous=previous[0],
                       previous_value=_fmt(previous[1]))
            return
        previous = (row.key, float(value))


def _catalogue(reader: _Reader, wb: Any, catalogue: CaseBook | None) -> SheetSpec | None:
    """The 事例 sheet to read: the catalogue the 説明 sheet names, when it is the one given and unchanged."""
    if INFO_SHEET not in wb.sheetnames:
        return None
    ws = wb[INFO_SHEET]
    named, code = ws[qbook_cases.NAME_CELL].value, ws[qbook_cases.CODE_CELL].value
    if not named or not code:
        return None
    if catalogue is None:
        reader.add("X122", f"{INFO_SHEET}!{qbook_cases.NAME_CELL}", name=named)
        return None
    if str(code).strip() != catalogue.code:
        reader.add("X123", f"{INFO_SHEET}!{qbook_cases.CODE_CELL}", name=catalogue.path)
        return None
    return qbook_cases.cases_sheet(catalogue)


def check_cell(base: Questionnaire, spec: SheetSpec, row: SheetRow, column: Column, raw: object
               ) -> tuple[Edit | None, Problem | None]:
    """One value typed in the window, checked by the same rules as a workbook cell: (edit if changed, problem)."""
    reader = _Reader("", base)
    where = f"{spec.name}!{row.key}.{col_id(column)}"
    reader.row(spec, row, row.key, [_Typed(raw, where, c is column) for c in spec.columns])
    if reader.problems:
        first = reader.problems[0]
        name = row.values.get("label.ja") or row.key
        return None, Problem(first.code, {**first.params, "cell": f"{name}（{column.header}）"})
    return (reader.edits[0] if reader.edits else None), None


class _Typed:
    """A stand-in for a worksheet cell: the typed value in its own column, the unchanged value elsewhere."""

    def __init__(self, value: object, coordinate: str, mine: bool) -> None:
        self.value = value if mine else _UNCHANGED
        self.coordinate = coordinate
        self.data_type = "s"
