"""The xlsx writer that writes rows as XML text gives the same workbook, cell by cell, as openpyxl's own cells."""

from __future__ import annotations

import io
import zipfile
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest

from app import service
from app.domain.assessment import Assessment, MeasureChoice
from app.exchange.reader import Cell
from app.exchange.tables import Table, assessment_tables
from app.exchange.writers import xlsx_bytes
from tests import xlsx_reference
from tests.helpers import standard

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-A1", "@SUM(A1)", "-12.5", "\tTab", "\rCR", "a & b < c > d",
           "<t>not xml</t>", " leading", "trailing ", "   ", "", "#N/A", "#DIV/0!", "改行\nあり\n三行目", "x" * 40_000,
           "\x01control\x1f", "]]>", "&amp;", "\"quoted\" 'single'", "2026-10-15", "2026-02-30", "😀 絵文字",
           "全角の長い業務名" * 6, "=", "- ", "-.5"]


def _department(n: int) -> Assessment:
    """``n`` tasks with hostile names and notes, every third a focus task with chosen measures."""
    q = standard()
    a = service.new_assessment(q, {"department": "<部署&課>", "session_date": "2026-04-01"})
    focus: list[str] = []
    for i in range(n):
        t = a.add_task({"name": f"{HOSTILE[i % len(HOSTILE)][:200]}{i}", "annual_cases": 100 + i * 7,
                        "minutes_per_case": 10 + i % 30 + (0.5 if i % 4 == 0 else 0), "rule_based": 1 + i % 5,
                        "input_medium": 1 + (i * 3) % 5, "structured": 3, "stability": 4, "documentation": 2})
        if i % 3:
            continue
        a.analysis[t.id] = {"pain_points": ["paper", "retyping"], "ecrs_e": "no", "ecrs_r": "yes"}
        for mid in ("rearrange", "paperless", "chat_faq"):
            a.measures.setdefault(t.id, {})[mid] = MeasureChoice(i % 2 == 0, {
                "affected_share": 1 + i % 5, "ease_budget": "none", "ease_coordination": "none",
                "ease_rules": "none", "ease_system": "none", "ease_period": "within_3m", "ease_team": "in_section"})
        focus.append(t.id)
    a.focus = focus
    return a


def _edge_table() -> Table:
    """Every kind of value a table cell can hold, under headings that give number formats."""
    rows: list[list[Cell]] = []
    for i, text in enumerate(HOSTILE):
        rows.append([text, i, i + 0.25, bool(i % 2), None, 1.5 if i % 3 else 2, 1234567.891,
                     -0.0 if i == 0 else 1e-7 * i, f"{2020 + i % 7}-0{1 + i % 9}-1{i % 9}", None if i % 5 else text])
    rows.append([None] * 10)
    rows.append(["short row"])
    rows.append(["long row", *range(14)])
    heads = ["名前", "件数", "時間（時間）", "真偽", "空", "職員（人）", "費用（円）", "率（%）", "日付", "メモ"]
    return Table("表[1]:a/b*c?", heads, rows)


def _sheet_facts(ws: Any) -> dict[str, Any]:
    """Everything of a sheet the export sets, except its cells."""
    return {
        "title": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
        "print_titles": ws.print_title_rows, "orientation": ws.page_setup.orientation,
        "paper": ws.page_setup.paperSize, "fit": (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight,
                                                  ws.sheet_properties.pageSetUpPr.fitToPage),
        "centred": ws.print_options.horizontalCentered,
        "margins": (ws.page_margins.left, ws.page_margins.right, ws.page_margins.top, ws.page_margins.bottom),
        "footer": (ws.oddFooter.left.text, ws.oddFooter.center.text),
        "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
        "heights": {k: v.height for k, v in ws.row_dimensions.items() if v.height},
        "dimensions": ws.max_row,
    }


def _cell_facts(cell: Any) -> tuple[Any, ...]:
    a, f, fill = cell.alignment, cell.font, cell.fill
    return (cell.value, cell.data_type, cell.number_format, a.wrap_text, a.vertical, a.horizontal, f.b, f.name,
            f.sz, fill.fill_type, fill.fgColor.rgb if fill.fill_type else None)


def _assert_same(new: bytes, old: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(new)) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                ElementTree.fromstring(z.read(name))  # well-formed, every text escaped
        with zipfile.ZipFile(io.BytesIO(old)) as zo:
            assert sorted(z.namelist()) == sorted(zo.namelist())
            assert z.read("xl/workbook.xml") == zo.read("xl/workbook.xml")  # sheets, print titles
    wb_new, wb_old = openpyxl.load_workbook(io.BytesIO(new)), openpyxl.load_workbook(io.BytesIO(old))
    assert wb_new.sheetnames == wb_old.sheetnames
    for ws_new, ws_old in zip(wb_new.worksheets, wb_old.worksheets, strict=True):
        assert _sheet_facts(ws_new) == _sheet_facts(ws_old)
        new_rows, old_rows = list(ws_new.iter_rows()), list(ws_old.iter_rows())
        assert len(new_rows) == len(old_rows)
        for row_new, row_old in zip(new_rows, old_rows, strict=True):
            for cell_new, cell_old in zip(row_new, row_old, strict=True):
                assert _cell_facts(cell_new) == _cell_facts(cell_old), cell_new.coordinate


def test_department_export_is_the_same_as_openpyxls_cells() -> None:
    q = standard()
    a = _department(240)
    tables = assessment_tables(q, a, service.score(q, a), "ja")
    assert sum(len(t.rows) for t in tables) > 300
    _assert_same(xlsx_bytes(tables), xlsx_reference.xlsx_bytes(tables))


def test_every_kind_of_value_is_the_same_as_openpyxls_cells() -> None:
    tables = [_edge_table(), Table("空", ["見出しだけ"], []), _edge_table()]
    _assert_same(xlsx_bytes(tables), xlsx_reference.xlsx_bytes(tables))


def test_typed_formulas_and_markup_stay_text_in_the_sheet_xml() -> None:
    data = xlsx_bytes([_edge_table()])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<t>not xml</t>" not in sheet and "&lt;t&gt;not xml&lt;/t&gt;" in sheet
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    names = [ws.cell(r, 1) for r in range(2, len(HOSTILE) + 2)]
    for cell in names:
        if isinstance(cell.value, str) and cell.value[:1] in "=+@":
            assert cell.data_type == "s", cell.coordinate
    assert ws["A2"].value == HOSTILE[0] and ws["A2"].data_type == "s"
    for text in (" leading", "trailing ", "a & b < c > d", "改行\nあり\n三行目"):
        assert ws.cell(HOSTILE.index(text) + 2, 1).value == text


@pytest.mark.parametrize("value", [object(), b"bytes"])
def test_a_cell_of_an_unknown_type_is_refused(value: object) -> None:
    from app.exchange import sheet_xml

    with pytest.raises(TypeError):
        sheet_xml.cell_xml("A1", 0, value, False)
