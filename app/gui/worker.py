"""Run slow work (the PDF) in a thread and hand the result back on the Tk thread with ``after``."""

from __future__ import annotations

import queue
import threading
import tkinter
from collections.abc import Callable
from typing import Any

POLL_MS = 40


def run_in_thread(widget: tkinter.Misc, work: Callable[[], Any], done: Callable[[Any, BaseException | None], None]) -> \
        threading.Thread:
    """Call ``work()`` in a thread; later call ``done(result, error)`` on the Tk thread (never from the thread)."""
    box: queue.Queue[tuple[Any, BaseException | None]] = queue.Queue(maxsize=1)

    def target() -> None:
        try:
            box.put((work(), None))
        except BaseException as exc:  # handed to the Tk thread, which reports or logs it
            box.put((None, exc))

    thread = threading.Thread(target=target, name="kaizen-worker", daemon=True)
    thread.start()

    def poll() -> None:
        try:
            result, error = box.get_nowait()
        except queue.Empty:
            widget.after(POLL_MS, poll)
            return
        done(result, error)

    widget.after(POLL_MS, poll)
    return thread
