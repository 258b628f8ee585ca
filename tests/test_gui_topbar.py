"""The top bar fits at every text size and in meeting mode: only the file name is shortened (…), never a button."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.gui.titlefit import fit

LONG = "区民課_令和8年度_業務改善セルフチェック_第2回会議用_最終版.kaizen.json"


def test_fit_shortens_only_the_name() -> None:
    def measure(text: str) -> int:
        return 10 * len(text)

    assert fit("区民課 — ", "a.json", " *", measure, 1000) == "区民課 — a.json *"
    short = fit("区民課 — ", "abcdefghij.json", " *", measure, 150)
    assert short == "区民課 — abcdef… *" and measure(short) <= 150
    assert fit("区民課 — ", "abcdefghij.json", " *", measure, 90) == "区民課 — … *"
    assert fit("区民課 — ", "abcdefghij.json", " *", measure, 30) == "… *"


def test_a_department_too_long_for_the_room_is_shortened_instead_of_dropped() -> None:
    def measure(text: str) -> int:
        return 10 * len(text)

    assert fit("子育て支援課 — ", "example.kaizen.json", "", measure, 70) == "子育て支援課…"
    assert fit("子育て支援課 — ", "example.kaizen.json", " *", measure, 70) == "子育て支… *"
    assert fit("", "example.kaizen.json", " *", measure, 30) == "… *"


@pytest.mark.gui
@pytest.mark.parametrize(("scale", "meeting"), [(100, False), (125, False), (150, False), (100, True)])
def test_the_top_bar_fits_with_a_long_file_name(wizard: Any, scale: int, meeting: bool) -> None:
    from app import service

    root = wizard.root
    root.geometry("1366x728+0+0")
    wizard.doc.open_path(service.example_assessment_path(), confirmed=True)
    wizard.doc.path = Path("/tmp") / LONG
    wizard.doc.dirty = True
    try:
        wizard.set_scale(scale)
        if meeting:
            wizard.meeting.set_meeting(True)
        wizard.update_title()
        root.update()
        root.update_idletasks()
        root.update()
        label = wizard.file_label
        bar = label.master
        text = label.cget("text")
        assert text.endswith(" *") and text.startswith(wizard.a.info["department"])
        right = max(c.winfo_x() + c.winfo_width() for c in bar.grid_slaves() if c is not label)
        assert right <= bar.winfo_width()  # every button and switch is on the screen
        assert label.winfo_x() + label.winfo_reqwidth() <= min(
            c.winfo_x() for c in bar.grid_slaves() if c is not label)  # the title runs under no button
        assert "…" in text or LONG in text
    finally:
        wizard.meeting.set_meeting(False)
        wizard.set_scale(100)
        root.update()


def test_the_menus_show_the_language_and_text_size_set_without_them(wizard: Any) -> None:
    # a language or size asked for elsewhere than the menus (the keyboard, a script) shows in them too
    try:
        wizard.set_lang("en")
        wizard.set_scale(125)
        assert (wizard.lang_menu.get(), wizard.scale_menu.get()) == ("English", "125%")
    finally:
        wizard.set_scale(100)
        wizard.set_lang("ja")
    assert (wizard.lang_menu.get(), wizard.scale_menu.get()) == ("日本語", "100%")
