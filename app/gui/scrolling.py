"""A customtkinter scrolling frame whose scroll bar is drawn once per idle pass, with the last position.

While a page is laid out its contents grow row by row, and Tk reports the visible part of the canvas to
the scroll bar each time (nine times on a first visit of 現状分析, at first 0.05 % of a content that was
not laid out yet). ``CTkScrollbar.set`` draws the bar at once (about fifty calls into Tk) and then runs
``update_idletasks``, which lays out the half-built page early. :class:`ScrollFrame` keeps the last
position and draws it once the page is laid out and drawn (a timer: Tk runs it after the idle passes
that lay out and draw a page; an idle callback ran between two of them and drew the bar five times).

``CTkScrollableFrame`` also makes a ``CTkLabel`` for an optional title above the area (three Tk widgets) and
keeps it hidden when there is none — none of ours has one. :class:`ScrollFrame` makes that label only when
something asks for it (:class:`_TitleLater`), so a page or Home builds three widgets fewer per scrolling area;
and the frame around the area is a :class:`~app.gui.flat_frame.FlatFrame`, which leaves out the invisible
rounded shape customtkinter redraws behind a transparent area at every resize.
"""

from __future__ import annotations

import tkinter
from typing import Any

import customtkinter as ctk
from customtkinter.windows.widgets import ctk_scrollable_frame

from app.gui.flat_frame import FlatFrame

_CTK_LABEL = ctk_scrollable_frame.CTkLabel
_CTK_FRAME = ctk_scrollable_frame.CTkFrame


class _TitleLater:
    """Stands in for the title label of a scrolling area without a title: the ``CTkLabel`` is made, with the
    options customtkinter gave, the first time anything but hiding it is asked of it (a title set later)."""

    def __init__(self, master: tkinter.Misc, **kwargs: Any) -> None:
        self._master = master
        self._kwargs = kwargs
        self._label: ctk.CTkLabel | None = None

    def grid_forget(self) -> None:
        if self._label is not None:
            self._label.grid_forget()

    def __getattr__(self, name: str) -> Any:
        if self._label is None:
            self._label = _CTK_LABEL(self._master, **self._kwargs)
        return getattr(self._label, name)


class ScrollFrame(ctk.CTkScrollableFrame):
    """``CTkScrollableFrame`` whose scroll bar follows the canvas at idle time (the same bar, drawn less), whose
    title label is made only if a title is given, and whose outer frame draws no shape nobody sees."""

    def __init__(self, parent: tkinter.Misc, **kwargs: Any) -> None:
        # customtkinter makes its parts by the names its module imported: ours stand in while it does
        ctk_scrollable_frame.CTkFrame = FlatFrame  # the outer frame: its shape only drawn when one shows
        if not kwargs.get("label_text"):
            ctk_scrollable_frame.CTkLabel = _TitleLater
        try:
            super().__init__(parent, **kwargs)
        finally:
            ctk_scrollable_frame.CTkLabel = _CTK_LABEL
            ctk_scrollable_frame.CTkFrame = _CTK_FRAME
        self._scroll_position: tuple[str, str] | None = None
        self._scroll_job: str | None = None
        option = "xscrollcommand" if self._orientation == "horizontal" else "yscrollcommand"
        self._parent_canvas.configure(**{option: self._scrolled})

    def _scrolled(self, first: str, last: str) -> None:
        self._scroll_position = (first, last)
        if self._scroll_job is None:
            self._scroll_job = self.after(0, self._draw_scrollbar)  # a timer: after the idle passes that lay out

    def _draw_scrollbar(self) -> None:
        self._scroll_job = None
        if self._scroll_position is not None and self._scrollbar.winfo_exists():
            first, last = self._scroll_position
            if self._scrollbar.get() != (float(first), float(last)):
                self._scrollbar.set(first, last)

    def destroy(self) -> None:
        if self._scroll_job is not None:
            self.after_cancel(self._scroll_job)
            self._scroll_job = None
        super().destroy()
