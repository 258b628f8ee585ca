"""Whether a wizard step looks done, judged from the model only (the ✓ in the step list)."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from app.domain.assessment import Assessment
from app.domain.questionnaire import Questionnaire

if TYPE_CHECKING:  # the window imports this before its first frame, when there is nothing to score yet
    from app.domain.results import AssessmentResult


def step_complete(q: Questionnaire, a: Assessment, result: AssessmentResult, index: int, *,
                  visited: Collection[int], plan_written: bool) -> bool:
    """Whether step ``index`` of ``q`` is done for ``a``.

    ``visited``: the steps the user has been on in this session; ``plan_written``: the plan PDF was
    written (the output step).
    """
    steps = q.steps
    step = steps[index]
    kind = step.kind

    def done(j: int) -> bool:
        return step_complete(q, a, result, j, visited=visited, plan_written=plan_written)

    if kind == "results":  # final once every focus task has its measures (a visit alone proves nothing)
        return any(done(j) for j, other in enumerate(steps) if other.kind == "measures")
    if kind == "page" and not any(i.is_input for i in step.items):
        # read once it is visited, or when a later step is done (a reopened file then shows the same ticks
        # as the session that saved it)
        return index in visited or any(done(j) for j in range(index + 1, len(steps))
                                       if steps[j].kind not in ("page", "results", "output"))
    if kind == "page":
        return all(not i.required or i.id in a.info or i.default is not None for i in step.items if i.is_input) \
            and (index in visited or any(i.id in a.info for i in step.items))
    if kind == "task_grid":
        return bool(a.tasks) and all(t.name for t in a.tasks)
    focus = [t for t in result.tasks if t.focus]
    if kind == "focus":
        # ticks saved in the file count as a choice made, like a visit in this session
        return (index in visited or a.focus is not None) and bool(focus)
    if kind == "task_analysis":
        return bool(focus) and all(a.analysis.get(t.task_id) for t in focus)
    if kind == "measures":
        return bool(focus) and all(any(m.task_id == t.task_id for m in result.measures) for t in focus) \
            and all(m.complete for m in result.measures)
    if kind == "action_plan":
        return bool(a.actions) and all(x.owner and x.deadline for x in a.actions)
    if kind == "output":
        return plan_written
    return index in visited
