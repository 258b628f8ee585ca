"""Whether a wizard step looks done, judged from the model only (the ✓ in the step list)."""

from __future__ import annotations

from app.domain.assessment import Assessment
from app.domain.questionnaire import Questionnaire
from app.domain.results import AssessmentResult


def step_complete(q: Questionnaire, a: Assessment, result: AssessmentResult, index: int, *, visited: bool,
                  plan_written: bool) -> bool:
    """Whether step ``index`` of ``q`` is done for ``a``.

    ``visited``: the user has been on the step in this session (a basic-information page with nothing
    required counts as done once seen); ``plan_written``: the plan PDF was written (the output step).
    """
    step = q.steps[index]
    kind = step.kind
    if kind == "page":
        inputs = [i for i in step.items if i.is_input]
        return all(not i.required or i.id in a.info or i.default is not None for i in inputs) \
            and (visited or any(i.id in a.info for i in step.items))
    if kind == "task_grid":
        return bool(a.tasks) and all(t.name for t in a.tasks)
    focus = [t for t in result.tasks if t.focus]
    if kind == "focus":
        # ticks saved in the file count as a choice made, like a visit in this session
        return (visited or a.focus is not None) and bool(focus)
    if kind == "task_analysis":
        return bool(focus) and all(a.analysis.get(t.task_id) for t in focus)
    if kind == "measures":
        return bool(focus) and all(any(m.task_id == t.task_id for m in result.measures) for t in focus) \
            and all(m.complete for m in result.measures)
    if kind == "action_plan":
        return bool(a.actions) and all(x.owner and x.deadline for x in a.actions)
    if kind == "output":
        return plan_written
    return visited
