"""Reading a worksheet or CSV file into a plain grid of cell values, merged cells filled in.

Municipal 業務量調査 workbooks merge header cells (a group heading over several columns, a heading
spanning two rows) and sometimes a category down several task rows; every cell of a merged range
gets the range's value so that each column and row can be read on its own.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.errors import Problem, UserError

Cell = str | int | float | bool | None
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
MAX_BYTES = 64 * 1024 * 1024
MAX_ROWS = 20_000  # far above any real inventory (one municipality listed 4,339 tasks); stops runaway sheets
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

    @property
    def width(self) -> int:
        """The number of columns of the widest row."""
        return max((len(r) for r in self.rows), default=0)


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """Read ``path`` (.xlsx/.xlsm or .csv); ``sheet`` picks a worksheet (default: the first one)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in XLSX_SUFFIXES + CSV_SUFFIXES:
        raise SpreadsheetError(Problem("X004", {"suffix": suffix or path.name}, str(path)))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SpreadsheetError(Problem("S007", {"size": size, "limit": MAX_BYTES, "path": str(path)}, str(path)))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SpreadsheetError(Problem("S001", {"path": str(path)}, str(path))) from None
    except OSError as exc:
        # exchange stays independent of storage (import-linter layers); the OS reason is enough here
        raise SpreadsheetError(Problem("S006", {"path": str(path), "detail": exc.strerror or type(exc).__name__},
                                       str(path))) from None
    if suffix in CSV_SUFFIXES:
        return Grid(str(path), path.stem, _csv_rows(raw, str(path)), [path.stem])
    return _xlsx_grid(raw, str(path), sheet)


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
    rows: list[list[Cell]] = [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return rows[:MAX_ROWS]


def _xlsx_grid(raw: bytes, name: str, sheet: str | None) -> Grid:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # not read_only: merged ranges are only available in the normal mode
        wb = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SpreadsheetError(Problem("X006", {"detail": type(exc).__name__}, name)) from None
    names = list(wb.sheetnames)
    if sheet is not None and sheet not in names:
        raise SpreadsheetError(Problem("X007", {"sheet": sheet, "known": "、".join(names)}, name))
    ws = wb[sheet] if sheet is not None else wb.worksheets[0]
    max_row = min(ws.max_row or 0, MAX_ROWS)
    max_col = ws.max_column or 0
    rows: list[list[Cell]] = [[_cell(v) for v in r]
                              for r in ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True)]
    for rng in ws.merged_cells.ranges:
        top = rows[rng.min_row - 1][rng.min_col - 1] if rng.min_row <= len(rows) else None
        for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
            for c in range(rng.min_col - 1, min(rng.max_col, max_col)):
                rows[r][c] = top
    wb.close()
    return Grid(name, ws.title, rows, names)


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    # dates, times and the like: keep what the sheet shows as text
    return str(value)
