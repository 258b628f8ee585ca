"""The command line: exit codes, the score summary, the documented JSON object, per-field value problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.helpers import EXAMPLE


def test_score_summary_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "区民課" in out and "まずはこの3つから" in out
    assert "1. 申請書控えの二重保管をやめる — 廃止 / 住民票の写し等の交付（窓口） (420.0 時間)" in out
    assert "[業務改善担当]" in out and "[要確認]" in out
    assert "今年度（2027-03-31まで）: 計画 1,600.5 時間 × 0.4 = 見込み 640.2 時間; 目標 1,500.0 時間" in out


def test_score_summary_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "score", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Start with these:" in out and "— Eliminate / " in out


@pytest.mark.parametrize(("lang", "said"), [("ja", "今年度: 実施日（info.session_date）が未入力のため計算できません"),
                                          ("en", "This fiscal year: not worked out without a session date")])
def test_score_without_a_session_date_says_why_there_is_no_year(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                lang: str, said: str) -> None:
    from app import service

    q = service.get_questionnaire()
    a = service.new_assessment(q, {"department": "区民課"})
    a.add_tasks([{"name": "窓口受付", "annual_cases": 1200, "minutes_per_case": 10}])
    path = tmp_path / "a.kaizen.json"
    service.save_assessment(a, path)
    assert main(["--lang", lang, "score", str(path)]) == 0
    out = capsys.readouterr().out
    assert said in out and "None" not in out  # it printed 「今年度（Noneまで）」


def test_score_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(EXAMPLE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["totals"]) >= {"inventory_hours", "focus_hours", "potential_hours", "potential_yen",
                                   "potential_index"}
    assert data["totals"]["inventory_hours"] == 25497.7
    assert all(set(t) >= {"id", "name", "annual_hours", "focus"} for t in data["tasks"])
    for m in data["measures"]:
        assert set(m) >= {"task_id", "measure_id", "potential_hours", "suitability", "ease", "quadrant", "premature",
                          "cross_department"}
        assert m["quadrant"] in ("quick_win", "major_project", "fill_in", "not_now")
    assert data["quick_wins"] == [{"task_id": "t3", "measure_id": "eliminate"},
                                  {"task_id": "t2", "measure_id": "rearrange"},
                                  {"task_id": "t1", "measure_id": "simplify"}]
    assert {p["measure_id"] for p in data["proposals"]} == {"combine", "data_sharing"}
    # sequential rule: each task's total is the sum of its measures' shares and never more than its hours
    for t in data["tasks"]:
        mine = [m for m in data["measures"] if m["task_id"] == t["id"]]
        assert t["potential_hours"] == pytest.approx(sum(m["potential_hours"] for m in mine), abs=0.05 * len(mine))
        assert t["potential_hours"] <= t["annual_hours"]
        assert all(m["potential_hours"] <= m["standalone_hours"] for m in mine)
    t1 = [m for m in data["measures"] if m["task_id"] == "t1"]
    assert [m["measure_id"] for m in t1] == ["combine", "simplify", "ai_ocr", "online_form"]
    assert t1[0]["potential_hours"] == t1[0]["standalone_hours"]
    assert t1[1]["potential_hours"] < t1[1]["standalone_hours"]
    online = t1[3]
    assert online["review"] and online["fit_factor"] == 0.5 and online["notices"]
    assert data["proposals"][0]["other_departments"] == "保険年金課"
    assert data["proposals"][0]["reason"] == "同じような様式・業務が複数の課にある"


def test_a_note_becomes_the_title_on_the_command_line_and_says_so(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    answers = data["measures"]["t3"]["eliminate"]["answers"]
    del answers["action_title"]
    answers["measure_note"] = "\n控えの綴りをやめる\n文書担当に確認済み"
    f = tmp_path / "old titles.kaizen.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = f.read_bytes()
    assert main(["score", str(f)]) == 0
    captured = capsys.readouterr()
    assert "A031" in captured.err and "控えの綴りをやめる" in captured.err
    assert "1. 控えの綴りをやめる — 廃止" in captured.out
    assert f.read_bytes() == before


def _bad_example(tmp_path: Path) -> Path:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["tasks"][0]["answers"]["annual_cases"] = "たくさん"
    data["tasks"][1]["answers"]["minutes_per_case"] = -3
    data["tasks"][2]["answers"]["category"] = "宇宙開発"
    data["tasks"][3]["answers"]["annual_cases"] = "６，５００"
    f = tmp_path / "bad values.kaizen.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return f


def test_bad_values_are_reported_per_field_and_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(_bad_example(tmp_path)), "--json"]) == 0
    captured = capsys.readouterr()
    err = captured.err
    assert "A001" in err and "tasks[0].annual_cases" in err and "たくさん" in err
    assert "A002" in err and "tasks[1].minutes_per_case" in err
    assert "A004" in err and "tasks[2].category" in err
    assert "tasks[3]" not in err  # full-width "６，５００" is a number
    assert "Traceback" not in err
    data = json.loads(captured.out)
    assert data["tasks"][3]["annual_hours"] == pytest.approx(6500 * 35 / 60, abs=0.05)


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"{not json", "A010"), (b'{"format": "kaizen-assessment", "format_version": 1, "tasks": [', "A017"),
     (b'{"format": "something-else"}', "A012"), (b"", "A017"), (b"\xff\xfe\x00", "A010"), (b"[]", "A012")],
)
def test_broken_assessment_files_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes,
                                        code: str) -> None:
    f = tmp_path / "broken.kaizen.json"
    f.write_bytes(content)
    assert main(["score", str(f)]) == 2
    err = capsys.readouterr().err
    assert code in err and str(f) in err and "Traceback" not in err


def test_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "/nonexistent/評価.kaizen.json"]) == 2
    assert "S001" in capsys.readouterr().err


def test_internal_error_exits_1_and_points_to_the_log(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from app import service

    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(service, "score_json", boom)
    monkeypatch.setattr("app.resources.user_log_dir", lambda: tmp_path / "logs")
    assert main(["score", str(EXAMPLE)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "logs" in err
    assert "RuntimeError: bug" in (tmp_path / "logs" / "kaizen-selfcheck.log").read_text(encoding="utf-8")


def test_python_dash_m_app_is_the_same_command() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "kaizen-check" in done.stdout
