"""Own measures without expressions: ready conditions → a safe trigger in the questionnaire's expression language.

The improvement team picks conditions (a pain point, an ECRS answer, 媒体 ≤ n, 年間件数 ≥ n, a channel)
and joins them with and/or; :func:`expression_for` writes the expression text, and :func:`check_trigger`
parses it with the ordinary parser (never ``eval``) and checks that it names only items a trigger may
read (basic information, the task grid and the analysis), as the loader does.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain import expressions
from app.domain.errors import ExpressionError, Problem
from app.domain.questionnaire import LText, Questionnaire

CONDITION_KINDS = ("pain", "ecrs", "medium", "cases", "channel")
TRIGGER_STEP_KINDS = ("page", "task_grid", "task_analysis")  # what a measure's trigger may read
MEDIUM_ITEM, CASES_ITEM, CHANNEL_ITEM = "input_medium", "annual_cases", "channel"


@dataclass(frozen=True)
class Condition:
    """One ready condition: its kind and the choice value or number it takes."""

    kind: str
    value: str | int


def options(q: Questionnaire, kind: str) -> list[tuple[str | int, LText]]:
    """The values a condition of ``kind`` can take in ``q`` (empty for the number conditions)."""
    if kind == "pain":
        return [(c.value, c.label) for c in q.item(q.scoring.pain_points_item).choices]
    if kind == "ecrs":
        return [(i.id, i.label) for i in q.items_of("task_analysis")
                if i.id.startswith("ecrs") and i.choice("yes") is not None]
    if kind == "channel" and q.has_item(CHANNEL_ITEM):
        return [(c.value, c.label) for c in q.item(CHANNEL_ITEM).choices]
    return []


def available(q: Questionnaire) -> list[str]:
    """The condition kinds ``q`` supports (its items decide: no 接点 item, no channel condition)."""
    have = {"pain": q.has_item(q.scoring.pain_points_item), "ecrs": bool(options(q, "ecrs")),
            "medium": q.has_item(MEDIUM_ITEM), "cases": q.has_item(CASES_ITEM), "channel": q.has_item(CHANNEL_ITEM)}
    return [k for k in CONDITION_KINDS if have[k]]


def _quote(value: str | int) -> str:
    if isinstance(value, int):
        return str(value)
    if "'" in value:
        raise ValueError(value)  # choice values are ids; a quote would end the literal
    return f"'{value}'"


def _one(q: Questionnaire, c: Condition) -> str:
    if c.kind == "pain":
        return f"selected({q.scoring.pain_points_item}, {_quote(c.value)})"
    if c.kind == "ecrs":
        if not isinstance(c.value, str) or not c.value.isidentifier():
            raise ValueError(c.value)
        return f"{c.value} = 'yes'"
    if c.kind == "medium":
        return f"{MEDIUM_ITEM} <= {int(c.value)}"
    if c.kind == "cases":
        return f"{CASES_ITEM} >= {int(c.value)}"
    if c.kind == "channel":
        return f"selected({CHANNEL_ITEM}, {_quote(c.value)})"
    raise ValueError(c.kind)


def expression_for(q: Questionnaire, conditions: list[Condition], joiner: str = "or") -> str:
    """The trigger text of ``conditions`` joined by ``joiner`` (``and`` / ``or``)."""
    if joiner not in ("and", "or"):
        raise ValueError(joiner)
    parts = [_one(q, c) for c in conditions]
    return f" {joiner} ".join(f"({p})" if len(parts) > 1 and " or " in p else p for p in parts)


def check_trigger(q: Questionnaire, source: str) -> Problem | None:
    """Why ``source`` cannot be a trigger of ``q`` (a parse error, or an item it may not read), or ``None``."""
    try:
        expr = expressions.parse(source)
    except ExpressionError as exc:
        return exc.problems[0]
    allowed = {i.id for kind in TRIGGER_STEP_KINDS for i in q.items_of(kind)}
    for ref in sorted(expr.references()):
        if ref not in allowed:
            return Problem("Q016", {"ref": ref, "known": "、".join(sorted(allowed)[:12]) + " …"})
    return None
