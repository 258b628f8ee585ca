"""Headless core timings: questionnaire load (cold and cached) and scoring for 10/100/500 tasks.

Run: ``uv run python benchmarks/core_bench.py``. Prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from app import service
from app.domain.assessment import Assessment, MeasureChoice
from app.loading.loader import load_questionnaire

ROOT = Path(__file__).resolve().parent.parent


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def synthetic(n: int) -> Assessment:
    """An assessment with ``n`` tasks, every one a focus task with three chosen measures."""
    q = service.get_questionnaire()
    a = service.new_assessment(q, {"department": "ベンチマーク課", "session_date": "2026-04-01"})
    for i in range(n):
        t = a.add_task({"name": f"業務{i}", "annual_cases": 100 + i * 7, "minutes_per_case": 10 + i % 30,
                        "rule_based": 1 + i % 5, "input_medium": 1 + (i * 3) % 5, "structured": 3, "stability": 4,
                        "documentation": 2})
        a.analysis[t.id] = {"pain_points": ["paper", "retyping", "inquiries"], "ecrs_e": "no", "ecrs_r": "yes"}
        for mid in ("rearrange", "paperless", "chat_faq"):
            a.measures.setdefault(t.id, {})[mid] = MeasureChoice(True, {
                "affected_share": 3, "ease_budget": "none", "ease_coordination": "none", "ease_rules": "none",
                "ease_system": "none", "ease_period": "within_3m", "ease_team": "in_section"})
    a.focus = [t.id for t in a.tasks]
    return a


def import_rows() -> list[tuple[str, float]]:
    """Reading a 20,000-row workbook (the row cap) and refusing a 5 KB one with a cell at XFD1048576."""
    import tempfile
    import zipfile

    import openpyxl

    from app.domain.errors import UserError
    from app.exchange.reader import read_grid

    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.xlsx"
        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        ws.append(["業務名", "年間件数", "1件あたりの処理時間（分）", "担当人数", "業務区分", "繁忙期"])
        for i in range(19_999):
            ws.append([f"業務{i}", 100 + i, 10, 2, "窓口", "3月"])
        wb.save(big)
        hostile = Path(folder) / "hostile.xlsx"
        with zipfile.ZipFile(big) as src, zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info)
                if info.filename.startswith("xl/worksheets/"):
                    data = data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
                                                          b"</sheetData>", 1)
                dst.writestr(info, data)

        long = Path(folder) / "long.xlsx"  # five times the cap, as a script writes it (no <dimension>)
        wb = openpyxl.Workbook(write_only=True)
        sheet = wb.create_sheet("業務一覧")
        sheet.append(["業務名", "年間件数", "1件あたりの処理時間（分）", "担当人数", "業務区分", "繁忙期"])
        for i in range(100_000):
            sheet.append([f"業務{i}", 100 + i, 10, 2, "窓口", "3月"])
        wb.save(long)

        def refuse(path: Path) -> Callable[[], None]:
            def run() -> None:
                try:
                    read_grid(path)
                except UserError:
                    return
                raise AssertionError(f"{path.name} was read")
            return run

        q = service.get_questionnaire()

        def preview_then_import(reuse: bool) -> Callable[[], None]:
            def run() -> None:  # what the import window and `kaizen-check import` do
                preview = service.preview_import(q, big)
                service.import_tasks(q, service.new_assessment(q), big, mapping=preview.mapping,
                                     preview=preview if reuse else None)
            return run

        return [("import: read a 20,000-row workbook (the row cap)", timed(lambda: read_grid(big), repeat=3)),
                ("import: preview, then import 20,000 rows, the sheet read again (before)",
                 timed(preview_then_import(False), repeat=3)),
                ("import: preview, then import 20,000 rows, the preview's cells reused",
                 timed(preview_then_import(True), repeat=3)),
                ("import: refuse a cell at XFD1048576 (X010)", timed(refuse(hostile), repeat=3)),
                ("import: refuse a 100,000-row workbook (X009)", timed(refuse(long), repeat=3))]


def main() -> None:
    """Print the table."""
    path = ROOT / "questionnaires" / "standard.yaml"
    q = service.get_questionnaire()
    rows = [("load standard.yaml (parse + validate)", timed(lambda: load_questionnaire(path)))]
    for n in (10, 100, 500):
        a = synthetic(n)
        rows.append((f"score {n} tasks ({3 * n} measures)", timed(lambda a=a: service.score(q, a))))
    rows += import_rows()
    print("| operation | median ms |\n|---|---:|")
    for name, ms in rows:
        print(f"| {name} | {ms:.1f} |")


if __name__ == "__main__":
    main()
