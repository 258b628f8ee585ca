"""GUI timings: start-up to an interactive Home window and step switching with 200 tasks, next to a bare window.

Run under a display (``xvfb-run -s "-screen 0 1366x768x24" uv run python benchmarks/gui_bench.py``).
Start-up is measured in fresh processes (cold imports, as a user starts the program): from launching
the interpreter until the window has been drawn and the event loop is idle. The bare baseline is a
customtkinter window with one label, measured the same way in the same run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5

BARE = """
import customtkinter as ctk
root = ctk.CTk(); root.geometry("1366x768")
ctk.CTkLabel(root, text="業務改善セルフチェック").pack()
root.update(); root.update_idletasks()
print("ready", flush=True)
"""

APP = """
from app.gui.app import build, create_root
root = create_root()
wiz = build(root)
root.update(); root.update_idletasks()
assert wiz.home.winfo_ismapped()
print("ready", flush=True)
"""


def start_time(code: str) -> float:
    """Seconds from launching a fresh interpreter until it reports its window ready."""
    env = dict(os.environ, XDG_DATA_HOME=tempfile.mkdtemp(), XDG_CONFIG_HOME=tempfile.mkdtemp())
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True, timeout=120)
    elapsed = time.perf_counter() - t0
    assert "ready" in out.stdout, out.stderr
    return elapsed


def many_tasks(n: int = 200):  # type: ignore[no-untyped-def]
    """The example department with its tasks repeated (renamed, varied) up to ``n`` rows."""
    from app import service
    from app.domain.assessment import Task

    opened = service.open_assessment(service.example_assessment_path())
    a = opened.assessment
    base = [t.answers for t in a.tasks]
    while len(a.tasks) < n:
        k = len(a.tasks)
        answers = dict(base[k % len(base)])
        answers["name"] = f"{answers.get('name', '')} ({k + 1})"
        answers["annual_cases"] = int(answers.get("annual_cases") or 0) + k
        a.tasks.append(Task(a.new_task_id(), answers))
    return opened.questionnaire, a


def step_switching() -> tuple[dict[str, float], dict[str, float], float]:
    """First visit (page built) and later visits (raised and refreshed) per step, and a bare tkraise."""
    import customtkinter as ctk

    from app.gui.app import build, create_root

    root = create_root()
    wiz = build(root)
    q, a = many_tasks()
    wiz.set_assessment(a)
    root.update()
    first: dict[str, float] = {}
    again: dict[str, list[float]] = {}
    for rounds in range(3):
        for i, step in enumerate(q.steps):
            t0 = time.perf_counter()
            assert wiz.go(i)
            root.update_idletasks()
            elapsed = time.perf_counter() - t0
            root.update()
            if rounds == 0:
                first[step.id] = elapsed
            else:
                again.setdefault(step.id, []).append(elapsed)
    # baseline: raising one of two plain customtkinter frames in the same root
    frames = [ctk.CTkFrame(root) for _ in range(2)]
    for f in frames:
        ctk.CTkLabel(f, text="業務").pack()
    times = []
    for n in range(20):
        t0 = time.perf_counter()
        frames[n % 2].tkraise()
        root.update_idletasks()
        times.append(time.perf_counter() - t0)
    root.destroy()
    return first, {k: statistics.median(v) for k, v in again.items()}, statistics.median(times)


def main() -> None:
    """Print a Markdown table of the timings."""
    bare = [start_time(BARE) for _ in range(RUNS)]
    app = [start_time(APP) for _ in range(RUNS)]
    print(f"start-up to an interactive window, median of {RUNS} fresh processes:")
    print(f"| bare customtkinter window | {statistics.median(bare) * 1000:.0f} ms |")
    print(f"| app: Home ready | {statistics.median(app) * 1000:.0f} ms |")
    first, again, raise_ms = step_switching()
    print("\nstep switch with 200 tasks (ms): | step | first visit (builds the page) | later visits (median) |")
    for step, t in first.items():
        print(f"| {step} | {t * 1000:.0f} | {again[step] * 1000:.0f} |")
    print(f"| bare: raise a customtkinter frame | – | {raise_ms * 1000:.1f} |")


if __name__ == "__main__":
    main()
