"""Japanese line breaking for the window's labels: no 「。」 alone on a line, numbers stay with their text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.gui.wrap import wrap


def width(text: str) -> int:
    """A full-width character is 2 units, an ASCII one 1 (as a fixed-pitch Japanese font)."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


@pytest.mark.parametrize(("text", "columns", "expected"), [
    ("右上の「すぐやる」から始めましょう。", 32, "右上の「すぐやる」から始めま\nしょう。"),  # 「。」 not first
    ("あいうえお、かきくけこ", 10, "あいうえ\nお、かきく\nけこ"),
    ("2. 手順・担当・手段の見直し", 14, "2. 手順・担\n当・手段の見\n直し"),  # 「2.」 with its text
    ("2. 手順", 5, "2. 手\n順"),
    ("Excel から貼り付けられます", 12, "Excel から貼\nり付けられ\nます"),
    # a short label: its last character never alone on a line (seen on Home: 「業務改善担当」 over 「へ」)
    ("業務改善担当へ", 12, "業務改善担\n当へ"),
    ("業務改善担当へ", 13, "業務改善担\n当へ"),
    ("へ", 2, "へ"),
    # closing brackets and punctuation never start a line, opening ones never end it (行頭・行末禁則)
    ("部署ごとの時間・実績と共通の課題", 20, "部署ごとの時間・実績\nと共通の課題"),
    ("部署ごとの時間・実績と共通の課題", 14, "部署ごとの時\n間・実績と共通\nの課題"),
    ("（業務改善担当向け）の調整", 10, "（業務改善\n担当向け）\nの調整"),
    ("全庁集計（業務改善担当）を開く", 20, "全庁集計（業務改善担\n当）を開く"),
    ("様式を見直す「窓口」です。", 14, "様式を見直す\n「窓口」です。"),
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


def test_the_fitting_end_is_found_with_few_measurements() -> None:
    """Halving finds the same line ends as trying one character more at a time, with far fewer measurements."""
    from app.gui.wrap import _fitting_end

    text = "効果（年間削減時間）と取り組みやすさで施策を4つに分けました。Excel から貼り付けられます。" * 3
    reference_calls: list[str] = []
    calls: list[str] = []

    def counted(into: list[str]) -> Callable[[str], int]:
        return lambda part: into.append(part) or width(part)

    for columns in (7, 12, 20, 33, 60):
        one_by_one, halved = [], []
        start = 0
        while start < len(text):  # the reference: the longest prefix that fits, grown a character at a time
            end = start + 1
            while end < len(text) and counted(reference_calls)(text[start:end + 1]) <= columns:
                end += 1
            one_by_one.append(end)
            start = end
        start = 0
        while start < len(text):
            whole = width(text[start:])
            end = len(text) if whole <= columns else _fitting_end(text, start, counted(calls), columns, whole)
            halved.append(end)
            start = end
        assert halved == one_by_one
    assert len(calls) * 2 < len(reference_calls)


def test_a_font_wrap_is_remembered_for_that_font(gui_root: object, monkeypatch: pytest.MonkeyPatch) -> None:
    import tkinter.font

    font = tkinter.font.Font(root=gui_root, family="TkDefaultFont", size=12)  # type: ignore[arg-type]
    text = "みんなで話し合うことを大切にしてください。" * 4
    first = wrap(text, font.measure, 200)
    calls: list[str] = []
    real = tkinter.font.Font.measure

    def counting(self: tkinter.font.Font, part: str, displayof: object = None) -> int:
        calls.append(part)
        return real(self, part)

    monkeypatch.setattr(tkinter.font.Font, "measure", counting)
    assert wrap(text, font.measure, 200) == first
    assert calls == []
    font.configure(size=24)  # another size: wrapped again
    assert wrap(text, font.measure, 200) != first
    assert calls
