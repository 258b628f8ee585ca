"""Packaged-program benchmark: bundle sizes and start-up times, next to a frozen customtkinter "hello world".

    uv run --extra build python benchmarks/bundle.py                 # build, measure, print a Markdown table
    uv run --extra build python benchmarks/bundle.py --update-docs   # ... and rewrite docs/performance.md's section

Both programs are built in the same run with the same PyInstaller, Python and options (windowed,
one-folder and one-file); the app with build/kaizen.spec. Scratch output goes to build/work/bench/.
Times are medians of ``--runs`` warm starts (the first run, which fills the OS file cache and, for
the one-file build, unpacks into a new temporary folder each time anyway, is not counted):

* ``--version`` — the bootloader, Python, and the command-line imports, then exit: pure start-up;
* ``--selftest`` — start-up plus loading the questionnaire, registering the font, rendering the demo
  PDF and opening/closing a window (under Xvfb when no display is set);
* hello world — start-up plus opening/closing a customtkinter window.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build"))
import build as release_build  # noqa: E402 - build/build.py, importable once build/ is on the path

BENCH = ROOT / "build" / "work" / "bench"
DOCS = ROOT / "docs" / "performance.md"
WINDOWS = sys.platform == "win32"
# Run by a Windows Python (under Wine: see build/windows-under-wine.sh) it measures the Windows programs and keeps
# their own section of docs/performance.md, next to the Linux one.
HEADING = "## Packaged program on Windows" if WINDOWS else "## Packaged program"
EXE = ".exe" if sys.platform == "win32" else ""

HELLO = '''"""A frozen customtkinter "hello world" for the bundle benchmark."""
import os
import sys
import time

import customtkinter

app = customtkinter.CTk()
app.title("hello")
customtkinter.CTkLabel(app, text="こんにちは").pack(padx=40, pady=40)
if "--selftest" in sys.argv:
    app.update()
    app.update_idletasks()
    if os.environ.get("KAIZEN_READY_FILE"):  # the moment it was drawn, as the app writes it (app/gui/app.py)
        with open(os.environ["KAIZEN_READY_FILE"], "w", encoding="utf-8") as ready:
            ready.write(repr(time.time()))
    app.destroy()
    print("hello ok")
    sys.exit(0)
app.mainloop()
'''


def pyinstaller(*args: str) -> float:
    """Run PyInstaller quietly; returns the seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR", *args], cwd=ROOT, check=True
    )
    return time.perf_counter() - started


def build_all() -> dict[str, Path]:
    """Build the app (both outputs) and hello world (both outputs); returns the programs and folders."""
    if BENCH.exists():
        shutil.rmtree(BENCH)
    BENCH.mkdir(parents=True)
    dist, work = BENCH / "dist", BENCH / "work"
    took = pyinstaller(
        "--distpath", str(dist), "--workpath", str(work / "app"), str(release_build.SPEC), "--", "--mode", "both"
    )
    print(f"built the app in {took:.0f} s", flush=True)
    script = BENCH / "hello.py"
    script.write_text(HELLO, encoding="utf-8")
    common = ["--windowed", "--collect-data", "customtkinter", "--distpath", str(dist), "--specpath", str(work)]
    if sys.platform.startswith("linux") and shutil.which("strip"):
        common.append("--strip")  # as build/kaizen.spec does, so the sizes compare like with like
    took = pyinstaller(*common, "--workpath", str(work / "hello-dir"), "--onedir", "--name", "hello", str(script))
    took += pyinstaller(
        *common, "--workpath", str(work / "hello-one"), "--onefile", "--name", "hello-onefile", str(script)
    )
    print(f"built hello world in {took:.0f} s", flush=True)
    return built()


def built() -> dict[str, Path]:
    """The programs and folders :func:`build_all` makes (``--reuse``: those of the last run)."""
    dist = BENCH / "dist"
    if not (dist / "KaizenSelfCheck").is_dir() or not (dist / "hello").is_dir():
        raise SystemExit(f"nothing built in {dist}: run without --reuse first")
    return {
        "app_dir": dist / "KaizenSelfCheck",
        "app_onedir": dist / "KaizenSelfCheck" / f"KaizenSelfCheck{EXE}",
        "app_onefile": dist / f"KaizenSelfCheck-onefile{EXE}",
        "hello_dir": dist / "hello",
        "hello_onedir": dist / "hello" / f"hello{EXE}",
        "hello_onefile": dist / f"hello-onefile{EXE}",
    }


def folder_size(folder: Path) -> int:
    """Bytes of all files under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def zipped_size(folder: Path) -> int:
    """Bytes of ``folder`` zipped as the release does it."""
    return release_build.zip_folder(folder, BENCH / "zips" / f"{folder.name}.zip").stat().st_size


def median_start(command: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(median, first) seconds for ``command`` to run to completion; fails if it exits non-zero."""
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=300, check=False,
                              env=env)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"{command} failed: {done.stdout}{done.stderr}")
    return statistics.median(times[1:]), times[0]


def ready_starts(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int) -> dict[str, float]:
    """Median seconds from launching each command until it wrote the moment it was ready (drawn and idle) to
    ``KAIZEN_READY_FILE``: the start-up without the exit. The commands take turns, so that the machine's load
    moves them alike; one uncounted round first."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    ready = BENCH / "ready.txt"
    for round_ in range(runs + 1):
        for name, (command, env) in commands.items():
            ready.unlink(missing_ok=True)
            started = time.time()
            done = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=300,
                                  check=False, env=dict(env, KAIZEN_READY_FILE=str(ready)))
            if done.returncode != 0 or not ready.exists():
                raise SystemExit(f"{command} failed or wrote no ready time: {done.stdout}{done.stderr}")
            if round_:
                times[name].append(float(ready.read_text(encoding="utf-8")) - started)
    return {name: statistics.median(values) for name, values in times.items()}


@contextmanager
def a_display() -> Iterator[None]:
    """Use the current display, or start Xvfb on a free one for the duration."""
    if os.environ.get("DISPLAY") or sys.platform in ("win32", "darwin"):
        yield None
        return
    number = next(n for n in range(150, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"])
    for _ in range(50):
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            break
        time.sleep(0.1)
    os.environ["DISPLAY"] = f":{number}"
    try:
        yield None
    finally:
        del os.environ["DISPLAY"]
        server.terminate()
        server.wait(timeout=10)


def measure(programs: dict[str, Path], runs: int) -> list[tuple[str, str, str, str]]:
    """Rows of (what, one-folder, one-file, note) for the Markdown table."""
    mb = 1e6
    rows = [
        ("app: size, zipped one-folder / single file",
         f"{zipped_size(programs['app_dir']) / mb:.1f} MB", f"{programs['app_onefile'].stat().st_size / mb:.1f} MB",
         f"unzipped folder {folder_size(programs['app_dir']) / mb:.0f} MB"),
        ("hello world: size, zipped one-folder / single file",
         f"{zipped_size(programs['hello_dir']) / mb:.1f} MB", f"{programs['hello_onefile'].stat().st_size / mb:.1f} MB",
         f"unzipped folder {folder_size(programs['hello_dir']) / mb:.0f} MB"),
    ]  # fmt: skip
    # the window to an idle Home, then closed (KAIZEN_CLOSE_WHEN_READY), with user folders of its own: the
    # questionnaire cache is filled by the uncounted first run, as on every start after the first
    users = BENCH / "users"
    shutil.rmtree(users, ignore_errors=True)
    home_env = dict(os.environ, KAIZEN_CLOSE_WHEN_READY="1", XDG_DATA_HOME=str(users / "data"),
                    XDG_CONFIG_HOME=str(users / "config"), XDG_CACHE_HOME=str(users / "cache"),
                    XDG_STATE_HOME=str(users / "state"))
    timed: list[tuple[str, str, list[str], dict[str, str] | None]] = [
        ("app `--version` (start-up, no window)", "app", ["--version"], None),
        ("app `--selftest` (start-up + questionnaire + font + demo PDF + window)", "app", ["--selftest"], None),
        ("app window: start-up to a drawn, idle Home, then closed", "app", [], home_env),
        ("hello world (start-up + window open/close)", "hello", ["--selftest"], None),
    ]
    with a_display():
        for label, who, args, env in timed:
            cells = []
            firsts = []
            for kind in ("onedir", "onefile"):
                median, first = median_start([str(programs[f"{who}_{kind}"]), *args], runs,
                                             None if env is None else dict(env, DISPLAY=os.environ.get("DISPLAY", "")))
                cells.append(f"{median:.2f} s")
                firsts.append(f"{first:.2f}")
            rows.append((label, cells[0], cells[1], f"first run {firsts[0]} / {firsts[1]} s"))
        # the goal's measure: launch to a drawn, idle window, its exit left out (the app's exit, with a hundred
        # widgets to destroy and more modules to unload, takes longer than hello world's)
        display = dict(home_env, DISPLAY=os.environ.get("DISPLAY", ""))
        to_ready = {kind: ready_starts({"app": ([str(programs[f"app_{kind}"])], display),
                                        "hello": ([str(programs[f"hello_{kind}"]), "--selftest"], display)}, runs)
                    for kind in ("onedir", "onefile")}
        for who, label in (("app", "app window: start-up to a drawn, idle Home (exit not counted)"),
                           ("hello", "hello world: start-up to its drawn window (exit not counted)")):
            rows.append((label, f"{to_ready['onedir'][who]:.2f} s", f"{to_ready['onefile'][who]:.2f} s",
                         "taking turns with the other"))
        rows.append(("app ÷ hello world, exit not counted (the goal: ≤ 1.5×)",
                     f"{to_ready['onedir']['app'] / to_ready['onedir']['hello']:.2f}×",
                     f"{to_ready['onefile']['app'] / to_ready['onefile']['hello']:.2f}×", ""))
    return rows


def markdown(rows: list[tuple[str, str, str, str]], runs: int) -> str:
    """The docs section."""
    import PyInstaller

    today = dt.date.today().isoformat()
    command = "uv run --extra build python benchmarks/bundle.py"
    where = f"{platform.system()} {platform.machine()}"
    if WINDOWS:
        import ctypes

        wine = getattr(ctypes.WinDLL("ntdll"), "wine_get_version", None)
        if wine is not None:
            wine.restype = ctypes.c_char_p
            where = f"Windows x64 under Wine {wine().decode()} on this Linux machine"
        command = "python benchmarks/bundle.py"
    lines = [
        HEADING,
        "",
        f"`{command}` ({today}; {where}, "
        f"Python {platform.python_version()}, PyInstaller {PyInstaller.__version__}; medians of {runs} warm runs):",
        "",
        "| measure | one-folder | single file | note |",
        "|---|---:|---:|---|",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows),
        "",
        "What the numbers mean. The app is larger than hello world by what it needs beyond customtkinter:",
        "the IPAex Gothic font (6 MB, about 4 MB zipped), reportlab, PyYAML, openpyxl and tksheet. The single",
        "file unpacks itself into a new temporary folder on every start, which is its extra start-up time over",
        "the one-folder build; that and the antivirus scans of every unpacked file are why the zipped folder",
        "is the recommended download (docs/install.md). `--selftest` time is dominated by rendering the demo",
        "PDF, not by start-up.",
        *(WINDOWS_NOTE if WINDOWS else LINUX_NOTE),
        "",
    ]
    return "\n".join(lines)


LINUX_NOTE = [
    "Linux numbers from this machine, which other jobs share: repeated runs of this script differed by up to",
    "2× (load average 3–4 on 2 cores). The Windows programs have their own section below.",
]
WINDOWS_NOTE = [
    "The one-folder build has two launchers sharing one `_internal` folder, the windowed `KaizenSelfCheck.exe`",
    "(timed here) and the console `kaizen-check.exe`; each carries its own copy of the Python code archive",
    "(about 7 MB), which is why the zip is larger than on Linux. Under Wine (`bash build/windows-under-wine.sh",
    "--bench`) the programs are started by the Windows Python inside the running Wine: the times hold Wine's",
    "per-process start, not the start of Wine itself (the folder's `--version` takes about 0.3 s). They are",
    "Wine's numbers, not a Windows PC's (run `python benchmarks/bundle.py` with the Windows interpreter on a PC",
    "for those). That script runs them in the build's locale (C.UTF-8, as PyInstaller under Wine 8 needs),",
    "not code page 932. The machine is shared (2 cores): repeated runs differ by up to 2×.",
]


def update_docs(section: str) -> None:
    """Replace (or append) the ``## Packaged program`` section of docs/performance.md, keeping the others."""
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Performance\n"
    start = text.find(HEADING)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(HEADING))
        text = text[:start] + section.rstrip("\n") + "\n" + ("" if end < 0 else "\n" + text[end + 1 :])
    DOCS.write_text(text, encoding="utf-8", newline="\n")  # LF from a Windows Python too, as committed


def main() -> int:
    """Build, measure, print; optionally update the docs."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--update-docs", action="store_true")
    parser.add_argument("--reuse", action="store_true",
                        help="measure the programs the last run built (build/work/bench/dist) instead of building")
    args = parser.parse_args()
    with contextlib.suppress(AttributeError, ValueError):  # a Windows console in cp1252 cannot print ≤ or ×
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    programs = built() if args.reuse else build_all()
    rows = measure(programs, args.runs)
    section = markdown(rows, args.runs)
    print(section)
    if args.update_docs:
        update_docs(section)
        print(f"updated {DOCS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
