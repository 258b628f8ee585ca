"""How the task grid shows answers in cells, how wide its columns are, and fresh row ids (no widgets here)."""

from __future__ import annotations

from app.domain.questionnaire import Item
from app.domain.vocabulary import yes_no
from app.gui.fields import display_number
from app.gui.formats import hours, joined

__all__ = ["display", "display_choice", "fresh_id", "joined", "labels", "width_chars"]

CHOICE_TYPES = ("select_one", "likert", "boolean", "select_multiple")


def labels(item: Item, lang: str) -> list[str]:
    """The choices of a dropdown or check-list column, as shown."""
    if item.type == "boolean":
        return [yes_no(True, lang), yes_no(False, lang)]
    return [c.label.get(lang) for c in item.choices]


def display_choice(item: Item, value: object, lang: str) -> str:
    """One stored choice value as its label (the value itself when the questionnaire lacks it)."""
    choice = item.choice(value)
    return choice.label.get(lang) if choice else str(value)


def display(item: Item, value: object, lang: str) -> str:
    """How a stored answer appears in a cell."""
    if value is None:
        return ""
    if item.type == "boolean":
        return yes_no(bool(value), lang)
    if item.type in ("select_one", "likert"):
        return display_choice(item, value, lang)
    if item.type == "select_multiple" and isinstance(value, list):
        return joined([display_choice(item, v, lang) for v in value], lang)
    if item.calculate is not None and isinstance(value, int | float):
        return hours(float(value))
    return display_number(value) if item.type in ("integer", "decimal") else str(value)


def chars(text: str) -> float:
    """Width in full-width characters: ASCII letters and digits take about half of one."""
    return sum(0.55 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def width_chars(item: Item, lang: str) -> float:
    """Wide enough for its header in three lines and its longest choice (no clipped header, no sideways list)."""
    header = chars(item.label.get(lang)) / 3 + 1
    choices = labels(item, lang) if item.type in ("select_one", "likert", "boolean") else []
    longest = max((chars(label) for label in choices), default=0) + 2  # the ▼ of the dropdown
    return max(float(item.width or 10), header, longest)


def fresh_id(candidate: str, used: set[str]) -> str:
    """``candidate``, or the next free ``tN`` when a pasted or duplicated row brought a taken id."""
    n = 1
    while candidate in used:
        candidate = f"t{len(used) + n}"
        n += 1
    return candidate
