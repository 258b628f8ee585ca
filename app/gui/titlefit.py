"""The top bar's title fitted to the room its buttons leave: only the file name is shortened, with an ellipsis."""

from __future__ import annotations

import tkinter
import tkinter.font
from collections.abc import Callable
from typing import Any

ELLIPSIS = "…"


def fit(prefix: str, name: str, suffix: str, measure: Callable[[str], int], width: int) -> str:
    """``prefix + name + suffix`` within ``width`` pixels: the name loses characters from its end (its start is
    what tells two files apart; the extension is always the same); when even 「…」 alone is too wide the name
    goes and the prefix (the department, before its 「 — 」) is shortened the same way, never the suffix
    (「 *」 unsaved, [読み取り専用]): at 150 % the top bar showed 「…」 where 「子育て支援課…」 fitted."""
    if measure(prefix + name + suffix) <= width:
        return prefix + name + suffix
    for keep in range(len(name) - 1, 0, -1):
        short = name[:keep] + ELLIPSIS
        if measure(prefix + short + suffix) <= width:
            return prefix + short + suffix
    if measure(prefix + ELLIPSIS + suffix) <= width:
        return prefix + ELLIPSIS + suffix
    head = prefix.rstrip(" —")
    for keep in range(len(head), 0, -1):
        short = head[:keep] + ELLIPSIS + suffix
        if measure(short) <= width:
            return short
    return ELLIPSIS + suffix


class TitleFitter:
    """Keeps a label (CTkLabel or LightLabel) in column 0 of ``bar`` within the width its other widgets leave."""

    def __init__(self, bar: Any, label: Any) -> None:
        self.bar = bar
        self.label = label
        self.parts = ("", "", "")
        self._watched: set[str] = set()
        self._pending = False
        bar.bind("<Configure>", lambda _e: self.apply(), add=True)

    def set(self, prefix: str, name: str, suffix: str) -> None:
        """The title's parts; shown at once, fitted again whenever the bar changes size."""
        self.parts = (prefix, name, suffix)
        self.apply()

    def room(self) -> int:
        """Pixels for the label: the bar's width less every other mapped widget's request and padding."""
        used = _padding(self.label)
        for child in self.bar.grid_slaves():
            if child is not self.label:
                used += child.winfo_reqwidth() + _padding(child)
                if str(child) not in self._watched:  # a button grows with the text size or the language
                    self._watched.add(str(child))
                    child.bind("<Configure>", lambda _e: self._later(), add=True)
        return max(0, int(self.bar.winfo_width()) - used - 8)

    def _later(self) -> None:
        if not self._pending:
            self._pending = True
            self.bar.after_idle(self.apply)

    def apply(self) -> None:
        """Fit the title to the room there is now (before the bar is drawn: in full)."""
        self._pending = False
        measure: Callable[[str], int] | None = getattr(self.label, "measure", None)  # a LightLabel measures itself
        if measure is None:
            inner: tkinter.Misc = getattr(self.label, "_label", self.label)
            measure = tkinter.font.Font(root=inner, font=inner.cget("font")).measure
        prefix, name, suffix = self.parts
        width = self.room() if self.bar.winfo_width() > 1 else 10_000
        text = fit(prefix, name, suffix, measure, width)
        if self.label.cget("text") != text:
            self.label.configure(text=text)
            # measured while the bar was being laid out again (text size, meeting mode): check once it settled
            self.bar.after(100, self._later)


def _padding(widget: Any) -> int:
    """Left plus right grid padding of ``widget`` in pixels (``padx`` is one number or two)."""
    pad = widget.grid_info().get("padx", 0)
    values = [int(float(p)) for p in (pad if isinstance(pad, tuple | list) else str(pad).split())]
    return 2 * values[0] if len(values) == 1 else sum(values)
