"""No Tk ``after`` callback outlives its widget: a destroyed text box, window or page leaves nothing scheduled
whose command name a later callback could take over (CI once saw a key binding called by a dead text box's
scroll-bar check)."""

from __future__ import annotations

import time
import tkinter
from collections.abc import Iterator
from typing import Any

import pytest

from app.gui.after_jobs import OwnsAfterJobs, TextBox, Toplevel, dangling_after_jobs
from app.gui.flat_frame import FlatFrame

pytestmark = pytest.mark.gui


def pump(root: Any, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        root.update()
        time.sleep(0.01)


@pytest.fixture
def holder(gui_root: Any) -> Iterator[tkinter.Toplevel]:
    """A plain Tk window to put the widgets in (the session's root is the wizard's, laid out with grid)."""
    top = tkinter.Toplevel(gui_root)
    yield top
    top.destroy()


def after_scripts(root: Any) -> list[str]:
    """The scripts of every pending ``after`` job."""
    out = []
    for job in root.tk.splitlist(root.tk.call("after", "info")):
        try:
            out.append(str(root.tk.splitlist(root.tk.call("after", "info", job))[0]))
        except tkinter.TclError:
            continue
    return out


def pump_until(root: Any, condition: Any, limit: float = 10.0) -> bool:
    """Run Tk's events until ``condition()`` holds (at most ``limit`` seconds); whether it did."""
    end = time.monotonic() + limit
    while not condition():
        if time.monotonic() > end:
            return False
        root.update()
        time.sleep(0.01)
    return True


def test_tkinter_alone_leaves_a_destroyed_widgets_job_scheduled(gui_root: Any, holder: tkinter.Toplevel) -> None:
    """The control: a plain Tk widget's pending callback outlives it, its command gone (why OwnsAfterJobs exists;
    customtkinter's text box re-arms one every 200 ms)."""
    frame = tkinter.Frame(holder)
    job = frame.after(60_000, lambda: None)
    frame.destroy()
    try:
        dangling = dangling_after_jobs(gui_root)
        assert any(entry.startswith(f"{job}:") and entry.endswith("<lambda>") for entry in dangling)
    finally:
        gui_root.tk.call("after", "cancel", job)  # Tcl's event, which tkinter left behind
    assert not dangling_after_jobs(gui_root)


def test_text_box_cancels_its_check_and_forgets_the_ones_that_ran(gui_root: Any, holder: tkinter.Toplevel) -> None:
    box = TextBox(holder)
    box.pack()
    assert pump_until(gui_root, lambda: any(s.endswith("<lambda>") for s in after_scripts(gui_root)))
    pump(gui_root, 0.5)  # a few more checks run and re-arm
    assert len(box._pending_after_jobs()) == 1
    box.destroy()
    assert not box._pending_after_jobs()
    assert not dangling_after_jobs(gui_root)


def test_a_window_destroyed_at_once_leaves_nothing(gui_root: Any) -> None:
    window = Toplevel(gui_root)
    ran: list[int] = []
    window.after(200, lambda: ran.append(1))
    window.after_idle(lambda: ran.append(2))
    window.destroy()
    pump(gui_root, 0.3)
    assert ran == []
    assert not dangling_after_jobs(gui_root)


class Page(OwnsAfterJobs, FlatFrame):
    """A page-like frame with a job of its own."""


def test_cancelled_and_finished_jobs_are_forgotten_and_arguments_pass(gui_root: Any, holder: tkinter.Toplevel) -> None:
    page = Page(holder)
    got: list[tuple[int, str]] = []
    page.after(1, lambda n, s: got.append((n, s)), 7, "x")
    cancelled = page.after(10_000, lambda: got.append((0, "never")))
    page.after_cancel(cancelled)
    pump(gui_root, 0.1)
    assert got == [(7, "x")]
    assert not page._pending_after_jobs()
    page.after(10_000, lambda: got.append((0, "never")))
    page.destroy()
    assert not dangling_after_jobs(gui_root)
