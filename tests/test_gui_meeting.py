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
