"""Writing export tables as .xlsx (one sheet per table) or .csv (UTF-8 with BOM, so Excel reads Japanese).

Text that starts like a formula (``=``, ``+``, ``@``, ``-x``) is written as text, never as a formula:
a task name typed as ``=HYPERLINK(...)`` must not run when a colleague opens the export.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from app.exchange import sheet_print
from app.exchange.reader import Cell
from app.exchange.tables import Table

_FORMULA_START = re.compile(r"^(=|\+|@|-(?![\d.]+$)|\t|\r)")
_MAX_SHEET_TITLE = 31  # Excel's limit
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WRAP_AT = 24  # wider texts wrap in a column this wide (digit widths): 20+ columns must fit one A4 width


def _formula_like(value: Cell) -> bool:
    return isinstance(value, str) and bool(_FORMULA_START.match(value))


def csv_bytes(table: Table) -> bytes:
    """One table as CSV: UTF-8 with BOM, CRLF line ends (what Excel on Windows expects)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow(["'" + v if isinstance(v, str) and _formula_like(v) else ("" if v is None else v)
                         for v in row])
    return out.getvalue().encode("utf-8-sig")


def _date_cell(value: Cell) -> Cell | dt.date:
    """An ISO date text (``2026-10-15``) as a date, so the spreadsheet sorts, filters and prints it as one."""
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _sheet(wb: Any, table: Table, title: str) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.create_sheet(title)
    top, wrap = Alignment(vertical="top"), Alignment(wrap_text=True, vertical="top")
    ws.append(table.headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    formats = [sheet_print.format_for_header(str(h)) for h in table.headers]
    for index, row in enumerate(table.rows, 2):
        ws.append([_date_cell(ILLEGAL_CHARACTERS_RE.sub("", v)) if isinstance(v, str) else v for v in row])
        # ws.cell is a lookup; ws[ws.max_row] scans every cell of the sheet each time (quadratic on big sheets)
        cells = [ws.cell(row=index, column=j) for j in range(1, len(row) + 1)]
        for cell, fmt in zip(cells, formats + [None] * max(0, len(row) - len(formats)), strict=False):
            cell.alignment = top
            if _formula_like(cell.value):
                cell.data_type = "s"  # keep it as text: never evaluate what a user typed
            elif isinstance(cell.value, dt.date):
                cell.number_format = sheet_print.DATE_FORMAT
            elif fmt and isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                cell.number_format = sheet_print.number_format(fmt, cell.value)
            if isinstance(cell.value, str):
                cell.alignment = wrap
    sheet_print.fit_widths(ws, first_row=2, cap=_WRAP_AT, minimum={i: min(sheet_print.display_width(h), 10)
                                                      for i, h in enumerate(table.headers, 1)})
    sheet_print.fit_row_heights(ws)
    ws.freeze_panes = "A2"
    if table.rows:
        ws.auto_filter.ref = ws.dimensions
    sheet_print.setup_print(ws, "1:1", table.title)


def xlsx_bytes(tables: list[Table]) -> bytes:
    """Tables as sheets of one workbook that prints like a report (:mod:`app.exchange.sheet_print`).

    Headings bold with a filter, top row frozen and repeated on every printed page, numbers formatted
    by what the heading says (時間 one decimal, 円 and counts with thousands separators), ISO dates as
    date cells, widths from the longest cell (full-width characters counted twice), landscape A4 one
    page wide.
    """
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
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
