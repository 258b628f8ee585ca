"""Department figures beside the scores: this fiscal year's expectation, headcount, monthly load, warnings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.domain.assessment import Assessment
from app.domain.questionnaire import Questionnaire
from app.domain.results import MeasureResult, NotThisYear, TaskResult, Totals, Warning
from app.domain.values import parse_date

MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)  # the Japanese fiscal year, April first


def number(value: object) -> float | None:
    """A non-negative number as given, else ``None``."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return None
    return float(value)


def peak_months(value: object) -> tuple[int, ...]:
    """The month numbers (1–12) of a 繁忙期 answer, in fiscal-year order."""
    if not isinstance(value, list):
        return ()
    given = {int(v) for v in value if isinstance(v, int | str) and str(v).isdigit() and 1 <= int(v) <= 12}
    return tuple(m for m in MONTHS if m in given)


def fiscal_year_end(day: dt.date) -> dt.date:
    """3/31 of the Japanese fiscal year (April–March) that ``day`` falls in."""
    return dt.date(day.year + 1 if day.month >= 4 else day.year, 3, 31)


@dataclass(frozen=True)
class ThisYear:
    """What this fiscal year can count: shares of local actions due by its end, × the realisation factor."""

    end: dt.date | None
    factor: float
    planned: float
    expected: float
    left_out: tuple[NotThisYear, ...]


def this_year(q: Questionnaire, a: Assessment, measures: list[MeasureResult]) -> ThisYear:
    """This fiscal year's planned and expected hours; everything else listed with its reason.

    A measure counts once (its share), when a local action for it that is not cancelled is due on or
    before 3/31 of the fiscal year of the session date. Proposals, actions without a deadline, later
    deadlines and measures without an action are left out and listed.
    """
    factor = q.value("realisation_factor", 0.4)
    raw = a.info.get("session_date")
    session = parse_date(raw) if isinstance(raw, str) else None
    end = fiscal_year_end(session) if session else None
    by_measure: dict[tuple[str, str], list[dt.date | None]] = {}
    for action in a.actions:
        if action.status != "cancelled":
            by_measure.setdefault((action.task_id, action.measure_id), []).append(parse_date(action.deadline))
    planned = 0.0
    left_out: list[NotThisYear] = []
    for m in measures:
        deadlines = by_measure.get((m.task_id, m.measure_id))
        reason = ""
        if m.cross_department:
            reason = "proposal"
        elif deadlines is None:
            reason = "no_action"
        elif end is None or all(d is None for d in deadlines):
            reason = "no_deadline"
        elif not any(d is not None and d <= end for d in deadlines):
            reason = "later"
        if reason:
            left_out.append(NotThisYear(m.task_id, m.measure_id, reason, m.potential_hours))
        else:
            planned += m.potential_hours
    return ThisYear(end, factor, planned, planned * factor, tuple(left_out))


def headcount(q: Questionnaire, a: Assessment) -> float | None:
    """The section's full-time equivalents (基本情報, by kind), ``None`` when none was given."""
    values = [v for i in q.scoring.headcount_items if (v := number(a.info.get(i))) is not None]
    total = sum(values)
    return total if values and total > 0 else None


def monthly_hours(q: Questionnaire, tasks: list[TaskResult]) -> tuple[float, ...]:
    """Inventory hours per month (April first): each task's hours spread with its peak months weighted."""
    weight = q.value("peak_weight", 2.0)
    out = [0.0] * 12
    for t in tasks:
        weights = [weight if m in t.peak_months else 1.0 for m in MONTHS]
        total = sum(weights)
        for n, w in enumerate(weights):
            out[n] += t.annual_hours * w / total
    return tuple(out)


def warnings(q: Questionnaire, a: Assessment, t: Totals) -> list[Warning]:
    """Capacity against the headcount (W001 over, W003 under) and review dates before deadlines (W004)."""
    out: list[Warning] = []
    per_fte = q.value("hours_per_fte")
    if t.capacity_hours and t.headcount:
        margin = q.value("capacity_over_margin", 0.1)
        params = {"total": round(t.inventory_hours), "capacity": round(t.capacity_hours),
                  "staff": f"{t.headcount:g}", "per_fte": f"{per_fte:g}", "margin": f"{margin * 100:g}"}
        if t.inventory_hours > t.capacity_hours * (1 + margin):
            out.append(Warning("W001", params))
        elif t.inventory_hours < t.capacity_hours * q.value("capacity_under_share", 0.5):
            out.append(Warning("W003", params))
    for action in a.actions:
        review, deadline = parse_date(action.review_date), parse_date(action.deadline)
        if review and deadline and review < deadline and action.status != "cancelled":
            out.append(Warning("W004", {"action": action.id, "review": action.review_date,
                                        "deadline": action.deadline}))
    return out
