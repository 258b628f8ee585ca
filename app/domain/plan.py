"""The action plan: proposing actions from the results, and following them up."""

from __future__ import annotations

import datetime as dt

from app.domain.assessment import Action, Assessment, FollowUp
from app.domain.questionnaire import Questionnaire
from app.domain.results import AssessmentResult, MeasureResult
from app.domain.values import add_months, parse_date
from app.domain.vocabulary import ACTION_STATUSES


def action_names(q: Questionnaire, a: Assessment, action: Action, lang: str = "ja") -> tuple[str, str]:
    """The measure's label and the task's name of an action; their ids when either no longer exists."""
    try:
        measure = q.measure(action.measure_id).label.get(lang)
    except KeyError:
        measure = action.measure_id
    task = next((t.name for t in a.tasks if t.id == action.task_id), action.task_id)
    return measure, task


def review_date(q: Questionnaire, a: Assessment, today: dt.date | None = None) -> str:
    """The default 確認日: the session date (or ``today``) plus ``review_months``."""
    raw = a.info.get("session_date")
    start = parse_date(raw) if isinstance(raw, str) else None
    start = start or today or dt.date.today()
    return add_months(start, int(q.value("review_months"))).isoformat()


def plan_candidates(result: AssessmentResult) -> list[MeasureResult]:
    """Measures worth an action line: quick wins first, then local major projects and fill-ins by potential.

    Cross-department measures go to the central team instead, and 見送り (not now) measures are left out.
    """
    quick = list(result.quick_wins)
    keys = {(m.task_id, m.measure_id) for m in quick}
    rest = [m for q in ("major_project", "fill_in", "quick_win") for m in result.by_quadrant(q)
            if (m.task_id, m.measure_id) not in keys and not m.cross_department]
    return quick + rest


def propose_actions(q: Questionnaire, a: Assessment, result: AssessmentResult,
                    today: dt.date | None = None, *, lang: str | None = None) -> list[Action]:
    """Add an action for every candidate not yet in the plan; returns the new ones.

    First step and KPI start from the measure's suggestion in the questionnaire, in ``lang`` (the
    window's language; the file's own ``lang`` when not given); owner and deadline are left for the
    meeting to decide.
    """
    have = {(x.task_id, x.measure_id) for x in a.actions}
    added: list[Action] = []
    lang = lang or a.lang
    for m in plan_candidates(result):
        if (m.task_id, m.measure_id) in have:
            continue
        measure = q.measure(m.measure_id)
        action = Action(
            id=a.new_action_id(), task_id=m.task_id, measure_id=m.measure_id,
            first_step=measure.first_step.get(lang), kpi=measure.kpi.get(lang), review_date=review_date(q, a, today),
        )
        a.actions.append(action)
        added.append(action)
    return added


def record_follow_up(action: Action, status: str, on: dt.date, realised_hours: float | None = None,
                     note: str = "", *, done_on: dt.date | None = None) -> None:
    """Set an action's status (and realised hours), keeping the previous state in its history.

    A ``done`` record sets the date done: ``done_on`` when the caller states it (the follow-up window
    shows the date done and lets the user correct it), else the date done stays as first recorded
    (``on`` for the first done record). Other statuses leave the date done alone.
    """
    if status not in ACTION_STATUSES:
        raise ValueError(status)
    action.history.append(FollowUp(on.isoformat(), status, realised_hours, note))
    action.status = status
    if realised_hours is not None:
        action.realised_hours = realised_hours
    if status == "done" and done_on is not None:
        action.done_date = done_on.isoformat()
    elif status == "done" and not action.done_date:
        action.done_date = on.isoformat()
