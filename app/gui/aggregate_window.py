"""The ward-wide window for the central team: pick files or folders, summarise, save PDF / Excel / CSV.

Self-contained: :func:`open_aggregate_window` opens it over any window. Reading many files runs in a
worker thread so the window never freezes; files that cannot be read are listed, never fatal.
"""

from __future__ import annotations

import contextlib
import threading
import tkinter
from collections.abc import Sequence
from pathlib import Path
from tkinter import filedialog
from typing import Any

import customtkinter as ctk
from tksheet import Sheet

from app import service
from app.domain.aggregate import DepartmentTotal, WardSummary
from app.domain.errors import UserError
from app.gui import dialogs, keys, style
from app.gui.after_jobs import TextBox, Toplevel
from app.gui.flat_frame import WrappedLabel
from app.gui.formats import bracket, hours, joined
from app.gui.strings import ui
from app.gui.widgets import tool_window_header
from app.gui.worker import run_in_thread


def ask_folder(parent: tkinter.Misc) -> Path | None:
    """Choose a folder (tests replace this function)."""
    name = filedialog.askdirectory(parent=parent)
    return Path(name) if name else None


def ask_files(parent: tkinter.Misc, lang: str = "ja") -> list[Path]:
    """Choose assessment files (tests replace this function)."""
    names = filedialog.askopenfilenames(parent=parent, filetypes=[("Kaizen", "*.kaizen.json *.json"),
                                                                  (ui("all_files", lang), "*")])
    return [Path(n) for n in names]


def ask_output(parent: tkinter.Misc, suffix: str) -> Path | None:
    """Choose where to save the summary (tests replace this function)."""
    name = filedialog.asksaveasfilename(parent=parent, defaultextension=suffix,
                                        initialfile=f"kaizen_summary{suffix}", filetypes=[(suffix, f"*{suffix}")])
    return Path(name) if name else None


class AggregateWindow(Toplevel):
    """Paths at the top, the department table and key findings in the middle, save buttons below."""

    def __init__(self, master: tkinter.Misc, lang: str = "ja", paths: Sequence[Path] = ()) -> None:
        super().__init__(master)
        self.lang = lang
        self.paths: list[Path] = list(paths)
        self.summary: Any = None
        self.busy = False
        tool_window_header(self, lang, "ag_title", "ag_intro", size=(900, 640), wrap=840)
        f = style.font()
        bar = ctk.CTkFrame(self, fg_color="transparent")
        bar.pack(fill="x", padx=16)
        ctk.CTkButton(bar, text=ui("ag_add_folder", lang), command=self.add_folder, font=f).pack(side="left")
        ctk.CTkButton(bar, text=ui("ag_add_files", lang), command=self.add_files, font=f).pack(side="left", padx=6)
        ctk.CTkButton(bar, text=ui("ag_clear", lang), command=self.clear, font=f, fg_color="gray50").pack(side="left")
        self.run_button = ctk.CTkButton(bar, text=ui("ag_run", lang), command=self.run, font=f)
        self.run_button.pack(side="right")
        self.path_label = WrappedLabel(self, text="", font=f, text_color=style.MUTED, wraplength=840,
                                       justify="left")
        self.path_label.pack(anchor="w", padx=16, pady=4)
        # one row per section file, a subtotal under a department with several sections, as in the PDF; a
        # table draws only the rows in view: a whole city's 1,000 departments as 5,000 labels took 14 s to
        # draw and 6 s to close
        self.result = ctk.CTkFrame(self, fg_color="transparent")  # packed after the buttons below
        self.result.columnconfigure(0, weight=1)
        self.result.rowconfigure(0, weight=3)
        self.result.rowconfigure(1, weight=1)
        self.table = Sheet(self.result, headers=[ui(k, lang) for k in AG_COLUMNS], data=[], show_top_left=False,
                           show_row_index=False, font=style.tk_font(13), header_font=style.tk_font(13, "bold"),
                           table_wrap="", height=300, startup_focus=False)
        self.table.grid(row=0, column=0, sticky="nsew")
        self.table.enable_bindings("single_select", "arrowkeys", "column_width_resize", "copy")
        keys.list_stop(self.table)  # one Tab stop: the arrows move inside, Tab goes on to the notes
        keys.current_on_focus(self.table)
        self.notes = TextBox(self.result, height=120, font=f, wrap="word")
        self.notes.grid(row=1, column=0, sticky="nsew", pady=(8, 0))
        self.notes.configure(state="disabled")
        # a Tab stop even though it is read only (Tk skips a disabled text): the list of files that could not be
        # read can be long; the arrows and Page Up/Down scroll it, Shift+arrows and Ctrl+C copy from it. It has
        # the buttons' focus ring, as a read-only box shows no insertion cursor (Tab from the table seemed to go
        # nowhere, seen walking a 300-department ward)
        self.notes._textbox.configure(takefocus=1, highlightthickness=keys.RING, highlightcolor=keys.RING_COLOUR,
                                      highlightbackground=self.notes._textbox.cget("background"))
        out = ctk.CTkFrame(self, fg_color="transparent")
        # packed before the table, so that at 150 % the table gives way and the save buttons stay whole
        out.pack(side="bottom", fill="x", padx=16, pady=10)
        self.result.pack(fill="both", expand=True, padx=16)
        self.save_buttons = [
            ctk.CTkButton(out, text=ui(key, lang), font=f, state="disabled", command=lambda s=suffix: self.save(s))
            for key, suffix in (("ag_pdf", ".pdf"), ("ag_xlsx", ".xlsx"), ("ag_csv", ".csv"))]
        for b in self.save_buttons:
            b.pack(side="left", padx=(0, 6))
        self.newsletter_button = ctk.CTkButton(out, text=ui("ag_newsletter", lang), font=f, state="disabled",
                                               command=self.make_newsletter)
        self.newsletter_button.pack(side="left", padx=(12, 6))
        ctk.CTkButton(out, text=ui("close", lang), command=self.destroy, font=f, fg_color="gray50").pack(side="right")
        self._show_paths()

    def destroy(self) -> None:
        """Close; tksheet's hover timer for a tooltip (started when the pointer enters a heading or a cell) is
        stopped first, or it fires after the window has gone (Tcl: invalid command name)."""
        for part in (self.table.MT, self.table.CH, self.table.RI):
            job = getattr(part, "tooltip_after_id", None)
            if job is not None:
                with contextlib.suppress(tkinter.TclError):
                    part.after_cancel(job)
                part.tooltip_after_id = None
        super().destroy()

    def _show_paths(self) -> None:
        self.path_label.configure(text="\n".join(str(p) for p in self.paths))

    def add_folder(self) -> None:
        """Add a folder of assessment files."""
        folder = ask_folder(self)
        if folder is not None:
            self.paths.append(folder)
            self._show_paths()

    def add_files(self) -> None:
        """Add assessment files."""
        self.paths += ask_files(self, self.lang)
        self._show_paths()

    def clear(self) -> None:
        """Forget the chosen paths and the result."""
        self.paths.clear()
        self._show_paths()

    def run(self) -> None:
        """Summarise in a worker thread; the result is shown when it is back."""
        if self.busy or not self.paths:
            return
        self.busy = True
        self.run_button.configure(state="disabled", text=ui("ag_running", self.lang))
        paths = list(self.paths)
        run_in_thread(self, lambda: service.aggregate_files(paths), self._finished)

    def _finished(self, summary: Any, error: BaseException | None) -> None:
        self.busy = False
        self.run_button.configure(state="normal", text=ui("ag_run", self.lang))
        if error is not None:
            if isinstance(error, UserError):
                dialogs.show_error(self, error, self.lang)
                return
            raise error
        self.summary = summary
        self._show_summary()

    def _show_summary(self) -> None:
        s, lang = self.summary, self.lang
        self.table.set_sheet_data(summary_rows(s, lang), redraw=False)
        self.table.readonly(self.table.span(":", header=False))
        self.table.align(self.table.span("C:F", header=False), align="e", redraw=False)
        width = max(300, self.table.winfo_width() - 40)  # less the vertical scroll bar and the borders
        self.table.set_column_widths([int(width * share) for share in (0.26, 0.2, 0.15, 0.15, 0.12, 0.12)])
        self.table.redraw()
        lines = [] if s.departments else [ui("ag_nothing", lang)]
        lines.append(ui("ag_totals", lang, departments=len(s.by_department()), count=len(s.departments),
                        inventory=hours(s.total("inventory_hours")),
                        potential=hours(s.total("potential_hours")), realised=hours(s.total("realised_hours")),
                        done=int(s.total("quick_wins_done")), quick=int(s.total("quick_win_count"))))
        if s.pains:
            pains = [p.label.get(lang) + bracket(str(len(p.departments)), lang) for p in s.pains[:5]]
            lines.append(ui("ag_pains", lang, items=joined(pains, lang)))
        lines.append(ui("ag_groups", lang, count=len(s.groups)))
        lines += [w.message(lang) for w in s.warnings]
        if s.skipped:
            lines.append(ui("ag_skipped", lang, count=len(s.skipped)))
            lines += [f"  {Path(p.path).name}: {p.message(lang)}" for p in s.skipped]
        self.notes.configure(state="normal")
        self.notes.delete("1.0", "end")
        self.notes.insert("1.0", "\n".join(lines))
        self.notes.configure(state="disabled")  # read only; its text can still be selected and copied
        for b in self.save_buttons:
            b.configure(state="normal" if s.departments else "disabled")
        self.newsletter_button.configure(state="normal" if s.departments else "disabled")

    def make_newsletter(self, path: Path | None = None) -> threading.Thread | None:
        """業務改善レポート of the chosen files, written in a worker thread (C009 when there is no story)."""
        if not self.paths or self.busy:
            return None
        target = path or ask_output(self, ".pdf")
        if target is None:
            return None
        from app.service.cases import write_newsletter

        self.busy = True
        self.newsletter_button.configure(state="disabled")
        paths, lang = list(self.paths), self.lang
        return run_in_thread(self, lambda: write_newsletter(paths, target, lang=lang), self._newsletter_done)

    def _newsletter_done(self, result: Any, error: BaseException | None) -> None:
        self.busy = False
        if not self.winfo_exists():
            return
        self.newsletter_button.configure(state="normal")
        if isinstance(error, UserError):
            dialogs.show_error(self, error, self.lang)
        elif error is not None:
            dialogs.error(self, ui("ag_newsletter_failed", self.lang, detail=type(error).__name__), self.lang)
        else:
            dialogs.info(self, ui("ag_saved", self.lang, path=result[0]), self.lang)

    def save(self, suffix: str, path: Path | None = None) -> Path | None:
        """Save the summary as PDF, XLSX or CSV."""
        if self.summary is None:
            return None
        target = path or ask_output(self, suffix)
        if target is None:
            return None
        try:
            service.write_summary(self.summary, lang=self.lang, pdf=target if suffix == ".pdf" else None,
                                  xlsx=target if suffix == ".xlsx" else None, csv=target if suffix == ".csv" else None,
                                  inputs=service.assessment_paths(self.paths))  # never over a summed file
        except UserError as exc:
            dialogs.show_error(self, exc, self.lang)
            return None
        dialogs.info(self, ui("ag_saved", self.lang, path=target), self.lang)
        return target


AG_COLUMNS = ("ag_col_department", "ag_col_section", "ag_col_inventory", "ag_col_potential", "ag_col_realised",
              "ag_col_done")


def summary_rows(s: WardSummary, lang: str) -> list[list[str]]:
    """The table's rows: one per section file, a department's subtotal under its sections when it has more
    than one, and the whole office last (the PDF's department table, in the window's columns)."""

    def figures(rows: DepartmentTotal) -> list[str]:  # summed as the PDF sums them
        return [hours(rows.total("inventory_hours")), hours(rows.total("potential_hours")),
                hours(rows.total("realised_hours")),
                f"{int(rows.total('done_count'))}/{int(rows.total('action_count'))}"]

    out: list[list[str]] = []
    for dep in s.by_department():
        for d in dep.sections:
            name = d.department + (f"  {ui('ag_flag', lang)}" if d.version_flag else "")
            out.append([name, d.section, *figures(DepartmentTotal(d.department, (d,)))])
        if len(dep.sections) > 1:
            out.append([ui("ag_department_total", lang, department=dep.department), ui("ag_sections", lang,
                        count=len(dep.sections)), *figures(dep)])
    if s.departments:
        out.append([ui("ag_all", lang), "", *figures(DepartmentTotal("", s.departments))])
    return out


def open_aggregate_window(master: tkinter.Misc, lang: str = "ja", paths: Sequence[Path] = ()) -> AggregateWindow:
    """Open the ward-wide window over ``master`` (optionally with files or folders already chosen)."""
    return AggregateWindow(master, lang, paths)
