"""The xlsx writer as it was before its rows were written as XML text (commit 5c2a029): the test's reference.

Every cell goes through openpyxl's own write-only sheet (``ws.append`` of styled ``WriteOnlyCell``s); the
fast writer in :mod:`app.exchange.writers` must produce the same workbook cell by cell.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from app.exchange import sheet_print
from app.exchange.reader import Cell
from app.exchange.tables import Table
from app.exchange.writers import _formula_like

_MAX_SHEET_TITLE = 31
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WRAP_AT = 24


def column_widths(rows: Iterable[Sequence[object]], cap: int = 40, minimum: dict[int, int] | None = None) \
        -> dict[int, float]:
    """Each 1-based column's width from its longest value, capped so long texts wrap (what :func:`fit_widths` sets)."""
    widths: dict[int, int] = dict(minimum or {})
    for row in rows:
        for col, value in enumerate(row, 1):
            w = min(sheet_print.display_width(value), cap)
            if w > widths.get(col, -1):
                widths[col] = w
    return {col: max(sheet_print.MIN_WIDTH, min(sheet_print.MAX_WIDTH, w + 2)) for col, w in widths.items()}


def row_height(values: Sequence[object], wrapped: Sequence[bool], widths: dict[int, float],
               line_height: float = 15.0, max_lines: int = 8) -> float | None:
    """The height a row needs for its wrapped texts in columns of ``widths`` (``None``: one line is enough)."""
    lines = 1
    for col, (value, wrap) in enumerate(zip(values, wrapped, strict=False), 1):
        if not wrap or not isinstance(value, str):
            continue
        usable = int(max(1.0, (widths.get(col) or 8.43) - 1))
        needed = sum(-(-sheet_print._text_width(part) // usable) or 1 for part in value.split("\n"))
        lines = max(lines, min(max_lines, needed))
    return line_height * lines if lines > 1 else None



def _date_cell(value: Cell) -> Cell | dt.date:
    """An ISO date text (``2026-10-15``) as a date, so the spreadsheet sorts, filters and prints it as one."""
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _styles(ws: Any) -> dict[tuple[bool, str | None], Any]:
    """One style record per (wrapped, number format) a data cell can have, shared by every cell that uses it.

    Styling each cell through its attributes makes openpyxl hash and look up the style objects again for
    every cell, which dominated the export of big sheets; copying a shared record costs next to nothing.
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    top, wrap = Alignment(vertical="top"), Alignment(wrap_text=True, vertical="top")
    out: dict[tuple[bool, str | None], Any] = {}
    for wrapped in (False, True):
        for fmt in (None, sheet_print.DATE_FORMAT, sheet_print.HOURS_FORMAT, sheet_print.YEN_FORMAT,
                    sheet_print.COUNT_FORMAT, sheet_print.number_format(sheet_print.COUNT_FORMAT, 0.5), "0.0"):
            proto = WriteOnlyCell(ws)
            proto.alignment = wrap if wrapped else top
            if fmt:
                proto.number_format = fmt
            out[(wrapped, fmt)] = proto._style  # openpyxl's own copy_worksheet shares records this way
    return out


def _cells(table: Table) -> list[list[Any]]:
    """The rows as written: illegal characters dropped, ISO dates as dates."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return [[_date_cell(ILLEGAL_CHARACTERS_RE.sub("", v)) if isinstance(v, str) else v for v in row]
            for row in table.rows]


def _head(ws: Any, headers: list[str]) -> list[Any]:
    """The heading row's cells: bold on grey, wrapped."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    head: list[Any] = []
    for h in headers:
        cell = WriteOnlyCell(ws, h)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        head.append(cell)
    return head


def _sheet(wb: Any, table: Table, title: str) -> None:
    """One table as a streamed (write-only) sheet: every row is styled once as it is written."""
    from copy import copy

    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    rows = _cells(table)
    # Widths and row heights are known before writing (a streamed sheet cannot be measured afterwards).
    widths = column_widths(rows, cap=_WRAP_AT, minimum={
        i: min(sheet_print.display_width(h), 10) for i, h in enumerate(table.headers, 1)})
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    head_height = row_height(list(table.headers), [True] * len(table.headers), widths)
    if head_height:
        ws.row_dimensions[1].height = head_height
    for index, row in enumerate(rows, 2):
        height = row_height(row, [isinstance(v, str) for v in row], widths)
        if height:
            ws.row_dimensions[index].height = height
    ws.freeze_panes = "A2"
    sheet_print.setup_print(ws, "1:1", table.title)  # before the first row: a streamed sheet writes its top then
    ws.append(_head(ws, table.headers))
    styles = _styles(ws)
    formats = [sheet_print.format_for_header(str(h)) for h in table.headers]
    # One cell per style, refilled for each value: a streamed sheet writes each cell as soon as the row
    # generator yields it, so the next value may reuse the object (openpyxl builds a cell per value anyway).
    cells: dict[tuple[bool, str | None], Any] = {}
    for key, record in styles.items():
        cells[key] = WriteOnlyCell(ws)
        cells[key]._style = copy(record)  # a shared record, see _styles

    def streamed(row: list[Any]) -> Iterator[Any]:
        for j, value in enumerate(row):
            if value is None:
                yield None  # an empty cell: nothing to write (openpyxl skips it), nothing to style
                continue
            fmt = formats[j] if j < len(formats) else None
            formula = _formula_like(value)
            if formula:
                fmt = None
            elif isinstance(value, dt.date):
                fmt = sheet_print.DATE_FORMAT
            elif fmt and isinstance(value, int | float) and not isinstance(value, bool):
                fmt = sheet_print.number_format(fmt, value)
            else:
                fmt = None
            cell = cells[(isinstance(value, str), fmt)]
            cell.value = value
            if formula:
                cell.data_type = "s"  # keep it as text: never evaluate what a user typed
            yield cell

    for row in rows:
        ws.append(streamed(row))
    if table.rows:
        width = max([len(table.headers), *(len(r) for r in table.rows)])
        ws.auto_filter.ref = f"A1:{get_column_letter(width)}{len(table.rows) + 1}"


def xlsx_bytes(tables: list[Table]) -> bytes:
    """The tables as the previous writer wrote them: every cell through openpyxl's write-only sheet."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    used: set[str] = set()
    for table in tables:
        title = re.sub(r"[\[\]:*?/\\]", "_", table.title)[:_MAX_SHEET_TITLE] or "Sheet"
        n = 2
        while title in used:
            title = f"{title[:_MAX_SHEET_TITLE - 3]}_{n}"
            n += 1
        used.add(title)
        _sheet(wb, table, title)
    if not wb.worksheets:
        wb.create_sheet("Sheet")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
