"""Widgets whose pending Tk ``after`` callbacks are cancelled when they are destroyed.

tkinter registers an ``after`` callback as a Tcl command named after the id of a Python function and the
function's name, and deletes it when the widget it was scheduled on is destroyed; Tcl's ``after`` event that
names it stays scheduled. When it fires, the name may by then belong to a newer callback whose function
happens to live at the same address, a key binding made later for instance, and that one is called instead,
with the wrong arguments (CI saw ``make_focusable.<locals>.<lambda>() missing 1 required positional argument``)
or, worse, as if its key had been pressed. customtkinter's text box re-arms such a callback every 200 ms for as
long as it lives; its windows and tabs schedule some after they open or switch. The classes here keep the ids
of their pending callbacks and cancel them before the widget goes, so a callback never outlives its widget.
"""

from __future__ import annotations

import tkinter
from collections.abc import Callable
from typing import Any

import customtkinter as ctk


class OwnsAfterJobs:
    """Mixin (put before the Tk widget class): ``after`` callbacks that are cancelled on ``destroy``."""

    def _pending_after_jobs(self) -> set[str]:
        jobs: set[str] | None = self.__dict__.get("_after_jobs")
        if jobs is None:
            jobs = self.__dict__["_after_jobs"] = set()
        return jobs

    def after(self, ms: Any, func: Callable[..., Any] | None = None, *args: Any) -> Any:
        """Schedule as tkinter does, remembering the job until it has run or is cancelled."""
        widget: Any = super()
        if func is None:
            return widget.after(ms)  # a plain sleep: nothing is left scheduled
        jobs = self._pending_after_jobs()
        job: list[str] = []

        def run(*call_args: Any) -> Any:
            if job:
                jobs.discard(job[0])
            return func(*call_args)

        run.__name__ = getattr(func, "__name__", "job")
        job.append(widget.after(ms, run, *args))
        jobs.add(job[0])
        return job[0]

    def after_cancel(self, id: Any) -> None:
        """Cancel as tkinter does, and forget the job."""
        self._pending_after_jobs().discard(id)
        widget: Any = super()
        widget.after_cancel(id)

    def destroy(self) -> None:
        """Cancel every callback still waiting, then destroy the widget."""
        widget: Any = super()
        jobs = self._pending_after_jobs()
        for job in sorted(jobs):
            widget.after_cancel(job)
        jobs.clear()
        widget.destroy()


class TextBox(OwnsAfterJobs, ctk.CTkTextbox):
    """customtkinter's text box, whose scroll-bar check stops with it."""


class Tabview(OwnsAfterJobs, ctk.CTkTabview):
    """customtkinter's tabs, whose delayed hiding of the other tabs stops with them."""


class Toplevel(OwnsAfterJobs, ctk.CTkToplevel):
    """customtkinter's window, whose delayed set-up (title bar, icon, minimum size) stops with it."""


def dangling_after_jobs(widget: tkinter.Misc) -> list[str]:
    """Scheduled ``after`` scripts whose command no longer exists (a destroyed widget's callback): for tests."""
    tk = widget.tk
    found = []
    for job in tk.splitlist(tk.call("after", "info")):
        try:
            script = tk.splitlist(tk.call("after", "info", job))[0]
        except tkinter.TclError:  # it ran or was cancelled between the two calls
            continue
        words = tk.splitlist(script)
        if words and not tk.call("info", "commands", words[0]):
            found.append(f"{job}: {script}")
    return found
