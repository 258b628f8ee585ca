"""A new assessment's inventory is ready to type or paste into, and a row left blank is not a task."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.gui


def test_new_inventory_offers_one_blank_row_with_the_name_cell_selected(wizard: Any) -> None:
    wizard.doc.start_new({"department": "新規課", "session_date": "2026-11-27"})
    grid_step = next(i for i, s in enumerate(wizard.q.steps) if s.kind == "task_grid")
    wizard.go(grid_step)
    wizard.root.update()
    grid = wizard.pages[grid_step]
    assert len(wizard.a.tasks) == 1 and wizard.a.tasks[0].answers == {}
    assert grid.sheet.get_currently_selected()[:2] == (0, 0)  # 業務名 (the id column is hidden)
    wizard.next_button.invoke()
    assert wizard.current == grid_step  # a blank row is not a task: one is still needed
    assert wizard.a.tasks == []
    assert "1件以上" in grid.message.cget("text")


def test_saving_on_the_inventory_never_writes_the_blank_row(wizard: Any, fake_dialogs: Any, tmp_path: Any) -> None:
    import json

    wizard.doc.start_new({"department": "新規課", "session_date": "2026-11-27"})
    grid_step = next(i for i, s in enumerate(wizard.q.steps) if s.kind == "task_grid")
    wizard.go(grid_step)
    grid = wizard.pages[grid_step]
    grid.edit_cell(0, "name", "窓口受付")
    grid.add_row()  # a second row, left blank
    target = tmp_path / "新規.kaizen.json"
    fake_dialogs.save_paths.append(target)
    assert wizard.doc.save_as()
    tasks = json.loads(target.read_text(encoding="utf-8"))["tasks"]
    assert [t["answers"].get("name") for t in tasks] == ["窓口受付"]
