"""Wrap labels in the room they really have: a fixed ``wraplength`` is scaled with the text size, so at 150 % and
in meeting mode (175 %) a line meant for the page ran past its edge and was cut off.

The room of a container is measured from its left edge to the right edge of what shows it: the scrolling area it
lives in (a ``CTkScrollableFrame``'s canvas), else its window. Neither edge moves when a line is wrapped
narrower or wider, so wrapping cannot feed back into the room (a frame in a scrolling area grows with its
widest line: its own width would). :func:`on_width` tells a callback that room in unscaled pixels (as
customtkinter's ``wraplength`` is given) when the container is laid out or moved, when the area is resized, and
through :func:`refit`, called after a text-size change, when the same pixels mean another unscaled width.
:func:`follow_width` wraps one label at that room less a margin, at most its design width: at 100 % nothing
changes. :func:`flow` puts a toolbar's second group on a row of its own when one row does not fit.
"""

from __future__ import annotations

import tkinter
import weakref
from collections.abc import Callable
from typing import Any

import customtkinter as ctk

from app.gui import style

_CALLBACKS = "_kaizen_room_callbacks"
_CONTAINERS = "_kaizen_room_containers"
_containers: weakref.WeakSet[Any] = weakref.WeakSet()


def on_width(container: Any, callback: Callable[[int], None]) -> None:
    """Call ``callback(room)`` with the unscaled width from ``container``'s left edge to the right edge of its
    scrolling area or window: now (if laid out), whenever either changes and after a text-size change."""
    callbacks: list[Callable[[int], None]] | None = container.__dict__.get(_CALLBACKS)
    if callbacks is None:
        callbacks = container.__dict__[_CALLBACKS] = []
        container.bind("<Configure>", lambda _event: _tell(container), add=True)
        area = _area(container)
        followers: weakref.WeakSet[Any] | None = area.__dict__.get(_CONTAINERS)
        if followers is None:
            followers = area.__dict__[_CONTAINERS] = weakref.WeakSet()
            area.bind("<Configure>", lambda _event: _tell_all(area), add=True)
        followers.add(container)
        _containers.add(container)
    callbacks.append(callback)
    room = _room(container)
    if room is not None:  # already laid out: tell now, a later change tells again
        callback(room)


def follow_width(container: Any, label: Any, margin: int, cap: int | None = None, minimum: int = 160) -> None:
    """Wrap ``label`` at ``container``'s room less ``margin``, between ``minimum`` and ``cap`` (the label's
    own ``wraplength`` when not given), all unscaled pixels."""
    top = int(label.cget("wraplength")) if cap is None else cap

    def fit(room: int) -> None:
        if not label.winfo_exists():
            return
        wanted = max(minimum, min(top, room - margin))
        if label.cget("wraplength") != wanted:
            label.configure(wraplength=wanted)

    on_width(container, fit)


def flow(container: Any, groups: list[list[tuple[Any, tuple[int, int]]]]) -> None:
    """Grid ``groups`` of widgets (each with its unscaled ``padx``) in one row of ``container`` when they fit
    its room, else each group in a row of its own (a toolbar at 150 % ran past the window's edge). The
    widgets come gridded in one row, in order, with those ``padx``."""
    state = {"one_row": True}

    def lay_out(room: int) -> None:
        needed = sum(unscaled(w.winfo_reqwidth()) + padx[0] + padx[1] for group in groups for w, padx in group)
        one_row = needed <= room
        if one_row == state["one_row"]:
            return
        state["one_row"] = one_row
        column = 0
        for row, group in enumerate(groups):
            if not one_row:
                column = 0
            for widget, padx in group:
                # a group's gap before it is kept on a shared row, not at the start of a row of its own
                pad = padx if one_row or column else (0, padx[1])
                widget.grid(row=0 if one_row else row, column=column, padx=pad, sticky="w", pady=0 if one_row else 2)
                column += 1

    on_width(container, lay_out)


def unscaled(pixels: int) -> int:
    """``pixels`` on screen in the unscaled pixels of the current text size."""
    return int(pixels / style.scale())


def _area(widget: Any) -> Any:
    """What shows ``widget``: the canvas of the scrolling frame it is in, else its window."""
    master = widget.master
    while master is not None:
        if isinstance(master, ctk.CTkScrollableFrame):
            return master._parent_canvas
        master = master.master
    return widget.winfo_toplevel()


def _right_padding(widget: Any, area: Any) -> int:
    """The pixels kept free right of ``widget`` up to ``area`` by its and its masters' ``padx``."""
    padding = 0
    while widget is not None and widget is not area:
        manager = widget.winfo_manager()
        if manager not in ("grid", "pack"):
            break  # the frame a scrolling canvas shows, a placed widget, the window
        info = widget.grid_info() if manager == "grid" else widget.pack_info()
        value = info.get("padx", 0)
        parts = value if isinstance(value, (tuple, list)) else str(value).split()
        padding += int(float(str(parts[-1]))) if parts else 0
        widget = widget.master
    return padding


def _room(container: Any) -> int | None:
    try:
        if not container.winfo_exists() or container.winfo_width() <= 1:
            return None
        area = _area(container)
        pixels = (area.winfo_rootx() + area.winfo_width() - container.winfo_rootx()
                  - _right_padding(container, area))
    except tkinter.TclError:
        return None
    return unscaled(pixels) if pixels > 1 else None


def _tell(container: Any) -> None:
    room = _room(container)
    if room is None:
        return
    for callback in container.__dict__.get(_CALLBACKS, ()):
        callback(room)


def _tell_all(area: Any) -> None:
    for container in list(area.__dict__.get(_CONTAINERS, ())):
        _tell(container)


def refit() -> None:
    """Tell every container's callbacks its room again at the current text size."""
    for container in list(_containers):
        _tell(container)
