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


def style_attribute(style_id: int) -> str:
    """A cell's ``s`` attribute (none for the workbook's default style 0, as openpyxl writes it)."""
    return f' s="{style_id}"' if style_id else ""


def text_cell(ref: str, style: str, text: str, as_text: bool) -> str:
    """A text cell as openpyxl writes it: an inline string (whitespace at either end kept); ``#N/A`` and the
    like as error values, as openpyxl does, unless ``as_text`` (a text that starts like a formula, a heading)."""
    text = text[:_MAX_TEXT]
    if not text:
        return f'<c r="{ref}"{style} t="inlineStr" />'
    if not as_text and text in _ERRORS:
        return f'<c r="{ref}"{style} t="e"><v>{escape(text)}</v></c>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def cell_xml(ref: str, style_id: int, value: object, as_text: bool) -> str:
    """One cell's XML: ``as_text`` writes a string as text even when it starts like a formula."""
    style = style_attribute(style_id)
    if isinstance(value, str):
        return text_cell(ref, style, value, as_text)
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return f'<c r="{ref}"{style} t="n"><v /></c>'
        return f'<c r="{ref}"{style} t="n"><v>{value:.16g}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}"{style} t="n"><v>{to_excel(value):.16g}</v></c>'
    raise TypeError(f"a cell cannot hold {type(value).__name__}")


def write_sheet(ws: Any, rows: Iterable[Sequence[str]], heights: dict[int, float]) -> None:
    """Give the streamed sheet ``ws`` its rows (each a list of cells' XML, :func:`cell_xml`; 1-based ``heights``
    per row that needs one) and close it.

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
            chunk.append(row_start(r))
            chunk.extend(cells)
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
