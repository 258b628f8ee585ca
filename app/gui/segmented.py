"""A light segmented choice (はい｜いいえ, 未着手｜進行中｜完了｜中止) built from plain tk labels.

customtkinter's CTkSegmentedButton costs about 20–30 ms to create (a rounded canvas button per
value, each redrawn several times), and the analysis and measures pages show dozens of them: building
those pages took most of a second. This control looks the same (grey bar, blue selected segment,
white text), costs about 1–2 ms, follows the text-size setting and offers the subset of the
CTkSegmentedButton interface the pages use: ``values``, ``variable``, ``command``, ``get``, ``set``
and ``configure(values=…)``.
"""

from __future__ import annotations

import contextlib
import tkinter
import tkinter.font
from collections.abc import Callable
from typing import Any

from app.gui import style
from app.gui.flat_frame import RoundedFrame

BAR = "#979DA2"
SELECTED = "#3B8ED0"
SELECTED_HOVER = "#36719F"
UNSELECTED_HOVER = "#b3b8bc"
TEXT = "#ffffff"


class Segmented(RoundedFrame):
    """One segment per value; clicking selects it, writes ``variable`` and calls ``command(value)``."""

    def __init__(self, parent: tkinter.Misc, values: list[str], *, variable: tkinter.StringVar | None = None,
                 command: Callable[[str], Any] | None = None, size: int = style.BASE_SIZE) -> None:
        self._laid_out = False  # see _draw (set before customtkinter's frame draws itself in its __init__)
        super().__init__(parent, fg_color=BAR, corner_radius=6)
        self._variable = variable
        self._command = command
        self._size = size
        self._value = ""
        self._font = tkinter.font.Font(root=self, family=style.family(), size=self._points())
        self._labels: list[tkinter.Label] = []
        self._values: list[str] = []
        self._trace: str | None = None
        if variable is not None:
            self._trace = variable.trace_add("write", lambda *_a: self._from_variable())
        self._build(values)
        if variable is not None:
            self._from_variable()

    def _points(self) -> int:
        # tk takes a negative size as pixels: the same pixel size customtkinter uses for its own text
        return -max(8, round(self._size * float(self._get_widget_scaling())))

    def _build(self, values: list[str]) -> None:
        for label in self._labels:
            label.destroy()
        self._labels = []
        self._values = list(values)
        scaling = float(self._get_widget_scaling())
        last = len(self._values) - 1
        for n, value in enumerate(self._values):
            label = tkinter.Label(self, text=value, font=self._font, fg=TEXT, bg=BAR, padx=round(8 * scaling),
                                  pady=round(3 * scaling), cursor="hand2", borderwidth=0, highlightthickness=0)
            label.grid(row=0, column=n, padx=(3 if n == 0 else 1, 3 if n == last else 0), pady=3)
            label.bind("<Button-1>", self._on_click(value))
            label.bind("<Enter>", self._on_hover(label, value, True))
            label.bind("<Leave>", self._on_hover(label, value, False))
            self._labels.append(label)
        self._paint()

    def _on_click(self, value: str) -> Callable[[tkinter.Event[tkinter.Misc]], None]:
        return lambda _e: self._clicked(value)

    def _on_hover(self, label: tkinter.Label, value: str, hover: bool) -> Callable[[tkinter.Event[tkinter.Misc]], None]:
        def paint(_event: tkinter.Event[tkinter.Misc]) -> None:
            label.configure(bg=self._colour(value, hover))

        return paint

    def _colour(self, value: str, hover: bool = False) -> str:
        if value == self._value:
            return SELECTED_HOVER if hover else SELECTED
        return UNSELECTED_HOVER if hover else BAR

    def _paint(self) -> None:
        for label, value in zip(self._labels, self._values, strict=True):
            label.configure(bg=self._colour(value))

    def _clicked(self, value: str) -> None:
        self.set(value)
        if self._command is not None:
            self._command(value)

    def _from_variable(self) -> None:
        assert self._variable is not None
        value = self._variable.get()
        self._value = value if value in self._values else ""
        self._paint()

    def get(self) -> str:
        """The selected value ("" when none)."""
        return self._value

    def set(self, value: str) -> None:
        """Select ``value`` (anything else clears the selection) and write it to the variable."""
        self._value = value if value in self._values else ""
        if self._variable is not None and self._variable.get() != self._value:
            self._variable.set(self._value)
        self._paint()

    def cget(self, attribute_name: str) -> Any:
        if attribute_name == "values":
            return list(self._values)
        return super().cget(attribute_name)

    def configure(self, require_redraw: bool = False, **kwargs: Any) -> None:
        values = kwargs.pop("values", None)
        if values is not None:
            keep = self._value
            self._build(list(values))
            self._value = keep if keep in self._values else ""
            self._paint()
        if kwargs:
            super().configure(require_redraw=require_redraw, **kwargs)

    def _draw(self, no_color_updates: bool = False) -> None:
        # the grey bar's rounded shape is drawn once Tk has given the bar the size its segments need: the
        # frame drew it at customtkinter's default 200 × 200 first and moved all its parts when laid out
        if self._laid_out:
            super()._draw(no_color_updates)

    def _update_dimensions_event(self, event: tkinter.Event[tkinter.Misc]) -> None:
        if not self._laid_out:
            self._laid_out = True
            self._current_width = self._reverse_widget_scaling(event.width)
            self._current_height = self._reverse_widget_scaling(event.height)
            self._draw()  # the first drawing, colours included
            return
        super()._update_dimensions_event(event)

    def _set_scaling(self, new_widget_scaling: float, new_window_scaling: float) -> None:
        # the text-size setting: customtkinter rescales its own widgets, the labels follow here
        super()._set_scaling(new_widget_scaling, new_window_scaling)
        self._font.configure(size=self._points())
        for label in self._labels:
            label.configure(padx=round(8 * new_widget_scaling), pady=round(3 * new_widget_scaling))

    def destroy(self) -> None:
        if self._variable is not None and self._trace is not None:
            with contextlib.suppress(tkinter.TclError):  # the variable went first
                self._variable.trace_remove("write", self._trace)
        super().destroy()
