"""customtkinter controls that draw once the page is laid out: an entry drawn in one pass when its size has
settled, an option menu that does not lay the whole window out in the middle of its drawing.

``CTkEntry`` draws its rounded border when it is made (at the width it asks for) and again at every change
of size while the page around it is laid out, and each drawing looks its twenty shape items up, moves and
recolours them one call at a time (about seventy calls into Tk): the action plan's eight entries took a
third of the page's first visit. :class:`SettledEntry` waits for its first ``<Configure>`` (the size the
layout gives it), draws once Tk is idle, and makes the items customtkinter's DrawEngine would have made
(same circle glyphs, rectangles, order and colours) in one call each, only when size or colour changed.

``CTkOptionMenu`` ends every drawing (each ``configure`` of its values' state, each change of size) with
``update_idletasks``, which lays out and draws every pending widget of the window: on a page still being
built that is a layout of half a page, done again once the rest is there. :class:`QuietOptionMenu` draws
the same and leaves the layout to Tk's idle time.

``CTkScrollbar`` does the same at the end of each drawing, and every scrolling frame and text box has one or
two: Home's form, its file panel and the participants' box laid the half-built window out seven times before
its first frame (a third of the time Home took to build). :func:`quiet_scrollbars` makes every scroll bar
draw the same and leave the layout and the drawing on screen to Tk's idle time, which comes before the next
event is handled: a dragged bar still follows the pointer.
"""

from __future__ import annotations

import contextlib
import math
import tkinter
from collections.abc import Iterator
from typing import Any

import customtkinter as ctk
from customtkinter import CTkScrollbar
from customtkinter.windows.widgets.core_rendering import CTkCanvas

from app.gui.light import font_shapes

SHAPE = "entry_shape"


class SettledEntry(ctk.CTkEntry):
    """``CTkEntry`` whose drawing waits until it is laid out and Tk is idle (drawn the same)."""

    _laid_out = False  # set by the first <Configure>: before it the size is only the one asked for
    _colours_due = False  # a drawing since the last one asked for the colours as well
    _draw_job: str | None = None
    _drawn_for: tuple[object, ...] | None = None  # what the shape on the canvas was made for

    def _draw(self, no_color_updates: bool = False) -> None:
        if not no_color_updates:
            self._colours_due = True
        if self._laid_out:
            self._schedule()

    def _schedule(self) -> None:
        if self._draw_job is None:
            self._draw_job = tkinter.Misc.after_idle(self, self._settled)

    def _settled(self) -> None:
        self._draw_job = None
        if not self._canvas.winfo_exists():
            return
        colours, self._colours_due = self._colours_due, False
        if not font_shapes():
            if self._drawn_for is not None:
                self._canvas.delete(SHAPE)
                self._drawn_for = None
            super()._draw(no_color_updates=not colours)  # customtkinter's polygons or circles
            return
        self._shape()
        if colours:
            self._colour_entry()

    def _update_dimensions_event(self, event: Any) -> None:
        first = not self._laid_out
        self._laid_out = True
        super()._update_dimensions_event(event)  # draws (here: schedules) when the size changed
        if first:
            self._schedule()

    def _fill(self) -> str:
        colour = self._apply_appearance_mode(self._fg_color)
        return str(self._apply_appearance_mode(self._bg_color) if colour == "transparent" else colour)

    def _shape(self) -> None:
        """The items DrawEngine's ``draw_rounded_rect_with_border`` makes ("font_shapes"), made anew."""
        width = math.floor(self._apply_widget_scaling(self._current_width) / 2) * 2
        height = math.floor(self._apply_widget_scaling(self._current_height) / 2) * 2
        radius: float = round(self._apply_widget_scaling(self._corner_radius))
        if radius > width / 2 or radius > height / 2:
            radius = min(width / 2, height / 2)
        border = round(self._apply_widget_scaling(self._border_width))
        r = round(radius)
        inner = r - border if r >= border else 0
        fill, edge = self._fill(), str(self._apply_appearance_mode(self._border_color))
        key = (width, height, r, border, fill, edge)
        if key == self._drawn_for:
            return
        canvas = self._canvas
        canvas.delete(SHAPE)
        if border > 0:
            if r > 0:
                _corners(canvas, (0, 0, width, height), r, edge)
            canvas.create_rectangle(0, r, width, height - r, width=0, fill=edge, tags=(SHAPE,))
            canvas.create_rectangle(r, 0, width - r, height, width=0, fill=edge, tags=(SHAPE,))
        if inner > 0:
            _corners(canvas, (border, border, width - border, height - border), inner, fill)
        canvas.create_rectangle(border + inner, border, width - border - inner, height - border, width=0, fill=fill,
                                tags=(SHAPE,))
        if inner * 2 < height - border * 2:
            canvas.create_rectangle(border, border + inner, width - border, height - inner - border, width=0,
                                    fill=fill, tags=(SHAPE,))
        canvas.tag_lower(SHAPE)
        self._drawn_for = key

    def _colour_entry(self) -> None:
        """The colours CTkEntry's own drawing gives the canvas and the Tk entry."""
        background, fill = self._apply_appearance_mode(self._bg_color), self._fill()
        self._canvas.configure(bg=background)
        self._entry.configure(bg=fill, disabledbackground=fill, readonlybackground=fill, highlightcolor=fill)
        text = self._placeholder_text_color if self._placeholder_text_active else self._text_color
        colour = self._apply_appearance_mode(text)
        self._entry.config(fg=colour, disabledforeground=colour, insertbackground=colour)

    def destroy(self) -> None:
        if self._draw_job is not None:
            tkinter.Misc.after_cancel(self, self._draw_job)
            self._draw_job = None
        super().destroy()


def _corners(canvas: tkinter.Canvas, box: tuple[int, int, int, int], r: int, fill: str) -> None:
    """Two antialiased circle glyphs per corner of ``box`` (as CTkCanvas.create_aa_circle), the corners the
    DrawEngine makes for a box of that size: top left, top right, bottom right, bottom left."""
    left, top, right, bottom = box
    if CTkCanvas.radius_to_char_fine is None:
        CTkCanvas.init_font_character_mapping()
    char = "A" if r >= 20 else CTkCanvas.radius_to_char_fine[r]
    wide, tall = right - left > 2 * r, bottom - top > 2 * r
    corners = [(left + r, top + r)]
    if wide:
        corners.append((right - r, top + r))
    if wide and tall:
        corners.append((right - r, bottom - r))
    if tall:
        corners.append((left + r, bottom - r))
    font = ("CustomTkinter_shapes_font", -r * 2)
    for x, y in corners:
        for angle in (0, 180):
            canvas.create_text(x, y, text=char, anchor="center", fill=fill, font=font, angle=angle, tags=(SHAPE,))


def _without_layout(draw: Any) -> Any:
    """``draw``, a customtkinter widget's drawing that ends with a window-wide ``update_idletasks`` on its canvas,
    with that last call left out: Tk lays out and draws when idle."""

    def quiet(self: Any, no_color_updates: bool = False) -> None:
        canvas: Any = self._canvas
        canvas.update_idletasks = _no_layout
        try:
            draw(self, no_color_updates)
        finally:
            canvas.__dict__.pop("update_idletasks", None)  # the method again

    return quiet


class QuietOptionMenu(ctk.CTkOptionMenu):
    """``CTkOptionMenu`` without the window-wide ``update_idletasks`` at the end of its drawing (drawn the same)."""

    _draw = _without_layout(ctk.CTkOptionMenu._draw)


_quiet: list[bool] = []
ORIGINAL_SCROLLBAR_DRAW = CTkScrollbar._draw  # customtkinter's, kept for the tests that compare the drawings


def quiet_scrollbars() -> None:
    """Every ``CTkScrollbar`` (also those inside customtkinter's text boxes and scrolling frames) draws without
    the window-wide ``update_idletasks`` at the end (once; bars made before or after)."""
    if not _quiet:
        _quiet.append(True)
        CTkScrollbar._draw = _without_layout(ORIGINAL_SCROLLBAR_DRAW)


def _no_layout() -> None:
    """Stands in for the canvas's ``update_idletasks`` during a drawing."""


@contextlib.contextmanager
def no_early_layout() -> Iterator[None]:
    """While building: ``update_idletasks`` (tksheet's ``Sheet`` calls it four times when made) lays nothing out."""
    saved = tkinter.Misc.update_idletasks
    tkinter.Misc.update_idletasks = _no_layout_of  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        tkinter.Misc.update_idletasks = saved  # type: ignore[method-assign]


def _no_layout_of(_widget: tkinter.Misc) -> None:
    """Stands in for ``update_idletasks`` while a page's sheet is made."""
