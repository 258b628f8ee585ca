"""Line breaking for Japanese labels: Tk wraps only at spaces, so 「。」 ended up alone on a line and 「2.」 was
parted from its measure. Here lines break between any two full-width characters, never before closing
punctuation (行頭禁則) nor after an opening bracket, and never inside an ASCII word or after a list number."""

from __future__ import annotations

from collections.abc import Callable

NO_LINE_START = set("、。，．・：；？！ー～）」』】〕〉》”’)]}%…‥ぁぃぅぇぉっゃゅょァィゥェォッャュョ")
NO_LINE_END = set("（「『【〔〈《“‘([{")


def _breakable(before: str, after: str) -> bool:
    """Whether a line may end between ``before`` and ``after``."""
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if before == " " or after == " ":
        return True
    wide = ord(before) >= 0x2E80 or ord(after) >= 0x2E80
    return wide and not (before.isascii() and before.isalnum() and after.isascii())


def wrap_line(text: str, measure: Callable[[str], int], width: int) -> list[str]:
    """``text`` (one paragraph) broken into lines no wider than ``width`` where a break is allowed."""
    lines: list[str] = []
    start = 0
    while start < len(text):
        if measure(text[start:]) <= width:
            lines.append(text[start:])
            break
        end = start + 1
        while end < len(text) and measure(text[start:end + 1]) <= width:
            end += 1
        cut = end
        while cut > start + 1 and not _breakable(text[cut - 1], text[cut]):
            cut -= 1
        if cut == start + 1 and not _breakable(text[start], text[start + 1]):
            cut = end  # one unbreakable run wider than the line: break it where it overflows
        # no widow of one or two characters (「い。」): the line gives up a character to it when it can
        if 0 < len(text) - cut <= 2 and cut - start > 10:
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


def wrap(text: str, measure: Callable[[str], int], width: int) -> str:
    """Every paragraph of ``text`` wrapped to ``width`` (pixels as ``measure`` counts them)."""
    return "\n".join(line for paragraph in text.split("\n") for line in wrap_line(paragraph, measure, max(1, width)))
