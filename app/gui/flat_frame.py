"""customtkinter frames and labels drawn with fewer calls into Tk: nothing when there is nothing to see
(transparent, or square and borderless: :class:`FlatFrame`, :class:`FlatLabel`), a filled rounded panel in one
pass (:class:`RoundedFrame`).

``CTkFrame`` redraws its rounded shape on the canvas behind its children every time it changes size, even
when that shape is invisible (a transparent frame paints it in its background colour) or a plain rectangle
(corner radius 0, no border). A page of fields holds dozens of such frames and Tk resizes each several
times while the page is laid out: on the measures step that was about a fifth of the first visit's calls
into Tk. :class:`FlatFrame` paints its canvas background in the colour the shape would have had and skips
the shape; a frame with a visible rounded corner or a border is drawn by ``CTkFrame`` as before.
"""

from __future__ import annotations

from typing import Any

import customtkinter as ctk

from app.gui.wrap import needs_wrap, wrap


class FlatFrame(ctk.CTkFrame):
    """``CTkFrame`` for frames that are transparent, or square without a border (drawn the same, faster)."""

    _shaped = False  # set once CTkFrame drew its shape: from then on it keeps drawing it
    _painted: str | None = None  # the canvas colour last set here

    def _flat(self) -> bool:
        return (not self._shaped and not self._border_width and self._background_corner_colors is None
                and (self._fg_color == "transparent" or not self._corner_radius))

    def _draw(self, no_color_updates: bool = False) -> None:
        if not self._flat():
            self._shaped = True
            super()._draw(no_color_updates)
            return
        if not self._canvas.winfo_exists():
            return
        colour: Any = self._bg_color if self._fg_color == "transparent" else self._fg_color
        painted = self._apply_appearance_mode(colour)
        if painted != self._painted:
            self._canvas.configure(bg=painted)
            self._painted = painted


class RoundedFrame(ctk.CTkFrame):
    """``CTkFrame`` for a filled, borderless rounded panel (Home's two panels, its recovery box), drawn the same.

    CTkFrame's DrawEngine looks each of the shape's ten items up, moves and recolours them one call at a time
    on every change of size; here they are made again in one call each, only when the size or colour changed.
    A frame given a border or background corners is drawn by ``CTkFrame`` as before.
    """

    _drawn_for: tuple[object, ...] | None = None

    def _draw(self, no_color_updates: bool = False) -> None:
        from app.gui.light import font_shapes, rounded_rect

        plain = (not self._border_width and self._background_corner_colors is None and self._fg_color != "transparent"
                 and self._overwrite_preferred_drawing_method is None and font_shapes())
        if not plain:
            if self._drawn_for is not None:
                self._canvas.delete("rounded")
                self._drawn_for = None
            super()._draw(no_color_updates)
            return
        if not self._canvas.winfo_exists():
            return
        size = (self._apply_widget_scaling(self._current_width), self._apply_widget_scaling(self._current_height))
        radius = self._apply_widget_scaling(self._corner_radius)
        fill, background = self._apply_appearance_mode(self._fg_color), self._apply_appearance_mode(self._bg_color)
        key = (size, radius, fill, background)
        if key != self._drawn_for:
            self._canvas.delete("rounded")
            rounded_rect(self._canvas, (int(size[0]), int(size[1])), int(radius), fill, tag="rounded")
            self._canvas.tag_lower("rounded")
            self._canvas.configure(bg=background)
            self._drawn_for = key


class WrappedLabel(ctk.CTkLabel):
    """``CTkLabel`` whose Japanese text is broken into lines by :func:`app.gui.wrap.wrap` at its ``wraplength``.

    Tk's label wraps only at spaces and breaks a run without one anywhere: a line began with 「・」 or 「）」 and
    a last 「へ」 stood alone. ``cget("text")`` is the text as given; the Tk label shows it with line breaks.
    """

    _drawn: str = ""  # the Tk label's text: as given, or with the line breaks added here

    def _show_wrapped(self) -> None:
        text = str(self._text)
        if self._wraplength and needs_wrap(text):
            font = self._apply_font_scaling(self._font)
            text = wrap(text, lambda part: int(self.tk.call("font", "measure", font, part)),
                        int(self._apply_widget_scaling(self._wraplength)), font=tuple(font))
        if text != self._drawn:
            self._drawn = text
            self._label.configure(text=text)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._drawn = str(self._text)  # what CTkLabel gave its Tk label
        self._show_wrapped()

    def configure(self, require_redraw: bool = False, **kwargs: Any) -> None:
        again = any(k in kwargs for k in ("text", "wraplength", "font"))
        super().configure(require_redraw=require_redraw, **kwargs)
        if "text" in kwargs:
            self._drawn = str(self._text)
        if again:
            self._show_wrapped()

    def _set_scaling(self, *args: Any, **kwargs: Any) -> None:
        super()._set_scaling(*args, **kwargs)
        self._show_wrapped()

    def _update_font(self) -> None:
        super()._update_font()
        if hasattr(self, "_label"):
            self._show_wrapped()


class FlatLabel(WrappedLabel):
    """``CTkLabel`` for labels on the background (transparent, square, no border): drawn the same, faster.

    ``CTkLabel`` puts a rectangle in the background colour behind its text and reshapes it on every
    resize (twice while a page is laid out). Here the canvas is painted in that colour instead.
    """

    _shaped = False  # set once CTkLabel drew its shape: from then on it keeps drawing it

    def _draw(self, no_color_updates: bool = False) -> None:
        if self._shaped or self._border_width or self._corner_radius or self._fg_color != "transparent":
            self._shaped = True
            super()._draw(no_color_updates)
            return
        if no_color_updates:  # a resize: there is no shape to fit to the new size
            return
        background = self._apply_appearance_mode(self._bg_color)
        self._canvas.configure(bg=background)
        self._label.configure(fg=self._apply_appearance_mode(self._text_color), bg=background,
                              disabledforeground=self._apply_appearance_mode(self._text_color_disabled))
