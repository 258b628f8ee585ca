"""Bounds on a spreadsheet before and while it is read: archive size and ratio, rows, columns, cells, merged ranges.

A 5 KB workbook can declare a cell at XFD1048576 or a merged range over the whole sheet, and a 2 MB zip
can hold gigabytes; each is refused with an X-code before memory or time run away. Nothing is cut silently.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import IO

from app.domain.errors import Problem

MAX_ROWS = 20_000  # far above any real inventory (one municipality listed 4,339 tasks)
MAX_COLUMNS = 1_000  # 業務量調査 sheets have a few dozen columns; Excel allows 16,384
MAX_CELLS = 2_000_000  # stored cells of one sheet (20,000 rows × 100 columns)
MAX_MERGED = 10_000  # merged ranges of one sheet
MAX_UNCOMPRESSED = 256 * 1024 * 1024  # all parts of the workbook, unpacked
MAX_RATIO = 200  # unpacked : packed of one part; real sheets pack 5–30 times, zip bombs thousands of times
_RATIO_FLOOR = 1024 * 1024  # parts smaller than this unpacked are never bombs
_MERGE_TAG = "mergeCell"


class Bound(Exception):  # noqa: N818 — a signal carrying the problem, turned into SpreadsheetError by the reader
    """A bound was passed; ``problem`` says which, with the figures."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def check_archive(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse (X012) a workbook whose parts unpack to too much, or pack suspiciously well, before reading any."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if total > MAX_UNCOMPRESSED:
            raise Bound(Problem("X012", {"detail": f"{total:,} > {MAX_UNCOMPRESSED:,} bytes unpacked"}, name))
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise Bound(Problem("X012", {"detail": f"{info.filename}: {info.file_size:,} bytes packed {ratio:,}:1, "
                                                   f"limit {MAX_RATIO}:1"}, name))


def column_letter(index: int) -> str:
    """0-based column index → ``A``, ``Z``, ``AA`` …"""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def merged_ranges(source: IO[bytes], sheet: str, name: str) -> Iterator[tuple[int, int, int, int]]:
    """``(min_row, min_col, max_row, max_col)`` (1-based) of each merged range, refused when past the bounds."""
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.xml.functions import iterparse  # the parser openpyxl reads the sheet with (defusedxml if present)

    count = 0
    for _event, elem in iterparse(source, events=("end",)):
        if elem.tag.rpartition("}")[2] == _MERGE_TAG:
            ref = str(elem.get("ref") or "")
            count += 1
            if count > MAX_MERGED:
                raise Bound(Problem("X011", {"sheet": sheet, "range": f"{count:,}", "limit": f"{MAX_MERGED:,}"},
                                    name))
            try:
                min_col, min_row, max_col, max_row = range_boundaries(ref)
            except (ValueError, TypeError):
                elem.clear()
                continue  # a range Excel itself would not open; its cells are read as they are
            if None in (min_col, min_row, max_col, max_row):
                elem.clear()
                continue
            assert min_col is not None and min_row is not None and max_col is not None and max_row is not None
            if max_row > MAX_ROWS or max_col > MAX_COLUMNS:
                raise Bound(Problem("X011", {"sheet": sheet, "range": ref,
                                             "limit": f"{column_letter(MAX_COLUMNS - 1)}{MAX_ROWS}"}, name))
            yield min_row, min_col, max_row, max_col
        elem.clear()


class Counter:
    """Counts the used rows and the stored cells of a sheet as it streams by; refuses past the bounds."""

    def __init__(self, sheet: str, name: str) -> None:
        self.sheet, self.name = sheet, name
        self.cells = 0
        self.last_used = 0  # 1-based row of the last row holding a value

    def row(self, number: int, width: int) -> bool:
        """Note a row (1-based ``number``, ``width`` up to its last value); False once past the row cap."""
        if width:
            self.last_used = number
        if width > MAX_COLUMNS:
            cell = f"{column_letter(width - 1)}{number}"
            raise Bound(Problem("X010", {"sheet": self.sheet, "cell": cell, "limit": f"{MAX_COLUMNS:,}"}, self.name))
        if number > MAX_ROWS:
            return False
        self.cells += width
        if self.cells > MAX_CELLS:
            raise Bound(Problem("X014", {"sheet": self.sheet, "cells": f"{self.cells:,}+",
                                         "limit": f"{MAX_CELLS:,}"}, self.name))
        return True

    def finish(self) -> None:
        """Refuse (X009) a sheet with values below the row cap, naming its row count."""
        if self.last_used > MAX_ROWS:
            raise Bound(Problem("X009", {"sheet": self.sheet, "rows": f"{self.last_used:,}",
                                         "limit": f"{MAX_ROWS:,}"}, self.name))
