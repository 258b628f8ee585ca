"""The office's case catalogue: assessment ids, the shareable flag, `kaizen-check cases`, matching, the plan."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest

from app import service
from app.cli import main
from app.domain.cases import Case, headline, matching, reiwa_month
from app.domain.errors import UserError
from app.domain.identity import derived_assessment_id
from app.loading.cases_file import CasesError, dumps, load, loads
from app.storage import assessment_file
from tests.report_support import all_text

EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"
KAZEI = EXAMPLES / "example_kazei.kaizen.json"


@pytest.fixture
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private user-data folder, so the installed catalogue is the test's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    from app import resources

    return resources.user_cases_dir()


def raw(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8"))


def test_a_new_assessment_gets_a_uuid_that_survives_a_save(tmp_path: Path) -> None:
    q = service.get_questionnaire()
    a = service.new_assessment(q, {"department": "市民課"})
    assert uuid.UUID(a.assessment_id)
    assert service.new_assessment(q).assessment_id != a.assessment_id
    service.save_assessment(a, tmp_path / "a.kaizen.json")
    assert service.open_assessment(tmp_path / "a.kaizen.json").assessment.assessment_id == a.assessment_id


def test_an_old_file_gets_an_id_derived_from_its_content_so_copies_agree(tmp_path: Path) -> None:
    data = raw(KAZEI)
    del data["assessment_id"]
    for name in ("a.kaizen.json", "b.kaizen.json"):
        (tmp_path / name).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    ids = {service.open_assessment(tmp_path / n).assessment.assessment_id for n in ("a.kaizen.json", "b.kaizen.json")}
    assert ids == {derived_assessment_id(data["created"], "課税課", "市民税係")}
    data["assessment_id"] = "not a uuid"
    (tmp_path / "c.kaizen.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert service.open_assessment(tmp_path / "c.kaizen.json").assessment.assessment_id == ids.pop()


def test_shareable_is_off_by_default_and_round_trips(tmp_path: Path) -> None:
    q = service.get_questionnaire()
    opened = service.open_assessment(KAZEI)
    a = opened.assessment
    assert [x.shareable for x in a.actions] == [x.status == "done" for x in a.actions]  # the examples mark theirs
    data = raw(KAZEI)
    for x in data["actions"]:
        x.pop("shareable")
    assert not any(x.shareable for x in assessment_file.loads(json.dumps(data), q).assessment.actions)
    data["actions"][0]["shareable"] = "yes"  # only true counts
    assert not assessment_file.loads(json.dumps(data), q).assessment.actions[0].shareable


def test_cases_collects_every_shareable_done_action_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    shutil.copy(KAZEI, folder / "copy_of_kazei.kaizen.json")  # the same actions again
    data = raw(folder / "example_hoken.kaizen.json")
    done = [x for x in data["actions"] if x["status"] == "done"]
    done[0]["shareable"] = False
    (folder / "example_hoken.kaizen.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    out = tmp_path / "cases.yaml"
    assert main(["cases", str(folder), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    cases = loads(out.read_text("utf-8"))
    expected = sum(1 for f in EXAMPLES.glob("*.json") for x in raw(f)["actions"] if x["status"] == "done") - 1
    assert len(cases) == expected
    assert len({c.key for c in cases}) == len(cases)
    assert "1 件" in printed and "重複 " in printed  # one left out as not shareable, copies named
    kazei = next(c for c in cases if c.department == "課税課" and c.measure_id == "eliminate")
    assert kazei.realised_hours == 180 and kazei.before and kazei.tips and kazei.task_category
    assert kazei.contact.startswith("課税課")


def test_no_shareable_action_is_a_clear_error_and_no_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = raw(KAZEI)
    for x in data["actions"]:
        x["shareable"] = False
    (tmp_path / "k.kaizen.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert main(["cases", str(tmp_path / "k.kaizen.json"), "-o", str(tmp_path / "c.yaml")]) == 2
    assert "C007" in capsys.readouterr().err and not (tmp_path / "c.yaml").exists()


def test_the_output_never_overwrites_an_input_or_a_foreign_file(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "k.kaizen.json"
    shutil.copy(KAZEI, target)
    before = target.read_bytes()
    assert main(["cases", str(tmp_path), "-o", str(target)]) == 2
    assert "C008" in capsys.readouterr().err and target.read_bytes() == before
    notes = tmp_path / "notes.yaml"
    notes.write_text("memo: 大事なメモ\n", "utf-8")
    assert main(["cases", str(target), "-o", str(notes)]) == 2
    assert "C001" in capsys.readouterr().err and notes.read_text("utf-8") == "memo: 大事なメモ\n"


def test_the_teams_edits_survive_a_second_run(tmp_path: Path) -> None:
    out = tmp_path / "cases.yaml"
    assert main(["cases", str(KAZEI), "-o", str(out)]) == 0
    edited = out.read_text("utf-8").replace("紙の綴りをやめ", "【編集】紙の綴りをやめ")
    out.write_text(edited, "utf-8")
    assert main(["cases", str(EXAMPLES), "-o", str(out)]) == 0
    cases = loads(out.read_text("utf-8"))
    assert any(c.after.startswith("【編集】") for c in cases)
    assert len([c for c in cases if c.department == "課税課"]) == len(
        [x for x in raw(KAZEI)["actions"] if x["status"] == "done"])


CASE = {"assessment_id": "a", "action_id": "a1", "department": "課税課", "measure_id": "eliminate"}


def doc(*cases: dict[str, Any], head: str = "format: kaizen-cases\nformat_version: 1\n") -> str:
    import yaml

    return head + yaml.safe_dump({"cases": list(cases)}, allow_unicode=True)


@pytest.mark.parametrize(("text", "codes"), [
    ("memo: x\n", ["C001"]),
    ("- 1\n- 2\n", ["C001"]),
    ("format: kaizen-cases\nformat_version: 9\ncases: []\n", ["C002"]),
    ("format: kaizen-cases\nformat_version: 1\ncases: {}\n", ["C003"]),
    (doc("just text"), ["C003"]),
    (doc({**CASE, "colour": "red"}), ["C004"]),
    (doc({"action_id": "a1", "department": "課税課", "measure_id": "x"}), ["C005"]),
    (doc(CASE, CASE), ["C006"]),
    (doc({**CASE, "realised_hours": -1}), ["C003"]),
    (doc({**CASE, "realised_hours": "many"}), ["C003"]),
    (doc({**CASE, "pains": "paper"}), ["C003"]),
    (doc({**CASE, "tips": "x" * 5000}), ["C003"]),
    ("format: kaizen-cases\nformat_version: 1\ncases:\n  - {assessment_id: a, action_id: a1, department: x,"
     " measure_id: m, realised_hours: .inf}\n", ["C003"]),
    ("format: kaizen-cases\ncases: !!python/object:os.system ls\n", ["Q007"]),  # a tag: never constructed
    ("format: kaizen-cases\nformat_version: 1\ncases: [\n", ["Q005"]),
    (doc(CASE, head="format: kaizen-cases\nformat_version: 1\nowner: 田中\n"), ["C010"]),  # was dropped by cases -o
])
def test_a_bad_catalogue_is_refused_with_a_place(text: str, codes: list[str]) -> None:
    with pytest.raises(Exception) as info:  # CasesError, or the safe loader's QuestionnaireError
        loads(text, "c.yaml")
    problems = info.value.problems  # type: ignore[attr-defined]
    assert [p.code for p in problems][: len(codes)] == codes
    assert all(p.path == "c.yaml" and p.message("ja") for p in problems)


def test_a_key_the_catalogue_does_not_know_at_the_top_is_named_and_the_file_is_not_rewritten(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``owner: 田中`` beside ``cases:``: ``cases -o`` rewrote the catalogue without it, without a word."""
    out = tmp_path / "cases.yaml"
    assert main(["cases", str(KAZEI), "-o", str(out)]) == 0
    edited = out.read_text("utf-8").replace("format_version: 1\n", "format_version: 1\nowner: 田中\n", 1)
    out.write_text(edited, "utf-8")
    assert main(["cases", str(EXAMPLES), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "C010" in err and "「owner」" in err and f"{out}:4:1" in err, err
    assert out.read_text("utf-8") == edited


def test_every_problem_of_a_catalogue_is_listed_with_its_line() -> None:
    text = doc({**CASE, "colour": "red"}, {**CASE, "action_id": "a2", "realised_hours": -5})
    with pytest.raises(CasesError) as info:
        loads(text, "c.yaml")
    assert [p.code for p in info.value.problems] == ["C004", "C003"]
    assert all(p.line > 0 for p in info.value.problems)


def test_written_catalogue_reads_back_the_same() -> None:
    c = Case("id1", "a1", "課税課", "eliminate", section="市民税係", pains=("paper",), realised_hours=180.04,
             tips="「念のため」は: やめられる", done_date="2026-12-01")
    (back,) = loads(dumps([c]).decode("utf-8"))
    assert back == Case(**{**c.__dict__, "realised_hours": 180.0})


def test_matching_puts_the_same_category_first() -> None:
    a = Case("x", "a1", "課税課", "eliminate", task_category="filing", realised_hours=10)
    b = Case("y", "a1", "区民課", "eliminate", task_category="counter", realised_hours=500)
    other = Case("z", "a1", "福祉課", "rpa", task_category="filing")
    assert matching([a, b, other], "eliminate", "filing") == [a, b]
    assert matching([a, b, other], "eliminate", None) == [b, a]


def test_the_headline_reads_like_the_office_writes_it() -> None:
    c = Case("x", "a1", "課税課", "eliminate", realised_hours=180.0, done_date="2026-12-01")
    assert headline(c) == "庁内実績: 課税課（令和8年12月）年180時間削減"
    assert reiwa_month(None) == ""
    from datetime import date

    assert reiwa_month(date(2019, 5, 1)) == "令和元年5月" and reiwa_month(date(2019, 4, 1)) == "2019年4月"


def test_an_installed_catalogue_shows_in_score_json_and_the_plan(user_data: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    user_data.mkdir(parents=True)
    assert main(["cases", str(EXAMPLES), "-o", str(user_data / "office.yaml")]) == 0
    capsys.readouterr()
    q = service.get_questionnaire()
    # a new department (another id) with an eliminate measure gets the cases; the kazei file not its own
    opened = service.open_assessment(EXAMPLES / "example_shimin.kaizen.json")
    data = service.score_json(q, opened.assessment)
    eliminate = [m for m in data["measures"] if m["measure_id"] == "eliminate"]
    assert eliminate and all(m["cases"] >= 2 for m in eliminate)
    own = service.score_json(q, service.open_assessment(KAZEI).assessment)
    kazei_cases = [c for c in loads((user_data / "office.yaml").read_text("utf-8")) if c.department != "課税課"]
    assert max(m["cases"] for m in own["measures"] if m["measure_id"] == "eliminate") == \
        len([c for c in kazei_cases if c.measure_id == "eliminate"])
    pdf = service.render_plan(q, opened.assessment, fixed_date=None)
    text = all_text(pdf)
    assert "参考:庁内の事例" in text and "庁内実績:課税課" in text


def test_without_a_catalogue_the_plan_has_no_case_section(user_data: Path) -> None:
    q = service.get_questionnaire()
    opened = service.open_assessment(EXAMPLES / "example_shimin.kaizen.json")
    assert "参考:庁内の事例" not in all_text(service.render_plan(q, opened.assessment))
    assert all(m["cases"] == 0 for m in service.score_json(q, opened.assessment)["measures"])


def test_a_damaged_installed_catalogue_is_left_out(user_data: Path) -> None:
    user_data.mkdir(parents=True)
    (user_data / "broken.yaml").write_text("format: kaizen-cases\ncases: [\n", "utf-8")
    from app.service.cases import installed_cases

    assert installed_cases() == []


@pytest.mark.parametrize(("entry", "ja", "en"), [
    ({**CASE, "tips": "x" * 5000}, "字以内の文字", "text of at most"),
    ({**CASE, "realised_hours": -1}, "0以上の時間", "hours, 0 or more"),
    ({**CASE, "pains": "paper"}, "文字の一覧", "a list of texts"),
])
def test_a_wrong_kind_of_value_is_named_in_the_messages_language(entry: dict[str, Any], ja: str, en: str) -> None:
    """C003 put English kind words into the Japanese message (「…」は text ≤ 4000 で書いてください)."""
    with pytest.raises(CasesError) as info:
        loads(doc(entry), "c.yaml")
    (problem,) = [p for p in info.value.problems if p.code == "C003"]
    asked = problem.message("ja").split("」は", 1)[1]  # what is asked for, after the field's own (English) key
    assert ja in asked and not any(w in asked for w in ("text", "hours", "list")), asked
    assert en in problem.message("en")


def test_a_case_catalogue_too_big_is_not_called_a_questionnaire(tmp_path: Path) -> None:
    """Q003 told the improvement team to check the file was 「質問票として正しい」 for a case catalogue too."""
    from app.loading.located import MAX_BYTES

    big = tmp_path / "cases.yaml"
    big.write_text("format: kaizen-cases\n# " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        load(big)
    (problem,) = info.value.problems
    assert problem.code == "Q003" and "質問票" not in problem.message("ja")
    assert "questionnaire" not in problem.message("en")


def test_an_action_too_long_for_a_catalogue_is_left_out_by_name_and_the_catalogue_stays_readable(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A shareable done action whose 「改善前」 is 5,000 characters (the assessment holds it): ``cases`` wrote it, and
    the catalogue it wrote was then refused (C003) by the next ``cases``, by ``questionnaire export --cases`` and
    by ``pack build``. It is left out with C011 naming the file and the action; the others are written."""
    data = raw(KAZEI)
    done = [x for x in data["actions"] if x["status"] == "done" and x.get("shareable")]
    assert len(done) >= 2
    done[0]["before"] = "長" * 5000
    source = tmp_path / "kazei.kaizen.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "cases.yaml"
    assert main(["cases", str(source), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "C011" in err and str(source) in err and done[0]["id"] in err and "5000" in err, err
    cases = load(out)  # readable
    assert done[0]["id"] not in {c.action_id for c in cases} and done[1]["id"] in {c.action_id for c in cases}
    assert main(["cases", str(source), "-o", str(out)]) == 0  # and a second run reads it


@pytest.mark.parametrize(("field", "value", "shown"), [
    ("realised_hours", 1e308, "1e+308"), ("planned_hours", 1e20, "1e+20"), ("realised_hours", 1_000_001, "1,000,001"),
])
def test_hours_beyond_any_year_are_refused_naming_the_case_and_the_field(field: str, value: float, shown: str) -> None:
    """``realised_hours: 1e308`` was read, and the case led every list of cases as 「年1e308時間削減」."""
    text = doc(CASE, {**CASE, "action_id": "a2", field: value})
    with pytest.raises(CasesError) as info:
        loads(text, "c.yaml")
    (problem,) = info.value.problems
    assert problem.code == "C012" and problem.path == "c.yaml" and problem.where == f"cases[1].{field}"
    assert problem.line == text.splitlines().index(next(x for x in text.splitlines() if field in x)) + 1
    ja, en = problem.message("ja"), problem.message("en")
    assert f"事例 cases[1]（a / a2） の「{field}」は1,000,000時間以下" in ja and f"（入力: {shown}）" in ja, ja
    assert f"'{field}' of case cases[1]（a / a2）" in en and f"(got {shown})" in en, en
    assert loads(doc({**CASE, field: 1_000_000}))[0].__dict__[field] == 1_000_000  # the limit itself is fine


def test_a_catalogue_with_hours_beyond_any_year_is_refused_by_cases_and_not_rewritten(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cases.yaml"
    assert main(["cases", str(KAZEI), "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    first = next(line for line in text.splitlines() if line.strip().startswith("realised_hours:"))
    edited = text.replace(first, first.split(":")[0] + ": 1.0e+308", 1)
    out.write_text(edited, "utf-8")
    capsys.readouterr()
    assert main(["cases", str(EXAMPLES), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    line = edited.splitlines().index(first.split(":")[0] + ": 1.0e+308") + 1
    assert f"{out}:{line}:" in err and "C012" in err and "1e+308" in err and "Traceback" not in err, err
    assert out.read_text("utf-8") == edited


def test_an_action_of_more_planned_hours_than_a_catalogue_holds_is_left_out_by_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A task of 100,000,000 cases of 480 minutes (each within its item's limit) plans hundreds of millions of
    hours; written, the case would make a catalogue the next run refuses (C012). It is left out with C013."""
    data = raw(KAZEI)
    done = [x for x in data["actions"] if x["status"] == "done" and x.get("shareable")]
    task = next(t for t in data["tasks"] if t["id"] == done[0]["task_id"])
    task["answers"].update({"annual_cases": 100_000_000, "minutes_per_case": 480})
    source = tmp_path / "kazei.kaizen.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "cases.yaml"
    assert main(["cases", str(source), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "C013" in err and str(source) in err and done[0]["id"] in err and "「planned_hours」" in err, err
    cases = load(out)  # readable
    assert done[0]["id"] not in {c.action_id for c in cases} and len(cases) >= 1
    assert main(["cases", str(source), "-o", str(out)]) == 0
