"""業務改善レポート: an A4 newsletter compiled from the office's completed, shareable actions.

Cover (title, issue number, date, the office's realised total), contents, then two stories to a page —
each a fixed half page (before/after, what was done, hours saved, the staff's comment, tips, contact),
shrunk to fit when long, so the contents can name every story's page. Greys and the plan's dark blue only:
it reads the same from a monochrome printer.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from app import __version__
from app.domain.cases import Case, reiwa_month
from app.domain.values import parse_date
from app.report.flowables import numbered_canvas
from app.report.fonts import register_fonts
from app.report.formats import date_text, fixed
from app.report.markup import para
from app.report.spread_strings import stext
from app.report.styles import COLOURS, a4_document, frame, paragraph_styles

STORIES_PER_PAGE = 2
FIRST_STORY_PAGE = 3  # cover, contents, then the stories
CONTENTS_PER_PAGE = 25  # rows of at most two lines: 25 always fit a page; more continue on the next


def story_pages(count: int) -> list[int]:
    """The page each story starts on (the contents take one page per ``CONTENTS_PER_PAGE`` stories)."""
    contents = max(1, -(-count // CONTENTS_PER_PAGE))
    return [2 + contents + n // STORIES_PER_PAGE for n in range(count)]


def realised_total(cases: Sequence[Case]) -> float:
    """Σ realised hours of the stories (each case once)."""
    return sum(c.realised_hours or 0.0 for c in cases)


def _cover(cases: Sequence[Case], title: str, issue: int | None, day: dt.date, *, lang: str, st: dict[str, Any],
           width: float) -> list[Flowable]:
    big = st["title"].clone("nl_big", fontSize=30, leading=38)
    figure = st["title"].clone("nl_fig", fontSize=26, leading=32)
    departments = len({c.department for c in cases})
    box = Table([[para(stext("nl_total", lang), st["key_label"])],
                 [para(stext("nl_hours", lang, value=fixed(realised_total(cases))), figure)],
                 [para(stext("nl_count", lang, stories=len(cases), departments=departments), st["body"])]],
                colWidths=[width])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.4, COLOURS["accent"]),
                             ("BACKGROUND", (0, 0), (-1, -1), COLOURS["box_bg"]),
                             ("LEFTPADDING", (0, 0), (-1, -1), 6 * mm), ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm)]))
    when = reiwa_month(day) if lang != "en" else f"{day:%B %Y}"
    return [Spacer(1, 30 * mm), para(stext("nl_kicker", lang), st["subtitle"]), para(title, big),
            para(stext("nl_issue", lang, issue=issue) if issue is not None else "", st["h1"]),
            para(f"{when}（{date_text(day)}）" if lang != "en" else date_text(day), st["body"]), Spacer(1, 20 * mm),
            box, Spacer(1, 12 * mm), para(stext("nl_cover_note", lang), st["small"]), PageBreak()]


def _contents(cases: Sequence[Case], lang: str, st: dict[str, Any], width: float) -> list[Flowable]:
    """The contents, ``CONTENTS_PER_PAGE`` stories to a page, so every story's page is known in advance."""
    pages = story_pages(len(cases))
    out: list[Flowable] = []
    for start in range(0, max(len(cases), 1), CONTENTS_PER_PAGE):
        rows: list[list[Any]] = [[para(stext(k, lang), st["cell_head"]) for k in ("nl_col_no", "nl_col_story",
                                                                                   "nl_col_hours", "nl_col_page")]]
        for n in range(start, min(start + CONTENTS_PER_PAGE, len(cases))):
            c = cases[n]
            rows.append([para(n + 1, st["cell"]), para(f"{c.department}　{c.title}", st["cell"], 60),
                         para(stext("nl_hours", lang, value=fixed(c.realised_hours or 0.0)), st["cell_right"]),
                         para(pages[n], st["cell_right"])])
        t = Table(rows, colWidths=[width * x for x in (0.07, 0.63, 0.18, 0.12)])
        t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), st["body"].fontName),
                               ("LINEBELOW", (0, 0), (-1, 0), 0.9, COLOURS["ink"]),
                               ("LINEBELOW", (0, 1), (-1, -1), 0.3, COLOURS["grid"]),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        out += [para(stext("nl_contents", lang), st["h1"]), t, PageBreak()]
    return out


def _story(c: Case, n: int, *, lang: str, st: dict[str, Any], width: float, height: float) -> Flowable:
    head = Table([[para(f"{n}. {c.department}" + (f"（{c.section}）" if c.section else ""), st["key_label"]),
                   para(stext("nl_done", lang, date=date_text(parse_date(c.done_date) if c.done_date else None)
                              or "—"), st["key_label"])],
                  [para(c.title, st["h2"].clone("nl_t", spaceBefore=0, textColor=COLOURS["accent"]), 120),
                   para(stext("nl_saved", lang, value=fixed(c.realised_hours or 0.0)),
                        st["h2"].clone("nl_h", spaceBefore=0, alignment=2))]],
                 colWidths=[width * 0.7, width * 0.3])
    head.setStyle(TableStyle([("LINEBELOW", (0, -1), (-1, -1), 1.2, COLOURS["accent"]),
                              ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    ba = Table([[para(stext("nl_before", lang), st["cell_head"]), para(stext("nl_after", lang), st["cell_head"])],
                [para(c.before or "—", st["body"], 400), para(c.after or "—", st["body"], 400)]],
               colWidths=[width / 2] * 2)
    ba.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, COLOURS["grid"]),
                            ("BACKGROUND", (0, 0), (-1, 0), COLOURS["head_bg"]), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    parts: list[Flowable] = [head, Spacer(1, 2 * mm), ba, Spacer(1, 2 * mm)]
    if c.planned_hours:
        parts.append(para(stext("nl_planned", lang, value=fixed(c.planned_hours), task=c.task_name), st["small"]))
    for key, value in (("nl_voice", c.comment), ("nl_tips", c.tips), ("nl_contact", c.contact)):
        if value.strip():
            parts.append(para(f"{stext(key, lang)}: {value}", st["body"], 400))
    return KeepInFrame(width, height, parts, mode="shrink")


def build_newsletter(cases: Sequence[Case], *, title: str, issue: int | None, day: dt.date, lang: str,
                     font: str) -> list[Flowable]:
    """Every flowable of the newsletter."""
    st = paragraph_styles(font)
    f = frame()
    width, half = f.width, (f.height - 8 * mm) / STORIES_PER_PAGE
    out = _cover(cases, title, issue, day, lang=lang, st=st, width=width) + _contents(cases, lang, st, width)
    for n, c in enumerate(cases, 1):
        out.append(_story(c, n, lang=lang, st=st, width=width, height=half - 4 * mm))
        out.append(Spacer(1, 8 * mm) if n % STORIES_PER_PAGE else PageBreak())
    return out


def render_newsletter(cases: Sequence[Case], *, title: str, issue: int | None = None, lang: str = "ja",
                      fixed_date: dt.date | None = None) -> bytes:
    """The newsletter as PDF bytes (``fixed_date`` makes it reproducible)."""
    lang = "en" if lang == "en" else "ja"
    font = register_fonts()
    day = fixed_date or dt.date.today()
    buf = io.BytesIO()
    doc = a4_document(buf, font=font, lang=lang, title=title, subject=stext("nl_kicker", lang),
                      creator=f"Kaizen Self-Check {__version__}", fixed=fixed_date is not None)
    footer = title + (f"　{stext('nl_issue', lang, issue=issue)}" if issue is not None else "")
    doc.build(build_newsletter(cases, title=title, issue=issue, day=day, lang=lang, font=font),
              canvasmaker=numbered_canvas(font, footer, lambda page, total: f"{page} / {total}"))
    return buf.getvalue()
