"""The first sections of the plan: cover, summary (with the boxed quick wins) and the three charts."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import KeepInFrame

from app.domain.results import MATRIX_POINTS, MeasureResult, matrix_points
from app.domain.vocabulary import QUADRANTS, quadrant_label
from app.report import charts
from app.report.context import PlanContext
from app.report.flowables import PageRef, boxed
from app.report.formats import fixed
from app.report.markup import escape
from app.report.quality_box import quality_box
from app.report.styles import COLOURS, frame, table_commands

NEXT_MAX = 3  # major projects named on the summary page; the task table lists them all
DONE_MAX = 3  # achievements named on the summary page; the follow-up table lists them all


CONTENTS = ("h_summary", "h_charts", "h_tasks", "h_actions", "h_proposals", "h_assumptions", "h_signoff")


def heading(ctx: PlanContext, key: str) -> Paragraph:
    """A section heading (also a PDF outline entry, so readers can jump to it); its page is recorded for the
    contents list (``heading_key``, read by the document's page recorder)."""
    title = ctx.t(key)
    p = Paragraph(f'<a name="{key}"/>{escape(title)}', ctx.st["h1"])
    p.heading_key = key
    return p


def key_values(ctx: PlanContext, rows: list[tuple[str, Flowable | str]], label_share: float = 0.28) -> Table:
    """A two-column table of labels and values (cover and summary)."""
    width = frame().width
    data = [[Paragraph(escape(label), ctx.st["key_label"]),
             value if isinstance(value, Flowable) else ctx.p(value, "key")] for label, value in rows]
    table = Table(data, colWidths=[width * label_share, width * (1 - label_share)])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), ctx.font),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, COLOURS["grid"]),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2 * mm),
        ("LEFTPADDING", (0, 0), (-1, -1), 1 * mm),
    ]))
    return table


def cover(ctx: PlanContext) -> list[Flowable]:
    """部署, 実施日, 参加者, questionnaire and measurement method, then the list of contents."""
    q = ctx.q
    blank = ctx.t("blank_to_fill")
    dept = ctx.department
    section = ctx.info_text("section")
    title = ctx.t("doc_title")
    out: list[Flowable] = [Spacer(1, 18 * mm), Paragraph(escape(title), ctx.st["title"]),
                           ctx.p(dept + (f"　{section}" if section else "") if dept else blank, "subtitle"),
                           Paragraph(escape(ctx.t("cover_lead")), ctx.st["body"]), Spacer(1, 6 * mm)]
    rows: list[tuple[str, Flowable | str]] = [
        (ctx.t("cover_department"), dept or blank),
        (ctx.t("cover_date"), ctx.info_text("session_date") or blank),
        (ctx.t("cover_participants"), ctx.info_text("participants") or blank),
        (ctx.t("cover_questionnaire"), ctx.t("cover_questionnaire_value", title=q.title.get(ctx.lang), id=q.id,
                                             version=q.version)),
        (ctx.t("cover_method"), ctx.info_text("method") or blank),
        (ctx.t("cover_printed"), ctx.date(ctx.today)),
    ]
    if section:
        rows.insert(1, (ctx.t("cover_section"), section))
    out.append(key_values(ctx, rows))
    out += [Spacer(1, 10 * mm), Paragraph(escape(ctx.t("cover_contents")), ctx.st["h2"])]
    rows_c: list[list[Any]] = []
    for key in CONTENTS:
        rows_c.append([Paragraph(f'<a href="#{key}">{escape(ctx.t(key))}</a>', ctx.st["body"]),
                       PageRef(ctx.refs, key, ctx.st["body"].leading)])
    contents = Table(rows_c, colWidths=[frame().width * 0.8, frame().width * 0.2])
    contents.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), ctx.font), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                  ("LINEBELOW", (0, 0), (-1, -1), 0.3, COLOURS["grid"], 0, (1, 2))]))
    out.append(contents)
    out.append(PageBreak())
    return out


def summary(ctx: PlanContext) -> list[Flowable]:
    """Key figures, the quick-win box, what was achieved, and warnings."""
    t = ctx.result.totals
    share = t.focus_hours / t.inventory_hours if t.inventory_hours else 0.0
    flag = ctx.t("provisional") if ctx.unit_cost_provisional() else ctx.t("confirmed")
    potential = (ctx.t("sum_potential_value", hours=ctx.hours(t.potential_hours), index=ctx.hours(t.potential_index),
                       yen=ctx.yen(t.potential_yen)) + "\n"
                 + ctx.t("sum_unit_cost", cost=ctx.yen(ctx.unit_cost()), flag=flag) + "\n" + ctx.t("sum_yen_note"))
    counts = t.quadrant_counts
    rows: list[tuple[str, Flowable | str]] = [
        (ctx.t("sum_inventory"), ctx.t("sum_inventory_value", count=t.task_count, hours=ctx.hours(t.inventory_hours))),
        (ctx.t("sum_headcount"), _headcount(ctx)),
        (ctx.t("sum_focus"), ctx.t("sum_focus_value", count=t.focus_count, hours=ctx.hours(t.focus_hours),
                                   share=ctx.pct(share))),
        (ctx.t("sum_potential"), potential),
        (ctx.t("sum_counts"), ctx.t("sum_counts_value", quick=counts.get("quick_win", 0),
                                    major=counts.get("major_project", 0), fill=counts.get("fill_in", 0),
                                    not_now=counts.get("not_now", 0), proposals=t.proposal_count)),
        (first_title(ctx, t.quick_win_count), ctx.t("sum_first_value", count=t.quick_win_count,
                                                        max=f"{ctx.q.value('max_quick_wins'):g}")),
        (ctx.t("sum_target"), this_year(ctx)),
    ]
    followed = ctx.followed_actions()
    if followed:
        planned, realised = ctx.follow_up_totals()
        done = sum(1 for x in followed if x.status == "done")
        rows.append((ctx.t("sum_followup"), ctx.t("sum_followup_value", planned=ctx.hours(planned),
                                                  realised=ctx.hours(realised), followed=len(followed), done=done,
                                                  section=ctx.t("h_actions"))))
    page: list[Flowable] = [_summary_heading(ctx), key_values(ctx, rows), Spacer(1, 6 * mm),
                            quick_win_box(ctx)]
    page += next_steps(ctx)
    page += achieved(ctx)
    if ctx.result.warnings:
        from app.domain.messages import format_message

        page.append(Paragraph(escape(ctx.t("warnings_title")), ctx.st["h2"]))
        for w in ctx.result.warnings:
            page.append(ctx.p("・" + format_message(w.code, ctx.lang, **w.params), "small"))
    page += quality_box(ctx)  # each value left out of the figures above, so none is silently missing
    # The meeting reads this page on its own, warnings and left-out values included: the lists are capped
    # (NEXT_MAX, DONE_MAX, the quality box's rows) so it fits at full size, and only text typed far longer
    # than usual makes it shrink rather than spill over.
    f = frame()
    marker = Spacer(0, 0)
    marker.heading_key = "h_summary"  # the heading sits inside the frame below: record its page here
    out: list[Flowable] = [marker, KeepInFrame(f.width, f.height - 6, page, mode="shrink")]
    out.append(PageBreak())
    return out


def _summary_heading(ctx: PlanContext) -> Paragraph:
    return Paragraph(f'<a name="h_summary"/>{escape(ctx.t("h_summary"))}', ctx.st["h1"])


def _headcount(ctx: PlanContext) -> str:
    t = ctx.result.totals
    if not t.headcount or not t.capacity_hours:
        return ctx.t("sum_headcount_none")
    return ctx.t("sum_headcount_value", fte=f"{t.headcount:g}", per_fte=f"{ctx.q.value('hours_per_fte'):,g}",
                 capacity=ctx.hours(t.capacity_hours, 0), share=ctx.pct(t.inventory_hours / t.capacity_hours))


def first_title(ctx: PlanContext, count: int) -> str:
    """「まずはこの3つから」, or 「まずはこの2つから」 for fewer; never 「この0つ」 when there is none yet."""
    return ctx.t("qw_title") if count in (0, 3) else ctx.t("qw_title_n", n=count)


def this_year(ctx: PlanContext) -> str:
    """This fiscal year: planned × realisation factor = expected, the target beside it, and what is left out."""
    t = ctx.result.totals
    if t.fiscal_year_end:
        lines = [ctx.t("sum_year_value", planned=ctx.hours(t.this_year_planned_hours),
                       end=ctx.date(t.fiscal_year_end), factor=ctx.pct(t.realisation_factor),
                       expected=ctx.hours(t.this_year_expected_hours))]
    else:  # without a session date there is no fiscal year: 「（—までに…）」 read as a figure of zero
        lines = [ctx.t("sum_year_no_date")]
    if t.target_hours:
        lines.append(ctx.t("sum_target_value", target=ctx.hours(t.target_hours),
                           expected=ctx.hours(t.this_year_expected_hours), progress=ctx.pct(t.target_progress),
                           potential=ctx.hours(t.potential_hours)))
    else:
        lines += [ctx.t("sum_potential_all", potential=ctx.hours(t.potential_hours)), ctx.t("sum_target_none")]
    counts: dict[str, int] = {}
    for x in ctx.result.not_this_year:
        counts[x.reason] = counts.get(x.reason, 0) + 1
    if counts:
        sep = "、" if ctx.lang != "en" else ", "
        items = sep.join(ctx.t(f"nty_{k}", n=counts[k]) for k in NTY_ORDER if k in counts)
        lines.append(ctx.t("sum_not_this_year", items=items, section=ctx.t("h_actions")))
    return "\n".join(lines)


NTY_ORDER = ("proposal", "no_deadline", "later", "no_action", "cancelled")


def quick_win_box(ctx: PlanContext) -> Flowable:
    """「まずはこの3つから」: the quick wins with their first steps, in a thick frame."""
    width = frame().width
    wins = ctx.result.quick_wins
    title = first_title(ctx, len(wins))
    rows: list[list[Any]] = [[Paragraph(escape(title), ctx.st["qw_title"])]]
    if not wins:
        rows.append([Paragraph(escape(ctx.t("qw_none")), ctx.st["body"])])
    actions = {(x.task_id, x.measure_id): x for x in ctx.a.actions}
    for n, m in enumerate(wins, 1):
        # what will be done first, then which measure on which task and the hours
        title = ctx.title(m.task_id, m.measure_id) or ctx.t("qw_no_title")
        action = actions.get((m.task_id, m.measure_id))
        if action is not None and action.status == "done":
            title += ctx.t("qw_done")  # at the follow-up meeting the box shows what is already behind us
        rows.append([ctx.p(f"{n}.　{title}" if ctx.lang != "en" else f"{n}. {title}", "qw")])
        line = ctx.t("qw_line", measure=ctx.measure_label(m.measure_id), task=ctx.task_name(m.task_id),
                     hours=ctx.hours(m.potential_hours))
        rows.append([ctx.p(line, "qw_step")])
        step = action.first_step if action and action.first_step else ctx.q.measure(m.measure_id).first_step.get(
            ctx.lang)
        if step:
            rows.append([ctx.p(ctx.t("qw_first_step", text=step), "qw_step")])
    return boxed(rows, width, font=ctx.font)  # one table: never split, and the page is kept in one frame


def major_projects(ctx: PlanContext) -> list[MeasureResult]:
    """The section's own major projects (計画的に), highest potential first; proposals are counted apart."""
    return [m for m in ctx.result.by_quadrant("major_project") if not m.cross_department]


def next_steps(ctx: PlanContext) -> list[Flowable]:
    """「次に進めること」: the top major projects with their hours and a pointer to the proposals.

    The quick wins say what to start this month; this box says what to prepare next, so the
    summary page answers the whole meeting agenda without turning the page.
    """
    majors = major_projects(ctx)
    n_props = len(ctx.result.proposals)
    if not majors and not n_props:
        return []
    rows: list[list[Any]] = [[Paragraph(escape(ctx.t("next_title")), ctx.st["next_title"])]]
    if majors:
        rows.append([ctx.tp("next_intro", "qw_step")])
    for n, m in enumerate(majors[:NEXT_MAX], 1):
        title = ctx.title(m.task_id, m.measure_id)
        line = ctx.t("qw_line", measure=ctx.measure_label(m.measure_id), task=ctx.task_name(m.task_id),
                     hours=ctx.hours(m.potential_hours))
        if m.premature:
            line += f"（{ctx.t('premature')}）" if ctx.lang != "en" else f" ({ctx.t('premature')})"
        head = title or line  # what will be done first, then the measure, the task and the hours under it
        rows.append([ctx.p(f"{n}.　{head}" if ctx.lang != "en" else f"{n}. {head}", "next")])
        if title:
            rows.append([ctx.p(line, "qw_step")])
    if len(majors) > NEXT_MAX:
        rows.append([ctx.tp("next_more", "qw_step", n=len(majors) - NEXT_MAX, section=ctx.t("h_tasks"))])
    if n_props:
        link = f'<a href="#h_proposals" color="#{COLOURS["accent"].hexval()[2:]}">{escape(ctx.t("h_proposals"))}</a>'
        # The catalogue text has no markup; only the section name is a link, built here from escaped parts.
        rows.append([Paragraph(ctx.t("next_proposals", n=n_props, section=link), ctx.st["next"])])
    box = boxed(rows, frame().width, COLOURS["white"], font=ctx.font, border=0.8, border_colour=COLOURS["rule"])
    return [Spacer(1, 5 * mm), box]


def achieved(ctx: PlanContext) -> list[Flowable]:
    """「できたこと」: the actions marked done, to celebrate them (nothing when none is done yet)."""
    done = [x for x in ctx.a.actions if x.status == "done"]
    if not done:
        return []
    rows: list[list[Any]] = [[Paragraph(escape(ctx.t("done_title")), ctx.st["qw_title"])]]
    if len(done) > DONE_MAX:  # the rest are in the follow-up table; the summary stays one page
        rows_more = [[ctx.tp("done_more", "qw_step", n=len(done) - DONE_MAX, section=ctx.t("h_actions"))]]
        done = done[:DONE_MAX]
    else:
        rows_more = []
    for x in done:
        hours = ctx.t("done_hours", hours=ctx.hours(x.realised_hours)) if x.realised_hours else ""
        line = ctx.t("done_line", measure=ctx.title(x.task_id, x.measure_id) or ctx.measure_label(x.measure_id),
                     task=ctx.task_name(x.task_id),
                     date=ctx.date(x.done_date) or "—", hours=hours)
        rows.append([ctx.p("◎ " + line, "done")])
    rows += rows_more
    return [Spacer(1, 5 * mm), boxed(rows, frame().width, COLOURS["band_bg"], font=ctx.font)]


def chart_section(ctx: PlanContext) -> list[Flowable]:
    """Pareto chart, impact/effort matrix with its numbered list, pain-profile radar."""
    out: list[Flowable] = [heading(ctx, "h_charts")]
    # Where the time goes and what hurts on one page, then the measures on the next.
    out += pareto(ctx)
    out += radar(ctx)
    out += monthly(ctx)
    out.append(PageBreak())
    out += matrix(ctx)
    out.append(PageBreak())
    return out


def monthly(ctx: PlanContext) -> list[Flowable]:
    """Inventory hours per month with the peak months weighted (繁忙期); dark bars: a focus task's peak."""
    r = ctx.result
    if r.totals.inventory_hours <= 0 or not r.totals.monthly_hours:
        return []
    from app.domain.totals import MONTHS

    peaks = {m for t in r.tasks if t.focus for m in t.peak_months}
    drawing = charts.monthly_chart(r.totals.monthly_hours, [ctx.month(m) for m in MONTHS], [m in peaks for m in MONTHS],
                                   width=frame().width, height=46 * mm, font=ctx.font,
                                   unit_label=ctx.t("axis_hours_month"))
    weight = f"{ctx.q.value('peak_weight', 2.0):g}"
    return [CondPageBreak(60 * mm), *_figure(ctx, "monthly_title", [drawing], ctx.t("monthly_caption", weight=weight))]


def _figure(ctx: PlanContext, title_key: str, body: list[Flowable], caption: str) -> list[Flowable]:
    return [KeepTogether([Paragraph(escape(ctx.t(title_key)), ctx.st["h2"]), *body,
                          Paragraph(escape(caption), ctx.st["caption"])])]


def pareto(ctx: PlanContext) -> list[Flowable]:
    """Tasks by annual hours, the cumulative line and the focus guide."""
    tasks = sorted(ctx.result.tasks, key=lambda x: x.rank)
    coverage = ctx.q.value("pareto_coverage")
    if not tasks or ctx.result.totals.inventory_hours <= 0:
        return _figure(ctx, "pareto_title", [], ctx.t("pareto_none"))
    bars = [charts.Bar(str(x.rank), x.annual_hours, x.cumulative_share, x.focus) for x in tasks]
    others = len(bars) - charts.MAX_BARS
    drawing = charts.pareto_chart(bars, frame().width, 64 * mm, ctx.font, coverage=coverage,
                                  unit_label=ctx.t("axis_hours"), cumulative_label=ctx.t("axis_cumulative"),
                                  legend=(ctx.t("legend_focus"), ctx.t("legend_other")),
                                  rest_label=(ctx.t("pareto_other"), ctx.t("pareto_other_count", n=f"{others:,}")))
    caption = ctx.t("pareto_caption", coverage=f"{coverage * 100:.0f}")
    if others > 0:
        _, rest = charts.pareto_rest(bars)
        caption += " " + ctx.t("pareto_more", shown=charts.MAX_BARS, n=f"{others:,}",
                               hours=ctx.hours(rest.hours if rest else 0.0))
    return _figure(ctx, "pareto_title", [drawing], caption)


def matrix(ctx: PlanContext) -> list[Flowable]:
    """The four quadrants with numbered measures and the key to the numbers."""
    # the matrix ranks ideas: each measure at what it would save alone (its band and quadrant)
    measures = ctx.result.measures
    if not measures:
        return _figure(ctx, "matrix_title", [], ctx.t("matrix_none"))
    plotted, more = matrix_points(measures)  # numbered as the window numbers them
    points = [charts.Point(n, m.ease or 0.0, m.standalone_hours, m.premature) for n, m in enumerate(plotted, 1)]
    band_min = next((b.min_hours for b in ctx.q.bands if b.level == int(ctx.q.value("quadrant_potential_min"))),
                    ctx.q.bands[-1].min_hours)
    labels = {k: quadrant_label(k, ctx.lang) for k in QUADRANTS}
    # A long key takes a slightly lower chart, so chart and key still share one page.
    height = (105 if len(points) <= 20 else 92) * mm
    drawing = charts.matrix_chart(points, frame().width, height, ctx.font, ease_cut=ctx.q.value("quadrant_ease_min"),
                                  hours_cut=band_min, labels=labels, axis_x=ctx.t("axis_ease"),
                                  axis_y=ctx.t("axis_potential"))
    caption = ctx.t("matrix_caption")
    if len(plotted) + more < len(measures):
        caption += " " + ctx.t("matrix_unplotted", n=len(measures) - len(plotted) - more)
    if more:
        # Said in the caption, not under the key: a line of its own there could spill onto a page alone.
        caption += " " + ctx.t("matrix_top", shown=MATRIX_POINTS, n=more)
    return [*_figure(ctx, "matrix_title", [drawing], caption), *_matrix_key(ctx, plotted)]


def _matrix_key(ctx: PlanContext, plotted: list[Any]) -> list[Flowable]:
    """The numbered key under the matrix: one row per marker (nothing when no measure could be plotted).

    One line per measure with its own columns, so a quadrant name is never broken across lines and the
    marker's two coordinates (hours and ease) can be read off as figures.
    """
    if not plotted:
        return []
    keys = ["col_no", "col_measure", "col_target_task", "col_alone", "col_ease", "col_quadrant"]
    rows: list[list[Any]] = [[Paragraph(escape(ctx.t(k)), ctx.st["cell_head"]) for k in keys]]
    for n, m in enumerate(plotted, 1):
        quadrant = ctx.quadrant(m) + (f"・{ctx.t('central')}" if m.cross_department else "")
        rows.append([ctx.p(str(n), "cell_right"), ctx.p(ctx.measure_label(m.measure_id), "cell", cell=True),
                     ctx.p(ctx.task_name(m.task_id), "cell", cell=True),
                     ctx.p(ctx.t("cell_hours", value=ctx.hours(m.standalone_hours)), "cell_right"),
                     ctx.p(fixed(m.ease), "cell_center"), ctx.p(quadrant, "cell")])
    w = frame().width
    table = Table(rows, colWidths=[w * s for s in (0.06, 0.28, 0.28, 0.11, 0.07, 0.2)], repeatRows=1,
                  splitByRow=1, splitInRow=0)
    # Tighter rows than the other tables: the chart and a key of up to MAX_POINTS rows share one page.
    table.setStyle(TableStyle([*table_commands(ctx.font, grid=False), ("TOPPADDING", (0, 1), (-1, -1), 1.2),
                               ("BOTTOMPADDING", (0, 1), (-1, -1), 1.6)]))
    return [table]  # no spacer after it: a page break follows, and a spacer alone could open a blank page


def radar(ctx: PlanContext) -> list[Flowable]:
    """The share of focus tasks with each pain point."""
    if ctx.result.totals.focus_count == 0:
        return [CondPageBreak(30 * mm), *_figure(ctx, "radar_title", [], ctx.t("radar_none"))]
    axes = [(ctx.pain_label(k), v) for k, v in ctx.result.pain_profile.items()]
    if len(axes) < 3:
        rows = [[ctx.p(label, "cell"), ctx.p(f"{ctx.pct(v)} %", "cell_right")] for label, v in axes]
        table = Table(rows, colWidths=[60 * mm, 20 * mm])
        table.setStyle(TableStyle(table_commands(ctx.font, header_rows=1, zebra=False)))
        return _figure(ctx, "radar_title", [table], ctx.t("radar_caption"))
    drawing = charts.radar_chart(axes, frame().width, 74 * mm, ctx.font)
    return _figure(ctx, "radar_title", [drawing], ctx.t("radar_caption"))


__all__ = ["chart_section", "cover", "heading", "key_values", "summary"]
