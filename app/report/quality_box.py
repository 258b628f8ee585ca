"""The data-quality box of the summary page: each value kept in the file but left out of the figures."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.domain.quality import left_out
from app.report.context import PlanContext
from app.report.markup import escape
from app.report.styles import COLOURS, frame, table_commands

MAX_ROWS = 12  # listed on the summary page; the window's output step lists every one


def quality_box(ctx: PlanContext) -> list[Flowable]:
    """A framed table (task, field, value, reason), or nothing when every value was counted."""
    rows = [x.row(ctx.lang) for x in left_out(ctx.q, ctx.a)]
    if not rows:
        return []
    width = frame().width
    head = [Paragraph(escape(ctx.t(k)), ctx.st["cell"]) for k in
            ("quality_task", "quality_field", "quality_value", "quality_reason")]
    body = [[ctx.p(v, "cell", cell=True) for v in row] for row in rows[:MAX_ROWS]]
    table = Table([head, *body], colWidths=[width * s for s in (0.24, 0.18, 0.14, 0.44)], repeatRows=1)
    table.setStyle(TableStyle([*table_commands(ctx.font), ("BOX", (0, 0), (-1, -1), 1.2, COLOURS["accent"])]))
    out: list[Flowable] = [Paragraph(escape(ctx.t("quality_title", n=len(rows))), ctx.st["h2"]),
                           ctx.p(ctx.t("quality_intro"), "small"), table]
    if len(rows) > MAX_ROWS:
        out.append(ctx.p(ctx.t("quality_more", n=len(rows) - MAX_ROWS), "small"))
    # plain flowables: the summary page holds them inside its KeepInFrame, which fits the page as one block
    return [Spacer(1, 3 * mm), *out]
