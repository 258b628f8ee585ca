"""Every workbook the program writes prints like a report: page setup, number formats, dates, widths."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app import service
from app.exchange import sheet_print
from app.service import qbook
from tests.helpers import EXAMPLE, standard
from tests.report_support import reader

EXAMPLES = EXAMPLE.parent


def export(tmp_path: Path) -> Path:
    opened = service.open_assessment(EXAMPLE)
    return service.export_xlsx(opened.questionnaire, opened.assessment, tmp_path / "export.xlsx")


def summary(tmp_path: Path) -> Path:
    service.write_summary(service.aggregate_files([EXAMPLES]), xlsx=tmp_path / "summary.xlsx")
    return tmp_path / "summary.xlsx"


def questionnaire_book(tmp_path: Path) -> Path:
    return qbook.export_questionnaire("standard", tmp_path / "book.xlsx")


def template(tmp_path: Path) -> Path:
    return qbook.write_template(standard(), tmp_path / "template.xlsx")


def questionnaire_book_with_cases(tmp_path: Path) -> Path:
    from app.service import cases

    catalogue = tmp_path / "cases.yaml"
    cases.write_cases(cases.collect_cases([EXAMPLES]), catalogue, [EXAMPLES])
    return qbook.export_questionnaire("standard", tmp_path / "book.xlsx", cases=catalogue)


WORKBOOKS: list[Callable[[Path], Path]] = [export, summary, questionnaire_book, questionnaire_book_with_cases,
                                           template]


@pytest.mark.parametrize("make", WORKBOOKS, ids=[w.__name__ for w in WORKBOOKS])
def test_every_sheet_is_landscape_a4_one_page_wide_with_its_headings_repeated(tmp_path: Path,
                                                                              make: Callable[[Path], Path]) -> None:
    wb = openpyxl.load_workbook(make(tmp_path))
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9), ws.title
        assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0) and ws.sheet_properties.pageSetUpPr.fitToPage
        if ws.title != "説明":
            assert ws.print_title_rows, ws.title
        assert "&P" in ws.oddFooter.center.text
        for letter, dim in ws.column_dimensions.items():
            assert dim.width is None or 6 <= dim.width <= 60, (ws.title, letter)


def _column(ws: Any, header: str) -> list[Any]:
    col = [c.value for c in ws[1]].index(header) + 1
    return [ws.cell(r, col) for r in range(2, ws.max_row + 1)]


def test_export_hours_yen_counts_and_dates_are_formatted(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(export(tmp_path))
    tasks, measures, actions = wb.worksheets
    assert all(c.number_format == sheet_print.HOURS_FORMAT for c in _column(tasks, "年間時間（時間）"))
    assert all(c.number_format == sheet_print.COUNT_FORMAT for c in _column(tasks, "年間件数") if c.value is not None)
    assert all(c.number_format == sheet_print.YEN_FORMAT for c in _column(measures, "ポテンシャル（人件費換算・円）"))
    assert all(c.number_format == "0.0" for c in _column(measures, "削減率（%）"))
    deadlines = [c for c in _column(actions, "期限") if c.value is not None]
    assert deadlines and all(isinstance(c.value, dt.datetime) and c.number_format == sheet_print.DATE_FORMAT
                             for c in deadlines)
    # a name column is wide enough for a Japanese task name, but capped so long texts wrap
    assert 20 <= tasks.column_dimensions["A"].width <= 60


def test_the_ward_summary_counts_and_hours(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(summary(tmp_path)).worksheets[0]
    assert all(c.number_format == sheet_print.COUNT_FORMAT for c in _column(ws, "業務数") if c.value is not None)
    assert all(c.number_format == sheet_print.HOURS_FORMAT for c in _column(ws, "棚卸し時間（時間）"))


@pytest.mark.parametrize(("value", "width"), [("業務名", 6), ("abc", 3), (1234.5, 7), (None, 0), ("a\nlonger", 6)])
def test_display_width_counts_full_width_characters_twice(value: object, width: int) -> None:
    assert sheet_print.display_width(value) == width


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-calc-nogui) is not installed")
@pytest.mark.slow
@pytest.mark.parametrize("make", WORKBOOKS, ids=[w.__name__ for w in WORKBOOKS])
def test_libreoffice_prints_each_sheet_landscape_and_one_page_wide(tmp_path: Path,
                                                                   make: Callable[[Path], Path]) -> None:
    book = make(tmp_path)
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(book)], check=True, capture_output=True, timeout=240)
    pdf = reader(book.with_suffix(".pdf").read_bytes())
    sheets = len(openpyxl.load_workbook(book).worksheets)
    assert sheets <= len(pdf.pages) <= 3 * sheets  # one page wide: no sheet splits into strips of columns
    for page in pdf.pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
        assert abs(float(page.mediabox.width) - 842) < 3  # A4
