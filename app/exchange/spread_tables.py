"""Export tables of the ward's 横展開 views: calibration per measure and joint-procurement candidates."""

from __future__ import annotations

from app.domain.aggregate import WardSummary
from app.domain.values import round_half_up
from app.exchange.reader import Cell
from app.exchange.tables import Table


def _t(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _h(x: float) -> float:
    return round_half_up(x, 1)


def calibration_table(s: WardSummary, lang: str = "ja") -> Table:
    """Per measure: completed actions, Σ planned and Σ realised hours, ratio, current and suggested rate."""
    heads = [_t(x, lang) for x in (
        ("改善策ID", "Measure id"), ("改善策", "Measure"), ("完了した行動", "Completed actions"),
        ("見込み（時間）", "Planned hours"), ("実績（時間）", "Realised hours"), ("実績/見込み", "Realised / planned"),
        ("今の削減率", "Current rate"), ("削減率の案", "Suggested rate"), ("判定", "Status"))]
    rows: list[list[Cell]] = []
    for r in s.calibration:
        rows.append([r.measure_id, r.label.get(lang), r.completed, _h(r.planned_hours), _h(r.realised_hours),
                     None if r.ratio is None else round_half_up(r.ratio, 3), r.current_rate,
                     None if r.suggested_rate is None else round_half_up(r.suggested_rate, 3),
                     _t(("案あり", "suggested") if r.enough else ("実績不足", "too few"), lang)])
    return Table(_t(("削減率の検証", "Calibration"), lang), heads, rows)


def procurement_table(s: WardSummary, lang: str = "ja") -> Table:
    """One row per department task behind each joint-procurement candidate."""
    heads = [_t(x, lang) for x in (
        ("改善策", "Measure"), ("部署数", "Departments"), ("部署", "Department"), ("係", "Section"),
        ("業務名", "Task"), ("年間件数", "Cases a year"), ("ポテンシャル（時間）", "Potential (h)"))]
    rows: list[list[Cell]] = [[g.label.get(lang), len(g.departments), t.department, t.section or None, t.task_name,
                               t.annual_cases, _h(t.potential_hours)] for g in s.procurement for t in g.tasks]
    return Table(_t(("共同調達の候補", "Joint procurement"), lang), heads, rows)
