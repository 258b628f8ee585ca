"""The scrolling area under a list that shows the selected line's details (the 行動計画 step).

On a short window (150 %, meeting mode on 1366×768) the details took the whole page: the list above shrank to
a sliver and the bottom of the details was cut off. The area is as tall as the details need, unless the list
would keep fewer than :data:`LIST_LEAST_LINES` lines; then the details scroll (never shorter than
:data:`DETAIL_LEAST`) and the list keeps its lines.
"""

from __future__ import annotations

import tkinter
from typing import Any

from app.gui import style
from app.gui.flat_frame import RoundedFrame
from app.gui.scrolling import ScrollFrame

LIST_LEAST_LINES = 3  # lines of the list always shown above the details
DETAIL_LEAST = 90  # px at 100 %: the details are never shorter, however short the window


class DetailArea(ScrollFrame):
    """A :class:`ScrollFrame` holding ``detail`` (a rounded panel), sharing its parent's height with ``sheet``."""

    def __init__(self, parent: tkinter.Misc, sheet: Any) -> None:
        super().__init__(parent, fg_color="transparent", height=DETAIL_LEAST)
        self.sheet = sheet
        self.columnconfigure(0, weight=1)
        # the scroll bar stretches to the area: its own default height (200 px, scaled) would be the area's least
        self._scrollbar.configure(height=DETAIL_LEAST // 2)
        self.detail = RoundedFrame(self, corner_radius=8)
        # gridded once the area knows its width: laid out first in the area's asked-for width and then in its
        # own, every entry was drawn twice on the first visit
        self._parent_canvas.bind("<Configure>", lambda e: self._place_detail(e.width), add=True)
        self._share_job: str | None = None
        for widget in (parent, self.detail, sheet):
            widget.bind("<Configure>", lambda _e: self._share_later(), add=True)

    def _place_detail(self, width: int) -> None:
        if width > 1 and not self.detail.winfo_manager():
            self._parent_canvas.itemconfigure(self._create_window_id, width=width)
            self.detail.grid(row=0, column=0, sticky="nsew")

    def _share_later(self) -> None:
        if self._share_job is None:
            self._share_job = self.after_idle(self._share_height)

    def _share_height(self) -> None:
        """Measured, not computed: the height the list and the details share now, in one layout, less the list's
        lines, is what the details may have."""
        self._share_job = None
        sheet = self.sheet
        if not self.winfo_ismapped() or sheet.winfo_height() <= 1:
            return
        mt = sheet.MT
        rows = mt.row_positions
        line = rows[1] - rows[0] if len(rows) > 1 else mt.get_default_row_height()
        # the header and a horizontal scroll bar, as the sheet draws them now, and the lines under them
        least_list = max(0, sheet.winfo_height() - mt.winfo_height()) + LIST_LEAST_LINES * line + 4
        need = self.detail.winfo_reqheight()
        canvas = self._parent_canvas
        outer = self._parent_frame.winfo_height()
        shared = sheet.winfo_height() + outer  # whatever the details were given
        least_detail = min(need, round(DETAIL_LEAST * style.scale()))
        height = max(least_detail, min(need, shared - least_list - (outer - canvas.winfo_height())))
        if height != int(float(canvas.cget("height"))):
            canvas.configure(height=height)

    def destroy(self) -> None:
        if self._share_job is not None:
            self.after_cancel(self._share_job)
            self._share_job = None
        super().destroy()
