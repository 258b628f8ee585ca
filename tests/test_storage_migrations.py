"""Format migrations: every registered step is tested on a real file of the old layout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app import service
from app.storage import assessment_file, migrations
from tests.helpers import EXAMPLE, standard

# A pre-release (format 0) file as the prototype wrote it: bare questionnaire id, department and
# section at the top, tasks as plain answer dicts without ids, focus as task positions.
V0 = """{
 "format": "kaizen-assessment",
 "questionnaire": "standard",
 "questionnaire_version": "1.0.0",
 "department": "区民課",
 "section": "証明係",
 "info": {"session_date": "2026-04-01"},
 "tasks": [
  {"name": "住民票の写しの交付", "annual_cases": 30000, "minutes_per_case": 6, "rule_based": 5},
  {"name": "印鑑登録", "annual_cases": 2000, "minutes_per_case": 10, "legacy_column": "旧項目"}
 ],
 "focus": [0],
 "analysis": {"t1": {"pain_points": ["paper"]}}
}
"""


def test_every_version_below_current_has_a_step() -> None:
    assert migrations.CURRENT == assessment_file.FORMAT_VERSION
    assert sorted(migrations.STEPS) == list(range(migrations.CURRENT))


def test_v0_to_v1_step() -> None:
    data = json.loads(V0)
    out = migrations.STEPS[0](data)
    assert data == json.loads(V0)  # the input is not changed
    assert out["format_version"] == 1
    assert out["questionnaire"] == {"id": "standard", "version": "1.0.0"}
    assert out["info"] == {"session_date": "2026-04-01", "department": "区民課", "section": "証明係"}
    assert [t["id"] for t in out["tasks"]] == ["t1", "t2"]
    assert out["tasks"][0]["answers"]["name"] == "住民票の写しの交付"
    assert out["focus"] == ["t1"]
    assert "department" not in out


# A format-1 file: one C question (ecrs_c_similar) for 他課・他係 together.
V1 = {"format": "kaizen-assessment", "format_version": 1, "questionnaire": {"id": "standard", "version": "1.0.0"},
      "info": {"department": "区民課", "session_date": "2026-10-15"},
      "tasks": [{"id": "t1", "answers": {"name": "転入届", "annual_cases": 4000, "minutes_per_case": 30}}],
      "focus": ["t1"],
      "analysis": {"t1": {"ecrs_e": "no", "ecrs_c_similar": "yes", "ecrs_c_repeat": "no"}},
      "measures": {"t1": {"combine": {"chosen": True, "answers": {"affected_share": 2,
                                                                  "measure_note": "様式をまとめる\n詳細"}}}},
      "actions": []}


def test_v1_to_v2_step_keeps_every_proposal_a_proposal() -> None:
    data = json.loads(json.dumps(V1))
    out = migrations.STEPS[1](data)
    assert data == V1  # the input is not changed
    assert out["format_version"] == 2
    assert out["analysis"]["t1"] == {"ecrs_e": "no", "ecrs_c_other_dept": "yes", "ecrs_c_repeat": "no"}
    assert out["measures"] == V1["measures"]


def test_v1_file_opens_with_the_proposal_kept(tmp_path: Path) -> None:
    path = tmp_path / "区民課.kaizen.json"
    path.write_text(json.dumps(V1, ensure_ascii=False), encoding="utf-8")
    opened = service.open_assessment(path)
    assert opened.problems[0].code == "A018"
    result = service.score(opened.questionnaire, opened.assessment)
    assert [m.measure_id for m in result.proposals] == ["combine"]
    assert opened.assessment.analysis["t1"]["ecrs_c_other_dept"] == "yes"


def test_v0_file_opens_migrated_with_a_message_and_saves_as_current(tmp_path: Path) -> None:
    path = tmp_path / "試作版 区民課.kaizen.json"
    path.write_text(V0, encoding="utf-8")
    opened = service.open_assessment(path)
    a = opened.assessment
    assert opened.problems[0].code == "A018"
    assert "変換" in opened.problems[0].message("ja")
    assert not opened.read_only
    assert a.info["department"] == "区民課"
    assert [t.name for t in a.tasks] == ["住民票の写しの交付", "印鑑登録"]
    assert a.tasks[0].answers["annual_cases"] == 30000
    assert a.focus == ["t1"]
    assert a.analysis["t1"]["pain_points"] == ["paper"]
    assert a.unplaced == {"tasks[1].legacy_column": "旧項目"}  # an old column with no place now: kept
    service.save_assessment(a, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["format_version"] == assessment_file.FORMAT_VERSION
    assert saved["unplaced"] == {"tasks[1].legacy_column": "旧項目"}
    assert json.loads((tmp_path / (path.name + ".bak")).read_text(encoding="utf-8")) == json.loads(V0)
    again = service.open_assessment(path)
    assert "A018" not in [p.code for p in again.problems]
    assert again.assessment.tasks == a.tasks


def test_v0_step_tolerates_damage() -> None:
    for data in ({"format": "kaizen-assessment"},
                 {"format": "kaizen-assessment", "questionnaire": 5, "tasks": "x", "focus": [True, 99, "t1"]},
                 {"format": "kaizen-assessment", "tasks": [None, 3, {"id": "t9", "answers": {}}], "focus": [2]}):
        out = migrations.migrate(dict(data), 0)
        result = assessment_file.loads(json.dumps(out), standard())
        assert result.assessment.questionnaire_id == "standard"


def test_current_files_are_not_touched() -> None:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert migrations.detect_version(data) == 2
    assert migrations.migrate(data, 2) is data
    assert migrations.detect_version({"format_version": -1}) is None
    assert migrations.detect_version({"format_version": True}) is None
