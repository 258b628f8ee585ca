"""Scrolling pages follow the wheel over a memo and the keyboard's focus.

customtkinter's scrollable frames ignore the wheel over any CTkTextbox, so on the analysis and plan
pages a pointer resting on a short memo froze the page. A memo that does scroll keeps the wheel
until it reaches its top or bottom. And they do not follow the focus: Tab could move it to a field or a
button below the visible part (Home's last buttons at 150 %), so a focused widget is scrolled into view.
"""

from __future__ import annotations

import sys
import tkinter
from typing import Any

import customtkinter as ctk


def _steps(event: tkinter.Event[Any]) -> int:
    if event.num == 4:
        return -1
    if event.num == 5:
        return 1
    delta = int(getattr(event, "delta", 0) or 0)
    if sys.platform == "darwin":
        return -delta
    return -1 if delta > 0 else 1 if delta < 0 else 0


def _page_of(widget: tkinter.Misc) -> ctk.CTkScrollableFrame | None:
    current: Any = widget
    while current is not None:
        if isinstance(current, ctk.CTkScrollableFrame):
            return current
        current = current.master
    return None


def page_scroll(event: tkinter.Event[Any]) -> str | None:
    """Scroll the page under a memo whose own text is at its end in the wheel's direction."""
    text = event.widget
    if not isinstance(text, tkinter.Text):
        return None
    steps = _steps(event)
    top, bottom = text.yview()
    if steps == 0 or (steps < 0 < top) or (steps > 0 and bottom < 1.0):
        return None  # the memo scrolls itself (its class binding)
    page = _page_of(text)
    if page is None:
        return None
    canvas = page._parent_canvas
    if canvas.yview() != (0.0, 1.0):
        canvas.yview("scroll", steps, "units")
    return "break"


def reveal(widget: Any) -> None:
    """Scroll the scrolling frames around ``widget`` just enough to show all of it (or its top)."""
    inner: Any = widget
    while isinstance(inner, tkinter.Misc):
        page = _page_of(inner.master) if inner.master is not None else None
        if page is None:
            return
        canvas = page._parent_canvas
        region = canvas.cget("scrollregion").split()  # what yview's fractions are of (customtkinter keeps it)
        total = float(region[3]) - float(region[1]) if len(region) == 4 else float(page.winfo_height())
        inset = int(canvas.cget("borderwidth")) + int(canvas.cget("highlightthickness"))
        top = canvas.winfo_rooty() + inset  # the visible part of the page, in screen pixels
        bottom = canvas.winfo_rooty() + canvas.winfo_height() - inset
        y, height = widget.winfo_rooty(), widget.winfo_height()
        delta = 0
        if y < top:
            delta = y - top
        elif y + height > bottom:
            delta = min(y + height - bottom, y - top)  # a widget taller than the view shows its top
        if delta and total > 0:
            canvas.yview_moveto((canvas.yview()[0] * total + delta) / total)
        inner = page


def _focus_in(event: tkinter.Event[Any]) -> None:
    widget = event.widget
    if isinstance(widget, tkinter.Misc):
        # once the layout the focus change may set off (a wrap, a fold) is done; on the root, which outlives
        # every widget, so the callback never outlives its own
        root: Any = widget.nametowidget(".")
        root.after_idle(_reveal_if_alive, widget)


def _reveal_if_alive(widget: tkinter.Misc) -> None:
    if widget.winfo_exists():
        reveal(widget)


def install(root: tkinter.Misc) -> None:
    """Bind the wheel on every multi-line field of the application (after the Text class's own scrolling), and
    scroll every focused widget into view."""
    for sequence in ("<MouseWheel>", "<Button-4>", "<Button-5>"):
        root.bind_class("Text", sequence, page_scroll, add=True)
    root.bind_all("<FocusIn>", _focus_in, add=True)
