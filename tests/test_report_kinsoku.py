"""Japanese line breaking: closing marks never start a line, opening brackets never end one, numbers stay whole."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from app.report import fonts
from app.report.kinsoku import CANNOT_END, CANNOT_START, HANGING, split_lines
from app.report.markup import escape
from app.report.styles import paragraph_styles

FONT = fonts.register_fonts()
STYLES = paragraph_styles(FONT)


def lines_of(text: str, width: float, style: str = "body") -> list[str]:
    """The printed lines of a paragraph of ``text`` wrapped at ``width`` points."""
    p = Paragraph(escape(text), STYLES[style])
    p.wrap(width, 10_000)
    out: list[str] = []
    for line in p.blPara.lines:
        if isinstance(line, tuple):  # one-fragment paragraphs: (extra space, [text])
            out.append("".join(line[1]))
        else:
            out.append("".join(getattr(w, "text", "") for w in line.words))
    return out


JAPANESE = st.sampled_from(list("業務改善の手順を見直し、様式を簡素化する。確認日（予定）「窓口」？！…ー")) | \
    st.sampled_from(["2027/1/15", "AI-OCR", "1,200件", "50%", " "])


@settings(max_examples=150, deadline=None)
@given(st.lists(JAPANESE, min_size=1, max_size=60), st.integers(min_value=40, max_value=200))
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(parts: list[str], width: int) -> None:
    text = "".join(parts)
    lines = lines_of(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for previous, line in itertools.pairwise(lines):
        if not line or previous.endswith(" "):
            continue
        joined = previous + line[0]
        # Only when the line offered a legal break somewhere must the chosen break be legal; a run with
        # none (2027/1/15」」」 on a narrow line) is broken where it overflows.
        if any(_legal(joined[j - 1], joined[j]) for j in range(2, len(previous) + 1)):
            assert _legal(previous[-1], line[0]), (lines, width)


def _legal(before: str, after: str) -> bool:
    word = before.isascii() and after.isascii() and not before.isspace() and not after.isspace()
    return after not in CANNOT_START and before not in CANNOT_END and not word


def test_full_stop_hangs_instead_of_starting_a_line() -> None:
    text = "あ" * 10 + "。次の文"
    width = 10 * STYLES["body"].fontSize + 1  # exactly ten characters fit
    lines = lines_of(text, width)
    assert lines[0] == "あ" * 10 + "。"
    assert lines[1] == "次の文"


def test_closing_bracket_and_stop_are_pushed_together() -> None:
    text = "あ" * 9 + "す」。次"
    width = 10 * STYLES["body"].fontSize + 1
    lines = lines_of(text, width)
    assert all(line[0] not in CANNOT_START for line in lines[1:])
    assert "".join(lines) == text


def test_a_date_is_never_split() -> None:
    for width in range(46, 140, 3):  # from the width at which the date fits on a line
        lines = lines_of("期限は2027/11/15です", width, "cell")
        assert any("2027/11/15" in line for line in lines), (width, lines)


def test_opening_bracket_moves_to_the_next_line() -> None:
    text = "庁内データ共有（庁内オープンデータ）"
    for width in range(30, 120, 2):
        lines = lines_of(text, width, "cell")
        assert all(not line.endswith("（") for line in lines[:-1]), (width, lines)


def test_a_word_longer_than_the_line_is_still_broken() -> None:
    lines = lines_of("https://example.invalid/" + "a" * 80, 60, "cell")
    assert len(lines) > 2


def test_split_lines_with_unit_widths() -> None:
    chars: list[Any] = list("ああああ、いい")
    assert [(s, e) for s, e, _, _ in split_lines(chars, [1.0] * len(chars), [4.0])] == [(0, 5), (5, 7)]
    assert set(HANGING) <= CANNOT_START


def test_dates_fit_the_deadline_and_review_columns() -> None:
    from app.report.styles import ACTION_COLUMNS, SPACING, frame

    for key in ("deadline", "review"):
        width = frame().width * ACTION_COLUMNS[key] - 2 * SPACING["cell_pad"]
        assert lines_of("2026/12/28", width, "cell") == ["2026/12/28"]
