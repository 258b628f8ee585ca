"""The grid: every choice of a select column in its dropdown, no scrollbar; 「+ 行を追加」 moves nothing sideways."""

from __future__ import annotations

from typing import Any

import pytest

from app.gui.grid_dropdown import dropdown_height
from tests.test_gui_grid_keys import open_grid


def test_height_counts_every_choice_within_the_room() -> None:
    # all of them; then more room below than above; then more above (it opens upwards); then a wrapped item
    assert dropdown_height([1] * 12, 20, 18, room_below=1000, room_above=0, minimum=23) == (9 + 12 * 20, "nw")
    assert dropdown_height([1] * 12, 20, 18, room_below=100, room_above=50, minimum=23) == (99, "nw")
    assert dropdown_height([1] * 12, 20, 18, room_below=100, room_above=400, minimum=23) == (249, "sw")
    assert dropdown_height([2], 20, 18, room_below=1000, room_above=0, minimum=23) == (9 + 8 + 36, "nw")


@pytest.mark.gui
def test_every_select_column_shows_all_its_choices(wizard: Any) -> None:
    root = wizard.root
    root.geometry("1366x728+0+0")
    grid = open_grid(wizard)
    root.update()
    selects = [(c, i) for c, i in enumerate(grid.items, start=1) if i.type in ("select_one", "likert", "boolean")
               and i.calculate is None]
    assert selects
    mt = grid.sheet.MT
    fitted: list[bool] = []
    for c, item in selects:
        shown = c - 1  # the id column (data column 0) is hidden
        grid.sheet.see(0, shown)
        root.update()
        grid.sheet.open_dropdown(0, shown)
        root.update()
        box = mt.dropdown.window
        assert box is not None and mt.dropdown.open, item.id
        values = mt.get_cell_kwargs(0, c, key="dropdown")["values"]
        assert len(values) > 1
        want = int(box.MT.row_positions[-1]) + 9  # the choices as the list lays them out (wrapped ones taller)
        room = max(int(mt.get_space_bot(0)), int(mt.row_positions[0])) - 1
        height = box.winfo_height()
        if want <= room:  # all of them fit in the table: all of them shown, no scrollbar
            assert height >= want and not box.yscroll_showing, f"{item.id}: {len(values)} choices"
        else:  # more choices than the table is high: the whole height of the table
            assert height >= room - 2, f"{item.id}: {len(values)} choices, {height} of {room} px"
        assert not box.xscroll_showing, item.id
        fitted.append(want <= room)
        mt.close_dropdown_window()
        root.update()
    assert sum(fitted) >= len(fitted) - 1  # only 業務区分 (17 choices) is longer than the table at 1366×768


@pytest.mark.gui
def test_adding_a_row_does_not_move_the_grid_sideways(wizard: Any) -> None:
    root = wizard.root
    root.geometry("1366x728+0+0")
    grid = open_grid(wizard)
    sheet = grid.sheet
    sheet.set_xview(0.0)
    root.update()
    sheet.MT.xview_scroll(1, "units")  # a little to the right: 業務名 still (partly) in view
    root.update()
    before = sheet.get_xview()
    assert before[0] > 0
    grid.buttons["grid_add"].invoke()
    root.update()
    assert sheet.get_xview() == before  # 業務名 was in view: nothing moved
    assert sheet.get_currently_selected()[:2] == (len(wizard.a.tasks) - 1, 0)
    sheet.set_xview(0.9)  # far right: 業務名 out of view
    root.update()
    grid.buttons["grid_add"].invoke()
    root.update()
    assert sheet.MT.col_positions[1] > sheet.MT.canvasx(0)  # brought into view, and no further
