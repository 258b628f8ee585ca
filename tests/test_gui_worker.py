"""Worker threads never finalise Tk objects: garbage and the last references are let go of on the Tk thread.

CI saw ``RuntimeError: main thread is not in main loop`` in ``tkinter.Image.__del__`` during the questionnaire
window's preview: the garbage collector, run by the worker's allocations, finalised the icons of a destroyed
grid page's tksheet on the worker thread, and ``__del__`` called Tk from there.
"""

from __future__ import annotations

import functools
import gc
import threading
import time
import tkinter
from collections.abc import Callable
from typing import Any

import pytest

from app.gui import worker
from app.gui.after_jobs import Toplevel

pytestmark = pytest.mark.gui


class RecordedImage(tkinter.PhotoImage):
    """A Tk image that notes the thread its finaliser runs on (before Tk is asked to delete it)."""

    def __init__(self, master: Any, finalised: list[str], on_finalised: threading.Event | None = None) -> None:
        super().__init__(master=master, width=2, height=2)
        self._finalised, self._on_finalised = finalised, on_finalised

    def __del__(self) -> None:
        self._finalised.append(threading.current_thread().name)
        if self._on_finalised is not None:
            self._on_finalised.set()
        super().__del__()


def pump(root: Any, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """``update()`` until ``condition()``: Tk serves no other thread meanwhile, as when the app is busy."""
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        root.update()
        time.sleep(0.005)


def test_garbage_left_by_the_tk_thread_is_collected_there_while_a_worker_allocates(
        gui_root: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    failed: list[str] = []
    monkeypatch.setattr("sys.unraisablehook", lambda info: failed.append(repr(info.exc_value)))
    finalised: list[str] = []
    freed = threading.Event()
    gc.collect()  # the youngest generation is empty: the next collection is the first that sees the cycle
    # what a destroyed tksheet leaves: its options, holding its icons, in a reference cycle
    options: dict[str, Any] = {"edit_header_image": RecordedImage(gui_root, finalised, freed)}
    options["sheet"] = options
    del options

    def work() -> bool:
        kept = [[n] for n in range(200_000)]  # YAML and PDFs allocate like this: collections fall due
        return freed.wait(10) and len(kept) > 0  # done on the Tk thread meanwhile, while the work goes on

    results: list[tuple[Any, BaseException | None]] = []
    worker.run_in_thread(gui_root, work, lambda result, error: results.append((result, error)))
    pump(gui_root, lambda: bool(results))
    assert finalised == ["MainThread"]
    assert results == [(True, None)]
    assert failed == [] and worker.workers_running() == 0 and gc.isenabled()


def _name_length(image: tkinter.PhotoImage) -> int:
    time.sleep(0.3)  # the Tk thread lets go of its own references meanwhile
    return len(image.name)  # a Python attribute: the work never calls Tk


def test_what_the_work_holds_is_let_go_of_on_the_tk_thread(gui_root: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    failed: list[str] = []
    monkeypatch.setattr("sys.unraisablehook", lambda info: failed.append(repr(info.exc_value)))
    finalised: list[str] = []
    image = RecordedImage(gui_root, finalised)
    work = functools.partial(_name_length, image)
    results: list[tuple[Any, BaseException | None]] = []
    worker.run_in_thread(gui_root, work, lambda result, error: results.append((result, error)))
    del image, work  # only the worker's ``work`` holds the image now
    pump(gui_root, lambda: bool(results))
    assert results[0][1] is None and results[0][0] > 0
    pump(gui_root, lambda: bool(finalised), timeout=5)
    assert finalised == ["MainThread"] and failed == []


def test_a_window_closed_meanwhile_gets_no_result_and_collection_resumes(gui_root: Any) -> None:
    assert gc.isenabled()
    window = Toplevel(gui_root)  # cancels its own ``after`` callbacks when it is destroyed
    results: list[Any] = []
    worker.run_in_thread(window, lambda: time.sleep(0.3), lambda result, error: results.append(error))
    assert worker.workers_running() == 1 and not gc.isenabled()
    window.destroy()
    pump(gui_root, lambda: worker.workers_running() == 0)
    assert results == [] and gc.isenabled()  # nothing shown in a closed window; the collector is back on


def test_an_error_of_the_work_reaches_done_and_collection_resumes(gui_root: Any) -> None:
    def work() -> None:
        raise ValueError("broken")

    results: list[Any] = []
    worker.run_in_thread(gui_root, work, lambda result, error: results.append((result, error)))
    pump(gui_root, lambda: bool(results))
    assert results[0][0] is None and isinstance(results[0][1], ValueError)
    assert worker.workers_running() == 0 and gc.isenabled()


def _record(results: list[Any], image: tkinter.PhotoImage, result: Any, error: BaseException | None) -> None:
    results.append((image.name, result, error))


def test_done_and_what_it_holds_are_freed_once_it_has_run_without_the_collector(
        gui_root: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """No reference cycle is left for the collector to find later, on whichever thread it then runs."""
    failed: list[str] = []
    monkeypatch.setattr("sys.unraisablehook", lambda info: failed.append(repr(info.exc_value)))
    finalised: list[str] = []
    results: list[Any] = []
    image = RecordedImage(gui_root, finalised)
    done = functools.partial(_record, results, image)  # a window's method holds the window like this
    del image
    gc.collect()
    gc.disable()  # only reference counts free anything here
    try:
        worker.run_in_thread(gui_root, lambda: 1, done)
        del done
        pump(gui_root, lambda: bool(results))
        gui_root.update()
        assert finalised == ["MainThread"]
    finally:
        gc.enable()
    assert results[0][1:] == (1, None) and failed == []
