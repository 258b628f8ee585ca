"""customtkinter's canvas with fewer calls into Tk (app.gui.canvas_calls) draws exactly what customtkinter draws."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import customtkinter as ctk
import pytest
from customtkinter.windows.widgets.core_rendering.ctk_canvas import CTkCanvas

from app.gui import canvas_calls
from app.gui.after_jobs import TextBox

pytestmark = pytest.mark.gui

OPTIONS = ("fill", "outline", "text", "font", "angle", "width", "state", "anchor")


def _items(canvas: Any) -> list[tuple[object, ...]]:
    """Every item of ``canvas`` in display order: type, tags, coordinates and options."""
    rows = []
    for item in canvas.find_all():
        kind = canvas.type(item)
        options = tuple((o, canvas.itemcget(item, o)) for o in OPTIONS if o in canvas.itemconfigure(item))
        rows.append((kind, canvas.gettags(item), tuple(canvas.coords(item)), options))
    return rows


def _canvases(widget: Any) -> list[Any]:
    found, stack = [], [widget]
    while stack:
        w = stack.pop()
        if isinstance(w, CTkCanvas):
            found.append(w)
        stack.extend(w.winfo_children())
    return found


def _drawn(root: Any, make: Callable[[Any], Any], change: Callable[[Any], None]) -> list[list[tuple[object, ...]]]:
    frame = ctk.CTkFrame(root, width=500, height=300)
    frame.place(x=0, y=0)
    widget = make(frame)
    root.update()
    change(widget)
    root.update()
    try:
        return [_items(c) for c in _canvases(widget)]
    finally:
        frame.destroy()


def _hover(widget: Any) -> None:
    widget._on_enter()  # customtkinter's hover colour (a recolouring with an outline)


def _resize_and_recolour(widget: Any) -> None:
    widget.configure(width=230, fg_color="#25662a")


def _there_and_back(widget: Any) -> None:
    # a glyph left where it was must still follow every later move (and come back with the size)
    for width, radius in ((230, 14), (90, 3), (140, 6)):
        widget._on_enter()
        widget.configure(width=width, corner_radius=radius)
        widget.update()
        widget._on_leave()


WIDGETS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], None]]] = {
    "button, hovered": (lambda p: _placed(ctk.CTkButton(p, text="保存")), _hover),
    "button, resized and recoloured": (lambda p: _placed(ctk.CTkButton(p, text="保存")), _resize_and_recolour),
    "button, resized there and back": (lambda p: _placed(ctk.CTkButton(p, text="保存")), _there_and_back),
    "entry": (lambda p: _placed(ctk.CTkEntry(p, width=200)), lambda w: w.configure(border_color="#c62828")),
    "option menu, hovered": (lambda p: _placed(ctk.CTkOptionMenu(p, values=["日本語", "English"])), _hover),
    "switch, switched on": (lambda p: _placed(ctk.CTkSwitch(p, text="会議モード")), lambda w: w.toggle()),
    "check box, ticked": (lambda p: _placed(ctk.CTkCheckBox(p, text="窓口")), lambda w: w.toggle()),
    "scroll bar, moved": (lambda p: _placed(ctk.CTkScrollbar(p, height=200)), lambda w: w.set(0.25, 0.5)),
    "segmented button": (lambda p: _placed(ctk.CTkSegmentedButton(p, values=["はい", "いいえ"])),
                         lambda w: w.set("いいえ")),
    # the app's text box: customtkinter's own keeps checking its scroll bars after it is gone (a Tcl error later)
    "text box": (lambda p: _placed(TextBox(p, width=200, height=56)), lambda w: w.insert("1.0", "係長\n" * 9)),
}


def _placed(widget: Any) -> Any:
    widget.place(x=10, y=10)
    return widget


@pytest.mark.parametrize("name", list(WIDGETS))
def test_the_fewer_calls_draw_the_same_items(gui_root: Any, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    make, change = WIDGETS[name]
    canvas_calls.install()
    assert CTkCanvas.coords is canvas_calls._coords  # what the app's window uses
    ours = _drawn(gui_root, make, change)
    monkeypatch.setattr(CTkCanvas, "coords", canvas_calls._ORIGINAL["coords"])
    monkeypatch.setattr(CTkCanvas, "itemconfig", canvas_calls._ORIGINAL["itemconfig"])
    theirs = _drawn(gui_root, make, change)
    assert any(rows for rows in theirs) and any("ctk_aa_circle_font_element" in r[1] for rows in theirs for r in rows)
    assert ours == theirs


def test_fewer_calls_into_tk(gui_root: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The point of it: a button's hover and an entry's redraw ask Tk less (counted, not timed)."""
    calls = {"n": 0}

    def counted() -> int:
        calls["n"] = 0
        tk = gui_root.tk
        real = tk.call

        class Counting:
            def call(self, *args: Any) -> Any:
                calls["n"] += 1
                return real(*args)

            def __getattr__(self, name: str) -> Any:
                return getattr(tk, name)

        frame = ctk.CTkFrame(gui_root, width=400, height=200)
        frame.place(x=0, y=0)
        button = _placed(ctk.CTkButton(frame, text="保存"))
        gui_root.update()
        for c in _canvases(button):
            c.tk = Counting()
        button._on_enter()
        button._on_leave()
        button.configure(width=200)
        gui_root.update()
        frame.destroy()
        return calls["n"]

    canvas_calls.install()
    ours = counted()
    monkeypatch.setattr(CTkCanvas, "coords", canvas_calls._ORIGINAL["coords"])
    monkeypatch.setattr(CTkCanvas, "itemconfig", canvas_calls._ORIGINAL["itemconfig"])
    theirs = counted()
    assert ours < theirs * 0.8, (ours, theirs)
