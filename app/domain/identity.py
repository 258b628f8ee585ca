"""Which file is a department: department + section (係) + session date, one file per section and fiscal year.

A ward folder usually holds more than one file per section: last year's session, this year's, the copy
someone saved after the follow-up, a copy mailed back. The summary must count each section once per
fiscal year (April–March): for the same department and section it keeps the file with the newest
session date of each fiscal year (on the same date, the one saved last, then the one whose name sorts
first) and lists every other file as set aside, with the file it gave way to.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from app.domain.assessment import Assessment
from app.domain.values import parse_date

T = TypeVar("T")
SET_ASIDE_REASONS = ("older_session", "older_copy")


# A fixed namespace: the same creation time, department and section give the same id on every machine.
ID_NAMESPACE = uuid.UUID("6f0f3c2e-5b1a-4d55-9a3e-7c1d2b8e4f10")


def derived_assessment_id(created: str, department: object, section: object) -> str:
    """The id of a file written before ids existed, from what every copy of it shares."""
    parts = [created.strip(), department.strip() if isinstance(department, str) else "",
             section.strip() if isinstance(section, str) else ""]
    return str(uuid.uuid5(ID_NAMESPACE, "\x1f".join(parts)))


def valid_assessment_id(raw: object) -> str | None:
    """``raw`` as a canonical UUID string, or ``None`` when it is not one."""
    if not isinstance(raw, str) or len(raw) > 64:
        return None
    try:
        return str(uuid.UUID(raw.strip()))
    except ValueError:
        return None


@dataclass(frozen=True)
class SetAside:
    """A file left out of the sums because another file of the same section and fiscal year was kept."""

    name: str
    kept: str  # the file kept instead
    reason: str  # older_session: an earlier session date; older_copy: the same session, saved earlier
    department: str
    section: str
    fiscal_year: int | None


def fiscal_year(day: dt.date | None) -> int | None:
    """The Japanese fiscal year (April–March) of ``day``: 2027-03-31 → 2026, 2027-04-01 → 2027."""
    if day is None:
        return None
    return day.year if day.month >= 4 else day.year - 1


def session_day(a: Assessment) -> dt.date | None:
    """The session date (実施日) of the file, else the day it was created, else ``None``."""
    raw = a.info.get("session_date")
    day = parse_date(raw) if isinstance(raw, str) else None
    if day is None and a.created:
        day = parse_date(a.created[:10])
    return day


def _saved(a: Assessment) -> dt.datetime:
    try:
        stamp = dt.datetime.fromisoformat(a.modified)
    except (TypeError, ValueError):
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def section_of(a: Assessment) -> str:
    """The section (係) named in the file, stripped; empty when none."""
    raw = a.info.get("section")
    return raw.strip() if isinstance(raw, str) else ""


def select(items: Sequence[T], *, name: Callable[[T], str], department: Callable[[T], str],
           assessment: Callable[[T], Assessment]) -> tuple[list[T], list[SetAside]]:
    """The items to count (in the order given) and the ones set aside, one kept per section and fiscal year."""
    best: dict[tuple[str, str, int | None], T] = {}
    for item in items:
        a = assessment(item)
        key = (department(item), section_of(a), fiscal_year(session_day(a)))
        current = best.get(key)
        if current is None or _newer(a, name(item), assessment(current), name(current)):
            best[key] = item
    kept_ids = {id(x) for x in best.values()}
    kept = [x for x in items if id(x) in kept_ids]
    aside: list[SetAside] = []
    for item in items:
        if id(item) in kept_ids:
            continue
        a = assessment(item)
        key = (department(item), section_of(a), fiscal_year(session_day(a)))
        winner = best[key]
        reason = "older_copy" if session_day(a) == session_day(assessment(winner)) else "older_session"
        aside.append(SetAside(name(item), name(winner), reason, key[0], key[1], key[2]))
    return kept, aside


def _newer(a: Assessment, a_name: str, b: Assessment, b_name: str) -> bool:
    """Whether ``a`` should be kept over ``b`` (newer session, then saved later, then the first name)."""
    far = dt.date.min
    da, db = session_day(a) or far, session_day(b) or far
    if da != db:
        return da > db
    sa, sb = _saved(a), _saved(b)
    if sa != sb:
        return sa > sb
    return a_name < b_name
