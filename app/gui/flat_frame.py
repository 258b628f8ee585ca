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
