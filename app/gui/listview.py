"""A scrolling two-column list (text on the left, wrapping; a figure on the right, never wrapped) with headings.

The results step used a text box, where a long "measure — task" pushed its hours onto a line of their
own ("360.0\\nh"). Here each row is a pair of labels in a grid, so the hours stay in a right-aligned
column. Labels are kept and reused between refreshes (only what changed is configured again). The first
rows are made before the list is shown; rows below them that need new labels follow one at a time.
"""

from __future__ import annotations

import tkinter
from typing import Any

import customtkinter as ctk

from app.gui import style
from app.gui.deferred import Deferred
from app.gui.flat_frame import FlatLabel
from app.gui.scrolling import ScrollFrame
from app.gui.wrap import wrap

FIGURE_WIDTH = 90  # unscaled pixels for the right-hand column ("3,425.8 h")
EAGER_ROWS = 14  # rows made before the list is shown: more than its first screen holds at 100 %

# what a row shows: its kind ("heading", "row", "note"), text, figure, colour and boldness
Spec = tuple[str, str, str, Any, bool]


class TwoColumnList(ScrollFrame):
    """Call :meth:`clear`, then :meth:`heading`, :meth:`row` and :meth:`note` in order, then :meth:`finish`."""

    def __init__(self, parent: tkinter.Misc, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.columnconfigure(0, weight=1)
        self.columnconfigure(1, minsize=FIGURE_WIDTH)
        self._pool: list[tuple[ctk.CTkLabel, ctk.CTkLabel]] = []
        self._raw: list[tuple[str, bool]] = []  # per pool row: its text unwrapped, and whether it spans both columns
        self._shown: list[Spec | None] = []  # per pool row: what it shows now (None: hidden)
        self._specs: list[Spec] = []  # the rows given since clear()
        self._used = 0  # rows shown (made and filled)
        self._later: Deferred[Spec] = Deferred(self, self._show_next)  # rows after those, still to be made
        self._wrap = 300
        self._sized = False  # until the list is first laid out, rows wait for its width (wrapped once, not twice)
        self.bind("<Configure>", self._resized, add=True)

    def _resized(self, event: tkinter.Event[tkinter.Misc]) -> None:
        if self._parent_canvas.winfo_width() <= 1:
            # laid out before the canvas it scrolls in, at a width it does not keep (its rows' own): every
            # row was wrapped at that width and then again at the real one
            return
        width = max(160, int(event.width / style.scale()) - FIGURE_WIDTH - 24)
        if width != self._wrap or not self._sized:
            self._wrap = width
            self._sized = True
            for n in range(self._used):
                self._set(n)

    def _set(self, n: int) -> None:
        # wrapped here with Japanese rules (Tk breaks only at spaces: 「2.」 was left alone on a line)
        left = self._pool[n][0]
        text, wide = self._raw[n]
        width = self._wrap + FIGURE_WIDTH if wide else self._wrap
        wrapped = wrap(text, left.cget("font").measure, width) if self._sized else ""  # "": wrapped once sized
        if left.cget("text") != wrapped or left.cget("wraplength") != width + 40:
            left.configure(text=wrapped, wraplength=width + 40)

    def clear(self) -> None:
        """Start filling from the top."""
        self._later.cancel()
        self._specs = []

    def _pair(self, n: int) -> tuple[ctk.CTkLabel, ctk.CTkLabel]:
        if n == len(self._pool):
            left = FlatLabel(self, text="", anchor="w", justify="left", wraplength=self._wrap)
            right = FlatLabel(self, text="", anchor="ne", justify="right")
            self._pool.append((left, right))
            self._raw.append(("", False))
            self._shown.append(None)
        return self._pool[n]

    def heading(self, text: str) -> None:
        """A section title across both columns."""
        self._specs.append(("heading", text, "", ("gray10", "gray90"), True))

    def row(self, text: str, figure: str, color: Any = None, bold: bool = False) -> None:
        """One line: ``text`` wraps in the left column, ``figure`` stays right-aligned in the right one."""
        self._specs.append(("row", text, figure, color or ("gray10", "gray90"), bold))

    def note(self, text: str) -> None:
        """A muted line across both columns."""
        self._specs.append(("note", text, "", style.MUTED, False))

    def _show(self, n: int, spec: Spec) -> None:
        """Fill pool row ``n`` with ``spec``; a label is configured only when its look or text changes (each
        configure redraws a customtkinter label), grid calls are cheap and put back what a rescale re-grids."""
        left, right = self._pair(n)
        kind, text, figure, color, bold = spec
        before = self._shown[n]
        same_look = before is not None and (before[0], before[3], before[4]) == (kind, color, bold)
        if kind == "heading":
            font = style.font(15, "bold")
        elif kind == "row":
            font = style.font(14 if bold else 13, "bold" if bold else "normal")
        else:
            font = style.font(12)
        if not same_look:
            left.configure(font=font, text_color=color)
        self._raw[n] = (text, kind != "row")
        self._set(n)
        if kind == "row":
            left.grid(row=n + 1, column=0, columnspan=1, sticky="w", padx=(4, 8), pady=1)
            if not same_look or right.cget("text") != figure:
                right.configure(text=figure, font=font, text_color=color)
            right.grid(row=n + 1, column=1, sticky="ne", padx=(0, 8), pady=1)
        else:
            pady = (10, 2) if kind == "heading" else (6, 2)
            left.grid(row=n + 1, column=0, columnspan=2, sticky="w", padx=(4, 4), pady=pady)
            right.grid_remove()
        self._shown[n] = spec

    def _hide(self, n: int) -> None:
        left, right = self._pool[n]
        left.grid_remove()
        right.grid_remove()
        self._shown[n] = None

    def finish(self) -> None:
        """Show the rows given since :meth:`clear`: rows that have labels, and the first ones, now; the others
        one at a time once the list is on the screen. Rows left over from a longer list are hidden."""
        self._later.cancel()
        specs = self._specs
        now = max(len(self._pool), EAGER_ROWS)
        for n, spec in enumerate(specs[:now]):
            self._show(n, spec)
        for n in range(len(specs), len(self._pool)):
            self._hide(n)
        self._used = min(len(specs), now)
        self._later.waiting = list(specs[now:])
        self._later.start()

    def _show_next(self, spec: Spec) -> None:
        self._show(self._used, spec)
        self._used += 1

    def building(self) -> bool:
        """Whether rows are still being made."""
        return self._later.running()

    def destroy(self) -> None:
        self._later.cancel()  # no row is made in a list that is gone
        super().destroy()

    def texts(self) -> list[tuple[str, str]]:
        """What is shown, row by row, the rows still waiting made first (for tests and screen readers of the code)."""
        self._later.finish()
        return [(raw, right.cget("text") if right.winfo_manager() else "")
                for (raw, _wide), (_left, right) in zip(self._raw[:self._used], self._pool[:self._used], strict=True)]
