"""Page setup and cell formats shared by every workbook the program writes, so each prints like a report.

Landscape A4, one page wide (as many pages tall as needed), the header rows repeated on each page,
narrow margins, a footer with the sheet name and page number; number formats for hours (one decimal,
thousands separators), yen (thousands separators), percentages and dates; column widths that fit
Japanese text (a full-width character is about two digits wide).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

HOURS_FORMAT = "#,##0.0"
YEN_FORMAT = "#,##0"
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"
RATE_FORMAT = "0%"
DATE_FORMAT = "yyyy/mm/dd"
MIN_WIDTH, MAX_WIDTH = 6, 60


def display_width(value: object) -> int:
    """How many digit-widths ``value`` takes in a cell: East Asian wide characters count twice."""
    if value is None:
        return 0
    if isinstance(value, float):
        text = f"{value:,.1f}"
    elif isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:,}"
    else:
        text = str(value)
    return _text_width(text)


@lru_cache(maxsize=65_536)
def _text_width(text: str) -> int:
    """The width of the longest line of ``text`` (cached: big sheets repeat the same labels thousands of times)."""
    longest = max(text.splitlines() or [""], key=len)
    if longest.isascii():
        return len(longest)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def column_widths(rows: Iterable[Sequence[object]], cap: int = 40, minimum: dict[int, int] | None = None) \
        -> dict[int, float]:
    """Each 1-based column's width from its longest value, capped so long texts wrap (what :func:`fit_widths` sets)."""
    longest: list[int] = []  # per column: the widest value so far (an empty cell counts 0)
    for row in rows:
        if len(longest) < len(row):
            longest.extend([-1] * (len(row) - len(longest)))
        for j, value in enumerate(row):
            if value is None:
                w = 0
            elif isinstance(value, str):
                w = _text_width(value)
            elif isinstance(value, float):
                w = len(f"{value:,.1f}")  # ASCII: as display_width, without its cache lookup
            else:
                w = display_width(value)
            longest[j] = max(longest[j], w)
    widths: dict[int, int] = dict(minimum or {})
    for col, w in enumerate(longest, 1):
        if w >= 0 and min(w, cap) > widths.get(col, -1):
            widths[col] = min(w, cap)
    return {col: max(MIN_WIDTH, min(MAX_WIDTH, w + 2)) for col, w in widths.items()}


def text_row_heights(rows: Iterable[Sequence[object]], widths: dict[int, float], first_row: int = 1,
                     line_height: float = 15.0, max_lines: int = 8) -> dict[int, float]:
    """The height each row needs for its texts (all wrapped; numbers do not) in columns of ``widths``, by 1-based
    row number from ``first_row``; rows that one line fits are left out (at most ``max_lines`` lines)."""
    usable: list[int] = []
    heights: dict[int, float] = {}
    for r, row in enumerate(rows, first_row):
        if len(usable) < len(row):
            usable.extend(int(max(1.0, (widths.get(c) or 8.43) - 1)) for c in range(len(usable) + 1, len(row) + 1))
        lines = 1
        for j, value in enumerate(row):
            # A text of one line that fits its column needs one line: most cells, skipped without splitting.
            if isinstance(value, str) and ("\n" in value or _text_width(value) > usable[j]):
                lines = max(lines, min(max_lines, _lines(value, usable[j])))
        if lines > 1:
            heights[r] = line_height * lines
    return heights


def _lines(text: str, usable: int) -> int:
    """How many lines ``text`` takes wrapped at ``usable`` digit widths (each of its own lines at least one)."""
    return sum(-(-_text_width(part) // usable) or 1 for part in text.split("\n"))


def fit_widths(ws: Any, first_row: int = 1, cap: int = 40, minimum: dict[int, int] | None = None) -> None:
    """Set each column's width from its longest cell (from ``first_row``), capped so long texts wrap."""
    from openpyxl.utils import get_column_letter

    rows = ([cell.value for cell in row] for row in ws.iter_rows(min_row=first_row))
    for col, w in column_widths(rows, cap, minimum).items():
        ws.column_dimensions[get_column_letter(col)].width = w


def setup_print(ws: Any, header_rows: str = "1:1", title: str = "") -> None:
    """Landscape A4, fit to one page wide, ``header_rows`` (e.g. ``"1:3"``) repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4 (openpyxl: Worksheet.PAPERSIZE_A4; streamed sheets lack the name)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if header_rows:
        ws.print_title_rows = header_rows
    ws.oddFooter.center.text = "&P / &N"
    ws.oddFooter.left.text = title.replace("&", "&&") if title else "&A"


def format_for_header(header: str) -> str | None:
    """The number format a column gets from its heading: 時間 → hours, 円 → yen, （%） → one decimal, 件/人 → count."""
    h = header.lower()
    if "（%）" in h or "(%)" in h:
        return "0.0"  # the tables hold percentages already multiplied by 100
    if "円" in h or "yen" in h:
        return YEN_FORMAT
    if "時間" in h or "hours" in h or "(h)" in h:
        return HOURS_FORMAT
    if "件" in h or "人" in h or "数" in h or "cases" in h or "staff" in h:
        return COUNT_FORMAT
    return None


def number_format(fmt: str, value: float) -> str:
    """``fmt`` for ``value``, except that a count column shows a fraction (1.5 staff) with its decimals."""
    if fmt == COUNT_FORMAT and not float(value).is_integer():
        return "#,##0.0#"
    return fmt



def fit_row_heights(ws: Any, first_row: int = 1, line_height: float = 15.0, max_lines: int = 8) -> None:
    """Give each row the height its wrapped texts need (spreadsheet programs do not grow rows on opening)."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, float] = {}
    for row in ws.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or not (cell.alignment and cell.alignment.wrap_text):
                continue
            if cell.column not in widths:
                widths[cell.column] = ws.column_dimensions[get_column_letter(cell.column)].width or 8.43
            usable = max(1.0, widths[cell.column] - 1)
            needed = sum(-(-display_width(part) // int(usable)) or 1 for part in cell.value.split("\n"))
            lines = max(lines, min(max_lines, needed))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = line_height * lines
