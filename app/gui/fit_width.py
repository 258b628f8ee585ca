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
_PADDING = "_kaizen_right_padding"
_SEEN = "_kaizen_room_seen"  # the last (x, width) Tk reported for a container or area
_TOLD = "_kaizen_room_told"  # the room last told to a container's callbacks
_containers: weakref.WeakSet[Any] = weakref.WeakSet()


def on_width(container: Any, callback: Callable[[int], bool | None]) -> None:
    """Call ``callback(room)`` with the unscaled width from ``container``'s left edge to the right edge of its
    scrolling area or window: now (if laid out), whenever it changes and after a text-size change (and
    :func:`refit`). A callback that returns False is not called again (what it fitted is gone)."""
    callbacks: list[Callable[[int], bool | None]] | None = container.__dict__.get(_CALLBACKS)
    if callbacks is None:
        callbacks = container.__dict__[_CALLBACKS] = []
        container.bind("<Configure>", lambda event: _moved(container, event), add=True)
        area = _area(container)
        followers: weakref.WeakSet[Any] | None = area.__dict__.get(_CONTAINERS)
        if followers is None:
            followers = area.__dict__[_CONTAINERS] = weakref.WeakSet()
            area.bind("<Configure>", lambda event: _area_moved(area, event), add=True)
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

    def fit(room: int) -> bool:
        if label.master.children.get(label._name) is not label:
            return False  # destroyed (a to-do row made again): forget it
        wanted = max(minimum, min(top, room - margin))
        if label.cget("wraplength") != wanted:
            label.configure(wraplength=wanted)
        return True

    on_width(container, fit)


def flow(container: Any, groups: list[list[tuple[Any, tuple[int, int]]]]) -> None:
    """Grid ``groups`` of widgets (each with its unscaled ``padx``) in one row of ``container`` when they fit
    its room, else each group in a row of its own (a toolbar at 150 % ran past the window's edge). The
    widgets come gridded in one row, in order, with those ``padx``.

    On rows of their own each group is laid out in a plain frame of its own (Tk's ``grid -in``: the widgets stay
    the container's children, so their Tab order does not change): in the container's columns a wide button of
    the second row widened the column of a narrow one above it, leaving a gap after it. The frames are Tk's, not
    customtkinter's, which grids its widgets again after a text-size change even when they were removed."""
    state = {"one_row": True}
    rows: list[tkinter.Frame] = []  # one frame per group, made when the groups first need rows of their own
    count = sum(len(group) for group in groups)

    def lay_out(room: int) -> None:
        needed = sum(unscaled(w.winfo_reqwidth()) + padx[0] + padx[1] for group in groups for w, padx in group)
        one_row = needed <= room
        if one_row == state["one_row"]:
            return
        state["one_row"] = one_row
        if not one_row and not rows:
            painted = getattr(container, "_canvas", container)  # what shows a customtkinter frame's colour
            for _ in groups:
                frame = tkinter.Frame(container, bg=painted.cget("bg"), bd=0, highlightthickness=0)
                tkinter.Misc.lower(frame)  # under the widgets it holds, which come before it in the stacking order
                rows.append(frame)
        column = 0
        for row, group in enumerate(groups):
            if one_row:
                rows[row].grid_remove()
            else:
                rows[row].grid(row=row, column=0, columnspan=count, sticky="w", pady=2)
                column = 0
            for widget, padx in group:
                # a group's gap before it is kept on a shared row, not at the start of a row of its own
                pad = padx if one_row or column else (0, padx[1])
                widget.grid(in_=container if one_row else rows[row], row=0, column=column, padx=pad, sticky="w",
                            pady=0)
                column += 1

    on_width(container, lay_out)


def unscaled(pixels: int) -> int:
    """``pixels`` on screen in the unscaled pixels of the current text size."""
    return int(pixels / style.scale())


def _area(widget: Any) -> Any:
    """What shows ``widget``: the canvas of the scrolling frame it is in, else the frame of its window it is in
    (not the window itself: a binding on a window runs for every widget in it)."""
    outermost = widget
    master = widget.master
    while master is not None:
        if isinstance(master, ctk.CTkScrollableFrame):
            return master._parent_canvas
        if isinstance(master, (tkinter.Tk, tkinter.Toplevel)):
            return outermost
        outermost, master = master, master.master
    return outermost


def _right_padding(widget: Any, area: Any) -> int:
    """The pixels kept free right of ``widget`` up to ``area`` by its and its masters' ``padx`` (asked once per
    text size: customtkinter grids its widgets again, with scaled padding, only when the size changes)."""
    cached = widget.__dict__.get(_PADDING)
    if cached is not None and cached[0] == style.scale():
        return int(cached[1])
    start, padding = widget, 0
    while widget is not None and widget is not area:
        manager = widget.winfo_manager()
        if manager not in ("grid", "pack"):
            break  # the frame a scrolling canvas shows, a placed widget, the window
        info = widget.grid_info() if manager == "grid" else widget.pack_info()
        value = info.get("padx", 0)
        parts = value if isinstance(value, (tuple, list)) else str(value).split()
        padding += int(float(str(parts[-1]))) if parts else 0
        widget = widget.master
    start.__dict__[_PADDING] = (style.scale(), padding)
    return padding


def _room(container: Any) -> int | None:
    try:
        if container.master.children.get(container._name) is not container or container.winfo_width() <= 1:
            return None  # destroyed, or not laid out yet
        area = _area(container)
        pixels = (area.winfo_rootx() + area.winfo_width() - container.winfo_rootx()
                  - _right_padding(container, area))
    except tkinter.TclError:
        return None
    return unscaled(pixels) if pixels > 1 else None


def _moved(container: Any, event: Any) -> None:
    # Tk reports every change of size; only a new left edge or width changes the room (a new height is the
    # wrapping itself)
    key = (event.x, event.width)
    if container.__dict__.get(_SEEN) != key:
        container.__dict__[_SEEN] = key
        _tell(container)


def _area_moved(area: Any, event: Any) -> None:
    key = (event.x, event.width)
    if area.__dict__.get(_SEEN) != key:
        area.__dict__[_SEEN] = key
        for container in list(area.__dict__.get(_CONTAINERS, ())):
            _tell(container)


def _tell(container: Any, again: bool = False) -> None:
    room = _room(container)
    if room is None or (room == container.__dict__.get(_TOLD) and not again):
        return
    container.__dict__[_TOLD] = room
    callbacks = container.__dict__.get(_CALLBACKS, [])
    container.__dict__[_CALLBACKS] = [callback for callback in callbacks if callback(room) is not False]


def refit() -> None:
    """Tell every container's callbacks its room again (after a change of text size or language: the
    same room may now fit another number of buttons)."""
    for container in list(_containers):
        _tell(container, again=True)
