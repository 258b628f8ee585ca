"""Reading a worksheet or CSV file into a plain grid of cell values, merged cells filled in.

Municipal 業務量調査 workbooks merge header cells (a group heading over several columns, a heading
spanning two rows) and sometimes a category down several task rows; every cell of a merged range
gets the range's value so that each column and row can be read on its own.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from app.domain.capped import read_at_most
from app.domain.errors import Problem, UserError
from app.exchange import bounds

Cell = str | int | float | bool | None
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
MAX_BYTES = 64 * 1024 * 1024
MAX_ROWS = bounds.MAX_ROWS  # more rows with values are refused (X009), never cut
CSV_ENCODINGS = ("utf-8-sig", "cp932")  # Excel writes CSV as UTF-8 with BOM or as Shift_JIS (cp932)


class SpreadsheetError(UserError):
    """A spreadsheet that cannot be read or mapped."""


@dataclass
class Grid:
    """The cells of one sheet (row-major, 0-based), with the workbook's sheet names."""

    path: str
    sheet: str
    rows: list[list[Cell]]
    sheets: list[str] = field(default_factory=list)
    # cells holding a formula whose result was never calculated (0-based row → columns): they read as blank
    # but are not; a file written by a program (openpyxl, a script) and never opened in Excel has no results
    uncalculated: dict[int, set[int]] = field(default_factory=dict)
    # the length and digest of the bytes the cells were read from: `unchanged` tells whether the file on disk
    # still holds exactly those bytes, so that an import after its preview need not read the sheet again
    source: tuple[int, bytes] | None = None

    @property
    def width(self) -> int:
        """The number of columns of the widest row."""
        return max((len(r) for r in self.rows), default=0)


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """Read ``path`` (.xlsx/.xlsm or .csv); ``sheet`` picks a worksheet (default: the first one)."""
    path = Path(path)
    raw = _raw(path)
    if path.suffix.lower() in CSV_SUFFIXES:
        grid = Grid(str(path), path.stem, _csv_rows(raw, str(path)), [path.stem])
    else:
        grid = _xlsx_grid(raw, str(path), sheet)
    grid.source = _fingerprint(raw)
    return grid


def unchanged(grid: Grid) -> bool:
    """True when the file ``grid`` was read from still holds exactly the bytes it was read from.

    Reading the bytes again takes milliseconds; parsing them (20,000 rows: a second or two) is what an import
    right after its preview saves. Any change at all — Excel saved the file again in between — means False,
    and so does a file that can no longer be read (reading it again then says why)."""
    if grid.source is None:
        return False
    try:
        return _fingerprint(_raw(Path(grid.path))) == grid.source
    except SpreadsheetError:
        return False


def _fingerprint(raw: bytes) -> tuple[int, bytes]:
    return len(raw), hashlib.blake2b(raw, digest_size=32).digest()


def _raw(path: Path) -> bytes:
    """The file's bytes, at most :data:`MAX_BYTES`; a suffix, size or OS error is a :class:`SpreadsheetError`."""
    suffix = path.suffix.lower()
    if suffix not in XLSX_SUFFIXES + CSV_SUFFIXES:
        raise SpreadsheetError(Problem("X004", {"suffix": suffix or path.name}, str(path)))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SpreadsheetError(Problem("S007", {"size": size, "limit": MAX_BYTES, "path": str(path)}, str(path)))
        with open(path, "rb") as handle:
            raw = read_at_most(handle, MAX_BYTES)  # a device (/dev/zero) or a growing file has no size to trust
        if len(raw) > MAX_BYTES:
            raise SpreadsheetError(Problem("S007", {"size": f"{MAX_BYTES + 1}+", "limit": MAX_BYTES, "path": str(path)},
                                           str(path)))
    except FileNotFoundError:
        raise SpreadsheetError(Problem("S001", {"path": str(path)}, str(path))) from None
    except OSError as exc:
        # exchange stays independent of storage (import-linter layers); the OS reason is enough here
        raise SpreadsheetError(Problem("S006", {"path": str(path), "detail": exc.strerror or type(exc).__name__},
                                       str(path))) from None
    return raw


def _csv_rows(raw: bytes, name: str) -> list[list[Cell]]:
    for encoding in CSV_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise SpreadsheetError(Problem("X005", {}, name))
    sample = text[:4096]
    # Excel in Japan writes commas; tab-separated text pasted from a sheet is common too
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    counter = bounds.Counter(Path(name).stem, name)
    rows: list[list[Cell]] = []
    try:
        for row in reader:
            width = len(row)
            while width and not row[width - 1]:
                width -= 1
            if counter.row(reader.line_num, width):
                rows.append(list(row[:width]))
        counter.finish()
    except bounds.Bound as exc:
        raise SpreadsheetError(exc.problem) from None
    except csv.Error as exc:  # a field over csv.field_size_limit(), a NUL byte …
        raise SpreadsheetError(Problem("X013", {"line": reader.line_num + 1, "detail": str(exc)}, name,
                                       reader.line_num + 1)) from None
    return rows


def _xlsx_grid(raw: bytes, name: str, sheet: str | None) -> Grid:
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            bounds.check_archive(archive, name)  # before anything is unpacked
        # read_only streams the sheet (memory follows the cells present, not the dimension a file claims);
        # merged ranges are read from the sheet's XML with its rows (bounds.Merges)
        wb = bounds.load_workbook(raw, name, read_only=True, data_only=True)
    except bounds.Bound as exc:
        raise SpreadsheetError(exc.problem) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise SpreadsheetError(Problem("X006", {"detail": type(exc).__name__}, name)) from None
    except Exception as exc:  # a damaged archive fails deep inside zlib/openpyxl in many ways
        raise SpreadsheetError(Problem("X006", {"detail": _damage(exc)}, name)) from None
    try:
        names = list(wb.sheetnames)
        if sheet is not None and sheet not in names:
            raise SpreadsheetError(Problem("X007", {"sheet": sheet, "known": "、".join(names)}, name))
        tables = [w.title for w in wb.worksheets]  # without chart sheets
        if sheet is not None and sheet not in tables:
            raise SpreadsheetError(Problem("X018", {"sheet": sheet, "known": "、".join(tables) or "—"}, name))
        if not wb.worksheets:
            raise SpreadsheetError(Problem("X001", {"sheet": "—"}, name))
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        rows, uncalculated = _sheet_rows(ws, name)
    except SpreadsheetError:
        raise
    except bounds.Bound as exc:
        raise SpreadsheetError(exc.problem) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, ElementTree.ParseError) as exc:
        raise SpreadsheetError(Problem("X006", {"detail": type(exc).__name__}, name)) from None
    except Exception as exc:  # zlib.error, EOFError … from a part damaged inside the zip
        raise SpreadsheetError(Problem("X006", {"detail": _damage(exc)}, name)) from None
    finally:
        wb.close()
    return Grid(name, ws.title, rows, names, uncalculated)


def _sheet_rows(ws: Any, name: str) -> tuple[list[list[Cell]], dict[int, set[int]]]:
    """The sheet's rows up to their last value, merged ranges filled in, padded to one width; and its formula
    cells without a calculated result (0-based row → columns).

    Reads openpyxl's streaming parser directly: it yields only the rows the file holds, so neither a
    claimed ``<dimension>`` nor a lone cell a million rows down costs memory or time. Formula cells
    without a calculated result count as content for the row's width.
    """
    from openpyxl.worksheet._reader import ROW_TAG, WorkSheetParser

    counter = bounds.Counter(ws.title, name)
    merged = bounds.Merges(ws.title, name)
    rows: list[list[Cell]] = []
    uncalculated: dict[int, set[int]] = {}
    wb = ws.parent
    with ws._get_source() as source:
        bounds.check_size(source, ws.title, name)
    with ws._get_source() as source:
        parser = WorkSheetParser(source, ws._shared_strings, data_only=True, epoch=wb.epoch,
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        # parser.parse() would hold every element that is not a row (bounds.elements drops each once read)
        for elem, depth in bounds.elements(source, ws.title, name, 2):
            if depth != 2:  # a cell or its value (read with its row), or sheetData itself
                continue
            if elem.tag != ROW_TAG:
                merged.add(elem)
                continue
            if parser.row_counter >= MAX_ROWS:  # rows past the cap are never kept, only counted (X009, X010)
                extent = _extent(elem, parser.row_counter)
                if extent is not None and extent[0] > MAX_ROWS:
                    parser.row_counter = extent[0]
                    elem.clear()
                    counter.row(*extent)
                    continue
            number, cells = parser.parse_row(elem)
            values = {int(c["column"]): c["value"] for c in cells if c["value"] is not None}
            width = max(values, default=0)
            if elem.find(_CELL_FORMULA) is not None:  # one C-level search per row; most rows hold no formula
                pending = {int(c["column"]) - 1 for element, c in zip(elem, cells, strict=False)
                           if c["value"] is None and _no_result(element)}
                if pending:
                    uncalculated[number - 1] = pending
                    width = max(width, max(pending) + 1)
            elem.clear()
            if counter.row(number, width) and width:
                rows.extend([] for _ in range(number - len(rows)))
                rows[number - 1] = [_cell(values.get(col)) for col in range(1, width + 1)]
    counter.finish()
    return _filled(rows, merged.ranges), uncalculated


def _filled(rows: list[list[Cell]], merges: list[tuple[int, int, int, int]]) -> list[list[Cell]]:
    """``rows`` padded to one width, each merged range's cells given the value of its top-left cell."""
    width = max((len(r) for r in rows), default=0)  # a merge past the last value fills nothing that is read
    for padded in rows:
        padded.extend([None] * (width - len(padded)))
    for min_row, min_col, max_row, max_col in merges:
        if min_row > len(rows) or min_col > width:
            continue
        top = rows[min_row - 1][min_col - 1]
        for r in range(min_row - 1, min(max_row, len(rows))):
            row = rows[r]
            for c in range(min_col - 1, min(max_col, width)):
                row[c] = top
    return rows


def _extent(row: Any, previous: int) -> tuple[int, int] | None:
    """``(number, width)`` of a row as :meth:`WorkSheetParser.parse_row` and ``_sheet_rows`` would find them.

    For the rows past the row cap, whose values are never used: it reads no value, only whether a cell
    holds one (or a formula without a result), several times faster. ``None`` for anything unusual (a row
    or cell reference that is not plain), which the full parser then reads and judges.
    """
    from openpyxl.utils.cell import column_index_from_string

    ref = row.get("r")
    if ref is not None and not ref.isdigit():
        return None
    number = int(ref) if ref is not None else previous + 1
    column = width = 0
    for cell in row:
        ref = cell.get("r")
        if ref is None:
            column += 1
        else:
            letters = ref.rstrip("0123456789")
            if not letters.isalpha() or ref[len(letters):] != str(number):
                return None
            try:
                column = column_index_from_string(letters)
            except ValueError:
                return None
        if cell.findtext(_VALUE) or (cell.get("t") == "inlineStr" and cell.find(_INLINE) is not None) \
                or _no_result(cell):
            width = column
    return number, width


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_VALUE, _INLINE, _FORMULA = f"{_MAIN}v", f"{_MAIN}is", f"{_MAIN}f"
_CELL_FORMULA = f"{_MAIN}c/{_FORMULA}"


def _no_result(cell: Any) -> bool:
    """Whether a cell holding no value is a formula whose result was never calculated.

    Excel and LibreOffice save each formula's last result in ``<v>``; a program that writes formulas
    (openpyxl, a script) leaves ``<v>`` out or empty. A formula whose result is the empty text is
    ``t="str"`` with an empty ``<v>``: that is a real blank and is kept as one.
    """
    return bool(cell.get("t") != "str" and cell.find(_FORMULA) is not None)


def _damage(exc: Exception) -> str:
    """What IT staff need to know about a damaged workbook: the kind of failure, e.g. ``zlib.error``."""
    kind = type(exc)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    # dates, times and the like: keep what the sheet shows as text
    return str(value)
