"""The ward-wide summary PDF for the central team: departments side by side, shared pains, grouped proposals.

Built from an :class:`app.domain.aggregate.WardSummary`; the figures are the aggregate's, only rounded
here. Greys and the plan's dark blue only, with every series also told apart by position and label, so
it reads the same from a monochrome printer.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from app import __version__
from app.domain.aggregate import ProposalGroup, WardSummary
from app.domain.vocabulary import group_kind_label
from app.report.flowables import numbered_canvas
from app.report.followup_strings import text
from app.report.fonts import register_fonts
from app.report.formats import date_text, fixed, number
from app.report.markup import para, plain
from app.report.styles import COLOURS, MARGINS_MM, PAGE_SIZE, SIZES, frame, paragraph_styles, table_commands

PDF_LANG = {"ja": "ja-JP", "en": "en"}
MAX_GROUPS = 12  # the strongest evidence first; the XLSX export carries every group


def _figures(s: WardSummary, width: float, font: str, lang: str) -> Table:
    styles = paragraph_styles(font)
    big = styles["title"].clone("sum_big", fontSize=14, leading=18, spaceAfter=0)
    # Whole hours in the big figures: a decimal there would wrap the unit onto a line of its own.
    planned, realised = s.total("planned_hours"), s.total("realised_hours")
    unit = s.unit_cost_yen_per_hour
    cells = [
        (text("sum_inventory", lang), text("sum_hours", lang, value=fixed(s.total("inventory_hours"), 0)), ""),
        (text("sum_potential", lang), text("sum_hours", lang, value=fixed(s.total("potential_hours"), 0)),
         text("sum_yen", lang, value=number(s.total("potential_hours") * unit, 0))),
        (text("sum_planned", lang), text("sum_hours", lang, value=fixed(planned, 0)), ""),
        (text("sum_realised", lang), text("sum_hours", lang, value=fixed(realised, 0)),
         text("sum_share", lang, value=number(realised / planned * 100)) if planned else ""),
        (text("sum_quick", lang), text("sum_quick_value", lang, done=int(s.total("quick_wins_done")),
                                       total=int(s.total("quick_win_count"))), ""),
    ]
    col = width / len(cells)
    row = [[para(label, styles["key_label"]), para(value, big), para(sub, styles["small"])] for label, value, sub
           in cells]
    t = Table([row], colWidths=[col] * len(cells))
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font), ("BOX", (0, 0), (-1, -1), 1.2, COLOURS["accent"]),
        ("LINEAFTER", (0, 0), (-2, -1), 0.4, COLOURS["grid"]), ("BACKGROUND", (3, 0), (3, 0), COLOURS["box_bg"]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2.5 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm),
    ]))
    return t


def _department_table(s: WardSummary, width: float, font: str, lang: str) -> Table:
    styles = paragraph_styles(font)
    cell, right = styles["cell"], styles["cell_right"]
    heads = ["col_department", "col_tasks", "col_inventory", "col_potential", "col_planned", "col_realised",
             "col_actions", "col_quick", "col_proposals", "col_version"]
    rows: list[list[Any]] = [[para(text(k, lang), styles["cell_head"]) for k in heads]]
    for d in s.departments:
        name = d.department + (f"（{d.section}）" if d.section else "")
        version = f"{d.file_version}" + (" ※" if d.version_flag else "")
        rows.append([para(name, cell, 60), para(d.task_count, right), para(fixed(d.inventory_hours), right),
                     para(fixed(d.potential_hours), right), para(fixed(d.planned_hours), right),
                     para(fixed(d.realised_hours), right), para(f"{d.done_count} / {d.action_count}", right),
                     para(f"{d.quick_wins_done} / {d.quick_win_count}", right), para(d.proposal_count, right),
                     para(version, cell)])
    bold = styles["cell_right"].clone("tot", textColor=COLOURS["accent"])
    tot = s.total
    rows.append([para(text("sum_total", lang), styles["cell"].clone("totl", textColor=COLOURS["accent"])),
                 para(int(tot("task_count")), bold), para(fixed(tot("inventory_hours")), bold),
                 para(fixed(tot("potential_hours")), bold), para(fixed(tot("planned_hours")), bold),
                 para(fixed(tot("realised_hours")), bold),
                 para(f"{int(tot('done_count'))} / {int(tot('action_count'))}", bold),
                 para(f"{int(tot('quick_wins_done'))} / {int(tot('quick_win_count'))}", bold),
                 para(int(tot("proposal_count")), bold), ""])
    # 「すぐやる完了」 needs its whole header on one line; department names may wrap instead.
    shares = [0.2, 0.06, 0.1, 0.1, 0.09, 0.09, 0.09, 0.11, 0.06, 0.1]
    t = Table(rows, colWidths=[width * x for x in shares], repeatRows=1)
    t.setStyle(TableStyle([*table_commands(font), ("LINEABOVE", (0, -1), (-1, -1), 0.9, COLOURS["ink"]),
                           ("BACKGROUND", (0, -1), (-1, -1), COLOURS["box_bg"])]))
    return t


def _chart(s: WardSummary, width: float, font: str, lang: str) -> Drawing:
    """Horizontal bars per department: potential (light, outlined) with realised (dark) drawn over it."""
    fs = SIZES["figure"] + 0.5
    label_w, row_h = 34 * mm, 7.5 * mm
    rows = list(s.departments)
    height = row_h * len(rows) + 14 * mm
    d = Drawing(width, height)
    top = max([x.potential_hours for x in rows] + [x.realised_hours for x in rows] + [1.0])
    plot_w = width - label_w - 30 * mm
    base_y = 10 * mm
    for i, dep in enumerate(reversed(rows)):
        y = base_y + i * row_h
        d.add(String(label_w - 2, y + 2.2 * mm, plain(dep.department, 12), fontName=font, fontSize=fs,
                     textAnchor="end"))
        pw = plot_w * dep.potential_hours / top
        rw = plot_w * dep.realised_hours / top
        d.add(Rect(label_w, y + 1 * mm, pw, 5 * mm, fillColor=COLOURS["bar_other"], strokeColor=COLOURS["rule"],
                   strokeWidth=0.5))
        d.add(Rect(label_w, y + 2.2 * mm, rw, 2.6 * mm, fillColor=COLOURS["bar_focus"], strokeColor=None))
        value = f"{number(dep.potential_hours, 0)} / {number(dep.realised_hours, 0)}"
        d.add(String(label_w + pw + 2, y + 2.2 * mm, value, fontName=font, fontSize=fs))
    d.add(Line(label_w, base_y - 1, label_w, height - 8 * mm, strokeColor=COLOURS["ink"], strokeWidth=0.6))
    # key, drawn at the top: the two bars differ in height and shade, so neither depends on colour
    ky = height - 5 * mm
    d.add(Rect(label_w, ky, 8 * mm, 3.5 * mm, fillColor=COLOURS["bar_other"], strokeColor=COLOURS["rule"],
               strokeWidth=0.5))
    d.add(String(label_w + 10 * mm, ky + 0.8 * mm, text("sum_chart_potential", lang), fontName=font, fontSize=fs))
    d.add(Rect(label_w + 40 * mm, ky + 0.5 * mm, 8 * mm, 2.5 * mm, fillColor=COLOURS["bar_focus"], strokeColor=None))
    d.add(String(label_w + 50 * mm, ky + 0.8 * mm, text("sum_chart_realised", lang), fontName=font, fontSize=fs))
    return d


def _pains_table(s: WardSummary, width: float, font: str, lang: str) -> Table:
    styles = paragraph_styles(font)
    rows: list[list[Any]] = [[para(text(k, lang), styles["cell_head"]) for k in
                              ("col_pain", "col_dept_count", "col_which", "col_focus_tasks", "col_hours")]]
    n = max(len(s.departments), 1)
    for p in s.pains:
        marks = "■" * len(p.departments) + "□" * (n - len(p.departments))  # a bar made of text: prints anywhere
        rows.append([para(p.label.get(lang), styles["cell"]), para(f"{len(p.departments)}  {marks}", styles["cell"]),
                     para("、".join(p.departments), styles["cell"], 120), para(p.task_count, styles["cell_right"]),
                     para(fixed(p.hours), styles["cell_right"])])
    t = Table(rows, colWidths=[width * x for x in (0.22, 0.16, 0.4, 0.1, 0.12)], repeatRows=1)
    t.setStyle(TableStyle(table_commands(font)))
    return t


def merged_groups(s: WardSummary) -> list[list[ProposalGroup]]:
    """Groups with exactly the same proposals printed once under all their shared traits (in summary order)."""
    by_entries: dict[tuple[Any, ...], list[ProposalGroup]] = {}
    for g in s.groups:
        by_entries.setdefault(g.entries, []).append(g)
    return list(by_entries.values())


def _group_block(same: list[ProposalGroup], width: float, font: str, lang: str) -> list[Flowable]:
    styles = paragraph_styles(font)
    g = same[0]
    traits = " ／ ".join(f"{group_kind_label(x.kind, lang)}: {x.label.get(lang)}" for x in same)
    head = para(text("sum_group_head", lang, traits=traits, count=len(g.departments), hours=fixed(g.potential_hours)),
                styles["h2"].clone("gh", spaceBefore=2 * mm, spaceAfter=1 * mm, textColor=COLOURS["accent"]))
    rows: list[list[Any]] = [[para(text(k, lang), styles["cell_head"]) for k in
                              ("col_department", "col_task", "col_measure", "col_hours", "col_potential")]]
    for e in g.entries:
        rows.append([para(e.department, styles["cell"]), para(e.task_name, styles["cell"], 80),
                     para(e.measure_label.get(lang), styles["cell"], 60), para(fixed(e.annual_hours),
                                                                                 styles["cell_right"]),
                     para(fixed(e.potential_hours), styles["cell_right"])])
    t = Table(rows, colWidths=[width * x for x in (0.16, 0.34, 0.3, 0.1, 0.1)], repeatRows=1)
    t.setStyle(TableStyle(table_commands(font, zebra=False)))
    return [KeepTogether([head, t])]


def build_summary(s: WardSummary, lang: str, day: dt.date, font: str) -> list[Flowable]:
    """Every flowable of the summary."""
    styles = paragraph_styles(font)
    w = frame().width
    out: list[Flowable] = [
        para(text("sum_title", lang), styles["title"]),
        para(text("sum_lead", lang, count=len(s.departments), date=date_text(day)), styles["body"]),
        Spacer(1, 2 * mm), _figures(s, w, font, lang), Spacer(1, 5 * mm),
        para(text("sum_departments", lang), styles["h1"]), _department_table(s, w, font, lang), Spacer(1, 4 * mm),
    ]
    if s.departments:
        out += [KeepTogether([para(text("sum_chart", lang), styles["h2"]), _chart(s, w, font, lang)])]
    out += [CondPageBreak(60 * mm), para(text("sum_pains", lang), styles["h1"]),
            para(text("sum_pains_note", lang), styles["small"]), _pains_table(s, w, font, lang), Spacer(1, 5 * mm),
            CondPageBreak(50 * mm), para(text("sum_groups", lang), styles["h1"]),
            para(text("sum_groups_note", lang), styles["note"])]
    if not s.groups:
        out.append(para(text("sum_groups_none", lang), styles["body"]))
    for same in merged_groups(s)[:MAX_GROUPS]:
        out += _group_block(same, w, font, lang)
    notes: list[Flowable] = [para(text("sum_assumptions", lang, unit=number(s.unit_cost_yen_per_hour, 0)),
                                  styles["body"])]
    if any(d.version_flag for d in s.departments):
        notes.append(para(text("sum_version_flag", lang), styles["body"]))
    notes += [para("・" + w_.message(lang), styles["body"]) for w_ in s.warnings]
    if s.skipped:
        notes.append(para(text("sum_skipped", lang), styles["h2"]))
        notes += [para(f"・{plain(p.path, 80)}: {p.code} {p.message(lang)}", styles["small"], 300)
                  for p in s.skipped]
    out += [Spacer(1, 4 * mm), CondPageBreak(40 * mm), para(text("sum_notes", lang), styles["h1"]), *notes]
    return out


def render_summary(s: WardSummary, *, lang: str = "ja", fixed_date: dt.date | None = None) -> bytes:
    """The summary as PDF bytes; ``fixed_date`` makes the output reproducible."""
    lang = "en" if lang == "en" else "ja"
    font = register_fonts()
    day = fixed_date or dt.date.today()
    buf = io.BytesIO()
    mm_pt = 72 / 25.4
    creator = f"Kaizen Self-Check {__version__}"
    doc = SimpleDocTemplate(
        buf, pagesize=PAGE_SIZE, leftMargin=MARGINS_MM["left"] * mm_pt, rightMargin=MARGINS_MM["right"] * mm_pt,
        topMargin=MARGINS_MM["top"] * mm_pt, bottomMargin=MARGINS_MM["bottom"] * mm_pt,
        title=text("sum_title", lang), subject=text("sum_subject", lang), creator=creator, producer=creator,
        lang=PDF_LANG[lang], invariant=1 if fixed_date else 0, displayDocTitle=1, initialFontName=font,
        initialFontSize=9,
    )
    doc.build(build_summary(s, lang, day, font),
              canvasmaker=numbered_canvas(font, text("sum_title", lang),
                                          lambda page, total: text("page", lang, page=page, total=total)))
    return buf.getvalue()
