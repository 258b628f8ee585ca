"""In the window: the office's cases and the folded guidance card beside a suggested measure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app import resources, service
from app.cli import main

pytestmark = pytest.mark.gui
EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"


def test_measure_card_shows_cases_and_a_folded_card(wizard: Any, capsys: pytest.CaptureFixture[str]) -> None:
    folder = resources.user_cases_dir()
    folder.mkdir(parents=True, exist_ok=True)
    catalogue = folder / "office.yaml"
    assert main(["cases", str(EXAMPLES), "-o", str(catalogue)]) == 0
    capsys.readouterr()
    try:
        assert wizard.doc.open_path(service.example_assessment_path())
        wizard.go(5)
        wizard.root.update()
        page = wizard.pages[5]
        # the 区民課 example chose 廃止 for one focus task: walk to it
        for _ in range(len(wizard.focus_tasks())):
            if "eliminate" in {m.id for m in page.shown_measures()}:
                break
            page.selector.move(1)
            wizard.root.update()
        card = page.card(wizard.q.measure("eliminate"))
        card.refresh()
        state = card.extras.state()
        assert state["headlines"] and state["headlines"][0].startswith("庁内実績: ")
        assert "時間削減" in state["headlines"][0]
        assert not state["case_open"] and state["guide"] and not state["guide_open"]  # folded by default
        assert not card.extras.guide_fold.body.winfo_ismapped()
        card.extras.guide_fold.button.invoke()
        card.extras.case_fold.button.invoke()
        wizard.root.update()
        assert card.extras.guide_fold.body.winfo_ismapped()
        assert "手順" in card.extras.guide_fold.body.cget("text")
        assert "コツ" in card.extras.case_fold.body.cget("text")
        card.extras.guide_fold.button.invoke()
        card.extras.case_fold.button.invoke()
    finally:
        catalogue.unlink()
    card.refresh()
    assert card.extras.state()["headlines"] == []
