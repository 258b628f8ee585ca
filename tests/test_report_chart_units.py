"""Figures in the plan name their unit: the monthly charts are hours per month, a stand-alone figure is hours."""

from __future__ import annotations

from typing import Any

import pytest
from reportlab.graphics.shapes import Drawing, Group, String

from app import service
from app.report.context import PlanContext
from app.report.fonts import register_fonts
from app.report.sections_front import monthly
from tests.helpers import EXAMPLE
from tests.report_support import FIXED


def _strings(node: Any) -> list[str]:
    if isinstance(node, String):
        return [node.text]
    if isinstance(node, (Drawing, Group)):
        return [t for child in node.contents for t in _strings(child)]
    return [t for child in getattr(node, "_content", []) for t in _strings(child)]


@pytest.mark.parametrize(("lang", "unit", "wrong"), [("ja", "時間/月", "時間/年"), ("en", "h/month", "h/year")])
def test_the_plans_monthly_chart_is_labelled_per_month(lang: str, unit: str, wrong: str) -> None:
    opened = service.open_assessment(EXAMPLE)
    q, a = opened.questionnaire, opened.assessment
    ctx = PlanContext(q, a, service.score(q, a), lang, FIXED, register_fonts())
    texts = [t for f in monthly(ctx) for t in _strings(f)]
    assert texts, "the example department has monthly hours, so the chart is drawn"
    assert unit in texts
    assert wrong not in texts


@pytest.mark.parametrize(("lang", "pattern"), [("ja", r"\(単独([\d,.]+)(時間)?\)"), ("en", r"\(alone([\d,.]+)(h)?\)")])
def test_every_stand_alone_figure_in_the_task_table_carries_its_unit(lang: str, pattern: str) -> None:
    import re

    from tests.report_support import all_text, render, squash

    opened = service.open_assessment(EXAMPLE)
    found = re.findall(pattern, squash(all_text(render(opened.questionnaire, opened.assessment, lang))))
    assert found, "the example has measures after another on the same task"
    assert all(unit for _, unit in found), found
