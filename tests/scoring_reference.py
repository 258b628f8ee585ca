"""The scorer as it was before its conditions were remembered (commit 5c2a029): the test's reference.

The straightforward path: every condition evaluated for every task and measure, every result built twice.
:mod:`app.domain.scoring` must give exactly the same :class:`AssessmentResult` on any department.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from app.domain import totals
from app.domain.assessment import Assessment, Task
from app.domain.questionnaire import EMPTY, Item, LText, Measure, Questionnaire
from app.domain.results import AssessmentResult, MeasureResult, TaskResult, Totals
from app.domain.vocabulary import QUADRANTS

ECRS_RANK = {"E": 0, "C": 1, "R": 2, "S": 3, "M": 4, "T": 5}


def task_env(q: Questionnaire, a: Assessment, task: Task) -> dict[str, Any]:
    """The answers visible to task-scope expressions, with calculated items filled in."""
    env: dict[str, Any] = dict(a.info)
    env.update(task.answers)
    env.update(a.analysis.get(task.id, {}))
    for item in q.items_of("task_grid"):
        if item.calculate is not None:
            env[item.id] = item.calculate.evaluate(env)
    return env


def annual_hours(q: Questionnaire, env: Mapping[str, Any]) -> float:
    """``H`` from the questionnaire's hours expression; blank or negative gives 0."""
    value = q.scoring.hours.evaluate(env)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) and value > 0 else 0.0


def likert_share(env: Mapping[str, Any], ids: tuple[str, ...]) -> float | None:
    """Mean of the answered 1–5 items mapped to 0–1 ((mean − 1) / 4); ``None`` if none answered."""
    values = [float(env[i]) for i in ids if isinstance(env.get(i), int | float) and not isinstance(env.get(i), bool)]
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


def _choice_score(item: Item, value: object) -> float | None:
    choice = item.choice(value)
    return choice.score if choice is not None else None


def _quadrant(q: Questionnaire, band: int, ease: float | None) -> str:
    high = band >= q.value("quadrant_potential_min")
    easy = ease is not None and ease >= q.value("quadrant_ease_min")
    if high:
        return "quick_win" if easy else "major_project"
    return "fill_in" if easy else "not_now"


def _fit(q: Questionnaire, measure: Measure, menv: Mapping[str, Any],
         answers: Mapping[str, Any]) -> tuple[float, bool, bool, list[LText]]:
    """Fit rules and gates: (factor, needs review, kept out of the quick wins, messages)."""
    factor, review, blocked = 1.0, False, False
    notices: list[LText] = []
    default_factor = q.value("fit_no_factor", 0.5)
    for rule in measure.fit:
        item = q.item(rule.item)
        if item.relevant is not None and not item.relevant.test(menv):
            continue
        answer = answers.get(rule.item)
        if answer == rule.no_value:
            factor *= rule.factor if rule.factor is not None else default_factor
        elif answer != rule.unknown_value:
            continue
        review = blocked = True
        notices.append(rule.message)
    for gate in measure.gates:
        if gate.when.test(menv):
            review = True
            blocked = blocked or gate.excludes_quick_win
            notices.append(gate.message)
    return factor, review, blocked, notices


def _score_measure(q: Questionnaire, env: dict[str, Any], *, task_index: int, task_id: str, hours: float,
                   measure: Measure, measure_index: int, answers: Mapping[str, Any], premature: bool) -> MeasureResult:
    """One measure on its own: its stand-alone figure, band, quadrant and quick-win status."""
    s = q.scoring
    menv = dict(env)
    menv.update(answers)
    share_item = q.item(s.affected_share_item)
    share_value = answers.get(s.affected_share_item, share_item.default)
    share = _choice_score(share_item, share_value) or 0.0
    suitability = likert_share(env, s.suitability_items)
    factor = (suitability if suitability is not None else 0.5) if measure.automation else 1.0
    fit_factor, review, blocked, notices = _fit(q, measure, menv, answers)
    alone = hours * share * measure.reduction_rate * factor * fit_factor
    band = q.band_for(alone)
    ease_scores = [sc for i in s.ease_items if (sc := _choice_score(q.item(i), answers.get(i))) is not None]
    ease = sum(ease_scores) / len(ease_scores) if ease_scores else None
    quadrant = _quadrant(q, band, ease)
    if premature:
        # A big change is coming: plan it after the change instead of doing it now.
        quadrant = {"quick_win": "major_project", "fill_in": "not_now"}.get(quadrant, quadrant)
    own_cross = bool(measure.cross_department and measure.cross_department.test(menv))
    cross = own_cross or s.cross_department.test(menv)
    reason = (measure.proposal_reason if own_cross else s.cross_department_reason) if cross else EMPTY
    menv.update(premature=premature, ease=ease, potential_band=band, potential_hours=alone)
    pre_confirm = dict(menv)
    pre_confirm.pop(s.quick_win_confirm_item, None)
    candidate = quadrant == "quick_win" and not premature and not cross and not blocked \
        and s.quick_win_requires.test(pre_confirm)
    menv["quick_win_candidate"] = candidate
    eligible = candidate and s.quick_win_requires.test(menv)
    required = [i for i in (*q.measure_items, *measure.items) if i.required and i.is_input]
    complete = all(answers.get(i.id) not in (None, "", []) or i.default is not None for i in required)
    return MeasureResult(
        task_id=task_id, measure_id=measure.id, task_index=task_index,
        measure_index=measure_index, ecrs=measure.ecrs, automation=measure.automation,
        tool=measure.tool, annual_hours=hours, affected_share=share, reduction_rate=measure.reduction_rate,
        suitability=suitability if measure.automation else None, potential_hours=alone,
        potential_yen=alone * q.value("unit_cost_yen_per_hour"), band=band, ease=ease, quadrant=quadrant,
        premature=premature, cross_department=cross, quick_win_candidate=candidate, quick_win_eligible=eligible,
        complete=complete, standalone_hours=alone, fit_factor=fit_factor, review=review, notices=tuple(notices),
        proposal_reason=reason,
    )


def sequence_key(m: MeasureResult) -> tuple[int, int]:
    """The order measures apply on one task: E, C, R, S, M, then tools; catalogue order within a letter."""
    return ECRS_RANK.get(m.ecrs, 5), m.measure_index


def combine(q: Questionnaire, measures: list[MeasureResult]) -> list[MeasureResult]:
    """One task's measures applied one after another, each on the hours the earlier ones leave.

    ``P_i = H_left × a_i × r_i × s_i × fit_i``; the task's total is ``H × (1 − Π(1 − f_i))`` and never
    exceeds ``H``. Returns the measures in that order with ``potential_hours`` set to each one's share.
    """
    unit = q.value("unit_cost_yen_per_hour")
    out: list[MeasureResult] = []
    left: float | None = None
    for n, m in enumerate(sorted(measures, key=sequence_key)):
        if left is None:
            left = m.annual_hours
        fraction = m.standalone_hours / m.annual_hours if m.annual_hours > 0 else 0.0
        part = left * min(1.0, fraction)
        left -= part
        out.append(replace(m, potential_hours=part, potential_yen=part * unit, order=n))
    return out


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
    s = q.scoring
    envs = [task_env(q, a, t) for t in a.tasks]
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
    for i, (task, env, h) in enumerate(zip(a.tasks, envs, hours, strict=True)):
        is_focus = task.id in focus_set
        premature = s.premature.test(env)
        pains = env.get(s.pain_points_item) or []
        suggested = tuple(m.id for m in q.measures if is_focus and m.enabled and m.trigger.test(env))
        mine: list[MeasureResult] = []
        if is_focus:
            chosen = a.measures.get(task.id, {})
            for index, measure in enumerate(q.measures):
                choice = chosen.get(measure.id)
                if choice is not None and choice.chosen and measure.enabled:
                    mine.append(_score_measure(q, env, task_index=i, task_id=task.id, hours=h, measure=measure,
                                               measure_index=index, answers=choice.answers, premature=premature))
        mine = combine(q, mine)
        measure_results.extend(mine)
        task_results.append(TaskResult(
            task_id=task.id, index=i, name=task.name, category=env.get("category"), annual_hours=h, focus=is_focus,
            rank=rank[i] + 1, cumulative_share=cumulative[i], suitability=likert_share(env, s.suitability_items),
            readiness=likert_share(env, s.readiness_items), pains=tuple(pains) if isinstance(pains, list) else (),
            premature=premature, suggested=suggested,
            potential_hours=min(h, sum(m.potential_hours for m in mine)),
            peak_months=totals.peak_months(env.get(s.peak_months_item)) if s.peak_months_item else (),
            overtime_hours=totals.number(env.get(s.overtime_item)) if s.overtime_item else None,
        ))

    potential = sum(t.potential_hours for t in task_results)
    quick_wins = pick_quick_wins(q, measure_results)
    proposals = tuple(m for m in measure_results if m.cross_department)
    target = a.info.get(s.target_hours_item)
    target_hours = float(target) if isinstance(target, int | float) and not isinstance(target, bool) and target > 0 \
        else None
    realised = sum(x.realised_hours for x in a.actions if x.realised_hours is not None and x.status != "cancelled")
    focus_results = [t for t in task_results if t.focus]
    pain_item = q.item(s.pain_points_item)
    profile = {str(c.value): (sum(1 for t in focus_results if c.value in t.pains) / len(focus_results)
                              if focus_results else 0.0) for c in pain_item.choices}
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
        quadrant_counts={k: sum(1 for m in measure_results if m.quadrant == k) for k in QUADRANTS},
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
