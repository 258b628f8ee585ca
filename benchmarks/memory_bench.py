"""Peak memory (maximum resident set size) of typical runs, each in a fresh process.

Run under a display for the window rows (``xvfb-run -s "-screen 0 1366x768x24" uv run python
benchmarks/memory_bench.py``); without one, those rows are reported as skipped. Baselines are a bare
interpreter and a bare customtkinter window measured in the same run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FOOTER = "\nimport resource; print('maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)\n"
SETUP = "import sys; sys.path.insert(0, 'benchmarks')\n"

CASES: list[tuple[str, bool, str]] = [
    ("bare Python interpreter", False, "pass"),
    ("bare customtkinter window", True, """
import customtkinter as ctk
root = ctk.CTk(); root.geometry("1366x768"); ctk.CTkLabel(root, text="業務").pack(); root.update()
"""),
    ("score the example department (CLI path)", False, """
from app import service
opened = service.open_assessment(service.example_assessment_path())
service.score_json(opened.questionnaire, opened.assessment)
"""),
    ("PDF plan, 500 tasks", False, """
from core_bench import synthetic
from app import service
q = service.get_questionnaire(); a = synthetic(500)
service.render_plan(q, a)
"""),
    ("app window: Home", True, """
from app.gui.app import build, create_root
root = create_root(); wiz = build(root); root.update()
"""),
    ("app window: 200 tasks, every step visited", True, """
from gui_bench import many_tasks
from app.gui.app import build, create_root
root = create_root(); wiz = build(root); q, a = many_tasks(200); wiz.set_assessment(a); root.update()
import time
for i in range(len(q.steps)):
    wiz.go(i); root.update()
    while getattr(wiz.pages[i], "building", lambda: False)():  # rows or cards built after the page is shown
        time.sleep(0.001); root.update()
"""),
]


def sheets(folder: Path) -> list[tuple[str, bool, str]]:
    """Import rows: the largest sheet the importer accepts, written here first (not measured).

    The row cap (``bounds.MAX_ROWS``) with an inventory's six columns, imported into a new assessment as the
    window and ``kaizen-check import`` do; and the cell cap (``bounds.MAX_CELLS``: the row cap × 100
    columns) read, the most cells a sheet may hold before it is refused.
    """
    import openpyxl

    from app.exchange import bounds

    head = ["業務名", "年間件数", "1件あたりの処理時間（分）", "担当人数", "業務区分", "繁忙期"]
    tall, wide = folder / "rows.xlsx", folder / "cells.xlsx"
    for path, columns in ((tall, len(head)), (wide, bounds.MAX_CELLS // bounds.MAX_ROWS)):
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("業務一覧")
        ws.append(head + [f"列{j}" for j in range(len(head), columns)])
        for i in range(bounds.MAX_ROWS - 1):
            row: list[object] = [f"業務{i}", 100 + i, 10, 2, "窓口", "3月"]
            ws.append(row + [f"備考{i % 97}" for _ in range(len(head), columns)])
        wb.save(path)
    return [
        (f"import {bounds.MAX_ROWS:,} rows × {len(head)} columns into a new assessment", False, f"""
from pathlib import Path
from app import service
q = service.get_questionnaire(); a = service.new_assessment(q)
service.import_tasks(q, a, Path({str(tall)!r})); assert len(a.tasks) == {bounds.MAX_ROWS - 1}
"""),
        (f"read {bounds.MAX_ROWS:,} rows × {bounds.MAX_CELLS // bounds.MAX_ROWS} columns (the cell cap)", False, f"""
from pathlib import Path
from app.exchange.reader import read_grid
assert len(read_grid(Path({str(wide)!r})).rows) == {bounds.MAX_ROWS}
"""),
    ]


def peak_mb(code: str) -> float:
    """Peak RSS in MB of a fresh interpreter running ``code``."""
    env = dict(os.environ, XDG_DATA_HOME=tempfile.mkdtemp(), XDG_CONFIG_HOME=tempfile.mkdtemp())
    out = subprocess.run([sys.executable, "-c", SETUP + code + FOOTER], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True, timeout=300)
    kb = int(next(line.split()[1] for line in out.stdout.splitlines() if line.startswith("maxrss")))
    return kb / 1024


def main() -> None:
    """Print a Markdown table."""
    has_display = bool(os.environ.get("DISPLAY"))
    folder = Path(tempfile.mkdtemp())
    cases = CASES + sheets(folder)
    print("| run | peak RSS |\n|---|---:|")
    for name, needs_display, code in cases:
        if needs_display and not has_display:
            print(f"| {name} | skipped (no display) |")
            continue
        print(f"| {name} | {peak_mb(code):.0f} MB |")


if __name__ == "__main__":
    main()
