"""Turning the rows of a task sheet into task answers, with a note for every row or cell left out.

Rows below the header are read one by one: blank rows, subtotal rows (小計・合計・総計) and rows
without a task name are skipped and counted; every cell goes through the same value rules as typing
in the wizard (:func:`app.domain.values.coerce`: full-width digits, ``1,200``, ``3月``, ``○``), and a
cell that does not fit is reported by row and column and left blank rather than dropping the task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.domain.catalogue import Words
from app.domain.errors import Problem, UserError
from app.domain.questionnaire import Questionnaire
from app.domain.values import coerce, normalise
from app.exchange.layout import Layout, column_letter
from app.exchange.reader import Cell, Grid, SpreadsheetError

# "小計", "窓口業務 小計", "【合計】", "計" — but not a task such as "決算合計表の作成" nor a label like "収納・会計"
_SUBTOTAL = re.compile(r"^[\W_]*((.{0,12}?)(小計|中計|合計|総計|総合計|累計)|計)[\W_]*$")
_HEADING = re.compile(r"^[【［\[<＜■◆●□◇○・].*[】］\]>＞]?$")
_UNKNOWN_FIELD = Words("この項目は業務一覧にありません。", "There is no such field.")
_USED_TWICE = Words("1つの列を2つの項目に使っています。", "A column is used twice.")
_LISTED = 5  # cells named in X016; the count says how many there are
SKIP_REASONS = ("blank", "subtotal", "heading", "no_name", "example")
# The worked example row of the blank inventory workbook (app/exchange/template.py): never a task.
EXAMPLE_MARKS = ("【記入例】", "[記入例]", "（記入例）", "(記入例)", "記入例:", "記入例：")


@dataclass
class ImportResult:
    """What a sheet gave: task answers ready to add, and what was left out and why."""

    tasks: list[dict[str, Any]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # 1-based sheet row of each task
    problems: list[Problem] = field(default_factory=list)
    skipped: dict[str, list[int]] = field(default_factory=lambda: {r: [] for r in SKIP_REASONS})
    # cells whose value does not fit (「たくさん」, −5): (index in ``tasks``, item id, value as in the sheet),
    # kept by the caller in ``Assessment.unplaced`` like such a value in a file
    kept: list[tuple[int, str, Any]] = field(default_factory=list)


def is_subtotal(row: list[Cell]) -> bool:
    """Whether any cell of the row is a subtotal label."""
    return any(isinstance(c, str) and _SUBTOTAL.match(normalise(c)) for c in row)


def is_heading(row: list[Cell], name: Cell) -> bool:
    """A group heading such as 【窓口業務】: one text merged across the row, or a bracketed name alone."""
    filled = [c for c in row if not _blank(c)]
    texts = [normalise(c) for c in filled if isinstance(c, str)]
    # a heading's text fills its merged cells; equal numbers (20 cases of 20 minutes) are a task's, not a heading
    if len(filled) >= 2 and len(texts) == len(filled) and len(set(texts)) == 1:
        return True
    return len(filled) == 1 and isinstance(name, str) and bool(_HEADING.match(normalise(name)))


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not normalise(cell))


def check_mapping(q: Questionnaire, layout: Layout, mapping: dict[str, int], source: str = "") -> None:
    """Raise :class:`SpreadsheetError` unless the mapping names the task-name column and known fields."""
    items = {i.id: i for i in q.items_of("task_grid") if i.is_input}
    problems: list[Problem] = []
    width = len(layout.columns)
    for fid, col in mapping.items():
        if fid not in items:
            problems.append(Problem("X003", {"field": fid, "column": column_letter(col) if col >= 0 else str(col),
                                             "reason": _UNKNOWN_FIELD}, source))
        elif not 0 <= col < width:
            problems.append(Problem("X003", {"field": items[fid].label.ja, "column": str(col),
                                             "reason": f"A–{column_letter(width - 1)}"}, source))
    if "name" not in mapping:
        problems.append(Problem("X002", {}, source))
    if len(set(mapping.values())) != len(mapping):
        dupes = sorted({column_letter(c) for c in mapping.values() if list(mapping.values()).count(c) > 1})
        problems.append(Problem("X003", {"field": "—", "column": "、".join(dupes), "reason": _USED_TWICE},
                                source))
    if problems:
        raise SpreadsheetError(problems)


def import_rows(q: Questionnaire, grid: Grid, layout: Layout, mapping: dict[str, int]) -> ImportResult:
    """Read the task rows below the header using ``mapping`` (field id → 0-based column)."""
    check_mapping(q, layout, mapping, grid.path)
    items = {i.id: i for i in q.items_of("task_grid") if i.is_input}
    _refuse_uncalculated(grid, layout, mapping)
    out = ImportResult()
    name_col = mapping["name"]
    for n in range(layout.data_start, len(grid.rows)):
        row = grid.rows[n]
        sheet_row = n + 1
        if all(_blank(c) for c in row):
            out.skipped["blank"].append(sheet_row)
            continue
        if is_subtotal(row):
            out.skipped["subtotal"].append(sheet_row)
            continue
        name = row[name_col] if name_col < len(row) else None
        if is_heading(row, name):
            out.skipped["heading"].append(sheet_row)
            continue
        if _blank(name):
            out.skipped["no_name"].append(sheet_row)
            continue
        if isinstance(name, str) and name.strip().startswith(EXAMPLE_MARKS):
            out.skipped["example"].append(sheet_row)
            continue
        answers: dict[str, Any] = {}
        for fid, col in sorted(mapping.items(), key=lambda x: list(items).index(x[0])):  # grid order in the file
            raw: Cell = row[col] if col < len(row) else None
            if _blank(raw):
                continue
            item = items[fid]
            where = f"{grid.sheet}!{column_letter(col)}{sheet_row}"
            value: object = raw
            if isinstance(raw, float) and raw.is_integer() and item.type in ("integer", "likert", "select_one"):
                value = int(raw)  # Excel stores every number as a float
            if item.type in ("text", "long_text"):
                value = _text(item, raw, out.problems, grid.path, where)
            try:
                coerced = coerce(item, value, where)
            except UserError as exc:
                # the cell stays blank in the figures; the task itself is still imported, the value kept
                out.problems.extend(Problem(p.code, p.params, grid.path, where=where) for p in exc.problems)
                out.kept.append((len(out.tasks), fid, raw if isinstance(raw, str | int | float) else str(raw)))
                continue
            if coerced is not None:
                answers[fid] = coerced
        out.tasks.append(answers)
        out.rows.append(sheet_row)
    return out


# A line break typed in a cell (Alt+Enter) to fit a narrow column: nothing between two Japanese characters,
# a space next to a letter or digit (the field is one line in the window and the plan)
_LINE_BREAK = re.compile(r"[ \t\u3000]*(?:\r\n|\r|\n)+[ \t\u3000]*")
_ALNUM = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]")


def _text(item: Any, raw: Cell, problems: list[Problem], source: str, where: str) -> str:
    """A text cell as the field holds it: one line for a one-line field, cut at its limit with X017 saying so.

    Left blank (A008), a name too long made a task without a name: in the plan, an unnamed task of thousands
    of hours. The beginning of the text is kept instead, and the notice names the cell and the lengths.
    """
    text = raw if isinstance(raw, str) else f"{raw:g}" if isinstance(raw, float) else str(raw)
    if item.type == "text":
        text = _LINE_BREAK.sub(lambda m: " " if _joins_words(m) else "", text.strip("\r\n"))
    limit = item.max_length
    if limit is not None and len(text) > limit:
        problems.append(Problem("X017", {"field": Words(item.label.ja, item.label.en or item.label.ja),
                                         "limit": limit, "length": len(text)}, source, where=where))
        text = text[:limit]
    return text


def _joins_words(match: re.Match[str]) -> bool:
    before, after = match.string[match.start() - 1:match.start()], match.string[match.end():match.end() + 1]
    return bool(_ALNUM.match(before) or _ALNUM.match(after))


def _refuse_uncalculated(grid: Grid, layout: Layout, mapping: dict[str, int]) -> None:
    """X016 when a task row's imported column holds a formula without a result (it would read as blank).

    Subtotal and heading rows are not tasks: their formulas do not matter. A formula in a column that is
    not imported does not either.
    """
    mapped = sorted(set(mapping.values()))
    name_col = mapping["name"]
    cells: list[str] = []
    for n in sorted(grid.uncalculated):
        pending = grid.uncalculated[n]
        if n < layout.data_start or n >= len(grid.rows) or not pending.intersection(mapped):
            continue
        row = grid.rows[n]
        if is_subtotal(row) or is_heading(row, row[name_col] if name_col < len(row) else None):
            continue
        cells.extend(f"{grid.sheet}!{column_letter(c)}{n + 1}" for c in mapped if c in pending)
    if cells:
        raise SpreadsheetError(Problem("X016", {"cells": "、".join(cells[:_LISTED]), "count": len(cells)},
                                       grid.path, where=cells[0]))
