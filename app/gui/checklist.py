"""A small check list for a select-multiple grid cell (接点, 繁忙期): tick the values, OK writes them, Esc cancels."""

from __future__ import annotations

import tkinter
from collections.abc import Callable
from typing import Any

import customtkinter as ctk

from app.domain.questionnaire import Item
from app.gui import keys, style
from app.gui.after_jobs import Toplevel
from app.gui.pages import grid_cells
from app.gui.strings import ui

COLUMNS_FROM = 7  # more choices than this are laid out in three columns (twelve months)


class CheckListPopup(Toplevel):
    """Opened next to the cell; ``on_done`` gets the ticked labels in the list's order."""

    def __init__(self, parent: tkinter.Misc, title: str, labels: list[str], chosen: set[str],
                 on_done: Callable[[list[str]], None], *, lang: str, at: tuple[int, int]) -> None:
        super().__init__(parent)
        self.title(title)
        self.transient(parent.winfo_toplevel())
        self.resizable(False, False)
        self._labels = labels
        self._on_done = on_done
        self.vars: list[tkinter.IntVar] = []
        box = ctk.CTkFrame(self, fg_color="transparent")
        box.pack(padx=14, pady=(12, 6))
        columns = 3 if len(labels) > COLUMNS_FROM else 1
        self.checks: list[ctk.CTkCheckBox] = []
        for n, label in enumerate(labels):
            var = tkinter.IntVar(self, 1 if label in chosen else 0)
            check = ctk.CTkCheckBox(box, text=label, variable=var, font=style.font())
            check.grid(row=n // columns, column=n % columns, sticky="w", padx=6, pady=3)
            self.vars.append(var)
            self.checks.append(check)
        row = ctk.CTkFrame(self, fg_color="transparent")
        row.pack(padx=12, pady=(4, 12), anchor="e")
        self.ok = ctk.CTkButton(row, text=ui("btn_ok", lang), width=90, font=style.font(), command=self.confirm)
        self.ok.pack(side="left", padx=4)
        ctk.CTkButton(row, text=ui("btn_cancel", lang), width=90, font=style.font(), fg_color="gray55",
                      command=self.destroy).pack(side="left", padx=4)
        self.protocol("WM_DELETE_WINDOW", self.destroy)
        self.geometry(f"+{max(0, at[0])}+{max(0, at[1])}")  # by the cell, not in a corner of the screen
        self.after(30, self._take_focus)

    def _take_focus(self) -> None:
        try:
            self.lift()
            self.focus_force()
            keys.prepare(self)
            if self.checks:
                keys.focus(self.checks[0])
        except tkinter.TclError:
            return  # closed already

    def ticked(self) -> list[str]:
        """The ticked labels, in the list's order."""
        return [label for label, var in zip(self._labels, self.vars, strict=True) if var.get()]

    def confirm(self) -> None:
        """Write the ticked values and close."""
        chosen = self.ticked()
        self.destroy()
        self._on_done(chosen)


def open_for_cell(sheet: Any, r: int, displayed_column: int, item: Item, *, value: object,
                  on_text: Callable[[str], None], lang: str) -> CheckListPopup:
    """The check list of a tksheet cell, just under it; ``on_text`` gets the cell text (「窓口、電話」)."""
    values = value if isinstance(value, list) else []
    chosen = {grid_cells.display_choice(item, v, lang) for v in values}
    mt = sheet.MT
    sheet.see(r, displayed_column)
    x = mt.winfo_rootx() + int(mt.col_positions[displayed_column] - mt.canvasx(0))
    y = mt.winfo_rooty() + int(mt.row_positions[r + 1] - mt.canvasy(0))
    return CheckListPopup(sheet, item.label.get(lang), grid_cells.labels(item, lang), chosen,
                          lambda labels: on_text(grid_cells.joined(labels, lang)), lang=lang, at=(x, y))
