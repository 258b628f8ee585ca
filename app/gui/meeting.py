"""会議モード (meeting mode): one switch for a shared screen — larger text, the step list and language menus folded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

import customtkinter as ctk

from app.gui import style
from app.gui.strings import ui

if TYPE_CHECKING:
    from app.gui.prefs import Prefs


class MeetingHost(Protocol):
    """The parts of the window meeting mode folds and rescales (the Wizard; a protocol keeps app.gui acyclic)."""

    lang: str
    prefs: Prefs
    side: Any
    lang_menu: Any
    scale_label: Any
    scale_menu: Any

    def apply_scale(self, percent: int) -> None:
        """Show every widget at ``percent`` text size."""


class MeetingSwitch(ctk.CTkSwitch):
    """The switch in the top bar; the text size chosen outside meeting mode comes back when it is turned off."""

    def __init__(self, parent: ctk.CTkFrame, wiz: MeetingHost) -> None:
        super().__init__(parent, text="", font=style.font(13), command=self._toggled)
        self.wiz = wiz
        self.on = False

    def retranslate(self) -> None:
        """The label in the current language."""
        self.configure(text=ui("meeting_mode", self.wiz.lang))

    def _toggled(self) -> None:
        self.set_meeting(bool(self.get()))

    def set_meeting(self, on: bool) -> None:
        """Turn meeting mode on or off (also from tests and the keyboard)."""
        wiz = self.wiz
        if on == self.on:
            return
        self.on = on
        if on:
            self.select()
        else:
            self.deselect()
        # after the rescale: customtkinter re-grids every widget at a new scaling (from its last grid call)
        wiz.apply_scale(style.MEETING_SCALE if on else wiz.prefs.scale)
        self.fold(on)
        self.after_idle(self.fold, on)

    def fold(self, on: bool) -> None:
        """Hide (or show again) the step list and the language and text-size menus."""
        wiz = self.wiz
        for widget in (wiz.side, wiz.lang_menu, wiz.scale_label, wiz.scale_menu):
            if on:
                widget.grid_remove()
            else:
                widget.grid()
