"""Measures on one task combine one after another; fit answers and gates count; this year's figure."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest

from app.domain import plan
from app.domain.assessment import Action
from app.domain.errors import AssessmentError
from app.domain.scoring import score
from app.domain.totals import fiscal_year_end
from tests.helpers import easy, hard, one_task, standard

Q = standard()
H = 600.0
BASE = {"name": "業務", "annual_cases": 1200, "minutes_per_case": 30, "rule_based": 4, "input_medium": 2,
        "structured": 4, "stability": 4, "documentation": 2}  # H = 600 h; suitability (4+2+4)/3 → 0.5833
SUIT = ((4 + 2 + 4) / 3 - 1) / 4


# chosen measures {id: share 割}, analysis, expected order, expected stand-alone figures
SEQUENCES: list[tuple[str, dict[str, int], dict[str, Any], list[str], list[float]]] = [
    ("ECRS then manual then tools", {"ai_ocr": 5, "simplify": 3, "manual": 10},
     {"pain_points": ["seal"]}, ["simplify", "manual", "ai_ocr"], [H * 0.3 * 0.2, H * 1.0 * 0.1, H * 0.5 * 0.4 * SUIT]),
    ("two tools keep catalogue order", {"paperless": 10, "ai_ocr": 10},
     {"pain_points": ["paper"]}, ["ai_ocr", "paperless"], [H * 1.0 * 0.4 * SUIT, H * 1.0 * 0.15]),
    ("eliminate everything leaves nothing", {"eliminate": 10, "manual": 10},
     {"ecrs_e": "yes"}, ["eliminate", "manual"], [H, H * 0.1]),
    ("OCR and online form remove the same keying once", {"ai_ocr": 10, "online_form": 10},
     {"pain_points": ["visit"]}, ["ai_ocr", "online_form"], [H * 0.4 * SUIT, H * 0.3]),
]


@pytest.mark.parametrize(("case", "chosen", "analysis", "order", "alone"), SEQUENCES, ids=[r[0] for r in SEQUENCES])
def test_measures_apply_one_after_another(case: str, chosen: dict[str, int], analysis: dict[str, Any],
                                          order: list[str], alone: list[float]) -> None:
    a = one_task(Q, BASE, analysis, {mid: {"affected_share": share, **hard()} for mid, share in chosen.items()})
    result = score(Q, a)
    assert [m.measure_id for m in result.measures] == order
    assert [m.standalone_hours for m in result.measures] == [pytest.approx(x) for x in alone]
    left, shares = H, []
    for x in alone:
        shares.append(left * x / H)
        left -= shares[-1]
    assert [m.potential_hours for m in result.measures] == [pytest.approx(x) for x in shares]
    total = H * (1 - math.prod(1 - x / H for x in alone))
    assert result.tasks[0].potential_hours == pytest.approx(total)
    assert result.totals.potential_hours == pytest.approx(total) and total <= H
    assert [m.order for m in result.measures] == list(range(len(order)))


def test_band_and_quadrant_rank_the_stand_alone_idea() -> None:
    # simplify alone saves 600 × 0.5 × 0.2 = 60 h (band 3); after eliminate 10割 its share is 0
    a = one_task(Q, {**BASE, "stability": 4}, {"ecrs_e": "yes", "pain_points": ["seal"]},
                 {"eliminate": {"affected_share": 10, **easy()}, "simplify": {"affected_share": 5, **easy()}})
    simplify = score(Q, a).measure("t1", "simplify")
    assert simplify is not None
    assert simplify.potential_hours == pytest.approx(0) and simplify.standalone_hours == pytest.approx(60)
    assert simplify.band == 3 and simplify.quadrant == "quick_win"


# fit answer → (factor, 要確認, quick win)
FIT = [("yes", 1.0, False, True), ("no", 0.5, True, False), ("unknown", 1.0, True, False), (None, 1.0, False, True)]


@pytest.mark.parametrize(("answer", "factor", "review", "quick"), FIT, ids=[str(r[0]) for r in FIT])
def test_fit_answers_count(answer: str | None, factor: float, review: bool, quick: bool) -> None:
    task = {**BASE, "input_medium": 3, "rule_based": 5, "structured": 5}
    answers: dict[str, Any] = {"affected_share": 10, **easy()}
    if answer is not None:
        answers["fit_rpa_screens"] = answer
    result = score(Q, one_task(Q, task, {"pain_points": ["retyping"]}, {"rpa": answers}))
    m = result.measures[0]
    suit = ((5 + 3 + 5) / 3 - 1) / 4
    assert m.fit_factor == factor and m.review == review
    assert m.standalone_hours == pytest.approx(H * 1.0 * 0.56 * suit * factor)
    assert bool(result.quick_wins) == quick and m.quick_win_candidate == quick
    assert bool(m.notices) == review


# legal basis, eliminate_scope → review / quick win
SCOPES = [("law", "internal_step", False, True), ("law", "procedure", True, False), ("law", "unknown", True, False),
          ("law", None, True, False), ("ordinance", "procedure", True, False), ("guideline", "procedure", False, True),
          ("none", None, False, True)]


@pytest.mark.parametrize(("basis", "scope", "review", "quick"), SCOPES, ids=[f"{r[0]}-{r[1]}" for r in SCOPES])
def test_eliminating_a_legal_procedure_is_flagged_and_never_a_quick_win(basis: str, scope: str | None, review: bool,
                                                                        quick: bool) -> None:
    answers: dict[str, Any] = {"affected_share": 3, **easy()}
    if scope is not None:
        answers["eliminate_scope"] = scope
    result = score(Q, one_task(Q, {**BASE, "legal_basis": basis}, {"ecrs_e": "yes"}, {"eliminate": answers}))
    m = result.measures[0]
    assert m.review == review and bool(result.quick_wins) == quick
    assert m.fit_factor == 1.0 and m.standalone_hours == pytest.approx(H * 0.3)
    if review:
        assert "法改正" in m.notices[0].ja


def test_online_submission_not_allowed_works_like_a_fit_no() -> None:
    answers = {"affected_share": 10, **easy(), "fit_online_allowed": "no"}
    law = score(Q, one_task(Q, {**BASE, "legal_basis": "law", "channel": ["counter"]}, {}, {"online_form": answers}))
    assert law.measures[0].fit_factor == 0.5 and law.measures[0].review and law.quick_wins == ()
    # the question is asked for 法令 tasks only: elsewhere a stale answer does nothing
    other = score(Q, one_task(Q, {**BASE, "legal_basis": "guideline", "channel": ["counter"]}, {},
                              {"online_form": answers}))
    assert other.measures[0].fit_factor == 1.0 and not other.measures[0].review


@pytest.mark.parametrize(("day", "end"), [("2026-04-01", "2027-03-31"), ("2027-03-31", "2027-03-31"),
                                          ("2026-12-01", "2027-03-31"), ("2027-01-10", "2027-03-31"),
                                          ("2027-04-01", "2028-03-31")])
def test_fiscal_year_end(day: str, end: str) -> None:
    assert fiscal_year_end(dt.date.fromisoformat(day)).isoformat() == end


def test_this_year_counts_local_actions_due_by_march_times_the_realisation_factor() -> None:
    a = one_task(Q, BASE, {"ecrs_e": "no", "ecrs_r": "yes", "ecrs_s": "yes", "ecrs_c_other_dept": "yes",
                           "pain_points": ["inquiries", "seal"]},
                 {"rearrange": {"affected_share": 5, **easy()}, "simplify": {"affected_share": 5, **easy()},
                  "chat_faq": {"affected_share": 5, **easy()}, "combine": {"affected_share": 5, **easy()}})
    a.info["session_date"] = "2026-10-15"
    a.actions = [Action("a1", "t1", "rearrange", deadline="2027-03-31"), Action("a2", "t1", "simplify"),
                 Action("a3", "t1", "chat_faq", deadline="2027-04-01"), Action("a4", "t1", "combine",
                                                                                deadline="2026-12-01")]
    result = score(Q, a)
    shares = {m.measure_id: m.potential_hours for m in result.measures}
    t = result.totals
    assert t.fiscal_year_end == "2027-03-31"
    assert t.this_year_planned_hours == pytest.approx(shares["rearrange"])
    assert t.this_year_expected_hours == pytest.approx(shares["rearrange"] * 0.4)
    assert t.target_progress is None
    assert {(x.measure_id, x.reason) for x in result.not_this_year} == {
        ("simplify", "no_deadline"), ("chat_faq", "later"), ("combine", "proposal")}
    a.info["target_hours"] = 100
    assert score(Q, a).totals.target_progress == pytest.approx(shares["rearrange"] * 0.4 / 100)


def test_quadrant_counts_agree_with_the_matrix_and_quick_wins_are_counted_apart() -> None:
    a = one_task(Q, BASE, {"ecrs_e": "no", "ecrs_r": "yes", "ecrs_s": "yes", "pain_points": ["inquiries", "paper"]},
                 {"rearrange": {"affected_share": 5, **easy()}, "simplify": {"affected_share": 5, **easy()},
                  "chat_faq": {"affected_share": 10, **easy()}, "paperless": {"affected_share": 10, **easy()},
                  "manual": {"affected_share": 10, **easy()}})
    result = score(Q, a)
    counts = result.totals.quadrant_counts
    assert counts == {q: len(result.by_quadrant(q)) for q in ("quick_win", "major_project", "fill_in", "not_now")}
    assert counts["quick_win"] == 5 and result.totals.quick_win_count == 3


@pytest.mark.parametrize(("deadline", "manual", "expected"), [
    ("", False, "2027-01-15"), ("2026-12-01", False, "2027-01-15"), ("2027-02-26", False, "2027-02-26"),
    ("2027-02-26", True, "2027-01-20"),
])
def test_review_date_follows_the_deadline_until_set_by_hand(deadline: str, manual: bool, expected: str) -> None:
    a = one_task(Q, BASE)
    a.info["session_date"] = "2026-10-15"
    x = Action("a1", "t1", "rearrange", review_date=plan.review_date(Q, a))
    if manual:
        plan.set_review_date(Q, a, x, "2027-01-20")
    plan.set_deadline(Q, a, x, deadline)
    assert x.review_date == expected
    assert plan.review_before_deadline(x) == (manual and deadline > expected)
    a.actions = [x]
    assert [w.code for w in score(Q, a).warnings] == (["W004"] if plan.review_before_deadline(x) else [])


def test_a_done_date_after_today_is_refused() -> None:
    today = dt.date(2026, 12, 1)
    assert plan.check_done_date("2026-12-01", today) == today
    assert plan.check_done_date("", today) is None
    with pytest.raises(AssessmentError) as info:
        plan.check_done_date("2026-12-02", today)
    assert info.value.code == "A030" and "2026-12-02" in info.value.problems[0].message("ja")
    x = Action("a1", "t1", "rearrange")
    with pytest.raises(AssessmentError):
        plan.record_follow_up(x, "done", dt.date(2027, 1, 5), 10.0, today=today)
    assert x.status == "not_started" and x.history == []


def test_note_first_line_is_offered_as_title_and_nothing_is_lost() -> None:
    note = "\n控えをやめる\n詳細"
    a = one_task(Q, BASE, {"ecrs_e": "yes"}, {"eliminate": {"affected_share": 3, "measure_note": note}})
    offered = plan.note_titles(Q, a)
    assert offered == [("t1", "eliminate", "控えをやめる")]
    plan.apply_note_titles(Q, a, offered)
    answers = a.measures["t1"]["eliminate"].answers
    assert answers["action_title"] == "控えをやめる" and answers["measure_note"] == note
    assert plan.note_titles(Q, a) == []
