"""Shared fixtures. The GUI ones (Porcupine style) are opt-in: only tests that ask for them need a display.

* ``gui_root``: one real CTk root for the whole session, with ``mainloop`` patched out;
* ``wizard``: the app's one Wizard on that root, reset to Home for each test, with the user's
  folders redirected to a temporary directory and every modal dialog answered by ``fake_dialogs``;
* a check that fails the test when a Tk callback raised or the app logged an error;
* ``wait_until(condition)`` runs Tk's event loop until the condition holds.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.windows_support import under_wine


def _display_missing() -> bool:
    # pytest-xvfb sets DISPLAY when Xvfb is installed; Windows and macOS need none.
    return sys.platform.startswith("linux") and not os.environ.get("DISPLAY")


def _marker_reason(item: pytest.Item, name: str) -> str | None:
    """The reason given to ``@pytest.mark.NAME("reason")``; ``None`` without the marker; an error without a reason."""
    marker = item.get_closest_marker(name)
    if marker is None:
        return None
    reason = marker.args[0] if marker.args else marker.kwargs.get("reason")
    if not reason:
        raise pytest.UsageError(f"{item.nodeid}: @pytest.mark.{name} needs a reason")
    return str(reason)


GUI_FIXTURES = frozenset({"gui_root", "wizard", "_session_wizard"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that asks for a GUI fixture is a GUI test, marked or not: ``-m "not gui"`` (the Windows run's
    headless part, which has no display) must never build a window because a marker was forgotten."""
    for item in items:
        if GUI_FIXTURES & set(getattr(item, "fixturenames", ())) and item.get_closest_marker("gui") is None:
            item.add_marker(pytest.mark.gui)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip POSIX-only tests on Windows and Wine-differs tests under Wine (with their reasons); GUI tests need a
    display: skip them without one, unless KAIZEN_REQUIRE_GUI says CI must run them."""
    posix_only = _marker_reason(item, "posix_only")
    if posix_only is not None and os.name == "nt":
        pytest.skip(f"POSIX only: {posix_only}")
    wine_differs = _marker_reason(item, "wine_differs")
    if wine_differs is not None and under_wine():
        pytest.skip(f"Wine differs from Windows: {wine_differs}")
    if item.get_closest_marker("gui") is None or not _display_missing():
        return
    reason = "no display: install Xvfb (apt-get install xvfb) so pytest-xvfb can start one"
    if os.environ.get("KAIZEN_REQUIRE_GUI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def wait_until(root: Any, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Run Tk's own event loop until ``condition()`` is true; fail after ``timeout`` seconds.

    The real ``mainloop`` (not a loop of ``update()`` calls): a worker thread that touches Tcl — most
    often the garbage collector finalising a destroyed widget's CTkFont or variable while the worker
    renders a PDF — is served by the main thread only while it is inside ``mainloop``. Under
    ``update()`` each such call waited a second and failed ("main thread is not in main loop"), and
    a few dozen of them made the story-sheet test time out now and then. This is how the app runs.
    """
    end = time.monotonic() + timeout
    outcome: list[BaseException | bool] = []

    def check() -> None:
        try:
            done = condition()
        except BaseException as exc:  # raised in the test, not swallowed by Tk's callback handler
            outcome.append(exc)
            root.tk.quit()
            return
        if done or time.monotonic() > end:
            outcome.append(done)
            root.tk.quit()
            return
        root.after(10, check)

    if condition():
        return
    root.after(10, check)
    root.tk.mainloop()  # the Tkapp's loop: the root's own mainloop is patched out for the session
    if outcome and isinstance(outcome[0], BaseException):
        raise outcome[0]
    if outcome != [True]:
        raise AssertionError("timed out waiting for the condition")


class FakeDialogs:
    """Stands in for app.gui.dialogs: answers come from queues, messages are recorded."""

    def __init__(self) -> None:
        self.answers: list[str | None] = []  # for ask(): button keys, first in first out
        self.yes: list[bool] = []
        self.save_paths: list[Path | None] = []
        self.save_initials: list[Path] = []  # the name each save dialog suggested
        self.open_paths: list[Path | None] = []
        self.errors: list[str] = []
        self.details: list[str | None] = []  # the folded 「詳細」 part of each error dialog
        self.infos: list[str] = []
        self.asked: list[str] = []
        self.allow_errors = False

    def ask(self, _parent: Any, _title: str, message: str, _buttons: Any, _lang: str = "ja") -> str | None:
        self.asked.append(message)
        return self.answers.pop(0) if self.answers else "cancel"

    def info(self, _parent: Any, message: str, _lang: str = "ja") -> None:
        self.infos.append(message)

    def error(self, _parent: Any, message: str, _lang: str = "ja", detail: str | None = None) -> None:
        self.errors.append(message)
        self.details.append(detail)

    def yes_no(self, _parent: Any, message: str, _lang: str = "ja") -> bool:
        self.asked.append(message)
        return self.yes.pop(0) if self.yes else False

    def ask_open_path(self, _parent: Any, _lang: str = "ja") -> Path | None:
        return self.open_paths.pop(0) if self.open_paths else None

    def ask_save_path(self, _parent: Any, initial: Path, pdf: bool = False, lang: str = "ja") -> Path | None:
        self.save_initials.append(initial)
        return self.save_paths.pop(0) if self.save_paths else None


class _ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="session", autouse=True)
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test reads or writes the real user folders: settings, recent files, installed packs and questionnaires,
    case catalogues and logs of the machine the suite runs on (CI runs on a developer's machine) stay out of it.

    platformdirs follows the XDG variables on Linux; on Windows it asks for the known folders instead, so the
    tests that touch user folders there point them at their own temporary folders themselves.
    """
    base = tmp_path_factory.mktemp("user-folders")
    mp = pytest.MonkeyPatch()
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        mp.setenv(var, str(base / var.lower()))
    mp.delenv("KAIZEN_QUESTIONNAIRES", raising=False)
    yield base
    mp.undo()


@pytest.fixture(autouse=True)
def _private_windows_user_folders(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows platformdirs ignores the variables above, so each test gets its own user folders there.

    Without this a pack installed by one test (into the real %LOCALAPPDATA%) changed the questionnaire and the
    case catalogue of every later test. test_resources.py checks the real Windows layout and is left alone.
    """
    if os.name != "nt" or request.node.path.name == "test_resources.py":
        return
    from app import resources

    base = tmp_path_factory.mktemp("win-user")
    for name in ("user_data_dir", "user_config_dir", "user_log_dir", "user_cache_dir"):
        monkeypatch.setattr(resources, name, lambda name=name: base / name)


@pytest.fixture(scope="session")
def gui_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private user-data folder for the whole GUI session (settings, autosaves, logs)."""
    return tmp_path_factory.mktemp("gui-user")


@pytest.fixture(scope="session")
def gui_root(gui_home: Path) -> Iterator[Any]:
    """The one CTk root of the test session; ``mainloop`` does nothing (tests pump ``update``)."""
    mp = pytest.MonkeyPatch()
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        mp.setenv(var, str(gui_home / var.lower()))
    if os.name == "nt":
        # platformdirs asks Windows for the known folders and ignores variables: without this the GUI tests would
        # write their settings and recent-file list into the real %LOCALAPPDATA%\KaizenSelfCheck.
        from app import resources

        for name in ("user_data_dir", "user_config_dir", "user_log_dir", "user_cache_dir"):
            mp.setattr(resources, name, lambda name=name: gui_home / name)
    from app.gui.app import create_root

    root = create_root()
    mp.setattr(root, "mainloop", lambda n=0: None)
    background_errors: list[str] = []
    root.background_errors = background_errors
    # Tcl reports an error in an ``after`` or idle script it runs itself (the command of a destroyed widget's
    # callback, say) to its background-error handler, which prints nothing here: record them for the wizard.
    handler = root.register(lambda message, options: background_errors.append(str(message)))
    root.tk.call("interp", "bgerror", "", handler)
    root.update()
    yield root
    root.destroy()
    mp.undo()


@pytest.fixture(scope="session")
def _session_wizard(gui_root: Any, gui_home: Path) -> Any:
    from app.gui.app import build
    from app.gui.prefs import Prefs

    wiz = build(gui_root, settings=Prefs())
    wiz.doc.autosave_folder = gui_home / "autosave"
    return wiz


@pytest.fixture
def fake_dialogs(monkeypatch: pytest.MonkeyPatch) -> FakeDialogs:
    """Every modal dialog answered from queues (no test ever blocks on a window)."""
    from app.gui import dialogs

    fake = FakeDialogs()
    for name in ("ask", "info", "error", "yes_no", "ask_open_path", "ask_save_path"):
        monkeypatch.setattr(dialogs, name, getattr(fake, name))
    return fake


@pytest.fixture
def wizard(_session_wizard: Any, gui_root: Any, fake_dialogs: FakeDialogs, monkeypatch: pytest.MonkeyPatch) \
        -> Iterator[Any]:
    """The app's Wizard, back at Home with nothing open; fails the test if a Tk callback raised."""
    wiz = _session_wizard
    raised: list[BaseException] = []
    handler = gui_root.report_callback_exception

    def record(exc_type: type[BaseException], value: BaseException, tb: Any) -> None:
        raised.append(value)
        handler(exc_type, value, tb)

    gui_root.report_callback_exception = record
    log = _ErrorLog()
    logging.getLogger("app").addHandler(log)
    monkeypatch.setattr(gui_root, "quit", lambda: None)
    wiz.doc.dirty = False
    wiz.started = False
    if wiz.lang != "ja":
        wiz.set_lang("ja")
    wiz.show_home()
    gui_root.update()
    yield wiz
    gui_root.update()
    gui_root.report_callback_exception = handler
    logging.getLogger("app").removeHandler(log)
    wiz.doc.dirty = False
    from app.gui.after_jobs import dangling_after_jobs

    dangling = dangling_after_jobs(gui_root)
    background, gui_root.background_errors[:] = list(gui_root.background_errors), []
    if dangling:
        pytest.fail(f"a destroyed widget left Tk callbacks scheduled: {dangling}")
    if background:
        pytest.fail(f"Tcl reported a background error: {background[0]}")
    if raised and not fake_dialogs.allow_errors:
        pytest.fail(f"a Tk callback raised: {raised[0]!r}")
    if log.records and not fake_dialogs.allow_errors:
        pytest.fail(f"the app logged an error: {log.records[0].getMessage()}")
    if fake_dialogs.errors and not fake_dialogs.allow_errors:
        pytest.fail(f"an error dialog was shown: {fake_dialogs.errors[0]}")
