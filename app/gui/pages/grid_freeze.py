"""Keep each row's 業務名 in view: once the name column has scrolled out of sight to the left, the row numbers
show the task names too (tksheet has no frozen columns), so a click or Tab far right still lands on the right task."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.gui import style

NARROW = 44  # px at 100 %: the row number only
WIDE = 190  # px at 100 %: the number and the start of the name


class FrozenNames:
    """Watches the grid's horizontal scrolling; ``names()`` gives the task names in row order."""

    def __init__(self, sheet: Any, names: Callable[[], list[str]]) -> None:
        self.sheet = sheet
        self.names = names
        self.frozen = False
        sheet.MT["xscrollcommand"] = self._scrolled  # tksheet's own scrollbar still follows (below)

    def _scrolled(self, first: str, last: str) -> None:
        self.sheet.xscroll.set(first, last)
        mt = self.sheet.MT
        if len(mt.col_positions) < 2:
            return
        left, name_right = mt.canvasx(0), mt.col_positions[1]
        # a little hysteresis: widening the number column must not flip it back at once
        wanted = left > name_right - (60 if self.frozen else 8)
        if wanted != self.frozen:
            self.frozen = wanted
            self.update()

    def update(self) -> None:
        """Show (or hide) the names beside the row numbers."""
        sheet = self.sheet
        if self.frozen:
            sheet.set_index_data([f"{n}  {name}" for n, name in enumerate(self.names(), start=1)], redraw=False)
            sheet.set_index_width(round(WIDE * style.scale()), redraw=False)
        else:
            sheet.set_index_data([], redraw=False)
            sheet.set_index_width(round(NARROW * style.scale()), redraw=False)
        sheet.redraw()
