"""The questionnaire window (質問票の調整): settings and measures edited with live checks, a before/after
preview of the example department, own measures, and saving as the next version in the user's folder.

Every value is checked by the same rules as a cell of the questionnaire workbook
(:func:`app.service.qbook.check_value`), and the preview and the saved file come from the same edits
applied to the base YAML, so the window, the workbook import and the saved file never disagree.
"""

from __future__ import annotations

import tkinter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import customtkinter as ctk

from app import service
from app.domain.errors import UserError
from app.domain.questionnaire import Questionnaire
from app.gui import dialogs, formats, style, worker
from app.gui.after_jobs import Tabview, Toplevel
from app.gui.flat_frame import WrappedLabel
from app.gui.qtune_own import OwnMeasures
from app.gui.qtune_strings import QT
from app.gui.qtune_team import TEAM_SETTINGS, TeamBox
from app.service import qbook

SETTINGS_SHEET, MEASURES_SHEET = "設定", "改善策"
PREVIEW_DELAY_MS = 400
ERROR_BORDER, NORMAL_BORDER = "#c62828", ("#979da2", "#565b5e")


class QuestionnaireWindow(Toplevel):
    """Tabs for settings, measures and own measures; the preview and Save below."""

    def __init__(self, master: tkinter.Misc, lang: str = "ja", base: Questionnaire | None = None,
                 folder: Path | None = None) -> None:
        super().__init__(master)
        self.lang = lang
        self.folder = folder
        self.base = base or service.get_questionnaire("standard")
        self.edits: dict[tuple[str, object, str], Any] = {}  # (sheet, key, column id) → edit
        self.problems: dict[tuple[str, object, str], str] = {}
        self.entries: dict[tuple[str, object, str], Any] = {}
        self.saved: Any = None
        self._pending: str | None = None
        self._generation = 0  # which change the preview being worked out belongs to
        self.preview_busy = False
        self.after_totals: Any = None
        self.title(QT("qt_title", lang))
        self.geometry(style.window_size(self, 1100, 660))
        self.header = ctk.CTkLabel(self, text="", font=style.font(16, "bold"), anchor="w")
        self.header.pack(fill="x", padx=16, pady=(12, 4))
        self.tabs = Tabview(self, height=340)
        self.tabs.pack(fill="both", expand=True, padx=12)
        for key in ("qt_tab_settings", "qt_tab_measures", "qt_tab_own"):
            self.tabs.add(QT(key, lang))
        self._specs()
        self._settings_tab(self.tabs.tab(QT("qt_tab_settings", lang)))
        self._measures_tab(self.tabs.tab(QT("qt_tab_measures", lang)))
        self.own = OwnMeasures(self.tabs.tab(QT("qt_tab_own", lang)), self.base, lang, self.changed)
        self.own.pack(fill="both", expand=True)
        bottom = ctk.CTkFrame(self, fg_color="transparent")
        bottom.pack(fill="x", padx=16, pady=(6, 12))
        bottom.columnconfigure(0, weight=1)
        self.preview = ctk.CTkLabel(bottom, text="", font=style.font(13), anchor="w", justify="left")
        self.preview.grid(row=0, column=0, sticky="w")
        self.message = ctk.CTkLabel(bottom, text="", font=style.font(13), anchor="w", justify="left",
                                    wraplength=760)
        self.message.grid(row=1, column=0, sticky="w", pady=(4, 0))
        self.save_button = ctk.CTkButton(bottom, text=QT("qt_save", lang), height=36, font=style.font(14, "bold"),
                                         command=self.save)
        self.save_button.grid(row=0, column=1, sticky="e")
        self.pack_button = ctk.CTkButton(bottom, text=QT("qt_pack", lang), height=32, font=style.font(13),
                                         command=self.build_pack)
        self.pack_button.grid(row=1, column=1, sticky="e", pady=(4, 0))
        self._before = qbook.example_totals(self.base)
        self.refresh()

    # --- building ---------------------------------------------------------------------------------------------
    def _specs(self) -> None:
        self.specs = {s.name: s for s in qbook.editable_sheets(self.base)}

    def _column(self, sheet: str, field: str, part: str = "") -> Any:
        return next(c for c in self.specs[sheet].columns if c.field == field and c.part == part)

    def _entry(self, parent: Any, sheet: str, row: Any, column: Any, width: int) -> ctk.CTkEntry:
        entry = ctk.CTkEntry(parent, width=width, font=style.font(13))
        value = row.values.get(_col_id(column))
        if value is not None:
            entry.insert(0, str(value))
        entry.bind("<KeyRelease>", lambda _e: self.typed(sheet, row, column, entry.get()), add=True)
        entry.bind("<FocusOut>", lambda _e: self.typed(sheet, row, column, entry.get()), add=True)
        self.entries[(sheet, row.key, _col_id(column))] = entry
        return entry

    def _flag(self, parent: Any, sheet: str, row: Any, column: Any) -> ctk.CTkCheckBox:
        box = ctk.CTkCheckBox(parent, text="", width=24)
        if row.values.get(_col_id(column)) == "はい":
            box.select()
        box.configure(command=lambda: self.typed(sheet, row, column, "はい" if box.get() else "いいえ"))
        self.entries[(sheet, row.key, _col_id(column))] = box
        return box

    def _grid_header(self, frame: Any, keys: tuple[str, ...]) -> None:
        for c, key in enumerate(keys):
            ctk.CTkLabel(frame, text=QT(key, self.lang), font=style.font(13, "bold"), anchor="w").grid(
                row=0, column=c, sticky="w", padx=4, pady=(0, 4))

    def _settings_tab(self, tab: Any) -> None:
        frame = ctk.CTkScrollableFrame(tab, fg_color="transparent")
        frame.pack(fill="both", expand=True)
        self._grid_header(frame, ("qt_col_setting", "qt_col_value", "qt_col_unit", "qt_col_provisional",
                                  "qt_col_provenance"))
        sheet = SETTINGS_SHEET
        rows = [x for x in self.specs[sheet].rows if x.key != "bands" and x.key not in TEAM_SETTINGS]
        for r, row in enumerate(rows, 1):
            label = row.values.get("label.en" if self.lang == "en" else "label.ja") or row.values.get("label.ja")
            WrappedLabel(frame, text=str(label), font=style.font(13), anchor="w", wraplength=300,
                         justify="left").grid(row=r, column=0, sticky="w", padx=4, pady=2)
            self._entry(frame, sheet, row, self._column(sheet, "value"), 110).grid(row=r, column=1, padx=4)
            ctk.CTkLabel(frame, text=str(row.values.get("unit") or ""), font=style.font(12),
                         text_color=style.MUTED).grid(row=r, column=2, sticky="w", padx=4)
            self._flag(frame, sheet, row, self._column(sheet, "provisional")).grid(row=r, column=3, padx=4)
            self._entry(frame, sheet, row, self._column(sheet, "provenance", "ja"), 420).grid(
                row=r, column=4, sticky="ew", padx=4)
        self.team = TeamBox(frame, self.specs[sheet], lang=self.lang, make_entry=self._entry, column=self._column,
                            changed=self.changed)
        self.team.grid(row=len(rows) + 1, column=0, columnspan=5, sticky="ew", padx=4, pady=(12, 4))
        self.contact, self.contact_en = self.team.contact, self.team.contact_en  # set when the file has none

    def contact_typed(self) -> None:
        """The team's contact typed where the questionnaire has none yet (see :class:`TeamBox`)."""
        self.team.contact_typed()

    def _measures_tab(self, tab: Any) -> None:
        frame = ctk.CTkScrollableFrame(tab, fg_color="transparent")
        frame.pack(fill="both", expand=True)
        self._grid_header(frame, ("qt_col_use", "qt_col_measure", "qt_col_rate", "qt_col_provisional",
                                  "qt_col_first_step"))
        sheet = MEASURES_SHEET
        has_use = any(c.field == "enabled" for c in self.specs[sheet].columns)
        for r, row in enumerate(self.specs[sheet].rows, 1):
            if has_use:
                self._flag(frame, sheet, row, self._column(sheet, "enabled")).grid(row=r, column=0, padx=4)
            name = row.values.get("label.en" if self.lang == "en" else "label.ja") or row.key
            ctk.CTkLabel(frame, text=str(name), font=style.font(13), anchor="w").grid(row=r, column=1, sticky="w",
                                                                                     padx=4, pady=2)
            self._entry(frame, sheet, row, self._column(sheet, "reduction_rate"), 80).grid(row=r, column=2, padx=4)
            self._flag(frame, sheet, row, self._column(sheet, "provisional")).grid(row=r, column=3, padx=4)
            self._entry(frame, sheet, row, self._column(sheet, "first_step", "ja"), 460).grid(
                row=r, column=4, sticky="ew", padx=4)

    # --- model --------------------------------------------------------------------------------------------------
    def _blocked(self) -> bool:
        """Whether a value anywhere in the window is wrong (then there is no preview and no saving)."""
        return bool(self.problems or self.team.problems() or self.own.problems())

    def typed(self, sheet: str, row: Any, column: Any, raw: object) -> None:
        """A value changed: check it as a workbook cell, keep the edit or the problem, mark the field."""
        key = (sheet, row.key, _col_id(column))
        row = next((r for r in self.specs[sheet].rows if r.key == row.key), row)  # after a save: the new base
        edit, problem = qbook.check_value(self.base, self.specs[sheet], row, column, raw)
        self.edits.pop(key, None)
        self.problems.pop(key, None)
        if problem is not None:
            self.problems[key] = problem.message(self.lang)
        elif edit is not None:
            self.edits[key] = edit
        widget = self.entries.get(key)
        if isinstance(widget, ctk.CTkEntry):
            widget.configure(border_color=ERROR_BORDER if problem is not None else NORMAL_BORDER)
        self.changed()

    def set_value(self, sheet: str, key: object, field: str, value: object, part: str = "") -> None:
        """Type ``value`` into a field as a user would (the tests' and keyboard's way in)."""
        column = self._column(sheet, field, part)
        row = next(r for r in self.specs[sheet].rows if r.key == key)
        widget = self.entries[(sheet, key, _col_id(column))]
        if isinstance(widget, ctk.CTkEntry):
            widget.delete(0, "end")
            widget.insert(0, str(value))
            self.typed(sheet, row, column, widget.get())
        else:
            widget.select() if value == "はい" else widget.deselect()
            self.typed(sheet, row, column, value)

    def all_edits(self) -> list[Any]:
        """Every change: the typed values, then the own measures to add."""
        return [*self.edits.values(), *self.team.edits(), *self.own.edits()]

    def changed(self) -> None:
        """Something changed: messages now, the preview a moment later (typing stays fluid)."""
        if not hasattr(self, "save_button"):
            return  # the own-measures tab reports while the window is still being built
        self.refresh_messages()
        if self._pending is not None:
            self.after_cancel(self._pending)
        self._pending = self.after(PREVIEW_DELAY_MS, self.refresh_preview)

    def refresh(self) -> None:
        """Header, messages and preview from the model."""
        self.header.configure(text=QT("qt_version", self.lang, title=self.base.title.get(self.lang),
                                      version=self.base.version, next=qbook.next_version(self.base.version)))
        self.refresh_messages()
        self.refresh_preview()

    def refresh_messages(self) -> None:
        problems = [*self.problems.values(), *self.team.problems(), *self.own.problems()]
        if problems:
            text = QT("qt_problems", self.lang, count=len(problems)) + "\n" + "\n".join(problems[:4])
            self.message.configure(text=text, text_color=style.ERROR)
        else:
            self.message.configure(text=QT("qt_changes", self.lang, count=len(self.all_edits())),
                                   text_color=style.MUTED)
        self.save_button.configure(state="disabled" if problems else "normal")

    def refresh_preview(self) -> None:
        """The example department's totals with the base and with the changes, worked out in a thread.

        Applying the edits to the YAML and validating it takes a second or two on a busy PC; the window keeps
        taking keystrokes meanwhile, and only the answer for the latest values is shown.
        """
        self._pending = None
        if not self.winfo_exists():
            return
        self._generation += 1
        generation = self._generation
        if self._blocked():
            self._show_preview(None)
            return
        base, edits = self.base, self.all_edits()
        self.preview_busy = True

        def work() -> Any:
            return qbook.example_totals(qbook.preview_version(base, edits))

        def done(result: Any, error: BaseException | None) -> None:
            if generation != self._generation or not self.winfo_exists():
                return  # a later change is being worked out, or the window was closed
            self.preview_busy = False
            if isinstance(error, UserError):
                self.message.configure(text=error.problems[0].message(self.lang), text_color=style.ERROR)
            elif error is not None:
                raise error
            self._show_preview(result if error is None else None)

        worker.run_in_thread(self, work, done)

    def _show_preview(self, after: Any) -> None:
        b = self._before

        def pair(show: Callable[[Any], str]) -> tuple[str, str]:
            return show(b), "—" if after is None else show(after)  # no figures from values that do not fit

        rows = [("qt_preview_hours", *pair(lambda t: formats.hours(t.potential_hours))),
                ("qt_preview_yen", *pair(lambda t: formats.yen(t.potential_yen))),
                ("qt_preview_quick", *pair(lambda t: str(t.quick_win_count))),
                ("qt_preview_proposals", *pair(lambda t: str(t.proposal_count)))]
        lines = [QT("qt_preview_title", self.lang)] + [
            QT("qt_preview_row", self.lang, label=QT(k, self.lang), before=x, after=y) for k, x, y in rows]
        self.preview.configure(text="\n".join(lines))
        self.after_totals = after

    def destroy(self) -> None:
        """Close: a preview still waiting to start is dropped (one being worked out is ignored when done)."""
        if self._pending is not None:
            self.after_cancel(self._pending)
            self._pending = None
        self._generation += 1
        super().destroy()

    def save(self) -> Any:
        """Save the next version into the user's questionnaire folder (nothing when a value is wrong)."""
        if self._blocked():
            dialogs.error(self, self.message.cget("text"), self.lang)
            return None
        edits = self.all_edits()
        if not edits:
            dialogs.info(self, QT("qt_nothing", self.lang), self.lang)
            return None
        try:
            done = qbook.save_version(self.base, edits, self.folder)
        except UserError as exc:
            dialogs.show_error(self, exc, self.lang)
            return None
        self.saved = done
        dialogs.info(self, QT("qt_saved", self.lang, path=str(done.path), version=done.questionnaire.version),
                     self.lang)
        self.base = done.questionnaire
        self.edits.clear()
        self.team.reset()
        self.own.reset(self.base)
        self._specs()
        self._before = qbook.example_totals(self.base)
        self.refresh()
        return done

    def build_pack(self) -> Path | None:
        """Build a .kaizenpack of the saved version (and the installed case catalogue) where the user says."""
        from app import resources
        from app.service import pack

        if self.all_edits() or self._blocked():
            dialogs.info(self, QT("qt_pack_unsaved", self.lang), self.lang)
            return None
        initial = Path.home() / f"{self.base.id}-{self.base.version}.kaizenpack"
        target = dialogs.ask_save_path(self, initial, lang=self.lang)
        if target is None:
            return None
        cases_dir = resources.user_cases_dir()
        try:
            out = pack.build_from(self.base, target, issuer=self.base.team_name("ja"), cases_dir=cases_dir)
        except UserError as exc:
            dialogs.show_error(self, exc, self.lang)
            return None
        has_cases = cases_dir.is_dir() and any(cases_dir.glob("*.yaml"))
        dialogs.info(self, QT("qt_pack_built", self.lang, path=str(out), version=self.base.version,
                              cases=QT("qt_pack_with_cases" if has_cases else "qt_pack_no_cases", self.lang)),
                     self.lang)
        return out


def _col_id(column: Any) -> str:
    return f"{column.field}.{column.part}" if column.part else str(column.field)


def open_questionnaire_window(master: tkinter.Misc, lang: str = "ja", **kwargs: Any) -> QuestionnaireWindow:
    """Open the window (the Home button's command)."""
    window = QuestionnaireWindow(master, lang, **kwargs)
    window.lift()
    return window

