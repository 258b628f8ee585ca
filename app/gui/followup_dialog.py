"""The follow-up window (振り返り): per action its status, date done, hours saved and the success-story texts.

Self-contained: the wizard calls :func:`open_followup_dialog` with its questionnaire and assessment and
gets ``on_done(changed)`` when the window closes. Every record goes through
:func:`app.domain.plan.record_follow_up`, so the history is kept in the file; nothing is held in widgets.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
import tkinter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import customtkinter as ctk

from app import service
from app.domain.action_fields import FOLLOW_UP_ITEMS
from app.domain.assessment import Action, Assessment
from app.domain.errors import StorageError, UserError
from app.domain.plan import action_names, record_follow_up
from app.domain.questionnaire import Questionnaire
from app.domain.values import validate
from app.domain.vocabulary import ACTION_STATUSES, status_label
from app.gui import dialogs, keys, style
from app.gui.after_jobs import TextBox, Toplevel
from app.gui.flat_frame import WrappedLabel
from app.gui.strings import ui
from app.gui.widgets import tool_window_header
from app.gui.worker import run_in_thread

STORY_FIELDS = ("before", "after", "comment", "tips")


class FollowUpDialog(Toplevel):
    """Actions on the left; the selected action's follow-up form on the right."""

    def __init__(self, master: tkinter.Misc, q: Questionnaire, a: Assessment,
                 on_done: Callable[[bool], None] | None = None, *, lang: str = "ja",
                 today: dt.date | None = None) -> None:
        super().__init__(master)
        self.q, self.a, self.lang = q, a, lang
        self.on_done = on_done
        self.today = today or dt.date.today()
        self.changed = False
        self.busy = False  # a story sheet is being written
        self.story_path: Path | None = None  # the last story sheet written
        self.current: Action | None = None
        self._shown: tuple[Any, ...] | None = None  # the form's values as last shown or recorded
        self.transient(master.winfo_toplevel())  # stays above the wizard it belongs to
        self.protocol("WM_DELETE_WINDOW", self.close)
        tool_window_header(self, lang, "fu_title", "fu_intro", size=(980, 640), wrap=900)
        body = ctk.CTkFrame(self, fg_color="transparent")
        body.pack(fill="both", expand=True, padx=12)
        self.list = ctk.CTkScrollableFrame(body, width=330)
        self.list.pack(side="left", fill="y", padx=(0, 8))
        self.form = ctk.CTkScrollableFrame(body)
        self.form.pack(side="left", fill="both", expand=True)
        self.status_line = ctk.CTkLabel(self, text="", font=style.font(), text_color=style.DONE)
        self.status_line.pack(anchor="w", padx=16)
        ctk.CTkButton(self, text=ui("close", lang), command=self.close, font=style.font()).pack(
            anchor="e", padx=16, pady=10)
        self.buttons: dict[str, ctk.CTkLabel] = {}
        self._build_list()
        if a.actions:
            self.select(a.actions[0].id)
        else:
            ctk.CTkLabel(self.form, text=ui("fu_none", lang), font=style.font()).pack(anchor="w", pady=20)

    def _label(self, action: Action, sep: str = " — ") -> str:
        measure, task = action_names(self.q, self.a, action, self.lang)
        return f"{action.id}  {measure}{sep}{task}"

    def _build_list(self) -> None:
        for child in self.list.winfo_children():
            child.destroy()
        for action in self.a.actions:
            status = status_label(action.status, self.lang)
            # two left-aligned lines (status and measure, then the task): a long task name is never cut off
            item = ctk.CTkLabel(self.list, text=f"[{status}] {self._label(action, chr(10))}", anchor="w",
                                justify="left", font=style.font(13), corner_radius=6, fg_color="transparent",
                                cursor="hand2")
            item.pack(fill="x", pady=1, ipadx=4, ipady=2)
            item.bind("<Button-1>", lambda _e, i=action.id: self.select(i))
            self.buttons[action.id] = item
        keys.item_list(list(self.buttons.values()), self._choose_row)

    def _choose_row(self, n: int) -> Any:
        """Row ``n`` of the list chosen from the keyboard: the row to focus now (the list may be rebuilt)."""
        ids = list(self.buttons)
        self.select(ids[n])
        return self.buttons.get(self.current.id) if self.current is not None else None

    def select(self, action_id: str) -> None:
        """Show the form of one action (rebuilt from the model); what was typed for the one shown is recorded
        first, and when it does not fit, that action stays shown with the message."""
        if self.current is not None and self.current.id != action_id and not self.keep_typed():
            return
        self.current = self.a.action(action_id)
        for other, button in self.buttons.items():
            button.configure(fg_color="#d6e6f5" if other == action_id else "transparent")
        if action_id in self.buttons:  # the chosen row is the list's Tab stop
            keys.item_current(list(self.buttons.values()), list(self.buttons).index(action_id))
        for child in self.form.winfo_children():
            child.destroy()
        x, lang, f = self.current, self.lang, style.font()
        WrappedLabel(self.form, text=self._label(x), font=style.font(weight="bold"), wraplength=560,
                     justify="left").pack(anchor="w", pady=(4, 8))
        row = ctk.CTkFrame(self.form, fg_color="transparent")
        row.pack(fill="x")
        ctk.CTkLabel(row, text=ui("fu_status", lang), font=f).grid(row=0, column=0, sticky="w", padx=(0, 8))
        labels = [status_label(s, lang) for s in ACTION_STATUSES]
        self.status = ctk.CTkOptionMenu(row, values=labels, font=f)
        self.status.set(status_label(x.status, lang))
        self.status.grid(row=0, column=1, sticky="w")
        label = FOLLOW_UP_ITEMS["date"].label.get(lang)
        ctk.CTkLabel(row, text=label, font=f).grid(row=1, column=0, sticky="w", padx=(0, 8), pady=4)
        self.date = ctk.CTkEntry(row, width=160, font=f)
        self.date.insert(0, x.done_date or self.today.isoformat())
        self.date.grid(row=1, column=1, sticky="w")
        label = FOLLOW_UP_ITEMS["realised_hours"].label.get(lang)
        ctk.CTkLabel(row, text=label, font=f).grid(row=2, column=0, sticky="w", padx=(0, 8))
        self.hours = ctk.CTkEntry(row, width=160, font=f)
        if x.realised_hours is not None:
            self.hours.insert(0, f"{x.realised_hours:g}")
        self.hours.grid(row=2, column=1, sticky="w")
        ctk.CTkLabel(row, text=ui("fu_note", lang), font=f).grid(row=3, column=0, sticky="w", padx=(0, 8), pady=4)
        self.note = ctk.CTkEntry(row, width=260, font=f)
        self.note.grid(row=3, column=1, sticky="w")
        ctk.CTkLabel(self.form, text=ui("fu_story", lang), font=style.font(weight="bold")).pack(anchor="w",
                                                                                               pady=(12, 2))
        self.texts: dict[str, TextBox] = {}
        for name in STORY_FIELDS:
            ctk.CTkLabel(self.form, text=ui(f"fu_{name}", lang), font=f).pack(anchor="w")
            box = TextBox(self.form, height=56, font=f, wrap="char")
            box.insert("1.0", getattr(x, name))
            box.pack(fill="x", pady=(0, 4))
            self.texts[name] = box
        self.shareable = tkinter.IntVar(self.form, 1 if x.shareable else 0)
        ctk.CTkCheckBox(self.form, text=ui("fu_shareable", lang), variable=self.shareable, font=f).pack(
            anchor="w", pady=(4, 0))
        ctk.CTkLabel(self.form, text=ui("fu_shareable_hint", lang), font=style.font(12), text_color=style.MUTED,
                     wraplength=560, justify="left").pack(anchor="w", padx=(28, 0))
        if x.history:
            items = " / ".join(f"{h.date} {status_label(h.status, lang)}" for h in x.history)
            ctk.CTkLabel(self.form, text=ui("fu_history", lang, items=items), font=f, text_color=style.MUTED,
                         wraplength=560, justify="left").pack(anchor="w", pady=4)
        buttons = ctk.CTkFrame(self.form, fg_color="transparent")
        buttons.pack(fill="x", pady=8)
        ctk.CTkButton(buttons, text=ui("fu_record", lang), command=self.record, font=f).pack(side="left")
        self.story_button = ctk.CTkButton(buttons, text=ui("fu_make_story", lang), command=self.make_story, font=f,
                                          state="normal" if x.status == "done" else "disabled")
        self.story_button.pack(side="left", padx=8)
        self._shown = self._form_values()

    def _form_values(self) -> tuple[Any, ...]:
        return (self.status.get(), self.date.get(), self.hours.get(), self.note.get(),
                tuple(box.get("1.0", "end") for box in self.texts.values()), self.shareable.get())

    def keep_typed(self) -> bool:
        """Record the shown action's form when it was changed and not recorded yet (choosing another action or
        closing the window dropped it: a result typed at the meeting was lost without a word); False when what
        was typed does not fit, with its message, so that it can be corrected."""
        if self.current is None or self._shown is None or self._form_values() == self._shown:
            return True
        return self.record()

    def record(self) -> bool:
        """Write the form into the action (a new history entry); False when a value does not fit."""
        if self.current is None:
            return False
        x, lang = self.current, self.lang
        status = ACTION_STATUSES[[status_label(s, lang) for s in ACTION_STATUSES].index(self.status.get())]
        typed_date, raw = self.date.get().strip(), self.hours.get().strip()
        day_text, bad_day = validate(FOLLOW_UP_ITEMS["date"], typed_date, lang)
        typed_hours, bad_hours = validate(FOLLOW_UP_ITEMS["realised_hours"], raw, lang)
        for problem in (bad_day, bad_hours):
            if problem is not None:
                dialogs.error(self, problem.message(lang), lang)
                return False
        day = dt.date.fromisoformat(str(day_text)) if day_text else self.today
        hours = None if typed_hours is None else float(str(typed_hours))
        # the date field shows the date done, so a done record states it (a correction replaces the first)
        try:
            record_follow_up(x, status, day, hours, self.note.get().strip(), done_on=day if status == "done" else None,
                             today=self.today)
        except UserError as exc:  # a 完了日 after today (A030)
            dialogs.error(self, exc.problems[0].message(lang), lang)
            return False
        for name, box in self.texts.items():
            setattr(x, name, box.get("1.0", "end").strip())
        x.shareable = bool(self.shareable.get())
        self.changed = True
        self._build_list()
        self.select(x.id)
        self.status_line.configure(text=ui("fu_recorded", lang, action=self._label(x)))
        return True

    def make_story(self, path: Path | None = None) -> threading.Thread | None:
        """Record the form, then write the success-story PDF of the selected (done) action in a worker thread.

        Returns the worker (None when nothing is written); :attr:`busy` is True until it is done and
        :attr:`story_path` then names the file.
        """
        if self.busy or self.current is None or not self.record() or self.current.status != "done":
            return None
        target = path or dialogs.ask_save_path(self, Path.home() / f"kaizen_story_{self.current.id}.pdf", pdf=True,
                                               lang=self.lang)
        if target is None:
            return None
        return self._write_story(self.current.id, target)

    def _write_story(self, action_id: str, target: Path) -> threading.Thread:
        # the worker gets its own copy: the form may be edited while the PDF is written
        q, a, lang = self.q, copy.deepcopy(self.a), self.lang
        self.busy = True
        self.story_path = None
        self.story_button.configure(state="disabled")
        self.status_line.configure(text=ui("fu_writing", lang))
        return run_in_thread(self, lambda: service.write_story(q, a, action_id, target, lang=lang),
                             lambda result, error: self._story_done(action_id, target, result, error))

    def _story_done(self, action_id: str, target: Path, result: object, error: BaseException | None) -> None:
        self.busy = False
        if not self.winfo_exists():
            return  # closed meanwhile: the file is written (or not) all the same; nothing to show
        if self.current is not None and self.current.id == action_id and self.current.status == "done":
            self.story_button.configure(state="normal")
        if error is None:
            self.story_path = Path(str(result))
            self.status_line.configure(text=ui("fu_story_done", self.lang, path=self.story_path))
            return
        self.status_line.configure(text="")
        if isinstance(error, StorageError) and error.code == "S004":
            # the PDF is open in a viewer (Windows locks it): offer a free name next to it
            message = error.problems[0].message(self.lang) + "\n" + ui("out_locked_retry", self.lang)
            if dialogs.yes_no(self, message, self.lang):
                other = dialogs.ask_save_path(self, service.free_name(target), pdf=True, lang=self.lang)
                if other is not None:
                    self._write_story(action_id, other)
            return
        if isinstance(error, UserError):
            dialogs.show_error(self, error, self.lang)
            return
        from app.logs import log_exception

        try:
            raise error
        except BaseException:
            where = log_exception("story worker")
        dialogs.error(self, ui("internal_error", self.lang, path=where), self.lang)

    def close(self) -> None:
        """Record what was typed, close and tell the wizard whether anything changed (it saves and refreshes).

        When what was typed does not fit, its message comes first, then the question whether to close without
        recording it."""
        if not self.keep_typed() and not dialogs.yes_no(self, ui("fu_close_unrecorded", self.lang), self.lang):
            return
        callback, changed = self.on_done, self.changed
        self.destroy()
        if callback is not None:
            callback(changed)


def open_followup_dialog(master: tkinter.Misc, questionnaire: Questionnaire, assessment: Assessment,
                         on_done: Callable[[bool], None] | None = None, lang: str = "ja", *,
                         today: dt.date | None = None) -> FollowUpDialog:
    """Open the follow-up window over ``master``; ``on_done(changed)`` is called when it closes."""
    return FollowUpDialog(master, questionnaire, assessment, on_done, lang=lang, today=today)
