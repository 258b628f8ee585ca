"""Calibration of the reduction rates and joint-procurement candidates in the ward summary and `calibrate`."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from app import service
from app.cli import main
from app.domain.ward_extras import MIN_CALIBRATION
from tests.report_support import all_text

EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"


def raw(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8"))


@pytest.fixture(scope="module")
def summary() -> Any:
    return service.aggregate_files([EXAMPLES])


def test_calibration_sums_the_completed_actions_per_measure(summary: Any) -> None:
    done: dict[str, list[float]] = {}
    for f in EXAMPLES.glob("*.json"):
        for x in raw(f)["actions"]:
            if x["status"] == "done":
                done.setdefault(x["measure_id"], []).append(x["realised_hours"] or 0.0)
    rows = {r.measure_id: r for r in summary.calibration}
    assert set(rows) == set(done)
    for mid, hours in done.items():
        assert rows[mid].completed == len(hours)
        assert rows[mid].realised_hours == pytest.approx(sum(hours))
    planned: dict[str, float] = {}  # the estimate is what each measure would save alone (standalone_hours)
    for f in EXAMPLES.glob("*.json"):
        opened = service.open_assessment(f)
        result = service.score(opened.questionnaire, opened.assessment)
        for x in opened.assessment.actions:
            if x.status == "done":
                m = result.measure(x.task_id, x.measure_id)
                planned[x.measure_id] = planned.get(x.measure_id, 0.0) + (m.standalone_hours if m else 0.0)
    for mid, hours in planned.items():
        assert rows[mid].planned_hours == pytest.approx(hours)
    eliminate = rows["eliminate"]
    assert eliminate.completed >= MIN_CALIBRATION and eliminate.enough
    assert eliminate.suggested_rate == pytest.approx(min(1.0, eliminate.current_rate * eliminate.ratio))
    few = [r for r in summary.calibration if r.completed < MIN_CALIBRATION]
    assert few and all(r.suggested_rate is None for r in few)


def test_calibration_compares_with_what_the_measure_would_save_alone(tmp_path: Path) -> None:
    source = EXAMPLES / "example_shimin.kaizen.json"
    opened = service.open_assessment(source)
    result = service.score(opened.questionnaire, opened.assessment)
    # a measure that comes after another on its task: its share is less than what it would save alone
    later = next(m for m in result.measures if m.potential_hours < m.standalone_hours - 1)
    data = raw(source)
    data["actions"] = [{"id": "a1", "task_id": later.task_id, "measure_id": later.measure_id, "status": "done",
                        "realised_hours": 10, "done_date": "2026-11-01"}]
    path = tmp_path / "one.kaizen.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    row = next(r for r in service.aggregate_files([path]).calibration if r.measure_id == later.measure_id)
    assert row.completed == 1 and row.planned_hours == pytest.approx(later.standalone_hours)


def test_a_copy_of_a_file_does_not_inflate_calibration(tmp_path: Path, summary: Any) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "in")
    shutil.copy(EXAMPLES / "example_kazei.kaizen.json", tmp_path / "in" / "zz_copy.kaizen.json")
    again = service.aggregate_files([tmp_path / "in"])
    assert [(r.measure_id, r.completed) for r in again.calibration] == \
        [(r.measure_id, r.completed) for r in summary.calibration]


def test_joint_procurement_groups_measures_chosen_by_two_departments(summary: Any) -> None:
    assert summary.procurement
    for g in summary.procurement:
        assert len(g.departments) >= 2
        assert service.get_questionnaire().measure(g.measure_id).central_procurement
    ids = {g.measure_id for g in summary.procurement}
    assert "online_form" in ids
    online = next(g for g in summary.procurement if g.measure_id == "online_form")
    expected_cases = 0.0
    for f in EXAMPLES.glob("*.json"):
        data = raw(f)
        for tid, per in data["measures"].items():
            if per.get("online_form", {}).get("chosen"):
                task = next(t for t in data["tasks"] if t["id"] == tid)
                expected_cases += task["answers"].get("annual_cases", 0)
    assert online.annual_cases == pytest.approx(expected_cases)


def test_one_department_alone_is_no_procurement_candidate(tmp_path: Path) -> None:
    one = service.aggregate_files([EXAMPLES / "example_kazei.kaizen.json"])
    assert one.procurement == ()


def test_the_summary_pdf_has_both_sections(summary: Any) -> None:
    text = all_text(service.render_summary(summary))
    assert "共同調達・全庁導入の候補" in text and "削減率の検証" in text
    assert "実績不足" in text and "realisation_factor" in text


def test_calibrate_prints_and_writes_csv_and_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_csv, out_xlsx = tmp_path / "cal.csv", tmp_path / "cal.xlsx"
    assert main(["calibrate", str(EXAMPLES), "--csv", str(out_csv), "--xlsx", str(out_xlsx)]) == 0
    printed = capsys.readouterr().out
    assert "廃止" in printed and "実績不足" in printed and "realisation_factor" in printed
    rows = list(csv.reader(io.StringIO(out_csv.read_text("utf-8-sig"))))
    assert rows[0][0] == "改善策ID" and {r[0] for r in rows[1:]} >= {"eliminate"}
    import openpyxl

    assert openpyxl.load_workbook(out_xlsx).sheetnames == ["削減率の検証"]


def test_calibrate_bad_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calibrate", str(tmp_path / "missing")]) == 2
    assert "W103" in capsys.readouterr().err
    target = tmp_path / "k.kaizen.json"
    shutil.copy(EXAMPLES / "example_kazei.kaizen.json", target)
    before = target.read_bytes()
    assert main(["calibrate", str(tmp_path), "--csv", str(target)]) == 2
    assert "C008" in capsys.readouterr().err and target.read_bytes() == before
