"""Each chart's axis names the unit its bars are in: the monthly charts are hours per month, not per year."""

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
