"""No Tk ``after`` callback outlives its widget: a destroyed text box, window or page leaves nothing scheduled
whose command name a later callback could take over (CI once saw a key binding called by a dead text box's
scroll-bar check)."""

from __future__ import annotations

import time
import tkinter
from collections.abc import Iterator
from typing import Any

import customtkinter as ctk
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


def test_customtkinter_text_box_alone_leaves_its_check_scheduled(gui_root: Any, holder: tkinter.Toplevel) -> None:
    """The control: customtkinter 6's own text box leaves a dangling callback (why TextBox exists)."""
    box = ctk.CTkTextbox(holder)
    box.pack()
    pump(gui_root, 0.3)  # its scroll-bar check re-arms itself every 200 ms
    box.destroy()
    dangling = dangling_after_jobs(gui_root)
    assert dangling and all("<lambda>" in job for job in dangling)
    pump(gui_root, 0.3)  # the dead callback fires: Tcl finds no command and reports it in the background
    assert not dangling_after_jobs(gui_root)
    assert any("invalid command name" in error and "<lambda>" in error for error in gui_root.background_errors)
    gui_root.background_errors.clear()  # seen: the wizard fixture fails a test on any it finds


def test_text_box_cancels_its_check_and_forgets_the_ones_that_ran(gui_root: Any, holder: tkinter.Toplevel) -> None:
    box = TextBox(holder)
    box.pack()
    pump(gui_root, 0.7)  # three or four checks have run and re-armed
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
