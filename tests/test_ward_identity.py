"""Which file is a department: one file per department, section and fiscal year; sections summed; none twice."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from app import service
from app.domain.aggregate import is_due
from app.domain.assessment import Action
from app.domain.identity import fiscal_year

EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"
KAZEI = EXAMPLES / "example_kazei.kaizen.json"


def variant(path: Path, **info: Any) -> dict[str, Any]:
    data = json.loads(path.read_text("utf-8"))
    modified = info.pop("modified", None)
    data["info"].update(info)
    if modified:
        data["modified"] = modified
    return data


def put(folder: Path, name: str, data: dict[str, Any]) -> None:
    (folder / name).write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def test_fiscal_year_starts_in_april() -> None:
    assert fiscal_year(dt.date(2027, 3, 31)) == 2026
    assert fiscal_year(dt.date(2027, 4, 1)) == 2027
    assert fiscal_year(None) is None


def test_newest_session_of_a_fiscal_year_counts_and_the_older_is_listed(tmp_path: Path) -> None:
    put(tmp_path, "old.kaizen.json", variant(KAZEI, session_date="2026-05-10"))
    put(tmp_path, "new.kaizen.json", variant(KAZEI, session_date="2026-10-27"))
    s = service.aggregate_files([tmp_path])
    assert [d.source for d in s.departments] == ["new.kaizen.json"]
    assert [(x.name, x.kept, x.reason) for x in s.set_aside] == [("old.kaizen.json", "new.kaizen.json",
                                                                    "older_session")]
    single = service.aggregate_files([tmp_path / "new.kaizen.json"])
    assert s.total("inventory_hours") == pytest.approx(single.total("inventory_hours"))  # never counted twice


def test_the_same_session_saved_later_wins_over_its_copy(tmp_path: Path) -> None:
    put(tmp_path, "a_copy.kaizen.json", variant(KAZEI, modified="2026-11-01T10:00:00+09:00"))
    put(tmp_path, "b_followup.kaizen.json", variant(KAZEI, modified="2027-02-12T16:00:00+09:00"))
    s = service.aggregate_files([tmp_path])
    assert [d.source for d in s.departments] == ["b_followup.kaizen.json"]
    assert s.set_aside[0].reason == "older_copy" and s.set_aside[0].name == "a_copy.kaizen.json"


def test_another_fiscal_year_is_a_separate_row_and_is_warned(tmp_path: Path) -> None:
    put(tmp_path, "fy25.kaizen.json", variant(KAZEI, session_date="2026-03-10"))
    put(tmp_path, "fy26.kaizen.json", variant(KAZEI, session_date="2026-10-27"))
    s = service.aggregate_files([tmp_path])
    assert {d.fiscal_year for d in s.departments} == {2025, 2026}
    assert not s.set_aside
    assert "W104" in {w.code for w in s.warnings}


def test_sections_of_one_department_are_summed(tmp_path: Path) -> None:
    put(tmp_path, "a.kaizen.json", variant(KAZEI, section="市民税係"))
    put(tmp_path, "b.kaizen.json", variant(KAZEI, section="資産税係"))
    s = service.aggregate_files([tmp_path])
    assert len(s.departments) == 2 and not s.set_aside
    (dept,) = s.by_department()
    assert dept.department == "課税課" and len(dept.sections) == 2
    assert dept.total("inventory_hours") == pytest.approx(2 * s.departments[0].inventory_hours)
    from app.exchange.tables import summary_tables

    by_dept = summary_tables(s)[1]
    assert [r[:3] for r in by_dept.rows] == [["課税課", 2, "市民税係、資産税係"]]


def test_the_csv_lists_the_set_aside_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(KAZEI, folder / "a.kaizen.json")
    shutil.copy(KAZEI, folder / "b.kaizen.json")
    s = service.aggregate_files([folder])
    from app.exchange.tables import summary_tables

    aside = summary_tables(s)[-2]
    assert aside.rows == [["b.kaizen.json", "課税課", "市民税係", 2026, "同じ実施日の古い保存", "a.kaizen.json"]]


def test_only_due_reviews_count_in_the_realised_rate() -> None:
    day = dt.date(2027, 3, 1)
    assert is_due(Action("a", "t", "m", status="done", review_date="2099-01-01"), day)
    assert is_due(Action("a", "t", "m", status="in_progress", review_date="2027-03-01"), day)
    assert not is_due(Action("a", "t", "m", status="in_progress", review_date="2027-03-02"), day)
    assert not is_due(Action("a", "t", "m", status="cancelled", review_date="2020-01-01"), day)
    assert not is_due(Action("a", "t", "m", review_date=""), day)
    early = service.aggregate_files([KAZEI], dt.date(2026, 11, 1))
    late = service.aggregate_files([KAZEI], dt.date(2027, 3, 1))
    assert early.total("due_count") < late.total("due_count")
    # before any review date only the done action counts: its realised hours against its own plan
    (row,) = early.departments
    assert row.due_realised_hours == pytest.approx(row.realised_hours)
    assert early.due_rate() == pytest.approx(row.due_realised_hours / row.due_planned_hours)
