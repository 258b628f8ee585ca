"""Hypothesis properties of the scoring that must hold for any answers."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app import service
from app.domain.assessment import Assessment, MeasureChoice
from app.domain.questionnaire import Item
from app.domain.scoring import score
from tests.helpers import standard

Q = standard()
GRID = {i.id: i for i in Q.items_of("task_grid")}
ANALYSIS = [i for i in Q.items_of("task_analysis") if i.choices]
MEASURE_ITEMS = [i for i in Q.measure_items if i.choices]


def _choice(item: Item) -> st.SearchStrategy[Any]:
    values = [c.value for c in item.choices]
    if item.type == "select_multiple":
        return st.lists(st.sampled_from(values), unique=True)
    return st.sampled_from(values)


task_answers = st.fixed_dictionaries(
    {"name": st.text(min_size=1, max_size=20), "annual_cases": st.integers(0, 100_000),
     "minutes_per_case": st.floats(0, 480, allow_nan=False), "fixed_hours": st.floats(0, 3000, allow_nan=False)},
    optional={k: _choice(GRID[k]) for k in ("rule_based", "input_medium", "structured", "stability",
                                             "documentation", "channel")},
)
analysis_answers = st.fixed_dictionaries({}, optional={i.id: _choice(i) for i in ANALYSIS})
measure_answers = st.fixed_dictionaries({}, optional={i.id: _choice(i) for i in MEASURE_ITEMS})
chosen = st.dictionaries(st.sampled_from([m.id for m in Q.measures]), measure_answers, max_size=6)
task_strategy = st.tuples(task_answers, analysis_answers, chosen)


def _assessment(tasks: list[tuple[dict[str, Any], dict[str, Any], dict[str, dict[str, Any]]]]) -> Assessment:
    a = service.new_assessment(Q, {"department": "課"})
    for answers, analysis, measures in tasks:
        t = a.add_task(answers)
        a.analysis[t.id] = analysis
        a.measures[t.id] = {mid: MeasureChoice(True, ans) for mid, ans in measures.items()}
    a.focus = [t.id for t in a.tasks]
    return a


@settings(max_examples=150, deadline=None)
@given(st.lists(task_strategy, min_size=1, max_size=6))
def test_invariants(tasks: list[Any]) -> None:
    result = score(Q, _assessment(tasks))
    limit = Q.value("max_quick_wins")
    assert len(result.quick_wins) <= limit
    for m in result.quick_wins:
        assert m.quadrant == "quick_win" and not m.cross_department and not m.premature
    for m in result.measures:
        assert 0 <= m.potential_hours <= m.annual_hours * m.affected_share + 1e-9
        assert 1 <= m.band <= 5
        assert m.ease is None or 1 <= m.ease <= 5
    t = result.totals
    assert 0 <= t.potential_hours <= t.inventory_hours + 1e-6
    assert 0 <= t.potential_index <= 100 + 1e-9
    assert {(m.task_id, m.measure_id) for m in result.proposals} == {
        (m.task_id, m.measure_id) for m in result.measures if m.cross_department}


@settings(max_examples=100, deadline=None)
@given(st.lists(task_strategy, min_size=1, max_size=4), task_strategy)
def test_adding_an_unrelated_task_never_changes_another_tasks_scores(tasks: list[Any], extra: Any) -> None:
    before = score(Q, _assessment(tasks))
    after = score(Q, _assessment([*tasks, extra]))
    old = {(m.task_id, m.measure_id): m for m in before.measures}
    new = {(m.task_id, m.measure_id): m for m in after.measures if (m.task_id, m.measure_id) in old}
    assert new == old
