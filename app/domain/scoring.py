"""Scoring: hours, Pareto focus, potential, ease, quadrants, quick wins and proposals.

Every rule is in ``../docs/scoring.md`` with its rounding and tie-breaks; every constant comes
from the questionnaire. Figures are kept unrounded here and rounded only when shown.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from app.domain import totals
from app.domain.assessment import Assessment, Task
from app.domain.measure_scoring import ECRS_RANK, Catalogue, combine, score_measure
from app.domain.questionnaire import Item, Questionnaire
from app.domain.results import AssessmentResult, MeasureResult, TaskResult, Totals, filled
from app.domain.vocabulary import QUADRANTS


def task_env(q: Questionnaire, a: Assessment, task: Task, calculated: list[Item] | None = None) -> dict[str, Any]:
    """The answers visible to task-scope expressions, with calculated items filled in (``calculated``: the
    task-grid items with a calculation, in order, when already looked up)."""
    env: dict[str, Any] = dict(a.info)
    env.update(task.answers)
    env.update(a.analysis.get(task.id, {}))
    for item in q.items_of("task_grid") if calculated is None else calculated:
        if item.calculate is not None:
            env[item.id] = item.calculate.evaluate(env)
    return env


def annual_hours(q: Questionnaire, env: Mapping[str, Any]) -> float:
    """``H`` from the questionnaire's hours expression; blank or negative gives 0."""
    value = q.scoring.hours.evaluate(env)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) and value > 0 else 0.0


def likert_share(env: Mapping[str, Any], ids: tuple[str, ...]) -> float | None:
    """Mean of the answered 1–5 items mapped to 0–1 ((mean − 1) / 4); ``None`` if none answered."""
    values = [float(v) for i in ids if (v := env.get(i)).__class__ is int or v.__class__ is float
              or (isinstance(v, int | float) and not isinstance(v, bool))]
    if not values:
        return None
    return (sum(values) / len(values) - 1) / 4


def default_focus(q: Questionnaire, hours: list[tuple[int, str, float]]) -> list[str]:
    """The smallest top set covering ``pareto_coverage`` of all hours, at most ``max_focus_tasks``.

    ``hours`` is (inventory index, task id, H). Ties in hours keep inventory order. Tasks with
    0 hours are never selected.
    """
    total = sum(h for _, _, h in hours)
    if total <= 0:
        return []
    coverage = q.value("pareto_coverage") * total
    limit = int(q.value("max_focus_tasks"))
    chosen: list[str] = []
    covered = 0.0
    for _, task_id, h in sorted(hours, key=lambda x: (-x[2], x[0])):
        if covered >= coverage - 1e-9 or len(chosen) >= limit or h <= 0:
            break
        chosen.append(task_id)
        covered += h
    return chosen


def sequence_key(m: MeasureResult) -> tuple[int, int]:
    """The order measures apply on one task: E, C, R, S, M, then tools; catalogue order within a letter."""
    return ECRS_RANK.get(m.ecrs, 5), m.measure_index


def pick_quick_wins(q: Questionnaire, measures: list[MeasureResult]) -> tuple[MeasureResult, ...]:
    """ECRS order first, then potential, then inventory and catalogue order; at most ``max_quick_wins``.

    If a no-tool measure is eligible but none was picked, the last pick gives way to the best one.
    """
    eligible = sorted((m for m in measures if m.quick_win_eligible),
                      key=lambda m: (ECRS_RANK.get(m.ecrs, 5), -m.standalone_hours, m.task_index, m.measure_index))
    limit = int(q.value("max_quick_wins"))
    picked = eligible[:limit]
    if picked and all(m.tool for m in picked):
        no_tool = next((m for m in eligible if not m.tool), None)
        if no_tool is not None:
            picked[-1] = no_tool
    return tuple(picked)


def score(q: Questionnaire, a: Assessment) -> AssessmentResult:
    """Compute every figure of the results page and the printed plan."""
    with paused_collection():
        return _score(q, a)


@contextmanager
def paused_collection() -> Iterator[None]:
    """Python's cycle collector paused while a result is built (and restored as it was).

    Every object the scorer makes is either freed by its reference count or kept in the result, so a
    collection finds nothing to free; yet a result of 30,000 measures made the collector walk every
    object of the process again and again (about 40 % of the scorer's time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _score(q: Questionnaire, a: Assessment) -> AssessmentResult:
    s = q.scoring
    calculated = [item for item in q.items_of("task_grid") if item.calculate is not None]
    envs = [task_env(q, a, t, calculated) for t in a.tasks]
    hours = [annual_hours(q, env) for env in envs]
    focus = a.focus if a.focus is not None else default_focus(q, [(i, t.id, h) for i, (t, h)
                                                                  in enumerate(zip(a.tasks, hours, strict=True))])
    focus_set = set(focus)
    total = sum(hours)
    order = sorted(range(len(a.tasks)), key=lambda i: (-hours[i], i))
    rank = {i: r for r, i in enumerate(order)}
    cumulative: dict[int, float] = {}
    running = 0.0
    for i in order:
        running += hours[i]
        cumulative[i] = running / total if total else 0.0

    task_results: list[TaskResult] = []
    measure_results: list[MeasureResult] = []
    c = Catalogue(q)
    for i, (task, env, h) in enumerate(zip(a.tasks, envs, hours, strict=True)):
        is_focus = task.id in focus_set
        premature = s.premature.test(env)
        pains = env.get(s.pain_points_item) or []
        suitability = likert_share(env, s.suitability_items)
        suggested: tuple[str, ...] = ()
        mine: list[MeasureResult] = []
        if is_focus:
            suggested = c.suggested(env)
            chosen = a.measures.get(task.id, {})
            parts: list[dict[str, Any]] = []
            # The chosen measures of the catalogue (in any order: `combine` orders them by ECRS and index).
            for index, measure, choice in c.chosen(chosen):
                if choice.chosen and measure.enabled:
                    parts.append(score_measure(c, env, task_index=i, task_id=task.id, hours=h,
                                                suitability=suitability, measure=measure, measure_index=index,
                                                answers=choice.answers, premature=premature))
            mine = combine(c.unit, parts)
        measure_results.extend(mine)
        task_results.append(filled(TaskResult, {
            "task_id": task.id, "index": i, "name": task.name, "category": env.get("category"), "annual_hours": h,
            "focus": is_focus, "rank": rank[i] + 1, "cumulative_share": cumulative[i], "suitability": suitability,
            "readiness": likert_share(env, s.readiness_items),
            "pains": tuple(pains) if isinstance(pains, list) else (), "premature": premature, "suggested": suggested,
            "potential_hours": min(h, sum([m.potential_hours for m in mine])),
            "peak_months": totals.peak_months(env.get(s.peak_months_item)) if s.peak_months_item else (),
            "overtime_hours": totals.number(env.get(s.overtime_item)) if s.overtime_item else None,
        }))

    potential = sum(t.potential_hours for t in task_results)
    quick_wins = pick_quick_wins(q, measure_results)
    proposals = tuple(m for m in measure_results if m.cross_department)
    target = a.info.get(s.target_hours_item)
    target_hours = float(target) if isinstance(target, int | float) and not isinstance(target, bool) and target > 0 \
        else None
    realised = sum(x.realised_hours for x in a.actions if x.realised_hours is not None and x.status != "cancelled")
    focus_results = [t for t in task_results if t.focus]
    pain_item = q.item(s.pain_points_item)
    profile = {str(c.value): (sum([c.value in t.pains for t in focus_results]) / len(focus_results)
                              if focus_results else 0.0) for c in pain_item.choices}
    quadrant_counts = dict.fromkeys(QUADRANTS, 0)  # every scored measure, by quadrant, in one pass
    for m in measure_results:
        if m.quadrant in quadrant_counts:
            quadrant_counts[m.quadrant] += 1
    year = totals.this_year(q, a, measure_results)
    headcount = totals.headcount(q, a)
    capacity = headcount * q.value("hours_per_fte") if headcount is not None else None
    result_totals = Totals(
        inventory_hours=total,
        focus_hours=sum(t.annual_hours for t in focus_results),
        potential_hours=potential,
        potential_yen=potential * q.value("unit_cost_yen_per_hour"),
        potential_index=potential / total * 100 if total else 0.0,
        target_hours=target_hours,
        target_progress=year.expected / target_hours if target_hours else None,
        realised_hours=realised,
        task_count=len(a.tasks),
        focus_count=len(focus_results),
        quick_win_count=len(quick_wins),
        major_project_count=sum(1 for m in measure_results if m.quadrant == "major_project" and not m.cross_department),
        proposal_count=len(proposals),
        quadrant_counts=quadrant_counts,
        realisation_factor=year.factor,
        fiscal_year_end=year.end.isoformat() if year.end else "",
        this_year_planned_hours=year.planned,
        this_year_expected_hours=year.expected,
        headcount=headcount,
        capacity_hours=capacity,
        monthly_hours=totals.monthly_hours(q, task_results),
    )
    warnings = totals.warnings(q, a, result_totals)
    return AssessmentResult(tuple(task_results), tuple(measure_results), quick_wins, proposals, result_totals,
                            profile, tuple(warnings), year.left_out)
