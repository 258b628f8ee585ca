"""The printed action plan: sections assembled in framework order and rendered to PDF bytes."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable, SimpleDocTemplate

from app import __version__
from app.domain.assessment import Assessment
from app.domain.errors import Problem, ReportError
from app.domain.questionnaire import Questionnaire
from app.domain.results import AssessmentResult
from app.domain.scoring import paused_collection
from app.report import sections_back, sections_front, spread_sections
from app.report.context import PlanContext
from app.report.flowables import numbered_canvas
from app.report.fonts import register_fonts
from app.report.markup import plain
from app.report.strings import text
from app.report.styles import a4_document

Section = Callable[[PlanContext], list[Flowable]]

# framework.md, "The printed action plan": cover, summary, charts, tasks, actions, proposals,
# assumptions, next review and sign-off.
SECTIONS: tuple[Section, ...] = (
    sections_front.cover, sections_front.summary, sections_front.chart_section, sections_back.task_table,
    sections_back.action_table, spread_sections.case_references, sections_back.proposals, sections_back.assumptions,
    sections_back.sign_off, spread_sections.guidance_appendix,
)


class _PageRecorder(SimpleDocTemplate):  # type: ignore[misc]  # reportlab ships no type hints
    """Records the page on which each section heading (a flowable with ``heading_key``) lands."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.heading_pages: dict[str, int] = {}

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's hook name
        key = getattr(flowable, "heading_key", None)
        if isinstance(key, str):
            self.heading_pages.setdefault(key, self.page)


def build_story(ctx: PlanContext) -> list[Flowable]:
    """Every flowable of the plan, section by section."""
    story: list[Flowable] = []
    for section in SECTIONS:
        story += section(ctx)
    return story


def render_plan(q: Questionnaire, a: Assessment, result: AssessmentResult, lang: str = "ja",
                fixed_date: dt.date | None = None, *, cases: dict[tuple[str, str], list[Any]] | None = None) -> bytes:
    """The PDF action plan as bytes.

    With ``fixed_date`` the output is reproducible byte for byte: that date is printed as the
    creation date and reportlab's invariant mode fixes the document id and timestamps.
    """
    from reportlab.platypus.doctemplate import LayoutError

    lang = "en" if lang == "en" else "ja"
    font = register_fonts()
    ctx = PlanContext(q, a, result, lang, fixed_date or dt.date.today(), font, cases=dict(cases or {}))
    buf = io.BytesIO()
    dept = ctx.department
    title = text("doc_title", lang) + (f" — {dept}" if dept else "")
    creator = text("creator", lang, version=__version__)
    doc = a4_document(buf, font=font, lang=lang, title=plain(title), subject=text("doc_subject", lang),
                      creator=creator, fixed=fixed_date is not None, cls=_PageRecorder, author=plain(dept),
                      keywords=f"{q.id} {q.version}")
    footer = dept + (f"　{text('doc_title', lang)}" if dept else text("doc_title", lang))

    def page_label(page: int, total: int) -> str:
        return text("footer_page", lang, page=page, total=total)

    try:
        # One pass: headings record their pages and the cover's contents numbers are drawn at save.
        doc.heading_pages = ctx.refs.found
        # The cycle collector is paused as for the scorer: a 10,000-task plan made it walk every object of the
        # process about 1,200 times (a tenth of the time) to free a few thousand objects, freed at the end.
        with paused_collection():
            doc.build(build_story(ctx), canvasmaker=numbered_canvas(font, footer, page_label, ctx.refs))
    except LayoutError as exc:  # a cell too tall for a page despite the cuts: say so instead of crashing
        raise ReportError(Problem("R002", {"detail": str(exc)[:200]})) from exc
    return buf.getvalue()
