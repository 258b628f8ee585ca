"""``kaizen-check --selftest``: prove that an installation (source, wheel or frozen build) is complete.

It loads every bundled questionnaire (and the user's overrides), registers the PDF font, renders
the demo plan into a temporary folder and checks every font in it is embedded, then creates and
destroys a window when a display exists. It prints one line and returns 0, or 1 naming each check
that failed, so that CI and an IT department can run it on the built program unattended.

Set ``KAIZEN_SELFTEST_OUT`` to a folder to keep the demo files (CI runs ``pdffonts`` on them).
"""

from __future__ import annotations

import importlib
import io
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import __version__, resources
from app.domain.errors import KaizenError

KEEP_OUTPUT_ENV = "KAIZEN_SELFTEST_OUT"
RESULT_FILE = "selftest.txt"

# The PDF standard fonts: a reader substitutes them, so a plan that names one is not self-contained.
_STANDARD_FONTS = frozenset(
    {
        "Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique",
        "Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique",
        "Times-Roman", "Times-Bold", "Times-BoldItalic", "Times-Italic", "Symbol", "ZapfDingbats",
    }
)  # fmt: skip
GUI_MODULE = "app.gui.app"
_GUI_PACKAGES = frozenset({"app.gui", GUI_MODULE})
_DISPLAY_GONE = ("couldn't connect to display", "no display name", "cannot open display")


class MissingPieceError(KaizenError):
    """A check found something missing from the installation; the message says what."""


@dataclass(frozen=True)
class Outcome:
    """The result of one check: ``ok`` with a short note, or the reason it failed."""

    name: str
    ok: bool
    note: str


def run_selftest() -> int:
    """Run every check, print one line, return the exit code (0 all passed, 1 something missing)."""
    started = time.perf_counter()
    outcomes = [_run(name, check) for name, check in _CHECKS]
    elapsed = time.perf_counter() - started
    failed = [o for o in outcomes if not o.ok]
    where = "frozen" if resources.is_frozen() else "python"
    if failed:
        detail = "; ".join(f"{o.name}: {o.note}" for o in failed)
        line = f"kaizen-check {__version__} selftest FAILED ({where}): {detail}"
    else:
        detail = ", ".join(f"{o.name} {o.note}" for o in outcomes)
        line = f"kaizen-check {__version__} selftest OK ({where}, {elapsed:.1f} s): {detail}"
    _emit(line)
    return 1 if failed else 0


def _run(name: str, check: Callable[[], str]) -> Outcome:
    try:
        return Outcome(name, True, check())
    except MissingPieceError as exc:
        return Outcome(name, False, str(exc))
    except Exception as exc:  # the self-test reports any failure instead of crashing on it
        render = getattr(exc, "render", None)
        text = render("en") if callable(render) else f"{type(exc).__name__}: {exc}"
        return Outcome(name, False, " | ".join(str(text).splitlines()))


def check_questionnaires() -> str:
    """Every bundled questionnaire loads on its own, and all of them together with the user's folders."""
    from app import service

    bundled = resources.bundled_questionnaire_dir()
    files = sorted([*bundled.glob("*.yaml"), *bundled.glob("*.yml")]) if bundled.is_dir() else []
    if not files:
        raise MissingPieceError(f"no questionnaire files in {bundled}")
    _checked, problems = service.validate_paths([bundled])
    if problems:
        raise MissingPieceError(" | ".join(p.render("en") for p in problems))
    loaded = service.load_all_questionnaires()
    if not loaded:
        raise MissingPieceError(f"no questionnaire loaded from {bundled}")
    names = " ".join(f"{q.id}@{q.version}" for q in loaded)
    return f"{len(loaded)} ({names})"


def check_font() -> str:
    """The bundled TrueType font exists and reportlab accepts it."""
    path = resources.font_path()
    if not path.is_file():
        raise MissingPieceError(f"font file missing: {path}")
    from app.report.fonts import register_fonts

    return register_fonts()


def check_demo() -> str:
    """The example assessment renders to a PDF whose fonts are all embedded."""
    keep = os.environ.get(KEEP_OUTPUT_ENV, "").strip()
    if keep:
        return _demo_into(Path(keep))
    with tempfile.TemporaryDirectory(prefix="kaizen-selftest-") as tmp:
        return _demo_into(Path(tmp))


def _demo_into(folder: Path) -> str:
    from app import service

    assessment, pdf = service.demo(folder)
    for produced in (assessment, pdf):
        if not produced.is_file() or produced.stat().st_size == 0:
            raise MissingPieceError(f"demo did not write {produced}")
    data = pdf.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise MissingPieceError(f"{pdf} is not a PDF")
    fonts = pdf_font_names(data)
    if not fonts:
        raise MissingPieceError(f"{pdf} names no font")
    standard = sorted(f for f in fonts if f.split("+", 1)[-1] in _STANDARD_FONTS)
    if standard:
        raise MissingPieceError(f"{pdf} uses fonts that are not embedded: {', '.join(standard)}")
    return f"{len(data) // 1024} KB, fonts {'/'.join(sorted({f.split('+', 1)[-1] for f in fonts}))}"


def pdf_font_names(data: bytes) -> set[str]:
    """The ``/BaseFont`` names in a PDF that keeps its font dictionaries uncompressed (as reportlab does)."""
    return {m.decode("latin-1") for m in re.findall(rb"/BaseFont\s*/([^\s/<>\[\]()]+)", data)}


def has_display() -> bool:
    """Whether a window can be shown: always on Windows and macOS, with ``$DISPLAY`` elsewhere."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY"))


def check_window() -> str:
    """The GUI modules import; the real wizard window (a bare customtkinter one without them) opens and closes."""
    gui = _import_gui()  # needs no display, so a headless CI run still proves the GUI was bundled
    if not has_display():
        return f"skipped (no display){gui}"
    import tkinter

    started = time.perf_counter()
    try:
        import customtkinter
    except tkinter.TclError as exc:
        return _tcl_problem(exc) + gui
    icon = resources.icon_png_path()
    if not icon.is_file():
        raise MissingPieceError(f"icon missing: {icon}")
    try:
        root = _open_the_wizard() if gui.endswith(" imported") else _bare_window(customtkinter, icon)
    except tkinter.TclError as exc:
        return _tcl_problem(exc) + gui
    try:
        root.update()
    finally:
        for pending in root.tk.splitlist(root.tk.call("after", "info")):
            root.tk.call("after", "cancel", pending)  # customtkinter's timers would fire into a closed window
        root.destroy()
    wizard = ", wizard opened" if gui.endswith(" imported") else ""
    return f"ok ({time.perf_counter() - started:.2f} s{gui}{wizard})"


def _bare_window(customtkinter: Any, icon: Path) -> Any:
    """A customtkinter window with the icon, a Japanese label and a sheet (when the wizard is not installed)."""
    import tkinter

    root = customtkinter.CTk()
    root.title("業務改善セルフチェック selftest")
    photo = tkinter.PhotoImage(master=root, file=str(icon))
    root.iconphoto(True, photo)
    customtkinter.CTkLabel(root, text="業務改善セルフチェック").pack()
    from tksheet import Sheet

    Sheet(root, data=[["業務名", "年間件数"]]).pack()
    return root


def _open_the_wizard() -> Any:
    """The real window (icon, fonts, key bindings, every page's layout), as a user's start builds it.

    A platform's Tk can reject what another's accepts (Windows' Tk has no ``ISO_Left_Tab`` key), so a bare
    window is not proof enough that the program opens. Settings are not read from nor written to the user's folder.
    """
    import tkinter

    from app.gui.app import build, create_root
    from app.gui.prefs import Prefs

    root = create_root()
    try:
        build(root, settings=Prefs())
    except tkinter.TclError as exc:
        root.destroy()
        raise MissingPieceError(f"the wizard window: {exc}") from exc
    return root


def _import_gui() -> str:
    """Import the real window's module so a build that lacks it fails here rather than at the user's desk."""
    try:
        importlib.import_module(GUI_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name not in _GUI_PACKAGES:
            raise  # the GUI exists but something it needs is missing from the installation
        return f", {GUI_MODULE} not found"
    return f", {GUI_MODULE} imported"


def _tcl_problem(exc: Exception) -> str:
    """A lost display is not the installation's fault; anything else from Tcl/Tk is a missing piece."""
    if any(phrase in str(exc).lower() for phrase in _DISPLAY_GONE):
        return "skipped (display unreachable)"
    raise MissingPieceError(f"Tcl/Tk: {exc}")


def _emit(line: str) -> None:
    """Print the result; a windowed build has no console, so it also goes to the log folder there."""
    if sys.stdout is not None:
        if isinstance(sys.stdout, io.TextIOWrapper):
            # A pipe on Windows may be cp1252; a message with Japanese in it must not crash the report.
            sys.stdout.reconfigure(errors="backslashreplace")
        print(line, flush=True)
        return
    folder = resources.user_log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / RESULT_FILE).write_text(line + "\n", encoding="utf-8")
    except OSError:
        pass  # nowhere left to report to; the exit code still tells


_CHECKS: list[tuple[str, Callable[[], str]]] = [
    ("questionnaires", check_questionnaires),
    ("font", check_font),
    ("demo", check_demo),
    ("window", check_window),
]
