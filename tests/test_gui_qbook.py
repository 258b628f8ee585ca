"""The improvement team's tools in the window: the blank inventory sheet (and the questionnaire window)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app import service
from app.service import qbook
from tests.conftest import FakeDialogs, wait_until

pytestmark = pytest.mark.gui


def step_of(wizard: Any, kind: str) -> int:
    return next(i for i, s in enumerate(wizard.q.steps) if s.kind == kind)


def test_the_inventory_step_saves_a_blank_sheet_that_imports_back(
        wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path) -> None:
    assert wizard.doc.open_path(service.example_assessment_path())
    wizard.go(step_of(wizard, "task_grid"))
    grid = wizard.pages[wizard.current]
    target = tmp_path / "シート.xlsx"
    fake_dialogs.save_paths.append(target)
    assert grid.buttons["grid_template"].cget("text") == "記入用シート（Excel）…"
    grid.buttons["grid_template"].invoke()
    assert fake_dialogs.save_initials[-1].name == "業務の棚卸しシート.xlsx"
    assert target.is_file() and str(target) in fake_dialogs.infos[-1]
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames[0] == "業務の棚卸し"
    ws = wb.active
    ws.cell(4, 1, "証明書の郵送請求")
    ws.cell(4, 5, 800)
    wb.save(target)
    q = wizard.q
    a = service.new_assessment(q)
    result = service.import_tasks(q, a, target)
    assert [t.name for t in a.tasks] == ["証明書の郵送請求"] and not result.problems
    assert result.skipped["example"] == [3]


def test_a_wrong_file_type_is_reported_and_nothing_is_written(
        wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path) -> None:
    assert wizard.doc.open_path(service.example_assessment_path())
    wizard.go(step_of(wizard, "task_grid"))
    grid = wizard.pages[wizard.current]
    fake_dialogs.allow_errors = True
    fake_dialogs.save_paths.append(tmp_path / "シート.csv")  # not a workbook
    assert grid.write_template() is None
    assert "拡張子" in fake_dialogs.errors[-1] and not (tmp_path / "シート.csv").exists()


def open_window(wizard: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from app import resources

    folder = tmp_path / "questionnaires"
    monkeypatch.setattr(resources, "user_questionnaire_folder", lambda: folder)
    window = wizard.home.open_questionnaire()
    wizard.root.update()
    return window


def test_home_opens_the_questionnaire_window_and_a_bad_value_is_named_and_blocks_saving(
        wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert wizard.home.questionnaire_button.cget("text") == "質問票の調整（業務改善担当向け）…"
    window = open_window(wizard, tmp_path, monkeypatch)
    try:
        v = window.base.version
        assert f"版{v} → 保存すると版{qbook.next_version(v)}" in window.header.cget("text")
        assert wizard.home.open_questionnaire() is window  # one at a time
        window.set_value("改善策", "rpa", "reduction_rate", "1.5")
        assert "RPA" in window.message.cget("text") and "0〜1" in window.message.cget("text")
        assert window.save_button.cget("state") == "disabled"
        entry = window.entries[("改善策", "rpa", "reduction_rate")]
        assert entry.cget("border_color") == "#c62828"
        window.set_value("設定", "unit_cost_yen_per_hour", "value", "四千")
        assert "直すところが 2 件" in window.message.cget("text")
        window.refresh_preview()
        assert "→ —" in window.preview.cget("text")
        window.set_value("改善策", "rpa", "reduction_rate", "0.5")
        window.set_value("設定", "unit_cost_yen_per_hour", "value", "4000")  # back to the base value
        assert window.save_button.cget("state") == "normal" and window.all_edits() != []
        assert entry.cget("border_color") != "#c62828"
    finally:
        window.destroy()


def test_the_same_edits_in_the_window_save_a_new_version_that_the_next_plan_uses(
        wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(wizard, tmp_path, monkeypatch)
    v1 = qbook.next_version(window.base.version)
    try:
        window.set_value("設定", "unit_cost_yen_per_hour", "value", "5000")
        window.set_value("設定", "unit_cost_yen_per_hour", "provisional", "いいえ")
        window.set_value("改善策", "eliminate", "reduction_rate", "0.5")
        window.set_value("改善策", "rpa", "enabled", "いいえ")
        window.refresh_preview()
        assert window.preview_busy  # worked out in a thread: the window keeps taking keystrokes
        wait_until(wizard.root, lambda: not window.preview_busy)
        before, after = window._before, window.after_totals
        assert after.potential_yen == pytest.approx(round(after.potential_hours * 5000), abs=1)
        assert after.potential_hours < before.potential_hours  # 廃止 now saves half
        assert f"{before.potential_yen:,.0f} → {after.potential_yen:,.0f}" in window.preview.cget("text")
        done = window.save()
        assert done is not None and done.path == tmp_path / "questionnaires" / "standard.yaml"
        assert f"版{v1}" in fake_dialogs.infos[-1]
        assert f"版{v1} → 保存すると版{qbook.next_version(v1)}" in window.header.cget("text")
        assert window.all_edits() == []
    finally:
        window.destroy()
    q = service.get_questionnaire("standard")  # the user's folder now overrides the bundled one
    assert q.version == v1 and q.value("unit_cost_yen_per_hour") == 5000 and not q.measure("rpa").enabled
    opened = service.open_assessment(service.example_assessment_path())
    pdf = service.render_plan(opened.questionnaire, opened.assessment)
    from tests.report_support import all_text, page_texts, squash

    cover, summary = (squash(t) for t in page_texts(pdf)[:2])
    assert f"版{v1}" in cover and "5,000円/時間" in summary  # the new version on the cover
    assert "5,000" in all_text(pdf)


def test_an_own_measure_from_ready_conditions(wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(wizard, tmp_path, monkeypatch)
    try:
        own = window.own
        own.fields["qt_own_id"].insert(0, "kiosk")
        own.fields["qt_own_label"].insert(0, "証明書コンビニ交付の案内")
        own.fields["qt_own_rate"].insert(0, "0.25")
        first = own.conditions[0]
        first.kind.set("困りごと")
        first._kind_changed()
        first.choice.set(next(k for k, v in first.labels.items() if v == "visit"))
        second = own.add_condition()
        second.kind.set("年間件数が n 以上")
        second._kind_changed()
        second.number.insert(0, "1000")
        own.joiner.set("すべて満たす（かつ）")
        own.changed()
        assert own.expression() == "selected(pain_points, 'visit') and annual_cases >= 1000"
        assert "selected(pain_points, 'visit')" in own.status.cget("text")
        # the advanced box is checked as you type
        own.advanced.insert(0, "annual_cases >= (")
        own.changed()
        assert own.status.cget("text") and window.save_button.cget("state") == "disabled"
        own.advanced.delete(0, "end")
        own.advanced.insert(0, "no_such_item = 1")
        own.changed()
        assert "no_such_item" in own.status.cget("text")
        own.advanced.delete(0, "end")
        own.changed()
        assert own.add() and window.save_button.cget("state") == "normal"
        done = window.save()
    finally:
        window.destroy()
    m = done.questionnaire.measure("kiosk")
    assert m.trigger.source == "selected(pain_points, 'visit') and annual_cases >= 1000"
    assert m.reduction_rate == 0.25 and m.provisional and m.label.ja == "証明書コンビニ交付の案内"


def test_the_window_builds_a_pack_of_the_saved_version_that_installs_back(
        wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app import resources
    from app.cli import main
    from app.loading.pack import read_pack
    from app.service import pack

    cases_dir = tmp_path / "cases"
    cases_dir.mkdir()
    catalogue = cases_dir / "cases.yaml"
    examples = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"
    monkeypatch.setattr(resources, "user_cases_dir", lambda: cases_dir)
    window = open_window(wizard, tmp_path, monkeypatch)
    try:
        assert window.pack_button.cget("text") == "配布パックを作る…"
        window.set_value("設定", "unit_cost_yen_per_hour", "value", "5000")
        assert window.build_pack() is None and "先に「新しい版として保存」" in fake_dialogs.infos[-1]
        done = window.save()
        fake_dialogs.allow_errors = True
        saved = done.path.read_bytes()
        fake_dialogs.save_paths.append(done.path)  # onto the saved questionnaire itself: refused, nothing lost
        assert window.build_pack() is None and "拡張子" in fake_dialogs.errors[-1]
        assert done.path.read_bytes() == saved
        fake_dialogs.allow_errors = False
        fake_dialogs.errors.clear()
        assert main(["cases", str(examples), "-o", str(catalogue)]) == 0  # the installed catalogue
        target = tmp_path / "out" / "区民課向け.kaizenpack"
        target.parent.mkdir()
        fake_dialogs.save_paths.append(target)
        window.pack_button.invoke()
        assert fake_dialogs.save_initials[-1].name == f"standard-{done.questionnaire.version}.kaizenpack"
        assert target.is_file() and str(target) in fake_dialogs.infos[-1]
    finally:
        window.destroy()
    found = read_pack(target.read_bytes(), str(target))
    assert found.manifest.id == "standard-pack" and found.manifest.version == done.questionnaire.version
    assert found.manifest.issuer == "業務改善担当"
    assert found.questionnaires["standard.yaml"][0] == done.path.read_bytes()
    assert found.cases == catalogue.read_bytes()  # the catalogue goes in byte for byte
    assert pack.check(target)[0].manifest.id == "standard-pack"


def test_the_team_name_and_contact_are_set_in_the_window_and_saved(
        wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(wizard, tmp_path, monkeypatch)
    try:
        assert window.base.team_contact() == ""
        window.set_value("設定", "central_team_name", "value", "行政改革推進課")
        window.contact.insert(0, "内線 1234、kaizen@example.lg.jp")
        window.contact_typed()
        assert "変更 2 件" in window.message.cget("text")
        window.refresh_preview()
        wait_until(wizard.root, lambda: not window.preview_busy)
        assert "→ —" not in window.preview.cget("text")  # the added setting passes the questionnaire's checks
        done = window.save()
    finally:
        window.destroy()
    q = service.get_questionnaire("standard")
    assert q.version == done.questionnaire.version and q.team_name() == "行政改革推進課"
    assert q.team_name("en") == "improvement team"  # the English name is kept
    assert q.team_contact() == "内線 1234、kaizen@example.lg.jp"
    opened = service.open_assessment(service.example_assessment_path())
    from tests.report_support import all_text

    text = all_text(service.render_plan(opened.questionnaire, opened.assessment))
    assert "伝えてください。行政改革推進課の連絡先:内線1234、kaizen@example.lg.jp" in text  # beside the proposals


def test_the_teams_name_and_contact_in_japanese_and_english_reach_both_plans(
        wizard: Any, fake_dialogs: FakeDialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.report_support import all_text

    window = open_window(wizard, tmp_path, monkeypatch)
    try:
        assert window.base.team_contact() == "" and window.contact_en is not None
        window.set_value("設定", "central_team_name", "value", "行政改革推進課")
        window.set_value("設定", "central_team_name", "text", "Administrative Reform Division", "en")
        window.contact_en.insert(0, "ext. 1234")
        window.contact_typed()
        assert window.save_button.cget("state") == "disabled"  # English alone: the Japanese contact is missing
        assert "日本語の欄" in window.message.cget("text")
        window.contact.insert(0, "内線 1234")
        window.contact_typed()
        window.set_value("設定", "central_team_name", "value", "")
        assert "空にできません" in window.message.cget("text")  # the team's name may not be cleared
        assert window.entries[("設定", "central_team_name", "value")].cget("border_color") == "#c62828"
        window.set_value("設定", "central_team_name", "value", "行政改革推進課")
        assert window.save_button.cget("state") == "normal" and "変更 3 件" in window.message.cget("text")
        done = window.save()
        assert done is not None
    finally:
        window.destroy()
    q = service.get_questionnaire("standard")
    assert q.version == done.questionnaire.version
    assert (q.team_name(), q.team_name("en")) == ("行政改革推進課", "Administrative Reform Division")
    assert (q.team_contact(), q.team_contact("en")) == ("内線 1234", "ext. 1234")
    opened = service.open_assessment(service.example_assessment_path())
    ja = all_text(service.render_plan(opened.questionnaire, opened.assessment))
    assert "5.行政改革推進課への提案" in ja and "行政改革推進課の連絡先:内線1234" in ja
    en = all_text(service.render_plan(opened.questionnaire, opened.assessment, lang="en"))
    assert "ProposalsfortheAdministrativeReformDivision" in en  # all_text drops the spaces
    assert "ContactoftheAdministrativeReformDivision:ext.1234" in en
    # the next window edits the contact the file now has, in both languages
    window = open_window(wizard, tmp_path, monkeypatch)
    try:
        assert window.contact is None
        window.set_value("設定", "central_team_contact", "text", "ext. 5678", "en")
        window.set_value("設定", "central_team_contact", "value", "内線 5678")
        assert window.save() is not None
    finally:
        window.destroy()
    q = service.get_questionnaire("standard")
    assert (q.team_contact(), q.team_contact("en")) == ("内線 5678", "ext. 5678")
    assert q.team_name("en") == "Administrative Reform Division"
