"""The improvement team's tools in the window: the blank inventory sheet (and the questionnaire window)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app import service
from tests.conftest import FakeDialogs

pytestmark = pytest.mark.gui


def step_of(wizard: Any, kind: str) -> int:
    return next(i for i, s in enumerate(wizard.q.steps) if s.kind == kind)


def test_the_inventory_step_saves_a_blank_sheet_that_imports_back(
        wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path) -> None:
    assert wizard.doc.open_path(service.example_assessment_path())
    wizard.go(step_of(wizard, "task_grid"))
    grid = wizard.pages[wizard.current]
    target = tmp_path / "シート.xlsx"
    fake_dialogs.save_paths.append(target)
    assert grid.buttons["grid_template"].cget("text") == "記入用シート（Excel）…"
    grid.buttons["grid_template"].invoke()
    assert fake_dialogs.save_initials[-1].name == "業務の棚卸しシート.xlsx"
    assert target.is_file() and str(target) in fake_dialogs.infos[-1]
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames[0] == "業務の棚卸し"
    ws = wb.active
    ws.cell(4, 1, "証明書の郵送請求")
    ws.cell(4, 5, 800)
    wb.save(target)
    q = wizard.q
    a = service.new_assessment(q)
    result = service.import_tasks(q, a, target)
    assert [t.name for t in a.tasks] == ["証明書の郵送請求"] and not result.problems
    assert result.skipped["example"] == [3]


def test_a_wrong_file_type_is_reported_and_nothing_is_written(
        wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path) -> None:
    assert wizard.doc.open_path(service.example_assessment_path())
    wizard.go(step_of(wizard, "task_grid"))
    grid = wizard.pages[wizard.current]
    fake_dialogs.allow_errors = True
    fake_dialogs.save_paths.append(tmp_path / "シート.csv")  # not a workbook
    assert grid.write_template() is None
    assert "拡張子" in fake_dialogs.errors[-1] and not (tmp_path / "シート.csv").exists()
