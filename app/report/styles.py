"""The plan's look as data: page, sizes, greys and spacing, turned into reportlab styles in one place.

Colours are greys and one dark blue whose lightness differs clearly from the greys, so the plan reads
the same on a monochrome office printer; nothing is told by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

PAGE_SIZE: tuple[float, float] = A4
# Office printers cannot print the outer 4–5 mm; 15 mm or more is safe on every one we know.
MARGINS_MM = {"top": 16.0, "bottom": 18.0, "left": 16.0, "right": 16.0}
FOOTER_OFFSET_MM = 9.0

SIZES = {
    "title": 22.0, "subtitle": 12.0, "h1": 14.0, "h2": 11.0, "body": 9.5, "small": 8.0,
    "cell": 7.5, "cell_head": 7.5, "footer": 8.0, "figure": 7.0, "key": 10.0, "qw": 10.5,
}
LEADING = 1.45  # line height as a multiple of the font size: Japanese text needs more than Latin

COLOURS = {
    "ink": colors.HexColor("#1a1a1a"),
    "muted": colors.HexColor("#555555"),
    "accent": colors.HexColor("#1f3a5f"),  # dark blue: prints as near-black
    "rule": colors.HexColor("#888888"),
    "grid": colors.HexColor("#b0b0b0"),
    "head_bg": colors.HexColor("#d9d9d9"),
    "band_bg": colors.HexColor("#f2f2f2"),
    "box_bg": colors.HexColor("#eef2f7"),
    "bar_focus": colors.HexColor("#2f4f6f"),
    "bar_other": colors.HexColor("#c8c8c8"),
    "line": colors.HexColor("#000000"),
    "q_quick_win": colors.HexColor("#dfe8f1"),
    "q_major_project": colors.HexColor("#f0f0f0"),
    "q_fill_in": colors.HexColor("#fafafa"),
    "q_not_now": colors.HexColor("#ffffff"),
    "white": colors.white,
}

SPACING = {"after_h1": 4.0 * mm, "after_h2": 2.0 * mm, "para": 1.6 * mm, "section": 6.0 * mm, "cell_pad": 2.0}

# Column widths of the two wide tables as shares of the frame width (they must sum to 1).
TASK_COLUMNS = {
    # 改善策 fits the standard measures' names of up to nine characters (「様式・決裁の簡素化」) on one line;
    # 効果 fits "1,440,000 yen" on one line.
    "no": 0.04, "focus": 0.04, "task": 0.17, "hours": 0.075, "rule": 0.055, "medium": 0.05,
    "suitability": 0.055, "measure": 0.155, "ecrs": 0.075, "potential": 0.12, "ease": 0.055, "quadrant": 0.11,
}
ACTION_COLUMNS = {
    # 期限 and 確認日 fit "2026/12/28" (45.3 pt at 7.5 pt) plus padding on one line.
    "check": 0.045, "action": 0.17, "target_task": 0.10, "owner": 0.09, "deadline": 0.10,
    "first_step": 0.13, "kpi": 0.09, "baseline_target": 0.09, "review": 0.10, "support": 0.085,
}
# Long free text in a table cell is cut so that one row always fits on a page (never split mid-line).
CELL_MAX_CHARS = 240
CELL_MAX_LINES = 8


@dataclass(frozen=True)
class Frame:
    """The printable frame of a page in points."""

    left: float
    bottom: float
    width: float
    height: float


def frame() -> Frame:
    """The body frame inside the margins."""
    w, h = PAGE_SIZE
    left, right = MARGINS_MM["left"] * mm, MARGINS_MM["right"] * mm
    top, bottom = MARGINS_MM["top"] * mm, MARGINS_MM["bottom"] * mm
    return Frame(left, bottom, w - left - right, h - top - bottom)


def paragraph_styles(font: str) -> dict[str, ParagraphStyle]:
    """Named paragraph styles, all in the Japanese font with CJK line breaking."""

    def style(name: str, size: float, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {"fontName": font, "fontSize": size, "leading": size * LEADING,
                                "wordWrap": "CJK", "textColor": COLOURS["ink"]}
        base.update(kw)
        return ParagraphStyle(name, **base)

    return {
        "title": style("title", SIZES["title"], leading=SIZES["title"] * 1.3, textColor=COLOURS["accent"],
                       spaceAfter=3 * mm),
        "subtitle": style("subtitle", SIZES["subtitle"], textColor=COLOURS["muted"], spaceAfter=6 * mm),
        "h1": style("h1", SIZES["h1"], textColor=COLOURS["accent"], spaceBefore=5 * mm,
                    spaceAfter=SPACING["after_h1"]),
        "h2": style("h2", SIZES["h2"], spaceBefore=3 * mm, spaceAfter=SPACING["after_h2"]),
        "body": style("body", SIZES["body"], spaceAfter=SPACING["para"]),
        "small": style("small", SIZES["small"], textColor=COLOURS["muted"], spaceAfter=SPACING["para"]),
        "note": style("note", SIZES["body"], backColor=COLOURS["band_bg"], borderPadding=(2 * mm, 2 * mm),
                      spaceBefore=2 * mm, spaceAfter=4 * mm, borderColor=COLOURS["rule"], borderWidth=0.5),
        "key": style("key", SIZES["key"]),
        "key_label": style("key_label", SIZES["small"], textColor=COLOURS["muted"]),
        "qw_title": style("qw_title", SIZES["h2"] + 1, textColor=COLOURS["accent"]),
        "qw": style("qw", SIZES["qw"]),
        "qw_step": style("qw_step", SIZES["small"], textColor=COLOURS["muted"], leftIndent=5 * mm),
        # 「◎ 」 hangs: a wrapped achievement lines up under its text, not under the mark.
        "done": style("done", SIZES["qw"], leftIndent=SIZES["qw"] * 1.3, firstLineIndent=-SIZES["qw"] * 1.3),
        "next_title": style("next_title", SIZES["h2"], textColor=COLOURS["accent"]),
        "next": style("next", SIZES["body"]),
        "cell": style("cell", SIZES["cell"], leading=SIZES["cell"] * 1.3),
        "cell_right": style("cell_right", SIZES["cell"], leading=SIZES["cell"] * 1.3, alignment=TA_RIGHT),
        "cell_center": style("cell_center", SIZES["cell"], leading=SIZES["cell"] * 1.3, alignment=TA_CENTER),
        "cell_muted": style("cell_muted", SIZES["cell"], leading=SIZES["cell"] * 1.3, textColor=COLOURS["muted"]),
        "cell_head": style("cell_head", SIZES["cell_head"], leading=SIZES["cell_head"] * 1.3, alignment=TA_LEFT),
        "figure": style("figure", SIZES["figure"], leading=SIZES["figure"] * 1.35),
        "caption": style("caption", SIZES["small"], textColor=COLOURS["muted"], spaceAfter=3 * mm),
    }


def table_commands(font: str, header_rows: int = 1, zebra: bool = True, grid: bool = True) -> list[tuple[Any, ...]]:
    """The grid (or only the frame and column rules), header shading and padding shared by every table.

    ``FONTNAME`` matters even when every cell is a Paragraph: reportlab selects the table's font (by
    default Helvetica, which is not embedded) for each cell, and that alone puts it in the PDF.
    """
    pad = SPACING["cell_pad"]
    lines: list[tuple[Any, ...]] = [("GRID", (0, 0), (-1, -1), 0.4, COLOURS["grid"])] if grid else [
        ("BOX", (0, 0), (-1, -1), 0.4, COLOURS["grid"]), ("LINEAFTER", (0, 0), (-1, -1), 0.4, COLOURS["grid"])]
    cmds: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        *lines,
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.9, COLOURS["ink"]),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), COLOURS["head_bg"]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 0.5),
    ]
    if zebra:
        # Alternate light rows help a reader follow a wide row; they are decoration, not meaning.
        cmds.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [COLOURS["white"], COLOURS["band_bg"]]))
    return cmds


def widths(shares: dict[str, float], total: float) -> list[float]:
    """Column widths in points from shares of ``total``."""
    return [total * s for s in shares.values()]


def a4_document(buf: Any, *, font: str, lang: str, title: str, subject: str, creator: str, fixed: bool,
                cls: Any = None, **metadata: str) -> Any:
    """A4 document with the house margins and PDF metadata, for every PDF the app writes.

    ``fixed`` turns on reportlab's invariant mode (reproducible bytes); ``metadata`` adds author or keywords;
    ``cls`` is a ``SimpleDocTemplate`` subclass for documents that record where their headings land.
    """
    from reportlab.platypus import SimpleDocTemplate

    mm_pt = 72 / 25.4
    return (cls or SimpleDocTemplate)(
        buf, pagesize=PAGE_SIZE, leftMargin=MARGINS_MM["left"] * mm_pt, rightMargin=MARGINS_MM["right"] * mm_pt,
        topMargin=MARGINS_MM["top"] * mm_pt, bottomMargin=MARGINS_MM["bottom"] * mm_pt, title=title,
        subject=subject, creator=creator, producer=creator, lang="en" if lang == "en" else "ja-JP",
        invariant=1 if fixed else 0, displayDocTitle=1, initialFontName=font, initialFontSize=9, **metadata,
    )
