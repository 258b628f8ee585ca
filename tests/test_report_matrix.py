"""The impact/effort matrix: every marker drawn whole inside the plot and clear of the quadrant names."""

from __future__ import annotations

import random

import pytest
from reportlab.graphics.shapes import Circle, Drawing, Rect, String

from app import service
from app.domain import plan
from app.domain.assessment import Assessment
from app.domain.questionnaire import Questionnaire
from app.domain.vocabulary import QUADRANTS, quadrant_label
from app.report import charts
from app.report.context import PlanContext
from app.report.fonts import register_fonts
from app.report.sections_front import matrix
from app.report.strings import text
from tests.helpers import EXAMPLE, easy, hard, standard
from tests.report_support import FIXED, page_texts, render, squash

Box = tuple[float, float, float, float]
WIDTH, HEIGHT = 504.0, 297.0


def _labels(lang: str) -> dict[str, str]:
    return {k: quadrant_label(k, lang) for k in QUADRANTS}


def _chart(points: list[charts.Point], lang: str = "ja", hours_cut: float = 50.0, height: float = HEIGHT) -> Drawing:
    return charts.matrix_chart(points, WIDTH, height, register_fonts(), ease_cut=4.0, hours_cut=hours_cut,
                               labels=_labels(lang), axis_x="x", axis_y="y")


def _markers(d: Drawing) -> list[Box]:
    return [s.getBounds() for s in d.markers.contents if isinstance(s, Circle | Rect)]


def _inside(inner: Box, outer: Box) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _check(d: Drawing, count: int) -> list[Box]:
    plot = d.plot.getBounds()
    names = [s.getBounds() for s in d.quadrant_labels.contents if isinstance(s, String)]
    assert len(names) == 4
    markers = _markers(d)
    assert len(markers) == min(count, charts.MAX_POINTS)
    for box in markers:
        assert _inside(box, plot), (box, plot)
        assert box[2] < plot[2] - 0.5 and box[0] > plot[0] + 0.5, "a marker touches the frame"
        for name in names:
            assert not _overlap(box, name), (box, name)
    return markers


def test_corner_points_stay_inside_and_clear_of_the_quadrant_names() -> None:
    # ease 1 and 5 on the edges of the scale; hours on a whole decade (the top of the axis) and at the bottom.
    corners = [(5.0, 1000.0), (1.0, 1000.0), (5.0, 10.0), (1.0, 10.0), (5.0, 50.0), (4.0, 50.0), (4.9, 900.0)]
    points = [charts.Point(n, e, h, n % 2 == 0) for n, (e, h) in enumerate(corners, 1)]
    for lang in ("ja", "en"):
        markers = _check(_chart(points, lang), len(points))
        for i, a in enumerate(markers):
            for b in markers[i + 1:]:
                assert not _overlap(a, b)


def test_a_marker_at_ease_5_is_drawn_whole_and_at_its_own_place() -> None:
    d = _chart([charts.Point(1, 5.0, 300.0, False)])
    (box,) = _markers(d)
    plot = d.plot.getBounds()
    centre = (box[0] + box[2]) / 2
    lo, hi = charts.EASE_RANGE
    # Not pushed in from the edge: at the padded scale's own x for ease 5.
    assert centre == pytest.approx(plot[0] + (plot[2] - plot[0]) * (5 - lo) / (hi - lo))
    assert box[2] < plot[2]


def test_crowded_points_at_ease_5_are_nudged_inwards_without_overlapping() -> None:
    points = [charts.Point(n, 5.0, 200.0, False) for n in range(1, 7)]
    markers = _check(_chart(points), len(points))
    for i, a in enumerate(markers):
        for b in markers[i + 1:]:
            assert not _overlap(a, b)


@pytest.mark.parametrize("seed", range(12))
def test_random_points_stay_inside(seed: int) -> None:
    rng = random.Random(seed)
    points = [charts.Point(n, rng.choice([1.0, 5.0, rng.uniform(1, 5)]),
                           10 ** rng.uniform(-0.5, 4.2), rng.random() < 0.2) for n in range(1, rng.randint(1, 40))]
    d = _chart(points, rng.choice(["ja", "en"]), hours_cut=rng.choice([12.0, 50.0, 100.0, 150.0]),
               height=rng.choice([HEIGHT, 261.0]))  # the plan draws a lower chart above a long key
    _check(d, len(points))


def test_example_plan_matrix_keeps_its_markers_inside() -> None:
    for name in ("example_shimin", "example_hoken", "example_kosodate"):
        opened = service.open_assessment(EXAMPLE.with_name(f"{name}.kaizen.json"))
        q, a = opened.questionnaire, opened.assessment
        ctx = PlanContext(q, a, service.score(q, a), "ja", FIXED, register_fonts())
        flowables = matrix(ctx)
        drawings = [f for f in flowables[0]._content if isinstance(f, Drawing)]  # the figure's KeepTogether
        assert len(drawings) == 1
        plotted = [m for m in ctx.result.measures if m.ease is not None]
        _check(drawings[0], len(plotted))


def _crowded_department(tasks: int, per_task: int) -> tuple[Questionnaire, Assessment]:
    """Every task analysed with ``per_task`` measures, alternately easy and hard: a full matrix key."""
    q = standard()
    a = service.new_assessment(q, {"department": "テスト課", "session_date": "2026-04-01"})
    ids = ["eliminate", "combine", "rearrange", "simplify", "manual", "ai_ocr", "rpa", "paperless"]
    for i in range(tasks):
        a.add_task({"name": f"業務その{i + 1:02d}", "annual_cases": 200 + 53 * i, "minutes_per_case": 5 + i,
                    "rule_based": 1 + i % 5, "input_medium": 3, "structured": 3, "stability": 3, "documentation": 3})
    a.focus = [t.id for t in a.tasks]
    for n, t in enumerate(a.tasks):
        a.analysis[t.id] = {"pain_points": ["paper"], "ecrs_e": "no"}
        for mid in ids[n % 4: n % 4 + per_task]:
            choice = a.measure_choice(t.id, mid)
            choice.chosen = True
            choice.answers = {**(easy() if n % 2 else hard()), "affected_share": 3}
    plan.propose_actions(q, a, service.score(q, a), today=FIXED)
    return q, a


@pytest.mark.parametrize(("tasks", "per_task"), [(10, 3), (12, 4), (4, 2)])
def test_matrix_and_its_key_open_no_blank_page(tasks: int, per_task: int) -> None:
    q, a = _crowded_department(tasks, per_task)
    pages = page_texts(render(q, a))
    for n, body in enumerate(pages, 1):
        lines = [line for line in body.splitlines() if line.strip()]
        assert len(lines) > 2, f"page {n} holds nothing but the footer"
    matrix_pages = [n for n, body in enumerate(pages) if squash(text("matrix_title")) in squash(body)]
    assert len(matrix_pages) == 1
    # the chart and its whole key (at most MAX_POINTS rows) share one page: the task table opens the next one
    assert squash(pages[matrix_pages[0] + 1]).startswith(squash(text("h_tasks")))
