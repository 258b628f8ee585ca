"""Rows built after a page is shown: what the first screen holds is built before it is drawn, the rest here.

A page of questions, a list of results or a column of measure cards is taller than the window; building
all of it before the page appears made first visits slow. :class:`Deferred` keeps the rows still to build
and builds them one at a time once the window has drawn the page (an idle pass, then a timer, so that
events are handled between two rows). Whoever reads or checks the rows calls :meth:`Deferred.finish` first.
"""

from __future__ import annotations

import tkinter
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Deferred(Generic[T]):
    """Rows (anything ``build`` takes) waiting to be built on ``widget``; ``done`` runs after the last one."""

    def __init__(self, widget: tkinter.Misc, build: Callable[[T], object],
                 done: Callable[[], object] | None = None) -> None:
        self._widget = widget
        self._build = build
        self._done = done
        self.waiting: list[T] = []
        self._job: str | None = None

    def start(self) -> None:
        """Build the waiting rows once the widget is drawn (nothing when they already are being built)."""
        if self.waiting and self._job is None:
            self._job = self._widget.after_idle(self._soon)

    def _soon(self) -> None:
        # after the idle pass that draws the page: a timer, so that the window shows the first rows first
        self._job = self._widget.after(1, self._next)

    def _next(self) -> None:
        self._job = None
        if not self._widget.winfo_exists():
            self.waiting.clear()
            return
        if self.waiting:
            self._build(self.waiting.pop(0))
            if not self.waiting and self._done is not None:
                self._done()
        if self.waiting:
            self._job = self._widget.after(1, self._next)  # events are handled between two rows

    def pause(self) -> None:
        """Stop building (the rows keep waiting until :meth:`start` or :meth:`finish`)."""
        if self._job is not None:
            self._widget.after_cancel(self._job)
            self._job = None

    def cancel(self) -> None:
        """Stop building and forget the waiting rows."""
        self.pause()
        self.waiting.clear()

    def finish(self) -> None:
        """Build every waiting row now."""
        self.pause()
        if not self.waiting:
            return
        while self.waiting:
            self._build(self.waiting.pop(0))
        if self._done is not None:
            self._done()

    def running(self) -> bool:
        """Whether rows are being built (waiting rows of a paused page are not)."""
        return self._job is not None
