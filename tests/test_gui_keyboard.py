"""Keyboard alone, Home to a printed PDF: only KeyPress events (no mouse event, no widget method), as a section
does it with one person typing; nothing typed after 「行を追加」 is lost, Tab leaves a memo, Esc closes dialogs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FakeDialogs, wait_until

pytestmark = pytest.mark.gui


def press(root: Any, sequence: str) -> None:
    """One key press sent where the keyboard focus is (the window's own focus, as Tk routes keys)."""
    target = root.focus_get() or root
    target.event_generate(sequence)
    root.update()


def tab_to(root: Any, widget: Any, limit: int = 120, key: str = "<Tab>") -> None:
    """Press Tab (or ``key``) until ``widget`` has the focus (fails when the Tab order never reaches it)."""
    for _ in range(limit):
        if root.focus_get() is widget:
            return
        press(root, key)
    raise AssertionError(f"Tab never reached {widget!r}; stuck at {root.focus_get()!r}")


def test_home_to_printed_pdf_with_the_keyboard_alone(wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from app.gui import printing
    from app.gui.pages import output as output_module

    printed: list[Path] = []
    monkeypatch.setattr(output_module, "print_file", lambda path: (printed.append(path), "opened")[1])
    monkeypatch.setattr(printing, "print_file", output_module.print_file)
    root = wizard.root
    root.focus_force()
    wizard.home.focus_set()
    root.update()
    tab_to(root, wizard.home.example_button)  # buttons are in the Tab order, with a focus ring
    assert int(str(wizard.home.example_button.tk.call(str(wizard.home.example_button), "cget",
                                                      "-highlightthickness"))) > 0
    press(root, "<space>")
    assert wizard.started
    grid_step = next(i for i, s in enumerate(wizard.q.steps) if s.kind == "task_grid")
    while wizard.current < grid_step:
        press(root, "<Alt-Right>")
    grid = wizard.pages[grid_step]
    before = len(wizard.a.tasks)
    if root.focus_get() is grid.sheet.MT:  # inside the grid Tab moves between cells: Ctrl+Shift+Tab leaves
        press(root, "<Control-Shift-Tab>")
        assert root.focus_get() is grid.buttons["grid_import"]
    tab_to(root, grid.buttons["grid_add"], key="<Shift-Tab>")
    press(root, "<Return>")  # Enter on a button presses it
    assert root.focus_get() is grid.sheet.MT  # the new row's 業務名 has the keyboard, not the button
    for key in "ABC":
        press(root, f"<KeyPress-{key}>")
    press(root, "<Return>")
    assert len(wizard.a.tasks) == before + 1 and wizard.a.tasks[-1].answers.get("name") == "ABC"
    press(root, "<Control-Tab>")  # out of the grid
    assert root.focus_get() is wizard.next_button
    # the named row still lacks its required cells: delete it with the row buttons
    tab_to(root, grid.buttons["grid_delete"], key="<Shift-Tab>")
    press(root, "<space>")
    assert len(wizard.a.tasks) == before
    press(root, "<Control-Prior>")  # Ctrl+PgUp / Ctrl+PgDn move between steps too
    assert wizard.current == grid_step - 1
    press(root, "<Control-Next>")
    assert wizard.current == grid_step
    while wizard.current < len(wizard.q.steps) - 1:
        step = wizard.current
        press(root, "<Alt-Right>")
        assert wizard.current == step + 1, f"step {step} did not let the keyboard go on"
    output = wizard.pages[wizard.current]
    pdf = tmp_path / "plan.pdf"
    fake_dialogs.save_paths.append(pdf)
    press(root, "<Control-p>")  # 印刷 with no PDF yet: written first, then printed
    wait_until(root, lambda: not output.busy, timeout=60)
    root.update()
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    assert printed == [pdf]
    assert "印刷" in output.status.cget("text")


def test_tab_leaves_a_memo_and_escape_closes_the_help(wizard: Any) -> None:
    root = wizard.root
    memo = wizard.home.form.fields["participants"].widget
    root.focus_force()
    memo.focus_set()
    root.update()
    press(root, "<KeyPress-x>")
    press(root, "<Tab>")
    assert "\t" not in memo.get("1.0", "end") and root.focus_get() is not memo._textbox
    press(root, "<F1>")
    help_window = wizard.glossary
    assert help_window is not None and help_window.winfo_viewable()
    listed = [key.cget("text") for key, _what in help_window.keys_rows]
    for shortcut in ("Alt+→", "Ctrl+PgDn", "Ctrl+S", "Ctrl+O", "Ctrl+P", "F1", "Esc"):
        assert any(shortcut in keys for keys in listed), shortcut
    help_window.focus_force()
    root.update()
    canvas = help_window.frame._parent_canvas
    assert canvas.yview()[0] == 0.0 and canvas.yview()[1] < 1.0  # the terms go on below the window's edge
    for key, moved in (("<Down>", lambda top: top > 0.0), ("<Up>", lambda top: top == 0.0),
                       ("<Next>", lambda top: top > 0.0), ("<Home>", lambda top: top == 0.0)):
        press(help_window, key)  # ↓ ↑ PgDn Home, and below End and PgUp
        assert moved(canvas.yview()[0]), (key, canvas.yview())
    press(help_window, "<End>")
    end = canvas.yview()
    assert end[1] == 1.0 and end[0] > 0.0
    press(help_window, "<Prior>")
    assert canvas.yview()[0] < end[0]
    press(help_window, "<Escape>")
    assert not help_window.winfo_viewable()


def test_tab_reaches_check_boxes_choices_and_the_date_button(wizard: Any) -> None:
    from app import service
    from app.gui.segmented import Segmented

    root = wizard.root
    wizard.doc.open_path(service.example_assessment_path(), confirmed=True)
    step = next(i for i, s in enumerate(wizard.q.steps) if s.kind == "task_analysis")
    wizard.go(step)
    root.focus_force()
    root.update()
    fields = wizard.pages[step].form.fields
    box = fields["pain_points"].boxes[0]
    tab_to(root, box)
    before = fields["pain_points"].checks[next(iter(fields["pain_points"].checks))].get()
    press(root, "<space>")  # Space ticks (or unticks) a check box
    assert fields["pain_points"].checks[next(iter(fields["pain_points"].checks))].get() != before
    choice = fields["ecrs_e"].widget
    assert isinstance(choice, Segmented)
    tab_to(root, choice)
    press(root, "<Left>")
    press(root, "<Left>")
    press(root, "<Left>")
    assert choice.get() == choice.cget("values")[0]  # ← → move along はい｜いいえ｜わからない
    assert wizard.a.analysis[wizard.current_task]["ecrs_e"] == "yes"
    wizard.show_home()
    from app.gui.light import LightButton

    date_field = wizard.home.form.fields["session_date"]
    date_button = next(w for w in date_field.body.winfo_children() if isinstance(w, LightButton))
    tab_to(root, date_button)  # the 選ぶ (calendar) button beside a date


def test_tab_reaches_the_top_bar_its_menus_and_meeting_mode(wizard: Any) -> None:
    """The top bar was made and mapped before the keyboard support was installed: Tab skipped all of it, so
    the language, the text size and meeting mode could not be changed without a mouse."""
    root = wizard.root
    wizard.home.open_button.focus_set()
    root.update()
    for widget in (*wizard.top_buttons.values(), wizard.lang_menu, wizard.scale_menu, wizard.meeting):
        tab_to(root, widget)
    press(root, "<space>")  # Space switches meeting mode on, as a click does
    try:
        assert wizard.meeting.get() == 1
    finally:
        press(root, "<space>")
    assert wizard.meeting.get() == 0


def test_tab_goes_through_the_focus_and_plan_lists(wizard: Any) -> None:
    """The 重点業務の選定 and 行動計画 lists took Tab for moving between their cells and never gave it back: a
    keyboard-only section could not reach the action's 担当, 期限 … fields (F1's Ctrl+Tab worked only in the
    inventory). Tab now enters a list, and the next Tab leaves it; the arrows move inside."""
    from app import service

    root = wizard.root
    root.focus_force()
    assert wizard.doc.open_path(service.example_assessment_path(), confirmed=True)
    steps = {s.kind: i for i, s in enumerate(wizard.q.steps)}
    plan_step = next(i for i, s in enumerate(wizard.q.steps) if s.id == "plan")
    wizard.go(plan_step)
    plan = wizard.pages[plan_step]
    root.update()
    keys_focus(plan.propose_button)
    tab_to(root, plan.sheet.MT, limit=10)
    press(root, "<Tab>")
    assert root.focus_get() is not plan.sheet.MT
    tab_to(root, plan.entries["owner"]._entry, limit=3)  # the first field of the details, next after the list
    tab_to(root, plan.sheet.MT, limit=10, key="<Shift-Tab>")
    press(root, "<Shift-Tab>")
    assert root.focus_get() is not plan.sheet.MT
    focus_step = steps["focus"] if "focus" in steps else next(
        i for i, s in enumerate(wizard.q.steps) if s.id == "focus")
    wizard.go(focus_step)
    page = wizard.pages[focus_step]
    root.update()
    keys_focus(page.reset_button)
    tab_to(root, page.sheet.MT, limit=10)
    tab_to(root, wizard.next_button, limit=20)


def keys_focus(widget: Any) -> None:
    from app.gui import keys

    keys.focus(widget)
    widget.update()


def test_the_keyboard_help_says_how_to_leave_a_list() -> None:
    from app.gui.keys import shortcut_help

    for lang, word in (("ja", "一覧の外へ"), ("en", "leaves the list")):
        assert any(word in what for _keys, what in shortcut_help(lang)), lang
