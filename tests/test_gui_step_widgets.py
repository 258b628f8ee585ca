"""The inventory, plan and output steps' lighter controls: the plan's entries drawn once laid out and in one pass
(the shape CTkEntry draws), option menus that do not lay the window out while drawing, and pages built without
customtkinter's redrawn buttons and panels (counted: DrawEngine drawings and window-wide layouts per first visit)."""

from __future__ import annotations

import contextlib
import tkinter
from collections import Counter
from typing import Any

import customtkinter as ctk
import pytest
from customtkinter.windows.widgets.core_rendering import DrawEngine

from app.gui import style
from app.gui.after_jobs import TextBox
from app.gui.controller import page_class
from app.gui.light import LightButton
from app.gui.segmented import Segmented
from app.gui.settled import ORIGINAL_SCROLLBAR_DRAW, SHAPE, QuietOptionMenu, SettledEntry
from tests.test_gui_behaviour import open_example
from tests.test_gui_integration import step_of
from tests.test_gui_light_button import _shape
from tests.test_gui_redraws import count

pytestmark = pytest.mark.gui


def _entries(parent: Any, cls: type, **options: Any) -> Any:
    entry = cls(parent, font=style.font(), width=80, **options)
    entry.insert(0, "証明係長")
    return entry


@pytest.mark.parametrize("percent", [100, 125, 150])
def test_a_settled_entry_draws_the_shape_and_colours_ctkentry_draws(gui_root: Any, percent: int) -> None:
    frame = ctk.CTkFrame(gui_root, corner_radius=8, width=500, height=200)
    frame.place(x=0, y=0)
    frame.columnconfigure(0, weight=1)
    style.set_scale(percent)
    try:
        for options in ({}, {"fg_color": "#fff4d6", "border_color": "#c0392b"}, {"fg_color": "transparent"}):
            old, new = _entries(frame, ctk.CTkEntry, **options), _entries(frame, SettledEntry, **options)
            old.grid(row=0, column=0, sticky="ew", padx=12)  # stretched, as in the plan's cells
            new.grid(row=1, column=0, sticky="ew", padx=12)
            gui_root.update()
            assert (new.winfo_width(), new.winfo_height()) == (old.winfo_width(), old.winfo_height())
            assert _shape(new._canvas, new._canvas.find_withtag(SHAPE)) == _shape(old._canvas, old._canvas.find_all())
            assert new._canvas.cget("bg") == old._canvas.cget("bg")
            for option in ("bg", "fg", "disabledbackground", "readonlybackground", "insertbackground"):
                assert new._entry.cget(option) == old._entry.cget(option), option
            old.destroy()
            new.destroy()
    finally:
        style.set_scale(100)
        frame.destroy()


def test_a_settled_entry_is_drawn_once_laid_out_and_again_only_when_its_size_or_colour_changes(
        gui_root: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    frame = ctk.CTkFrame(gui_root, width=400, height=100)
    frame.place(x=0, y=0)
    frame.columnconfigure(0, weight=1)
    frame.grid_propagate(False)
    try:
        entry = _entries(frame, SettledEntry)
        counts: Counter[str] = Counter()
        count(monkeypatch, counts, "drawn", entry._canvas, "delete")  # every drawing clears the last shape first
        entry.grid(row=0, column=0, sticky="ew")
        gui_root.update()
        assert counts["drawn"] == 1  # CTkEntry: when made (80 px wide), and again at the stretched width
        assert entry._canvas.find_withtag(SHAPE)
        frame.configure(width=300)  # a new size: drawn again
        gui_root.update()
        assert counts["drawn"] == 2
        entry.configure(state="disabled")  # the same shape and colours: nothing to draw
        gui_root.update()
        assert counts["drawn"] == 2
        entry.configure(border_color="#c0392b")
        gui_root.update()
        assert counts["drawn"] == 3
        assert "#c0392b" in {entry._canvas.itemcget(i, "fill") for i in entry._canvas.find_withtag(SHAPE)}
        entry.destroy()  # its pending drawing, if any, goes with it
        gui_root.update()
    finally:
        frame.destroy()


def test_a_quiet_option_menu_draws_what_ctkoptionmenu_draws_without_laying_the_window_out(
        gui_root: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    frame = ctk.CTkFrame(gui_root)
    frame.place(x=0, y=0)
    menus = [cls(frame, values=["業務一覧", "改善策"], width=150, font=style.font(13), dynamic_resizing=False)
             for cls in (ctk.CTkOptionMenu, QuietOptionMenu)]
    try:
        for n, menu in enumerate(menus):
            menu.grid(row=n, column=0)
        gui_root.update()
        counts: Counter[str] = Counter()
        count(monkeypatch, counts, "layout", tkinter.Misc, "update_idletasks")
        menus[0].configure(state="disabled")
        assert counts["layout"] == 1  # customtkinter's own: the whole window laid out in the middle of a change
        menus[1].configure(state="disabled")
        assert counts["layout"] == 1
        gui_root.update()
        old, new = (m._canvas for m in menus)
        assert _shape(new, new.find_all()) == _shape(old, old.find_all())
        assert menus[1]._text_label.cget("fg") == menus[0]._text_label.cget("fg")
    finally:
        frame.destroy()


def _first_visit(wizard: Any, kind: str, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Build a fresh page of step ``kind`` on the example and lay it out as a first visit; count customtkinter's
    drawings of rounded shapes and the window-wide layouts while the page is built (``early layout``)."""
    counts: Counter[str] = Counter()
    original = SettledEntry._shape

    def shape(entry: SettledEntry) -> None:  # an entry's drawing that made its shape (not one that kept it)
        before = entry._drawn_for
        original(entry)
        counts["entry drawn"] += entry._drawn_for != before

    monkeypatch.setattr(SettledEntry, "_shape", shape)
    count(monkeypatch, counts, "rounded", DrawEngine, "draw_rounded_rect_with_border")
    count(monkeypatch, counts, "layout", tkinter.Misc, "update_idletasks")
    index = step_of(wizard, kind)
    page = page_class(kind)(wizard.container, wizard, wizard.q.steps[index])
    try:
        page.grid(row=0, column=0, sticky="nsew")
        page.retranslate()
        page.on_enter()
        page.refresh()
        page.tkraise()
        counts["early layout"] = counts["layout"]  # while the page is built, before Tk is idle
        # controls with no focus ring yet: given one when first mapped, each made its row taller after the layout
        counts["ringless"] = sum(1 for w in _descendants(page) if isinstance(w, LightButton | Segmented)
                                 and not int(tkinter.Frame.cget(w, "highlightthickness")))
        counts["entries"] = sum(1 for w in _descendants(page) if isinstance(w, SettledEntry))
        wizard.root.tk.call("update", "idletasks")  # as the window does when idle (not counted)
        return counts
    finally:
        # left hidden, not destroyed (its variables' traces and bindings would fire into deleted commands), and
        # out of the Tab order of the later tests
        page.grid_remove()
        for widget in _descendants(page):
            with contextlib.suppress(tkinter.TclError):
                tkinter.Misc.configure(widget, takefocus=0)


def _descendants(widget: Any) -> list[Any]:
    found, stack = [], [widget]
    while stack:
        w = stack.pop()
        found.append(w)
        stack.extend(w.winfo_children())
    return found


def test_the_plans_first_visit_draws_no_rounded_shape_with_customtkinter(wizard: Any,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    open_example(wizard)
    counts = _first_visit(wizard, "action_plan", monkeypatch)
    # its buttons (LightButton), panels (RoundedFrame) and entries (SettledEntry) draw themselves in one pass:
    # before, 46 drawings by customtkinter (eight entries about three times each)
    assert counts["rounded"] == 0
    assert counts["early layout"] == 0  # tksheet's Sheet laid the half-built page out four times
    assert counts["ringless"] == 0
    assert counts["entry drawn"] == counts["entries"] == 8  # each entry once, at the size it was laid out at


def test_the_outputs_first_visit_lays_the_page_out_only_when_idle(wizard: Any,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    open_example(wizard)
    counts = _first_visit(wizard, "output", monkeypatch)
    # before: 103 (ten buttons, four panels, the to-do list's rows); left: the scrolling frame's own frame and
    # label, and the status lines (FoldingLabel)
    assert counts["rounded"] <= 6
    # the option menus laid the half-built page out 18 times; the scrolling frame's bar still does when made
    assert counts["early layout"] <= 1
    assert counts["ringless"] == 0


def test_the_inventorys_first_visit_draws_no_customtkinter_button(wizard: Any,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    open_example(wizard)
    counts = _first_visit(wizard, "task_grid", monkeypatch)
    assert counts["rounded"] <= 2  # before: 27, its six buttons drawn 21 times; left: the two status lines
    assert counts["early layout"] == 0
    assert counts["ringless"] == 0


def test_the_to_do_list_leads_to_the_step_that_finishes_an_item(wizard: Any) -> None:
    open_example(wizard)
    output = step_of(wizard, "output")
    assert wizard.go(output)
    wizard.root.update()
    todo = wizard.pages[output].todo
    assert todo.items  # the example has actions without an owner
    buttons = [w for w in todo._rows if hasattr(w, "invoke")]
    assert len(buttons) == min(len(todo.items), 4)
    target = todo.items[0].step
    buttons[0].invoke()
    wizard.root.update()
    assert wizard.current == target


def test_a_step_switch_redraws_only_the_two_step_buttons_whose_mark_and_colour_change(
        wizard: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    open_example(wizard)
    for step in range(len(wizard.q.steps)):  # every step visited: the marks ✓ ○ no longer change on a switch
        assert wizard.go(step)
        wizard.root.update()
    assert wizard.go(1)
    wizard.root.update()
    counts: Counter[str] = Counter()
    for n, button in enumerate(wizard.step_buttons):
        count(monkeypatch, counts, str(n), button, "itemconfigure")
    assert wizard.go(2)
    wizard.root.update()
    assert set(counts) == {"1", "2"}  # the step left (▶ → ✓, the panel's colour) and the one shown
    left, shown = wizard.step_buttons[1], wizard.step_buttons[2]
    assert left.cget("text").startswith(("✓ 2.", "○ 2.")) and left.cget("fg_color") == "transparent"
    assert shown.cget("text").startswith("▶ 3.") and shown.cget("fg_color") == style.ACCENT
    counts.clear()
    wizard.update_sidebar()  # nothing changed: nothing drawn
    assert counts == Counter()


def test_scroll_bars_draw_what_customtkinter_draws_without_laying_the_window_out(
        gui_root: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # every scroll bar, also those customtkinter makes inside its text boxes and scrolling frames (settled.py)
    frame = ctk.CTkFrame(gui_root)
    frame.place(x=0, y=0)
    try:
        counts: Counter[str] = Counter()
        count(monkeypatch, counts, "layout", tkinter.Misc, "update_idletasks")
        box = TextBox(frame, width=200, height=60)  # cancels its own timers when destroyed
        box.grid(row=0, column=0)
        scroll = ctk.CTkScrollableFrame(frame, width=200, height=80)
        scroll.grid(row=1, column=0)
        bars = [ctk.CTkScrollbar(frame, height=120) for _ in range(2)]
        for n, bar in enumerate(bars):
            bar.grid(row=2, column=n)
        bars[0].set(0.25, 0.5)
        assert counts["layout"] == 0  # customtkinter's own drawing lays the window out at each of these
        gui_root.update()
        bars[1]._start_value, bars[1]._end_value = 0.25, 0.5
        ORIGINAL_SCROLLBAR_DRAW(bars[1])  # customtkinter's drawing of the same bar
        assert counts["layout"] == 1
        quiet, original = (bar._canvas for bar in bars)
        assert _shape(quiet, quiet.find_all()) == _shape(original, original.find_all())
    finally:
        frame.destroy()


def test_home_is_built_without_laying_the_half_built_window_out(wizard: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.gui.pages.home import HomePage

    counts: Counter[str] = Counter()
    count(monkeypatch, counts, "layout", tkinter.Misc, "update_idletasks")
    home = HomePage(wizard.container, wizard)
    try:
        home.grid(row=0, column=0, sticky="nsew")
        home.retranslate()
        home.refresh()
        assert counts["layout"] == 0  # seven before its scrolling frames, entries and text box drew quietly
    finally:
        home.destroy()


def test_a_scrolling_area_makes_its_title_label_only_when_given_one_and_its_frame_flat(gui_root: Any) -> None:
    from app.gui.scrolling import ScrollFrame

    frame = ctk.CTkFrame(gui_root)
    frame.place(x=0, y=0)
    try:
        scroll = ScrollFrame(frame, width=200, height=80)
        scroll.grid(row=0, column=0)
        plain = ctk.CTkScrollableFrame(frame, width=200, height=80)  # customtkinter's own, for comparison
        plain.grid(row=1, column=0)
        gui_root.update()

        def labels(area: Any) -> list[Any]:
            return [w for w in area._parent_frame.winfo_children() if isinstance(w, ctk.CTkLabel)]

        assert len(labels(plain)) == 1 and labels(scroll) == []  # three Tk widgets fewer
        from app.gui.flat_frame import FlatFrame

        assert isinstance(scroll._parent_frame, FlatFrame)  # no invisible rounded shape redrawn at each resize
        assert type(plain._parent_frame) is ctk.CTkFrame
        assert ctk.CTkScrollableFrame(frame)._label.__class__ is ctk.CTkLabel  # customtkinter's is left alone
        scroll.configure(label_text="業務一覧")  # a title given later is shown, as customtkinter shows it
        plain.configure(label_text="業務一覧")
        gui_root.update()
        (title,) = labels(scroll)
        assert title.cget("text") == "業務一覧" and title.winfo_ismapped()
        assert title.grid_info()["row"] == labels(plain)[0].grid_info()["row"]
        scroll.configure(label_text="")
        gui_root.update()
        assert not title.winfo_ismapped()
        titled = ScrollFrame(frame, label_text="最近使ったファイル")
        titled.grid(row=2, column=0)
        gui_root.update()
        assert [w.cget("text") for w in labels(titled)] == ["最近使ったファイル"]
    finally:
        frame.destroy()
