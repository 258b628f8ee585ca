"""会議モード and text sizes: one switch folds the side panels and enlarges the text, and turning it off (or
changing the text size) puts everything back as it was — hidden questions stay hidden."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.gui


def analysis_with_e_yes(wizard: Any) -> Any:
    from app import service

    wizard.doc.open_path(service.example_assessment_path(), confirmed=True)
    step = next(i for i, s in enumerate(wizard.q.steps) if s.kind == "task_analysis")
    wizard.go(step)
    form = wizard.pages[step].form
    form.fields["ecrs_e"].widget.set("はい")
    form.fields["ecrs_e"]._changed()
    wizard.root.update()
    return form


def test_meeting_mode_folds_the_side_panels_and_comes_back(wizard: Any) -> None:
    from app.gui import style

    form = analysis_with_e_yes(wizard)
    root = wizard.root
    before = style.scale()
    wizard.meeting.set_meeting(True)
    root.update()
    try:
        assert style.scale() == style.MEETING_SCALE / 100
        assert not wizard.side.winfo_ismapped() and not wizard.lang_menu.winfo_ismapped()
        assert wizard.next_button.winfo_ismapped()
        assert not form.fields["ecrs_s"].winfo_ismapped()  # still not asked after the rescale
    finally:
        wizard.meeting.set_meeting(False)
        root.update()
    assert style.scale() == before
    assert wizard.side.winfo_ismapped() and wizard.lang_menu.winfo_ismapped()


def test_changing_the_text_size_keeps_hidden_things_hidden(wizard: Any) -> None:
    form = analysis_with_e_yes(wizard)
    root = wizard.root
    try:
        wizard.set_scale(125)
        root.update()
        assert not form.fields["ecrs_s"].winfo_ismapped()
        assert form.fields["ecrs_e"].winfo_ismapped()
    finally:
        wizard.set_scale(100)
        root.update()


@pytest.mark.parametrize("how", ["meeting", "text size"])
def test_on_home_a_new_size_shows_no_empty_recovery_box_and_no_step_buttons(wizard: Any, how: str) -> None:
    """customtkinter re-grids what it rescales: on Home that showed 「前回保存されなかった作業があります」 with
    nothing to recover, and the 戻る / 次へ bar, which Home does not have."""
    root = wizard.root
    home = wizard.home
    assert wizard.current == -1 and not home.recovery.winfo_ismapped() and not wizard.nav.winfo_ismapped()
    on, off = ((lambda: wizard.meeting.set_meeting(True)), (lambda: wizard.meeting.set_meeting(False))) \
        if how == "meeting" else ((lambda: wizard.set_scale(150)), (lambda: wizard.set_scale(100)))
    try:
        on()
        root.update()
        assert not home.recovery.winfo_ismapped() and not wizard.nav.winfo_ismapped()
        assert home.open_button.winfo_ismapped()
    finally:
        off()
        root.update()
    assert not home.recovery.winfo_ismapped() and not wizard.nav.winfo_ismapped()


def test_homes_subtitle_never_starts_a_line_with_closing_punctuation(wizard: Any) -> None:
    """In meeting mode Tk's own wrapping left 「。」 alone at the start of the subtitle's second line."""
    from app.gui.wrap import NO_LINE_START

    root = wizard.root
    geometry = root.geometry()
    root.geometry("1024x740+0+0")  # a small screen, where the subtitle takes two lines in meeting mode
    wizard.meeting.set_meeting(True)
    root.update()
    try:
        subtitle = wizard.home.subtitle
        lines = subtitle.cget("text").split("\n")
        assert len(lines) >= 2
        assert all(line and line[0] not in NO_LINE_START for line in lines)
        # and Tk has nothing left to wrap: every line fits the label's wrap length at this text size
        assert all(subtitle.measure(line) <= subtitle._scaled(subtitle.cget("wraplength")) for line in lines)
    finally:
        wizard.meeting.set_meeting(False)
        root.geometry(geometry)
        root.update()
