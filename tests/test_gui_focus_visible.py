"""Found in a keyboard-only walk through the example at 1366×768: the keyboard focus is always on something that
shows it and acts on keys. A list's first build does not pull the focus into it, the grid's row numbers are
not a Tab stop, a list entered with Tab has a current line, 重点業務 are ticked with Space, the Pareto chart's
labels fit at 150 %, and a field with a problem gets the keyboard when Start or 次へ stops on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.gui import keys
from tests.test_gui_keyboard import press, tab_to

pytestmark = pytest.mark.gui

EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"


def open_example(wizard: Any) -> None:
    assert wizard.doc.open_path(EXAMPLES / "example_kosodate.kaizen.json", confirmed=True)


def step_of(wizard: Any, kind: str) -> int:
    return next(i for i, s in enumerate(wizard.q.steps) if s.kind == kind)


def first_visit_from_next(wizard: Any, index: int) -> None:
    """Press Alt+→ on 次へ of the step before ``index`` as if ``index`` were visited for the first time: its page
    is built anew (as test_gui_deferred.first_visit does)."""
    root = wizard.root
    wizard.go(index - 1)
    old = wizard.pages.pop(index, None)
    if old is not None:
        old.destroy()
    root.focus_force()
    keys.focus(wizard.next_button)
    root.update()
    assert root.focus_get() is wizard.next_button
    press(root, "<Alt-Right>")
    assert wizard.current == index


@pytest.mark.parametrize("kind", ["task_grid", "focus", "action_plan"])
def test_a_first_visit_of_a_page_with_a_list_leaves_the_focus_on_next(wizard: Any, kind: str) -> None:
    """tksheet focuses its table when it is made: on a step's first visit the focus left 次へ for a table with
    no current cell, where nothing showed it and the arrows did nothing."""
    root = wizard.root
    open_example(wizard)
    first_visit_from_next(wizard, step_of(wizard, kind))
    root.update()
    assert root.focus_get() is wizard.next_button
