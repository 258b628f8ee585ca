"""A streamed worksheet's rows written as XML text directly, for sheets of tens of thousands of styled cells.

openpyxl's write-only sheets still build a cell object, an element and a namespace scope for every value
(about 30 µs a cell in pure Python). Here openpyxl writes everything around the rows — sheet properties,
views and frozen panes, column widths, the filter, print options, margins, page setup, the footer, the
workbook's print titles and styles — and the rows are written as the same XML text openpyxl writes for
them (``c`` elements with ``r``, ``s`` and ``t`` attributes, inline strings): every text XML-escaped, style ids
registered in the workbook's own style table, and a text that starts like a formula written as text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from io import BytesIO
from typing import Any

from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._writer import WorksheetWriter, create_temporary_file
from openpyxl.worksheet.dimensions import RowDimension

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")
_MAX_TEXT = 32_767  # Excel's limit for one cell (openpyxl cuts longer texts there too)
_CHUNK = 500  # rows per write to the sheet's file
_ERRORS = frozenset(ERROR_CODES)


def escape(text: str) -> str:
    """``text`` as XML character data: ``&``, ``<`` and ``>`` escaped (what ElementTree escapes in text)."""
    return text.translate(_ESCAPES) if ("&" in text or "<" in text or ">" in text) else text


def _inline(ref: str, style: str, text: str) -> str:
    """A text cell as openpyxl writes it: an inline string, whitespace at either end kept."""
    text = text[:_MAX_TEXT]
    if not text:
        return f'<c r="{ref}"{style} t="inlineStr" />'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def cell_xml(ref: str, style_id: int, value: object, as_text: bool) -> str:
    """One cell's XML: ``as_text`` writes a string as text even when it starts like a formula."""
    style = f' s="{style_id}"' if style_id else ""
    if isinstance(value, str):
        if not as_text and value in _ERRORS:  # as openpyxl: #N/A and the like are error values
            return f'<c r="{ref}"{style} t="e"><v>{escape(value)}</v></c>'
        return _inline(ref, style, value)
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return f'<c r="{ref}"{style} t="n"><v /></c>'
        return f'<c r="{ref}"{style} t="n"><v>{value:.16g}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}"{style} t="n"><v>{to_excel(value):.16g}</v></c>'
    raise TypeError(f"a cell cannot hold {type(value).__name__}")


RowCells = Sequence[tuple[int, object, bool] | None]  # per column: (style id, value, as text) or None (empty)


def write_sheet(ws: Any, rows: Iterable[RowCells], heights: dict[int, float]) -> None:
    """Give the streamed sheet ``ws`` its rows (1-based ``heights`` per row that needs one) and close it.

    Call after everything else of the sheet is set (widths, panes, filter, print setup): openpyxl writes
    those around the rows now, and at save only copies the finished file into the workbook.
    """
    frame = WorksheetWriter(ws, out=BytesIO())
    frame.write_top()
    xf = frame.xf.send(True)
    with xf.element("sheetData"):
        pass
    frame.xf.send(None)
    frame.write_tail()
    frame.close()
    head, tail = _split(frame.out.getvalue())
    letters: list[str] = []
    row_attrs: dict[float, str] = {}

    def row_start(r: int) -> str:
        height = heights.get(r)
        if height is None:
            return f'<row r="{r}">'
        if height not in row_attrs:
            attrs = dict(RowDimension(ws, index=r, ht=height))
            row_attrs[height] = "".join(f' {k}="{v}"' for k, v in attrs.items())
        return f'<row r="{r}"{row_attrs[height]}>'

    path = create_temporary_file()
    with open(path, "w", encoding="utf-8") as out:
        out.write(head.decode("utf-8"))
        out.write("<sheetData>")
        chunk: list[str] = []
        for r, cells in enumerate(rows, 1):
            while len(letters) < len(cells):
                letters.append(get_column_letter(len(letters) + 1))
            chunk.append(row_start(r))
            for j, cell in enumerate(cells):
                if cell is not None:
                    chunk.append(cell_xml(f"{letters[j]}{r}", cell[0], cell[1], cell[2]))
            chunk.append("</row>")
            if r % _CHUNK == 0:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
        out.write("</sheetData>")
        out.write(tail.decode("utf-8"))
    ws._writer = _Written(ws, path, frame._rels)
    ws.close()


def _split(xml: bytes) -> tuple[bytes, bytes]:
    """The sheet's XML before and after its (empty) ``sheetData`` element."""
    match = _SHEET_DATA.search(xml)
    if match is None:
        raise RuntimeError("openpyxl wrote a worksheet without a sheetData element")
    return xml[:match.start()], xml[match.end():]


class _Written(WorksheetWriter):  # type: ignore[misc]
    """A worksheet writer whose file is finished: openpyxl's save copies it into the archive and removes it."""

    def __init__(self, ws: Any, path: str, rels: Any) -> None:  # no stream of its own: the file is written
        self.ws = ws
        self.out = path
        self._rels = rels
        self.xf = None

    def write_rows(self) -> None:
        return None

    def write_tail(self) -> None:
        return None

    def close(self) -> None:
        return None
