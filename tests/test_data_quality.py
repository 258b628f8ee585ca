"""An invalid value still prints a plan, and the plan says so: each value left out is listed, with the reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app import service
from app.domain.quality import left_out
from app.storage.assessment_file import loads
from tests.helpers import EXAMPLE, standard
from tests.report_support import page_texts as pdf_text
from tests.report_support import squash

# (where, value, the field's label, a word of the reason)
BAD = [
    (("tasks", 0, "answers", "annual_cases"), -5, "年間件数", "0以上"),
    (("tasks", 1, "answers", "minutes_per_case"), "たくさん", "1件あたりの処理時間", "数値で"),
    (("tasks", 2, "answers", "category"), "<b>宇宙開発</b>", "業務区分", "選択肢にありません"),
    (("actions", 0, "realised_hours"), -3, "削減できた時間", "0以上"),
]


def _bad_example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for where, value, _label, _reason in BAD:
        target: Any = data
        for key in where[:-1]:
            target = target[key]
        target[where[-1]] = value
    return data


def _opened() -> Any:
    return loads(json.dumps(_bad_example(), ensure_ascii=False), standard(), "bad.kaizen.json")


def test_every_value_left_out_is_listed_with_task_field_value_and_reason() -> None:
    result = _opened()
    rows = [x.row("ja") for x in left_out(standard(), result.assessment)]
    assert len(rows) == len(BAD)
    names = [t.name for t in result.assessment.tasks]
    for (where, value, label, reason), (task, field, shown, why) in zip(BAD, rows, strict=True):
        expected_task = names[where[1]] if where[0] == "tasks" else "住民票の写し等の交付（窓口）"  # a1 is for t3
        assert task == expected_task and label in field and str(value) in shown and reason in why, (task, field, why)
    assert all(len(x.row("en")[3]) > 10 for x in left_out(standard(), result.assessment))


def test_a_clean_file_lists_nothing() -> None:
    assert left_out(standard(), loads(EXAMPLE.read_bytes(), standard()).assessment) == []


def test_the_plan_summary_page_prints_the_data_quality_box() -> None:
    result = _opened()
    pdf = service.render_plan(standard(), result.assessment, lang="ja")
    summary = next(squash(p) for p in pdf_text(pdf) if "まずはこの" in p)  # the summary page itself
    assert squash("データ品質: 計算から除いた値（4 件）") in summary
    for _where, _value, label, reason in BAD:
        assert squash(label) in summary and squash(reason) in summary
    assert "<b>宇宙開発</b>" in summary  # printed literally: user text is escaped
    english = squash(pdf_text(service.render_plan(standard(), result.assessment, lang="en"))[1])
    assert squash("Data quality: values left out of the figures (4)") in english


def test_a_clean_plan_has_no_data_quality_box() -> None:
    a = loads(EXAMPLE.read_bytes(), standard()).assessment
    assert not any("データ品質" in p for p in pdf_text(service.render_plan(standard(), a, lang="ja")))


def test_the_kept_but_invalid_notice_does_not_say_not_in_this_questionnaire() -> None:
    result = _opened()
    notices = [p for p in result.problems if p.code in ("A015", "A019")]
    assert [p.code for p in notices] == ["A019"]
    assert "この質問票にない" not in notices[0].message("ja") and "正しくない値が3件" in notices[0].message("ja")


@pytest.mark.gui
def test_the_output_step_shows_the_same_list(wizard: Any, gui_root: Any, tmp_path: Path) -> None:
    f = tmp_path / "bad.kaizen.json"
    f.write_text(json.dumps(_bad_example(), ensure_ascii=False), encoding="utf-8")
    assert wizard.doc.open_path(f, confirmed=True)
    output = next(i for i, s in enumerate(wizard.q.steps) if s.kind == "output")
    wizard.go(output)
    gui_root.update()
    shown = wizard.page(output).quality.cget("text")
    assert "4件の値は正しくない" in shown
    for row in (x.row("ja") for x in left_out(wizard.q, wizard.a)):
        assert all(part in shown for part in row), row
