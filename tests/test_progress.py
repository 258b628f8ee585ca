"""The ✓ of each step in the step list, judged from the model alone (app.domain.progress), as a table."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app import service
from app.domain.assessment import Action, Assessment
from app.domain.progress import step_complete
from tests.helpers import EXAMPLE, easy, one_task, standard

TASK = {"name": "窓口受付", "annual_cases": 1200, "minutes_per_case": 10}


def blank() -> Assessment:
    return service.new_assessment(standard())


def with_task() -> Assessment:
    a = blank()
    a.add_task(dict(TASK))
    return a


def unnamed_task() -> Assessment:
    a = with_task()
    a.add_task({"annual_cases": 5})
    return a


def focused() -> Assessment:
    return one_task(standard(), dict(TASK))


def analysed() -> Assessment:
    return one_task(standard(), dict(TASK), {"pain_points": ["paper"]})


def measured(complete: bool) -> Callable[[], Assessment]:
    answers = {"affected_share": 50, **easy()}
    if not complete:
        answers.pop("ease_budget")
    return lambda: one_task(standard(), dict(TASK), {"pain_points": ["paper"]}, {"eliminate": answers})


def planned(owner: str, deadline: str) -> Callable[[], Assessment]:
    def make() -> Assessment:
        a = measured(True)()
        a.actions.append(Action("a1", a.tasks[0].id, "eliminate", owner=owner, deadline=deadline))
        return a
    return make


def example() -> Assessment:
    return service.open_assessment(EXAMPLE).assessment


def step(kind: str) -> int:
    """The index of the first step of ``kind`` (``page#1``: the second page step)."""
    kind, _, nth = kind.partition("#")
    return [i for i, s in enumerate(standard().steps) if s.kind == kind][int(nth or 0)]


@pytest.mark.parametrize(("kind", "make", "visited", "written", "done"), [
    ("page", blank, False, False, False),  # the introduction: nothing to fill in, done once seen
    ("page", blank, True, False, True),
    ("page", focused, False, False, True),  # … or once a later step is done (a reopened file)
    ("page#1", blank, True, False, False),  # basic information: the department is required and missing
    ("page#1", lambda: service.new_assessment(standard(), {"department": "区民課"}), True, False, False),  # date
    ("page#1", lambda: service.new_assessment(standard(), {"department": "区民課", "session_date": "2026-04-01"}),
     False, False, True),  # answers in the file count without a visit; method has a default
    ("task_grid", blank, True, False, False),
    ("task_grid", with_task, False, False, True),
    ("task_grid", unnamed_task, False, False, False),  # every row needs a name
    ("focus", with_task, False, False, False),  # nothing chosen and never seen
    ("focus", with_task, True, False, True),  # seen: the default selection stands
    ("focus", focused, False, False, True),  # ticks saved in the file count as a choice
    ("task_analysis", focused, True, False, False),
    ("task_analysis", analysed, False, False, True),
    ("measures", analysed, True, False, False),  # no measure chosen for the focus task
    ("measures", measured(False), False, False, False),  # a chosen measure lacks an answer
    ("measures", measured(True), False, False, True),
    ("action_plan", measured(True), True, False, False),
    ("action_plan", planned("田中", ""), False, False, False),  # owner and deadline both needed
    ("action_plan", planned("田中", "2026-12-01"), False, False, True),
    ("results", focused, True, False, False),  # done with the measures step, a visit proves nothing
    ("results", measured(True), False, False, True),
    ("output", example, True, False, False),
    ("output", example, False, True, True),
])
def test_step_complete(kind: str, make: Callable[[], Assessment], visited: bool, written: bool, done: bool) -> None:
    q, a = standard(), make()
    seen = {step(kind)} if visited else set()
    assert step_complete(q, a, service.score(q, a), step(kind), visited=seen, plan_written=written) is done
