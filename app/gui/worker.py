"""Run slow work (the PDF, the questionnaire preview) in a thread; hand the result back on the Tk thread.

Only the Tk thread may call Tk. The work itself never does, but two things could still make the worker
thread call Tk behind its back, and both are kept on the Tk thread here:

* Python's cyclic garbage collector runs in whichever thread happens to allocate when a generation is full,
  and a worker allocates a lot (YAML, the PDF). It then finalises the garbage the Tk thread left behind, such
  as a destroyed grid page's tksheet icons (``tkinter.PhotoImage``) or customtkinter's fonts, whose
  ``__del__`` calls Tk to delete them. From a worker such a call waits for the Tk thread to serve it, up to a
  second each time, and fails ("main thread is not in main loop") whenever the Tk thread is busy elsewhere,
  which leaves the image in Tk. So while a worker runs, automatic collection is off. The Tk thread's poll runs
  the young generations' collections when they are due, and the old generation waits until the last worker
  is back (automatic collection then resumes on the Tk thread).
* The last reference: the worker's ``work`` (and whatever it holds), its result and its error are let go of
  on the Tk thread. The poll keeps ``work`` and hands the result over only after the thread has ended, so
  the thread has dropped its own references by then.
"""

from __future__ import annotations

import gc
import threading
import tkinter
from collections.abc import Callable
from typing import Any

POLL_MS = 40


class _Collection:
    """Automatic garbage collection, off while a worker runs (how many, and whether it was on before them)."""

    running = 0  # workers whose result the Tk thread has not taken yet
    was_on = False


def _hold_collection() -> None:
    if _Collection.running == 0:
        _Collection.was_on = gc.isenabled()
        gc.disable()
    _Collection.running += 1


def _release_collection() -> None:
    _Collection.running -= 1
    if _Collection.running == 0 and _Collection.was_on:
        gc.enable()


def _collect_when_due() -> None:
    """The young generations' collections that allocation has made due, run here on the Tk thread."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (1, 0):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return


def workers_running() -> int:
    """How many workers the Tk thread is waiting for (automatic garbage collection is off while any is)."""
    return _Collection.running


def run_in_thread(widget: tkinter.Misc, work: Callable[[], Any], done: Callable[[Any, BaseException | None], None]) -> \
        threading.Thread:
    """Call ``work()`` in a thread; later call ``done(result, error)`` on the Tk thread (never from the thread).

    ``done`` is not called when ``widget`` has been destroyed meanwhile: there is nothing left to show the
    result in. The poll runs on the root, so a window closed meanwhile still lets go of the worker there.
    """
    outcome: list[tuple[Any, BaseException | None]] = []
    thread = threading.Thread(target=_run, args=(work, outcome), name="kaizen-worker", daemon=True)
    _hold_collection()
    try:
        thread.start()
    except BaseException:
        _release_collection()
        raise
    _Poll(widget, work, done, thread, outcome).schedule()
    return thread


def _run(work: Callable[[], Any], outcome: list[tuple[Any, BaseException | None]]) -> None:
    """The thread's whole life: the outcome goes into ``outcome``, and nothing else is kept."""
    try:
        outcome.append((work(), None))
    except BaseException as exc:  # handed to the Tk thread, which reports or logs it
        outcome.append((None, exc))


class _Poll:
    """The Tk thread's side of one worker: it keeps ``work`` and ``done`` until the thread has ended.

    An object rather than a function that schedules itself: such a function is in a reference cycle with
    itself, so ``done`` and the widgets it holds would be freed by the garbage collector, on any thread.
    """

    def __init__(self, widget: tkinter.Misc, work: Callable[[], Any],
                 done: Callable[[Any, BaseException | None], None], thread: threading.Thread,
                 outcome: list[tuple[Any, BaseException | None]]) -> None:
        self.root = widget.nametowidget(".")  # the root: it outlives the windows
        self.widget: tkinter.Misc | None = widget
        self.work: Callable[[], Any] | None = work  # the worker never drops the last reference to what it holds
        self.done: Callable[[Any, BaseException | None], None] | None = done
        self.thread, self.outcome = thread, outcome

    def schedule(self) -> None:
        self.root.after(POLL_MS, self.poll)

    def poll(self) -> None:
        if self.thread.is_alive():  # the result is taken only once the thread has let go of everything
            _collect_when_due()
            self.schedule()
            return
        _release_collection()
        widget, done = self.widget, self.done
        self.widget = self.work = self.done = None
        result, error = self.outcome.pop()
        if widget is not None and done is not None and widget.winfo_exists():
            done(result, error)
