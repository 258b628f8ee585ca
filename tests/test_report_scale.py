"""Big plans: the long task table breaks pages as reportlab would, the Pareto chart sums the rest in one bar."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from app import service
from app.domain.assessment import Assessment
from app.report import charts
from app.report.fonts import register_fonts
from app.report.formats import fixed
from app.report.long_table import LongTable
from app.report.styles import paragraph_styles
from tests.report_support import page_texts, render, squash


def _rows(n: int) -> list[list[object]]:
    st = paragraph_styles(register_fonts())
    rows: list[list[object]] = [[Paragraph("No.", st["cell_head"]), Paragraph("業務名", st["cell_head"]), "時間"]]
    for i in range(n):
        name = "長い業務名の折り返し" * (1 + i % 4)  # one to four lines: rows of different heights
        rows.append([str(i + 1), Paragraph(f"{name}{i + 1}", st["cell"]), f"{i * 1.5:,.1f}"])
    return rows


def _pdf(flowable: object) -> bytes:
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1).build([flowable])
    return buf.getvalue()


def test_long_table_breaks_pages_where_a_reportlab_table_does() -> None:
    font = register_fonts()
    commands = [("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.4, "grey")]
    shade = [("BACKGROUND", (0, r), (-1, r + 1), "#eeeeee") for r in range(1, 301, 6)]
    plain = Table(_rows(300), colWidths=[40, 300, 60], repeatRows=1, splitByRow=1, splitInRow=0)
    plain.setStyle(TableStyle(commands + shade))
    expected = page_texts(_pdf(plain))
    got = page_texts(_pdf(LongTable.of(_rows(300), [40, 300, 60], commands, shade)))
    assert len(expected) > 5
    assert [squash(t) for t in got] == [squash(t) for t in expected]
    assert all(squash(t).startswith("No.業務名時間") for t in got)  # the header on every page


def test_long_table_refuses_a_command_over_several_rows_it_cannot_keep() -> None:
    with pytest.raises(ValueError, match="LINEABOVE"):
        LongTable.of(_rows(3), [40, 300, 60], [], [("LINEABOVE", (0, 1), (-1, 2), 0.5, "black")])


def _bars(hours: list[float]) -> list[charts.Bar]:
    total = sum(hours)
    out, running = [], 0.0
    for n, h in enumerate(sorted(hours, reverse=True), 1):
        running += h
        out.append(charts.Bar(str(n), h, running / total, n <= 3))
    return out


def test_pareto_keeps_the_top_tasks_and_sums_the_rest_exactly() -> None:
    hours = [1000.0 / (n + 1) + 0.1 * n for n in range(400)]
    shown, rest = charts.pareto_rest(_bars(hours))
    assert len(shown) == charts.MAX_BARS and rest is not None
    assert rest.hours == pytest.approx(sum(hours) - sum(b.hours for b in shown), abs=1e-9)
    assert rest.cumulative == pytest.approx(1.0)
    assert charts.pareto_rest(_bars(hours[: charts.MAX_BARS])) == (_bars(hours[: charts.MAX_BARS]), None)


def test_pareto_chart_draws_one_rest_bar_labelled_with_the_count() -> None:
    font = register_fonts()
    d = charts.pareto_chart(_bars([float(400 - n) for n in range(400)]), 500, 180, font, coverage=0.8,
                            unit_label="時間/年", cumulative_label="累積", legend=("重点業務", "その他の業務"),
                            rest_label=("その他", "375業務"))
    texts = [getattr(s, "text", "") for s in d.getContents()]
    assert "その他" in texts and "375業務" in texts
    assert f"{sum(float(400 - n) for n in range(25, 400)):,.0f}" in texts  # its hours, printed on it


def _department(n: int) -> tuple[object, Assessment]:
    q = service.get_questionnaire("standard")
    a = service.new_assessment(q, {"department": "検証課", "session_date": "2026-04-01"})
    a.add_tasks([{"name": f"業務{i + 1}", "annual_cases": 100 + 7 * i, "minutes_per_case": 10 + i % 20}
                 for i in range(n)])
    return q, a


def test_a_plan_of_many_tasks_lists_every_task_and_names_the_rest_of_the_chart() -> None:
    q, a = _department(60)
    r = service.score(q, a)
    text = squash("".join(page_texts(render(q, a))))  # type: ignore[arg-type]
    assert all(f"業務{i + 1}" in text for i in range(60))
    rest = sorted(r.tasks, key=lambda t: t.rank)[charts.MAX_BARS:]
    hours = sum(t.annual_hours for t in rest)
    assert squash(f"残り {len(rest)} 業務の合計 {fixed(hours)} 時間") in text
    assert "その他" in text and f"{len(rest)}業務" in text


def test_pareto_chart_draws_the_coverage_guide_over_the_bars() -> None:
    # many tasks of similar size: every bar is taller than the 80 % guide, which the bars, drawn after it, hid
    from reportlab.graphics.shapes import Line, Rect

    font = register_fonts()
    d = charts.pareto_chart(_bars([100.0 - n * 0.01 for n in range(40)]), 500, 180, font, coverage=0.8,
                            unit_label="時間/年", cumulative_label="累積", legend=("重点業務", "その他の業務"),
                            rest_label=("その他", "15業務"))
    contents = list(d.getContents())
    guides = [i for i, s in enumerate(contents) if isinstance(s, Line) and s.strokeDashArray and s.x2 - s.x1 > 100]
    bars = [i for i, s in enumerate(contents) if isinstance(s, Rect) and s.height > 20]
    assert len(guides) == 1 and bars
    assert all(contents[b].y + contents[b].height > contents[guides[0]].y1 for b in bars)  # the case
    assert guides[0] > max(bars)
