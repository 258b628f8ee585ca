"""Writing export tables as .xlsx (one sheet per table) or .csv (UTF-8 with BOM, so Excel reads Japanese).

Text that starts like a formula (``=``, ``+``, ``@``, ``-x``) is written as text, never as a formula:
a task name typed as ``=HYPERLINK(...)`` must not run when a colleague opens the export.
"""

from __future__ import annotations

import csv
import io
import re

from app.exchange.reader import Cell
from app.exchange.tables import Table

_FORMULA_START = re.compile(r"^(=|\+|@|-(?![\d.]+$)|\t|\r)")
_MAX_SHEET_TITLE = 31  # Excel's limit


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


def xlsx_bytes(tables: list[Table]) -> bytes:
    """Tables as sheets of one workbook, headings bold with a filter, top row frozen."""
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

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
        ws = wb.create_sheet(title)
        ws.append(table.headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDDDDD")
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for row in table.rows:
            ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
            for cell in ws[ws.max_row]:
                if _formula_like(cell.value):
                    cell.data_type = "s"  # keep it as text: never evaluate what a user typed
        widths = [len(str(h)) for h in table.headers]
        for row in table.rows:
            for i, v in enumerate(row[: len(widths)]):
                widths[i] = max(widths[i], min(len(str(v)) if v is not None else 0, 40))
        for i, w in enumerate(widths, 1):
            # Japanese characters are about twice as wide as the default font's digits
            ws.column_dimensions[get_column_letter(i)].width = max(6, min(60, w * 2 + 2))
        ws.freeze_panes = "A2"
        if table.rows:
            ws.auto_filter.ref = ws.dimensions
    if not wb.worksheets:
        wb.create_sheet("Sheet")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
