"""Data quality: each value kept in the file but left out of the figures, with its task, field and reason.

An answer that does not fit its item (−5 cases, 「たくさん」) is kept in ``Assessment.unplaced`` and an
unusable realised-hours value in the action's ``kept``; the plan's summary page and the window's output
step list them so that a figure is never silently smaller than what was typed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from app.domain.action_fields import REALISED_LABEL, pair
from app.domain.assessment import Assessment
from app.domain.catalogue import Words
from app.domain.errors import Problem, UserError
from app.domain.questionnaire import Questionnaire
from app.domain.values import coerce, parse_number

MAX_REALISED_HOURS = 1_000_000  # more than a department of 500 works in a year: a typing slip
_SHOWN = 40
_PLACES = (
    (re.compile(r"^tasks\[(\d+)\]\.([a-z][a-z0-9_]*)$"), "index"),
    (re.compile(r"^analysis\.(.+)\.([a-z][a-z0-9_]*)$"), "task_id"),
    (re.compile(r"^measures\.(.+)\.[a-z][a-z0-9_]*\.([a-z][a-z0-9_]*)$"), "task_id"),
    (re.compile(r"^info\.([a-z][a-z0-9_]*)$"), None),
)
_REALISED = Words(*pair(REALISED_LABEL))
_DEPARTMENT = Words("（課全体）", "(whole department)")


@dataclass(frozen=True)
class LeftOut:
    """One value left out of the figures: where it is, what it is, and the problem that says why."""

    task: str  # the task's name; "" for an answer about the whole department
    field: Any  # the item's label (LText) or Words, both with ``get(lang)``
    value: str  # as typed, cut for display
    reason: Problem

    def row(self, lang: str) -> tuple[str, str, str, str]:
        """(task, field, value, reason) in ``lang``."""
        return (self.task or _DEPARTMENT.get(lang), self.field.get(lang), self.value, self.reason.message(lang))


def left_out(q: Questionnaire, a: Assessment) -> list[LeftOut]:
    """Every kept value that the figures leave out, in file order."""
    out: list[LeftOut] = []
    for key, value in a.unplaced.items():
        found = _place(a, key)
        if found is None or not q.has_item(found[1]):
            continue  # no place in this questionnaire at all: not a figure, listed on opening (A015)
        item = q.item(found[1])
        try:
            coerce(item, value, key)
        except UserError as exc:
            out.append(LeftOut(found[0], item.label, _shown(value), exc.problems[0]))
    names = {t.id: t.name for t in a.tasks}
    for n, action in enumerate(a.actions):
        kept = action.kept.get("realised_hours")
        if kept is None or action.realised_hours is not None:
            continue
        problem = hours_problem(kept[0], f"actions[{n}].realised_hours", _REALISED)
        if problem is not None:
            out.append(LeftOut(names.get(action.task_id, action.task_id), _REALISED, _shown(kept[0]), problem))
    return out


def hours_problem(raw: Any, where: str, field: object = None) -> Problem | None:
    """Why ``raw`` is not usable as realised hours (A001 not a number, A002 negative, A003 too large), or None."""
    if raw is None or raw == "":
        return None
    number = parse_number(raw) if isinstance(raw, str) else raw
    value = math.nan
    if isinstance(number, int | float) and not isinstance(number, bool):
        try:
            value = float(number)
        except OverflowError:  # an integer of hundreds of digits
            value = math.inf
    params: dict[str, object] = {"field": where if field is None else field, "value": _shown(raw)}
    if math.isnan(value):
        return Problem("A001", params, where=where)
    if value < 0:
        return Problem("A002", {**params, "min": "0"}, where=where)
    if value > MAX_REALISED_HOURS:
        return Problem("A003", {**params, "max": f"{MAX_REALISED_HOURS:,}"}, where=where)
    return None


def _place(a: Assessment, key: str) -> tuple[str, str] | None:
    """(task name, item id) of an ``unplaced`` key."""
    for pattern, kind in _PLACES:
        m = pattern.match(key)
        if m is None:
            continue
        if kind is None:
            return "", m.group(1)
        if kind == "index":
            index = int(m.group(1))
            return (a.tasks[index].name if index < len(a.tasks) else f"#{index + 1}"), m.group(2)
        names = {t.id: t.name for t in a.tasks}
        return names.get(m.group(1), m.group(1)), m.group(2)
    return None


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value) if not isinstance(value, int | float) else f"{value}"
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"
