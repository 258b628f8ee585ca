"""Japanese line breaking for the window's labels: no 「。」 alone on a line, numbers stay with their text."""

from __future__ import annotations

import pytest

from app.gui.wrap import wrap


def width(text: str) -> int:
    """A full-width character is 2 units, an ASCII one 1 (as a fixed-pitch Japanese font)."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


@pytest.mark.parametrize(("text", "columns", "expected"), [
    ("右上の「すぐやる」から始めましょう。", 32, "右上の「すぐやる」から始めま\nしょう。"),  # 「。」 not first
    ("あいうえお、かきくけこ", 10, "あいうえ\nお、かきく\nけこ"),
    ("2. 手順・担当・手段の見直し", 14, "2. 手順・担\n当・手段の見直\nし"),  # 「2.」 stays with its text
    ("2. 手順", 5, "2. 手\n順"),
    ("Excel から貼り付けられます", 12, "Excel から貼\nり付けられま\nす"),
    ("短い", 40, "短い"),
    ("みんなで話し合うことを大切にしてください。", 40, "みんなで話し合うことを大切にしてくだ\nさい。"),  # no widow
    ("一行目\n二行目", 40, "一行目\n二行目"),
])
def test_lines_break_where_japanese_allows(text: str, columns: int, expected: str) -> None:
    assert wrap(text, width, columns) == expected


def test_every_line_fits_and_nothing_is_lost() -> None:
    text = "効果（年間削減時間）と取り組みやすさで施策を4つに分けました。右上の「すぐやる」から始めましょう。"
    for columns in range(8, 80):
        lines = wrap(text, width, columns).split("\n")
        assert "".join(lines) == text
        assert all(width(line) <= columns for line in lines if len(line) > 2)
        assert not any(line[0] in "。、）」" for line in lines)
