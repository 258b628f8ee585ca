"""End to end through the window: Home → every step → a PDF and a saved file, entering values via the widgets."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FakeDialogs, wait_until

pytestmark = pytest.mark.gui


def type_into(field: Any, text: str) -> None:
    """Replace an entry's text, as typing does (the entry's variable reports the change)."""
    entry = getattr(field, "widget", field)
    entry.delete(0, "end")
    entry.insert(0, text)


@pytest.mark.windows_e2e  # build/windows-under-wine.sh runs this one GUI test under the Windows interpreter too
def test_complete_assessment_from_home_to_pdf(wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path) -> None:
    root = wizard.root
    home = wizard.home
    type_into(home.form.fields["department"], "市民課")
    type_into(home.form.fields["section"], "窓口係")
    type_into(home.form.fields["session_date"], "２０２６年１１月５日")
    home.form.fields["participants"].widget.insert("1.0", "係長、窓口担当2名")
    root.update()
    home.start_button.invoke()
    assert wizard.started and wizard.current == 0
    assert wizard.a.info["department"] == "市民課"
    assert wizard.a.info["session_date"] == "2026-11-05"

    wizard.next_button.invoke()  # はじめに → 基本情報
    basic = wizard.pages[1]
    type_into(basic.form.fields["target_hours"], "１，５００")
    wizard.next_button.invoke()
    assert wizard.a.info["target_hours"] == 1500

    grid = wizard.pages[2]
    assert wizard.current == 2
    rows = [("住民票の交付", "証明書発行", "３０，０００", "６"), ("転入届の受付", "窓口受付", "12000", "20"),
            ("郵送請求", "証明書発行", "4,000", "15"), ("庶務", "庶務", "100", "30")]
    for r, (name, category, cases, minutes) in enumerate(rows):
        grid.buttons["grid_add"].invoke()
        grid.edit_cell(r, "name", name)
        grid.edit_cell(r, "category", category)
        grid.edit_cell(r, "annual_cases", cases)
        grid.edit_cell(r, "minutes_per_case", minutes)
    for item, value in (("input_medium", "1"), ("rule_based", "4"), ("stability", "4"), ("documentation", "2")):
        grid.edit_cell(0, item, value)
    grid.edit_cell(1, "channel", "窓口、郵送")
    root.update()
    hours_col = 1 + [i.id for i in grid.items].index("annual_hours")
    assert grid.sheet.get_cell_data(0, hours_col) == "3,000.0"  # 30,000 × 6 min / 60, computed live
    assert grid.sheet.get_cell_data(0, 1 + [i.id for i in grid.items].index("annual_cases")) == "30000"
    wizard.next_button.invoke()
    assert wizard.current == 3, grid.message.cget("text")

    focus = wizard.pages[3]
    assert [t.name for t in wizard.focus_tasks()] == ["転入届の受付", "住民票の交付"]  # most hours first
    focus.toggle(2)  # tick the third task (郵送請求) too
    assert len(wizard.focus_tasks()) == 3
    wizard.next_button.invoke()

    analysis = wizard.pages[4]
    assert wizard.current == 4
    seen = []
    for n in range(3):  # the 「業務 n/3」 control moves between the focus tasks; 次へ is always the next step
        seen.append(wizard.current_task)
        fields = analysis.form.fields
        fields["pain_points"].checks["paper"].set(1)
        fields["ecrs_e"].widget.set("いいえ")
        fields["ecrs_s"].widget.set("はい")
        root.update()
        if n < 2:
            analysis.selector.next.invoke()
    assert analysis.selector.next.cget("state") == "disabled"  # the last focus task
    wizard.next_button.invoke()
    assert wizard.current == 5
    assert len(set(seen)) == 3
    assert all(wizard.a.analysis[t]["ecrs_s"] == "yes" for t in seen)

    measures = wizard.pages[5]
    assert wizard.current == 5
    for n in range(3):
        card = measures.cards["simplify"]
        card.check.toggle()
        root.update()
        f = card.form.fields
        for item, label in (("ease_budget", "不要"), ("ease_coordination", "不要"), ("ease_rules", "不要"),
                            ("ease_system", "不要"), ("ease_period", "1か月以内"), ("ease_team", "課内でできる")):
            f[item].widget.set(label)
        f["affected_share"].widget.set("5割")
        root.update()
        if n < 2:
            measures.selector.next.invoke()
    wizard.next_button.invoke()
    result = wizard.result()
    assert {m.measure_id for m in result.measures} == {"simplify"}
    assert result.quick_wins

    results = wizard.pages[6]
    assert wizard.current == 6
    root.update()
    assert results.canvas.find_all()  # the matrix is drawn
    wizard.next_button.invoke()

    plan = wizard.pages[7]
    assert wizard.current == 7
    assert wizard.a.actions, "the plan is prefilled from the proposals"
    type_into(plan.entries["owner"], "窓口係長")
    type_into(plan.entries["deadline"], "2026/13/40")
    wizard.next_button.invoke()
    assert wizard.current == 7  # an impossible date blocks the step, with a message next to the field
    assert plan.error_labels["deadline"].cget("text")
    type_into(plan.entries["deadline"], "２０２６／１２／２５")
    plan.set_status("in_progress")
    wizard.next_button.invoke()
    assert wizard.current == 8
    first = wizard.a.actions[0]
    assert (first.owner, first.deadline, first.status) == ("窓口係長", "2026-12-25", "in_progress")

    output = wizard.pages[8]
    saved = tmp_path / "市民課 2026.kaizen.json"
    fake_dialogs.save_paths.append(saved)
    output.save_button.invoke()
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["info"]["department"] == "市民課"
    assert [t["answers"]["name"] for t in data["tasks"]] == [r[0] for r in rows]
    assert data["tasks"][0]["answers"]["annual_cases"] == 30000
    assert data["tasks"][1]["answers"]["channel"] == ["counter", "post"]
    assert len(data["focus"]) == 3
    assert data["actions"][0]["owner"] == "窓口係長"
    assert not wizard.doc.dirty

    if importlib.util.find_spec("app.report.document") is None:
        pytest.fail("app.report.document does not exist yet: the PDF step cannot run")
    pdf = tmp_path / "行動計画.pdf"
    fake_dialogs.save_paths.append(pdf)
    output.pdf_button.invoke()
    assert output.busy  # the PDF is made in a worker thread; the window keeps handling events
    wait_until(root, lambda: not output.busy, timeout=60)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert wizard.doc.pdf_path == pdf
    assert output.open_pdf.cget("state") == "normal"
