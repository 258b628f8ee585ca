"""Writing export tables as .xlsx (one sheet per table) or .csv (UTF-8 with BOM, so Excel reads Japanese).

Text that starts like a formula (``=``, ``+``, ``@``, ``-x``) is written as text, never as a formula:
a task name typed as ``=HYPERLINK(...)`` must not run when a colleague opens the export.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import math
import re
from collections.abc import Iterator
from typing import Any

from app.exchange import sheet_print
from app.exchange.reader import Cell
from app.exchange.tables import Table

_FORMULA_START = re.compile(r"^(=|\+|@|-(?![\d.]+$)|\t|\r)")
_FORMULA_FIRST = "=+@-\t\r"  # the first characters _FORMULA_START can match ("" too: the regex decides)
_MAX_SHEET_TITLE = 31  # Excel's limit
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WRAP_AT = 24  # wider texts wrap in a column this wide (digit widths): 20+ columns must fit one A4 width


def _formula_like(value: Cell) -> bool:
    return isinstance(value, str) and value[:1] in _FORMULA_FIRST and bool(_FORMULA_START.match(value))


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
    if isinstance(value, str) and len(value) == 10 and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _style_ids(ws: Any) -> dict[tuple[bool, str | None], int]:
    """The workbook's style id of each (wrapped, number format) a data cell can have: aligned to the top."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    top, wrap = Alignment(vertical="top"), Alignment(wrap_text=True, vertical="top")
    out: dict[tuple[bool, str | None], int] = {}
    for wrapped in (False, True):
        for fmt in (None, sheet_print.DATE_FORMAT, sheet_print.HOURS_FORMAT, sheet_print.YEN_FORMAT,
                    sheet_print.COUNT_FORMAT, sheet_print.number_format(sheet_print.COUNT_FORMAT, 0.5), "0.0"):
            proto = WriteOnlyCell(ws)
            proto.alignment = wrap if wrapped else top
            if fmt:
                proto.number_format = fmt
            out[(wrapped, fmt)] = proto.style_id  # registers the record in the workbook's style table
    return out


def _head_style_id(ws: Any) -> int:
    """The heading cells' style id: bold on grey, wrapped, centred vertically."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    cell = WriteOnlyCell(ws)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor="DDDDDD")
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    return int(cell.style_id)


def _cells(table: Table) -> list[list[Any]]:
    """The rows as written: illegal characters dropped, ISO dates as dates."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return [[_date_cell(ILLEGAL_CHARACTERS_RE.sub("", v)) if isinstance(v, str) else v for v in row]
            for row in table.rows]


def _styled(rows: list[list[Any]], formats: list[str | None], ids: dict[tuple[bool, str | None], int]) \
        -> Iterator[list[str]]:
    """Each data row's cells as XML (from row 2): texts wrapped, numbers in the format their heading gives.

    Texts and numbers, nearly every cell, are written here directly; other values by :func:`sheet_xml.cell_xml`.
    """
    from openpyxl.utils import get_column_letter

    from app.exchange import sheet_xml

    count, fraction = sheet_print.COUNT_FORMAT, sheet_print.number_format(sheet_print.COUNT_FORMAT, 0.5)
    width = max((len(r) for r in rows), default=0)
    letters = [get_column_letter(j + 1) for j in range(width)]
    text_style = sheet_xml.style_attribute(ids[(True, None)])
    number_styles = [sheet_xml.style_attribute(ids[(False, formats[j] if j < len(formats) else None)])
                     for j in range(width)]
    fraction_style = sheet_xml.style_attribute(ids[(False, fraction)])
    for r, row in enumerate(rows, 2):
        out: list[str] = []
        for j, value in enumerate(row):
            if value is None:
                continue  # an empty cell: nothing to write, nothing to style
            cls = value.__class__
            ref = f"{letters[j]}{r}"
            if cls is str:
                # Kept as text when it starts like a formula: never evaluate what a user typed.
                out.append(sheet_xml.text_cell(ref, text_style, value, _formula_like(value)))
            elif (cls is float and math.isfinite(value)) or cls is int:
                fmt = formats[j] if j < len(formats) else None
                style = fraction_style if fmt == count and cls is float and not value.is_integer() \
                    else number_styles[j]
                out.append(f'<c r="{ref}"{style} t="n"><v>{value:.16g}</v></c>')
            else:
                fmt = formats[j] if j < len(formats) else None
                if isinstance(value, dt.date):
                    fmt = sheet_print.DATE_FORMAT
                elif fmt and isinstance(value, int | float) and not isinstance(value, bool):
                    fmt = sheet_print.number_format(fmt, value)  # an infinite float, an int or float subclass
                else:
                    fmt = None
                out.append(sheet_xml.cell_xml(ref, ids[(False, fmt)], value, False))
        yield out


def _sheet(wb: Any, table: Table, title: str) -> None:
    """One table as a streamed sheet, its rows written as XML text (:mod:`app.exchange.sheet_xml`)."""
    from openpyxl.utils import get_column_letter

    from app.exchange import sheet_xml

    ws = wb.create_sheet(title)
    rows = _cells(table)
    # Widths and row heights are known before writing (a streamed sheet cannot be measured afterwards).
    widths = sheet_print.column_widths(rows, cap=_WRAP_AT, minimum={
        i: min(sheet_print.display_width(h), 10) for i, h in enumerate(table.headers, 1)})
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    heights = sheet_print.text_row_heights([[str(h) for h in table.headers], *rows], widths)  # texts wrap
    ws.freeze_panes = "A2"
    sheet_print.setup_print(ws, "1:1", table.title)
    if table.rows:
        width = max([len(table.headers), *(len(r) for r in table.rows)])
        ws.auto_filter.ref = f"A1:{get_column_letter(width)}{len(table.rows) + 1}"
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    head_id = _head_style_id(ws)
    head = [sheet_xml.cell_xml(f"{get_column_letter(j)}1", head_id, ILLEGAL_CHARACTERS_RE.sub("", str(h)), True)
            for j, h in enumerate(table.headers, 1)]
    formats = [sheet_print.format_for_header(str(h)) for h in table.headers]
    sheet_xml.write_sheet(ws, itertools.chain([head], _styled(rows, formats, _style_ids(ws))), heights)


def xlsx_bytes(tables: list[Table]) -> bytes:
    """Tables as sheets of one workbook that prints like a report (:mod:`app.exchange.sheet_print`).

    Headings bold with a filter, top row frozen and repeated on every printed page, numbers formatted
    by what the heading says (時間 one decimal, 円 and counts with thousands separators), ISO dates as
    date cells, widths from the longest cell (full-width characters counted twice), landscape A4 one
    page wide.
    """
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
