"""A new assessment's inventory is ready to type or paste into, and a row left blank is not a task."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.gui


def test_new_inventory_offers_one_blank_row_with_the_name_cell_selected(wizard: Any) -> None:
    wizard.start_new({"department": "新規課", "session_date": "2026-11-27"})
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
