"""Start the window: ``run(path, lang)`` is what ``kaizen-check`` (no arguments, or ``open FILE``) calls."""

from __future__ import annotations

import contextlib
import os
import tkinter
from pathlib import Path

import customtkinter as ctk

from app import resources, service
from app.domain.errors import Problem, UserError
from app.gui import canvas_calls, settled, style, window
from app.gui import prefs as prefs_module
from app.gui.controller import Wizard

CLOSE_WHEN_READY = "KAIZEN_CLOSE_WHEN_READY"
"""Environment variable: with ``1`` the window closes as soon as Home is drawn (for start-up benchmarks)."""
READY_FILE = "KAIZEN_READY_FILE"
"""Environment variable, with :data:`CLOSE_WHEN_READY`: a file the moment Home was drawn is written to (seconds
since the epoch), so that a benchmark times the start-up without the exit (benchmarks/bundle.py)."""


class Root(ctk.CTk):
    """The app's CTk window: a change of text size leaves the window's size and maximised state alone.

    customtkinter answers every scaling change, text size (widget scaling) included, by pinning the window to the
    size it last recorded (``minsize``, ``maxsize`` and ``geometry`` all set to it, released a second later). The
    window's size in screen pixels does not depend on the text size; pinned, a maximised window is taken out of
    its maximised frame by the window manager (openbox: moved by its border, 1 px past the screen's right
    edge and onto the taskbar). Only a change of the window scaling (another monitor's DPI) resizes it.
    """

    def _set_scaling(self, new_widget_scaling: float, new_window_scaling: float) -> None:
        if new_window_scaling == self._get_window_scaling():
            # the scaled widgets follow; the window keeps the size the window manager gave it
            super(ctk.CTk, self)._set_scaling(new_widget_scaling, new_window_scaling)
        else:
            super()._set_scaling(new_widget_scaling, new_window_scaling)


def create_root() -> ctk.CTk:
    """The one CTk root of the app's life, with the icon and the Japanese UI font set."""
    ctk.set_appearance_mode("light")  # a projector in a bright meeting room; also what prints
    canvas_calls.install()  # the same drawing with fewer calls into Tk
    settled.quiet_scrollbars()  # scroll bars lay nothing out while Home is built
    root = Root()
    _own_configure_only(root)
    style.setup(root)
    icon = resources.asset_path("icon.png")
    if icon.is_file():
        try:
            photo = tkinter.PhotoImage(master=root, file=str(icon))
            root.iconphoto(True, photo)
            root._kaizen_icon = photo  # keep a reference: Tk drops unreferenced images
        except tkinter.TclError:
            pass  # an icon is nice to have, never a reason not to start
    window.place(root)  # maximised, or the work area: never under the taskbar
    return root


def _own_configure_only(root: ctk.CTk) -> None:
    """customtkinter follows the window's size with a ``<Configure>`` binding on the root, which Tk also runs for
    every widget inside it (the root is in each one's binding tags): hundreds of calls into Python, each asking
    Tk for the window's size twice, while Home is laid out. The same callback now runs for the root's own
    events only, filtered in Tcl before Python is called."""

    def follow() -> None:
        root._update_dimensions_event()  # looked up at each call, as Tk's binding of a method would

    command = root.register(follow)
    root.tk.call("bind", root._w, "<Configure>", f'if {{"%W" eq "{root._w}"}} {{{command}}}')


def build(root: ctk.CTk, path: Path | None = None, lang: str | None = None,
          settings: prefs_module.Prefs | None = None) -> Wizard:
    """The wizard inside ``root``; opens ``path`` when given."""
    settings = settings or prefs_module.load()
    if lang is not None:
        settings.lang = lang
    style.set_scale(settings.scale)
    wiz = Wizard(root, service.get_questionnaire("standard"), settings)
    if path is not None:
        wiz.doc.open_path(Path(path), confirmed=True)
    else:  # the cursor waits in 部署名 as the window appears (after its first drawing, which it does not delay)
        root.after_idle(wiz.home.focus_start)
    return wiz


def run(path: Path | None, lang: str) -> int:
    """Open the window (and ``path``), run until it is closed; returns the exit code."""
    try:
        root = create_root()
    except tkinter.TclError as exc:  # no screen, or one Tk cannot use: said in the user's words, exit 2
        raise UserError(Problem("U001", {"detail": str(exc)})) from None
    try:
        build(root, path, lang if lang != "ja" else None)
    except UserError as exc:
        import sys

        sys.stderr.write(exc.render(lang) + "\n")
        root.destroy()
        return 2
    if os.environ.get(CLOSE_WHEN_READY) == "1":
        # benchmarks/bundle.py: the packaged program timed to a drawn, idle Home, as its hello world is timed
        root.update()
        root.update_idletasks()
        ready_file = os.environ.get(READY_FILE)
        if ready_file:
            service.mark_ready(Path(ready_file))
    else:
        root.mainloop()
    with contextlib.suppress(tkinter.TclError):  # already gone
        root.destroy()
    return 0
