"""The window's wrapped labels break Japanese text by the Japanese rules (app.gui.wrap), not by Tk's layout,
which broke a run without spaces anywhere: 「・実績」 began a line of Home's hint, 「へ」 stood alone under
「業務改善担当」."""

from __future__ import annotations

from typing import Any

import pytest

from app.gui.wrap import NO_LINE_START

pytestmark = pytest.mark.gui

HINT = "各課の評価ファイルを集めて、部署ごとの時間・実績と共通の課題をまとめます。"


def drawn_lines(label: Any) -> list[str]:
    """The lines of the label's canvas text item, as it is drawn."""
    return str(label.itemcget(label._text_id, "text")).split("\n")


def test_a_light_label_breaks_japanese_by_the_rules(gui_root: Any) -> None:
    from app.gui import style
    from app.gui.light_label import LightLabel

    label = LightLabel(gui_root, text=HINT, font=style.font(12), anchor="w", justify="left", wraplength=300)
    try:
        # the wrap length where Tk put 「・」 first on the second line: just short of 「…時間・」
        head = HINT[:HINT.index("・")]
        width = label.measure(head) + 2
        label.configure(wraplength=int(width / label._scaling))
        lines = drawn_lines(label)
        assert "".join(lines) == HINT and len(lines) > 1
        assert all(label.measure(line) <= label._scaled(label.cget("wraplength")) for line in lines)
        assert not any(line[0] in NO_LINE_START for line in lines[1:])
        assert label.cget("text") == HINT  # the label's text is what it was given
        # 「業務改善担当へ」 in a room for six characters: 「へ」 is not alone on the last line
        label.configure(text="業務改善担当へ")
        label.configure(wraplength=int((label.measure("業務改善担当") + 1) / label._scaling))
        assert drawn_lines(label) == ["業務改善担", "当へ"]
        # as wide as it needs: the text is one line again
        label.configure(wraplength=1000)
        assert drawn_lines(label) == ["業務改善担当へ"]
    finally:
        label.destroy()


def test_homes_hint_under_the_ward_wide_button_starts_no_line_with_punctuation(wizard: Any) -> None:
    hint = wizard.home.aggregate_hint
    for room in range(120, 420, 7):
        hint.configure(wraplength=room)
        lines = drawn_lines(hint)
        assert "".join(lines) == hint.cget("text")
        assert not any(line[0] in NO_LINE_START for line in lines[1:]), (room, lines)
        assert all(hint.measure(line) <= hint._scaled(room) for line in lines), (room, lines)
    wizard.home.update_idletasks()


class Measure:
    """Text widths in a Tk label's own font (a Font made from it is given in points: other widths under Xvfb)."""

    def __init__(self, label: Any) -> None:
        self.label = label

    def measure(self, text: str) -> int:
        return int(self.label.tk.call("font", "measure", self.label.cget("font"), text))


@pytest.mark.parametrize("kind", ["FlatLabel", "FoldingLabel"])
def test_customtkinter_labels_break_japanese_by_the_rules(gui_root: Any, kind: str) -> None:
    """The step pages' CTkLabel-based lines (the measure cards' status, the output step's notes) as well."""
    from app.gui import flat_frame, style, widgets

    cls = getattr(flat_frame, kind, None) or getattr(widgets, kind)
    label = cls(gui_root, text=HINT, font=style.font(12), anchor="w", justify="left", wraplength=1000)
    label.grid(row=0, column=0)
    try:
        font = Measure(label._label)
        head = HINT[:HINT.index("・")]
        label.configure(wraplength=int((font.measure(head) + 2) / label._get_widget_scaling()))
        lines = str(label._label.cget("text")).split("\n")
        assert "".join(lines) == HINT and len(lines) > 1
        assert not any(line[0] in NO_LINE_START for line in lines[1:])
        assert all(font.measure(line) <= label._apply_widget_scaling(label.cget("wraplength")) for line in lines)
        assert label.cget("text") == HINT
        label.configure(text="業務改善担当へ", wraplength=int((font.measure("業務改善担当") + 1)
                                                            / label._get_widget_scaling()))
        assert str(label._label.cget("text")).split("\n") == ["業務改善担", "当へ"]
    finally:
        label.destroy()
