"""Opening a questionnaire workbook, bounded before openpyxl sees it, and what its 説明 sheet names.

The file size, the zip's members, its uncompressed size and packing ratio are checked from the zip's
directory first (a zip bomb is refused unread); formulas are read as formulas so that they can be refused.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from app.domain.capped import read_at_most
from app.domain.errors import Problem
from app.exchange import qbook_cases
from app.exchange.qbook_write import ID_CELL, INFO_SHEET
from app.exchange.reader import SpreadsheetError

MAX_BOOK_BYTES = 16 * 1024 * 1024
MAX_UNPACKED_BYTES = 128 * 1024 * 1024
MAX_RATIO = 200  # a real workbook packs 5–20×; hundreds-fold is a zip bomb
MAX_MEMBERS = 1000
MAX_XML_ELEMENTS = 200_000  # XML elements of all parts: standard.yaml's workbook has about 10,000


def check_zip(raw: bytes, name: str) -> list[Problem]:
    """Refuse a workbook whose zip is too big unpacked, packed too tightly or has too many members."""
    if len(raw) > MAX_BOOK_BYTES:
        return [Problem("X114", {"size": len(raw), "limit": MAX_BOOK_BYTES}, name)]
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        return [Problem("X006", {"detail": type(exc).__name__}, name)]
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if len(infos) > MAX_MEMBERS or total > MAX_UNPACKED_BYTES or (total > 1024 * 1024 and total / packed > MAX_RATIO):
        return [Problem("X114", {"size": total, "limit": MAX_UNPACKED_BYTES}, name)]
    return []


def check_xml(raw: bytes, name: str) -> None:
    """Refuse (X127) a workbook whose XML is of a size or shape no questionnaire workbook has, before openpyxl reads it.

    openpyxl builds every cell of every sheet and keeps each element it does not know: 2,500,000 unknown
    elements in a 13 MB workbook took 1 GB and 33 s, 3,000,000 cells over two minutes. The parts are counted
    here in a few MB (:func:`app.exchange.bounds.elements`); a part that is not XML is left to openpyxl.
    """
    from xml.etree.ElementTree import ParseError

    from app.exchange import bounds

    total = 0
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            left = MAX_XML_ELEMENTS - total
            with zf.open(info) as source:
                try:
                    for _elem in bounds.elements(source, info.filename, name, bounds.MAX_NESTED, left):
                        total += 1
                except ParseError:
                    continue
                except bounds.Bound as exc:
                    detail = str(exc.problem.params["detail"])
                    if detail == f"{left + 1:,} elements > {left:,}":  # the count of the whole workbook
                        detail = f"{MAX_XML_ELEMENTS + 1:,} XML elements in the workbook > {MAX_XML_ELEMENTS:,}"
                    raise SpreadsheetError(Problem("X127", {"part": info.filename, "detail": detail}, name)) from None


def open_book(path: Path) -> tuple[Any, str]:
    """The workbook at ``path`` (openpyxl) and its name; :class:`SpreadsheetError` when it may not be opened."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BOOK_BYTES:
            raise SpreadsheetError(Problem("X114", {"size": size, "limit": MAX_BOOK_BYTES}, name))
        with open(path, "rb") as handle:  # at most one byte past the cap: a device (/dev/zero) has no size to trust
            raw = read_at_most(handle, MAX_BOOK_BYTES)
    except FileNotFoundError:
        raise SpreadsheetError(Problem("S001", {"path": name}, name)) from None
    except OSError as exc:
        raise SpreadsheetError(Problem("S006", {"path": name, "detail": exc.strerror or type(exc).__name__},
                                       name)) from None
    problems = check_zip(raw, name)
    if problems:
        raise SpreadsheetError(problems)
    try:
        check_xml(raw, name)
        # formulas are read as formulas (data_only=False) so that they can be refused, not silently valued
        return openpyxl.load_workbook(io.BytesIO(raw), data_only=False), name
    except SpreadsheetError:
        raise
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise SpreadsheetError(Problem("X006", {"detail": type(exc).__name__}, name)) from None
    except Exception as exc:  # zlib.error, EOFError … from a part damaged inside the zip
        kind = type(exc)
        detail = kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"
        raise SpreadsheetError(Problem("X006", {"detail": detail}, name)) from None


def workbook_catalogue(path: Path) -> str:
    """The case catalogue file the workbook's 説明 sheet names ("" when it has no 事例 sheet)."""
    wb, _name = open_book(Path(path))
    try:
        if INFO_SHEET not in wb.sheetnames or not wb[INFO_SHEET][qbook_cases.CODE_CELL].value:
            return ""
        return str(wb[INFO_SHEET][qbook_cases.NAME_CELL].value or "").strip()
    finally:
        wb.close()


def workbook_id(path: Path) -> str:
    """The questionnaire id on the workbook's 説明 sheet ("" when there is none); bounded like the import."""
    wb, _name = open_book(Path(path))
    try:
        if INFO_SHEET not in wb.sheetnames:
            return ""
        return str(wb[INFO_SHEET][ID_CELL].value or "").strip()
    finally:
        wb.close()
