"""The blank inventory workbook: written from the task grid, filled in (openpyxl here), imported with no mapping."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from app import cli, service
from app.domain.questionnaire import Questionnaire
from app.exchange.template import EXAMPLE_ROW, HEADER_ROW, HELP_SHEET, TASK_SHEET, header_of, template_items
from app.service import qbook
from tests.helpers import standard


def write(tmp_path: Path, q: Questionnaire | None = None) -> Path:
    return qbook.write_template(q or standard(), tmp_path / "棚卸し.xlsx")


def test_columns_labels_hints_lists_and_number_rules(tmp_path: Path) -> None:
    q = standard()
    wb = openpyxl.load_workbook(write(tmp_path))
    assert wb.sheetnames[:2] == [TASK_SHEET, HELP_SHEET]
    ws = wb[TASK_SHEET]
    items = template_items(q)
    assert [c.value for c in ws[HEADER_ROW]][: len(items)] == [header_of(i) for i in items]
    assert "、" in header_of(q.item("channel")) and "複数可" in header_of(q.item("channel"))
    assert ws.cell(HEADER_ROW, 2).comment is not None  # the hint of 業務区分
    assert str(ws.cell(EXAMPLE_ROW, 1).value).startswith("【記入例】")
    by_column: dict[str, tuple[str | None, str | None, str | None]] = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_column[re.sub(r"\d.*", "", rng.coord)] = (dv.type, dv.formula1, dv.formula2)
    letters = {i.id: openpyxl.utils.get_column_letter(n) for n, i in enumerate(items, 1)}
    for item in items:
        kind = by_column[letters[item.id]][0]
        if item.type in ("select_one", "likert", "boolean"):
            assert kind == "list", item.id
        elif item.type == "integer":
            assert kind == "whole" and by_column[letters[item.id]][1:] == ("0", "100000000")
        elif item.type == "decimal":
            assert kind == "decimal", item.id
    lists = wb["選択肢"]
    first_likert = by_column[letters["rule_based"]][1]
    assert first_likert is not None and first_likert.startswith("'選択肢'!")
    values = [c.value for c in lists[first_likert.split("!")[1].replace("$", "").split(":")[0][0]]][1:6]
    assert values == [c.label.ja for c in q.item("rule_based").choices]
    help_text = " ".join(str(c.value) for row in wb[HELP_SHEET].iter_rows() for c in row if c.value)
    assert "記入例" in help_text and "、" in help_text


def test_a_filled_template_imports_with_no_mapping_no_warnings_and_without_the_example(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    q = standard()
    path = write(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb[TASK_SHEET]
    items = template_items(q)
    col = {i.id: n for n, i in enumerate(items, 1)}
    rows = [
        {"name": "転入届の受付", "category": "窓口受付", "channel": "窓口、郵送", "annual_cases": 3200,
         "minutes_per_case": 15, "peak_months": "3月、4月", "staff": 2, "single_person": "いいえ",
         "rule_based": "4 ほぼ手順どおり", "input_medium": "1 すべて紙", "documentation": "2 様式のみ"},
        {"name": "窓口の締め作業", "fixed_hours": 120.5, "single_person": "はい", "legal_basis": "なし"},
    ]
    for r, answers in enumerate(rows, EXAMPLE_ROW + 1):
        for fid, value in answers.items():
            ws.cell(r, col[fid], value)
    wb.save(path)
    target = tmp_path / "課.kaizen.json"
    assert cli.main(["import", str(path), "--into", str(target)]) == 0
    err = capsys.readouterr().err
    assert err == ""  # no warnings, no cell left out
    a = service.open_assessment(target).assessment
    assert [t.name for t in a.tasks] == ["転入届の受付", "窓口の締め作業"]
    first = a.tasks[0].answers
    assert first["channel"] == ["counter", "post"] and first["peak_months"] == [4, 3]
    assert first["rule_based"] == 4 and first["input_medium"] == 1 and first["single_person"] is False
    assert a.tasks[1].answers["fixed_hours"] == 120.5


def test_the_template_follows_the_questionnaire(tmp_path: Path) -> None:
    from app.loading.loader import convert
    from tests.helpers import standard_text

    text = standard_text().replace("label: {ja: 担当人数, en: Staff}", "label: {ja: 従事職員数, en: Staff}", 1)
    q = convert(text, str(tmp_path / "city.yaml"))
    ws = openpyxl.load_workbook(write(tmp_path, q))[TASK_SHEET]
    assert "従事職員数" in [c.value for c in ws[HEADER_ROW]]
