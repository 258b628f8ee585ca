"""A whole city's inventory: score, PDF plan and xlsx export for 1,000 and 10,000 tasks, each next to a baseline.

Run ``uv run python benchmarks/scale_bench.py`` (``--sizes 1000 10000 --runs 3``). Two departments per size:

- *inventory*: N tasks, a tenth of them (at least 10, at most 30) analysed with three measures each and an
  action per local measure (``report_bench.department``): a city-wide inventory with a workshop's focus set;
- *all analysed*: N tasks, every one a focus task with three chosen measures (``core_bench.synthetic``), the
  most a department can ask of the scorer and the export (3 N measure rows).

Baselines, built in the same run from the same data, so the machine's load moves both sides together:

- score: a plain Python loop over the tasks computing cases × minutes ÷ 60 and, for each chosen measure, the
  hours × share × rate product — no questionnaire expressions, no result objects;
- PDF: ``report_bench.baseline``, a minimal reportlab document of the plan's own extracted text (one
  CJK-wrapped paragraph per line, same font, no tables, charts or footer);
- xlsx: an openpyxl write-only workbook of the same cells (the export's tables), no styles, widths or print setup.

``--score-only`` times the score alone and ``--department`` picks one department (``"all analysed"``).
Each figure is the fastest of ``--runs`` runs; the table shows the goal of issue 17 next to each
(10,000 ÷ 1,000 ≤ 12; at 10,000 tasks score ≤ 1 s, PDF ≤ 10 s, xlsx ≤ 5 s).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_bench import synthetic
from report_bench import FIXED, baseline, best_of, department

from app import service
from app.domain.assessment import Assessment
from app.domain.questionnaire import Questionnaire
from app.exchange.tables import Table, assessment_tables
from app.exchange.writers import xlsx_bytes
from app.report.document import render_plan
from app.report.fonts import register_fonts

GOALS = {"score": 1.0, "pdf": 10.0, "xlsx": 5.0}  # seconds at 10,000 tasks
RATIO_GOAL = 12.0


def plain_score(a: Assessment) -> float:
    """The score baseline: hours and a product per chosen measure, in a plain loop."""
    total = 0.0
    for t in a.tasks:
        cases = t.answers.get("annual_cases") or 0
        minutes = t.answers.get("minutes_per_case") or 0
        hours = cases * minutes / 60
        for choice in a.measures.get(t.id, {}).values():
            if choice.chosen:
                total += hours * (choice.answers.get("affected_share", 3) / 5) * 0.3
    return total


def plain_xlsx(tables: list[Table]) -> bytes:
    """The xlsx baseline: the same cells in an openpyxl write-only workbook, nothing else."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    for table in tables:
        ws = wb.create_sheet(table.title[:31])
        ws.append(table.headers)
        for row in table.rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def pdf_lines(data: bytes) -> list[str]:
    """The plan's text, one entry per extracted line (the PDF baseline's input)."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return [line for p in reader.pages for line in (p.extract_text() or "").splitlines() if line.strip()]


def measure(q: Questionnaire, a: Assessment, runs: int, pdf: bool, xlsx: bool = True) -> dict[str, float]:
    """Best-of-``runs`` seconds of each operation and its baseline for one department."""
    font = register_fonts()
    r = service.score(q, a)
    row: dict[str, float] = {
        "score": best_of(runs, lambda: service.score(q, a)), "score_base": best_of(runs, lambda: plain_score(a)),
        "measures": float(len(r.measures)),
    }
    cpu = time.process_time()
    service.score(q, a)
    row["score_cpu"] = time.process_time() - cpu
    if not xlsx:
        return row
    tables = assessment_tables(q, a, r, "ja")
    row["xlsx"] = best_of(runs, lambda: xlsx_bytes(assessment_tables(q, a, service.score(q, a), "ja")))
    row["xlsx_base"] = best_of(runs, lambda: plain_xlsx(tables))
    if pdf:
        data = render_plan(q, a, r, fixed_date=FIXED)
        lines = pdf_lines(data)
        import pypdf

        row["pages"] = float(len(pypdf.PdfReader(io.BytesIO(data)).pages))
        row["pdf"] = best_of(runs, lambda: render_plan(q, a, service.score(q, a), fixed_date=FIXED))
        row["pdf_base"] = best_of(runs, lambda: baseline(lines, font))
    return row


def _cell(seconds: float | None, base: float | None) -> str:
    if seconds is None:
        return "—"
    def fmt(x: float) -> str:
        return f"{x:.2f} s" if x >= 0.1 else f"{x * 1000:.1f} ms"

    return f"{fmt(seconds)} ({fmt(base)})" if base is not None else fmt(seconds)


def main() -> None:
    """Print the Markdown tables for docs/performance.md."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs=2, default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pdf-all", action="store_true", help="skip the PDF of the all-analysed department")
    parser.add_argument("--score-only", action="store_true", help="time the score alone (no PDF, no xlsx)")
    parser.add_argument("--department", choices=["inventory", "all analysed"], help="one department only")
    args = parser.parse_args()
    q = service.get_questionnaire("standard")
    small, big = args.sizes
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; best of {args.runs} runs\n")
    makers: list[tuple[str, Callable[[int], Assessment], bool]] = [
        ("inventory", lambda n: department(q, n), True), ("all analysed", synthetic, not args.no_pdf_all)]
    for name, make, with_pdf in makers:
        if args.department not in (None, name):
            continue
        pdf = with_pdf and not args.score_only
        rows = {n: measure(q, make(n), args.runs, pdf, not args.score_only) for n in (small, big)}
        print(f"**{name}** ({int(rows[small]['measures']):,} / {int(rows[big]['measures']):,} scored measures"
              + (f", {int(rows[small]['pages'])} / {int(rows[big]['pages'])} PDF pages" if pdf else "") + ")\n")
        print(f"| operation | {small:,} tasks (baseline) | {big:,} tasks (baseline) | "
              f"{big // small}× tasks: time ratio (baseline) | goal |")
        print("|---|---:|---:|---:|---|")
        for op in ("score", "pdf", "xlsx"):
            if op not in rows[small]:
                continue
            a, b = rows[small], rows[big]
            ratio = b[op] / a[op]
            base_ratio = b[f"{op}_base"] / a[f"{op}_base"]
            met = "met" if ratio <= RATIO_GOAL and b[op] <= GOALS[op] else "NOT met"
            print(f"| {op} | {_cell(a[op], a[f'{op}_base'])} | {_cell(b[op], b[f'{op}_base'])} | "
                  f"{ratio:.1f} ({base_ratio:.1f}) | ≤ {RATIO_GOAL:g}×, ≤ {GOALS[op]:g} s at {big:,}: {met} |")
        print(f"\nCPU time of one more score: {rows[small]['score_cpu']:.3f} s at {small:,} tasks, "
              f"{rows[big]['score_cpu']:.3f} s at {big:,}")
        print()
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
