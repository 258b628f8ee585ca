"""A customtkinter frame that draws nothing when there is nothing to see: transparent, or square and borderless.

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


class FlatLabel(ctk.CTkLabel):
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
