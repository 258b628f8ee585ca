"""The one-page A4 success-story sheet (改善事例シート) of a completed action, for the internal newsletter.

Small successes that staff can feel are the point (小さな成功体験): the sheet leads with the hours saved,
shows before and after side by side, what was done, a staff comment and tips for other sections.
Everything is kept on one page: long texts are cut, and the whole body shrinks to fit if need be.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Spacer, Table, TableStyle

from app import __version__
from app.domain.assessment import Action, Assessment
from app.domain.plan import action_title
from app.domain.questionnaire import Questionnaire
from app.domain.results import AssessmentResult
from app.report.followup_strings import text
from app.report.fonts import register_fonts
from app.report.formats import date_text, number
from app.report.markup import escape, para, plain, trusted
from app.report.styles import COLOURS, MARGINS_MM, PAGE_SIZE, SIZES, a4_document, frame, paragraph_styles

BEFORE_AFTER_MIN_MM = 42  # room for three or four lines each side, so short texts still look like a sheet
PHOTO_BOX_MM = 48  # an empty frame to paste a photo or the new form into before printing the newsletter
MAX_TEXT = 420  # characters per free-text block: enough for a newsletter paragraph, still one page


def _or_blank(value: str, lang: str) -> str:
    return value.strip() or text("story_blank", lang)


def _figure_box(label: str, value: str, sub: str, width: float, *, font: str, strong: bool) -> Table:
    styles = paragraph_styles(font)
    big = styles["title"].clone("big", fontSize=20 if strong else 15, leading=24 if strong else 19, spaceAfter=0,
                                textColor=COLOURS["accent"] if strong else COLOURS["ink"])
    rows = [[para(label, styles["key_label"])], [para(value, big)]]
    if sub:
        rows.append([para(sub, styles["small"])])
    t = Table(rows, colWidths=[width])
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("BOX", (0, 0), (-1, -1), 1.6 if strong else 0.6, COLOURS["accent"] if strong else COLOURS["rule"]),
        ("BACKGROUND", (0, 0), (-1, -1), COLOURS["box_bg"] if strong else COLOURS["white"]),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm), ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 1 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm),
    ]))
    return t


def _section(title: str, body: list[Flowable], width: float, font: str, shaded: bool = False) -> Table:
    styles = paragraph_styles(font)
    head = styles["h2"].clone("story_h", textColor=COLOURS["white"], spaceBefore=0, spaceAfter=0)
    t = Table([[para(title, head)], [body]], colWidths=[width])
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("BACKGROUND", (0, 0), (-1, 0), COLOURS["accent"]),
        ("BOX", (0, 0), (-1, -1), 0.8, COLOURS["accent"]),
        ("BACKGROUND", (0, 1), (-1, 1), COLOURS["band_bg"] if shaded else COLOURS["white"]),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm), ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return t


def _before_after(action: Action, width: float, font: str, lang: str) -> Table:
    styles = paragraph_styles(font)
    body = styles["body"].clone("ba", fontSize=11, leading=17)
    arrow = styles["title"].clone("arrow", fontSize=22, leading=26, alignment=1, spaceAfter=0)
    col = (width - 12 * mm) / 2
    before = [para(_or_blank(action.before or action.baseline, lang), body, MAX_TEXT)]
    after = [para(_or_blank(action.after or action.target, lang), body, MAX_TEXT)]
    head = styles["h2"].clone("ba_h", spaceBefore=0, spaceAfter=0, alignment=1)
    head_after = head.clone("ba_h2", textColor=COLOURS["white"])
    t = Table([[para(text("story_before", lang), head), "", para(text("story_after", lang), head_after)],
               [before, trusted("&#8594;", arrow), after]],
              colWidths=[col, 12 * mm, col], rowHeights=[None, BEFORE_AFTER_MIN_MM * mm])
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("BOX", (0, 0), (0, -1), 0.8, COLOURS["rule"]),
        ("BOX", (2, 0), (2, -1), 1.6, COLOURS["accent"]),
        ("BACKGROUND", (0, 0), (0, 0), COLOURS["head_bg"]),
        ("BACKGROUND", (2, 0), (2, 0), COLOURS["accent"]),
        ("BACKGROUND", (2, 1), (2, 1), COLOURS["box_bg"]),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("VALIGN", (0, 1), (0, 1), "TOP"), ("VALIGN", (2, 1), (2, 1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm), ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
    ]))
    return t


def build_story(q: Questionnaire, a: Assessment, r: AssessmentResult, action: Action, *, lang: str, font: str) \
        -> list[Flowable]:
    """The flowables of the sheet (one page)."""
    styles = paragraph_styles(font)
    w = frame().width
    task = next((t for t in r.tasks if t.task_id == action.task_id), None)
    try:
        measure = q.measure(action.measure_id)
        measure_label, measure_text = measure.label.get(lang), measure.description.get(lang)
    except KeyError:
        measure_label, measure_text = action.measure_id, ""
    task_name = task.name if task is not None else action.task_id
    dept = str(a.info.get(q.scoring.department_item) or "")
    section = str(a.info.get("section") or "")
    m = r.measure(action.task_id, action.measure_id)
    unit = q.value("unit_cost_yen_per_hour")

    kicker = styles["small"].clone("kicker", textColor=COLOURS["accent"], fontSize=9.5, spaceAfter=1 * mm)
    title = styles["title"].clone("story_title", fontSize=19, leading=25, spaceAfter=1.5 * mm)
    out: list[Flowable] = [
        para(text("story_kicker", lang) + ("　" + dept if dept else "") + ("・" + section if section else ""), kicker),
        para(action_title(q, a, action.task_id, action.measure_id) or f"{measure_label} — {task_name}", title),
    ]
    meta = [measure_label, text("story_task", lang, task=task_name, hours=number(task.annual_hours if task else 0.0))]
    if action.owner:
        meta.append(text("story_owner", lang, owner=action.owner))
    out += [para("　".join(meta), styles["small"]), Spacer(1, 2 * mm)]

    saved = action.realised_hours
    box_w = (w - 6 * mm) / 3
    figures = Table([[
        _figure_box(text("story_saved", lang), text("story_saved_value", lang, value=number(saved))
                    if saved is not None else text("story_blank", lang),
                    text("story_saved_yen", lang, value=number((saved or 0.0) * unit, 0))
                    if saved is not None else "", box_w, font=font, strong=True),
        _figure_box(text("story_planned", lang), text("story_saved_value", lang, value=number(m.potential_hours))
                    if m is not None else text("story_blank", lang), "", box_w, font=font, strong=False),
        _figure_box(text("story_done", lang), _or_blank(date_text(action.done_date, q.date_style(lang)), lang), "",
                    box_w, font=font, strong=False),
    ]], colWidths=[box_w + 3 * mm, box_w + 3 * mm, box_w])
    figures.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    out += [figures, Spacer(1, 5 * mm), _before_after(action, w, font, lang), Spacer(1, 4 * mm)]

    body = styles["body"].clone("story_body", fontSize=11, leading=17)
    note = ""
    choice = a.measures.get(action.task_id, {}).get(action.measure_id)
    if choice is not None and isinstance(choice.answers.get("measure_note"), str):
        note = choice.answers["measure_note"]
    what: list[Flowable] = [para(note or action.first_step or measure_label, body, MAX_TEXT)]
    if measure_text:
        what.append(para(f"{measure_label}: {measure_text}", styles["small"], MAX_TEXT))
    if action.kpi and (action.baseline or action.target):
        what.append(para(text("story_kpi", lang, kpi=action.kpi, baseline=action.baseline or "—",
                              target=action.target or "—"), styles["small"]))
    steps = [f"{date_text(h.date)} {h.note}".strip() for h in action.history if h.note]
    if steps:
        what.append(para(text("story_history", lang) + ": " + " / ".join(steps), styles["small"], 240))
    out += [_section(text("story_what", lang), what, w, font), Spacer(1, 4 * mm)]

    quote = body.clone("quote", fontSize=12.5, leading=19, leftIndent=4 * mm)
    left, right = ("“", "”") if lang == "en" else ("「", "」")
    voice = trusted(left + escape(_or_blank(action.comment, lang), MAX_TEXT) + right, quote)
    out += [_section(text("story_voice", lang), [voice], w, font, shaded=True), Spacer(1, 4 * mm)]
    out += [_section(text("story_tips", lang), [para(_or_blank(action.tips, lang), body, MAX_TEXT)], w, font),
            Spacer(1, 4 * mm), _photo_box(w, font, lang), Spacer(1, 2 * mm),
            para(text("story_estimate", lang), styles["small"])]
    return out


def _photo_box(width: float, font: str, lang: str) -> Table:
    styles = paragraph_styles(font)
    label = styles["small"].clone("photo", alignment=1)
    t = Table([[para(text("story_photo", lang), label)]], colWidths=[width], rowHeights=[PHOTO_BOX_MM * mm])
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("BOX", (0, 0), (-1, -1), 0.6, COLOURS["rule"], None, (3, 3)),  # dashed: a place to paste, not content
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return t


def render_story(q: Questionnaire, a: Assessment, result: AssessmentResult, action: Action, *, lang: str = "ja",
                 fixed_date: dt.date | None = None) -> bytes:
    """The sheet as PDF bytes; ``fixed_date`` makes the output reproducible."""
    lang = "en" if lang == "en" else "ja"
    font = register_fonts()
    day = fixed_date or dt.date.today()
    buf = io.BytesIO()
    dept = str(a.info.get(q.scoring.department_item) or "")
    title = plain(text("story_kicker", lang) + (f" — {dept}" if dept else ""))
    doc = a4_document(buf, font=font, lang=lang, title=title,
                      subject=text("story_subject", lang), creator=f"Kaizen Self-Check {__version__}",
                      fixed=fixed_date is not None, author=plain(dept))
    f = frame()
    body = KeepInFrame(f.width, f.height - 2, build_story(q, a, result, action, lang=lang, font=font), mode="shrink")
    footer = text("story_footer", lang, date=date_text(day, q.date_style(lang)))

    def on_page(c: Any, _doc: Any) -> None:
        c.saveState()
        c.setFont(font, SIZES["footer"])
        c.setFillColor(COLOURS["muted"])
        c.drawRightString(PAGE_SIZE[0] - MARGINS_MM["right"] * mm, 9 * mm, plain(footer))
        c.restoreState()

    doc.build([body], onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()

