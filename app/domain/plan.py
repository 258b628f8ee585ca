"""The action plan: proposing actions from the results, and following them up."""

from __future__ import annotations

import datetime as dt

from app.domain.assessment import Action, Assessment, FollowUp
from app.domain.errors import AssessmentError, Problem
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


def action_title(q: Questionnaire, a: Assessment, task_id: str, measure_id: str) -> str:
    """What will be done (何をするか): the title answered at the measures step, or an empty string."""
    item = q.scoring.action_title_item
    if not item:
        return ""
    choice = a.measures.get(task_id, {}).get(measure_id)
    value = choice.answers.get(item) if choice is not None else None
    return value.strip() if isinstance(value, str) else ""


def action_heading(q: Questionnaire, a: Assessment, action: Action, lang: str = "ja") -> str:
    """The title, with the measure's label after it (「申請書控えの二重保管をやめる（廃止）」); the label alone
    when there is no title yet."""
    measure, _task = action_names(q, a, action, lang)
    title = action_title(q, a, action.task_id, action.measure_id)
    return f"{title}（{measure}）" if title else measure


def note_titles(q: Questionnaire, a: Assessment) -> list[tuple[str, str, str]]:
    """Chosen measures with no title but a note: (task id, measure id, the note's first line).

    Files made before titles existed keep what was decided in the note; this is what is offered as
    their title on opening (the window asks, the command line uses it and says so).
    """
    s = q.scoring
    if not s.action_title_item or not s.note_item:
        return []
    out: list[tuple[str, str, str]] = []
    for tid, per in a.measures.items():
        for mid, choice in per.items():
            note = choice.answers.get(s.note_item)
            if not choice.chosen or action_title(q, a, tid, mid) or not isinstance(note, str):
                continue
            first = next((line.strip() for line in note.splitlines() if line.strip()), "")
            limit = q.item(s.action_title_item).max_length or 60
            if first:
                out.append((tid, mid, first[:limit]))
    return out


def apply_note_titles(q: Questionnaire, a: Assessment, titles: list[tuple[str, str, str]]) -> None:
    """Set each offered note line as its measure's title (the note itself stays as it was)."""
    for tid, mid, title in titles:
        a.measure_choice(tid, mid).answers[q.scoring.action_title_item] = title


def review_date(q: Questionnaire, a: Assessment, today: dt.date | None = None, deadline: str = "") -> str:
    """The default 確認日: the later of the session date (or ``today``) plus ``review_months`` and ``deadline``."""
    raw = a.info.get("session_date")
    start = parse_date(raw) if isinstance(raw, str) else None
    start = start or today or dt.date.today()
    default = add_months(start, int(q.value("review_months")))
    due = parse_date(deadline)
    return max(default, due).isoformat() if due else default.isoformat()


def set_deadline(q: Questionnaire, a: Assessment, action: Action, deadline: str,
                 today: dt.date | None = None) -> None:
    """Change an action's deadline; its review date follows until someone sets that by hand."""
    action.deadline = deadline
    if not action.review_date_manual:
        action.review_date = review_date(q, a, today, deadline)


def set_review_date(q: Questionnaire, a: Assessment, action: Action, value: str,
                    today: dt.date | None = None) -> None:
    """Set the review date by hand (it stops following the deadline; blank returns to the default)."""
    if value.strip():
        action.review_date = value
        action.review_date_manual = value != review_date(q, a, today, action.deadline)
    else:
        action.review_date_manual = False
        action.review_date = review_date(q, a, today, action.deadline)


def review_before_deadline(action: Action) -> bool:
    """Whether the review date falls before the deadline (flagged in the window and the PDF)."""
    review, due = parse_date(action.review_date), parse_date(action.deadline)
    return bool(review and due and review < due)


def review_overdue(x: Action, on: dt.date) -> bool:
    """An open action whose review date has passed without a follow-up recorded since."""
    review = parse_date(x.review_date) if x.review_date else None
    if x.status not in ("not_started", "in_progress") or review is None or review >= on:
        return False
    return not any((parse_date(h.date) or dt.date.min) >= review for h in x.history)


def check_done_date(value: str, today: dt.date) -> dt.date | None:
    """A 完了日 as a date; one after ``today`` is refused (A030), a blank gives ``None``."""
    if not value.strip():
        return None
    day = parse_date(value)
    if day is None:
        raise AssessmentError(Problem("A007", {"field": "完了日", "value": value}, where="done_date"))
    if day > today:
        raise AssessmentError(Problem("A030", {"value": day.isoformat(), "today": today.isoformat()},
                                      where="done_date"))
    return day


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
            baseline=overtime_baseline(result, m.task_id, lang),
        )
        a.actions.append(action)
        added.append(action)
    return added


def overtime_baseline(result: AssessmentResult, task_id: str, lang: str = "ja") -> str:
    """The KPI baseline offered for an action on a task with 時間外 hours (「時間外 年320時間」), else blank."""
    hours = result.task(task_id).overtime_hours
    if not hours:
        return ""
    return f"時間外 年{hours:g}時間" if lang != "en" else f"Overtime {hours:g} h a year"


def record_follow_up(action: Action, status: str, on: dt.date, realised_hours: float | None = None,
                     note: str = "", *, done_on: dt.date | None = None, today: dt.date | None = None) -> None:
    """Set an action's status (and realised hours), keeping the previous state in its history.

    A ``done`` record sets the date done: ``done_on`` when the caller states it (the follow-up window
    shows the date done and lets the user correct it), else the date done stays as first recorded
    (``on`` for the first done record). Other statuses leave the date done alone. A date done after
    ``today`` is refused (A030): a plan belongs in the deadline.
    """
    if status not in ACTION_STATUSES:
        raise ValueError(status)
    if status == "done":
        check_done_date((done_on or on).isoformat(), today or dt.date.today())
    action.history.append(FollowUp(on.isoformat(), status, realised_hours, note))
    action.status = status
    if realised_hours is not None:
        action.realised_hours = realised_hours
    if status == "done" and done_on is not None:
        action.done_date = done_on.isoformat()
    elif status == "done" and not action.done_date:
        action.done_date = on.isoformat()
