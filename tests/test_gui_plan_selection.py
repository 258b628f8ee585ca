"""The plan step's list: the selected line's border follows the columns once they get their widths."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import wait_until

pytestmark = pytest.mark.gui

EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"


def _border(sheet: Any) -> tuple[float, float]:
    """Left and right edge of the border tksheet draws round the current cell (canvas items tagged 'selected')."""
    mt = sheet.MT
    shown = [i for i in mt.find_withtag("selected") if mt.itemcget(i, "state") != "hidden"]
    assert shown, "no border round the selected line"
    xs = [x for i in shown for x in mt.coords(i)[0::2]]
    return min(xs), max(xs)


def test_the_selected_lines_border_fits_its_cell(wizard: Any, gui_root: Any) -> None:
    assert wizard.doc.open_path(EXAMPLES / "example_kosodate.kaizen.json", confirmed=True)
    plan = next(i for i, s in enumerate(wizard.q.steps) if s.id == "plan")
    wizard.go(plan)
    page = wizard.pages[plan]
    wait_until(gui_root, lambda: page.sheet.winfo_width() > 600)
    gui_root.update()
    positions = page.sheet.MT.col_positions
    assert positions[1] > 150  # the measure column has its share of the sheet's width
    left, right = _border(page.sheet)
    # drawn while the sheet was still narrow, the border stopped 140 px inside the first column
    assert left < positions[1] and abs(right - positions[1]) <= 6, (left, right, positions[:2])
    for scale in (150, 100):  # a new text size gives the columns new widths: the border follows again
        wizard.set_scale(scale)
        gui_root.update()
        positions = page.sheet.MT.col_positions
        assert abs(_border(page.sheet)[1] - positions[1]) <= 6, scale


def _visible(widget: Any, area: Any) -> bool:
    canvas = area._parent_canvas
    top, bottom = canvas.winfo_rooty(), canvas.winfo_rooty() + canvas.winfo_height()
    return top <= widget.winfo_rooty() and widget.winfo_rooty() + widget.winfo_height() <= bottom


@pytest.mark.parametrize("size", [100, 150, "meeting"])
def test_a_laptop_shows_some_lines_of_the_list_and_every_detail_field(wizard: Any, gui_root: Any,
                                                                      size: int | str) -> None:
    """At 150 % and in meeting mode on a 1366×768 laptop the details took the whole page: the list shrank to
    a sliver (meeting mode: nothing) and Status and the follow-up summary were cut off under the page's edge."""
    geometry = gui_root.geometry()
    assert wizard.doc.open_path(EXAMPLES / "example_kosodate.kaizen.json", confirmed=True)
    plan = next(i for i, s in enumerate(wizard.q.steps) if s.id == "plan")
    try:
        if size == "meeting":
            wizard.meeting.set_meeting(True)
        else:
            wizard.set_scale(int(size))
        gui_root.geometry("1366x728+0+0")
        wizard.go(plan)
        page = wizard.pages[plan]
        wait_until(gui_root, lambda: page.sheet.winfo_height() > 1)
        for _ in range(5):  # the share settles in an idle pass or two
            gui_root.update()
        rows = page.sheet.MT.row_positions
        assert page.sheet.MT.winfo_height() >= 3 * (rows[1] - rows[0]), "fewer than three lines of the list"
        area = page.detail_area
        if size == 100:  # room enough: the details whole, nothing to scroll
            assert area._parent_canvas.winfo_height() >= page.detail.winfo_reqheight()
        # every field of the details can be reached: focused, it is scrolled into view
        for widget in (page.entries["owner"], page.entries["target"], page.status, page.followup_summary):
            widget.focus_set()
            for _ in range(3):
                gui_root.update()
            if widget is page.followup_summary or widget is page.status:  # not focusable: scrolled to
                from app.gui import wheel

                wheel.reveal(widget)
                gui_root.update()
            assert _visible(widget, area), (size, widget)
    finally:
        wizard.meeting.set_meeting(False)
        wizard.set_scale(100)
        gui_root.geometry(geometry)
        gui_root.update()
