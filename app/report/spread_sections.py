"""The plan's 横展開 parts: 「参考: 庁内の事例」 beside the actions, and the appendix 「進め方」 (guidance cards).

Both are empty when there is nothing to show (no installed case matches, no card for any measure used),
so a plan without a catalogue or cards prints exactly as before.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Table, TableStyle

from app.domain.cases import headline
from app.report.context import PlanContext
from app.report.markup import escape
from app.report.spread_strings import stext
from app.report.styles import COLOURS, frame, table_commands

CASES_PER_ACTION = 2


def case_references(ctx: PlanContext) -> list[Flowable]:
    """参考: 庁内の事例 — for each action with matching cases, the best two: who, when, hours, what was done, tips."""
    rows: list[list[Any]] = [[ctx.p(stext(k, ctx.lang), "cell_head") for k in ("col_action", "col_case", "col_how")]]
    for x in ctx.a.actions:
        found = ctx.cases.get((x.task_id, x.measure_id), [])[:CASES_PER_ACTION]
        for n, c in enumerate(found):
            action = f"{ctx.measure_label(x.measure_id)}（{ctx.task_name(x.task_id)}）" if n == 0 else ""
            how = "\n".join(s for s in (c.after, stext("tips", ctx.lang, tips=c.tips) if c.tips else "",
                                        stext("contact", ctx.lang, contact=c.contact) if c.contact else "") if s)
            rows.append([ctx.p(action, "cell", cell=True), ctx.p(headline(c, ctx.lang) + "\n" + c.title, "cell",
                                                                  cell=True), ctx.p(how or "—", "cell", cell=True)])
    if len(rows) == 1:
        return []
    w = frame().width
    t = Table(rows, colWidths=[w * s for s in (0.24, 0.3, 0.46)], repeatRows=1)
    t.setStyle(TableStyle(table_commands(ctx.font)))
    return [CondPageBreak(60 * mm), Paragraph(f'<a name="h_cases"/>{escape(stext("h_cases", ctx.lang))}', ctx.st["h1"]),
            ctx.p(stext("cases_intro", ctx.lang), "small"), t, PageBreak()]



def used_measures(ctx: PlanContext) -> list[str]:
    """The measures the plan uses, in plan order: the actions' measures, else the chosen ones."""
    ids = [x.measure_id for x in ctx.a.actions if x.status != "cancelled"] or \
        [m.measure_id for m in ctx.result.measures]
    return list(dict.fromkeys(ids))


def guidance_appendix(ctx: PlanContext) -> list[Flowable]:
    """Appendix 「進め方」: one guidance card per measure the plan uses (none: no appendix)."""
    cards = []
    for mid in used_measures(ctx):
        try:
            m = ctx.q.measure(mid)
        except KeyError:
            continue
        if m.guide is not None:
            cards.append((m, m.guide))
    if not cards:
        return []
    lang = ctx.lang
    out: list[Flowable] = [PageBreak(), Paragraph(f'<a name="h_guides"/>{escape(stext("h_guides", lang))}',
                                                  ctx.st["h1"]), ctx.p(stext("guides_intro", lang), "small")]
    if any(g.example for _, g in cards):
        out.append(ctx.p(stext("guides_example", lang), "note"))
    w = frame().width
    for m, g in cards:
        rows: list[list[Any]] = [[ctx.p(stext(f"guide_{k}", lang), "cell_head"), ctx.p(v.get(lang), "cell", cell=True)]
                                 for k, v in g.texts()]
        if g.steps:
            steps = "\n".join(f"{n}. {s.get(lang)}" for n, s in enumerate(g.steps, 1))
            rows.append([ctx.p(stext("guide_steps", lang), "cell_head"), ctx.p(steps, "cell", cell=True)])
        t = Table(rows, colWidths=[w * 0.2, w * 0.8])
        t.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), ctx.font), ("GRID", (0, 0), (-1, -1), 0.4, COLOURS["grid"]),
            ("BACKGROUND", (0, 0), (0, -1), COLOURS["head_bg"]), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]))
        title = m.label.get(lang) + (stext("guide_is_example", lang) if g.example else "")
        out.append(KeepTogether([ctx.p(title, "h2"), t]))
    return out
