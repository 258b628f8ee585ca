"""A customtkinter check box that is not drawn again when only its width changes.

``CTkCheckBox`` draws its box (a rounded square and the tick, about sixty calls into Tk) again every time
the whole widget is resized, which happens once or twice while a page is laid out because its text is
wider than the default width. The box has a fixed size of its own and nothing in it depends on the
widget's width, so :class:`CheckBox` only records the new size: it looks the same and is built faster
(the analysis step's pain points are ten of them, and every measure card has one).
"""

from __future__ import annotations

import tkinter

import customtkinter as ctk


class CheckBox(ctk.CTkCheckBox):
    """``CTkCheckBox`` whose resizes do not redraw the (fixed-size) box."""

    def _update_dimensions_event(self, event: tkinter.Event[tkinter.Misc]) -> None:
        # what CTkBaseClass records before drawing again; the drawing itself is the same at any width
        self._current_width = self._reverse_widget_scaling(event.width)
        self._current_height = self._reverse_widget_scaling(event.height)
