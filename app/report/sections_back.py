"""The later sections of the plan: task table, action plan with follow-up, proposals, assumptions, sign-off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from app.domain import plan as plan_rules
from app.domain.assessment import Action
from app.domain.results import MeasureResult
from app.report.context import PlanContext
from app.report.flowables import CheckBox
from app.report.formats import fixed
from app.report.long_table import LongTable
from app.report.markup import escape, para
from app.report.sections_front import heading
from app.report.styles import ACTION_COLUMNS, COLOURS, SPACING, TASK_COLUMNS, frame, table_commands, widths


def _note(ctx: PlanContext, key: str, **params: object) -> Paragraph:
    """A shaded "nothing here yet, do this next" paragraph: never an empty table."""
    return ctx.tp(key, "note", **params)


def _head(ctx: PlanContext, keys: list[str]) -> list[Paragraph]:
    return [para(ctx.t(k), ctx.st["cell_head"]) for k in keys]


def _table(ctx: PlanContext, rows: list[list[Any]], col_widths: list[float],
           extra: list[tuple[Any, ...]] | None = None) -> Table:
    """A long table: the header repeats on every page and rows are never split."""
    table = Table(rows, colWidths=col_widths, repeatRows=1, splitByRow=1, splitInRow=0)
    table.setStyle(TableStyle(table_commands(ctx.font) + (extra or [])))
    return table


def _likert(value: object) -> str:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else "—"


def _suitability(ctx: PlanContext, value: float | None, measures: list[MeasureResult]) -> str:
    """適合度 only where it is used: tasks with a chosen automation measure."""
    if value is None or not any(m.automation for m in measures):
        return "—"
    return f"{ctx.pct(value)}%"


def _measure_cell(ctx: PlanContext, m: MeasureResult) -> str:
    """The measure's label, then its title (what will be done) when there is one."""
    title = ctx.title(m.task_id, m.measure_id)
    return ctx.measure_label(m.measure_id) + (f"\n「{title}」" if title and ctx.lang != "en" else
                                              f"\n'{title}'" if title else "")


def task_table(ctx: PlanContext) -> list[Flowable]:
    """業務名, H, 定型度, 媒体, suitability, measure, ECRS, P (h / 円), ease, quadrant: one row per chosen measure."""
    out: list[Flowable] = [heading(ctx, "h_tasks")]
    r = ctx.result
    if not r.tasks:
        return [*out, _note(ctx, "tasks_none"), PageBreak()]
    out.append(ctx.tp("tasks_intro", "small"))
    auto = ("、" if ctx.lang != "en" else ", ").join(m.label.get(ctx.lang) for m in ctx.q.measures if m.automation)
    out.append(ctx.tp("codes_legend", "small", auto=auto))
    if r.totals.focus_count == 0:
        out.append(_note(ctx, "tasks_no_focus"))
    elif not r.measures:
        out.append(_note(ctx, "tasks_no_measures"))
    keys = ["col_no", "col_focus", "col_task", "col_hours", "col_rule", "col_medium", "col_suitability",
            "col_measure", "col_ecrs", "col_potential", "col_ease", "col_quadrant"]
    rows: list[list[Any]] = [_head(ctx, keys)]
    by_task: dict[str, list[MeasureResult]] = {}
    for m in r.measures:
        by_task.setdefault(m.task_id, []).append(m)
    # Rows of one task form a block: one shade per block (alternating) and a rule between blocks, so a
    # task's measures read together; within a block only the measure columns get a thin dotted rule.
    style: list[tuple[Any, ...]] = []
    col_widths = widths(TASK_COLUMNS, frame().width)
    pad = SPACING["cell_pad"]
    size, leading = ctx.st["cell"].fontSize, ctx.st["cell"].leading
    # A city's inventory has ranks of four or five digits: No. widens (taken from 業務名) so they never wrap.
    need = stringWidth(str(len(r.tasks)), ctx.font, size) + 2 * pad + 1
    if need > col_widths[0]:
        col_widths[2] -= need - col_widths[0]
        col_widths[0] = need

    def cell(value: object, st: str, col: int, cut: bool = False) -> Paragraph | str:
        return ctx.cell(value, st, col_widths[col] - 2 * pad, cut)

    for block, task in enumerate(sorted(r.tasks, key=lambda x: x.rank)):
        answers = ctx.tasks_by_id[task.task_id].answers
        first = len(rows)
        base = [cell(str(task.rank), "cell_right", 0), cell("●" if task.focus else "", "cell_center", 1),
                cell(task.name or "—", "cell", 2, cut=True), cell(ctx.hours(task.annual_hours), "cell_right", 3),
                cell(_likert(answers.get("rule_based")), "cell_center", 4),
                cell(_likert(answers.get("input_medium")), "cell_center", 5),
                cell(_suitability(ctx, task.suitability, by_task.get(task.task_id, [])), "cell_right", 6)]
        measures = sorted(by_task.get(task.task_id, []), key=lambda m: m.order)
        style.append(("LINEABOVE", (0, first), (-1, first), 0.5, COLOURS["rule"]))
        if block % 2:
            style.append(("BACKGROUND", (0, first), (-1, first + max(len(measures), 1) - 1), COLOURS["band_bg"]))
        if not measures:
            style.append(("TEXTCOLOR", (7, first), (7, first), COLOURS["muted"]))  # as the cell_muted style
            rows.append([*base, cell("—", "cell_muted", 7), "", "", "", ""])
            continue
        for i, m in enumerate(measures):
            style += [("FONTSIZE", (8, first + i), (11, first + i), size),
                      ("LEADING", (8, first + i), (11, first + i), leading)]
            if i:
                style.append(("LINEABOVE", (7, first + i), (-1, first + i), 0.3, COLOURS["grid"], 0, (1, 2)))
            cells = base if i == 0 else [""] * len(base)
            potential = (ctx.t("cell_hours", value=ctx.hours(m.potential_hours)) + "\n"
                         + ctx.t("cell_yen", value=ctx.yen(m.potential_yen)))
            if round(m.standalone_hours, 1) != round(m.potential_hours, 1):
                potential += "\n(" + ctx.t("alone", value=ctx.hours(m.standalone_hours)) + ")"
            quadrant = ctx.quadrant(m) + (f"\n{ctx.t('central')}" if m.cross_department else "")
            quadrant += f"\n{ctx.t('review_flag')}" if m.review else ""
            rows.append([*cells, cell(ctx.measure_label(m.measure_id), "cell", 7, cut=True),
                         cell(ctx.ecrs(m.ecrs), "cell", 8), cell(potential, "cell_right", 9),
                         cell(fixed(m.ease) if m.ease is not None else "—", "cell_center", 10),
                         cell(quadrant, "cell", 11)])
    # One row per task at least, so thousands of rows: laid out page by page in linear time.
    # Short cells are plain strings (see PlanContext.cell): their size, leading, colour and alignment are the
    # paragraph styles' own, given per column here.
    # Columns 8–11 of a row without measures stay empty at reportlab's default size, whose line height sets
    # that row's height: kept, so every row and page break is where it was when every cell was a paragraph.
    plain = [("FONTSIZE", (0, 1), (7, -1), size), ("LEADING", (0, 1), (7, -1), leading),
             ("TEXTCOLOR", (0, 1), (-1, -1), COLOURS["ink"])]
    plain += [("ALIGN", (col, 1), (col, -1), align) for col, align in enumerate(
        ("RIGHT", "CENTER", "LEFT", "RIGHT", "CENTER", "CENTER", "RIGHT", "LEFT", "LEFT", "RIGHT", "CENTER", "LEFT"))]
    out.append(LongTable.of(rows, col_widths, table_commands(ctx.font, zebra=False, grid=False) + plain, style))
    out.append(PageBreak())
    return out


def action_table(ctx: PlanContext) -> list[Flowable]:
    """改善策, 対象業務, 担当, 期限, 最初の一歩, KPI, baseline → target, 確認日, 必要な支援, with a check box."""
    out: list[Flowable] = [heading(ctx, "h_actions")]
    actions = ctx.a.actions
    if not actions:
        return [*out, _note(ctx, "actions_none"), PageBreak()]
    out.append(ctx.tp("actions_intro", "small"))
    missing = sum(1 for x in actions if not x.owner.strip())
    if missing:
        out.append(_note(ctx, "actions_no_owner", n=missing))
    keys = ["col_check", "col_action", "col_target_task", "col_owner", "col_deadline", "col_first_step", "col_kpi",
            "col_baseline_target", "col_review", "col_support"]
    rows: list[list[Any]] = [_head(ctx, keys)]
    undecided = ctx.t("undecided")
    for x in actions:
        bt = f"{x.baseline.strip() or '—'} → {x.target.strip() or '—'}" if (x.baseline or x.target) else "—"
        review = ctx.date(x.review_date) or "—"
        if plan_rules.review_before_deadline(x):
            review += "\n" + ctx.t("review_before")
        rows.append([
            CheckBox(), ctx.p(_action_cell(ctx, x), "cell", cell=True),
            ctx.p(ctx.task_name(x.task_id), "cell", cell=True),
            ctx.p(x.owner, "cell", cell=True) if x.owner.strip() else ctx.p(undecided, "cell_muted"),
            ctx.p(ctx.date(x.deadline), "cell", cell=True) if x.deadline.strip() else ctx.p(undecided, "cell_muted"),
            ctx.p(x.first_step or "—", "cell", cell=True), ctx.p(x.kpi or "—", "cell", cell=True),
            ctx.p(bt, "cell", cell=True), ctx.p(review, "cell", cell=True),
            ctx.p(x.support or "—", "cell", cell=True),
        ])
    out.append(_table(ctx, rows, widths(ACTION_COLUMNS, frame().width), [("ALIGN", (0, 1), (0, -1), "CENTER")]))
    out += not_this_year(ctx)
    out += follow_up(ctx)
    out.append(PageBreak())
    return out


def _action_cell(ctx: PlanContext, x: Action) -> str:
    """What will be done first, then the measure, the peak months it relieves and what to confirm."""
    title = ctx.title(x.task_id, x.measure_id)
    label = ctx.measure_label(x.measure_id)
    parts = [f"{title}\n（{label}）" if title and ctx.lang != "en" else f"{title}\n({label})" if title else label]
    try:
        months = ctx.result.task(x.task_id).peak_months
    except StopIteration:
        months = ()
    if months:
        sep = "・" if ctx.lang != "en" else ", "
        names = sep.join(ctx.month(n) for n in sorted(months))
        parts.append(ctx.t("peak_relief", months=names))
    m = ctx.result.measure(x.task_id, x.measure_id)
    if m is not None and m.review:
        parts += [f"{ctx.t('review_flag')}: {n.get(ctx.lang)}" for n in m.notices]
    return "\n".join(parts)


def not_this_year(ctx: PlanContext) -> list[Flowable]:
    """The measures whose savings are not in this fiscal year's figure, with why."""
    left = ctx.result.not_this_year
    if not left:
        return []
    out: list[Flowable] = [CondPageBreak(30 * mm), Paragraph(escape(ctx.t("nty_title")), ctx.st["h2"]),
                           ctx.tp("nty_intro", "small")]
    rows: list[list[Any]] = [_head(ctx, ["col_action", "col_target_task", "col_potential", "col_reason_nty"])]
    for x in left:
        title = ctx.title(x.task_id, x.measure_id)
        label = ctx.measure_label(x.measure_id) + (f"「{title}」" if title else "")
        rows.append([ctx.p(label, "cell", cell=True), ctx.p(ctx.task_name(x.task_id), "cell", cell=True),
                     ctx.p(ctx.t("cell_hours", value=ctx.hours(x.potential_hours)), "cell_right"),
                     ctx.p(ctx.t(f"reason_label_{x.reason}"), "cell")])
    w = frame().width
    out.append(_table(ctx, rows, [w * s for s in (0.4, 0.3, 0.12, 0.18)]))
    return out


def follow_up(ctx: PlanContext) -> list[Flowable]:
    """Planned against realised hours for the actions that were followed up (振り返り)."""
    followed = ctx.followed_actions()
    out: list[Flowable] = [CondPageBreak(40 * mm), Paragraph(escape(ctx.t("followup_title")), ctx.st["h2"])]
    if not followed:
        return [*out, _note(ctx, "followup_none")]
    out.append(ctx.tp("followup_intro", "small"))
    keys = ["col_action", "col_target_task", "col_status", "col_done_date", "col_planned", "col_realised"]
    rows: list[list[Any]] = [_head(ctx, keys)]
    planned_total, realised_total = ctx.follow_up_totals()
    for x in followed:
        planned = ctx.planned_hours(x)
        rows.append([ctx.p(ctx.title(x.task_id, x.measure_id) or ctx.measure_label(x.measure_id), "cell", cell=True),
                     ctx.p(ctx.task_name(x.task_id), "cell", cell=True), ctx.p(ctx.status(x), "cell"),
                     ctx.p(ctx.date(x.done_date) or "—", "cell"),
                     ctx.p(ctx.hours(planned) if planned is not None else "—", "cell_right"),
                     ctx.p(ctx.hours(x.realised_hours) if x.realised_hours is not None else "—", "cell_right")])
    rows.append([ctx.p(ctx.t("followup_total"), "cell"), "", "", "", ctx.p(ctx.hours(planned_total), "cell_right"),
                 ctx.p(ctx.hours(realised_total), "cell_right")])
    w = frame().width
    out.append(_table(ctx, rows, [w * s for s in (0.22, 0.28, 0.1, 0.14, 0.13, 0.13)],
                      [("LINEABOVE", (0, -1), (-1, -1), 0.9, COLOURS["ink"])]))
    return out


def proposals(ctx: PlanContext) -> list[Flowable]:
    """業務改善担当への提案: cross-department measures with their evidence (tasks, hours, pain points)."""
    out: list[Flowable] = [heading(ctx, "h_proposals")]
    props = ctx.result.proposals
    if not props:
        return [*out, _note(ctx, "proposals_none")]
    out.append(ctx.tp("proposals_intro", "small"))
    if ctx.q.team_contact(ctx.lang):  # settings.central_team_contact, when the team gave one
        out.append(ctx.tp("proposals_contact", "small", contact=ctx.q.team_contact(ctx.lang)))
    keys = ["col_measure", "col_task", "col_other_side", "col_evidence_hours", "col_pains", "col_reason"]
    rows: list[list[Any]] = [_head(ctx, keys)]
    sep = "、" if ctx.lang != "en" else ", "
    s = ctx.q.scoring
    for m in props:
        task = ctx.result.task(m.task_id)
        pains = sep.join(ctx.pain_label(p) for p in task.pains) or "—"
        answers = ctx.a.analysis.get(m.task_id, {})
        other = answers.get(s.other_departments_item) if s.other_departments_item else None
        info = answers.get(s.shared_information_item) if s.shared_information_item else None
        side = (other if isinstance(other, str) and other.strip() else ctx.t("other_side_unknown")) + (
            f"\n（{info}）" if isinstance(info, str) and info.strip() else "")
        # Two lines: the arrow never splits a figure from its unit, whatever the column width.
        evidence = (ctx.t("cell_hours", value=ctx.hours(task.annual_hours)) + "\n→ "
                    + ctx.t("cell_hours", value=ctx.hours(m.potential_hours)))
        rows.append([ctx.p(_measure_cell(ctx, m), "cell", cell=True), ctx.p(task.name, "cell", cell=True),
                     ctx.p(side, "cell", cell=True), ctx.p(evidence, "cell"), ctx.p(pains, "cell", cell=True),
                     ctx.p(m.proposal_reason.get(ctx.lang) or "—", "cell", cell=True)])
    w = frame().width
    out.append(_table(ctx, rows, [w * s for s in (0.2, 0.17, 0.19, 0.12, 0.16, 0.16)]))
    return out


def assumptions(ctx: PlanContext) -> list[Flowable]:
    """Every setting, measure rate and band threshold used, with provenance; unit cost; method; limits; version."""
    q, lang = ctx.q, ctx.lang
    prov, conf = ctx.t("provisional"), ctx.t("confirmed")
    w = frame().width
    col = [w * s for s in (0.3, 0.14, 0.44, 0.12)]
    out: list[Flowable] = [CondPageBreak(120 * mm), heading(ctx, "h_assumptions"), ctx.tp("as_intro", "small"),
                           Paragraph(escape(ctx.t("as_settings")), ctx.st["h2"])]
    head = _head(ctx, ["as_col_item", "as_col_value", "as_col_source", "as_col_status"])

    def status(provisional: bool) -> Paragraph:
        return Paragraph(f"▲{escape(prov)}" if provisional else escape(conf), ctx.st["cell"])

    def flagged(rows: list[list[Any]], provisional: list[bool]) -> list[tuple[Any, ...]]:
        # Provisional values get a mark and a darker cell, so they stand out on a greyscale print too.
        return [("BACKGROUND", (3, i + 1), (3, i + 1), COLOURS["head_bg"]) for i, p in enumerate(provisional) if p]

    rows: list[list[Any]] = [head]
    for s in q.settings.values():
        value = s.text.get(lang) if s.text is not None else f"{s.value:,g}"
        rows.append([ctx.p(s.label.get(lang), "cell"), ctx.p(value, "cell_right"),
                     ctx.p(s.provenance.get(lang), "cell", cell=True), status(s.provisional)])
    out.append(_table(ctx, rows, col, flagged(rows, [s.provisional for s in q.settings.values()])))
    out.append(Paragraph(escape(ctx.t("as_measures")), ctx.st["h2"]))
    used = sorted({m.measure_index for m in ctx.result.measures})
    if used:
        rows = [head]
        for i in used:
            m = q.measures[i]
            rows.append([ctx.p(m.label.get(lang), "cell"), ctx.p(f"{m.reduction_rate * 100:g}%", "cell_right"),
                         ctx.p(m.provenance.get(lang), "cell", cell=True), status(m.provisional)])
        out.append(_table(ctx, rows, col, flagged(rows, [q.measures[i].provisional for i in used])))
    else:
        out.append(_note(ctx, "as_measures_none"))
    rows = [head]
    for b in q.bands:
        rows.append([ctx.p(f"{b.level}. {b.label.get(lang)}", "cell"),
                     ctx.p(ctx.t("as_band_value", hours=f"{b.min_hours:,g}"), "cell"),
                     ctx.p(b.message.get(lang), "cell", cell=True), status(q.bands_provisional)])
    bands: list[Flowable] = [Paragraph(escape(ctx.t("as_bands")), ctx.st["h2"]),
                             _table(ctx, rows, col, flagged(rows, [q.bands_provisional] * len(q.bands))),
                             Spacer(1, 1.5 * mm)]
    if q.bands_provenance:
        bands.append(ctx.p(q.bands_provenance.get(lang), "small"))
    bands.append(ctx.tp("as_quadrant_rule", "small", band=f"{q.value('quadrant_potential_min'):g}",
                        ease=f"{q.value('quadrant_ease_min'):g}"))
    # The notes under the band table explain it: never leave them alone at the top of the next page.
    out.append(KeepTogether(bands))
    out += _assumption_texts(ctx)
    return out


def _assumption_texts(ctx: PlanContext) -> list[Flowable]:
    q = ctx.q
    flag = ctx.t("as_unit_cost_flag") if ctx.unit_cost_provisional() else ""
    source = Path(q.source).name if q.source else f"{q.id}.yaml"
    stamp = f"{ctx.a.questionnaire_id} {ctx.a.questionnaire_version}"
    blocks = [
        ("as_unit_cost", ctx.tp("as_unit_cost_text", cost=ctx.yen(ctx.unit_cost()), flag=flag, file=source)),
        ("as_method", ctx.tp("as_method_text", method=ctx.info_text("method") or "—",
                             fit=f"{q.value('fit_no_factor', 0.5) * 100:g}")),
        ("as_limits", ctx.tp("as_limits_text")),
        ("as_version", ctx.tp("as_version_text", title=q.title.get(ctx.lang), id=q.id, version=q.version,
                              stamp=stamp)),
    ]
    return [KeepTogether([Paragraph(escape(ctx.t(key)), ctx.st["h2"]), body]) for key, body in blocks]


def sign_off(ctx: PlanContext) -> list[Flowable]:
    """Next review date and lines for the section meeting to sign (確認者・日付)."""
    dates = sorted(d for x in ctx.a.actions if (d := x.review_date.strip()))
    review = dates[0] if dates else plan_rules.review_date(ctx.q, ctx.a, ctx.today)
    w = frame().width
    rows: list[list[Any]] = [_head(ctx, ["signoff_who", "signoff_date", "signoff_note"])]
    rows += [["", "", ""] for _ in range(3)]
    table = Table(rows, colWidths=[w * 0.42, w * 0.2, w * 0.38], rowHeights=[None, 12 * mm, 12 * mm, 12 * mm])
    table.setStyle(TableStyle(table_commands(ctx.font, zebra=False)))
    return [KeepTogether([
        Spacer(1, 6 * mm), heading(ctx, "h_signoff"),
        Paragraph(escape(ctx.t("next_review")), ctx.st["h2"]),
        ctx.tp("next_review_text", "key", date=ctx.date(review)), Spacer(1, 4 * mm),
        ctx.tp("signoff_intro", "body"), table,
    ])]
