"""The Japanese font (registered once, embedded as a subset) and the process-wide reportlab settings we rely on."""

from __future__ import annotations

import threading

from app import resources
from app.domain.errors import Problem, ReportError

FONT_NAME = "IPAexGothic"

_lock = threading.Lock()
_registered: str | None = None
_glyphs: frozenset[int] = frozenset()


def register_fonts() -> str:
    """Register the bundled IPAex Gothic once and return its reportlab name.

    Raises :class:`ReportError` (``R001``) when the font file is missing or unreadable.
    """
    global _registered, _glyphs  # noqa: PLW0603 - registration is process-wide in reportlab itself
    with _lock:
        if _registered is not None:
            return _registered
        path = resources.font_path()
        if not path.is_file():
            raise ReportError(Problem("R001", {"path": str(path)}))
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont

        try:
            font = TTFont(FONT_NAME, str(path))
        except (OSError, TTFError) as exc:
            raise ReportError(Problem("R001", {"path": f"{path} ({exc})"})) from exc
        pdfmetrics.registerFont(font)
        _glyphs = frozenset(font.face.charToGlyph)
        _harden_reportlab()
        _registered = FONT_NAME
        return FONT_NAME


def has_glyph(char: str) -> bool:
    """Whether the registered font can draw ``char`` (call :func:`register_fonts` first).

    Characters beyond the Basic Multilingual Plane (rare kanji such as 𠀋) are treated as missing even
    when the font has them: reportlab's subsetter prints a *different* glyph for them (seen with
    reportlab 5.1), and a wrong kanji in a plan is worse than the 〓 placeholder.
    """
    code = ord(char)
    return code <= 0xFFFF and code in _glyphs


def _harden_reportlab() -> None:
    """Settings every plan needs: no network access, and Japanese line breaking.

    * No URL fetching: with no trusted hosts and no trusted schemes, reportlab refuses every URL it
      might meet in markup (we also never pass user text into ``<img>`` or ``<a href>``).
    * reportlab's CJK line splitters are replaced by those of :mod:`app.report.kinsoku` (its own break
      dates apart and let closing brackets start a line). Paragraphs look the functions up in the
      module at wrap time, so replacing the module attributes is enough.
    """
    from reportlab import rl_config
    from reportlab.graphics import shapes
    from reportlab.platypus import paragraph

    from app.report.kinsoku import cjk_frag_split, word_split

    # Charts start from reportlab's default state (Helvetica, never embedded); make it ours.
    shapes.STATE_DEFAULTS["fontName"] = FONT_NAME
    rl_config.trustedHosts = None
    rl_config.trustedSchemes = []
    paragraph.cjkFragSplit = cjk_frag_split
    paragraph.wordSplit = word_split  # the one-fragment shortcut of the CJK mode
