"""The matrix's points (app.domain.results.matrix_points): one list numbers them in the window and the PDF."""

from __future__ import annotations

from app import service
from app.domain.results import MATRIX_POINTS, matrix_order, matrix_points
from benchmarks.core_bench import synthetic


def test_the_largest_rated_measures_in_the_matrix_order_and_the_count_left_out() -> None:
    q = service.get_questionnaire()
    a = synthetic(15)  # 45 rated measures
    first_task = next(iter(a.measures))
    unrated = next(iter(a.measures[first_task]))
    for item in q.scoring.ease_items:
        a.measures[first_task][unrated].answers.pop(item, None)
    measures = service.score(q, a).measures
    shown, more = matrix_points(measures)
    rated = [m for m in matrix_order(measures) if m.ease is not None]
    assert len(rated) == 44 and more == 44 - MATRIX_POINTS
    assert shown == rated[:MATRIX_POINTS]
    assert all(m.ease is not None for m in shown)
    hours = [m.standalone_hours for m in shown]
    assert hours == sorted(hours, reverse=True)
    assert not any(m.task_id == first_task and m.measure_id == unrated for m in shown)
