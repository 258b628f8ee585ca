"""LightButton (the top bar's, step list's, navigation's and Home's buttons): laid out like CTkButton at every
text size, the keyboard reaches and presses it, hover and disabled look as before, Home's recent files open."""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import customtkinter as ctk
import pytest

from app import service
from app.gui import keys, style
from app.gui.light import LightButton

pytestmark = pytest.mark.gui

CASES = (
    {"text": "ホーム", "width": 60, "size": 13},
    {"text": "ファイルを開く…", "height": 36},  # wider than asked: the button grows to its text
    {"text": "○ 5. 現状分析・課題発見", "height": 34, "anchor": "w", "fg_color": "transparent", "corner_radius": 6},
    {"text": "Open the example (Residents Division)", "height": 36},
)


def _pair(parent: Any, case: dict[str, Any]) -> tuple[Any, LightButton]:
    options = dict(case)
    font = style.font(options.pop("size", style.BASE_SIZE))
    return ctk.CTkButton(parent, font=font, **options), LightButton(parent, font=font, **options)


@pytest.mark.parametrize("percent", [100, 125, 150])
def test_it_is_as_large_as_a_ctkbutton_and_puts_its_text_where_the_label_is(gui_root: Any, percent: int) -> None:
    frame = ctk.CTkFrame(gui_root, fg_color=style.PANEL)
    frame.place(x=0, y=0)
    style.set_scale(percent)
    try:
        for case in CASES:
            old, new = _pair(frame, case)
            old.grid(row=0, column=0, padx=4, pady=2)
            new.grid(row=1, column=0, padx=4, pady=2)
            for button in (old, new):
                keys.make_focusable(button, "1")  # the focus ring makes both 2 px larger on every side
            gui_root.update()
            assert (new.winfo_width(), new.winfo_height()) == (old.winfo_width(), old.winfo_height()), case
            assert new.grid_info()["padx"] == old.grid_info()["padx"]  # padding scaled as customtkinter does
            label = old._text_label  # placed inside the frame's focus ring, as the canvas text is inside its own
            x, y = new.coords(new._text_id)
            assert (x, y) == (label.winfo_x() + 1, label.winfo_y() + 1), case  # inside the label's 1 px border
            old.destroy()
            new.destroy()
    finally:
        style.set_scale(100)
        frame.destroy()


def test_a_narrow_column_cuts_a_centred_text_on_both_sides_as_ctkbutton_did(gui_root: Any) -> None:
    frame = ctk.CTkFrame(gui_root, fg_color=style.PANEL, width=120, height=100)
    frame.grid_propagate(False)
    frame.place(x=0, y=0)
    try:
        old, new = _pair(frame, CASES[3])
        frame.columnconfigure(0, weight=1)
        old.grid(row=0, column=0, sticky="w")
        new.grid(row=1, column=0, sticky="w")
        gui_root.update()
        assert new.winfo_width() == old.winfo_width() < old.winfo_reqwidth()
        x, _y = new.coords(new._text_id)
        assert x == old._text_label.winfo_x() + 1 + _centred_offset(old)
        assert len(new.find_withtag("clip")) >= 2  # the parts outside the label are painted over
    finally:
        frame.destroy()


def _centred_offset(button: Any) -> int:
    """Where a Tk label narrower than its text starts drawing it (negative: the middle is shown)."""
    label = button._text_label
    text = int(label.tk.call("font", "measure", label.cget("font"), label.cget("text")))
    return int((label.winfo_width() - 2 - text) / 2)


def test_hover_fills_the_shape_and_leaving_clears_it_only_when_enabled(gui_root: Any) -> None:
    frame = ctk.CTkFrame(gui_root, fg_color=style.PANEL)
    frame.place(x=0, y=0)
    try:
        button = LightButton(frame, text="○ 1. はじめに", anchor="w", height=34, fg_color="transparent",
                             hover_color=("gray80", "gray30"))
        button.grid()
        gui_root.update()
        assert not button.find_withtag("inner_parts")  # transparent and not hovered: no shape at all
        button.event_generate("<Enter>")
        fills = {button.itemcget(i, "fill") for i in button.find_withtag("inner_parts")}
        assert fills == {"gray80"}
        button.event_generate("<Leave>")
        fills = {button.itemcget(i, "fill") for i in button.find_withtag("inner_parts")}
        assert fills == {str(button.cget("bg"))}
        button.configure(state="disabled")
        assert button.itemcget(button._text_id, "fill") == "gray74"  # customtkinter's disabled text colour
        button.event_generate("<Enter>")
        fills = {button.itemcget(i, "fill") for i in button.find_withtag("inner_parts")}
        assert fills == {str(button.cget("bg"))}
    finally:
        frame.destroy()


def test_a_click_runs_the_command_and_a_disabled_button_ignores_it(gui_root: Any) -> None:
    pressed: list[str] = []
    button = LightButton(gui_root, text="保存", command=lambda: pressed.append("x"))
    button.place(x=0, y=0)
    try:
        gui_root.update()
        button.event_generate("<Enter>")
        button.event_generate("<ButtonRelease-1>")
        fills = {button.itemcget(i, "fill") for i in button.find_withtag("inner_parts")}
        assert fills == {"#3B8ED0"}  # CTkButton's click: its own colour for a moment, not the hover colour
        time.sleep(0.15)
        gui_root.update()
        fills = {button.itemcget(i, "fill") for i in button.find_withtag("inner_parts")}
        assert fills == {"#36719F"}  # the pointer is still on it: the hover colour again
        button.configure(state="disabled")
        button.event_generate("<ButtonRelease-1>")
        assert button.invoke() is None
        assert pressed == ["x"]
    finally:
        button.destroy()


def test_the_keyboard_reaches_homes_buttons_with_a_ring_and_space_and_enter_press(wizard: Any) -> None:
    root = wizard.root
    home = wizard.home
    root.focus_force()
    keys.focus(home.open_button)
    root.update()
    root.focus_get().event_generate("<Tab>")
    root.update()
    assert root.focus_get() is home.example_button
    assert int(home.example_button.cget("highlightthickness")) == keys.RING
    assert str(home.example_button.cget("highlightcolor")) == keys.RING_COLOUR
    pressed: list[str] = []
    command = home.example_button.cget("command")
    home.example_button.configure(command=lambda: pressed.append("example"))
    try:
        for key in ("<space>", "<Return>", "<KP_Enter>"):
            root.focus_get().event_generate(key)
        assert pressed == ["example", "example", "example"]
    finally:
        home.example_button.configure(command=command)


def test_tab_skips_the_disabled_step_list_on_home_and_reaches_it_once_started(wizard: Any) -> None:
    root = wizard.root
    first = wizard.step_buttons[0]
    assert first.cget("state") == "disabled"
    seen = _tab_cycle(wizard, wizard.home.open_button)
    assert first not in seen
    wizard.doc.open_path(service.example_assessment_path(), confirmed=True)
    root.update()
    seen = _tab_cycle(wizard, wizard.next_button)
    assert first in seen and wizard.back_button not in seen  # 戻る is disabled on the first step
    keys.focus(wizard.step_buttons[2])
    root.focus_get().event_generate("<space>")
    assert wizard.current == 2


def _tab_cycle(wizard: Any, start: Any, limit: int = 150) -> list[Any]:
    """The widgets Tab visits, starting from ``start``, until it comes back."""
    root = wizard.root
    keys.focus(start)
    root.update()
    seen: list[Any] = []
    for _ in range(limit):
        root.focus_get().event_generate("<Tab>")
        root.update()
        now = root.focus_get()
        if now is start:
            return seen
        seen.append(now)
    raise AssertionError(f"Tab never came back to {start!r}")


def test_the_step_list_shows_where_you_are_in_the_accent_colour(wizard: Any) -> None:
    wizard.doc.open_path(service.example_assessment_path(), confirmed=True)
    wizard.root.update()
    here, other = wizard.step_buttons[0], wizard.step_buttons[1]
    assert here.cget("text").startswith("▶ 1.") and here.cget("fg_color") == style.ACCENT
    assert {here.itemcget(i, "fill") for i in here.find_withtag("inner_parts")} == {style.ACCENT}
    assert here.itemcget(here._text_id, "fill") == "white"
    assert other.cget("fg_color") == "transparent"
    # a step that was shown earlier keeps its shape, painted in the panel's colour
    assert {other.itemcget(i, "fill") for i in other.find_withtag("inner_parts")} <= {str(other.cget("bg"))}


def test_the_step_you_left_loses_its_accent_after_a_text_size_change(wizard: Any) -> None:
    """A text size chosen again (the size it has: nothing is resized) dropped the record of the shape drawn,
    not the shape: the step left afterwards was still painted in the accent colour (two steps looked current)."""
    wizard.doc.open_path(service.example_assessment_path(), confirmed=True)
    wizard.root.update()
    try:
        for percent in (150, 150):
            wizard.set_scale(percent)
            wizard.root.update()
        assert wizard.go(1)
        wizard.root.update()
        left, here = wizard.step_buttons[0], wizard.step_buttons[1]
        assert left.cget("fg_color") == "transparent"
        assert style.ACCENT not in {left.itemcget(i, "fill") for i in left.find_withtag("inner_parts")}
        assert {here.itemcget(i, "fill") for i in here.find_withtag("inner_parts")} == {style.ACCENT}
    finally:
        wizard.set_scale(100)
        wizard.root.update()


def test_a_hidden_button_stays_hidden_when_the_text_size_changes(gui_root: Any) -> None:
    """customtkinter grids its own widgets again at a new scaling, hidden ones too; a LightButton does not.
    (Alone in a frame of its own: Home, on a new size, puts its recent files back itself.)"""
    frame = ctk.CTkFrame(gui_root, fg_color=style.PANEL)
    frame.place(x=0, y=0)
    button = LightButton(frame, text="recent.kaizen.json", anchor="w", height=28, font=style.font(13))
    button.grid(row=0, column=0, sticky="w")
    gui_root.update()
    button.grid_remove()
    try:
        style.set_scale(150)
        gui_root.update()
        assert not button.winfo_manager()
        button.grid()
        gui_root.update()
        assert button.grid_info()["pady"] == 0 and int(button.cget("height")) >= int(28 * 1.5)
    finally:
        style.set_scale(100)
        frame.destroy()


def test_home_opens_a_recent_file_with_a_click(wizard: Any, tmp_path: Path) -> None:
    path = tmp_path / "区民課_2026.kaizen.json"
    shutil.copy(service.example_assessment_path(), path)
    wizard.prefs.add_recent(path)
    try:
        wizard.home.refresh()
        wizard.root.update()
        button = wizard.home.recent_buttons[0]
        assert button.winfo_ismapped() and button.cget("text").startswith(path.name)
        button.event_generate("<Enter>")
        button.event_generate("<ButtonRelease-1>")
        assert wizard.started and wizard.doc.path == path and wizard.current == 0
    finally:
        wizard.prefs.recent = []
        wizard.home.refresh()


def _shape(canvas: Any, items: tuple[int, ...], dx: float = 0) -> list[tuple[Any, ...]]:
    """What a canvas draws for these items: kind, place, glyph, font, angle and colour, in stacking order."""
    out = []
    for item in items:
        kind = canvas.type(item)
        options = ("text", "font", "angle", "fill") if kind == "text" else ("fill",)
        coords = tuple(round(c - dx, 1) for c in canvas.coords(item))
        out.append((kind, coords, *(str(canvas.itemcget(item, o)) for o in options)))
    return out


@pytest.mark.parametrize("percent", [100, 125, 150])
def test_homes_rounded_panels_draw_the_shape_ctkframe_draws(gui_root: Any, percent: int) -> None:
    from app.gui.flat_frame import RoundedFrame

    style.set_scale(percent)
    frames = [cls(gui_root, corner_radius=radius, fg_color=colour, width=300, height=120)
              for cls in (ctk.CTkFrame, RoundedFrame) for radius, colour in ((10, None), (8, "#fff4d6"))]
    try:
        for n, frame in enumerate(frames):
            frame.place(x=0, y=130 * n)
        gui_root.update()
        for old, new in zip(frames[:2], frames[2:], strict=True):
            assert (new.winfo_width(), new.winfo_height()) == (old.winfo_width(), old.winfo_height())
            canvas_old, canvas_new = old._canvas, new._canvas
            assert _shape(canvas_new, canvas_new.find_withtag("rounded")) == _shape(
                canvas_old, canvas_old.find_withtag("inner_parts"))
            assert canvas_new.cget("bg") == canvas_old.cget("bg")
    finally:
        style.set_scale(100)
        for frame in frames:
            frame.destroy()


def test_a_buttons_shape_is_the_one_ctkbutton_draws(gui_root: Any) -> None:
    frame = ctk.CTkFrame(gui_root, fg_color=style.PANEL)
    frame.place(x=0, y=0)
    try:
        old, new = _pair(frame, {"text": "はじめる", "height": 40, "size": 16})
        old.grid(row=0, column=0)
        new.grid(row=1, column=0)
        for button in (old, new):
            keys.make_focusable(button, "1")
        gui_root.update()
        # the button's shape sits inside its focus ring: CTkButton's canvas is inside the frame's ring
        assert _shape(new, new.find_withtag("inner_parts"), dx=keys.RING) == _shape(
            old._canvas, old._canvas.find_withtag("inner_parts"))
    finally:
        frame.destroy()


@pytest.mark.parametrize("method", ["polygon_shapes", "circle_shapes"])
def test_without_the_shapes_font_customtkinters_own_drawing_is_used(gui_root: Any, method: str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from customtkinter.windows.widgets.core_rendering import DrawEngine

    monkeypatch.setattr(DrawEngine, "preferred_drawing_method", method)  # as customtkinter does without its font
    frame = ctk.CTkFrame(gui_root, fg_color=style.PANEL)
    frame.place(x=0, y=0)
    try:
        old, new = _pair(frame, {"text": "保存", "width": 60})
        old.grid(row=0, column=0)
        new.grid(row=1, column=0)
        gui_root.update()
        ring = int(new.cget("highlightthickness"))  # made focusable when shown: its shape starts inside the ring
        shape = _shape(new, new.find_withtag("inner_parts"), dx=ring)
        assert shape and shape == _shape(old._canvas, old._canvas.find_withtag("inner_parts"))
        assert {str(new.itemcget(i, "outline")) for i in new.find_withtag("inner_parts")} == {"#3B8ED0"}
    finally:
        frame.destroy()


def test_on_windows_the_pointer_is_a_hand_over_an_enabled_button_as_over_a_ctkbutton(
        gui_root: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setattr(sys, "platform", "win32")
    button = LightButton(gui_root, text="保存", command=lambda: None)
    try:
        assert button.cget("cursor") == "hand2"
        button.configure(state="disabled")
        assert button.cget("cursor") == "arrow"
        button.configure(state="normal")
        assert button.cget("cursor") == "hand2"
    finally:
        button.destroy()
    monkeypatch.setattr(sys, "platform", "linux")
    plain = LightButton(gui_root, text="保存", command=lambda: None)
    try:
        assert plain.cget("cursor") == ""  # customtkinter leaves the pointer alone on Linux
    finally:
        plain.destroy()


def test_a_button_in_a_scrolling_panel_takes_the_panels_colour_as_a_ctkbutton_does(gui_root: Any) -> None:
    frame = ctk.CTkFrame(gui_root, fg_color=style.PANEL)
    frame.place(x=0, y=0)
    try:
        body = ctk.CTkScrollableFrame(frame, fg_color="transparent")
        body.pack()
        old, new = ctk.CTkButton(body, text="x"), LightButton(body, text="x")
        assert new.cget("bg") == gui_root._apply_appearance_mode(old.cget("bg_color"))
    finally:
        frame.destroy()


@contextlib.contextmanager
def crowded_home(wizard: Any, folder: Path, lang: str, percent: int) -> Iterator[None]:
    """Home with five recent files at ``percent`` text size on the laptop's screen less a title bar."""
    root = wizard.root
    geometry = root.geometry()
    for n in range(5):
        path = folder / f"課{n}_2026.kaizen.json"
        shutil.copy(service.example_assessment_path(), path)
        wizard.prefs.add_recent(path)
    wizard.set_lang(lang)
    wizard.set_scale(percent)
    root.geometry("1366x740+0+0")
    try:
        yield
    finally:
        wizard.prefs.recent = []
        wizard.set_scale(100)
        wizard.set_lang("ja")
        root.geometry(geometry)
        wizard.home.refresh()
        root.update()


@pytest.mark.parametrize(("lang", "percent"), [("ja", 150), ("en", 150), ("en", 125)])
def test_every_home_button_can_be_reached_at_large_text_on_a_1366x768_screen(wizard: Any, tmp_path: Path,
                                                                              lang: str, percent: int) -> None:
    """With five recent files the right panel is taller than the window leaves it: its body scrolls, so the
    central team's last button is never below the panel's edge (at 150 % it used to be cut off entirely)."""
    root = wizard.root
    with crowded_home(wizard, tmp_path, lang, percent):
        wizard.home.refresh()
        root.update()
        home = wizard.home
        panel = home.open_body.master  # the scrolling body's frame in the right panel
        bottom = panel.winfo_rooty() + panel.winfo_height()
        right = panel.winfo_rootx() + panel.winfo_width()
        home.open_body._parent_canvas.yview_moveto(1.0)
        root.update()
        for button in (home.aggregate_button, home.pack_button, home.questionnaire_button):
            assert button.winfo_ismapped()
            assert button.winfo_rooty() + button.winfo_height() <= bottom, button.cget("text")
            assert button.winfo_rootx() + button.winfo_reqwidth() <= right, button.cget("text")  # not cut off
        home.open_body._parent_canvas.yview_moveto(0.0)
        root.update()
        for button in (home.open_button, home.example_button):
            assert button.winfo_rootx() + button.winfo_reqwidth() <= right, button.cget("text")


def test_tab_into_the_scrolled_away_part_of_home_scrolls_it_into_view(wizard: Any, tmp_path: Path) -> None:
    root = wizard.root
    with crowded_home(wizard, tmp_path, "ja", 150):
        home = wizard.home
        home.refresh()
        root.update()
        panel = home.open_body.master
        top, bottom = panel.winfo_rooty(), panel.winfo_rooty() + panel.winfo_height()
        last = home.questionnaire_button
        assert last.winfo_rooty() + last.winfo_height() > bottom  # below the panel's edge before
        last.focus_force()  # the window has the keyboard (Tab moves the focus inside it)
        root.update()
        root.update()
        assert top <= last.winfo_rooty() and last.winfo_rooty() + last.winfo_height() <= bottom
        home.open_button.focus_force()  # Shift+Tab back to the first button: the top comes back
        root.update()
        root.update()
        assert top <= home.open_button.winfo_rooty() < bottom
        assert home.open_body._parent_canvas.yview()[0] == 0.0
