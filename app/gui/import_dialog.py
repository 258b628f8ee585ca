"""The import window: choose an Excel/CSV task list, confirm which column holds which field, import once.

Self-contained: the wizard calls :func:`open_import_dialog`; ``on_done(result)`` receives the
:class:`app.exchange.importer.ImportResult` after tasks were added to the assessment (the wizard saves
and refreshes its grid). The suggested mapping comes from the headings (and a remembered mapping).
"""

from __future__ import annotations

import contextlib
import tkinter
from collections.abc import Callable, Iterator
from pathlib import Path
from tkinter import filedialog
from typing import Any

import customtkinter as ctk

from app import service
from app.domain.assessment import Assessment
from app.domain.errors import UserError
from app.domain.questionnaire import Questionnaire
from app.gui import dialogs, style
from app.gui.after_jobs import Toplevel
from app.gui.strings import ui
from app.gui.widgets import tool_window_header


def ask_sheet_path(parent: tkinter.Misc, lang: str = "ja") -> Path | None:
    """Choose a workbook or CSV (tests replace this function)."""
    name = filedialog.askopenfilename(parent=parent, filetypes=[
        (ui("im_files", lang), "*.xlsx *.xlsm *.csv"), (ui("all_files", lang), "*")])
    return Path(name) if name else None


def write_template(parent: tkinter.Misc, q: Questionnaire, lang: str = "ja", path: Path | None = None) -> Path | None:
    """Save the blank inventory workbook (業務の棚卸しシート) the sections fill in and import back."""
    target = path or dialogs.ask_save_path(parent, Path.home() / ui("tpl_file", lang), lang=lang)
    if target is None:
        return None
    try:
        written = service.write_template(q, target, lang)
    except UserError as exc:
        dialogs.show_error(parent, exc, lang)
        return None
    dialogs.info(parent, ui("tpl_done", lang, path=str(written)), lang)
    return written


class ImportDialog(Toplevel):
    """File and sheet at the top, one row per task field with a column menu, Import at the bottom."""

    def __init__(self, master: tkinter.Misc, q: Questionnaire, a: Assessment,
                 on_done: Callable[[Any], None] | None = None, *, lang: str = "ja", path: Path | None = None) -> None:
        super().__init__(master)
        self.q, self.a, self.lang, self.on_done = q, a, lang, on_done
        self.path: Path | None = None
        self.preview: service.ImportPreview | None = None
        self.menus: dict[str, ctk.CTkOptionMenu] = {}
        tool_window_header(self, lang, "im_title", "im_intro", size=(760, 640), wrap=700)
        f = style.font()
        top = ctk.CTkFrame(self, fg_color="transparent")
        top.pack(fill="x", padx=16)
        ctk.CTkButton(top, text=ui("im_choose", lang), command=self.choose, font=f).pack(side="left")
        self.file_label = ctk.CTkLabel(top, text="", font=f, text_color=style.MUTED)
        self.file_label.pack(side="left", padx=8)
        self.sheet = ctk.CTkOptionMenu(top, values=["-"], command=lambda _v: self.load(), font=f, width=160)
        self.sheet.pack(side="right")
        self.header_label = ctk.CTkLabel(self, text="", font=f, text_color=style.MUTED)
        self.header_label.pack(anchor="w", padx=16, pady=4)
        self.fields = ctk.CTkScrollableFrame(self)
        self.fields.pack(fill="both", expand=True, padx=16)
        bottom = ctk.CTkFrame(self, fg_color="transparent")
        bottom.pack(fill="x", padx=16, pady=10)
        self.remember = ctk.CTkCheckBox(bottom, text=ui("im_remember", lang), font=f)
        self.remember.select()
        self.remember.pack(side="left")
        self.import_button = ctk.CTkButton(bottom, text=ui("im_import", lang), command=self.run_import, font=f,
                                           state="disabled")
        self.import_button.pack(side="right")
        ctk.CTkButton(bottom, text=ui("close", lang), command=self.destroy, font=f, fg_color="gray50").pack(
            side="right", padx=8)
        if path is not None:
            self.load(path)

    def choose(self) -> None:
        """Ask for a file and read it."""
        path = ask_sheet_path(self, self.lang)
        if path is not None:
            self.load(path)

    def load(self, path: Path | None = None) -> bool:
        """Read the file (or another sheet of it) and show the suggested mapping; False on a user error."""
        if path is not None:
            self.path = Path(path)
            self.sheet.configure(values=["-"])
            self.sheet.set("-")
        if self.path is None:
            return False
        sheet = self.sheet.get()
        try:
            with self.busy(self.path):
                self.preview = service.preview_import(self.q, self.path, None if sheet == "-" else sheet)
        except UserError as exc:
            self.preview = None
            self.import_button.configure(state="disabled")
            dialogs.show_error(self, exc, self.lang)
            return False
        grid, layout = self.preview.grid, self.preview.layout
        self.file_label.configure(text=self.path.name)
        if len(grid.sheets) > 1:
            self.sheet.configure(values=list(grid.sheets))
            self.sheet.set(grid.sheet)
        self.header_label.configure(text=ui("im_header", self.lang, first=layout.first + 1, last=layout.last + 1,
                                           rows=len(grid.rows) - layout.data_start))
        self._build_fields()
        self.import_button.configure(state="normal")
        return True

    @contextlib.contextmanager
    def busy(self, path: Path) -> Iterator[None]:
        """「読み込み中…」 and the busy cursor while a sheet is read: 20,000 rows take a second or two, a sheet
        refused for its size a few, and the window showed nothing meanwhile, as if it had stopped."""
        before = self.header_label.cget("text")
        self.header_label.configure(text=ui("im_reading", self.lang, name=path.name))
        self.configure(cursor="watch")
        self.import_button.configure(state="disabled")
        self.update_idletasks()  # drawn before the reading starts
        try:
            yield
        finally:
            if self.winfo_exists():
                self.configure(cursor="")
                self.header_label.configure(text=before)
                self.import_button.configure(state="normal" if self.preview is not None else "disabled")

    def _build_fields(self) -> None:
        assert self.preview is not None
        for child in self.fields.winfo_children():
            child.destroy()
        self.menus.clear()
        none = ui("im_not_imported", self.lang)
        columns = [c.display() for c in self.preview.layout.columns]
        by_index = {i: columns[i] for i in range(len(columns))}
        for n, item in enumerate(i for i in self.q.items_of("task_grid") if i.is_input):
            ctk.CTkLabel(self.fields, text=item.label.get(self.lang) + (" *" if item.id == "name" else ""),
                         font=style.font(), anchor="w").grid(row=n, column=0, sticky="w", padx=(0, 12), pady=2)
            menu = ctk.CTkOptionMenu(self.fields, values=[none, *columns], font=style.font(), width=320)
            col = self.preview.mapping.get(item.id)
            menu.set(by_index[col] if col is not None else none)
            menu.grid(row=n, column=1, sticky="w")
            self.menus[item.id] = menu

    def mapping(self) -> dict[str, int]:
        """The mapping as chosen in the menus (field id → 0-based column)."""
        assert self.preview is not None
        index = {c.display(): c.index for c in self.preview.layout.columns}
        return {fid: index[m.get()] for fid, m in self.menus.items() if m.get() in index}

    def set_column(self, field_id: str, letter: str | None) -> None:
        """Choose a column for a field by its letter (``None``: do not import) — for keyboard users and tests."""
        assert self.preview is not None
        menu = self.menus[field_id]
        match = next((c.display() for c in self.preview.layout.columns if c.letter == letter), None)
        menu.set(match or ui("im_not_imported", self.lang))

    def run_import(self) -> Any:
        """Import with the chosen mapping; reports what was skipped and calls ``on_done``."""
        if self.preview is None or self.path is None:
            return None
        sheet = self.sheet.get()
        try:
            with self.busy(self.path):
                result = service.import_tasks(self.q, self.a, self.path, sheet=None if sheet == "-" else sheet,
                                              mapping=self.mapping(), remember=bool(self.remember.get()),
                                              preview=self.preview)
        except UserError as exc:
            dialogs.show_error(self, exc, self.lang)
            return None
        lines = [ui("im_done", self.lang, count=len(result.tasks)),
                 ui("im_skipped", self.lang, **{k: len(v) for k, v in result.skipped.items()})]
        if result.problems:
            lines.append(ui("im_problems", self.lang, count=len(result.problems)))
            lines += [p.render(self.lang) for p in result.problems[:8]]
        dialogs.info(self, "\n".join(lines), self.lang)
        callback = self.on_done
        self.destroy()
        if callback is not None:
            callback(result)
        return result


def open_import_dialog(master: tkinter.Misc, questionnaire: Questionnaire, assessment: Assessment,
                       on_done: Callable[[Any], None] | None = None, *, lang: str = "ja",
                       path: Path | None = None) -> ImportDialog:
    """Open the import window; tasks are appended to ``assessment`` and ``on_done(result)`` is called."""
    return ImportDialog(master, questionnaire, assessment, on_done, lang=lang, path=path)
