"""The improvement team's workbooks: questionnaire export/import, the window's preview, the blank sheet, an export.

Run: ``uv run python benchmarks/workbook_bench.py``. Prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app import service
from app.service import qbook


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> None:
    """Print the table."""
    q = service.get_questionnaire()
    opened = service.open_assessment(service.example_assessment_path())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        book = qbook.export_questionnaire("standard", folder / "book.xlsx")
        sheets = qbook.editable_sheets(q)
        settings = sheets[0]
        row = next(r for r in settings.rows if r.key == "unit_cost_yen_per_hour")
        column = next(c for c in settings.columns if c.field == "value")
        edit, _ = qbook.check_value(q, settings, row, column, "5000")
        rows = [
            ("questionnaire export (5 sheets)", timed(lambda: qbook.export_questionnaire("standard", book))),
            ("questionnaire import, unchanged workbook (read, check, YAML round trip, validate, write)",
             timed(lambda: qbook.import_questionnaire(book, folder / "new.yaml"))),
            ("window: check one typed value", timed(lambda: qbook.check_value(q, settings, row, column, "5000"),
                                                    repeat=20)),
            ("window: preview (apply edits, validate, score the example)",
             timed(lambda: qbook.example_totals(qbook.preview_version(q, [edit])))),
            ("blank inventory sheet (template)", timed(lambda: qbook.write_template(q, folder / "tpl.xlsx"))),
            ("export of the example (3 sheets, print setup)",
             timed(lambda: service.export_xlsx(opened.questionnaire, opened.assessment, folder / "x.xlsx"))),
        ]
    print("| operation | median ms |\n|---|---:|")
    for name, ms in rows:
        print(f"| {name} | {ms:.1f} |")


if __name__ == "__main__":
    main()
