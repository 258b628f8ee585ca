"""The office's case catalogue (庁内事例集): completed, shareable actions gathered from many departments.

A case is identified by (assessment_id, action id), so the same action read from two copies of a file
is one case. Only actions the section marked 「庁内で共有してよい（課長確認済み）」 become cases; the
others are counted, never copied. Matching puts cases of the same measure and the same task category
first, then the others of the same measure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.domain.assessment import Action, Assessment
from app.domain.plan import action_names
from app.domain.quality import MAX_REALISED_HOURS
from app.domain.questionnaire import Questionnaire
from app.domain.results import AssessmentResult
from app.domain.values import parse_date, round_half_up

MAX_HOURS = MAX_REALISED_HOURS  # hours of a case (planned or realised a year): the cap of an action's realised hours
MAX_TEXT = 4000  # characters of one text field of a case (the catalogue's reader and the 事例 sheet check it)
HOUR_FIELDS = ("planned_hours", "realised_hours")
CASE_FIELDS = ("assessment_id", "action_id", "department", "section", "task_name", "task_category", "pains",
               "measure_id", "measure_label", "title", "planned_hours", "realised_hours", "before", "after",
               "comment", "tips", "contact", "done_date")


@dataclass(frozen=True)
class Case:
    """One completed action as the catalogue shows it."""

    assessment_id: str
    action_id: str
    department: str
    measure_id: str
    section: str = ""
    task_name: str = ""
    task_category: str = ""
    pains: tuple[str, ...] = ()
    measure_label: str = ""
    title: str = ""
    planned_hours: float | None = None
    realised_hours: float | None = None
    before: str = ""
    after: str = ""
    comment: str = ""
    tips: str = ""
    contact: str = ""
    done_date: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """What makes two cases the same one."""
        return (self.assessment_id, self.action_id)


@dataclass
class Collected:
    """The cases found, and what was left out and why."""

    cases: list[Case] = field(default_factory=list)
    not_shareable: int = 0  # completed actions the section did not mark as shareable
    duplicates: int = 0  # the same (assessment_id, action id) read again (a copy of a file)


def reiwa_month(day: dt.date | None) -> str:
    """``令和8年12月`` (``令和元年`` for 2019); empty for no date, the Western year before the era."""
    if day is None:
        return ""
    year = day.year - 2018
    if year < 1 or (year == 1 and day.month < 5):
        return f"{day.year}年{day.month}月"
    return f"令和{'元' if year == 1 else year}年{day.month}月"


def case_of(q: Questionnaire, a: Assessment, r: AssessmentResult, x: Action) -> Case:
    """The case of a completed action of ``a`` (labels from ``q``, planned hours from ``r``)."""
    measure, task = action_names(q, a, x)
    t = next((t for t in r.tasks if t.task_id == x.task_id), None)
    m = r.measure(x.task_id, x.measure_id)
    dept = a.info.get(q.scoring.department_item)
    section = a.info.get("section")
    contact = " ".join(p for p in (dept if isinstance(dept, str) else "", section if isinstance(section, str)
                                   else "", x.owner) if p.strip())
    return Case(
        assessment_id=a.assessment_id, action_id=x.id, department=dept.strip() if isinstance(dept, str) else "",
        measure_id=x.measure_id, section=section.strip() if isinstance(section, str) else "", task_name=task,
        task_category=t.category or "" if t is not None else "", pains=t.pains if t is not None else (),
        measure_label=measure, title=f"{measure}（{task}）", planned_hours=m.potential_hours if m else None,
        realised_hours=x.realised_hours, before=x.before, after=x.after, comment=x.comment, tips=x.tips,
        contact=contact, done_date=x.done_date,
    )


def collect(items: Iterable[tuple[Questionnaire, Assessment, AssessmentResult]]) -> Collected:
    """Every completed, shareable action of the assessments, each (assessment_id, action id) once."""
    out = Collected()
    seen: set[tuple[str, str]] = set()
    for q, a, r in items:
        for x in a.actions:
            if x.status != "done":
                continue
            if not x.shareable:
                out.not_shareable += 1
                continue
            key = (a.assessment_id, x.id)
            if key in seen:
                out.duplicates += 1
                continue
            seen.add(key)
            out.cases.append(case_of(q, a, r, x))
    return out


def merge(existing: Sequence[Case], new: Sequence[Case]) -> list[Case]:
    """``existing`` (as edited by the team) followed by the new cases it does not hold yet."""
    keys = {c.key for c in existing}
    return [*existing, *(c for c in new if c.key not in keys)]


def matching(cases: Sequence[Case], measure_id: str, category: str | None) -> list[Case]:
    """Cases of ``measure_id``: the same task category first, then the rest; more hours saved first within each."""
    same = [c for c in cases if c.measure_id == measure_id]
    return sorted(same, key=lambda c: (0 if category and c.task_category == category else 1,
                                       -(c.realised_hours or 0.0), c.department, c.action_id))


def headline(c: Case, lang: str = "ja") -> str:
    """``庁内実績: 課税課（令和8年12月）年180時間削減`` — the line shown beside a suggested measure."""
    when = reiwa_month(parse_date(c.done_date) if c.done_date else None)
    v = round_half_up(c.realised_hours or 0.0, 1)
    hours = f"{v:,.0f}" if v == int(v) else f"{v:,.1f}"
    if lang == "en":
        return f"Done in the office: {c.department}" + (f" ({c.done_date[:7]})" if c.done_date else "") + \
            (f", {hours} h a year saved" if c.realised_hours else "")
    return f"庁内実績: {c.department}" + (f"（{when}）" if when else "") + \
        (f"年{hours}時間削減" if c.realised_hours else "")
