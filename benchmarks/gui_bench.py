"""GUI timings: start-up to an interactive Home window and step switching with 200 tasks, next to a bare window.

Run under a display (``DISPLAY=:N uv run python benchmarks/gui_bench.py``, or ``xvfb-run -s "-screen 0
1366x768x24" …``). Start-up is measured in fresh processes, as a user starts the program: from launching
the interpreter until the window has been drawn, the event loop is idle and (for the app) Home is mapped.
The bare baseline is a customtkinter window with one label, measured the same way, interleaved with the
app's runs so that the machine's load moves both alike.

Two ways of finding the modules' bytecode are measured, each in its own private cache folder
(``PYTHONPYCACHEPREFIX``), whatever the environment says:

* **compiled** — bytecode written by a first run and used by every later one: what the packaged program
  (which ships bytecode), an installed wheel and a source checkout without ``PYTHONDONTWRITEBYTECODE`` do;
* **source** — ``PYTHONDONTWRITEBYTECODE=1`` and no bytecode: every module is compiled on every start
  (this development environment sets that variable).

The app's start-up is measured with its questionnaire cache filled by an earlier start (every start but the
first after installing or editing a questionnaire) and, separately, with an empty cache folder. Each start-up
figure comes with the CPU time the process itself used until it was ready, which the machine's other jobs
move much less than the wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MODES = ("compiled", "source")

BARE = """
import time
import customtkinter as ctk
root = ctk.CTk(); root.geometry("1366x768")
ctk.CTkLabel(root, text="業務改善セルフチェック").pack()
root.update(); root.update_idletasks()
print("ready", time.process_time(), flush=True)
"""

APP = """
import time
from app.gui.app import build, create_root
root = create_root()
wiz = build(root)
root.update(); root.update_idletasks()
assert wiz.home.winfo_ismapped()
print("ready", time.process_time(), flush=True)
"""

PHASE_BARE = """
import json, time
stamps = [("python", time.time())]
import customtkinter as ctk
stamps.append(("customtkinter", time.time()))
root = ctk.CTk(); root.geometry("1366x768")
stamps.append(("root", time.time()))
ctk.CTkLabel(root, text="業務改善セルフチェック").pack()
root.update(); root.update_idletasks()
stamps.append(("drawn", time.time()))
print("ready", json.dumps(stamps), flush=True)
"""

PHASE_APP = """
import json, time
stamps = [("python", time.time())]
import customtkinter as ctk
stamps.append(("customtkinter", time.time()))
from app import service
from app.gui import controller, prefs, style
from app.gui.app import create_root
stamps.append(("imports", time.time()))
root = create_root()
stamps.append(("root", time.time()))
settings = prefs.load()
style.set_scale(settings.scale)
q = service.get_questionnaire("standard")
stamps.append(("questionnaire", time.time()))
if FLOOR:
    ctk.CTkLabel(root, text="業務改善セルフチェック").grid()
else:
    wiz = controller.Wizard(root, q, settings)
    stamps.append(("widgets", time.time()))
root.update(); root.update_idletasks()
stamps.append(("drawn", time.time()))
print("ready", json.dumps(stamps), flush=True)
"""
# The design issue 17 asks for, measured before it is built: the window frame (top bar, step list, navigation bar)
# and Home each drawn on one canvas, with Home's fields as the only other widgets, from Home's own small cache of
# the texts it shows (HOME_TEXTS, written by the parent), before the app's modules, the questionnaire and the model
# are loaded. It has the real root window (fonts, icon, placement) and the real texts; it is not the app.
PHASE_TARGET = """
import json, time, tkinter
stamps = [("python", time.time())]
import customtkinter as ctk
stamps.append(("customtkinter", time.time()))
from app.gui import style, window
stamps.append(("imports", time.time()))
root = ctk.CTk()
style.setup(root)
icon = tkinter.PhotoImage(master=root, file=ICON)
root.iconphoto(True, icon)
window.place(root)
stamps.append(("root", time.time()))
with open(HOME_TEXTS, encoding="utf-8") as f:
    texts = json.load(f)
stamps.append(("home_cache", time.time()))
F, B = style.font(13), style.font(15, "bold")
root.columnconfigure(1, weight=1)
root.rowconfigure(1, weight=1)
top = tkinter.Canvas(root, height=44, bg="#ebebeb", highlightthickness=0, bd=0)
top.grid(row=0, column=0, columnspan=2, sticky="ew")
top.create_text(12, 22, text=texts["file"], font=B, anchor="w")
x = 560
for t in texts["top"]:
    w = F.measure(t) + 20
    top.create_rectangle(x, 8, x + w, 36, fill="#1f6aa5", outline="")
    top.create_text(x + w / 2, 22, text=t, font=F, fill="white")
    x += w + 6
side = tkinter.Canvas(root, width=190, bg="#ebebeb", highlightthickness=0, bd=0)
side.grid(row=1, column=0, rowspan=2, sticky="nsw")
side.create_text(12, 20, text=texts["steps_title"], font=style.font(13, "bold"), anchor="w")
for i, t in enumerate(texts["steps"]):
    side.create_rectangle(8, 40 + i * 38, 182, 74 + i * 38, fill="#d6d6d6", outline="")
    side.create_text(16, 57 + i * 38, text=t, font=style.font(14), anchor="w", fill="gray50")
home = tkinter.Canvas(root, bg="#fafafa", highlightthickness=0, bd=0)
home.grid(row=1, column=1, sticky="nsew")
home.create_text(24, 30, text=texts["title"], font=style.font(26, "bold"), anchor="w")
home.create_text(24, 64, text=texts["description"], font=F, anchor="nw", fill="#5f6b76", width=1000)
for x0 in (24, 600):
    home.create_rectangle(x0, 100, x0 + 556, 640, fill="#e5e5e5", outline="")
home.create_text(40, 120, text=texts["new"], font=style.font(18, "bold"), anchor="w")
home.create_text(616, 120, text=texts["open"], font=style.font(18, "bold"), anchor="w")
y = 150
for label, hint, long in texts["fields"]:
    home.create_text(40, y, text=label, font=style.font(14, "bold"), anchor="w")
    home.create_text(40, y + 20, text=hint, font=style.font(12), anchor="w", fill="#5f6b76")
    field = (ctk.CTkTextbox(home, width=480, height=56, font=style.font()) if long
             else ctk.CTkEntry(home, width=480, font=style.font()))
    home.create_window(40, y + 38, window=field, anchor="nw")
    y += 100 if long else 80
home.create_rectangle(40, 580, 200, 620, fill="#1f6aa5", outline="")
home.create_text(120, 600, text=texts["start"], font=style.font(16, "bold"), fill="white")
for i, t in enumerate(texts["buttons"]):
    home.create_rectangle(616, 150 + i * 48, 820, 186 + i * 48, fill="#1f6aa5", outline="")
    home.create_text(718, 168 + i * 48, text=t, font=F, fill="white")
home.create_text(616, 410, text=texts["recent"], font=B, anchor="w")
home.create_text(616, 438, text=texts["no_recent"], font=F, anchor="w", fill="#5f6b76")
home.create_text(616, 480, text=texts["aggregate_hint"], font=style.font(12), anchor="nw", fill="#5f6b76", width=460)
nav = tkinter.Canvas(root, height=52, bg="#ebebeb", highlightthickness=0, bd=0)
nav.grid(row=2, column=1, sticky="ew")
for x0, t in ((16, texts["back"]), (1030, texts["next"])):
    nav.create_rectangle(x0, 8, x0 + 120, 44, fill="#1f6aa5", outline="")
    nav.create_text(x0 + 60, 26, text=t, font=style.font(), fill="white")
stamps.append(("widgets", time.time()))
root.update(); root.update_idletasks()
stamps.append(("drawn", time.time()))
print("ready", json.dumps(stamps), flush=True)
"""


def home_texts(folder: Path) -> tuple[Path, Path]:
    """What Home and the frame show, from the standard questionnaire (the design target's small cache), and the
    app's icon."""
    from app import resources, service
    from app.gui.pages.home import NEW_ITEMS
    from app.gui.qtune_strings import QT
    from app.gui.strings import ui

    q = service.get_questionnaire("standard")
    items = [q.item(i) for i in NEW_ITEMS if q.has_item(i)]
    texts = {"file": ui("app_title", "ja"), "title": ui("app_title", "ja"), "description": q.description.get("ja"),
             "top": [ui(k, "ja") for k in ("home", "open", "save", "save_as", "glossary")]
             + ["日本語", ui("text_size", "ja"), "100%", ui("meeting_mode", "ja")],
             "steps_title": ui("steps", "ja"), "steps": [s.title.get("ja") for s in q.steps],
             "new": ui("home_new", "ja"), "open": ui("home_open_title", "ja"), "start": ui("home_start", "ja"),
             "buttons": [ui(k, "ja") for k in ("home_open_file", "home_example", "home_aggregate", "home_pack")]
             + [QT("qt_home_button", "ja")], "recent": ui("home_recent", "ja"), "no_recent": ui("home_no_recent", "ja"),
             "aggregate_hint": ui("home_aggregate_hint", "ja"), "back": ui("back", "ja"), "next": ui("next", "ja"),
             "fields": [(i.label.get("ja"), i.hint.get("ja") if i.hint else "", i.type == "long_text")
                        for i in items]}
    path = folder / "home_texts.json"
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return path, resources.asset_path("icon.png")

PHASE_NAMES = {"python": "the interpreter starts", "customtkinter": "customtkinter imported",
               "imports": "the app's modules imported", "root": "the root window (fonts, icon, placement)",
               "questionnaire": "settings and the questionnaire from its cache",
               "home_cache": "Home's own small cache (the design target only)", "widgets": "Home and the window "
               "frame built", "drawn": "the first layout and drawing, until idle"}


class Places:
    """The private folders of one benchmark run: bytecode per mode, user folders, a warm questionnaire cache."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="kaizen-gui-bench-"))
        self.warm_cache = self.base / "cache-warm"

    def env(self, mode: str, cache: Path | None = None) -> dict[str, str]:
        """The environment of a child: its bytecode folder for ``mode``, fresh data and config folders."""
        env = dict(os.environ)
        env["XDG_DATA_HOME"] = tempfile.mkdtemp(dir=self.base)
        env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(dir=self.base)
        env["XDG_CACHE_HOME"] = str(cache or self.warm_cache)
        if mode == "compiled":
            env["PYTHONPYCACHEPREFIX"] = str(self.base / "pyc")
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        else:
            env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(dir=self.base)  # empty: nothing to reuse
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        return env

    def fresh_cache(self) -> Path:
        """An empty cache folder (the first start after installing)."""
        return Path(tempfile.mkdtemp(dir=self.base))


def start_time(code: str, env: dict[str, str], checkout: Path = ROOT) -> float:
    """Seconds from launching a fresh interpreter until it reports its window ready (its exit not counted).

    ``checkout`` is the folder whose ``app`` is started (``python -c`` puts its working folder first on the path).
    """
    return start_times(code, env, checkout)[0]


def start_times(code: str, env: dict[str, str], checkout: Path = ROOT) -> tuple[float, float]:
    """(wall seconds until ready, CPU seconds the process itself used until then).

    The CPU time (``time.process_time`` in the child) moves much less with the other jobs on the machine than
    the wall time does, and leaves out the X server's share of the drawing.
    """
    t0 = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], cwd=checkout, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - t0
    _, err = child.communicate(timeout=120)
    words = line.split()
    assert words[:1] == ["ready"] and child.returncode == 0, f"exit {child.returncode}, said {line!r}: {err}"
    cpu = float(words[1]) if len(words) > 1 else float("nan")  # an older checkout's baseline may not report it
    return elapsed, cpu


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


class CountingTk:
    """The root's Tcl interpreter, counting the calls made through it (``tk.call``): unlike times, the count
    does not depend on the machine's load. Fonts made before it was put in place are not counted."""

    def __init__(self, tk: Any) -> None:
        self._tk = tk
        self.calls = 0

    def call(self, *args: Any) -> Any:
        self.calls += 1
        return self._tk.call(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tk, name)


def count_calls(root: Any) -> CountingTk:
    """Put a :class:`CountingTk` in place for ``root`` and every widget it has (new widgets take their master's)."""
    counting = CountingTk(root.tk)
    stack = [root]
    while stack:
        widget = stack.pop()
        widget.tk = counting
        stack.extend(widget.winfo_children())
    return counting


def step_switching(count: bool = False, cpu: bool = False) -> dict[str, object]:
    """First visit (page built and shown; and complete, when a page builds rows below the fold after it is
    shown), later visits (raised and refreshed) per step, and a bare tkraise, in ms; with ``count``, the
    calls into Tk instead of the times (first visit shown, complete, later visit); with ``cpu``, the CPU time
    the process itself used (``time.process_time``: the X server's drawing and the other jobs left out)."""
    import customtkinter as ctk

    from app.gui.app import build, create_root

    root = create_root()
    wiz = build(root)
    q, a = many_tasks()
    wiz.set_assessment(a)
    root.update()
    counting = count_calls(root) if count else None

    def clock() -> float:
        if counting is not None:
            return float(counting.calls) / 1000
        return time.process_time() if cpu else time.perf_counter()
    first: dict[str, float] = {}
    first_cpu: dict[str, float] = {}  # CPU time of the process itself (time.process_time), first visit shown
    complete: dict[str, float] = {}
    again: dict[str, list[float]] = {}
    for rounds in range(3):
        for i, step in enumerate(q.steps):
            t0, c0 = clock(), time.process_time()
            assert wiz.go(i)
            root.update_idletasks()  # shown: laid out and drawn
            elapsed, cpu_used = clock() - t0, time.process_time() - c0
            root.update()
            # rows or cards below the fold, built after the page is shown (getattr: older checkouts, for a baseline)
            while getattr(wiz.pages[i], "building", lambda: False)():
                time.sleep(0.001)
                root.update()
            done = clock() - t0
            if rounds == 0:
                first[step.id] = elapsed * 1000
                first_cpu[step.id] = cpu_used * 1000
                complete[step.id] = done * 1000
            else:
                again.setdefault(step.id, []).append(elapsed * 1000)
    # baseline: raising one of two plain customtkinter frames in the same root
    frames = [ctk.CTkFrame(root) for _ in range(2)]
    for f in frames:
        ctk.CTkLabel(f, text="業務").pack()
    times = []
    for n in range(20):
        t0 = time.perf_counter()
        frames[n % 2].tkraise()
        root.update_idletasks()
        times.append((time.perf_counter() - t0) * 1000)
    root.destroy()
    return {"first": first, "first_cpu": first_cpu, "complete": complete,
            "again": {k: statistics.median(v) for k, v in again.items()},
            "raise": statistics.median(times)}


def steps_in_child(env: dict[str, str], checkout: Path = ROOT, count: bool = False,
                   cpu: bool = False) -> dict[str, object]:
    """:func:`step_switching` in a fresh interpreter with ``env`` (its bytecode mode), on ``checkout``'s app."""
    env = dict(env, PYTHONPATH=str(checkout))  # that checkout's app, not whichever one is installed
    flags = ["--count-child"] if count else ["--steps-child", *(["--cpu"] if cpu else [])]
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), *flags], cwd=checkout, env=env,
                         capture_output=True, text=True, check=True, timeout=600)
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def load() -> str:
    """The 1-minute load average (2 cores here)."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "unknown"


def main() -> None:
    """Print Markdown tables of the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per start-up row (default 7)")
    parser.add_argument("--step-runs", type=int, default=3, help="processes per step-switching mode (default 3)")
    parser.add_argument("--modes", default=",".join(MODES), help="compiled,source (default both)")
    parser.add_argument("--skip-steps", action="store_true", help="start-up only")
    parser.add_argument("--skip-startup", action="store_true", help="step switching only")
    parser.add_argument("--baseline", type=Path, help="another checkout (say, of the commit before a change) whose "
                        "start-up is measured in the same runs, interleaved, as a before/after row")
    parser.add_argument("--count-calls", action="store_true", help="also count the calls into Tk per step visit "
                        "(one more process per checkout; counts do not depend on the machine's load)")
    parser.add_argument("--cpu", action="store_true", help="step switching: the CPU time the process used "
                        "(time.process_time) instead of the wall time (less moved by the machine's other jobs)")
    parser.add_argument("--phases", action="store_true", help="also time the start-up's phases (compiled), and "
                        "the floor: the app's imports, root window and questionnaire with one label and no Home")
    parser.add_argument("--steps-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--count-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.steps_child or args.count_child:
        print(json.dumps(step_switching(count=args.count_child, cpu=args.cpu)), flush=True)
        return
    modes = [m for m in args.modes.split(",") if m in MODES]
    places = Places()
    print(f"load average at the start: {load()}")
    start_time(APP, places.env("compiled"))  # writes the bytecode of the compiled mode and fills the warm cache
    start_time(BARE, places.env("compiled"))
    if args.phases:
        phases(places, args.runs)
    if not args.skip_startup:
        startup(places, modes, args.runs, args.baseline)
    if args.skip_steps:
        return
    steps(places, modes, args.step_runs, args.baseline, args.cpu)
    if args.count_calls:
        calls(places, args.baseline)
    print(f"\nload average at the end: {load()}")


def startup(places: Places, modes: list[str], runs: int, baseline: Path | None = None) -> None:
    """The start-up table."""
    if baseline is not None:
        start_time(APP, places.env("compiled"), baseline.resolve())  # its bytecode, written once
    print(f"\nstart-up to an interactive window, median of {runs} fresh processes each (ms; in brackets the CPU "
          "time the process itself used until then):\n")
    extra = f" baseline app ({baseline.name}) | ratio |" if baseline else ""
    print(f"| bytecode | bare customtkinter window | app: Home ready | ratio | app, empty questionnaire cache | "
          f"ratio |{extra}")
    print("|---|---:|---:|---:|---:|---:|" + ("---:|---:|" if baseline else ""))
    for mode in modes:
        bare: list[tuple[float, float]] = []
        app: list[tuple[float, float]] = []
        cold: list[tuple[float, float]] = []
        base: list[tuple[float, float]] = []
        for _ in range(runs):
            bare.append(start_times(BARE, places.env(mode)))
            app.append(start_times(APP, places.env(mode)))
            cold.append(start_times(APP, places.env(mode, places.fresh_cache())))
            if baseline is not None:
                base.append(start_times(APP, places.env(mode), baseline.resolve()))
        (b, b_cpu), (w, w_cpu), (c, c_cpu) = (_medians(x) for x in (bare, app, cold))
        row = (f"| {mode} | {b:.0f} ({b_cpu:.0f}) | {w:.0f} ({w_cpu:.0f}) | {w / b:.2f}× ({w_cpu / b_cpu:.2f}×) | "
               f"{c:.0f} ({c_cpu:.0f}) | {c / b:.2f}× |")
        if base:
            before, before_cpu = _medians(base)
            row += f" {before:.0f} ({before_cpu:.0f}) | {before / b:.2f}× ({before_cpu / b_cpu:.2f}×) |"
        print(row)
    print(f"\nload average after the start-up runs: {load()}")


def phase_stamps(code: str, env: dict[str, str]) -> dict[str, float]:
    """ms each phase of one fresh process took, the first from the launch (wall clock, as the child stamps it)."""
    t0 = time.time()
    child = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=120, check=False)
    last = child.stdout.strip().splitlines()[-1] if child.stdout.strip() else ""
    word, _, stamps_json = last.partition(" ")
    assert word == "ready" and child.returncode == 0, f"exit {child.returncode}: {child.stderr}"
    spans, before = {}, t0
    for name, at in json.loads(stamps_json):
        spans[name] = (at - before) * 1000
        before = at
    spans["total"] = (before - t0) * 1000
    return spans


def phases(places: Places, runs: int) -> None:
    """The start-up's phases in the bare window, the app and the floor (the app with one label, no Home)."""
    texts, icon = home_texts(places.base)
    target = PHASE_TARGET.replace("HOME_TEXTS", repr(str(texts))).replace("ICON", repr(str(icon)))
    programs = {"bare customtkinter window": PHASE_BARE, "app": PHASE_APP.replace("FLOOR", "False"),
                "floor: the app before Home (one label)": PHASE_APP.replace("FLOOR", "True"),
                "design target: Home and frame on 4 canvases, before the model": target}
    timed: dict[str, list[dict[str, float]]] = {name: [] for name in programs}
    for _ in range(runs):  # interleaved, so that the machine's load moves them alike
        for name, code in programs.items():
            timed[name].append(phase_stamps(code, places.env("compiled")))
    print(f"\nstart-up phases, compiled bytecode, median of {runs} fresh processes each (ms):\n")
    print("| phase | " + " | ".join(programs) + " |")
    print("|---|" + "---:|" * len(programs))
    for key, label in PHASE_NAMES.items():
        cells = [f"{statistics.median(r[key] for r in timed[name]):.0f}" if key in timed[name][0] else "–"
                 for name in programs]
        print(f"| {label} | " + " | ".join(cells) + " |")
    totals = {name: statistics.median(r["total"] for r in runs_) for name, runs_ in timed.items()}
    bare = totals["bare customtkinter window"]
    cells = [f"**{t:.0f}** ({t / bare:.2f}×)" for t in totals.values()]
    print("| **until drawn and idle** | " + " | ".join(cells) + " |")


def _medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """Median wall and median CPU time of ``runs``, in ms."""
    return statistics.median(r[0] for r in runs) * 1000, statistics.median(r[1] for r in runs) * 1000


def steps(places: Places, modes: list[str], step_runs: int, baseline: Path | None = None, cpu: bool = False) -> None:
    """The step-switching tables (with the baseline checkout's runs interleaved when given)."""
    for mode in modes:
        runs, base = [], []
        for _ in range(step_runs):
            runs.append(steps_in_child(places.env(mode), cpu=cpu))
            if baseline is not None:
                base.append(steps_in_child(places.env(mode), baseline.resolve(), cpu=cpu))
        firsts: list[dict[str, float]] = [r["first"] for r in runs]  # type: ignore[misc]
        completes: list[dict[str, float]] = [r["complete"] for r in runs]  # type: ignore[misc]
        agains: list[dict[str, float]] = [r["again"] for r in runs]  # type: ignore[misc]
        what = "ms of the process's own CPU time" if cpu else "ms"
        print(f"\nstep switch with 200 tasks, bytecode {mode}, median of {step_runs} processes ({what}):\n")
        head = "| step | first visit: shown | first visit: complete | later visits (median) |"
        if base:
            head += f" baseline ({baseline.name if baseline else ''}): first visit | baseline: later visits |"
        print(head + "\n|---|---:|---:|---:|" + ("---:|---:|" if base else ""))
        for step in firsts[0]:
            f = statistics.median(r[step] for r in firsts)
            c = statistics.median(r[step] for r in completes)
            g = statistics.median(r[step] for r in agains)
            row = f"| {step} | {f:.0f} | {c:.0f} | {g:.0f} |"
            if base:
                bf = statistics.median(r["first"][step] for r in base)  # type: ignore[index]
                bg = statistics.median(r["again"][step] for r in base)  # type: ignore[index]
                row += f" {bf:.0f} | {bg:.0f} |"
            print(row)
        raise_ms = statistics.median(float(r["raise"]) for r in runs)  # type: ignore[arg-type]
        print(f"| bare: raise a customtkinter frame | – | – | {raise_ms:.1f} |")
        cpu_table(firsts, runs, base)


def cpu_table(firsts: list[dict[str, float]], runs: list[dict[str, object]], base: list[dict[str, object]]) -> None:
    """CPU time of the first visits (until shown), which the machine's other jobs move less than wall time."""
    def median_cpu(of: list[dict[str, object]], step: str) -> str:
        values = [r["first_cpu"][step] for r in of if "first_cpu" in r]  # type: ignore[index]
        return f"{statistics.median(values):.0f}" if values else "–"

    print("\nCPU time of the process until the first visit is shown (time.process_time, ms, medians):\n")
    print("| step | first visit: CPU |" + (" baseline: CPU |" if base else ""))
    print("|---|---:|" + ("---:|" if base else ""))
    for step in firsts[0]:
        print(f"| {step} | {median_cpu(runs, step)} |" + (f" {median_cpu(base, step)} |" if base else ""))


def calls(places: Places, baseline: Path | None = None) -> None:
    """The table of calls into Tk per step visit (compiled bytecode; the baseline checkout's beside it)."""
    mine = steps_in_child(places.env("compiled"), count=True)
    base = steps_in_child(places.env("compiled"), baseline.resolve(), count=True) if baseline else None
    print("\ncalls into Tk per step visit with 200 tasks (tk.call; one process each):\n")
    head = "| step | first visit: shown | first visit: complete | later visit |"
    if base:
        head += " baseline: first visit shown | baseline: complete | baseline: later visit |"
    print(head + "\n|---|---:|---:|---:|" + ("---:|---:|---:|" if base else ""))
    for step, shown in mine["first"].items():  # type: ignore[attr-defined]
        row = f"| {step} | {shown:.0f} | {mine['complete'][step]:.0f} | {mine['again'][step]:.0f} |"  # type: ignore[index]
        if base:
            row += (f" {base['first'][step]:.0f} | {base['complete'][step]:.0f} |"  # type: ignore[index]
                    f" {base['again'][step]:.0f} |")  # type: ignore[index]
        print(row)


if __name__ == "__main__":
    main()
