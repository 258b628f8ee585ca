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
        for t in wizard.focus_tasks():
            wizard.current_task = t.task_id
            page.refresh()
            if "eliminate" in {m.id for m in page.shown_measures()}:
                break
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


def test_home_loads_a_pack_and_asks_before_going_back(wizard: Any, fake_dialogs: Any, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from app.service import pack as packs

    src = tmp_path / "src"
    src.mkdir()  # a catalogue-only pack: the session's questionnaire stays the bundled one
    cases = tmp_path / "cases.yaml"
    assert main(["cases", str(EXAMPLES), "-o", str(cases)]) == 0
    capsys.readouterr()
    v1, v2 = tmp_path / "v1.kaizenpack", tmp_path / "v2.kaizenpack"
    for out, version in ((v1, "1.0.0"), (v2, "2.0.0")):
        packs.build(src, out, cases=cases, options={"id": "gui-test-pack", "version": version, "issuer": "team"})
    home = wizard.home
    target = resources.user_packs_dir() / "gui-test-pack"
    try:
        assert home.pack_button.winfo_exists() and "配布パック" in home.pack_button.cget("text")
        done = home.load_pack(v2)
        assert done is not None and done.outcome == "installed" and "導入しました" in fake_dialogs.infos[-1]
        fake_dialogs.yes = [False]
        assert home.load_pack(v1) is None  # declined: nothing changes
        assert "古い版 1.0.0 に戻しますか" in fake_dialogs.asked[-1]
        assert packs.installed_version("gui-test-pack") == "2.0.0"
        fake_dialogs.yes = [True]
        assert home.load_pack(v1).outcome == "downgraded"
        assert packs.installed_version("gui-test-pack") == "1.0.0"
        bad = tmp_path / "bad.kaizenpack"
        bad.write_bytes(b"not a zip")
        fake_dialogs.allow_errors = True
        assert home.load_pack(bad) is None and "配布パックを読めません" in fake_dialogs.errors[-1]
    finally:
        import shutil

        shutil.rmtree(target, ignore_errors=True)
