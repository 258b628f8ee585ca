"""Figures and dates as every printed document shows them: half-up rounding, thousands separators, 2027/1/10."""

from __future__ import annotations

import datetime as dt

from app.domain.values import parse_date, round_half_up, wareki


def fixed(value: float, digits: int = 1) -> str:
    """``1,234.0`` — always ``digits`` decimals, so a right-aligned column lines up on the point."""
    return f"{round_half_up(value, digits):,.{digits}f}"


def number(value: float, digits: int = 1) -> str:
    """``1,234.5`` — half-up rounding, thousands separators, no ``.0`` noise for whole hours."""
    v = round_half_up(value, digits)
    return f"{v:,.0f}" if v == int(v) else f"{v:,.{digits}f}"


def yen(value: float) -> str:
    """Yen to the unit with thousands separators."""
    return f"{int(round_half_up(value)):,}"


def pct(share: float | None, digits: int = 0) -> str:
    """A 0–1 share as a percentage, or an em dash."""
    if share is None:
        return "—"
    return fixed(share * 100, digits)


def date_text(value: str | dt.date | None, style: str = "western") -> str:
    """A date as 2027/1/10 or, in ``wareki`` style (settings.date_style), 令和9年1月10日; unparsable text as typed."""
    if value is None or value == "":
        return ""
    day = value if isinstance(value, dt.date) else parse_date(value)
    if day is None:
        return str(value)
    return wareki(day) if style == "wareki" else f"{day.year}/{day.month}/{day.day}"
