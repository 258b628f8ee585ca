"""One chosen measure scored, and a task's measures combined: the per-measure part of :mod:`app.domain.scoring`.

A department of 10,000 focus tasks asks the same few conditions 30,000 times, on answers that repeat:
:class:`Catalogue` looks the questionnaire up once per score and remembers each condition's result per
distinct tuple of the (typed) answers it reads (:func:`app.domain.answer_keys.frozen`). Every rule is in
``../docs/scoring.md``; the results are exactly those of evaluating every condition each time (tested
against that straightforward scorer on random departments).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from app.domain.answer_keys import NONE_KEY, UNFROZEN, frozen
from app.domain.assessment import MeasureChoice
from app.domain.questionnaire import CHOICE_TYPES, EMPTY, Item, LText, Measure, Questionnaire
from app.domain.results import MeasureResult, filled

ECRS_RANK = {"E": 0, "C": 1, "R": 2, "S": 3, "M": 4, "T": 5}
_Conditions = tuple[float, bool, bool, tuple[LText, ...], bool, LText]
_GROUP_LIMIT = 4096  # remembered answer tuples of the grouped triggers: memory stays bounded
_FIGURES = ("premature", "ease", "potential_band", "potential_hours", "quick_win_candidate")
_ABSENT = object()  # the key of an answer not given (a measure's share then takes its default)


class Catalogue:
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
        by_id = {m.id: (n, m) for n, m in enumerate(q.measures)}
        self.by_id = by_id if len(by_id) == len(q.measures) else None
        self.condition_refs = [_condition_refs(q, m) for m in q.measures]
        self._conditions: dict[tuple[object, ...], _Conditions] = {}
        # Triggers that read only answers with few possible values (choices, yes/no) are tested together, once
        # per distinct tuple of those answers; the others (a number of cases, a text) one by one.
        few = [all(_few_valued(q, r) for r in m.trigger.references()) for m in self.triggered]
        self.grouped_refs = tuple(sorted({r for m, f in zip(self.triggered, few, strict=True) if f
                                          for r in m.trigger.references()}))
        self.grouped = [n for n, f in enumerate(few) if f]
        self.single_triggers = [(n, m.trigger) for n, (m, f) in enumerate(zip(self.triggered, few, strict=True))
                                if not f]
        self._groups: dict[tuple[object, ...], frozenset[int]] = {}
        self._answer_parts: dict[tuple[object, ...], tuple[float, float | None, bool]] = {}
        self.quadrant_potential_min = q.value("quadrant_potential_min")
        self.quadrant_ease_min = q.value("quadrant_ease_min")
        self.bands = [(band.min_hours, band.level) for band in q.bands]
        # What the keyed tests of a measure read (its conditions and the quick-win rule) and what its own
        # answers' part reads.
        qwr = s.quick_win_requires.references()
        self.measure_refs = [tuple(sorted({*refs, *qwr})) for refs in self.condition_refs]
        self.fit_refs = [tuple(sorted({rule.item for rule in m.fit})) for m in q.measures]
        self.part_refs = [tuple(sorted({s.affected_share_item, *s.ease_items, *(i for i, _ in required), *fit}))
                          for required, fit in zip(self.required, self.fit_refs, strict=True)]
        # A measure's answer part and conditions together, and its quick-win tests, per distinct key of what
        # they read (``part_refs`` hold the fit answers too); the quick-win tests only when the rule reads none
        # of the figures computed on the way.
        self._fixed: dict[tuple[object, ...], tuple[tuple[float, float | None, bool], _Conditions]] = {}
        self._quick: dict[tuple[object, ...], tuple[bool, bool]] = {}
        self.quick_keyed = not qwr & set(_FIGURES)

    def chosen(self, choices: Mapping[str, MeasureChoice]) -> list[tuple[int, Measure, MeasureChoice]]:
        """(catalogue index, measure, choice) of each measure of the catalogue with a choice, in catalogue order
        when the catalogue's ids are not unique (each measure of an id then sees that id's choice)."""
        if self.by_id is None:
            return [(n, m, choice) for n, m in enumerate(self.q.measures) if (choice := choices.get(m.id)) is not None]
        return [(*found, choice) for mid, choice in choices.items() if (found := self.by_id.get(mid)) is not None]

    def band_for(self, hours: float) -> int:
        """:meth:`Questionnaire.band_for` with the bands looked up once."""
        level = self.bands[0][1]
        for min_hours, band_level in self.bands:
            if hours >= min_hours:
                level = band_level
        return level

    def part_key(self, measure_index: int, answers: Mapping[str, Any]) -> tuple[object, ...]:
        """The :func:`frozen` keys of the measure's own answers its part reads (an answer not given apart from a
        blank one)."""
        return tuple([(v if (v := answers[r]).__class__ is str else frozen(v)) if r in answers else _ABSENT
                      for r in self.part_refs[measure_index]])

    def answer_part(self, measure_index: int, answers: Mapping[str, Any],
                    part: tuple[object, ...]) -> tuple[float, float | None, bool]:
        """What a measure's own answers give: (affected share, ease, every required answer given).

        Remembered per measure and distinct ``part`` (:meth:`part_key` of ``answers``): most tasks answer alike.
        """
        key = (measure_index, part)
        found = self._answer_parts.get(key)
        if found is None:
            found = self._answer_part(measure_index, answers)
            if len(self._answer_parts) < _GROUP_LIMIT and UNFROZEN not in part:
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
        # The fit rules read the measure's own answer (not the task's of the same name): keyed apart.
        own = tuple([frozen(answers[r]) if r in answers else _ABSENT for r in self.fit_refs[measure_index]])
        key = (measure_index, tuple([mkeys.get(r, NONE_KEY) for r in self.condition_refs[measure_index]]), own)
        found = self._conditions.get(key)
        if found is None:
            s = self.q.scoring
            factor, review, blocked, notices = _fit(self, measure, make_env, mkeys, answers)
            own_cross = bool(measure.cross_department and measure.cross_department.test_keyed(mkeys, make_env))
            cross = own_cross or s.cross_department.test_keyed(mkeys, make_env)
            reason = (measure.proposal_reason if own_cross else s.cross_department_reason) if cross else EMPTY
            found = (factor, review, blocked, tuple(notices), cross, reason)
            if len(self._conditions) < _GROUP_LIMIT and UNFROZEN not in key[1] and UNFROZEN not in own:
                self._conditions[key] = found
        return found

    def suggested(self, env: Mapping[str, Any]) -> tuple[str, ...]:
        """The enabled measures whose trigger holds, in catalogue order.

        The grouped triggers are tested once per distinct tuple of the answers they read (their :func:`frozen`
        keys); the others (which read a number of cases or a text, different for nearly every task) on each
        task."""
        key = tuple([v if (v := env.get(r)).__class__ is str else NONE_KEY if v is None else frozen(v)
                     for r in self.grouped_refs])
        held = self._groups.get(key)
        if held is None:
            held = frozenset(n for n in self.grouped if self.triggered[n].trigger.test(env))
            if len(self._groups) < _GROUP_LIMIT and UNFROZEN not in key:
                self._groups[key] = held
        singles = [n for n, trigger in self.single_triggers if trigger.test(env)]
        if singles:
            held = held.union(singles)
        return tuple([m.id for n, m in enumerate(self.triggered) if n in held])


def _condition_refs(q: Questionnaire, m: Measure) -> tuple[str, ...]:
    """Every answer :meth:`Catalogue.conditions` reads for ``m``: its fit questions and what their relevance,
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


def _choice_score(item: Item, value: object) -> float | None:
    choice = item.choice(value)
    return choice.score if choice is not None else None


def _quadrant(c: Catalogue, band: int, ease: float | None) -> str:
    high = band >= c.quadrant_potential_min
    easy = ease is not None and ease >= c.quadrant_ease_min
    if high:
        return "quick_win" if easy else "major_project"
    return "fill_in" if easy else "not_now"


def _fit(c: Catalogue, measure: Measure, make_env: Callable[[], Mapping[str, Any]], mkeys: Mapping[str, object],
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


def score_measure(c: Catalogue, env: dict[str, Any], *, task_index: int, task_id: str,
                   hours: float, suitability: float | None, measure: Measure, measure_index: int,
                   answers: Mapping[str, Any], premature: bool) -> dict[str, Any]:
    """One measure on its own: the fields of its :class:`MeasureResult` before `combine` orders the task's.

    Its conditions see the task's answers with the measure's on top (``overlay``, growing as figures are
    known); that mapping is built only when a condition meets a tuple of values it has not seen before. What
    the answer part, the conditions and the quick-win tests give is remembered per measure and distinct
    :func:`frozen` keys of what they read (the measure's answers over the task's; the part: its answers alone).
    """
    refs = c.measure_refs[measure_index]
    mkey = tuple([v if (v := answers[r] if r in answers else env.get(r)).__class__ is str
                  else NONE_KEY if v is None else frozen(v) for r in refs])
    pkey = c.part_key(measure_index, answers)
    key = (measure_index, mkey, pkey)
    fixed = c._fixed.get(key)
    if fixed is None:
        fixed = (c.answer_part(measure_index, answers, pkey),
                 c.conditions(measure, measure_index, dict(zip(refs, mkey, strict=True)), _merged(env, answers, {}, ()),
                              answers))
        if len(c._fixed) < _GROUP_LIMIT and UNFROZEN not in mkey and UNFROZEN not in pkey:
            c._fixed[key] = fixed
    (share, ease, complete), (fit_factor, review, blocked, notices, cross, reason) = fixed
    factor = (suitability if suitability is not None else 0.5) if measure.automation else 1.0
    alone = hours * share * measure.reduction_rate * factor * fit_factor
    band = c.band_for(alone)
    quadrant = _quadrant(c, band, ease)
    if premature:
        # A big change is coming: plan it after the change instead of doing it now.
        quadrant = {"quick_win": "major_project", "fill_in": "not_now"}.get(quadrant, quadrant)
    candidate = eligible = False
    if quadrant == "quick_win" and not premature and not cross and not blocked:
        found = c._quick.get(key) if c.quick_keyed else None
        if found is None:
            found = _quick_win(c, env, answers, dict(zip(refs, mkey, strict=True)), premature=premature, ease=ease,
                               band=band, alone=alone)
            if c.quick_keyed and len(c._quick) < _GROUP_LIMIT and UNFROZEN not in mkey:
                c._quick[key] = found
        candidate, eligible = found
    return {
        "task_id": task_id, "measure_id": measure.id, "task_index": task_index, "measure_index": measure_index,
        "ecrs": measure.ecrs, "automation": measure.automation, "tool": measure.tool, "annual_hours": hours,
        "affected_share": share, "reduction_rate": measure.reduction_rate,
        "suitability": suitability if measure.automation else None, "band": band, "ease": ease,
        "quadrant": quadrant, "premature": premature, "cross_department": cross, "quick_win_candidate": candidate,
        "quick_win_eligible": eligible, "complete": complete, "standalone_hours": alone, "fit_factor": fit_factor,
        "review": review, "notices": notices, "proposal_reason": reason,
    }


def _merged(env: Mapping[str, Any], answers: Mapping[str, Any], overlay: Mapping[str, Any],
            hidden: list[str] | tuple[str, ...]) -> Callable[[], dict[str, Any]]:
    """What a measure's conditions see, made when called: the task's answers, the measure's on top, then the
    figures of ``overlay``, without the ``hidden`` answers (read as the lists are when called)."""
    def make_env() -> dict[str, Any]:
        merged = dict(env)
        merged.update(answers)
        merged.update(overlay)
        for name in hidden:
            merged.pop(name, None)
        return merged
    return make_env


def _quick_win(c: Catalogue, env: Mapping[str, Any], answers: Mapping[str, Any], mkeys: dict[str, object], *,
               premature: bool, ease: float | None, band: int, alone: float) -> tuple[bool, bool]:
    """(quick-win candidate, eligible) of a measure in the quick-win quadrant: the rule without the
    confirmation answer, then with it (and the candidate's figure)."""
    s = c.q.scoring
    overlay: dict[str, Any] = {"premature": premature, "ease": ease, "potential_band": band, "potential_hours": alone}
    hidden: list[str] = []
    make_env = _merged(env, answers, overlay, hidden)
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
    return candidate, eligible


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
        out.append(filled(MeasureResult, m))
    return out
