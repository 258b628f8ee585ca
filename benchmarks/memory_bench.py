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
    print("| run | peak RSS |\n|---|---:|")
    for name, needs_display, code in CASES:
        if needs_display and not has_display:
            print(f"| {name} | skipped (no display) |")
            continue
        print(f"| {name} | {peak_mb(code):.0f} MB |")


if __name__ == "__main__":
    main()
