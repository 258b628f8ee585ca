"""First visits of 現状分析, 改善策の検討 and 結果 build and draw less: fonts stay loaded, ..."""

from __future__ import annotations

from typing import Any

import pytest

from app.gui import style


@pytest.mark.gui
def test_the_default_and_shared_fonts_stay_loaded(gui_root: Any) -> None:
    """Tk frees a font nothing uses: each plain label made (it starts with TkDefaultFont) and each measurement
    with a shared font loaded it again. A hidden label per font keeps it loaded, outside tkinter's widget tree."""
    tk = gui_root.tk
    shared = style.font(17, "bold")  # a size no page uses: made here
    for name in ("TkDefaultFont", "TkTextFont", "TkMenuFont", "TkFixedFont", shared.name, style.font().name):
        path = f"._kaizen_font_{name}"
        assert int(tk.call("winfo", "exists", path)), name
        assert str(tk.call(path, "cget", "-font")) == name
        assert not int(tk.call("winfo", "ismapped", path))
    assert not any(str(w).startswith("._kaizen_font") for w in gui_root.winfo_children())
    style.keep_loaded(tk, shared.name)  # twice is once
    assert int(tk.call("winfo", "exists", f"._kaizen_font_{shared.name}"))


@pytest.mark.gui
def test_the_roots_size_handler_runs_for_the_root_only(gui_root: Any) -> None:
    """customtkinter's root handler followed the <Configure> of every widget in the window (a toplevel's
    bindings apply to its widgets); it still follows the root's own."""
    import tkinter

    frame = tkinter.Frame(gui_root, width=10, height=10)
    frame.place(x=0, y=0)
    gui_root.update()
    saved = gui_root._current_width
    try:
        gui_root._current_width = -1  # what the handler would correct
        frame.configure(width=30)
        gui_root.update()
        assert frame.winfo_width() == 30
        assert gui_root._current_width == -1  # a widget's <Configure>: not run
        gui_root.event_generate("<Configure>")
        gui_root.update()
        assert gui_root._current_width == gui_root._reverse_window_scaling(gui_root.winfo_width())
    finally:
        frame.destroy()
        gui_root._current_width = saved


@pytest.mark.gui
def test_a_tick_redraws_the_check_boxs_colours_not_its_shape(gui_root: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from customtkinter.windows.widgets.core_rendering import DrawEngine

    from app.gui.check_box import CheckBox

    box = CheckBox(gui_root, text="紙の受付・保管")
    shapes: list[object] = []
    original = DrawEngine.draw_rounded_rect_with_border

    def counted(engine: Any, *args: Any, **kwargs: Any) -> Any:
        shapes.append(args)
        return original(engine, *args, **kwargs)

    monkeypatch.setattr(DrawEngine, "draw_rounded_rect_with_border", counted)
    try:
        box.place(x=0, y=0)
        gui_root.update()
        box.select()
        gui_root.update()
        assert shapes == []  # the box's shape was drawn when it was made
        fill = str(box._canvas.itemcget("inner_parts", "fill"))
        assert fill == box._apply_appearance_mode(box._fg_color)  # ticked: the box is filled …
        assert box._canvas.find_withtag("checkmark")  # … and shows the tick
        box.deselect()
        assert str(box._canvas.itemcget("inner_parts", "fill")) == box._apply_appearance_mode(box._bg_color)
        assert not box._canvas.find_withtag("checkmark") and shapes == []
        box._set_scaling(1.5, 1.0)  # a new text size: a bigger box is drawn
        assert len(shapes) == 1
        box._set_scaling(1.0, 1.0)
    finally:
        box.destroy()


@pytest.mark.gui
def test_the_scroll_bar_is_drawn_once_with_the_last_position(gui_root: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """While a page is laid out, Tk reports the canvas's visible part many times: the bar is drawn once,
    after the layout, where the last report puts it."""
    import customtkinter as ctk

    from app.gui.scrolling import ScrollFrame

    frame = ScrollFrame(gui_root)
    frame.place(x=0, y=0)
    gui_root.update()
    draws: list[object] = []
    original = ctk.CTkScrollbar._draw

    def counted(bar: Any, *args: Any, **kwargs: Any) -> Any:
        draws.append(bar.get())
        return original(bar, *args, **kwargs)

    monkeypatch.setattr(ctk.CTkScrollbar, "_draw", counted)
    try:
        for end in ("0.001", "0.2", "0.5"):
            frame._scrolled("0.0", end)
        gui_root.update_idletasks()
        assert draws == []  # not during the layout's idle passes
        gui_root.update()
        assert draws == [(0.0, 0.5)] and frame._scrollbar.get() == (0.0, 0.5)
        frame._scrolled("0.0", "0.5")  # where it is already: not drawn again
        gui_root.update()
        assert len(draws) == 1
        frame._scrolled("0.5", "1.0")
        frame.destroy()  # a report pending when the frame goes: nothing runs into it
        gui_root.update()
        assert len(draws) == 1
    finally:
        if frame.winfo_exists():
            frame.destroy()


@pytest.mark.gui
def test_a_segmented_choice_draws_its_bar_once_at_its_laid_out_size(gui_root: Any,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from customtkinter.windows.widgets.core_rendering import DrawEngine

    from app.gui import light
    from app.gui.segmented import BAR, Segmented

    sizes: list[tuple[float, float]] = []
    original = DrawEngine.draw_rounded_rect_with_border
    original_light = light.rounded_rect

    def counted(engine: Any, width: float, height: float, *args: Any, **kwargs: Any) -> Any:
        sizes.append((width, height))
        return original(engine, width, height, *args, **kwargs)

    def counted_light(canvas: Any, size: tuple[int, int], *args: Any, **kwargs: Any) -> Any:
        sizes.append(size)
        return original_light(canvas, size, *args, **kwargs)

    # the bar is a RoundedFrame's shape (app.gui.light), or customtkinter's DrawEngine without the shapes font
    monkeypatch.setattr(DrawEngine, "draw_rounded_rect_with_border", counted)
    monkeypatch.setattr(light, "rounded_rect", counted_light)
    from app.gui import keys

    choice = Segmented(gui_root, ["大", "中", "小"])
    # as a page does before its first layout: once the window's keyboard handling is installed (by any earlier
    # test's wizard), a focus ring added only when the choice is mapped would make it larger and draw it again
    keys.prepare(choice)
    try:
        choice.place(x=0, y=0)
        gui_root.update()
        assert sizes == [(choice.winfo_width(), choice.winfo_height())]  # once, not first at 200 × 200
        canvas = choice._canvas
        shape = canvas.find_withtag("rounded") + canvas.find_withtag("inner_parts")  # RoundedFrame's or ctk's tag
        assert shape and {str(canvas.itemcget(item, "fill")) for item in shape} == {BAR}
        choice.configure(values=["承認待ち", "他課待ち", "なし"])  # wider: drawn again at the new size
        gui_root.update()
        assert len(sizes) == 2 and sizes[-1] == (choice.winfo_width(), choice.winfo_height())
    finally:
        choice.destroy()
