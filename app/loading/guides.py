"""Guidance cards (進め方カード) in questionnaire YAML: under a measure as ``guide:``, or in the top-level ``guides:``.

The top-level mapping (measure id → card) keeps every card in one place for the improvement team to
edit; a card under the measure itself is the same thing. A measure with both, or a card for a measure
that does not exist, is a load error with its line and column.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from app.domain.questionnaire import GUIDE_TEXTS, MAX_GUIDE_STEPS, Guide, LText, Measure
from app.loading.located import Located

if TYPE_CHECKING:
    from app.loading.builder import Builder

GUIDE_KEYS = (*GUIDE_TEXTS, "steps", "example")


def _pos(container: Any, key: str | None = None) -> tuple[int, int]:
    from app.loading.builder import pos_of

    return pos_of(container, key)


def guide(b: Builder, raw: Any, where: str, at: tuple[int, int]) -> Guide | None:
    """One card: its texts, up to five steps, and whether it is a shipped example to replace."""
    data = b.mapping(raw, where, at)
    if data is None:
        return None
    b.keys(data, GUIDE_KEYS, where)
    texts = {k: b.text(data, k, where) for k in GUIDE_TEXTS}
    raw_steps = b.seq(data, "steps", where)
    if len(raw_steps) > MAX_GUIDE_STEPS:
        b.out.add("Q022", _pos(data, "steps"), f"{where}.steps", value=len(raw_steps), min=1, max=MAX_GUIDE_STEPS)
    steps: list[LText] = []
    for n, value in enumerate(raw_steps[:MAX_GUIDE_STEPS]):
        holder = Located({"step": value})
        holder.key_pos = {"step": raw_steps.item_pos[n] if n < len(raw_steps.item_pos) else _pos(data, "steps")}
        step = b.text(holder, "step", f"{where}.steps[{n}]")
        if step:
            steps.append(step)
    return Guide(**texts, steps=tuple(steps), example=b.boolean(data, "example", where))


def attach(b: Builder, data: Located, measures: list[Measure]) -> list[Measure]:
    """The measures with the cards of the top-level ``guides:`` mapping attached."""
    raw = data.get("guides")
    if raw is None:
        return measures
    cards = b.mapping(raw, "guides", _pos(data, "guides"))
    if cards is None:
        return measures
    index = {m.id: n for n, m in enumerate(measures)}
    out = list(measures)
    for mid, value in cards.items():
        where = f"guides.{mid}"
        if mid not in index:
            b.out.add("Q030", _pos(cards, mid), where, id=mid, known=", ".join(index) or "—")
            continue
        card = guide(b, value, where, _pos(cards, mid))
        if card is None:
            continue
        current = out[index[mid]]
        if current.guide is not None:
            b.out.add("Q031", _pos(cards, mid), where, id=mid)
            continue
        out[index[mid]] = dataclasses.replace(current, guide=card)
    return out
