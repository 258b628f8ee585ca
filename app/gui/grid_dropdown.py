"""Tall grid dropdowns: tksheet (7.6) sizes a cell's dropdown for six items at most; this sizes it for all, and
↑ ↓ in the cell's field choose in the list.

tksheet offers no option for the height (``Sheet.dropdown`` takes none), so the main table's
``get_dropdown_height_anchor`` is replaced on the one sheet: the same placement rule (below the cell, or above
it when there is more room there), with the height of every choice instead of the first six, limited by the
room in the table. With every choice shown the list needs no scrollbar, and so no horizontal one either.
"""

from __future__ import annotations

import math
import tkinter
import tkinter.font
from typing import Any

from tksheet.sheet import Dropdown


def dropdown_height(lines: list[int], line: int, extra_line: int, *, room_below: int, room_above: int,
                    minimum: int) -> tuple[int, str]:
    """Height and anchor of a dropdown whose items take ``lines`` lines each (``line`` px a one-line item,
    ``extra_line`` per line of a wrapped one): every item when the room allows, below the cell unless there is
    more room above."""
    want = 5 + 4  # tksheet's margin and the outline
    for n in lines:
        want += 8 + n * extra_line if n > 1 else line
    if want <= room_below or room_below >= room_above:
        height, anchor = min(want, max(room_below - 1, 0)), "nw"
    else:
        height, anchor = min(want, room_above - 1), "sw"
    return max(height, minimum), anchor


class WideDropdown(Dropdown):
    """tksheet's dropdown list without its horizontal scrollbar: the list is as wide as the cell and wraps."""

    def reset(self, *args: Any, **kwargs: Any) -> None:
        super().reset(*args, **kwargs)
        self.hide("x_scrollbar")


def tall_dropdowns(sheet: Any) -> None:
    """Make every dropdown of ``sheet`` tall enough for all its choices where the table has the room, with ↑ ↓."""
    mt = sheet.MT

    def height_anchor(r: int, c: int, text_editor_h: int | None = None) -> tuple[int, str]:
        values = mt.get_cell_kwargs(mt.datarn(r), mt.datacn(c), key="dropdown")["values"]
        font = tkinter.font.Font(root=mt, font=mt.PAR.ops.table_font)
        room = max(1, int(mt.col_positions[c + 1] - mt.col_positions[c]) - 12)  # the list is as wide as the cell
        lines = [sum(max(1, math.ceil(font.measure(part) / room)) for part in str(v).split("\n")) for v in values]
        return dropdown_height(lines, int(mt.min_row_height), int(mt.table_txt_height),
                               room_below=int(mt.get_space_bot(r, text_editor_h)),
                               room_above=int(mt.row_positions[r]), minimum=int(mt.table_txt_height) + 5)

    mt.get_dropdown_height_anchor = height_anchor
    opener = mt.open_dropdown_window

    def open_and_fit(r: int, c: int = 0, event: Any = None) -> Any:
        """Open as tksheet does, then grow the list to the height its items took once laid out (wrapped
        labels are taller than the estimate), as far as the room in that direction goes."""
        out = opener(r, c, event)
        box = mt.dropdown.window
        if box is None or not mt.dropdown.open:
            return out
        laid_out = int(box.MT.row_positions[-1]) + 9
        anchor = mt.itemcget(mt.dropdown.canvas_id, "anchor")
        room = int(mt.row_positions[r]) if anchor == "sw" else int(mt.get_space_bot(r))
        height = min(laid_out, room - 1)
        if height > box.winfo_height():
            box.height_and_width(height=height, width=box.winfo_width())
            box.values(list(mt.get_cell_kwargs(mt.datarn(r), mt.datacn(c), key="dropdown")["values"]),
                       width=box.winfo_width())
        return out

    mt.open_dropdown_window = open_and_fit
    sheet._dropdown_cls = WideDropdown

    def step(delta: int) -> str | None:
        """↑ ↓ in the field over a select cell's list move through the list and put the choice in the field (Enter
        keeps it): the list's own keys are bound on the list, which never has the focus."""
        box = mt.dropdown.window
        if not mt.dropdown.open or box is None:
            return None  # a plain cell: the caret
        (box.arrowkey_DOWN if delta > 0 else box.arrowkey_UP)()
        rows = box.get_sheet_data()
        if 0 <= box.row < len(rows):
            mt.text_editor.window.set_text(str(rows[box.row][0]))
        return "break"

    for sequence, delta in (("<Down>", 1), ("<Up>", -1)):
        sheet.bind_key_text_editor(sequence, lambda _e, delta=delta: step(delta))
