"""Time the PDF action plan for 10, 100 and 500 tasks against a minimal reportlab document of the same text.

Run ``uv run python benchmarks/report_bench.py`` (``--markdown`` prints the table for docs/performance.md).
The baseline is built in the same run from the plan's own extracted text: one CJK-wrapped paragraph
per line, same font, no tables, charts or footer. That is the least any PDF of this text can cost, so
the ratio shows what the layout itself adds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import platform
import statistics
import time
from collections.abc import Callable

import pypdf
import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from app import service
from app.domain import plan
from app.domain.assessment import Assessment
from app.domain.questionnaire import Questionnaire
from app.report.document import render_plan
from app.report.fonts import register_fonts
from app.report.markup import escape
from app.report.styles import paragraph_styles

FIXED = dt.date(2026, 4, 1)
SIZES = (10, 100, 500)
EASE = {"ease_budget": "none", "ease_coordination": "none", "ease_rules": "none", "ease_system": "none",
        "ease_period": "within_1m", "ease_team": "in_section"}
HARD = {"ease_budget": "request", "ease_coordination": "one", "ease_rules": "guideline",
        "ease_system": "settings", "ease_period": "within_6m", "ease_team": "support"}
MEASURES = ("eliminate", "combine", "rearrange", "simplify", "manual", "ai_ocr", "rpa", "paperless")


def department(q: Questionnaire, tasks: int) -> Assessment:
    """A fictional department: ``tasks`` tasks, a tenth of them (at least 10, at most 30) analysed."""
    a = service.new_assessment(q, {"department": "ベンチマーク課", "session_date": "2026-04-01",
                                   "participants": "課長、係長、担当4名", "target_hours": 2000})
    for i in range(tasks):
        a.add_task({"name": f"業務その{i + 1:03d}（申請の受付と入力）", "annual_cases": 200 + 53 * i,
                    "minutes_per_case": 5 + i % 30, "rule_based": 1 + i % 5, "input_medium": 1 + (i * 3) % 5,
                    "structured": 3, "stability": 2 + i % 4, "documentation": 1 + i % 5})
    focus = a.tasks[: min(max(tasks // 10, 10), 30)]
    a.focus = [t.id for t in focus]
    for n, t in enumerate(focus):
        a.analysis[t.id] = {"pain_points": ["paper", "retyping", "inquiries"][: 1 + n % 3], "ecrs_e": "no"}
        for mid in MEASURES[n % 4: n % 4 + 3]:
            choice = a.measure_choice(t.id, mid)
            choice.chosen = True
            choice.answers = {**(EASE if n % 2 else HARD), "affected_share": 3 + n % 5}
    plan.propose_actions(q, a, service.score(q, a), today=FIXED)
    for n, x in enumerate(a.actions):
        x.owner = f"担当{n + 1}"
        x.deadline = "2026-06-30"
    return a


def best_of(runs: int, fn: Callable[[], object]) -> float:
    """The fastest of ``runs`` timings in seconds (the least disturbed by other work on the machine)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def baseline(lines: list[str], font: str) -> bytes:
    """A minimal document of the same text: one CJK-wrapped paragraph per line."""
    style = paragraph_styles(font)["body"]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1, initialFontName=font).build(
        [Paragraph(escape(line), style) for line in lines])
    return buf.getvalue()


def measure(tasks: int, runs: int) -> dict[str, float]:
    """Timings for one department size."""
    q = service.get_questionnaire("standard")
    a = department(q, tasks)
    font = register_fonts()
    result = service.score(q, a)
    data = render_plan(q, a, result, fixed_date=FIXED)  # warm up caches once for both sides
    reader = pypdf.PdfReader(io.BytesIO(data))
    lines = [line for p in reader.pages for line in (p.extract_text() or "").splitlines() if line.strip()]
    baseline(lines, font)
    plan_s = best_of(runs, lambda: render_plan(q, a, service.score(q, a), fixed_date=FIXED))
    base_s = best_of(runs, lambda: baseline(lines, font))
    return {"tasks": tasks, "actions": len(a.actions), "pages": len(reader.pages), "chars": sum(map(len, lines)),
            "plan": plan_s, "baseline": base_s, "ratio": plan_s / base_s}


def main() -> None:
    """Print one line per size (or a Markdown table)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    rows = [measure(n, args.runs) for n in SIZES]
    if args.markdown:
        print(f"Python {platform.python_version()}, reportlab {reportlab.Version}, {platform.machine()}, "
              f"best of {args.runs} runs.\n")
        print("| tasks | actions | pages | characters | plan (s) | baseline (s) | plan ÷ baseline |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            print(f"| {r['tasks']} | {r['actions']} | {r['pages']} | {r['chars']:,} | {r['plan']:.3f} | "
                  f"{r['baseline']:.3f} | {r['ratio']:.2f} |")
        print(f"\nMedian ratio {statistics.median(r['ratio'] for r in rows):.2f}.")
        return
    for r in rows:
        print(f"{r['tasks']:>4} tasks {r['actions']:>3} actions {r['pages']:>3} pages: plan {r['plan']:.3f} s, "
              f"baseline {r['baseline']:.3f} s, ratio {r['ratio']:.2f}")


if __name__ == "__main__":
    main()
