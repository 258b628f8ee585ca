"""Bounds on a spreadsheet before and while it is read: archive size and ratio, rows, columns, cells, merged ranges.

A 5 KB workbook can declare a cell at XFD1048576 or a merged range over the whole sheet, and a 2 MB zip
can hold gigabytes; each is refused with an X-code before memory or time run away. Nothing is cut silently.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from app.domain.errors import Problem

MAX_ROWS = 20_000  # far above any real inventory (one municipality listed 4,339 tasks)
MAX_COLUMNS = 1_000  # 業務量調査 sheets have a few dozen columns; Excel allows 16,384
MAX_CELLS = 2_000_000  # stored cells of one sheet (20,000 rows × 100 columns)
MAX_MERGED = 10_000  # merged ranges of one sheet
MAX_UNCOMPRESSED = 256 * 1024 * 1024  # all parts of the workbook, unpacked
MAX_SHARED_STRINGS = MAX_CELLS  # a workbook needs no more distinct texts than a sheet may hold cells
MAX_HELD = 70_000  # XML elements held at once: a row of Excel's 16,384 styled cells, their values and some slack
MAX_ELEMENTS = 3 * MAX_CELLS + 4 * MAX_ROWS + 100_000  # of one part: every cell an inline text (c, is, t)
MAX_NESTED = 64  # XML nesting; a sheet needs 4 levels, rich text in a shared string 6
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


def check_size(source: IO[bytes], part: str, name: str, limit: int | None = None) -> None:
    """X015 when ``part`` holds more than ``limit`` elements, found before any is parsed (``bytes.count``, in C).

    Start tags are the ``<`` not opening an end tag, a declaration, a comment or CDATA; the count is exact for
    what spreadsheet programs write. Text inside comments or CDATA can only add to it, which refuses a
    crafted part sooner. Reading the part twice costs a few milliseconds for a real sheet; parsing a crafted
    one to its element limit took over 20 seconds.
    """
    limit = MAX_ELEMENTS if limit is None else limit
    total = 0
    carry = b""
    while chunk := source.read(1 << 20):
        data = carry + chunk
        carry = data[-1:] if data.endswith(b"<") else b""  # the tag's next byte is in the next chunk
        if carry:
            data = data[:-1]
        total += data.count(b"<") - data.count(b"</") - data.count(b"<?") - data.count(b"<!")
        if total > limit:
            raise Bound(Problem("X015", {"part": part, "detail": f"{total:,}+ elements > {limit:,}"}, name))


def elements(source: IO[bytes], part: str, name: str, release_depth: int,
             limit: int = MAX_ELEMENTS) -> Iterator[tuple[Any, int]]:
    """``(element, depth)`` as each XML element of ``part`` ends (iterparse), memory bounded however the part is made.

    ``ElementTree.iterparse`` keeps every element under its parent even after ``clear()``, so a part of millions
    of unknown elements (which openpyxl's own parsers never clear) would be held whole: 6,000,000 ``<x a="…"/>``
    in a sheet took 2.4 GB and 40 s. Here an element ending at ``release_depth`` or above (a row of the sheet, a
    string of the shared-string table: depth 1 is a child of the root) is dropped once the consumer has seen it,
    and more than :data:`MAX_HELD` elements held at once, nesting past :data:`MAX_NESTED` or more than
    ``limit`` (:data:`MAX_ELEMENTS`) in all (the time it takes) is X015.
    """
    from openpyxl.xml.functions import iterparse  # the parser openpyxl reads the sheet with (defusedxml if present)

    stack: list[Any] = []
    held = total = 0
    for event, elem in iterparse(source, events=("start", "end")):
        if event == "start":
            stack.append(elem)
            held += 1
            total += 1
            if held > MAX_HELD or len(stack) > MAX_NESTED or total > limit:
                detail = (f"{len(stack)} levels > {MAX_NESTED}" if len(stack) > MAX_NESTED
                          else f"{held:,} elements at once > {MAX_HELD:,}" if held > MAX_HELD
                          else f"{total:,} elements > {limit:,}")
                raise Bound(Problem("X015", {"part": part, "detail": detail}, name))
            continue
        stack.pop()
        depth = len(stack)
        yield elem, depth
        if 0 < depth <= release_depth:
            stack[-1].remove(elem)  # its earlier siblings are gone already, so this is the parent's only child
            held = depth


def column_letter(index: int) -> str:
    """0-based column index → ``A``, ``Z``, ``AA`` …"""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def merged_ranges(source: IO[bytes], sheet: str, name: str) -> list[tuple[int, int, int, int]]:
    """``(min_row, min_col, max_row, max_col)`` (1-based) of each merged range, refused when past the bounds."""
    merges = Merges(sheet, name)
    for elem, _depth in elements(source, sheet, name, 2):
        merges.add(elem)
    return merges.ranges


class Merges:
    """The merged ranges of a sheet, gathered from its ``mergeCell`` elements as the sheet streams by."""

    def __init__(self, sheet: str, name: str) -> None:
        self.sheet, self.name = sheet, name
        self.count = 0
        self.ranges: list[tuple[int, int, int, int]] = []

    def add(self, elem: Any) -> None:
        """Note ``elem`` when it is a ``mergeCell``; X011 past :data:`MAX_MERGED` or beyond the row or column cap."""
        from openpyxl.utils.cell import range_boundaries

        if elem.tag.rpartition("}")[2] != _MERGE_TAG:
            return
        ref = str(elem.get("ref") or "")
        self.count += 1
        if self.count > MAX_MERGED:
            raise Bound(Problem("X011", {"sheet": self.sheet, "range": f"{self.count:,}",
                                         "limit": f"{MAX_MERGED:,}"}, self.name))
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (ValueError, TypeError):
            return  # a range Excel itself would not open; its cells are read as they are
        if min_col is None or min_row is None or max_col is None or max_row is None:
            return
        if max_row > MAX_ROWS or max_col > MAX_COLUMNS:
            raise Bound(Problem("X011", {"sheet": self.sheet, "range": ref,
                                         "limit": f"{column_letter(MAX_COLUMNS - 1)}{MAX_ROWS}"}, self.name))
        self.ranges.append((min_row, min_col, max_row, max_col))


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


def load_workbook(raw: bytes, name: str, *, read_only: bool, data_only: bool) -> Any:
    """``openpyxl.load_workbook`` of ``raw`` with its shared-string table read by :func:`shared_strings`."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.xml.constants import SHARED_STRINGS

    class _Sheet(ReadOnlyWorksheet):  # type: ignore[misc]
        def _get_size(self) -> None:
            """Nothing: openpyxl parses each sheet to its ``<dimension>`` on opening, the whole sheet when it has
            none (a script's workbook), every sheet of the book; the rows are counted as they are read instead."""

    class _Reader(ExcelReader):  # type: ignore[misc]  # openpyxl has no type hints
        def read_strings(self) -> None:
            found = self.package.find(SHARED_STRINGS)
            if found is not None:
                with self.archive.open(found.PartName[1:]) as source:
                    check_size(source, found.PartName[1:], name)
                with self.archive.open(found.PartName[1:]) as source:
                    self.shared_strings = shared_strings(source, found.PartName[1:], name)

        def read_worksheets(self) -> None:
            if not self.read_only:
                super().read_worksheets()
                return
            for sheet, rel in self.parser.find_sheets():  # as openpyxl's read-only branch, with _Sheet
                if rel.target not in self.valid_files:
                    continue
                if "chartsheet" in rel.Type:
                    self.read_chartsheet(sheet, rel)
                    continue
                ws = _Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state
                self.wb._sheets.append(ws)

    reader = _Reader(io.BytesIO(raw), read_only=read_only, data_only=data_only)
    reader.read()
    return reader.wb


def shared_strings(source: IO[bytes], part: str, name: str) -> list[str]:
    """The shared-string table as openpyxl reads it (phonetic guides left out), bounded in memory and count (X015)."""
    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHEET_MAIN_NS

    si, t = f"{{{SHEET_MAIN_NS}}}si", f"{{{SHEET_MAIN_NS}}}t"
    strings: list[str] = []
    for elem, _depth in elements(source, part, name, 1):
        if elem.tag != si:
            continue
        if len(strings) >= MAX_SHARED_STRINGS:
            raise Bound(Problem("X015", {"part": part, "detail": f"{len(strings) + 1:,}+ texts > "
                                                                 f"{MAX_SHARED_STRINGS:,}"}, name))
        if len(elem) == 1 and elem[0].tag == t and not len(elem[0]):  # a plain text: most of every table
            text = elem[0].text or ""
        else:
            text = Text.from_tree(elem).content
        strings.append(text.replace("x005F_", ""))
        elem.clear()
    return strings
