"""No option breaks the export: every combination of empty sections, every measure, and a large department."""

from __future__ import annotations

import itertools

import pytest

from app import service
from app.domain import plan
from app.domain.assessment import Action, Assessment
from app.domain.questionnaire import Questionnaire
from app.report.strings import text
from tests.helpers import EXAMPLE, easy, hard, one_task, standard
from tests.report_support import FIXED, all_text, reader, render, squash

FLAGS = ("no_tasks", "no_focus", "no_measures", "no_quick_wins", "no_proposals", "no_actions", "no_owners")


def _variant(flags: set[str]) -> tuple[Questionnaire, Assessment]:
    opened = service.open_assessment(EXAMPLE)
    q, a = opened.questionnaire, opened.assessment
    if "no_quick_wins" in flags:
        for per in a.measures.values():
            for choice in per.values():
                choice.answers.update(ease_budget="request")
    if "no_proposals" in flags:
        for m in service.score(q, a).proposals:
            a.measures[m.task_id][m.measure_id].chosen = False
    if "no_measures" in flags:
        a.measures = {}
    if "no_focus" in flags:
        a.focus = []
    if "no_tasks" in flags:
        for task in list(a.tasks):
            a.remove_task(task.id)
    if "no_actions" in flags:
        a.actions = []
    if "no_owners" in flags:
        for x in a.actions:
            x.owner = ""
    return q, a


@pytest.mark.parametrize("combo", [c for n in range(len(FLAGS) + 1) for c in itertools.combinations(FLAGS, n)],
                         ids=lambda c: "+".join(c) or "full")
def test_every_combination_of_empty_sections_renders_and_says_what_to_do(combo: tuple[str, ...]) -> None:
    q, a = _variant(set(combo))
    result = service.score(q, a)
    body = all_text(render(q, a))
    for key in ("h_summary", "h_tasks", "h_actions", "h_proposals", "h_assumptions", "h_signoff"):
        assert squash(text(key)) in body
    assert "None" not in body
    if not a.tasks:
        assert squash(text("tasks_none")) in body
        assert squash(text("pareto_none")) in body
    if not result.quick_wins:
        assert squash(text("qw_none")) in body
    if not result.proposals:
        assert squash(text("proposals_none")) in body
    if not result.measures:
        assert squash(text("matrix_none")) in body
    if not a.actions:
        assert squash(text("actions_none")) in body
    elif any(not x.owner for x in a.actions):
        assert "担当者がまだ決まっていない行が" in body


def _all_measures_assessment(q: Questionnaire, measure_ids: list[str]) -> Assessment:
    task = {"name": "全施策テスト業務", "annual_cases": 5000, "minutes_per_case": 12, "fixed_hours": 10,
            "rule_based": 5, "input_medium": 3, "structured": 4, "stability": 4, "documentation": 2,
            "channel": ["counter", "post"]}
    answers = {**easy(), "affected_share": 5}
    a = one_task(q, task, {"pain_points": ["paper", "retyping", "cross_dept"], "ecrs_e": "yes"},
                 {mid: dict(answers) for mid in measure_ids})
    plan.propose_actions(q, a, service.score(q, a), today=FIXED)
    return a


def test_every_measure_of_the_standard_questionnaire_at_once() -> None:
    q = standard()
    ids = [m.id for m in q.measures]
    a = _all_measures_assessment(q, ids)
    body = all_text(render(q, a))
    for m in q.measures:
        assert squash(m.label.ja) in body, m.id


@pytest.mark.parametrize("measure_id", [m.id for m in standard().measures])
def test_each_measure_alone(measure_id: str) -> None:
    q = standard()
    a = _all_measures_assessment(q, [measure_id])
    hard_a = _all_measures_assessment(q, [measure_id])
    for per in hard_a.measures.values():
        per[measure_id].answers.update(hard())
    for variant in (a, hard_a):
        body = all_text(render(q, variant))
        assert squash(q.measure(measure_id).label.ja) in body
        assert squash(q.measure(measure_id).provenance.ja)[:15] in body


def _large(q: Questionnaire, tasks: int, actions: int) -> Assessment:
    a = service.new_assessment(q, {"department": "大規模テスト課", "session_date": "2026-04-01",
                                   "participants": "係長\n担当5名", "target_hours": 5000})
    for i in range(tasks):
        a.add_task({"name": f"業務その{i + 1:03d}（窓口・郵送）", "annual_cases": 100 + 37 * i,
                    "minutes_per_case": 5 + i % 40, "rule_based": 1 + i % 5, "input_medium": 1 + (i * 3) % 5,
                    "structured": 3, "stability": 2 + i % 4, "documentation": 1 + i % 5})
    a.focus = [t.id for t in a.tasks[:30]]
    ids = ["eliminate", "combine", "rearrange", "simplify", "manual", "ai_ocr", "rpa", "paperless"]
    for n, t in enumerate(a.tasks[:30]):
        a.analysis[t.id] = {"pain_points": ["paper", "retyping"], "ecrs_e": "no"}
        for mid in ids[n % 4: n % 4 + 4]:
            choice = a.measure_choice(t.id, mid)
            choice.chosen = True
            choice.answers = {**(easy() if n % 2 else hard()), "affected_share": 3 + n % 5}
    plan.propose_actions(q, a, service.score(q, a), today=FIXED)
    a.actions = a.actions[:actions]
    for n, x in enumerate(a.actions):
        x.owner = f"担当{n + 1}"
        x.deadline = "2026-12-25"
        x.support = "情報政策課に相談\n予算要求の時期を確認" if n % 3 == 0 else ""
    assert len(a.actions) == actions
    return a


@pytest.mark.slow
def test_300_tasks_and_60_actions_render_with_repeated_headers() -> None:
    q = standard()
    a = _large(q, 300, 60)
    data = render(q, a)
    pages = reader(data).pages
    texts = [squash(p.extract_text() or "") for p in pages]
    body = "".join(texts)
    for t in a.tasks:
        assert squash(t.name) in body
    task_pages = [t for t in texts if "業務名" in t and "年間時間" in t]
    assert len(task_pages) >= 5, "the task table spans pages and repeats its header on each"
    action_pages = [t for t in texts if "最初の一歩" in t and "確認日" in t]
    assert len(action_pages) >= 2
    assert f"{len(pages)}/{len(pages)}" in texts[-1]


def test_long_and_many_line_cell_text_is_cut_instead_of_breaking_the_layout() -> None:
    q = standard()
    opened = service.open_assessment(EXAMPLE)
    a = opened.assessment
    a.actions.append(Action(id="a99", task_id=a.tasks[0].id, measure_id="eliminate", owner="係長",
                            first_step="長い説明" * 400, support="\n".join(["行"] * 200)))
    body = all_text(render(q, a))
    assert "長い説明長い説明" in body and "…" in body


def test_measures_without_any_ease_answer_render_and_say_why_they_are_not_plotted() -> None:
    q, a = _variant(set())
    for per in a.measures.values():
        for choice in per.values():
            for key in list(choice.answers):
                if key.startswith("ease_"):
                    del choice.answers[key]
    body = all_text(render(q, a))
    assert "取り組みやすさが未回答の改善策" in body
