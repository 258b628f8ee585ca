"""Numbers as the window shows them, rounded half up like the PDF, the CLI and the exports (2.25 → 2.3)."""

from __future__ import annotations

from app.domain.values import round_half_up


def decimal(value: float, digits: int = 1) -> str:
    """``value`` to ``digits`` decimals, half up, with thousands separators (25,497.7)."""
    return f"{round_half_up(value, digits):,.{digits}f}"


def hours(value: float) -> str:
    """Hours for display: one decimal, thousands separators (25,497.7)."""
    return decimal(value, 1)


def yen(value: float) -> str:
    """Yen to the unit with thousands separators (1,234,567)."""
    return decimal(value, 0)


def percent(share: float) -> str:
    """A 0–1 share as a whole percentage (13%)."""
    return f"{round_half_up(share * 100, 0):.0f}%"


def bracket(text: str, lang: str) -> str:
    """「（text）」 in Japanese, " (text)" in English (full-width brackets in English text look broken)."""
    return f"（{text}）" if lang == "ja" else f" ({text})"


def joined(parts: list[str], lang: str) -> str:
    """A list in running text: 「窓口、郵送」 / "counter, post"."""
    return ("、" if lang == "ja" else ", ").join(parts)
