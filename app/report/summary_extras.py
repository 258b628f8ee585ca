"""The ward summary's 横展開 sections: calibration of the reduction rates, and joint-procurement candidates."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Table, TableStyle

from app.domain.aggregate import WardSummary
from app.domain.ward_extras import MIN_CALIBRATION
from app.report.formats import fixed, number
from app.report.markup import para
from app.report.spread_strings import stext
from app.report.styles import paragraph_styles, table_commands

SHOWN_TASKS = 8  # tasks listed per procurement candidate; the XLSX lists every one


def rate_text(value: float | None) -> str:
    """A 0–1 rate as a whole percentage (the questionnaire's rates are whole percentages)."""
    return "—" if value is None else f"{number(value * 100, 0)} %"


def calibration_section(s: WardSummary, width: float, font: str, lang: str) -> list[Flowable]:
    """Per measure: completed actions, Σ planned vs Σ realised, ratio and a suggested rate (or 実績不足)."""
    styles = paragraph_styles(font)
    out: list[Flowable] = [CondPageBreak(50 * mm), para(stext("cal_title", lang), styles["h1"]),
                           para(stext("cal_note", lang, n=MIN_CALIBRATION), styles["note"])]
    if not s.calibration:
        return [*out, para(stext("cal_none", lang), styles["body"])]
    heads = ["cal_measure", "cal_done", "cal_planned", "cal_realised", "cal_ratio", "cal_current", "cal_suggested"]
    rows: list[list[Any]] = [[para(stext(k, lang), styles["cell_head"]) for k in heads]]
    right = styles["cell_right"]
    for r in s.calibration:
        suggested = rate_text(r.suggested_rate) if r.enough else stext("cal_too_few", lang)
        rows.append([para(r.label.get(lang), styles["cell"]), para(r.completed, right),
                     para(fixed(r.planned_hours), right), para(fixed(r.realised_hours), right),
                     para("—" if r.ratio is None else number(r.ratio, 2), right),
                     para(rate_text(r.current_rate) + (stext("cal_provisional", lang) if r.provisional else ""), right),
                     para(suggested, right)])
    t = Table(rows, colWidths=[width * x for x in (0.26, 0.1, 0.13, 0.13, 0.1, 0.14, 0.14)], repeatRows=1)
    t.setStyle(TableStyle(table_commands(font)))
    return [*out, t]


def procurement_section(s: WardSummary, width: float, font: str, lang: str) -> list[Flowable]:
    """共同調達・全庁導入の候補: departments, tasks, cases per year, potential hours."""
    styles = paragraph_styles(font)
    out: list[Flowable] = [CondPageBreak(50 * mm), para(stext("proc_title", lang), styles["h1"]),
                           para(stext("proc_note", lang), styles["note"])]
    if not s.procurement:
        return [*out, para(stext("proc_none", lang), styles["body"])]
    heads = ["proc_measure", "proc_departments", "proc_tasks", "proc_cases", "proc_hours"]
    rows: list[list[Any]] = [[para(stext(k, lang), styles["cell_head"]) for k in heads]]
    right = styles["cell_right"]
    for g in s.procurement:
        shown = [f"{t.department}: {t.task_name}" for t in g.tasks[:SHOWN_TASKS]]
        if len(g.tasks) > SHOWN_TASKS:
            shown.append(stext("proc_more", lang, count=len(g.tasks) - SHOWN_TASKS))
        rows.append([para(g.label.get(lang), styles["cell"]),
                     para(stext("proc_dept_count", lang, count=len(g.departments)), styles["cell"]),
                     para("\n".join(shown), styles["cell"]), para(number(g.annual_cases, 0), right),
                     para(fixed(g.potential_hours), right)])
    t = Table(rows, colWidths=[width * x for x in (0.2, 0.12, 0.42, 0.12, 0.14)], repeatRows=1)
    t.setStyle(TableStyle(table_commands(font)))
    return [*out, t]
