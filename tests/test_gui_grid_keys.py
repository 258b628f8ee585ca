"""The task grid from the keyboard: a check list for select-multiple cells, Delete clears, a typed value is shown
normalised the moment it is entered, editing never scrolls the grid sideways."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import wait_until
from tests.test_gui_keyboard import press, tab_to

pytestmark = pytest.mark.gui


def open_grid(wizard: Any) -> Any:
    wizard.doc.start_new({"department": "新規課", "session_date": "2026-11-27"})
    step = next(i for i, s in enumerate(wizard.q.steps) if s.kind == "task_grid")
    wizard.go(step)
    grid = wizard.pages[step]
    grid.edit_cell(0, "name", "窓口受付")
    wizard.root.update()
    return grid


def column(grid: Any, item_id: str) -> int:
    """The displayed column of ``item_id`` (the hidden id column is not displayed)."""
    return [i.id for i in grid.items].index(item_id)


def test_select_multiple_cell_opens_a_check_list_from_the_keyboard(wizard: Any) -> None:
    from app.gui.checklist import CheckListPopup

    root = wizard.root
    grid = open_grid(wizard)
    grid.sheet.select_cell(0, column(grid, "channel"))
    root.focus_force()
    grid.sheet.MT.focus_set()
    press(root, "<Return>")
    popups = [w for w in grid.sheet.winfo_children() if isinstance(w, CheckListPopup)]
    assert len(popups) == 1, "Enter on a 接点 cell opens its check list"
    popup = popups[0]
    checks = popup.checks
    assert [c.cget("text") for c in checks][:3] == ["窓口", "郵送", "電話"]
    wait_until(root, lambda: root.focus_get() is checks[0])  # the list takes the keyboard when it opens
    press(root, "<space>")  # 窓口
    tab_to(root, checks[2])
    press(root, "<space>")  # 電話
    tab_to(root, popup.ok)
    press(root, "<Return>")
    assert wizard.a.tasks[0].answers["channel"] == ["counter", "phone"]
    assert grid.sheet.get_cell_data(0, 1 + column(grid, "channel")) == "窓口、電話"


def test_delete_clears_a_cell_and_full_width_digits_show_normalised_at_once(wizard: Any) -> None:
    root = wizard.root
    grid = open_grid(wizard)
    c = column(grid, "annual_cases")
    grid.sheet.select_cell(0, c)
    root.focus_force()
    grid.sheet.MT.focus_set()
    press(root, "<KeyPress-5>")  # typing opens the cell's editor with the key
    grid.sheet.MT.text_editor.tktext.insert("end", "００")  # the IME's full-width digits
    press(root, "<Return>")
    assert wizard.a.tasks[0].answers["annual_cases"] == 500
    assert grid.sheet.get_cell_data(0, 1 + c) == "500"  # shown as read, not as typed
    grid.sheet.select_cell(0, c)
    grid.sheet.MT.focus_set()
    press(root, "<Delete>")
    assert "annual_cases" not in wizard.a.tasks[0].answers
    assert grid.sheet.get_cell_data(0, 1 + c) == ""


def test_editing_a_cell_far_right_keeps_the_grid_where_it_is(wizard: Any) -> None:
    root = wizard.root
    grid = open_grid(wizard)
    c = column(grid, "systems")  # the last column
    grid.sheet.see(0, c)
    grid.sheet.select_cell(0, c)
    root.update()
    before = grid.sheet.get_xview()
    assert before[0] > 0  # scrolled to the right
    grid.edit_cell(0, "systems", "住基システム")
    grid.edit_cell(0, "annual_cases", "1200")
    root.update()
    assert grid.sheet.get_xview() == before


def test_an_answer_that_hides_questions_says_so(wizard: Any) -> None:
    from app.gui.skipnote import _NOTES

    wizard.doc.open_path(wizard_example(), confirmed=True)
    step = next(i for i, s in enumerate(wizard.q.steps) if s.kind == "task_analysis")
    wizard.go(step)
    form = wizard.pages[step].form
    form.fields["ecrs_e"].widget.set("はい")
    form.fields["ecrs_e"]._changed()
    wizard.root.update()
    note = getattr(form, _NOTES)["ecrs_e"]
    assert note.winfo_ismapped()
    text = note.cget("text")
    assert "C（まとめる）" in text and "R（入れ替える）" in text and "S（簡単にする）" in text
    form.fields["ecrs_e"].widget.set("いいえ")
    form.fields["ecrs_e"]._changed()
    wizard.root.update()
    assert not note.winfo_ismapped()


def wizard_example() -> Any:
    from app import service

    return service.example_assessment_path()


def test_step_ticks_are_the_same_after_reopening(wizard: Any, fake_dialogs: Any, tmp_path: Any) -> None:
    wizard.doc.open_path(wizard_example(), confirmed=True)
    for index in range(len(wizard.q.steps) - 1):  # every step visited, as a meeting does
        wizard.go(index)
    marks = [wizard.step_complete(i) for i in range(len(wizard.q.steps) - 1)]
    target = tmp_path / "again.kaizen.json"
    fake_dialogs.save_paths.append(target)
    assert wizard.doc.save_as()
    wizard.show_home()
    wizard.doc.open_path(target, confirmed=True)
    assert [wizard.step_complete(i) for i in range(len(wizard.q.steps) - 1)] == marks


def test_the_wheel_over_a_short_memo_scrolls_the_page(wizard: Any) -> None:
    wizard.doc.open_path(wizard_example(), confirmed=True)
    step = next(i for i, s in enumerate(wizard.q.steps) if s.kind == "task_analysis")
    wizard.go(step)
    page = wizard.pages[step]
    root = wizard.root
    root.update()
    canvas = page.scroll._parent_canvas
    canvas.yview_moveto(0)
    root.update()
    memo = page.form.fields["analysis_note"].widget._textbox
    assert memo.yview() == (0.0, 1.0)  # a short memo: nothing of its own to scroll
    memo.event_generate("<Button-5>")
    root.update()
    assert canvas.yview()[0] > 0


def test_task_names_stay_in_view_when_the_grid_scrolls_right(wizard: Any) -> None:
    root = wizard.root
    grid = open_grid(wizard)
    grid.sheet.see(0, 0)
    root.update()
    assert not grid.frozen.frozen  # the name column itself is in view: plain row numbers
    grid.sheet.see(0, column(grid, "systems"))
    root.update()
    assert grid.frozen.frozen
    assert grid.sheet.get_index_data(0) == "1  窓口受付"
    grid.edit_cell(0, "name", "窓口受付・交付")
    root.update()
    assert grid.sheet.get_index_data(0) == "1  窓口受付・交付"  # renamed: the frozen name follows
    grid.sheet.set_xview(0.0)
    root.update()
    assert not grid.frozen.frozen


def test_up_and_down_choose_in_a_select_cells_list_and_enter_keeps_the_choice(wizard: Any) -> None:
    """Enter on a 業務区分 cell opens its list with a field to type in: ↑ ↓ did nothing there (the list's own
    keys are on the list, which never has the focus), so the keyboard could only type a choice's name."""
    root = wizard.root
    grid = open_grid(wizard)
    item = next(i for i in grid.items if i.id == "category")
    grid.sheet.select_cell(0, column(grid, "category"))
    root.focus_force()
    grid.sheet.MT.focus_set()
    press(root, "<Return>")
    mt = grid.sheet.MT
    wait_until(root, lambda: mt.dropdown.open and root.focus_get() is mt.text_editor.tktext)
    press(root, "<Down>")  # the blank choice
    press(root, "<Down>")
    press(root, "<Down>")
    assert mt.text_editor.get() == item.choices[1].label.get("ja")
    press(root, "<Up>")
    assert mt.text_editor.get() == item.choices[0].label.get("ja")
    press(root, "<Return>")
    assert wizard.a.tasks[0].answers["category"] == item.choices[0].value
    assert root.focus_get() is mt
