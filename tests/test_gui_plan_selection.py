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
