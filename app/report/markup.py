"""Turning user and questionnaire text into safe reportlab paragraph markup.

Every string that did not come from :mod:`app.report.strings` passes through :func:`escape` before it
meets a ``Paragraph``: markup characters are escaped, newlines become ``<br/>``, characters that PDF
text cannot carry are dropped, and characters the font has no glyph for are drawn as 〓 (the geta mark,
the customary Japanese placeholder for a missing character) rather than an invisible box.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from reportlab.platypus import Paragraph

from app.report.fonts import has_glyph

MISSING_GLYPH = "〓"
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


def clean(text: str) -> str:
    """``text`` with line ends unified, control characters and lone surrogates removed, tabs as spaces."""
    if text.isascii() and text.isprintable():
        return text  # nothing to remove (every printable ASCII character is assigned and not a control)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    out: list[str] = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        # Cc control, Cs lone surrogate, Cn unassigned; format characters (Cf: zero-width joiners,
        # variation selectors' kin, bidi marks) have no glyph and would only print as 〓.
        if cat in ("Cc", "Cs", "Cn", "Cf"):
            continue
        if 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF:
            continue  # variation selectors: the base character is printed as is
        out.append(ch)
    return "".join(out)


def escape(text: object, max_chars: int | None = None, max_lines: int | None = None) -> str:
    """Paragraph markup that prints ``text`` as typed (see the module docstring).

    ``max_chars`` and ``max_lines`` cut long text with an ellipsis, for table cells that must fit a page.
    """
    s = clean(text if isinstance(text, str) else str(text))
    if max_lines is not None:
        lines = s.split("\n")
        if len(lines) > max_lines:
            s = "\n".join(lines[:max_lines]) + "…"
    if max_chars is not None and len(s) > max_chars:
        s = s[:max_chars] + "…"
    out: list[str] = []
    for ch in s:
        if ch == "\n":
            out.append("<br/>")
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch == " " or has_glyph(ch):
            out.append(ch)
        else:
            out.append(MISSING_GLYPH)
    return "".join(out)


class Para(Paragraph):  # type: ignore[misc]  # reportlab ships no type hints
    """A ``Paragraph`` that breaks its lines once per width.

    reportlab breaks a paragraph's lines again on every ``wrap``, and a table cell is wrapped when the table
    is measured and again when it is drawn (a repeated header on every page of a long table); the lines for
    a width depend only on the text, the style and that width, so the second wrap at the same width keeps
    the first one's lines and size.
    """

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        if self._wrapped_at == availWidth and "blPara" in self.__dict__:  # (split() may have dropped the lines)
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth if "blPara" in self.__dict__ else None  # (a width too small is not kept)
        return size


def para(text: object, style: object, max_chars: int | None = None, max_lines: int | None = None) -> Paragraph:
    """A paragraph of escaped user or questionnaire text."""
    return Para(escape(text, max_chars, max_lines), style)


def trusted(markup: str, style: object) -> Paragraph:
    """A paragraph of markup built by this package from escaped parts (never raw user text)."""
    return Para(markup, style)


def cell_text(text: object) -> str:
    """Text for a plain (non-paragraph) table cell: cleaned, missing glyphs as 〓, line breaks kept."""
    return _cell_text(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=65_536)  # a big task table repeats the same figures and labels thousands of times
def _cell_text(text: str) -> str:
    s = clean(text)
    return "".join(ch if ch in " \n" or has_glyph(ch) else MISSING_GLYPH for ch in s)


def plain(text: object, max_chars: int | None = None) -> str:
    """Text for a chart label (no markup there): cleaned, one line, missing glyphs as 〓."""
    s = clean(text if isinstance(text, str) else str(text)).replace("\n", " ")
    if max_chars is not None and len(s) > max_chars:
        s = s[: max_chars - 1] + "…"
    return "".join(ch if ch == " " or has_glyph(ch) else MISSING_GLYPH for ch in s)
