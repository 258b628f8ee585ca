"""The action plan editor: lines proposed from the results, each with owner, dates, first step, KPI and status."""

from __future__ import annotations

import datetime as dt
import tkinter
from typing import TYPE_CHECKING, Any

import customtkinter as ctk
from tksheet import Sheet

from app import service
from app.domain.assessment import ACTION_STATUSES, Action
from app.domain.questionnaire import Step
from app.domain.values import parse_date, parse_number
from app.gui import style
from app.gui.dialogs import CalendarPopup
from app.gui.pages.base import StepPage
from app.gui.strings import ui

if TYPE_CHECKING:
    from app.gui.controller import Wizard

TEXT_FIELDS = ("owner", "deadline", "first_step", "kpi", "baseline", "target", "review_date", "support",
               "realised_hours")
DATE_FIELDS = ("deadline", "review_date")


class PlanPage(StepPage):
    """A list of lines above and the selected line's details below; every keystroke goes into the model."""

    def __init__(self, parent: tkinter.Misc, wiz: Wizard, step: Step) -> None:
        super().__init__(parent, wiz, step)
        self.selected: str | None = None
        self._quiet = False
        self._auto_proposed = False
        self.errors: dict[str, str] = {}
        bar = ctk.CTkFrame(self.body, fg_color="transparent")
        bar.grid(row=0, column=0, sticky="ew", pady=(0, 6))
        self.propose_button = ctk.CTkButton(bar, text="", font=style.font(13), command=self.propose)
        self.propose_button.grid(row=0, column=0)
        self.delete_button = ctk.CTkButton(bar, text="", font=style.font(13), fg_color="gray55", command=self.delete)
        self.delete_button.grid(row=0, column=1, padx=8)
        self.note = ctk.CTkLabel(bar, text="", font=style.font(13), text_color=style.MUTED)
        self.note.grid(row=0, column=2, padx=8)
        self.sheet = Sheet(self.body, headers=[""] * 5, data=[], show_top_left=False, font=style.tk_font(14),
                           header_font=style.tk_font(13, "bold"), index_font=style.tk_font(13), height=150,
                           table_wrap="", default_row_index_width=36)
        self.sheet.enable_bindings("single_select", "row_select", "arrowkeys", "column_width_resize")
        self.sheet.extra_bindings("all_select_events", self._selected)
        self.sheet.grid(row=1, column=0, sticky="nsew")
        self.detail = ctk.CTkFrame(self.body, corner_radius=8)
        self.detail.grid(row=2, column=0, sticky="nsew", pady=(8, 0))
        self.body.rowconfigure(1, weight=1)
        self.vars: dict[str, tkinter.StringVar] = {}
        self.labels: dict[str, ctk.CTkLabel] = {}
        self.entries: dict[str, ctk.CTkEntry] = {}
        self.error_labels: dict[str, ctk.CTkLabel] = {}
        self.detail.columnconfigure((1, 3, 5), weight=1)
        self.title_label = ctk.CTkLabel(self.detail, text="", font=style.font(15, "bold"), anchor="w")
        self.title_label.grid(row=0, column=0, columnspan=6, sticky="w", padx=12, pady=(8, 4))
        # three fields a row keeps the list above readable at 125 % on a 1366×768 screen
        layout = [("owner", "deadline", "review_date"), ("first_step",), ("kpi", "baseline", "target"),
                  ("support", "realised_hours", "status")]
        for r, names in enumerate(layout, start=1):
            for k, name in enumerate(names):
                col = 2 * k
                label = ctk.CTkLabel(self.detail, text="", font=style.font(13, "bold"), anchor="e")
                label.grid(row=2 * r - 1, column=col, sticky="e", padx=(12, 6), pady=(4, 0))
                self.labels[name] = label
                cell = ctk.CTkFrame(self.detail, fg_color="transparent")
                span = 5 if name == "first_step" else 1
                cell.grid(row=2 * r - 1, column=col + 1, columnspan=span, sticky="ew", padx=(0, 8), pady=(4, 0))
                cell.columnconfigure(0, weight=1)
                if name == "status":
                    self.status = ctk.CTkSegmentedButton(cell, values=[""], font=style.font(13),
                                                         command=lambda _v: self._status_changed())
                    self.status.grid(row=0, column=0, sticky="w")
                    continue
                var = tkinter.StringVar(self)
                entry = ctk.CTkEntry(cell, textvariable=var, font=style.font(), width=80)
                entry.grid(row=0, column=0, sticky="ew")
                if name in DATE_FIELDS:
                    ctk.CTkButton(cell, text="", width=40, font=style.font(12),
                                  command=lambda n=name: self._calendar(n)).grid(row=0, column=1, padx=(6, 0))
                var.trace_add("write", lambda *_a, n=name: self._changed(n))
                self.vars[name], self.entries[name] = var, entry
                err = ctk.CTkLabel(self.detail, text="", font=style.font(12), text_color=style.ERROR, anchor="w",
                                   height=14)
                err.grid(row=2 * r, column=col + 1, columnspan=span, sticky="w")
                self.error_labels[name] = err

    # --- texts ---------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        super().retranslate()
        lang = self.wiz.lang
        self.propose_button.configure(text=ui("plan_propose", lang))
        self.delete_button.configure(text=ui("plan_delete", lang))
        for name, label in self.labels.items():
            label.configure(text=ui("f_" + name, lang))
        self.status.configure(values=[ui("st_" + s, lang) for s in ACTION_STATUSES])
        for cell in {b.master for b in self.detail.winfo_children() for b in b.winfo_children()
                     if isinstance(b, ctk.CTkButton)}:
            for b in cell.winfo_children():
                if isinstance(b, ctk.CTkButton):
                    b.configure(text=ui("calendar_short", lang))
        self.sheet.headers([ui(k, lang) for k in ("col_measure", "col_task", "f_owner", "f_deadline", "f_status")])
        self._widths()

    def _widths(self) -> None:
        s = style.scale()
        self.sheet.set_column_widths([round(w * s) for w in (230, 330, 160, 120, 90)])

    def rescale(self) -> None:
        self.sheet.font(style.tk_font(14))
        self.sheet.header_font(style.tk_font(13, "bold"))
        self._widths()

    # --- list ----------------------------------------------------------------------------------------
    def row(self, x: Action) -> list[Any]:
        """One line of the list."""
        lang = self.wiz.lang
        try:
            measure = self.wiz.q.measure(x.measure_id).label.get(lang)
        except KeyError:
            measure = x.measure_id
        try:
            task = self.wiz.a.task(x.task_id).name
        except KeyError:
            task = x.task_id
        return [measure, task, x.owner, x.deadline, ui("st_" + x.status, lang)]

    def refresh(self) -> None:
        a = self.wiz.a
        if not a.actions and not self._auto_proposed:
            self._auto_proposed = True
            self.propose(quiet=True)
        self.sheet.set_sheet_data([self.row(x) for x in a.actions], reset_col_positions=False, redraw=False)
        self.sheet.readonly(self.sheet.span(":", header=False))
        self._widths()
        self.sheet.redraw()
        ids = [x.id for x in a.actions]
        if self.selected not in ids:
            self.selected = ids[0] if ids else None
        if self.selected:
            self.sheet.select_row(ids.index(self.selected), redraw=True)
        self.note.configure(text="" if ids else ui("plan_empty", self.wiz.lang))
        self.show_detail()

    def _selected(self, _event: Any) -> None:
        rows = self.sheet.get_selected_rows(get_cells_as_rows=True)
        if rows:
            r = min(rows)
            if r < len(self.wiz.a.actions) and self.wiz.a.actions[r].id != self.selected:
                self.select(r)

    def select(self, row: int) -> None:
        """Edit the line on ``row``."""
        self.selected = self.wiz.a.actions[row].id
        self.show_detail()

    def action(self) -> Action | None:
        """The line being edited."""
        try:
            return self.wiz.a.action(self.selected) if self.selected else None
        except KeyError:
            return None

    def show_detail(self) -> None:
        """Fill the detail fields from the selected line."""
        x = self.action()
        if x is None:
            self.detail.grid_remove()
            return
        self.detail.grid()
        self.title_label.configure(text="　".join(str(v) for v in self.row(x)[:2]))
        self._quiet = True
        for name, var in self.vars.items():
            value = getattr(x, name)
            var.set("" if value is None else (f"{value:g}" if isinstance(value, float) else str(value)))
            self.error_labels[name].configure(text="")
        self.status.set(ui("st_" + x.status, self.wiz.lang))
        self._quiet = False
        self.errors = {k: v for k, v in self.errors.items() if not k.startswith(x.id + ".")}

    # --- edits ---------------------------------------------------------------------------------------
    def _changed(self, name: str) -> None:
        x = self.action()
        if self._quiet or x is None:
            return
        text = self.vars[name].get().strip()
        key = f"{x.id}.{name}"
        message = ""
        if name in DATE_FIELDS:
            day = parse_date(text) if text else None
            if text and day is None:
                message = ui("bad_date", self.wiz.lang)
            else:
                setattr(x, name, day.isoformat() if day else "")
        elif name == "realised_hours":
            value = parse_number(text) if text else None
            if text and (value is None or value < 0):
                message = ui("bad_hours", self.wiz.lang)
            else:
                x.realised_hours = value
        else:
            setattr(x, name, self.vars[name].get())
        if message:
            self.errors[key] = message
        else:
            self.errors.pop(key, None)
        self.error_labels[name].configure(text=("⚠ " + message) if message else "")
        self._update_row(x)
        self.wiz.changed()

    def _status_changed(self) -> None:
        x = self.action()
        if self._quiet or x is None:
            return
        labels = {ui("st_" + s, self.wiz.lang): s for s in ACTION_STATUSES}
        x.status = labels.get(self.status.get(), x.status)
        self._update_row(x)
        self.wiz.changed()

    def set_status(self, status: str) -> None:
        """Pick a status as a click on the segmented button does."""
        self.status.set(ui("st_" + status, self.wiz.lang))
        self._status_changed()

    def _update_row(self, x: Action) -> None:
        r = next(n for n, a in enumerate(self.wiz.a.actions) if a.id == x.id)
        self.sheet.set_row_data(r, values=self.row(x), redraw=True)

    def _calendar(self, name: str) -> None:
        start = parse_date(self.vars[name].get()) or dt.date.today()
        CalendarPopup(self, start, lambda d: self.vars[name].set(d.isoformat()), self.wiz.lang)

    def propose(self, quiet: bool = False) -> None:
        """Add lines for the quick wins and local projects not yet in the plan."""
        added = service.propose_actions(self.wiz.q, self.wiz.a)
        if added:
            self.wiz.changed()
        if not quiet:
            self.refresh()
            self.note.configure(text=ui("plan_added", self.wiz.lang, count=added))

    def delete(self) -> None:
        """Remove the selected line."""
        x = self.action()
        if x is None:
            return
        self.wiz.a.actions = [a for a in self.wiz.a.actions if a.id != x.id]
        self.selected = None
        self.wiz.changed()
        self.refresh()

    def leave(self, forward: bool) -> bool:
        if forward and self.errors:
            first = next(iter(self.errors))
            aid = first.split(".", 1)[0]
            ids = [a.id for a in self.wiz.a.actions]
            message = self.errors[first]
            if aid in ids:
                if aid != self.selected:
                    self.select(ids.index(aid))
                self.error_labels[first.split(".", 1)[1]].configure(text="⚠ " + message)
            return False
        return True
