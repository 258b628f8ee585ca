"""A scrolling two-column list (text on the left, wrapping; a figure on the right, never wrapped) with headings.

The results step used a text box, where a long "measure — task" pushed its hours onto a line of their
own ("360.0\\nh"). Here each row is a pair of labels in a grid, so the hours stay in a right-aligned
column. Labels are kept and reused between refreshes (only their texts change).
"""

from __future__ import annotations

import tkinter
from typing import Any

import customtkinter as ctk

from app.gui import style
from app.gui.wrap import wrap

FIGURE_WIDTH = 90  # unscaled pixels for the right-hand column ("3,425.8 h")


class TwoColumnList(ctk.CTkScrollableFrame):
    """Call :meth:`clear`, then :meth:`heading`, :meth:`row` and :meth:`note` in order, then :meth:`finish`."""

    def __init__(self, parent: tkinter.Misc, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.columnconfigure(0, weight=1)
        self.columnconfigure(1, minsize=FIGURE_WIDTH)
        self._pool: list[tuple[ctk.CTkLabel, ctk.CTkLabel]] = []
        self._raw: list[tuple[str, bool]] = []  # per pool row: its text unwrapped, and whether it spans both columns
        self._used = 0
        self._wrap = 300
        self._sized = False  # until the list is first laid out, rows wait for its width (wrapped once, not twice)
        self.bind("<Configure>", self._resized, add=True)

    def _resized(self, event: tkinter.Event[tkinter.Misc]) -> None:
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
        if not self._sized:
            left.configure(text="", wraplength=width + 40)  # wrapped when the width is known (_resized)
            return
        left.configure(text=wrap(text, left.cget("font").measure, width), wraplength=width + 40)

    def clear(self) -> None:
        """Start filling from the top."""
        self._used = 0

    def _pair(self) -> tuple[ctk.CTkLabel, ctk.CTkLabel]:
        if self._used == len(self._pool):
            left = ctk.CTkLabel(self, text="", anchor="w", justify="left", wraplength=self._wrap)
            right = ctk.CTkLabel(self, text="", anchor="ne", justify="right")
            self._pool.append((left, right))
            self._raw.append(("", False))
        pair = self._pool[self._used]
        self._used += 1
        return pair

    def heading(self, text: str) -> None:
        """A section title across both columns."""
        left, right = self._pair()
        left.configure(font=style.font(15, "bold"), text_color=("gray10", "gray90"))
        self._raw[self._used - 1] = (text, True)
        self._set(self._used - 1)
        left.grid(row=self._used, column=0, columnspan=2, sticky="w", padx=(4, 4), pady=(10, 2))
        right.grid_remove()

    def row(self, text: str, figure: str, color: Any = None, bold: bool = False) -> None:
        """One line: ``text`` wraps in the left column, ``figure`` stays right-aligned in the right one."""
        left, right = self._pair()
        font = style.font(14 if bold else 13, "bold" if bold else "normal")
        color = color or ("gray10", "gray90")
        left.configure(font=font, text_color=color)
        self._raw[self._used - 1] = (text, False)
        self._set(self._used - 1)
        left.grid(row=self._used, column=0, columnspan=1, sticky="w", padx=(4, 8), pady=1)
        right.configure(text=figure, font=font, text_color=color)
        right.grid(row=self._used, column=1, sticky="ne", padx=(0, 8), pady=1)

    def note(self, text: str) -> None:
        """A muted line across both columns."""
        left, right = self._pair()
        left.configure(font=style.font(12), text_color=style.MUTED)
        self._raw[self._used - 1] = (text, True)
        self._set(self._used - 1)
        left.grid(row=self._used, column=0, columnspan=2, sticky="w", padx=(4, 4), pady=(6, 2))
        right.grid_remove()

    def finish(self) -> None:
        """Hide the rows left over from a longer list."""
        for left, right in self._pool[self._used:]:
            left.grid_remove()
            right.grid_remove()

    def texts(self) -> list[tuple[str, str]]:
        """What is shown, row by row (for tests and screen readers of the code)."""
        return [(raw, right.cget("text") if right.winfo_manager() else "")
                for (raw, _wide), (_left, right) in zip(self._raw[:self._used], self._pool[:self._used], strict=True)]
