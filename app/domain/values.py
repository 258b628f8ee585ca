"""Reading typed-in values the way Japanese office staff type them, and rounding as documented.

Numbers: full-width digits (１２００), thousands separators (1,200 / １，２００), a trailing unit
(件, 分, 時間, 人, h) and surrounding spaces are accepted. Dates: 2026-04-01, 2026/4/1, 2026年4月1日.
Rounding is half-up (what people do on paper), never banker's rounding.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal

from app.domain.errors import AssessmentError, Problem
from app.domain.questionnaire import NUMBER_TYPES, Item

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_UNITS = ("時間", "件", "分", "人", "円", "h", "H")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MONTH_LABELS = re.compile(r"^(\d{1,2})月?$")

Fail = Callable[..., AssessmentError]


def normalise(text: str) -> str:
    """NFKC-normalise (full-width → half-width) and trim, including the ideographic space."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_number(text: str) -> float | None:
    """The number in ``text`` or ``None`` if it is not one; blank gives ``None`` too (check with strip)."""
    s = normalise(text).replace(" ", "")
    for unit in _UNITS:
        if s.endswith(unit) and len(s) > len(unit):
            s = s[: -len(unit)]
            break
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
    if not _PLAIN.match(s):
        return None
    return float(s)


def parse_date(text: str) -> dt.date | None:
    """A date from ``2026-04-01``, ``2026/4/1`` or ``2026年4月1日`` (full-width digits allowed)."""
    m = _DATE.match(normalise(text))
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# (first day, era name): the eras a printed date of this app can fall in, newest first
ERAS = ((dt.date(2019, 5, 1), "令和"), (dt.date(1989, 1, 8), "平成"), (dt.date(1926, 12, 25), "昭和"))


def wareki(day: dt.date) -> str:
    """A date in the Japanese era style of municipal documents: 令和8年12月1日 (元年 for the first year)."""
    for start, era in ERAS:
        if day >= start:
            year = day.year - start.year + 1
            return f"{era}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"


def round_half_up(value: float, digits: int = 0) -> float:
    """Round half away from zero to ``digits`` decimals (0.05 → 0.1, 2.5 → 3)."""
    from decimal import ROUND_HALF_UP, Decimal  # here: the window's start has nothing to round (about 3 ms)

    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day (1/31 + 1 → 2/28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def validate(item: Item, raw: object, lang: str) -> tuple[object, Problem | None]:
    """:func:`coerce` as the window uses it: ``(value, None)``, or ``(None, problem)`` naming the field in ``lang``.

    Every input of the window goes through here (forms, the action plan, the follow-up window), so the same
    text is accepted or refused with the same A-code message everywhere.
    """
    try:
        return coerce(item, raw), None
    except AssessmentError as exc:
        p = exc.problems[0]
        return None, Problem(p.code, {**p.params, "field": item.label.get(lang)}, where=item.id)


def coerce(item: Item, raw: object, where: str = "") -> object:
    """Turn what a user typed (or a JSON value) into the stored value for ``item``.

    Returns ``None`` for blank input. Raises :class:`AssessmentError` naming the field, what was
    expected and what was got. Stored forms: int for integer/likert, float for decimal, bool,
    ISO date text, choice values (select_multiple as a list), text as given.
    """
    field = item.label.ja or item.id
    where = where or item.id

    def fail(code: str, **params: object) -> AssessmentError:
        return AssessmentError(Problem(code, {"field": field, **params}, where=where))

    if raw is None or (isinstance(raw, str) and not normalise(raw)):
        return [] if item.type == "select_multiple" and isinstance(raw, list) else None
    if item.type in NUMBER_TYPES:
        return _number(item, raw, fail)
    if item.type == "boolean":
        return _boolean(raw, fail)
    if item.type == "date":
        day = parse_date(raw) if isinstance(raw, str) else None
        if day is None:
            raise fail("A007", value=raw)
        return day.isoformat()
    if item.type in ("select_one", "likert"):
        return _choice(item, raw, fail)
    if item.type == "select_multiple":
        values = raw if isinstance(raw, list) else [v for v in re.split(r"[,、;]", str(raw)) if v.strip()]
        return sorted({_choice(item, v, fail) for v in values}, key=_choice_order(item))
    text = raw if isinstance(raw, str) else str(raw)
    if item.max_length is not None and len(text) > item.max_length:
        raise fail("A008", max=item.max_length, length=len(text))
    return text


def length_status(item: Item, text: str) -> tuple[int, int | None]:
    """``(characters typed, limit or None)`` for a text field's visible counter (「12/60文字」).

    The limit is the one :func:`coerce` enforces (A008), so the counter and the check never disagree.
    """
    return len(text), item.max_length


def _number(item: Item, raw: object, fail: Fail) -> float | int:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise fail("A001", value=raw)
    try:
        value = parse_number(raw) if isinstance(raw, str) else float(raw)
    except OverflowError:  # an integer of hundreds of digits from a hand-edited file
        value = None
    if value is None or not math.isfinite(value):
        raise fail("A001", value=raw)
    if item.type == "integer" and value != int(value):
        raise fail("A006", value=raw)
    if item.minimum is not None and value < item.minimum:
        raise fail("A002", min=number_text(item.minimum), value=number_text(value))
    if item.maximum is not None and value > item.maximum:
        raise fail("A003", max=number_text(item.maximum), value=number_text(value))
    return int(value) if item.type == "integer" else value


def _boolean(raw: object, fail: Fail) -> bool:
    if isinstance(raw, bool):
        return raw
    text = normalise(str(raw)).lower()
    if text in ("true", "1", "yes", "y", "はい", "○", "〇", "✓", "レ", "x"):
        return True
    if text in ("false", "0", "no", "n", "いいえ", "×", "-", "ー"):
        return False
    raise fail("A004", value=raw)


def _choice(item: Item, raw: object, fail: Fail) -> str | int:
    for choice in item.choices:
        if raw == choice.value and not isinstance(raw, bool):
            return choice.value
    text = normalise(str(raw))
    for choice in item.choices:
        if text in (str(choice.value), choice.label.ja, choice.label.en):
            return choice.value
    # a likert typed as "4 ほぼ手順どおり" or "４": accept the leading number
    m = _MONTH_LABELS.match(text) or re.match(r"^(\d+)", text)
    if m:
        for choice in item.choices:
            if str(choice.value) == m.group(1):
                return choice.value
    raise fail("A004", value=raw)


def _choice_order(item: Item) -> Callable[[str | int], int]:
    order: dict[str | int, int] = {c.value: i for i, c in enumerate(item.choices)}
    return lambda v: order.get(v, len(order))


def number_text(value: float) -> str:
    """A limit or an entry as the office writes it: 100,000,000 and 12.5, never 1e+08.

    From 10¹⁶ on (and below 10⁻⁶) digit by digit is no longer readable — 1e308 had 309 digits, the last ones
    float noise — so the shortest exact form is shown, as Excel does: 1e+20, -1e+300, 1.5e-07.
    """
    v = float(value)
    if not math.isfinite(v) or abs(v) >= 1e16 or 0 < abs(v) < 1e-6:
        return repr(v)
    if v.is_integer():
        return f"{int(v):,}"
    return f"{Decimal(repr(round(v, 6))):,f}"  # 12.5, 0.3 (not 0.30000000000000004), 1,234.000001
