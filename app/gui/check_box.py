"""A customtkinter check box that is not drawn again when only its width or its tick changes.

``CTkCheckBox`` draws its box (a rounded square, about eighty calls into Tk) again every time the whole
widget is resized, which happens once or twice while a page is laid out because its text is wider than
the default width, and every time it is ticked or unticked (a page shows the model's ticks right after
making its boxes). The box has a fixed size of its own and nothing in it depends on the widget's width
or on the tick (only its colours do, which are still set), so :class:`CheckBox` only records the new
size, and draws the box's shape only when its size changes (the text size): it looks the same and is
built faster (the analysis step's pain points are ten of them, and every measure card has one).
"""

from __future__ import annotations

import tkinter
from typing import Any

import customtkinter as ctk
from customtkinter.windows.widgets.core_rendering import DrawEngine


class _ShapeOnce(DrawEngine):
    """A draw engine that leaves the rounded box alone when it is asked for the one already drawn."""

    def __init__(self, canvas: Any, drawn: tuple[Any, ...] | None) -> None:
        super().__init__(canvas)
        self.drawn = drawn

    def draw_rounded_rect_with_border(self, width: float, height: float, corner_radius: float, border_width: float,
                                      overwrite_preferred_drawing_method: str | None = None) -> bool:
        shape = (width, height, corner_radius, border_width, overwrite_preferred_drawing_method)
        if shape == self.drawn:
            return False  # the same items at the same places: nothing to move, nothing to recolour
        self.drawn = shape
        return bool(super().draw_rounded_rect_with_border(width, height, corner_radius, border_width,
                                                          overwrite_preferred_drawing_method))


class CheckBox(ctk.CTkCheckBox):
    """``CTkCheckBox`` whose resizes and ticks do not redraw the (fixed-size) box's shape."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # draws the box once
        self._draw_engine = _ShapeOnce(self._canvas, self._shape())

    def _shape(self) -> tuple[Any, ...]:
        # the arguments CTkCheckBox._draw gives draw_rounded_rect_with_border
        return (self._apply_widget_scaling(self._checkbox_width), self._apply_widget_scaling(self._checkbox_height),
                self._apply_widget_scaling(self._corner_radius), self._apply_widget_scaling(self._border_width), None)

    def _update_dimensions_event(self, event: tkinter.Event[tkinter.Misc]) -> None:
        # what CTkBaseClass records before drawing again; the drawing itself is the same at any width
        self._current_width = self._reverse_widget_scaling(event.width)
        self._current_height = self._reverse_widget_scaling(event.height)
