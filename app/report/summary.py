"""The ward-wide summary PDF for the central team: departments side by side, shared pains, grouped proposals.

Built from an :class:`app.domain.aggregate.WardSummary`; the figures are the aggregate's, only rounded
here. Greys and the plan's dark blue only, with every series also told apart by position and label, so
it reads the same from a monochrome printer.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from app import __version__
from app.domain.aggregate import DepartmentRow, DepartmentTotal, ProposalGroup, WardSummary
from app.domain.errors import Problem, ReportError
from app.domain.totals import MONTHS
from app.domain.vocabulary import group_kind_label
from app.report.charts import monthly_chart
from app.report.flowables import numbered_canvas
from app.report.followup_strings import text
from app.report.fonts import register_fonts
from app.report.formats import date_text, fixed, number
from app.report.markup import para, plain
from app.report.styles import COLOURS, a4_document, frame, paragraph_styles, table_commands
from app.report.summary_chart import summary_chart
from app.report.summary_extras import calibration_section, procurement_section

MAX_GROUPS = 12  # the strongest evidence first; the XLSX export carries every group
MAX_GROUP_ROWS = 20  # proposals printed per group; the XLSX export carries every one


def _figures(s: WardSummary, width: float, font: str, lang: str) -> Table:
    styles = paragraph_styles(font)
    big = styles["title"].clone("sum_big", fontSize=11.5, leading=15, spaceAfter=0)
    # The same 0.1 h and 1 yen as the tables below and the exports: a total here always matches them.
    rate = s.due_rate()
    due = int(s.total("due_count"))
    cells = [
        (text("sum_inventory", lang), fixed(s.total("inventory_hours")), ""),
        (text("sum_potential", lang), fixed(s.total("potential_hours")),
         text("sum_yen", lang, value=number(s.total("potential_yen"), 0))),
        (text("sum_planned", lang), fixed(s.total("planned_hours")), ""),
        (text("sum_realised", lang), fixed(s.total("realised_hours")),
         text("sum_share", lang, count=due, value=number(rate * 100)) if rate is not None
         else text("sum_share_none", lang)),
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


def _figure_cells(d: DepartmentRow | DepartmentTotal, style: Any) -> list[Any]:
    def tot(attr: str) -> float:
        return d.total(attr) if isinstance(d, DepartmentTotal) else float(getattr(d, attr))

    return [para(int(tot("task_count")), style), para(fixed(tot("inventory_hours")), style),
            para(fixed(tot("potential_hours")), style), para(fixed(tot("planned_hours")), style),
            para(fixed(tot("realised_hours")), style),
            para(f"{int(tot('done_count'))} / {int(tot('action_count'))}", style),
            para(f"{int(tot('quick_wins_done'))} / {int(tot('quick_win_count'))}", style),
            para(int(tot("proposal_count")), style)]


def _department_table(s: WardSummary, width: float, font: str, lang: str) -> Table:
    """One row per section file; a department with several sections gets a subtotal row under them."""
    styles = paragraph_styles(font)
    cell, right = styles["cell"], styles["cell_right"]
    heads = ["col_department", "col_session", "col_tasks", "col_inventory", "col_potential", "col_planned",
             "col_realised", "col_actions", "col_quick", "col_proposals", "col_version"]
    rows: list[list[Any]] = [[para(text(k, lang), styles["cell_head"]) for k in heads]]
    subtotal_rows: list[int] = []
    for dep in s.by_department():
        for d in dep.sections:
            name = d.department + (f"（{d.section}）" if d.section else "")
            version = f"{d.file_version}" + (" ※" if d.version_flag else "")
            rows.append([para(name, cell, 60), para(date_text(d.session_date), cell), *_figure_cells(d, right),
                         para(version, cell)])
        if len(dep.sections) > 1:
            subtotal_rows.append(len(rows))
            rows.append([para(text("sum_department_total", lang, department=dep.department,
                                   count=len(dep.sections)), cell, 60), "", *_figure_cells(dep, right), ""])
    bold = styles["cell_right"].clone("tot", textColor=COLOURS["accent"])
    total = DepartmentTotal("", s.departments)
    rows.append([para(text("sum_total", lang), styles["cell"].clone("totl", textColor=COLOURS["accent"])), "",
                 *_figure_cells(total, bold), ""])
    # 「すぐやる完了」 needs its whole header on one line; department names may wrap instead.
    shares = [0.15, 0.1, 0.05, 0.11, 0.1, 0.08, 0.08, 0.1, 0.11, 0.05, 0.07]
    t = Table(rows, colWidths=[width * x for x in shares], repeatRows=1)
    t.setStyle(TableStyle([*table_commands(font), ("LINEABOVE", (0, -1), (-1, -1), 0.9, COLOURS["ink"]),
                           ("BACKGROUND", (0, -1), (-1, -1), COLOURS["box_bg"]),
                           *[("BACKGROUND", (0, r), (-1, r), COLOURS["head_bg"]) for r in subtotal_rows]]))
    return t


def _pains_table(s: WardSummary, width: float, font: str, lang: str) -> Table:
    styles = paragraph_styles(font)
    rows: list[list[Any]] = [[para(text(k, lang), styles["cell_head"]) for k in
                              ("col_pain", "col_dept_count", "col_which", "col_focus_tasks", "col_hours")]]
    n = max(len(s.by_department()), 1)
    for p in s.pains:
        rows.append([para(p.label.get(lang), styles["cell"]),
                     para(f"{len(p.departments)}  {marks(len(p.departments), n)}", styles["cell"]),
                     para(_names(p.departments, lang), styles["cell"]), para(p.task_count, styles["cell_right"]),
                     para(fixed(p.hours), styles["cell_right"])])
    t = Table(rows, colWidths=[width * x for x in (0.2, 0.18, 0.4, 0.1, 0.12)], repeatRows=1)
    t.setStyle(TableStyle(table_commands(font)))
    return t


MARK_CELLS = 10  # the text bar's length: one ■ per tenth of the departments, so 300 departments fit a cell
SHOWN_NAMES = 12  # department names listed in a cell; the XLSX lists them all


def marks(count: int, total: int) -> str:
    """A bar made of text (prints anywhere): ■ for each tenth of ``total`` that ``count`` reaches, □ for the rest.

    With ``total`` up to ``MARK_CELLS`` each department is one mark. A count above zero shows at least one ■.
    """
    if total <= MARK_CELLS:
        return "■" * count + "□" * (total - count)
    filled = max(1 if count else 0, min(MARK_CELLS, round(count * MARK_CELLS / total)))
    return "■" * filled + "□" * (MARK_CELLS - filled)


def _names(names: tuple[str, ...], lang: str) -> str:
    if len(names) <= SHOWN_NAMES:
        return "、".join(names)
    return "、".join(names[:SHOWN_NAMES]) + text("sum_more_names", lang, count=len(names) - SHOWN_NAMES)


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
    for e in g.entries[:MAX_GROUP_ROWS]:
        who = e.department + (f"（{e.section}）" if e.section else "")
        rows.append([para(who, styles["cell"]), para(e.task_name, styles["cell"], 80),
                     para(e.measure_label.get(lang) + (f"\n「{e.title}」" if e.title else "")
                          + (f"\n→ {e.other_departments}" if e.other_departments else ""), styles["cell"], 120),
                     para(fixed(e.annual_hours), styles["cell_right"]),
                     para(fixed(e.potential_hours), styles["cell_right"])])
    left = len(g.entries) - MAX_GROUP_ROWS
    if left > 0:
        rows.append([para(text("sum_group_more", lang, count=left), styles["cell_muted"]), "", "", "", ""])
    t = Table(rows, colWidths=[width * x for x in (0.16, 0.34, 0.3, 0.1, 0.1)], repeatRows=1)
    t.setStyle(TableStyle(table_commands(font, zebra=False) + ([("SPAN", (0, -1), (-1, -1))] if left > 0 else [])))
    return [KeepTogether([head, t])]


def build_summary(s: WardSummary, lang: str, day: dt.date, font: str) -> list[Flowable]:
    """Every flowable of the summary."""
    styles = paragraph_styles(font)
    w = frame().width
    out: list[Flowable] = [
        para(text("sum_title", lang), styles["title"]),
        para(text("sum_lead", lang, departments=len(s.by_department()), count=len(s.departments),
                  date=date_text(day)), styles["body"]),
        Spacer(1, 2 * mm), _figures(s, w, font, lang), Spacer(1, 5 * mm),
        para(text("sum_departments", lang), styles["h1"]), _department_table(s, w, font, lang), Spacer(1, 4 * mm),
    ]
    if s.departments:
        out += [KeepTogether([para(text("sum_chart", lang), styles["h2"]), summary_chart(s, w, font, lang)])]
    if len(s.monthly_hours) == 12 and sum(s.monthly_hours) > 0:
        months = [text(f"month_{m}", lang) for m in MONTHS]
        top = max(s.monthly_hours)
        peaks = [v >= top * 0.999 or v > sum(s.monthly_hours) / 12 * 1.1 for v in s.monthly_hours]
        chart = monthly_chart(s.monthly_hours, months, peaks, width=w, height=46 * mm, font=font,
                              unit_label=text("sum_hours_axis", lang))
        out += [KeepTogether([para(text("sum_monthly", lang), styles["h2"]), chart,
                              para(text("sum_monthly_note", lang), styles["small"])])]
    out += [CondPageBreak(60 * mm), para(text("sum_pains", lang), styles["h1"]),
            para(text("sum_pains_note", lang), styles["small"]), _pains_table(s, w, font, lang), Spacer(1, 5 * mm),
            CondPageBreak(50 * mm), para(text("sum_groups", lang), styles["h1"]),
            para(text("sum_groups_note", lang), styles["note"])]
    if s.groups:
        distinct = {(e.department, e.section, e.task_id, e.measure_id) for g in s.groups for e in g.entries}
        out.append(para(text("sum_groups_overlap", lang, count=len(distinct), hours=fixed(s.distinct_proposal_hours())),
                        styles["body"]))
    else:
        out.append(para(text("sum_groups_none", lang), styles["body"]))
    for same in merged_groups(s)[:MAX_GROUPS]:
        out += _group_block(same, w, font, lang)
    out += procurement_section(s, w, font, lang) + calibration_section(s, w, font, lang)
    notes: list[Flowable] = [para(text("sum_assumptions", lang, unit=number(s.unit_cost_yen_per_hour, 0)),
                                  styles["body"])]
    if any(d.version_flag for d in s.departments):
        notes.append(para(text("sum_version_flag", lang), styles["body"]))
    notes += [para("・" + w_.message(lang), styles["body"]) for w_ in s.warnings]
    if s.set_aside:
        notes.append(para(text("sum_set_aside", lang), styles["h2"]))
        notes += [para("・" + text(f"sum_aside_{x.reason}", lang, name=x.name, kept=x.kept), styles["small"], 300)
                  for x in s.set_aside]
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
    doc = a4_document(buf, font=font, lang=lang, title=text("sum_title", lang), subject=text("sum_subject", lang),
                      creator=f"Kaizen Self-Check {__version__}", fixed=fixed_date is not None)
    try:
        doc.build(build_summary(s, lang, day, font),
                  canvasmaker=numbered_canvas(font, text("sum_title", lang),
                                              lambda page, total: text("page", lang, page=page, total=total)))
    except LayoutError as exc:  # a cell too tall for a page despite the cuts: say so, as the plan does
        raise ReportError(Problem("R002", {"detail": str(exc)[:200]})) from exc
    return buf.getvalue()
