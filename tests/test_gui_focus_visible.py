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


def test_the_grids_row_numbers_are_no_tab_stop(wizard: Any) -> None:
    """Tab from the last row button went to the row numbers, invisibly, and further Tabs stayed there."""
    root = wizard.root
    open_example(wizard)
    grid_step = step_of(wizard, "task_grid")
    wizard.go(grid_step)
    grid = wizard.pages[grid_step]
    root.focus_force()
    keys.focus(grid.buttons["grid_template"])
    root.update()
    press(root, "<Tab>")
    assert root.focus_get() is grid.sheet.MT


def test_tab_into_the_grid_shows_a_current_cell(wizard: Any) -> None:
    root = wizard.root
    open_example(wizard)
    grid_step = step_of(wizard, "task_grid")
    wizard.go(grid_step)
    grid = wizard.pages[grid_step]
    grid.sheet.deselect("all")
    root.focus_force()
    keys.focus(grid.buttons["grid_template"])
    root.update()
    press(root, "<Tab>")
    assert root.focus_get() is grid.sheet.MT
    current = grid.sheet.get_currently_selected()
    assert current and (current.row, current.column) == (0, 0)
    press(root, "<Down>")  # the arrows move from there
    assert grid.sheet.get_currently_selected().row == 1


def test_focus_tasks_are_chosen_with_the_arrows_and_space(wizard: Any) -> None:
    root = wizard.root
    open_example(wizard)
    focus_step = step_of(wizard, "focus")
    wizard.go(focus_step)
    page = wizard.pages[focus_step]
    page.sheet.deselect("all")
    root.focus_force()
    keys.focus(page.reset_button)
    root.update()
    tab_to(root, page.sheet.MT)
    current = page.sheet.get_currently_selected()
    assert current and current.row == 0, "the list entered with Tab has a current line"
    press(root, "<Down>")
    row = page.sheet.get_currently_selected().row
    assert row == 1
    task = page.ids[row]
    ticked = task in [t.task_id for t in wizard.focus_tasks()]
    press(root, "<space>")
    assert (task in [t.task_id for t in wizard.focus_tasks()]) is not ticked
    assert page.sheet.get_cell_data(row, 0) is not ticked
    assert wizard.doc.dirty
    press(root, "<space>")
    assert (task in [t.task_id for t in wizard.focus_tasks()]) is ticked


@pytest.mark.parametrize("size", [150, "meeting"])
def test_the_pareto_charts_labels_fit_at_large_text(wizard: Any, size: int | str) -> None:
    """At 150 % the top of the hours axis read 「,000.0」: the chart kept a margin of 56 px for a label drawn in a
    font half as large again. In meeting mode 「100%」 was cut at the right edge and the two titles above the
    chart ran into the first bar and the cumulative line."""
    root = wizard.root
    open_example(wizard)
    focus_step = step_of(wizard, "focus")
    if size == "meeting":
        wizard.meeting.set_meeting(True)
    else:
        wizard.set_scale(int(size))
    try:
        wizard.go(focus_step)
        page = wizard.pages[focus_step]
        root.update()
        page.draw()
        canvas = page.canvas
        texts = [i for i in canvas.find_all() if canvas.type(i) == "text"]
        assert texts
        for item in texts:
            x0, _y0, x1, _y1 = canvas.bbox(item)
            assert x0 >= 0 and x1 <= canvas.winfo_width(), f"{canvas.itemcget(item, 'text')!r} is cut ({size})"
        plot_top = min(canvas.coords(i)[1] for i in canvas.find_all() if canvas.type(i) == "rectangle")
        titles = [i for i in texts if canvas.bbox(i)[1] < plot_top and canvas.itemcget(i, "anchor") in ("nw", "ne")
                  and canvas.coords(i)[1] < plot_top - 1]
        assert len(titles) == 2  # 年間時間 and 累積割合
        for item in titles:
            assert canvas.bbox(item)[3] <= plot_top, f"{canvas.itemcget(item, 'text')!r} runs into the chart"
    finally:
        wizard.meeting.set_meeting(False)
        wizard.set_scale(100)


def test_start_without_a_department_gives_the_keyboard_to_the_field_with_the_message(wizard: Any) -> None:
    """At 150 % the 部署名 field is scrolled out of Home's form when Start has the focus: Start with it empty
    wrote its message there, out of sight, and the focus stayed on Start."""
    root = wizard.root
    home = wizard.home
    home.draft.clear()
    home.refresh()
    root.focus_force()
    keys.focus(home.start_button)
    root.update()
    press(root, "<space>")
    assert not wizard.started
    department = home.form.fields["department"]
    assert department.error
    assert str(root.focus_get()).startswith(str(department) + ".")


def test_next_on_basic_information_with_a_problem_gives_the_keyboard_to_that_field(wizard: Any) -> None:
    root = wizard.root
    open_example(wizard)
    info = next(i for i, s in enumerate(wizard.q.steps) if s.kind == "page" and any(
        it.id == "department" for it in s.items))
    wizard.go(info)
    page = wizard.pages[info]
    department = page.form.fields["department"]
    entry = department.widget._entry
    entry.delete(0, "end")
    root.update()
    root.focus_force()
    keys.focus(wizard.next_button)
    root.update()
    press(root, "<Alt-Right>")
    assert wizard.current == info and department.error
    assert root.focus_get() is entry


def test_alt_arrows_on_a_choice_move_between_steps_and_leave_the_answer(wizard: Any) -> None:
    """← → change a choice such as はい｜いいえ; with Alt they are the step keys. The choice's own ← → took them
    as well and stopped them: Alt+→ on 現状分析 changed the answer and stayed on the step."""
    from app.gui.segmented import Segmented

    root = wizard.root
    open_example(wizard)
    analysis = step_of(wizard, "task_analysis")
    wizard.go(analysis)
    page = wizard.pages[analysis]
    root.update()
    choice = next(f.widget for f in page.form.fields.values()
                  if isinstance(f.widget, Segmented) and f.widget.winfo_viewable())
    before = choice.get()
    root.focus_force()
    keys.focus(choice)
    root.update()
    press(root, "<Alt-Right>")
    assert wizard.current == analysis + 1
    assert choice.get() == before
    wizard.go(analysis)
    root.focus_force()
    keys.focus(choice)
    root.update()
    press(root, "<Alt-Left>")
    assert wizard.current == analysis - 1
    assert choice.get() == before


def test_next_on_measures_with_a_problem_gives_the_keyboard_to_that_field(wizard: Any) -> None:
    """The same on 改善策の検討: a ticked card's field with a problem gets the keyboard when 次へ stops on it."""
    root = wizard.root
    open_example(wizard)
    measures = step_of(wizard, "measures")
    wizard.go(measures)
    page = wizard.pages[measures]
    root.update()
    mid = next(m.id for m in page.shown_measures() if m.id in page.cards and page.cards[m.id].var.get())
    field = page.cards[mid].form.fields["action_title"]
    entry = field.widget._entry
    entry.delete(0, "end")
    entry.insert(0, "あ" * 61)  # 60 characters at most
    root.update()
    root.focus_force()
    keys.focus(wizard.next_button)
    root.update()
    press(root, "<Alt-Right>")
    assert wizard.current == measures and field.error
    assert root.focus_get() is entry


def test_at_start_the_keyboard_waits_in_the_first_field_of_home(wizard: Any) -> None:
    """Found in the walk: at start-up nothing visible had the focus, so the first keys typed went nowhere."""
    root = wizard.root
    root.focus_force()
    keys.focus(wizard.home.start_button)
    root.update()
    wizard.home.focus_start()  # what app.build schedules for the first idle moment when no file is opened
    root.update()
    department = wizard.home.form.fields["department"]
    assert str(root.focus_get()).startswith(str(department) + ".")
    open_example(wizard)
    wizard.go(1)
    root.update()
    before = root.focus_get()
    wizard.home.focus_start()  # a step is shown by then (a file opened from the command line): the focus stays
    root.update()
    assert root.focus_get() is before


def test_the_coverage_guide_stays_visible_over_bars_of_similar_size(wizard: Any) -> None:
    """Seen with a 10,000-task inventory: many tasks of similar size made every bar taller than the 80 % line,
    and the bars, drawn after it, hid the line and its label."""
    open_example(wizard)
    for task in wizard.a.tasks:  # every task about the same size: every bar reaches above the guide
        task.answers.update({"annual_cases": 1000, "minutes_per_case": 30, "fixed_hours": 0})
    wizard.changed()
    focus_step = step_of(wizard, "focus")
    wizard.go(focus_step)
    page = wizard.pages[focus_step]
    wizard.root.update()
    page.draw()
    canvas = page.canvas
    order = list(canvas.find_all())
    label = canvas.find_withtag("coverage_label")[0]
    bars = [i for i in order if canvas.type(i) == "rectangle" and "coverage" not in canvas.gettags(i)]
    guide_y = canvas.coords(label)[1]
    assert all(canvas.coords(b)[1] < guide_y for b in bars)  # the case: each bar reaches above the guide
    assert order.index(label) > max(order.index(b) for b in bars)
    line = next(i for i in canvas.find_withtag("coverage") if canvas.type(i) == "line")
    assert order.index(line) > max(order.index(b) for b in bars)
    ground = next(i for i in canvas.find_withtag("coverage") if canvas.type(i) == "rectangle")
    assert canvas.itemcget(ground, "fill") == "white"
    assert order.index(max(bars, key=order.index)) < order.index(ground) < order.index(label)
