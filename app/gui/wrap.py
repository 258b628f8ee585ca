"""Line breaking for Japanese labels: Tk wraps only at spaces, so 「。」 ended up alone on a line and 「2.」 was
parted from its measure. Here lines break between any two full-width characters, never before closing
punctuation (行頭禁則) nor after an opening bracket, and never inside an ASCII word or after a list number."""

from __future__ import annotations

import tkinter.font
from collections.abc import Callable

NO_LINE_START = set("、。，．・：；？！ー～）」』】〕〉》］｝〙〗〟”’)]}%…‥々ゝゞヽヾ"
                    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
NO_LINE_END = set("（「『【〔〈《［｛〘〖〝“‘([{")
MEMO_LIMIT = 4096  # wrapped texts remembered (a few hundred on the busiest page)
_memo: dict[tuple[object, ...], str] = {}


def _breakable(before: str, after: str) -> bool:
    """Whether a line may end between ``before`` and ``after``."""
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if before == " " or after == " ":
        return True
    wide = ord(before) >= 0x2E80 or ord(after) >= 0x2E80
    return wide and not (before.isascii() and before.isalnum() and after.isascii())


def _fitting_end(text: str, start: int, measure: Callable[[str], int], width: int, whole: int) -> int:
    """The largest ``end`` (at least ``start + 1``) with ``text[start:end]`` no wider than ``width``.

    ``whole`` is the width of ``text[start:]``, which does not fit. The search starts where the average
    character width puts the end, widens its steps until it has passed it and then halves: a few
    measurements a line instead of one a character (each is a round trip to Tk).
    """
    n = len(text) - start
    guess = start + max(1, min(n - 1, n * width // max(1, whole)))
    if measure(text[start:guess]) <= width:
        low, high, step = guess, len(text), 1  # text[start:high] is known not to fit
        while low + step < high:
            if measure(text[start:low + step]) > width:
                high = low + step
                break
            low += step
            step *= 2
    else:
        low, high, step = start + 1, guess, 1
        while high - step > start + 1:
            if measure(text[start:high - step]) <= width:
                low = high - step
                break
            high -= step
            step *= 2
    while high - low > 1:  # text[start:low] fits (or is the one character every line takes), high does not
        middle = (low + high) // 2
        if measure(text[start:middle]) <= width:
            low = middle
        else:
            high = middle
    return low


def wrap_line(text: str, measure: Callable[[str], int], width: int) -> list[str]:
    """``text`` (one paragraph) broken into lines no wider than ``width`` where a break is allowed."""
    lines: list[str] = []
    start = 0
    while start < len(text):
        whole = measure(text[start:])
        if whole <= width:
            lines.append(text[start:])
            break
        end = _fitting_end(text, start, measure, width, whole)
        cut = end
        while cut > start + 1 and not _breakable(text[cut - 1], text[cut]):
            cut -= 1
        if cut == start + 1 and not _breakable(text[start], text[start + 1]):
            cut = end  # one unbreakable run wider than the line: break it where it overflows
        # no widow (「い。」, the 「へ」 of 「業務改善担当へ」): the line gives up a character to it when it can —
        # to one character whenever the line keeps two, to two characters when the line is long
        rest = len(text) - cut
        if (rest == 1 and cut - start > 2) or (rest == 2 and cut - start > 10):
            earlier = next((k for k in range(cut - 1, start + 1, -1) if _breakable(text[k - 1], text[k])), None)
            cut = earlier if earlier is not None else cut
        # a list number ("2. ") stays with what follows it
        head = text[start:cut].rstrip()
        if head.rstrip(".").isdigit() and cut < len(text):
            cut = end
            head = text[start:cut].rstrip()
        lines.append(head)
        start = cut
        while start < len(text) and text[start] == " ":
            start += 1
    return lines or [""]


def wrap(text: str, measure: Callable[[str], int], width: int, font: tuple[object, ...] | None = None) -> str:
    """Every paragraph of ``text`` wrapped to ``width`` (pixels as ``measure`` counts them).

    When ``measure`` is a Tk font's, or ``font`` names the font it measures with (a font description such as
    ``("IPAexGothic", -14, "normal")``), the result is remembered for that font and its options: a page
    shown again wraps the same texts again, and each measurement is a round trip to Tk.
    """
    owner = getattr(measure, "__self__", None)
    key: tuple[object, ...] | None = None
    if font is not None:
        key = ("described", font, text, width)
        found = _memo.get(key)
        if found is not None:
            return found
    elif isinstance(owner, tkinter.font.Font):
        # the named font's options (Font's own configure: customtkinter's returns nothing), far cheaper than actual()
        options = dict(tkinter.font.Font.configure(owner) or {})
        key = (owner.name, tuple(sorted(options.items())), text, width)
        found = _memo.get(key)
        if found is not None:
            return found
    out = "\n".join(line for paragraph in text.split("\n") for line in wrap_line(paragraph, measure, max(1, width)))
    if key is not None:
        if len(_memo) >= MEMO_LIMIT:
            _memo.clear()
        _memo[key] = out
    return out


def needs_wrap(text: str) -> bool:
    """Whether Tk's own wrapping (at spaces only, anywhere inside a run without one) would break ``text``
    against the Japanese rules: it has full-width characters."""
    return any(ord(ch) >= 0x2E80 for ch in text)
