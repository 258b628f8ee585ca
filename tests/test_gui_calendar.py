"""The date picker with the keyboard alone: Tab to a date's 選ぶ button, open it, arrows, Enter, and the field has
the date; Esc closes it unchanged. A date field shows no selection once the focus has left it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.conftest import wait_until
from tests.test_gui_keyboard import press, tab_to

pytestmark = pytest.mark.gui


def plan_page(wizard: Any) -> Any:
    from app import service

    wizard.doc.open_path(service.example_assessment_path(), confirmed=True)
    wizard.go(next(i for i, s in enumerate(wizard.q.steps) if s.kind == "action_plan"))
    return wizard.pages[wizard.current]


def deadline_button(plan: Any) -> Any:
    from app.gui.light import LightButton

    cell = plan.entries["deadline"].master
    return next(w for w in cell.winfo_children() if isinstance(w, LightButton))


def all_widgets(top: Any) -> list[Any]:
    found, stack = [], [top]
    while stack:
        widget = stack.pop()
        found.append(widget)
        stack.extend(widget.winfo_children())
    return found


def open_calendar(wizard: Any, plan: Any, start: str) -> Any:
    """Put ``start`` in the deadline, Tab from its entry to its button and press Enter: the popup, focused."""
    from app.gui.dialogs import CalendarPopup

    root = wizard.root
    plan.vars["deadline"].set(start)
    root.focus_force()
    plan.entries["deadline"]._entry.focus_set()
    root.update()
    tab_to(root, deadline_button(plan))
    press(root, "<Return>")
    popups: list[Any] = []

    def opened() -> bool:
        popups[:] = [w for w in all_widgets(plan) if isinstance(w, CalendarPopup) and w.winfo_exists()]
        focus = root.focus_get()
        return bool(popups) and focus is not None and focus.winfo_toplevel() is popups[0]

    wait_until(root, opened)
    return popups[0]


def test_arrows_move_the_highlighted_day_and_enter_puts_it_in_the_field(wizard: Any) -> None:
    from app.gui import style

    plan = plan_page(wizard)
    root = wizard.root
    popup = open_calendar(wizard, plan, "2026-12-30")
    assert popup.highlighted == dt.date(2026, 12, 30)
    # the highlighted day is filled in the accent colour and has the keyboard focus (its ring)
    assert popup.days[popup.highlighted].cget("fg_color") == style.ACCENT
    assert root.focus_get() is popup.days[popup.highlighted]
    press(root, "<Left>")
    assert popup.highlighted == dt.date(2026, 12, 29)
    press(root, "<Right>")
    press(root, "<Right>")
    press(root, "<Right>")  # into January: the month shown moves with it
    assert popup.highlighted == dt.date(2027, 1, 1)
    assert popup._title.cget("text") == "2027年1月"
    assert popup.days[dt.date(2027, 1, 1)].cget("fg_color") == style.ACCENT
    assert root.focus_get() is popup.days[dt.date(2027, 1, 1)]
    press(root, "<Down>")
    assert popup.highlighted == dt.date(2027, 1, 8)
    press(root, "<Up>")
    press(root, "<Up>")
    assert popup.highlighted == dt.date(2026, 12, 25)
    assert popup._title.cget("text") == "2026年12月"
    assert popup.days[dt.date(2026, 12, 26)].cget("fg_color") == "transparent"  # only one day is highlighted
    press(root, "<Next>")  # PageDown: a month later
    assert popup.highlighted == dt.date(2027, 1, 25)
    press(root, "<Prior>")
    press(root, "<Prior>")
    assert popup.highlighted == dt.date(2026, 11, 25)
    press(root, "<Return>")
    wait_until(root, lambda: not popup.winfo_exists())
    assert plan.vars["deadline"].get() == "2026-11-25"
    assert plan.action().deadline == "2026-11-25"
    assert root.focus_get() is deadline_button(plan)  # the keyboard is back where it was


def test_page_down_keeps_the_day_within_a_shorter_month(wizard: Any) -> None:
    plan = plan_page(wizard)
    popup = open_calendar(wizard, plan, "2027-01-31")
    press(wizard.root, "<Next>")
    assert popup.highlighted == dt.date(2027, 2, 28)
    popup.destroy()


def test_escape_closes_the_calendar_without_a_change(wizard: Any) -> None:
    plan = plan_page(wizard)
    root = wizard.root
    popup = open_calendar(wizard, plan, "2026-12-30")
    press(root, "<Right>")
    press(root, "<Escape>")
    wait_until(root, lambda: not popup.winfo_exists())
    assert plan.vars["deadline"].get() == "2026-12-30"
    assert root.focus_get() is deadline_button(plan)


def test_a_date_field_keeps_no_selection_once_the_focus_leaves(wizard: Any) -> None:
    plan = plan_page(wizard)
    root = wizard.root
    entry = plan.entries["deadline"]._entry
    plan.vars["deadline"].set("2026-12-30")
    root.focus_force()
    plan.entries["owner"]._entry.focus_set()
    root.update()
    tab_to(root, entry)  # Tab into an entry selects its text (Tk's own rule)
    assert entry.selection_present()
    press(root, "<Tab>")
    assert root.focus_get() is not entry
    assert not entry.selection_present()
    # and after a date was picked from the calendar
    popup = open_calendar(wizard, plan, "2026-12-30")
    press(root, "<Right>")
    press(root, "<Return>")
    wait_until(root, lambda: not popup.winfo_exists())
    assert plan.vars["deadline"].get() == "2026-12-31"
    assert not entry.selection_present()


def test_the_keyboard_help_lists_the_date_pickers_keys() -> None:
    from app.gui.keys import shortcut_help

    for lang, words in (("ja", ("1日", "1週間", "1か月", "Enter", "Esc")), ("en", ("a day", "a week", "a month"))):
        rows = [(keys, what) for keys, what in shortcut_help(lang) if keys.startswith("← → ↑ ↓")]
        assert rows and all(word in rows[0][1] for word in words), (lang, rows)
