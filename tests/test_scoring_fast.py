"""The scorer that remembers its conditions gives exactly what the straightforward one gives, on random departments."""

from __future__ import annotations

import dataclasses
import gc
import random
from typing import Any

import pytest

from app import service
from app.domain import scoring
from app.domain.answer_keys import UNFROZEN, frozen
from app.domain.assessment import Assessment, MeasureChoice
from app.domain.expressions import parse
from app.domain.questionnaire import Item, Questionnaire
from tests import scoring_reference
from tests.helpers import easy, standard

ODD = [None, True, False, 0, 1, 1.0, 0.0, -0.0, 2, 3, 5, 300, 299.5, 1000, "", "yes", "no", [], ["paper"], 10**17 + 1]


def _value(rng: random.Random, item: Item) -> Any:
    """A valid answer of ``item`` most of the time, otherwise something odd (a wrong type, a blank, a bool)."""
    if rng.random() < 0.25:
        return rng.choice(ODD)
    values = [c.value for c in item.choices]
    if item.type == "select_multiple":
        return rng.sample(values, rng.randint(0, min(4, len(values))))
    if values:
        return rng.choice(values)
    if item.type == "boolean":
        return rng.choice([True, False])
    if item.type in ("integer", "decimal"):
        return rng.choice([0, 1, 12, 60, 299, 300, 301, 999, 1000, 1500.5, 20_000, 20_000])
    return rng.choice(["", "システム", "a"])


def _department(q: Questionnaire, rng: random.Random, n: int) -> Assessment:
    """``n`` tasks with random answers (few distinct ones, so remembered conditions are hit), random measures."""
    a = service.new_assessment(q, {"department": "乱数課", "session_date": "2026-04-01"})
    grid, analysis = q.items_of("task_grid"), q.items_of("task_analysis")
    answer_items = [*q.measure_items]
    for i in range(n):
        t = a.add_task({it.id: _value(rng, it) for it in grid if it.is_input and rng.random() < 0.9}
                       | {"name": f"業務{i}"})
        if rng.random() < 0.8:
            a.analysis[t.id] = {it.id: _value(rng, it) for it in analysis if it.is_input and rng.random() < 0.8}
        for m in rng.sample(list(q.measures), rng.randint(0, 5)):
            items = [*answer_items, *m.items]
            answers = {it.id: _value(rng, it) for it in items if it.is_input and rng.random() < 0.85}
            if rng.random() < 0.6:  # mostly easy: quick-win candidates, then the confirmation decides
                answers |= {k: v for k, v in easy().items() if rng.random() < 0.9}
            a.measures.setdefault(t.id, {})[m.id] = MeasureChoice(rng.random() < 0.8, answers)
    if rng.random() < 0.7:
        a.focus = [t.id for t in a.tasks if rng.random() < 0.7]
    return a


@pytest.mark.parametrize("seed", range(40))
def test_random_departments_score_as_the_straightforward_scorer(seed: int) -> None:
    q = standard()
    rng = random.Random(seed)
    a = _department(q, rng, rng.choice([1, 5, 40, 160]))
    expected = scoring_reference.score(q, a)
    assert scoring.score(q, a) == expected
    assert scoring.score(q, a) == expected  # again, every condition now remembered


def test_a_true_and_a_one_are_remembered_apart() -> None:
    e = parse("flag = true")
    keys_true, keys_one = {"flag": frozen(True)}, {"flag": frozen(1)}
    assert e.test({"flag": True}, keys_true) is True
    assert e.test({"flag": 1}, keys_one) is False
    assert e.test({"flag": True}, keys_true) is True
    f = parse("n > 100000000000000000")
    assert f.test({"n": 10**17 + 1}, {"n": frozen(10**17 + 1)}) is True
    assert f.test({"n": float(10**17)}, {"n": frozen(float(10**17))}) is False


def test_lists_are_remembered_by_their_items_and_the_unhashable_never() -> None:
    e = parse("selected(p, 'a')")
    assert frozen(["a"]) != frozen([True]) and frozen(["a"]) == frozen(["a"]) and frozen([1]) != frozen([1.0])
    assert e.test({"p": ["a"]}, {"p": frozen(["a"])}) is True
    assert e.test({"p": ["b"]}, {"p": frozen(["b"])}) is False
    assert frozen({"x": 1}) is UNFROZEN and frozen([{"x": 1}]) is UNFROZEN
    g = parse("answered(d)")
    before = len(g._memo)
    assert g.test({"d": {"x": 1}}, {"d": frozen({"x": 1})}) is True
    assert len(g._memo) == before


def test_the_memory_of_conditions_is_bounded() -> None:
    e = parse("n > 5")
    for n in range(10_000):
        assert e.test({"n": n}, {"n": frozen(n)}) is (n > 5)
    assert len(e._memo) <= 4096


def test_the_collector_is_restored_after_scoring() -> None:
    q = standard()
    a = _department(q, random.Random(1), 5)
    assert gc.isenabled()
    scoring.score(q, a)
    assert gc.isenabled()
    gc.disable()
    try:
        scoring.score(q, a)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _fields(result: object) -> object:
    """Every field of a result, nested, with each value's type and ``repr`` (so 1 ≠ 1.0 ≠ True and 0.0 ≠ -0.0)."""
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return (type(result).__name__, [(f.name, _fields(getattr(result, f.name)))
                                        for f in dataclasses.fields(result)])
    if isinstance(result, tuple | list):
        return (type(result).__name__, [_fields(v) for v in result])
    if isinstance(result, dict):
        return ("dict", [(k, _fields(v)) for k, v in result.items()])
    return (type(result).__name__, repr(result))


@pytest.mark.parametrize("seed", range(40, 60))
def test_every_field_keeps_its_type_and_exact_value(seed: int) -> None:
    q = standard()
    rng = random.Random(seed)
    a = _department(q, rng, rng.choice([5, 40, 160]))
    expected = _fields(scoring_reference.score(q, a))
    assert _fields(scoring.score(q, a)) == expected
    assert _fields(scoring.score(q, a)) == expected


@pytest.mark.parametrize("seed", range(10))
def test_a_quick_win_rule_that_reads_the_figures_is_tested_on_each_measure(seed: int) -> None:
    """The quick-win tests are remembered per answers only when the rule reads none of the figures computed on
    the way (band, hours, ease, premature, candidate); this rule reads them, and a task answer shares the name of a
    fit answer."""
    base = standard()
    rule = parse("potential_band >= 3 and ease >= 3.5 and premature = false and potential_hours > 40"
                 " and quick_win_confirm != 'no' and (quick_win_candidate or fit_ocr_form != 'no')")
    q = dataclasses.replace(base, scoring=dataclasses.replace(base.scoring, quick_win_requires=rule))
    rng = random.Random(seed)
    a = _department(q, rng, rng.choice([5, 40, 160]))
    for t in a.tasks:
        if rng.random() < 0.5:
            t.answers["fit_ocr_form"] = rng.choice(["no", "unknown", "yes", None])
    expected = _fields(scoring_reference.score(q, a))
    assert _fields(scoring.score(q, a)) == expected
    assert _fields(scoring.score(q, a)) == expected
