"""Scoring: hours, Pareto focus, potential, ease, quadrants, quick wins and proposals.

Every rule is in ``../docs/scoring.md`` with its rounding and tie-breaks; every constant comes
from the questionnaire. Figures are kept unrounded here and rounded only when shown.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from app.domain import totals
from app.domain.assessment import Assessment, Task
from app.domain.expressions import NONE_KEY, UNFROZEN, frozen
from app.domain.questionnaire import CHOICE_TYPES, EMPTY, Item, LText, Measure, Questionnaire
from app.domain.results import AssessmentResult, MeasureResult, TaskResult, Totals
from app.domain.vocabulary import QUADRANTS

ECRS_RANK = {"E": 0, "C": 1, "R": 2, "S": 3, "M": 4, "T": 5}
_Conditions = tuple[float, bool, bool, tuple[LText, ...], bool, LText]
_GROUP_LIMIT = 4096  # remembered answer tuples of the grouped triggers: memory stays bounded


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


class _Catalogue:
    """What scoring needs of the questionnaire, looked up once per :func:`score` instead of once per measure."""

    def __init__(self, q: Questionnaire) -> None:
        s = q.scoring
        self.q = q
        self.unit = q.value("unit_cost_yen_per_hour")
        self.fit_no_factor = q.value("fit_no_factor", 0.5)
        self.share_item = q.item(s.affected_share_item)
        self.ease_items = [q.item(i) for i in s.ease_items]
        self.fit_items = {rule.item: q.item(rule.item) for m in q.measures for rule in m.fit}
        self.required = [[(i.id, i.default is not None) for i in (*q.measure_items, *m.items)
                          if i.required and i.is_input] for m in q.measures]
        self.triggered = [m for m in q.measures if m.enabled]
        self.condition_refs = [_condition_refs(q, m) for m in q.measures]
        self._conditions: dict[tuple[object, ...], _Conditions] = {}
        # Triggers that read only answers with few possible values (choices, yes/no) are tested together, once
        # per distinct tuple of those answers; the others (a number of cases, a text) one by one.
        few = [all(_few_valued(q, r) for r in m.trigger.references()) for m in self.triggered]
        self.grouped_refs = tuple(sorted({r for m, f in zip(self.triggered, few, strict=True) if f
                                          for r in m.trigger.references()}))
        self.grouped = [n for n, f in enumerate(few) if f]
        self.single = frozenset(n for n, f in enumerate(few) if not f)
        self._groups: dict[tuple[object, ...], frozenset[int]] = {}
        self._answer_parts: dict[tuple[object, ...], tuple[float, float | None, bool]] = {}

    def answer_part(self, measure_index: int, answers: Mapping[str, Any],
                    answer_keys: dict[str, object]) -> tuple[float, float | None, bool]:
        """What a measure's own answers give: (affected share, ease, every required answer given).

        Remembered per measure and distinct answers (their :func:`frozen` keys): most tasks answer alike.
        """
        key = (measure_index, tuple(answer_keys.items()))
        found = self._answer_parts.get(key)
        if found is None:
            found = self._answer_part(measure_index, answers)
            if len(self._answer_parts) < _GROUP_LIMIT and UNFROZEN not in answer_keys.values():
                self._answer_parts[key] = found
        return found

    def _answer_part(self, measure_index: int, answers: Mapping[str, Any]) -> tuple[float, float | None, bool]:
        s = self.q.scoring
        share = _choice_score(self.share_item, answers.get(s.affected_share_item, self.share_item.default)) or 0.0
        ease_scores = [sc for i in self.ease_items if (sc := _choice_score(i, answers.get(i.id))) is not None]
        ease = sum(ease_scores) / len(ease_scores) if ease_scores else None
        complete = all(answers.get(i) not in (None, "", []) or has_default
                       for i, has_default in self.required[measure_index])
        return share, ease, complete

    def conditions(self, measure: Measure, measure_index: int, mkeys: Mapping[str, object],
                   make_env: Callable[[], Mapping[str, Any]], answers: Mapping[str, Any]) -> _Conditions:
        """The fit rules, gates and cross-department tests of a measure: (fit factor, review, kept out of the
        quick wins, notices, cross-department, proposal reason), once per distinct tuple of what they read."""
        key = (measure_index, tuple([mkeys.get(r, NONE_KEY) for r in self.condition_refs[measure_index]]))
        found = self._conditions.get(key)
        if found is None:
            s = self.q.scoring
            factor, review, blocked, notices = _fit(self, measure, make_env, mkeys, answers)
            own_cross = bool(measure.cross_department and measure.cross_department.test_keyed(mkeys, make_env))
            cross = own_cross or s.cross_department.test_keyed(mkeys, make_env)
            reason = (measure.proposal_reason if own_cross else s.cross_department_reason) if cross else EMPTY
            found = (factor, review, blocked, tuple(notices), cross, reason)
            if len(self._conditions) < _GROUP_LIMIT and UNFROZEN not in key[1]:
                self._conditions[key] = found
        return found

    def suggested(self, env: Mapping[str, Any], keys: Mapping[str, object]) -> tuple[str, ...]:
        """The enabled measures whose trigger holds, in catalogue order (``keys``: :func:`frozen` of ``env``).

        The grouped triggers are tested once per distinct tuple of the answers they read; the others (which
        read a number of cases or a text, different for nearly every task) on each task."""
        key = tuple([keys.get(r, NONE_KEY) for r in self.grouped_refs])
        held = self._groups.get(key)
        if held is None:
            held = frozenset(n for n in self.grouped if self.triggered[n].trigger.test(env))
            if len(self._groups) < _GROUP_LIMIT and UNFROZEN not in key:
                self._groups[key] = held
        return tuple(m.id for n, m in enumerate(self.triggered)
                     if n in held or (n in self.single and m.trigger.test(env)))


def _condition_refs(q: Questionnaire, m: Measure) -> tuple[str, ...]:
    """Every answer :meth:`_Catalogue.conditions` reads for ``m``: its fit questions and what their relevance,
    its gates and the cross-department tests name."""
    refs = {rule.item for rule in m.fit}
    for rule in m.fit:
        relevant = q.item(rule.item).relevant
        if relevant is not None:
            refs |= relevant.references()
    for gate in m.gates:
        refs |= gate.when.references()
    if m.cross_department is not None:
        refs |= m.cross_department.references()
    refs |= q.scoring.cross_department.references()
    return tuple(sorted(refs))


def _few_valued(q: Questionnaire, item_id: str) -> bool:
    """Whether the answer ``item_id`` has few possible values: a choice or a yes/no (not a number or a text)."""
    if not q.has_item(item_id):
        return False
    item = q.item(item_id)
    return item.calculate is None and (item.type in CHOICE_TYPES or item.type == "boolean")


def _measure_result(values: dict[str, Any]) -> MeasureResult:
    """The :class:`MeasureResult` of ``values`` (every field): the object ``MeasureResult(**values)`` makes.

    A frozen dataclass's ``__init__`` sets each of its 28 fields through ``object.__setattr__``; 30,000
    measures spent more time there than in the rules. The fields go into the instance dictionary at once.
    """
    result = object.__new__(MeasureResult)
    object.__setattr__(result, "__dict__", values)
    return result


def _choice_score(item: Item, value: object) -> float | None:
    choice = item.choice(value)
    return choice.score if choice is not None else None


def _quadrant(q: Questionnaire, band: int, ease: float | None) -> str:
    high = band >= q.value("quadrant_potential_min")
    easy = ease is not None and ease >= q.value("quadrant_ease_min")
    if high:
        return "quick_win" if easy else "major_project"
    return "fill_in" if easy else "not_now"


def _fit(c: _Catalogue, measure: Measure, make_env: Callable[[], Mapping[str, Any]], mkeys: Mapping[str, object],
         answers: Mapping[str, Any]) -> tuple[float, bool, bool, list[LText]]:
    """Fit rules and gates: (factor, needs review, kept out of the quick wins, messages)."""
    factor, review, blocked = 1.0, False, False
    notices: list[LText] = []
    for rule in measure.fit:
        item = c.fit_items[rule.item]
        if item.relevant is not None and not item.relevant.test_keyed(mkeys, make_env):
            continue
        answer = answers.get(rule.item)
        if answer == rule.no_value:
            factor *= rule.factor if rule.factor is not None else c.fit_no_factor
        elif answer != rule.unknown_value:
            continue
        review = blocked = True
        notices.append(rule.message)
    for gate in measure.gates:
        if gate.when.test_keyed(mkeys, make_env):
            review = True
            blocked = blocked or gate.excludes_quick_win
            notices.append(gate.message)
    return factor, review, blocked, notices


def _score_measure(c: _Catalogue, env: dict[str, Any], keys: dict[str, object], *, task_index: int, task_id: str,
                   hours: float, suitability: float | None, measure: Measure, measure_index: int,
                   answers: Mapping[str, Any], premature: bool) -> dict[str, Any]:
    """One measure on its own: the fields of its :class:`MeasureResult` before :func:`combine` orders the task's.

    Its conditions see the task's answers with the measure's on top (``overlay``, growing as figures are
    known); that mapping is built only when a condition meets a tuple of values it has not seen before.
    """
    q, s = c.q, c.q.scoring
    overlay: dict[str, Any] = dict(answers)
    hidden: list[str] = []

    def make_env() -> dict[str, Any]:
        merged = dict(env)
        merged.update(overlay)
        for name in hidden:
            merged.pop(name, None)
        return merged

    answer_keys = {k: frozen(v) for k, v in answers.items()}
    mkeys = dict(keys)
    mkeys.update(answer_keys)
    share, ease, complete = c.answer_part(measure_index, answers, answer_keys)
    factor = (suitability if suitability is not None else 0.5) if measure.automation else 1.0
    fit_factor, review, blocked, notices, cross, reason = c.conditions(measure, measure_index, mkeys, make_env,
                                                                       answers)
    alone = hours * share * measure.reduction_rate * factor * fit_factor
    band = q.band_for(alone)
    quadrant = _quadrant(q, band, ease)
    if premature:
        # A big change is coming: plan it after the change instead of doing it now.
        quadrant = {"quick_win": "major_project", "fill_in": "not_now"}.get(quadrant, quadrant)
    candidate = False
    if quadrant == "quick_win" and not premature and not cross and not blocked:
        overlay.update(premature=premature, ease=ease, potential_band=band, potential_hours=alone)
        mkeys.update(premature=frozen(premature), ease=frozen(ease), potential_band=frozen(band),
                     potential_hours=frozen(alone))
        confirm = s.quick_win_confirm_item
        pre_keys = dict(mkeys)
        pre_keys.pop(confirm, None)
        hidden.append(confirm)
        candidate = s.quick_win_requires.test_keyed(pre_keys, make_env)
        hidden.clear()
        overlay["quick_win_candidate"] = candidate
        mkeys["quick_win_candidate"] = frozen(candidate)
    eligible = candidate and s.quick_win_requires.test_keyed(mkeys, make_env)
    return {
        "task_id": task_id, "measure_id": measure.id, "task_index": task_index, "measure_index": measure_index,
        "ecrs": measure.ecrs, "automation": measure.automation, "tool": measure.tool, "annual_hours": hours,
        "affected_share": share, "reduction_rate": measure.reduction_rate,
        "suitability": suitability if measure.automation else None, "band": band, "ease": ease,
        "quadrant": quadrant, "premature": premature, "cross_department": cross, "quick_win_candidate": candidate,
        "quick_win_eligible": eligible, "complete": complete, "standalone_hours": alone, "fit_factor": fit_factor,
        "review": review, "notices": notices, "proposal_reason": reason,
    }


def sequence_key(m: MeasureResult) -> tuple[int, int]:
    """The order measures apply on one task: E, C, R, S, M, then tools; catalogue order within a letter."""
    return ECRS_RANK.get(m.ecrs, 5), m.measure_index


def combine(unit: float, measures: list[dict[str, Any]]) -> list[MeasureResult]:
    """One task's measures applied one after another, each on the hours the earlier ones leave.

    ``P_i = H_left × a_i × r_i × s_i × fit_i``; the task's total is ``H × (1 − Π(1 − f_i))`` and never
    exceeds ``H``. Returns the measures in that order with ``potential_hours`` set to each one's share
    (``measures``: the fields of :func:`_score_measure`; each result is built once, here).
    """
    out: list[MeasureResult] = []
    left: float | None = None
    ordered = sorted(measures, key=lambda m: (ECRS_RANK.get(m["ecrs"], 5), m["measure_index"]))
    for n, m in enumerate(ordered):
        if left is None:
            left = m["annual_hours"]
        fraction = m["standalone_hours"] / m["annual_hours"] if m["annual_hours"] > 0 else 0.0
        part = left * min(1.0, fraction)
        left -= part
        m.update(potential_hours=part, potential_yen=part * unit, order=n)
        out.append(_measure_result(m))
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
    c = _Catalogue(q)
    for i, (task, env, h) in enumerate(zip(a.tasks, envs, hours, strict=True)):
        is_focus = task.id in focus_set
        premature = s.premature.test(env)
        pains = env.get(s.pain_points_item) or []
        suitability = likert_share(env, s.suitability_items)
        suggested: tuple[str, ...] = ()
        mine: list[MeasureResult] = []
        if is_focus:
            keys = {k: frozen(v) for k, v in env.items()}
            suggested = c.suggested(env, keys)
            chosen = a.measures.get(task.id, {})
            parts: list[dict[str, Any]] = []
            for index, measure in enumerate(q.measures):
                choice = chosen.get(measure.id)
                if choice is not None and choice.chosen and measure.enabled:
                    parts.append(_score_measure(c, env, keys, task_index=i, task_id=task.id, hours=h,
                                                suitability=suitability, measure=measure, measure_index=index,
                                                answers=choice.answers, premature=premature))
            mine = combine(c.unit, parts)
        measure_results.extend(mine)
        task_results.append(TaskResult(
            task_id=task.id, index=i, name=task.name, category=env.get("category"), annual_hours=h, focus=is_focus,
            rank=rank[i] + 1, cumulative_share=cumulative[i], suitability=suitability,
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
