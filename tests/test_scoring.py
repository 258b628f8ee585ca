"""Scoring pinned to framework.md: hours, Pareto focus, potential per measure, ease, quadrants, quick wins."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from app import service
from app.domain.assessment import MeasureChoice
from app.domain.scoring import default_focus, pick_quick_wins, score
from tests.helpers import easy, hard, one_task, standard

Q = standard()

BASE = {"name": "業務", "annual_cases": 1200, "minutes_per_case": 30, "rule_based": 4, "input_medium": 2,
        "structured": 4, "stability": 4, "documentation": 4}  # H = 1200 × 30 / 60 = 600 h


def test_annual_hours_formula() -> None:
    a = one_task(Q, {"name": "x", "annual_cases": 1200, "minutes_per_case": 15, "fixed_hours": 40})
    assert score(Q, a).tasks[0].annual_hours == pytest.approx(1200 * 15 / 60 + 40)
    a = one_task(Q, {"name": "fixed only", "fixed_hours": 300})
    assert score(Q, a).tasks[0].annual_hours == 300


# measure, task overrides, analysis, share (割), ease answers, expected P, band, quadrant
TABLE: list[tuple[str, dict[str, Any], dict[str, Any], int, dict[str, Any], float, int, str]] = [
    ("eliminate", {}, {"ecrs_e": "yes"}, 1, easy(), 600 * 0.1 * 1.0, 3, "quick_win"),
    ("combine", {}, {"ecrs_c_repeat": "yes"}, 3, hard(), 600 * 0.3 * 0.3, 3, "major_project"),
    ("rearrange", {}, {"ecrs_r": "yes"}, 5, easy(), 600 * 0.5 * 0.2, 3, "quick_win"),
    ("simplify", {}, {"pain_points": ["seal"]}, 2, easy(), 600 * 0.2 * 0.2, 2, "fill_in"),
    ("manual", {"documentation": 2}, {}, 3, easy(), 600 * 0.3 * 0.1, 1, "fill_in"),
    ("ai_ocr", {}, {}, 5, hard(), 600 * 0.5 * 0.4 * ((4 + 2 + 4) / 3 - 1) / 4, 3, "major_project"),
    ("rpa", {"input_medium": 3}, {"pain_points": ["retyping"]}, 10, easy(),
     600 * 1.0 * 0.56 * ((4 + 3 + 4) / 3 - 1) / 4, 4, "quick_win"),
    ("online_form", {"channel": ["counter"]}, {}, 3, hard(), 600 * 0.3 * 0.3, 3, "major_project"),
    ("cashless", {}, {"pain_points": ["cash"]}, 1, hard(), 600 * 0.1 * 0.3, 1, "not_now"),
    ("online_meeting", {}, {"pain_points": ["meetings"]}, 4, easy(), 600 * 0.4 * 0.2, 2, "fill_in"),
    ("chat_faq", {}, {"pain_points": ["inquiries"]}, 10, easy(), 600 * 1.0 * 0.2, 3, "quick_win"),
    ("paperless", {}, {"pain_points": ["paper"]}, 10, easy(), 600 * 1.0 * 0.15, 3, "quick_win"),
    ("data_sharing", {}, {"pain_points": ["cross_dept"]}, 10, easy(), 600 * 1.0 * 0.3, 4, "quick_win"),
]


@pytest.mark.parametrize(("measure", "task", "analysis", "share", "ease", "potential", "band", "quadrant"), TABLE,
                         ids=[row[0] for row in TABLE])
def test_each_measure_scores_as_framework_md_says(measure: str, task: dict[str, Any], analysis: dict[str, Any],
                                                  share: int, ease: dict[str, Any], potential: float, band: int,
                                                  quadrant: str) -> None:
    a = one_task(Q, {**BASE, **task}, analysis, {measure: {"affected_share": share, **ease}})
    result = score(Q, a)
    assert measure in result.tasks[0].suggested, "the trigger must hold for this table row"
    m = result.measures[0]
    assert m.potential_hours == pytest.approx(potential)
    assert m.potential_yen == pytest.approx(potential * 4000)
    assert m.band == band
    assert m.quadrant == quadrant
    expected_ease = 5.0 if ease == easy() else (1 + 1 + 1 + 1 + 1 + 2) / 6
    assert m.ease == pytest.approx(expected_ease)
    assert (m.suitability is not None) == (measure in ("ai_ocr", "rpa"))


def test_triggers_do_not_fire_without_their_condition() -> None:
    result = score(Q, one_task(Q, {**BASE, "input_medium": 4, "documentation": 4}, {"ecrs_e": "no"}))
    assert result.tasks[0].suggested == ()


def test_ecrs_questions_after_e_are_skipped_when_e_is_yes() -> None:
    env = {"ecrs_e": "yes"}
    for item_id in ("ecrs_c_other_dept", "ecrs_c_repeat", "ecrs_r", "ecrs_s"):
        relevant = Q.item(item_id).relevant
        assert relevant is not None and not relevant.test(env) and relevant.test({"ecrs_e": "no"})


def test_premature_measure_is_never_a_quick_win() -> None:
    a = one_task(Q, {**BASE, "stability": 1}, {"ecrs_e": "yes"}, {"eliminate": {"affected_share": 10, **easy()}})
    result = score(Q, a)
    m = result.measures[0]
    assert m.premature and m.quadrant == "major_project"
    assert result.quick_wins == ()


def test_quick_win_confirmation_no_removes_it() -> None:
    answers = {"affected_share": 10, **easy()}
    a = one_task(Q, BASE, {"ecrs_e": "yes"}, {"eliminate": answers})
    assert score(Q, a).measures[0].quick_win_candidate
    assert len(score(Q, a).quick_wins) == 1
    answers["quick_win_confirm"] = "no"
    a = one_task(Q, BASE, {"ecrs_e": "yes"}, {"eliminate": answers})
    assert score(Q, a).quick_wins == ()


def test_quick_win_needs_no_budget_no_coordination_and_three_months() -> None:
    for key, value in (("ease_budget", "existing"), ("ease_coordination", "one"), ("ease_period", "within_6m")):
        answers = {"affected_share": 10, **easy(), key: value}
        result = score(Q, one_task(Q, BASE, {"ecrs_e": "yes"}, {"eliminate": answers}))
        assert result.quick_wins == (), key


def test_cross_department_goes_to_the_central_team_not_quick_wins() -> None:
    a = one_task(Q, BASE, {"ecrs_c_other_dept": "yes"}, {"combine": {"affected_share": 10, **easy()}})
    result = score(Q, a)
    assert result.measures[0].cross_department
    assert result.quick_wins == ()
    assert [m.measure_id for m in result.proposals] == ["combine"]
    # combine is local when only the repeated-entry question said yes
    a = one_task(Q, BASE, {"ecrs_c_repeat": "yes"}, {"combine": {"affected_share": 10, **easy()}})
    assert not score(Q, a).measures[0].cross_department


def test_quick_wins_follow_ecrs_order_before_potential() -> None:
    a = one_task(Q, {**BASE, "input_medium": 3}, {"ecrs_e": "no", "ecrs_r": "yes", "ecrs_s": "yes",
                                                  "pain_points": ["inquiries", "paper", "retyping"]},
                 {"rearrange": {"affected_share": 5, **easy()}, "simplify": {"affected_share": 5, **easy()},
                  "chat_faq": {"affected_share": 10, **easy()}, "paperless": {"affected_share": 10, **easy()},
                  "rpa": {"affected_share": 10, **easy()}})
    result = score(Q, a)
    assert [m.measure_id for m in result.quick_wins] == ["rearrange", "simplify", "rpa"]


def test_at_least_one_no_tool_measure_when_one_exists() -> None:
    a = one_task(Q, {**BASE, "input_medium": 3, "documentation": 2},
                 {"ecrs_e": "no", "pain_points": ["inquiries", "paper", "retyping"]},
                 {"chat_faq": {"affected_share": 10, **easy()}, "paperless": {"affected_share": 10, **easy()},
                  "rpa": {"affected_share": 10, **easy()}, "manual": {"affected_share": 10, **easy()}})
    eligible = [m for m in score(Q, a).measures if m.quick_win_eligible]
    assert {m.measure_id for m in eligible} == {"chat_faq", "paperless", "rpa", "manual"}
    # A central team may file a no-tool measure under the tools (ecrs T) with a small potential:
    # ranking alone would then pick three tools, and the rule must give the last place to it.
    demoted = [replace(m, ecrs="T", potential_hours=1.0) if m.measure_id == "manual" else m for m in eligible]
    picked = pick_quick_wins(Q, demoted)
    assert [m.measure_id for m in picked] == ["rpa", "chat_faq", "manual"]


def test_measures_on_one_task_never_save_more_than_the_task() -> None:
    a = one_task(Q, BASE, {"ecrs_e": "yes", "pain_points": ["paper", "inquiries"]},
                 {"eliminate": {"affected_share": 10, **easy()}, "paperless": {"affected_share": 10, **easy()}})
    result = score(Q, a)
    assert sum(m.standalone_hours for m in result.measures) > 600
    assert [m.potential_hours for m in result.measures] == [pytest.approx(600), pytest.approx(0)]
    assert result.totals.potential_hours == pytest.approx(600)
    assert result.totals.potential_index == pytest.approx(100)


def test_pareto_default_focus_is_the_smallest_top_set_covering_80_percent() -> None:
    hours = [(0, "a", 50.0), (1, "b", 300.0), (2, "c", 400.0), (3, "d", 150.0), (4, "e", 100.0), (5, "z", 0.0)]
    # total 1000: c 400, b 300 (700), d 150 (850 ≥ 800) -> c, b, d
    assert default_focus(Q, hours) == ["c", "b", "d"]
    assert default_focus(Q, [(i, f"t{i}", 10.0) for i in range(20)]) == [f"t{i}" for i in range(10)]  # max 10, ties
    assert default_focus(Q, [(0, "a", 0.0)]) == []


def test_pain_profile_is_the_share_of_focus_tasks() -> None:
    a = service.new_assessment(Q, {"department": "課"})
    for n in range(4):
        a.add_task({"name": f"業務{n}", "fixed_hours": 100})
    a.focus = ["t1", "t2", "t3", "t4"]
    a.analysis = {"t1": {"pain_points": ["paper"]}, "t2": {"pain_points": ["paper", "cash"]}}
    profile = score(Q, a).pain_profile
    assert profile["paper"] == 0.5 and profile["cash"] == 0.25 and profile["seal"] == 0.0
    assert list(profile) == [str(c.value) for c in Q.item("pain_points").choices]


def test_unchosen_measures_are_not_scored() -> None:
    a = one_task(Q, BASE, {"ecrs_e": "yes"})
    a.measures["t1"] = {"eliminate": MeasureChoice(False, {"affected_share": 10, **easy()})}
    assert score(Q, a).measures == ()


@pytest.mark.parametrize(("hours", "headcount", "codes"), [
    (2090, {"headcount_regular": 1}, []),  # 1,900 × 1.1 = 2,090: not more than 10 % over
    (2091, {"headcount_regular": 1}, ["W001"]),
    (950, {"headcount_regular": 1}, []),  # exactly half
    (949, {"headcount_regular": 1}, ["W003"]),
    (5000, {"headcount_regular": 1, "headcount_part_time": 1.5, "headcount_contract": 0.5}, []),  # 3 FTE = 5,700 h
    (5000, {}, []),  # no headcount: no check
])
def test_capacity_is_checked_against_the_section_headcount(hours: float, headcount: dict[str, float],
                                                           codes: list[str]) -> None:
    a = one_task(Q, {"name": "業務", "fixed_hours": hours, "staff": 0.1})  # a task's own 担当人数 is descriptive
    a.info.update(headcount)
    assert [w.code for w in score(Q, a).warnings] == codes


def test_example_department_figures_are_believable() -> None:
    opened = service.open_assessment(service.example_assessment_path())
    assert opened.problems == []
    result = score(opened.questionnaire, opened.assessment)
    t = result.totals
    assert t.task_count == 12 and t.focus_count == 6
    assert t.inventory_hours == pytest.approx(25497.7, abs=0.05)
    assert 5 < t.potential_index < 20
    assert [m.measure_id for m in result.quick_wins] == ["eliminate", "rearrange", "simplify"]
    assert {m.measure_id for m in result.proposals} == {"combine", "data_sharing"}
    assert t.headcount == 13.5 and result.warnings == ()
    assert sum(t.quadrant_counts.values()) == len(result.measures)
    assert sum(x.potential_hours for x in result.tasks) == pytest.approx(t.potential_hours)
