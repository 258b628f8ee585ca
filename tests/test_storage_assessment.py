"""Reading assessment files: every kind of damage gives a plain message; nothing the user typed is dropped."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from app import service
from app.domain.errors import AssessmentError, StorageError, UserError
from app.domain.values import length_status
from app.loading.loader import convert
from app.service import core as service_core
from app.storage import assessment_file
from app.storage.assessment_file import MAX_BYTES, dumps, load, loads, save
from tests.helpers import EXAMPLE, standard, standard_text


def example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


def read(data: dict[str, Any] | str | bytes) -> assessment_file.ReadResult:
    raw = data if isinstance(data, str | bytes) else json.dumps(data, ensure_ascii=False)
    return loads(raw, standard(), "区民課.kaizen.json")


def codes(result: assessment_file.ReadResult) -> list[str]:
    return [p.code for p in result.problems]


def test_example_reads_cleanly_and_round_trips() -> None:
    first = read(EXAMPLE.read_bytes())
    assert first.problems == []
    again = read(dumps(first.assessment))
    assert again.problems == []
    assert dataclasses.replace(again.assessment, modified="") == dataclasses.replace(first.assessment, modified="")


@pytest.mark.parametrize(("raw", "code"), [
    (b"{\"format\": \"kaizen-assessment\", \"format_version\": 1,, }", "A010"),  # invalid JSON
    (b"\xff\xfe not utf-8 \x80", "A010"),
    (b"", "A017"),  # an empty file: saving was interrupted before anything was written
    (b"   \n", "A017"),
    (b"[1, 2, 3]", "A012"),  # JSON, but not an assessment
    (b"{\"format\": \"something-else\"}", "A012"),
    (b"{\"format\": \"kaizen-assessment\", \"format_version\": \"one\"}", "A013"),
    (b"{\"format\": \"kaizen-assessment\", \"format_version\": " + b"9" * 5000 + b"}", "A010"),
    (b"[" * 100_000 + b"]" * 100_000, "A010"),  # nested too deeply
])
def test_unreadable_files(raw: bytes, code: str) -> None:
    with pytest.raises(AssessmentError) as info:
        read(raw)
    assert info.value.code == code
    assert info.value.problems[0].message("ja")


def test_truncated_file_suggests_the_backup() -> None:
    whole = EXAMPLE.read_bytes()
    for cut in (len(whole) // 3, len(whole) // 2, len(whole) - 3):
        with pytest.raises(AssessmentError) as info:
            read(whole[:cut])
        assert info.value.code == "A017"
        assert ".bak" in info.value.problems[0].message("ja")


def test_wrong_types_are_reported_and_the_rest_is_read() -> None:
    data = example()
    data["info"] = ["not", "a", "mapping"]
    data["tasks"][0] = "a task as text"
    data["actions"] = [{"id": "a1", "task_id": "t2", "measure_id": "rpa", "history": 5,
                        "realised_hours": 10 ** 400}]
    result = read(data)
    assert "A013" in codes(result)
    assert len(result.assessment.tasks) == len(example()["tasks"])
    assert result.assessment.actions[0].realised_hours is None
    assert all(p.message("ja") for p in result.problems)


@pytest.mark.parametrize(("field", "value", "code"), [
    ("minutes_per_case", 100_000, "A003"),
    ("annual_cases", -5, "A002"),
    ("annual_cases", "たくさん", "A001"),
    ("annual_cases", 1.5, "A006"),
    ("rule_based", 9, "A004"),
    ("systems", "長" * 81, "A008"),
])
def test_values_out_of_range_are_reported_and_kept(field: str, value: Any, code: str) -> None:
    data = example()
    data["tasks"][0]["answers"][field] = value
    result = read(data)
    assert code in codes(result)
    assert field not in result.assessment.tasks[0].answers
    assert result.assessment.unplaced[f"tasks[0].{field}"] == value  # kept, never silently dropped
    assert "A019" in codes(result) and "A015" not in codes(result)  # kept, and not called "not in this questionnaire"
    saved = json.loads(dumps(result.assessment))
    assert saved["unplaced"][f"tasks[0].{field}"] == value


def test_nan_and_infinity_are_refused_per_field() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace('"annual_cases": 18000', '"annual_cases": NaN', 1)
    result = read(text)
    assert "A001" in codes(result)


def test_lone_surrogate_cannot_make_saving_impossible() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace('"区民課"', '"区民課\\ud800"', 1)
    result = read(text)
    assert result.assessment.info["department"].startswith("区民課")
    dumps(result.assessment).decode("utf-8")  # no UnicodeEncodeError
    result.assessment.info["department"] = "課\udc80"  # pasted into the window
    assert "課" in dumps(result.assessment).decode("utf-8")


def test_newer_format_opens_read_only_with_a_message() -> None:
    data = example()
    data["format_version"] = 7
    data["new_feature"] = {"x": 1}
    result = read(data)
    assert result.read_only
    assert result.problems[0].code == "A011"
    assert "読み取り専用" in result.problems[0].message("ja")
    assert len(result.assessment.tasks) == len(data["tasks"])


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as info:
        load(tmp_path / "ない.kaizen.json", standard())
    assert info.value.code == "S001"


def test_no_permission_to_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.kaizen.json"
    path.write_bytes(EXAMPLE.read_bytes())

    def denied(*_: Any, **__: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", denied)
    with pytest.raises(StorageError) as info:
        load(path, standard())
    assert info.value.code == "S008"


def test_file_of_tens_of_megabytes_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "巨大.kaizen.json"
    with open(path, "wb") as handle:
        handle.truncate(40 * 1024 * 1024)  # sparse: no 40 MB write needed
    with pytest.raises(UserError) as info:
        load(path, standard())
    assert info.value.code == "S007"
    assert service_core._peek_questionnaire_id(path) == "standard"
    with pytest.raises(UserError) as info:
        loads(b" " * (MAX_BYTES + 1), standard())
    assert info.value.code == "S007"


def test_save_and_open_in_a_non_ascii_folder_with_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "デスクトップ" / "業務 改善 2026"
    folder.mkdir(parents=True)
    path = folder / "区民課 セルフチェック.kaizen.json"
    opened = service.open_assessment(EXAMPLE)
    service.save_assessment(opened.assessment, path)
    again = service.open_assessment(path)
    assert again.problems == []
    assert again.assessment.tasks == opened.assessment.tasks


def renamed_questionnaire() -> Any:
    """The standard questionnaire with the 'systems' column renamed and 'participants' removed."""
    text = standard_text().replace("      - id: systems\n", "      - id: systems_used\n", 1)
    text = text.replace("answered(systems)", "answered(systems_used)")
    start = text.index("      - id: participants\n")
    end = text.index("      - id: ", start + 10)
    return convert(text[:start] + text[end:], "renamed.yaml")


def test_changed_questionnaire_keeps_unknown_answers_through_the_next_save(tmp_path: Path) -> None:
    q = renamed_questionnaire()
    result = loads(EXAMPLE.read_bytes(), q, "old.kaizen.json")
    unplaced = result.assessment.unplaced
    assert unplaced["info.participants"].startswith("課長")
    assert unplaced["tasks[0].systems"] == "住民記録システム"
    told = [p for p in result.problems if p.code == "A015"]
    assert told and "info.participants" in told[0].message("ja")
    path = tmp_path / "resaved.kaizen.json"
    save(result.assessment, path)
    # the next save carries them; reading with the full questionnaire again still has them on record
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["unplaced"]["tasks[0].systems"] == "住民記録システム"
    back = load(path, q)
    assert back.assessment.unplaced == unplaced
    save(back.assessment, path)
    assert load(path, q).assessment.unplaced == unplaced


def test_length_status_matches_what_coerce_enforces() -> None:
    item = standard().item("systems")
    assert length_status(item, "住民記録") == (4, 80)
    assert length_status(standard().item("annual_cases"), "") == (0, None)


def test_questionnaire_version_not_available_opens_with_current_and_says_so() -> None:
    data = example()
    data["questionnaire"]["version"] = "0.9.0"
    result = read(data)
    assert codes(result)[0] == "A014"
    assert len(result.assessment.tasks) == len(data["tasks"])


def test_a_newer_file_is_never_overwritten(tmp_path: Path) -> None:
    data = example()
    data["format_version"] = 7
    path = tmp_path / "新しい版.kaizen.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    before = path.read_bytes()
    result = load(path, standard())
    assert result.read_only
    with pytest.raises(StorageError) as info:
        save(result.assessment, path)
    assert info.value.code == "S012"
    assert "別の名前" in info.value.problems[0].message("ja")
    assert path.read_bytes() == before
    other = tmp_path / "新しい版 (2).kaizen.json"
    save(result.assessment, other)  # another name works
    assert load(other, standard()).problems == []



def test_lone_surrogates_read_as_question_marks_and_round_trip() -> None:
    # found by the deeper fuzz run (KAIZEN_FUZZ_SCALE=6): a str holding a raw lone surrogate
    data = json.loads(service.example_assessment_path().read_text(encoding="utf-8"))
    data["tasks"][3]["answers"]["systems"] = "\ud800"
    first = read(json.dumps(data, ensure_ascii=False))
    assert first.assessment.tasks[3].answers["systems"] == "?"
    again = read(dumps(first.assessment))
    assert again.assessment.tasks == first.assessment.tasks
    data["format"] = "\ud800"
    with pytest.raises(AssessmentError) as err:
        read(json.dumps(data, ensure_ascii=False))
    assert "format: ?" in err.value.render("ja")
    err.value.render("ja").encode("utf-8")  # printable


def test_bad_action_dates_and_values_are_named_by_their_label_and_kept_as_typed() -> None:
    data = example()
    data["actions"][1].update(deadline="2026-13-45", review_date="来月", done_date="きのう", status="bogus",
                              realised_hours="abc")
    result = read(data)
    by_where = {p.where: p for p in result.problems if p.where}
    for key, label in (("deadline", "期限"), ("review_date", "確認日"), ("done_date", "日付（完了日）")):
        problem = by_where[f"actions[1].{key}"]
        assert problem.code == "A007"
        assert f"「行動計画 2行目の{label}」" in problem.message("ja")
        assert "action line 2" in problem.message("en")
    assert "「行動計画 2行目の状況」" in by_where["actions[1].status"].message("ja")
    assert "行動計画 2行目の削減できた時間" in by_where["actions[1].realised_hours"].message("ja")
    assert all("actions[" not in p.message(lang) for p in by_where.values() for lang in ("ja", "en"))
    action = result.assessment.actions[1]
    assert (action.deadline, action.review_date, action.done_date) == ("2026-13-45", "来月", "きのう")
    saved = json.loads(dumps(result.assessment))["actions"][1]
    assert (saved["deadline"], saved["status"], saved["realised_hours"]) == ("2026-13-45", "bogus", "abc")


def test_good_action_dates_in_office_forms_raise_no_notice() -> None:
    data = example()
    data["actions"][0].update(deadline="2027/3/31", review_date="２０２７年４月３０日", done_date="")
    assert not [p for p in read(data).problems if p.where and p.where.startswith("actions[0].")]


def test_a_null_task_action_or_measure_is_reported_and_saved_as_null() -> None:
    """A null entry became an empty action (a blank ``a3`` in the plan, ``{"id": "a3", …}`` in the saved file)
    without a word; it is now reported as the wrong kind (A013) and written back as null until filled in."""
    data = example()
    tid = data["tasks"][0]["id"]
    data["actions"].append(None)
    data["tasks"].append(None)
    data["measures"].setdefault(tid, {})["rpa"] = None
    result = read(data)
    wrong = [p for p in result.problems if p.code == "A013"]
    places = {p.where for p in wrong}
    assert {f"actions[{len(data['actions']) - 1}]", f"tasks[{len(data['tasks']) - 1}]",
            f"measures.{tid}.rpa"} <= places, places
    assert all("null" in p.message("en") or "空" in p.message("ja") for p in wrong)
    saved = json.loads(dumps(result.assessment))
    assert saved["actions"][-1] is None and saved["tasks"][-1] is None
    assert saved["measures"][tid]["rpa"] is None


@pytest.mark.parametrize("literal", ["1e309", "-1e400", "1E+999"])
def test_a_number_no_float_holds_is_saved_as_valid_json(literal: str) -> None:
    """Kept as found, 1e309 (read as an infinite float) was written back as ``Infinity``: the saved file was no
    longer JSON for any other reader. It is kept as its text, refused for the figures and saved as valid JSON."""
    text = EXAMPLE.read_text(encoding="utf-8").replace('"annual_cases": 18000', f'"annual_cases": {literal}', 1)
    result = read(text)
    assert "A001" in codes(result)

    def no_constants(name: str) -> None:
        raise AssertionError(f"{name} written: not JSON")

    saved = json.loads(dumps(result.assessment), parse_constant=no_constants)
    assert saved["unplaced"]["tasks[0].annual_cases"] == literal


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_a_nan_the_file_holds_is_written_back_as_it_was(literal: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace('"annual_cases": 18000', f'"annual_cases": {literal}', 1)
    result = read(text)
    assert "A001" in codes(result)
    assert f'"tasks[0].annual_cases": {literal}' in dumps(result.assessment).decode("utf-8")
