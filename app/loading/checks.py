"""Whole-questionnaire checks on calculations: no calculated item depends on itself, and the hours are a number."""

from __future__ import annotations

from typing import Any

from app.domain.questionnaire import Item, Scoring, Step
from app.loading.builder import Builder, kind_words, pos_of
from app.loading.located import Located

_SAMPLE = {"integer": 1, "decimal": 1.5, "likert": 3, "text": "a", "long_text": "a", "boolean": True,
           "date": "2026-04-01"}


def check_calculations(b: Builder, steps: tuple[Step, ...]) -> None:
    """Q034 for each calculated item whose calculation uses itself, directly or through other calculated items."""
    calculated = {i.id: i for s in steps for i in s.items if i.calculate is not None}
    where_of = {id(expr): (at, where) for expr, _scope, at, where in b.expr_refs}
    reported: set[frozenset[str]] = set()
    for start, item in calculated.items():
        cycle = _cycle_from(start, calculated)
        if cycle is None or frozenset(cycle) in reported:
            continue
        reported.add(frozenset(cycle))
        expr = item.calculate
        at, where = where_of.get(id(expr), ((0, 0), f"{start}.calculate"))
        b.out.add("Q034", at, where, cycle=" → ".join([*cycle, cycle[0]]))


def _cycle_from(start: str, calculated: dict[str, Item]) -> list[str] | None:
    """The ids of a cycle through ``start`` (``[start]`` for a self-reference), or None."""
    path: list[str] = [start]
    seen: set[str] = set()

    def walk(node: str) -> list[str] | None:
        expr = calculated[node].calculate
        assert expr is not None
        for ref in sorted(expr.references()):
            if ref == start:
                return list(path)
            if ref in calculated and ref not in seen:
                seen.add(ref)
                path.append(ref)
                found = walk(ref)
                if found:
                    return found
                path.pop()
        return None

    return walk(start)


def check_hours(b: Builder, data: Located, scoring: Scoring, steps: tuple[Step, ...]) -> None:
    """Q012 when ``scoring.hours`` gives something other than a number for typical answers (text, a list, true)."""
    env: dict[str, Any] = {}
    kinds = ("page", "task_grid", "task_analysis")
    items = [i for s in steps if s.kind in kinds for i in s.items if i.is_input]
    for item in items:
        env[item.id] = _sample(item)
    for step in steps:
        if step.kind in kinds:
            for item in step.items:
                if item.calculate is not None:
                    env[item.id] = item.calculate.evaluate(env)
    value = scoring.hours.evaluate(env)
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return
    raw = data.get("scoring")
    at = pos_of(raw, "hours") if isinstance(raw, Located) else pos_of(data, "scoring")
    b.out.add("Q012", at, "scoring.hours", key="scoring.hours", expected="an expression that gives a number",
              got=kind_words(value))


def _sample(item: Item) -> Any:
    if item.choices:
        first = item.choices[0].value
        return [first] if item.type == "select_multiple" else first
    return _SAMPLE.get(item.type)
