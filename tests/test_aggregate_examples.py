"""The ward-wide summary of the shipped example departments, checked against sums taken from the raw JSON."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from app import service
from app.exchange.tables import summary_tables

EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"
FILES = sorted(EXAMPLES.glob("*.kaizen.json"))


def raw(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8"))


def hours(task: dict[str, Any]) -> float:
    """H = cases × minutes / 60 + fixed, written out here instead of calling the scoring."""
    a = task["answers"]
    return a.get("annual_cases", 0) * a.get("minutes_per_case", 0) / 60 + a.get("fixed_hours", 0)


def realised(data: dict[str, Any]) -> float:
    return sum(x["realised_hours"] for x in data["actions"]
               if x["realised_hours"] is not None and x["status"] != "cancelled")


@pytest.fixture(scope="module")
def summary() -> Any:
    return service.aggregate_files([EXAMPLES])


def test_at_least_four_departments_ship() -> None:
    assert len(FILES) >= 4
    names = {raw(f)["info"]["department"] for f in FILES}
    assert {"区民課", "子育て支援課", "課税課", "保険年金課"} <= names


def test_each_department_matches_its_raw_json(summary: Any) -> None:
    rows = {d.source: d for d in summary.departments}
    assert set(rows) == {f.name for f in FILES}
    for f in FILES:
        data = raw(f)
        d = rows[f.name]
        assert d.department == data["info"]["department"]
        assert d.task_count == len(data["tasks"])
        assert d.inventory_hours == pytest.approx(sum(hours(t) for t in data["tasks"]))
        focus = set(data["focus"])
        assert d.focus_hours == pytest.approx(sum(hours(t) for t in data["tasks"] if t["id"] in focus))
        assert d.realised_hours == pytest.approx(realised(data))
        assert d.action_count == len(data["actions"])
        assert d.done_count == sum(1 for x in data["actions"] if x["status"] == "done")
        assert not d.version_flag


def test_ward_totals_are_the_sums_of_the_files(summary: Any) -> None:
    datas = [raw(f) for f in FILES]
    assert summary.total("inventory_hours") == pytest.approx(sum(hours(t) for d in datas for t in d["tasks"]))
    assert summary.total("realised_hours") == pytest.approx(sum(realised(d) for d in datas))
    assert summary.total("realised_hours") > 0  # the examples do record follow-ups
    assert summary.total("done_count") == sum(1 for d in datas for x in d["actions"] if x["status"] == "done")
    # potential: each department's own score (the path `score --json` takes) must add up to the ward figure
    own = 0.0
    for f in FILES:
        opened = service.open_assessment(f)
        own += service.score_json(opened.questionnaire, opened.assessment)["totals"]["potential_hours"]
    assert summary.total("potential_hours") == pytest.approx(own, abs=0.05 * len(FILES))


def test_quick_wins_done_are_done_quick_wins(summary: Any) -> None:
    for f in FILES:
        opened = service.open_assessment(f)
        data = service.score_json(opened.questionnaire, opened.assessment)
        quick = {(q["task_id"], q["measure_id"]) for q in data["quick_wins"]}
        done = {(x["task_id"], x["measure_id"]) for x in raw(f)["actions"] if x["status"] == "done"}
        row = next(d for d in summary.departments if d.source == f.name)
        assert row.quick_wins_done == len(quick & done)
        assert row.quick_win_count == len(quick)


def test_pain_points_count_departments_from_focus_tasks(summary: Any) -> None:
    expected: dict[str, set[str]] = {}
    for f in FILES:
        data = raw(f)
        for tid in data["focus"]:
            for p in data["analysis"].get(tid, {}).get("pain_points", []):
                expected.setdefault(p, set()).add(data["info"]["department"])
    got = {p.value: set(p.departments) for p in summary.pains}
    assert got == expected
    counts = [len(p.departments) for p in summary.pains]
    assert counts == sorted(counts, reverse=True)


def test_cross_department_proposals_are_grouped(summary: Any) -> None:
    # data sharing (庁内データ共有) is always a central-team proposal: every department choosing it shows up
    sharing = {raw(f)["info"]["department"] for f in FILES
               if any(per.get("data_sharing", {}).get("chosen") for per in raw(f)["measures"].values())}
    assert len(sharing) >= 3
    group = next(g for g in summary.groups if g.kind == "measure" and g.key == "data_sharing")
    assert set(group.departments) == sharing
    # the 照会・回答 category joins the inquiry tasks of several departments, 区民課 among them
    inquiry = next(g for g in summary.groups if g.kind == "category" and g.key == "inquiry")
    assert "区民課" in inquiry.departments and len(inquiry.departments) >= 3
    assert all(len(g.departments) >= 2 for g in summary.groups)
    assert inquiry.label.ja == "照会・回答"


def test_broken_and_foreign_files_are_reported_and_skipped(tmp_path: Path) -> None:
    for f in FILES:
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "broken.kaizen.json").write_bytes(FILES[0].read_bytes()[:500])  # cut off mid-save
    (tmp_path / "foreign.json").write_text(json.dumps({"name": "address book", "rows": []}), "utf-8")
    other = raw(FILES[0])
    other["questionnaire"] = {"id": "another_city_form", "version": "2.0.0"}
    (tmp_path / "other_questionnaire.kaizen.json").write_text(json.dumps(other, ensure_ascii=False), "utf-8")
    (tmp_path / "garbage.json").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "notes.txt").write_text("not an assessment", "utf-8")  # not .json: not even looked at
    summary = service.aggregate_files([tmp_path])
    assert [d.source for d in summary.departments] == [f.name for f in FILES]
    skipped = {Path(p.path).name: p.code for p in summary.skipped}
    assert set(skipped) == {"broken.kaizen.json", "foreign.json", "other_questionnaire.kaizen.json", "garbage.json"}
    assert skipped["broken.kaizen.json"] in ("A010", "A017")  # damaged or cut off: storage decides which
    assert skipped["foreign.json"] == "A012"
    assert skipped["other_questionnaire.kaizen.json"] == "Q028"
    # the skipped files appear in the exported table, with a reason in words
    skipped_table = summary_tables(summary)[-1]
    assert len(skipped_table.rows) == 4 and all(r[2] for r in skipped_table.rows)


def test_a_missing_path_is_reported_not_fatal(tmp_path: Path) -> None:
    summary = service.aggregate_files([FILES[0], tmp_path / "gone.kaizen.json"])
    assert len(summary.departments) == 1
    assert [p.code for p in summary.skipped] == ["S001"]


def test_another_questionnaire_version_is_flagged_not_dropped(tmp_path: Path) -> None:
    for f in FILES:
        shutil.copy(f, tmp_path / f.name)
    old = raw(FILES[0])
    old["questionnaire"]["version"] = "0.9.0"
    old["info"]["department"] = "旧版の部署"
    (tmp_path / "zz_old.kaizen.json").write_text(json.dumps(old, ensure_ascii=False), "utf-8")
    summary = service.aggregate_files([tmp_path])
    flagged = [d for d in summary.departments if d.version_flag]
    assert [d.department for d in flagged] == ["旧版の部署"]
    assert flagged[0].file_version == "0.9.0" and flagged[0].scored_version == "2.0.0"
    assert summary.mixed_versions
    assert "W102" in {w.code for w in summary.warnings}
    assert any(p.code == "A014" for p in flagged[0].notes)
    # its figures still count, scored with the current version
    assert flagged[0].inventory_hours == pytest.approx(sum(hours(t) for t in old["tasks"]))


def test_the_same_department_twice_is_counted_once(tmp_path: Path) -> None:
    shutil.copy(FILES[0], tmp_path / "a.kaizen.json")
    shutil.copy(FILES[0], tmp_path / "b.kaizen.json")
    summary = service.aggregate_files([tmp_path])
    assert [d.source for d in summary.departments] == ["a.kaizen.json"]
    assert [(x.name, x.kept, x.reason) for x in summary.set_aside] == [("b.kaizen.json", "a.kaizen.json", "older_copy")]
    assert [w.code for w in summary.warnings] == ["W101"]


def test_nothing_readable_gives_an_empty_summary(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("{}", "utf-8")
    summary = service.aggregate_files([tmp_path])
    assert summary.departments == () and len(summary.skipped) == 1


def test_the_same_file_reached_twice_is_read_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``aggregate DIR DIR`` (or a folder and a file in it) read each file twice, then set one reading aside with
    W101 「同じ部署・係・年度のファイルが複数あります…4件を集計から外しました」 as if each section had sent two."""
    from app.cli import main
    from app.service.cases import collect_cases

    ward = tmp_path / "ward"
    ward.mkdir()
    for f in FILES:
        shutil.copy(f, ward / f.name)
    first = ward / FILES[0].name
    twice = [[ward, ward], [ward, first], [first, ward], [ward, tmp_path / "ward" / ".." / "ward" / first.name],
             [ward, tmp_path, ward]]
    # links where the file system has them: Windows makes a symbolic link only with developer mode, and under Wine
    # one made to a Windows path is created but leads nowhere (reading it is S001, as for any missing file)
    for name, make in (("link.kaizen.json", Path.symlink_to), ("hard.kaizen.json", Path.hardlink_to)):
        link = tmp_path / name
        try:
            make(link, first)
            works = link.read_bytes() == first.read_bytes()
        except OSError:
            works = False
        if works:
            twice.append([ward, link])
        elif os.name != "nt":  # on Linux both must work, or the case is not tested at all
            raise AssertionError(f"{name} could not be made")
    for paths in twice:
        summary = service.aggregate_files(paths)
        assert len(summary.departments) == len(FILES), paths
        assert summary.set_aside == () and "W101" not in {w.code for w in summary.warnings}, paths
        assert summary.skipped == (), paths
    capsys.readouterr()
    assert main(["aggregate", str(ward), str(ward)]) == 0
    err = capsys.readouterr().err
    assert "W101" not in err and "同じ部署" not in err, err
    run = collect_cases([ward, first])
    assert run.files == len(FILES) and run.collected.duplicates == 0
    # a copy is another file: it is still the section's second file, set aside with W101
    shutil.copy(first, ward / "zz_copy.kaizen.json")
    summary = service.aggregate_files([ward, ward])
    assert [(x.name, x.kept) for x in summary.set_aside] == [("zz_copy.kaizen.json", first.name)]
    assert [w.code for w in summary.warnings] == ["W101"] and len(summary.departments) == len(FILES)
