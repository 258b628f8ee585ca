"""Japanese line breaking (禁則処理) for reportlab's CJK wrap mode.

reportlab's own ``cjkFragSplit`` breaks between any two characters and only lets one character
hang when it overflows: a closing bracket followed by 。 still starts a line, an opening bracket can end
one, full-width ？！ are missing from its list, and a date such as 2027/1/15 is broken in the middle.
This replacement follows the usual rules (after JIS X 4051):

* characters in :data:`CANNOT_START` never begin a line, those in :data:`CANNOT_END` never end one;
* the small punctuation marks in :data:`HANGING` may hang in the margin (ぶら下げ); other violations
  push characters to the next line (追い出し);
* runs of Latin letters, digits and their punctuation (dates, numbers, "AI-OCR") are not split unless
  a run is longer than the line;
* a space where a line breaks stays at the end of the line instead of starting the next one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.rl_config import _FUZZ

CANNOT_START = frozenset(
    "、。，．,.：；:;？！?!・…‥）」』】〕〉》］｝〙〗)]}’”"
    "ゝゞヽヾー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ%％℃°′″"
)
CANNOT_END = frozenset("（「『【〔〈《［｛〘〖([{‘“￥＄$£#＃")
HANGING = frozenset("、。，．,.")
# Characters that bind to their neighbours in a Latin run (2027/1/15, 1,200.5, AI-OCR, 50%).
_WORD_PUNCT = frozenset("/.,:-_+%'&@#")


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in _WORD_PUNCT)


def _break_at(chars: Sequence[str], start: int, over: int) -> int:
    """Where the next line starts, given that ``chars[over]`` does not fit on the line begun at ``start``."""
    n = len(chars)
    ch = chars[over]
    if ch.isspace():
        return over + 1
    inside_number = over + 1 < n and _is_word(chars[over - 1]) and _is_word(chars[over + 1])  # 1,200 / 3.5
    if ch in HANGING and not inside_number and (over + 1 == n or chars[over + 1] not in CANNOT_START):
        return over + 1
    b = over
    while b > start + 1 and (chars[b] in CANNOT_START or chars[b - 1] in CANNOT_END
                             or (_is_word(chars[b - 1]) and _is_word(chars[b]))):
        b -= 1
    if b <= start + 1 and (chars[b] in CANNOT_START or chars[b - 1] in CANNOT_END
                           or (_is_word(chars[b - 1]) and _is_word(chars[b]))):
        return over  # no legal break on this line (a very long word): break where it overflows
    return b


def split_lines(chars: Sequence[str], widths: Sequence[float], max_widths: Sequence[float],
                forced: Sequence[bool] | None = None) -> list[tuple[int, int, float, bool]]:
    """Line ranges ``(start, end, width used, forced break)`` for characters of the given widths."""

    def max_width_for(line_no: int) -> float:
        return float(max_widths[line_no] if line_no < len(max_widths) else max_widths[-1])

    lines: list[tuple[int, int, float, bool]] = []
    n = len(chars)
    start = i = 0
    used = 0.0
    max_width = max_width_for(0)
    while i < n:
        if forced is not None and forced[i]:
            lines.append((start, i + 1, used + widths[i], True))
            start = i = i + 1
            used = 0.0
            max_width = max_width_for(len(lines))
            continue
        w = widths[i]
        if used + w > max_width + _FUZZ and i > start:
            b = _break_at(chars, start, i)
            lines.append((start, b, sum(widths[start:b]), False))
            start = i = b
            used = 0.0
            max_width = max_width_for(len(lines))
            continue
        used += w
        i += 1
    if start < n:
        lines.append((start, n, sum(widths[start:n]), False))
    return lines


# Each character's width per font and size, as reportlab's stringWidth gives it: a plan of thousands of rows
# measures the same few hundred characters hundreds of thousands of times.
_char_widths: dict[tuple[str, float], dict[str, float]] = {}


def _char_width(known: dict[str, float], char: str, font_name: str, font_size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width: float = stringWidth(char, font_name, font_size)
    known[char] = width
    return width


def word_split(text: str, max_widths: Sequence[float], font_name: str, font_size: float,
               encoding: str = "utf8") -> list[tuple[float, str]]:
    """Drop-in replacement for ``reportlab.lib.textsplit.wordSplit`` (one-fragment paragraphs)."""
    if isinstance(text, bytes):
        text = text.decode(encoding)
    known = _char_widths.get((font_name, font_size))
    if known is None:
        known = _char_widths[(font_name, font_size)] = {}
    widths = [known[c] if c in known else _char_width(known, c, font_name, font_size) for c in text]
    out: list[tuple[float, str]] = []
    for n, (start, end, used, _) in enumerate(split_lines(text, widths, max_widths)):
        max_width = max_widths[n] if n < len(max_widths) else max_widths[-1]
        out.append((max_width - used, text[start:end]))
    return out


def cjk_frag_split(frags: list[Any], max_widths: list[float], calc_bounds: Any, encoding: str = "utf8") -> Any:
    """Drop-in replacement for ``reportlab.platypus.paragraph.cjkFragSplit`` with the rules above."""
    from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine

    chars: list[Any] = []
    for f in frags:
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        if text:
            chars.extend(cjkU(t, f, encoding) for t in text)
        else:
            chars.append(cjkU(text, f, encoding))

    def width_of(u: Any, max_width: float) -> float:
        w = u.width
        if hasattr(w, "normalizedValue"):
            w._normalizer = max_width
            w = w.normalizedValue(max_width)
        return float(w)

    widths = [width_of(u, max_widths[0]) for u in chars]
    forced = [hasattr(u.frag, "lineBreak") for u in chars]
    lines = []
    for n, (start, end, used, brk) in enumerate(split_lines(chars, widths, max_widths, forced)):
        max_width = float(max_widths[n] if n < len(max_widths) else max_widths[-1])
        lines.append(makeCJKParaLine(chars[start:end], max_width, used, max_width - used, brk, calc_bounds))
    return ParaLines(kind=1, lines=lines)
