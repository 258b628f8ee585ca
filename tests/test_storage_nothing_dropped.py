"""Open + save drops nothing: every part of the file the app does not own or understand comes back equal in value.

Each case puts one foreign or unusable value somewhere in the example file; after reading and saving (by
the storage layer, by ``import --into`` and by a save after a follow-up), the value at that place is
equal to the original, and one notice names it. Duplicate keys are refused, located.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.domain import plan
from app.domain.errors import AssessmentError
from app.storage import preserve
from app.storage.assessment_file import dumps, load, loads, save
from tests.helpers import EXAMPLE, ROOT, standard

Path_ = tuple[str | int, ...]
CSV_SHEET = "業務名,年間件数\n新しい業務,12\n"

# (name, where in the file, value) — the value replaces (or adds) what is at that place
CASES: list[tuple[str, Path_, Any]] = [
    ("unknown action status", ("actions", 0, "status"), "on_hold"),
    ("negative realised hours", ("actions", 0, "realised_hours"), -5),
    ("NaN realised hours", ("actions", 0, "realised_hours"), math.nan),
    ("infinite realised hours", ("actions", 0, "realised_hours"), math.inf),
    ("1e308 realised hours", ("actions", 0, "realised_hours"), 1e308),
    ("realised hours as words", ("actions", 0, "realised_hours"), "たくさん"),
    ("realised hours as true", ("actions", 0, "realised_hours"), True),
    ("history with unknown statuses and notes", ("actions", 0, "history"),
     [{"date": "2026-10-01", "status": "paused", "note": "予算待ち"},
      {"date": "2026-11-01", "status": "in_progress", "realised_hours": -3, "note": "再開"},
      {"date": "2026-12-01", "status": "done", "note": "完了", "reviewer": "課長"}, "メモだけ"]),
    ("history that is text", ("actions", 1, "history"), "10月に見直し"),
    ("owner that is a number", ("actions", 0, "owner"), 12345),
    ("owner that is true", ("actions", 1, "owner"), True),
    ("action id that is a number", ("actions", 2, "id"), 77),
    ("unknown action key", ("actions", 0, "priority"), {"level": 3, "tags": ["急ぎ"]}),
    ("action that is text", ("actions", 3), "未整理のメモ"),
    ("unknown top-level key", ("x_custom",), {"a": [1, 2.5, None], "b": "テキスト"}),
    ("unknown task key", ("tasks", 0, "colour"), "red"),
    ("task id that is a number", ("tasks", 1, "id"), 5),
    ("task that is text", ("tasks", 2), "手書きの行"),
    ("answers that are a list", ("tasks", 3, "answers"), ["a", "b"]),
    ("unknown measure-choice key", ("measures", "t1", "combine", "weight"), 2),
    ("chosen as text", ("measures", "t1", "simplify", "chosen"), "yes"),
    ("measure choice that is a number", ("measures", "t1", "online_form"), 42),
    ("focus with numbers", ("focus",), [1, "t2"]),
    ("focus as text", ("focus",), "t1"),
    ("unknown language", ("lang",), "fr"),
    ("created as a number", ("created",), 20260401),
    ("info as a list", ("info",), ["区民課"]),
    ("actions as an object", ("actions",), {"a1": "x"}),
]


def _put(data: Any, where: Path_, value: Any) -> None:
    for key in where[:-1]:
        data = data[key]
    data[where[-1]] = value


def _get(data: Any, where: Path_) -> Any:
    for key in where:
        data = data[key]
    return data


def _name(where: Path_) -> str:
    """``actions[0].status``: how the notice names a place."""
    return "".join(f"[{k}]" if isinstance(k, int) else (f".{k}" if n else k) for n, k in enumerate(where))


def _example(where: Path_, value: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    _put(data, where, value)
    return data


def _saved_by_storage(tmp_path: Path, data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    result = loads(json.dumps(data, ensure_ascii=False), standard(), "in.kaizen.json")
    path = tmp_path / "out.kaizen.json"
    save(result.assessment, path)
    return json.loads(path.read_text(encoding="utf-8")), [p.message("ja") for p in result.problems]


def _saved_by_import(tmp_path: Path, data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    path = tmp_path / "into.kaizen.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(CSV_SHEET, encoding="utf-8")
    assert main(["import", str(sheet), "--into", str(path)]) == 0
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["tasks"][-1]["answers"]["name"] == "新しい業務"
    return saved, []


SAVERS: list[Callable[[Path, dict[str, Any]], tuple[dict[str, Any], list[str]]]] = [_saved_by_storage,
                                                                                     _saved_by_import]


@pytest.mark.parametrize("saver", SAVERS, ids=["save", "import --into"])
@pytest.mark.parametrize(("name", "where", "value"), CASES, ids=[c[0] for c in CASES])
def test_what_the_app_does_not_understand_comes_back_equal(tmp_path: Path, name: str, where: Path_, value: Any,
                                                           saver: Callable[..., Any]) -> None:
    data = _example(where, value)
    saved, notices = saver(tmp_path, data)
    assert preserve.same(_get(saved, where), value), (name, _get(saved, where))
    if saver is _saved_by_storage:
        named = [n for n in notices if "扱わない内容" in n]
        assert len(named) == 1, notices  # one notice (A020) …
        assert _name(where) in named[0], (_name(where), named)  # … naming the place
    # and a second round trip changes nothing more
    again, _ = _saved_by_storage(tmp_path, saved)
    assert preserve.same(_get(again, where), value)


def test_every_other_value_is_unchanged_too(tmp_path: Path) -> None:
    """Apart from the stamp and the answers (which the app normalises: 20 → 20.0, choices in list order)."""
    data = _example(("actions", 0, "status"), "on_hold")
    data["x_custom"] = [1, 2]
    saved, _ = _saved_by_storage(tmp_path, data)
    for key in ("modified", "app_version", "info", "analysis"):
        saved.pop(key), data.pop(key)
    for tree in (saved, data):
        for task in tree["tasks"]:
            task["answers"] = sorted(task["answers"])
        for per in tree["measures"].values():
            for choice in per.values():
                choice["answers"] = sorted(choice["answers"])
    assert preserve.same(saved, data)


def test_a_follow_up_appended_keeps_the_old_history_and_the_users_status_wins(tmp_path: Path) -> None:
    history = [{"date": "2026-10-01", "status": "paused", "note": "予算待ち"}]
    data = _example(("actions", 0, "history"), history)
    data["actions"][0]["status"] = "on_hold"
    result = loads(json.dumps(data, ensure_ascii=False), standard())
    action = result.assessment.action("a1")
    plan.record_follow_up(action, "in_progress", dt.date(2026, 12, 1), 12.5, "再開")
    path = tmp_path / "f.kaizen.json"
    save(result.assessment, path)
    saved = json.loads(path.read_text(encoding="utf-8"))["actions"][0]
    assert saved["status"] == "in_progress"  # the user's new status, not the unknown one
    assert saved["history"][0] == history[0]  # the entry this app cannot read is still first
    assert saved["history"][-1]["status"] == "in_progress" and saved["history"][-1]["note"] == "再開"
    assert saved["realised_hours"] == 12.5


def test_invalid_realised_hours_are_reported_by_field() -> None:
    for value, code in ((-5, "A002"), (math.nan, "A001"), (1e308, "A003"), ("たくさん", "A001")):
        result = loads(json.dumps(_example(("actions", 0, "realised_hours"), value)), standard())
        found = [p for p in result.problems if p.where == "actions[0].realised_hours"]
        assert [p.code for p in found] == [code], (value, result.problems)
        assert result.assessment.actions[0].realised_hours is None


@pytest.mark.parametrize("value", [10, "10", "１０", "10時間", 12.5, "12.5"])
def test_realised_hours_in_another_form_are_used_and_not_called_unused(tmp_path: Path, value: Any) -> None:
    # 10 where the app writes 10.0, or hours typed as text in a text editor: the app reads and counts them, so the
    # notice 「このアプリが扱わない内容」 (A020) naming them was untrue; they are still written back as found
    data = _example(("actions", 0, "realised_hours"), value)
    data["actions"][0]["status"] = "done"
    result = loads(json.dumps(data, ensure_ascii=False), standard())
    assert result.assessment.actions[0].realised_hours == float(str(value).translate(
        str.maketrans("１０", "10")).removesuffix("時間"))
    assert [p for p in result.problems if p.code == "A020"] == []
    saved, _ = _saved_by_storage(tmp_path, data)
    assert preserve.same(saved["actions"][0]["realised_hours"], value)


def test_a_number_read_otherwise_is_still_called_unused() -> None:
    # the rule is "read as that same number", not "a number": true, a negative number or an unknown status still
    # give the notice
    for where, value in ((("actions", 0, "realised_hours"), True), (("actions", 0, "realised_hours"), -5),
                         (("actions", 0, "status"), "on_hold")):
        result = loads(json.dumps(_example(where, value)), standard())
        named = [p for p in result.problems if p.code == "A020"]
        assert len(named) == 1 and _name(where) in named[0].params["ids"], (value, result.problems)


@pytest.mark.parametrize(("text", "key", "line"), [
    ('{"format": "kaizen-assessment", "format": "other"}', "format", 1),
    ('{"format": "kaizen-assessment",\n "tasks": [{"id": "t1",\n  "answers": {"name": "a", "name": "b"}}]}',
     "name", 3),
    ('{\n"actions": [\n{"id": "a1"},\n {"id": "a2", "status": "done", "status": "not_started"}]}', "status", 4),
])
def test_duplicate_keys_are_refused_with_the_key_and_the_place(text: str, key: str, line: int) -> None:
    with pytest.raises(AssessmentError) as err:
        loads(text, standard(), "dup.kaizen.json")
    problem = err.value.problems[0]
    assert problem.code == "A021" and problem.params["key"] == key and problem.line == line
    assert f"dup.kaizen.json:{line}:" in problem.render() and f"「{key}」" in problem.render()


def test_a_duplicate_key_exits_2_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace('"lang": "ja",', '"lang": "ja", "lang": "en",', 1)
    f = tmp_path / "dup.kaizen.json"
    f.write_text(text, encoding="utf-8")
    for argv in (["score", str(f)], ["report", str(f), "-o", str(tmp_path / "p.pdf")],
                 ["import", str(ROOT / "tests" / "data" / "simple_inventory.xlsx"), "--into", str(f)]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "A021" in err and "「lang」" in err
    assert f.read_text(encoding="utf-8") == text


def test_the_example_round_trips_byte_for_byte_apart_from_the_stamp() -> None:
    first = load(EXAMPLE, standard())
    assert first.problems == []
    assert dumps(first.assessment, dt.datetime(2026, 1, 1, tzinfo=dt.UTC)) == \
        dumps(loads(dumps(first.assessment), standard()).assessment, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
