"""A visit or a change draws only what changed: the focus step's chart and list, the inventory sheet on leaving it,
the plan's error lines, flat labels and check boxes that keep their drawing when only their size changes."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.test_gui_behaviour import open_example
from tests.test_gui_integration import step_of


def count(monkeypatch: pytest.MonkeyPatch, counts: Counter[str], name: str, owner: Any, method: str) -> None:
    """Count the calls of ``owner.method`` under ``name`` (the method still runs)."""
    original = getattr(owner, method)

    def counted(*args: Any, **kwargs: Any) -> Any:
        counts[name] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, method, counted)


def visit_focus_again(wizard: Any) -> Any:
    """Open the focus step, go back to the inventory, and return the focus page (visited once already)."""
    focus = step_of(wizard, "focus")
    assert wizard.go(focus)
    wizard.root.update()
    assert wizard.go(focus - 1)
    wizard.root.update()
    return wizard.pages[focus]


def test_a_later_visit_of_the_focus_step_redraws_neither_chart_nor_list(wizard: Any,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    open_example(wizard)
    page = visit_focus_again(wizard)
    counts: Counter[str] = Counter()
    count(monkeypatch, counts, "chart", page.canvas, "delete")
    count(monkeypatch, counts, "list", page.sheet, "redraw")
    count(monkeypatch, counts, "load", page.sheet, "set_sheet_data")
    assert wizard.go(step_of(wizard, "focus"))
    wizard.root.update()
    assert counts == Counter()
    assert page.canvas.find_all()  # the chart drawn on the first visit is still there
    page.toggle(0)  # a tick changes the chart (the bar's colour, the line) …
    wizard.root.update()
    assert counts["chart"] == 1
    counts.clear()
    assert wizard.go(step_of(wizard, "focus") - 1)
    wizard.root.update()
    assert wizard.go(step_of(wizard, "focus"))  # … and the list, which is loaded again on the next visit
    assert counts["load"] == 1 and counts["list"] == 1
    assert counts["chart"] == 0  # drawn after the tick already


def test_the_focus_chart_is_drawn_again_when_its_size_or_language_changes(wizard: Any,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    open_example(wizard)
    page = visit_focus_again(wizard)
    assert wizard.go(step_of(wizard, "focus"))
    wizard.root.update()
    counts: Counter[str] = Counter()
    count(monkeypatch, counts, "chart", page.canvas, "delete")
    width = page.canvas.winfo_width()
    page.canvas.grid_configure(padx=(0, 40))  # narrower: the bars are laid out again
    try:
        wizard.root.update()
        assert page.canvas.winfo_width() < width
        assert counts["chart"] >= 1
    finally:
        page.canvas.grid_configure(padx=0)
        wizard.root.update()
    counts.clear()
    page.draw()
    assert counts["chart"] == 0
    wizard.lang = "en"
    try:
        page.draw()
        assert counts["chart"] == 1
        texts = [page.canvas.itemcget(i, "text") for i in page.canvas.find_all() if page.canvas.type(i) == "text"]
        assert any("Cumulative" in t or "cumulative" in t for t in texts)
    finally:
        wizard.lang = "ja"
        page.draw()


def test_leaving_the_inventory_unchanged_does_not_reload_its_sheet(wizard: Any,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    open_example(wizard)
    inventory = step_of(wizard, "task_grid")
    assert wizard.go(inventory)
    wizard.root.update()
    grid = wizard.pages[inventory]
    counts: Counter[str] = Counter()
    count(monkeypatch, counts, "load", grid, "load")
    assert wizard.go(inventory + 1)
    assert counts["load"] == 0
    assert wizard.go(inventory)
    grid.edit_cell(0, "annual_cases", "1234")  # the sheet shows the edit already: still no reload needed
    assert wizard.go(inventory + 1)
    assert counts["load"] == 0
    assert wizard.go(inventory)
    wizard.a.tasks[0].answers["annual_cases"] = 4321  # changed in the model, not in the sheet
    wizard.changed()
    assert wizard.go(inventory + 1)
    assert counts["load"] >= 1
    assert grid.sheet.get_sheet_data()[0][1 + [i.id for i in grid.items].index("annual_cases")] in ("4321", "4,321")


def test_leaving_the_inventory_with_a_blank_required_cell_draws_its_mark(wizard: Any,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    open_example(wizard)
    inventory = step_of(wizard, "task_grid")
    assert wizard.go(inventory)
    grid = wizard.pages[inventory]
    required = next(i for i in grid.items if i.required)
    del wizard.a.tasks[0].answers[required.id]  # the sheet still shows the model's revision: no reload for that
    grid._loaded_revision = wizard.revision
    counts: Counter[str] = Counter()
    count(monkeypatch, counts, "redraw", grid.sheet, "redraw")
    assert not wizard.go(inventory + 1)
    assert (wizard.a.tasks[0].id, required.id) in grid.errors
    assert counts["redraw"] >= 1  # the new mark is drawn, not left for some later redraw


def test_the_plan_makes_an_error_line_only_for_a_field_with_something_to_say(wizard: Any) -> None:
    from tests.test_gui_flow import type_into

    open_example(wizard)
    plan_step = step_of(wizard, "action_plan")
    assert wizard.go(plan_step)
    plan = wizard.pages[plan_step]
    for name in list(plan.error_labels):  # earlier tests of the session may have made some
        plan.error_labels.pop(name).destroy()
    plan.refresh()
    assert plan.error_labels == {}  # eight lines were made (and configured on every visit) for nothing
    type_into(plan.entries["deadline"], "2026/13/40")
    label = plan.error_labels["deadline"]
    assert label.cget("text").startswith("⚠") and label.grid_info()
    assert int(label.cget("wraplength")) == plan._error_wrap  # wrapped as the detail's width says
    type_into(plan.entries["deadline"], "2026-12-25")
    assert not label.grid_info() and set(plan.error_labels) == {"deadline"}


def test_a_flat_label_paints_its_background_and_draws_no_shape(wizard: Any) -> None:
    from app.gui.flat_frame import FlatLabel

    flat = FlatLabel(wizard.root, text="業務", text_color="#123456")
    shaped = FlatLabel(wizard.root, text="業務", fg_color="#fff4d6", corner_radius=6)
    try:
        flat.place(x=0, y=0)
        shaped.place(x=0, y=40)
        wizard.root.update()
        assert flat._canvas.find_all() == ()  # nothing to reshape on a resize
        assert flat._canvas.cget("bg") == flat._label.cget("bg") == flat._apply_appearance_mode(flat._bg_color)
        assert flat._label.cget("fg") == "#123456"
        flat.configure(text_color="#654321")
        assert flat._label.cget("fg") == "#654321"
        assert shaped._canvas.find_all()  # a coloured, rounded label keeps customtkinter's shape
    finally:
        flat.destroy()
        shaped.destroy()


def test_a_check_box_is_not_redrawn_when_only_its_width_changes(wizard: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.gui.check_box import CheckBox

    box = CheckBox(wizard.root, text="紙の受付・保管")
    try:
        box.place(x=0, y=0)
        wizard.root.update()
        counts: Counter[str] = Counter()
        count(monkeypatch, counts, "draw", box, "_draw")
        box.configure(text="紙の受付・保管・転記・二重入力")  # wider: resized by Tk
        wizard.root.update()
        assert counts["draw"] == 0
        box.select()  # a tick is drawn
        assert counts["draw"] == 1
    finally:
        box.destroy()


def test_a_later_visit_of_the_measures_step_redraws_no_card_tick(wizard: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.gui.check_box import CheckBox

    open_example(wizard)
    measures = step_of(wizard, "measures")
    assert wizard.go(measures)
    page = wizard.pages[measures]
    page.finish_building()
    assert wizard.go(measures - 1)
    counts: Counter[str] = Counter()
    count(monkeypatch, counts, "tick", CheckBox, "_draw")
    assert wizard.go(measures)
    wizard.root.update_idletasks()
    assert counts["tick"] == 0  # each card's tick was set (and drawn) again on every visit
    tid = wizard.current_task
    chosen = {mid for mid, c in wizard.a.measures[tid].items() if c.chosen}
    shown = {m.id for m in page.shown_measures()}  # cards of other tasks or files stay built, hidden and unread
    assert {mid for mid in shown if page.cards[mid].var.get()} == chosen & shown
