"""The questionnaire window's team box: the improvement team's name and contact, in Japanese and English.

Both are text settings (``settings.central_team_name``, ``settings.central_team_contact``: ``text: {ja, en}``)
and print on the plan beside the proposals. Each field is checked as you type by the same rules as the
workbook's 設定 sheet (値 and 値（英）); a contact the questionnaire does not have yet becomes one edit that
adds the setting, and an English contact without the Japanese one is refused (Japanese first).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import customtkinter as ctk

from app.gui import style
from app.gui.flat_frame import WrappedLabel
from app.gui.qtune_strings import QT
from app.service import qbook

TEAM_SETTINGS = ("central_team_name", "central_team_contact")
SHEET = "設定"
ERROR_BORDER, NORMAL_BORDER = "#c62828", ("#979da2", "#565b5e")
# make_entry(parent, sheet, row, column, width) → an entry checked by the window as a workbook cell
EntryMaker = Callable[[Any, str, Any, Any, int], ctk.CTkEntry]


class TeamBox(ctk.CTkFrame):
    """Name and contact of the improvement team, each in Japanese and English."""

    def __init__(self, parent: Any, spec: Any, *, lang: str, make_entry: EntryMaker,
                 column: Callable[[str, str, str], Any], changed: Callable[[], None]) -> None:
        super().__init__(parent)
        self.lang = lang
        self.changed = changed
        self.added: Any = None  # the edit that adds the contact setting (a questionnaire without one)
        self.problem = ""
        self.contact: ctk.CTkEntry | None = None
        self.contact_en: ctk.CTkEntry | None = None
        ctk.CTkLabel(self, text=QT("qt_team_title", lang), font=style.font(13, "bold"), anchor="w").grid(
            row=0, column=0, columnspan=3, sticky="w", padx=8, pady=(6, 2))
        for c, key in enumerate(("qt_team_ja", "qt_team_en"), 1):
            ctk.CTkLabel(self, text=QT(key, lang), font=style.font(12), text_color=style.MUTED, anchor="w").grid(
                row=1, column=c, sticky="w", padx=4)
        rows = {r.key: r for r in spec.rows}
        for r, sid in enumerate(TEAM_SETTINGS, 2):
            row = rows.get(sid)
            label = self._label(row, sid)
            WrappedLabel(self, text=label, font=style.font(13), anchor="w", wraplength=280, justify="left").grid(
                row=r, column=0, sticky="w", padx=8, pady=2)
            if row is not None and not row.absent:
                make_entry(self, SHEET, row, column(SHEET, "value", ""), 340).grid(row=r, column=1, padx=4, pady=2)
                make_entry(self, SHEET, row, column(SHEET, "text", "en"), 300).grid(row=r, column=2, padx=4, pady=2)
            else:  # not in the file yet: typing adds the setting
                self.contact = self._plain(r, 1, 340)
                self.contact_en = self._plain(r, 2, 300)
        ctk.CTkLabel(self, text=QT("qt_team_hint", lang), font=style.font(12), text_color=style.MUTED,
                     anchor="w").grid(row=len(TEAM_SETTINGS) + 2, column=0, columnspan=3, sticky="w", padx=8,
                                      pady=(0, 6))

    def _label(self, row: Any, sid: str) -> str:
        if row is None or row.absent:
            return qbook.CONTACT_LABEL["en" if self.lang == "en" else "ja"]
        return str(row.values.get("label.en" if self.lang == "en" else "label.ja") or row.values.get("label.ja"))

    def _plain(self, r: int, c: int, width: int) -> ctk.CTkEntry:
        entry = ctk.CTkEntry(self, width=width, font=style.font(13))
        entry.grid(row=r, column=c, padx=4, pady=2)
        entry.bind("<KeyRelease>", lambda _e: self.contact_typed(), add=True)
        entry.bind("<FocusOut>", lambda _e: self.contact_typed(), add=True)
        return entry

    def contact_typed(self) -> None:
        """The contact typed where the questionnaire has none yet: one edit adds the setting with both texts."""
        assert self.contact is not None and self.contact_en is not None
        ja, en = self.contact.get().strip(), self.contact_en.get().strip()
        self.added = qbook.added_contact(ja, en) if ja else None
        self.problem = QT("qt_err_contact_ja", self.lang) if en and not ja else ""
        self.contact.configure(border_color=ERROR_BORDER if self.problem else NORMAL_BORDER)
        self.changed()

    def edits(self) -> list[Any]:
        """The edit that adds the contact, when one was typed."""
        return [self.added] if self.added is not None else []

    def problems(self) -> list[str]:
        """What blocks saving here (an English contact without the Japanese one)."""
        return [self.problem] if self.problem else []

    def reset(self) -> None:
        """After a save: the added contact is now part of the base."""
        self.added = None
        self.problem = ""
