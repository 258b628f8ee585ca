"""Output: the PDF plan, Excel/CSV exports and success-story sheets, each written in a worker thread (the window
never freezes); open the result or its folder; save the assessment."""

from __future__ import annotations

import copy
import tkinter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import customtkinter as ctk

from app import service
from app.domain.errors import StorageError, UserError
from app.domain.plan import action_names
from app.domain.quality import left_out
from app.domain.questionnaire import Step
from app.gui import dialogs, fit_width, keys, style
from app.gui.flat_frame import FlatFrame, FlatLabel, RoundedFrame
from app.gui.light import LightButton
from app.gui.pages.base import StepPage
from app.gui.pages.todo import TodoList
from app.gui.printing import open_in_system, print_file
from app.gui.settled import QuietOptionMenu
from app.gui.strings import ui
from app.gui.widgets import FoldingLabel, show_texts
from app.gui.worker import run_in_thread

if TYPE_CHECKING:
    from app.gui.host import OutputHost


CSV_TABLES = ("tasks", "measures", "actions")
STORY_MENU_WIDTH = 380  # the success-story menu's width when the box has room (unscaled)
BOX_TEXT_MARGIN = 16 + 16 + 8  # a box's status lines: its padding on both sides and a little air


def quality_text(q: Any, a: Any, lang: str) -> str:
    """The values left out of the figures, one line each (empty when every value counts)."""
    rows = [x.row(lang) for x in left_out(q, a)]
    if not rows:
        return ""
    return "\n".join([ui("out_quality", lang, n=len(rows)),
                      *(ui("out_quality_line", lang, task=t, field=f, value=v, reason=r) for t, f, v, r in rows)])


class OutputPage(StepPage):
    """PDF, export and file buttons; ``busy`` is True while a file is being written."""

    wiz: OutputHost

    def __init__(self, parent: tkinter.Misc, wiz: OutputHost, step: Step) -> None:
        super().__init__(parent, wiz, step)
        # the boxes scroll inside the page, so at 150 % and in meeting mode nothing is cut and the navigation stays
        outer = self.body
        self.body = ctk.CTkScrollableFrame(outer, fg_color="transparent")
        self.body.grid(row=0, column=0, sticky="nsew")
        self.body.columnconfigure(0, weight=1)
        outer.rowconfigure(0, weight=1)
        self.busy = False
        self._print_after = False  # 印刷 with no PDF yet: print once it is written
        self.thread: Any = None
        self.last_export: Path | None = None
        self.last_story: Path | None = None
        self.story_ids: list[str] = []
        self._shown_for: object = None
        # three boxes, each a row of buttons and a line of status: all of it fits at 125 % on 1366×768
        box = RoundedFrame(self.body, corner_radius=10)
        box.grid(row=0, column=0, sticky="ew")
        box.columnconfigure(1, weight=1)
        self.pdf_button = LightButton(box, text="", height=44, font=style.font(16, "bold"), command=self.make_pdf)
        self.pdf_button.grid(row=0, column=0, padx=16, pady=(14, 4), sticky="w")
        self.progress = ctk.CTkProgressBar(box, mode="indeterminate", width=200)
        # open / print / folder on a line of their own: beside the PDF button they ran off the page at 150 %
        row = FlatFrame(box, fg_color="transparent")
        row.grid(row=1, column=0, columnspan=3, sticky="w", padx=16, pady=(4, 4))
        self.open_pdf = LightButton(row, text="", font=style.font(13), command=lambda: self._open(False))
        self.open_folder = LightButton(row, text="", font=style.font(13), command=lambda: self._open(True))
        self.print_button = LightButton(row, text="", font=style.font(13), command=self.print_plan)
        self.open_pdf.grid(row=0, column=0, padx=(0, 8))
        self.print_button.grid(row=0, column=1, padx=(0, 8))
        self.open_folder.grid(row=0, column=2)
        self.status = FoldingLabel(box, text="", font=style.font(), anchor="w", justify="left", wraplength=900)
        self.status.grid(row=2, column=0, columnspan=3, sticky="w", padx=16, pady=(0, 8))
        fit_width.follow_width(box, self.status, margin=BOX_TEXT_MARGIN)
        self.status.configure(text="")
        # the plan's data-quality box, here too: each value left out of the figures (task, field, value, reason)
        self.quality = FlatLabel(box, text="", font=style.font(13), text_color=style.ERROR, anchor="w",
                                    justify="left", wraplength=900)
        self.quality.grid(row=3, column=0, columnspan=3, sticky="w", padx=16, pady=(0, 10))
        fit_width.follow_width(box, self.quality, margin=BOX_TEXT_MARGIN)
        self.todo = TodoList(self.body, wiz)  # what is unfinished, under the PDF button it never blocks
        self.todo.grid(row=1, column=0, sticky="ew", pady=(10, 0))
        self._build_exports()
        save_box = RoundedFrame(self.body, corner_radius=10)
        save_box.grid(row=3, column=0, sticky="ew", pady=(10, 0))
        self.save_button = LightButton(save_box, text="", height=40, font=style.font(15), command=self.save)
        self.save_button.grid(row=0, column=0, padx=16, pady=(14, 4), sticky="w")
        self.saved = FlatLabel(save_box, text="", font=style.font(), anchor="w")
        self.saved.grid(row=0, column=1, padx=8, pady=(14, 4), sticky="w")
        self.next_hint = FlatLabel(save_box, text="", font=style.font(13), text_color=style.MUTED, anchor="w",
                                      justify="left", wraplength=900)
        self.next_hint.grid(row=1, column=0, columnspan=2, padx=16, pady=(2, 12), sticky="w")
        fit_width.follow_width(save_box, self.next_hint, margin=BOX_TEXT_MARGIN)
        keys.prepare(self)  # the focus rings before the first layout (a ring added when mapped makes a row taller)

    def _build_exports(self) -> None:
        box = RoundedFrame(self.body, corner_radius=10)
        box.grid(row=2, column=0, sticky="ew", pady=(10, 0))
        box.columnconfigure(3, weight=1)
        self.export_title = FlatLabel(box, text="", font=style.font(15, "bold"), anchor="w")
        self.export_title.grid(row=0, column=0, columnspan=4, sticky="w", padx=16, pady=(10, 2))
        self.open_export = LightButton(box, text="", font=style.font(13), command=self._open_export)
        # over the last three columns, right-aligned: in a column of its own it widened the box past the page
        self.open_export.grid(row=0, column=2, columnspan=3, padx=16, pady=(10, 2), sticky="e")
        self.xlsx_button = LightButton(box, text="", font=style.font(13), command=self.export_xlsx)
        self.xlsx_button.grid(row=1, column=0, padx=(16, 8), pady=3, sticky="w")
        self.csv_button = LightButton(box, text="", font=style.font(13), command=self.export_csv)
        self.csv_button.grid(row=1, column=1, padx=(0, 4), pady=3, sticky="w")
        self.csv_table = QuietOptionMenu(box, values=[""], width=150, font=style.font(13),
                                           dropdown_font=style.font(13), dynamic_resizing=False)
        self.csv_table.grid(row=1, column=2, padx=(0, 8), pady=3, sticky="w")
        self.export_progress = ctk.CTkProgressBar(box, mode="indeterminate", width=200)
        self.story_button = LightButton(box, text="", font=style.font(13), command=self.make_story)
        self.story_button.grid(row=2, column=0, padx=(16, 8), pady=3, sticky="w")
        self.story_menu = QuietOptionMenu(box, values=[""], width=STORY_MENU_WIDTH, font=style.font(13),
                                            dropdown_font=style.font(13), dynamic_resizing=False)
        self.story_menu.grid(row=2, column=1, columnspan=3, padx=(0, 8), pady=3, sticky="w")
        # the story sheet prints like the plan (once it is written)
        self.story_print = LightButton(box, text="", width=80, font=style.font(13), command=self.print_story)
        self.story_print.grid(row=2, column=4, padx=16, pady=3, sticky="e")
        self._export_wide = True  # the box's buttons fit in their rows (see _fit_export_box)
        fit_width.on_width(box, self._fit_export_box)
        self.export_status = FoldingLabel(box, text="", font=style.font(13), anchor="w", justify="left",
                                          wraplength=900)
        self.export_status.grid(row=4, column=0, columnspan=5, sticky="w", padx=16, pady=(0, 8))
        fit_width.follow_width(box, self.export_status, margin=BOX_TEXT_MARGIN)
        self.export_status.configure(text="")

    def _fit_export_box(self, width: int) -> None:
        # the story menu gives up width, then its print button moves under it, before anything leaves the box
        # (English at 150 %: the csv row and the print button's column were wider than the page)
        def req(widget: Any) -> int:
            return fit_width.unscaled(widget.winfo_reqwidth())

        first = max(req(self.xlsx_button), req(self.story_button)) + 16 + 8
        csv_row = first + req(self.csv_button) + 4 + req(self.csv_table) + 8
        wide = csv_row + req(self.story_print) + 16 + 16 <= width
        wanted = max(200, min(STORY_MENU_WIDTH, width - first - (req(self.story_print) + 32 if wide else 0) - 8))
        if self.story_menu.cget("width") != wanted:
            self.story_menu.configure(width=wanted)
        self._export_wide = wide
        if wide != (str(self.story_print.grid_info().get("row")) == "2"):
            if wide:
                self.story_print.grid(row=2, column=4, padx=16, pady=3, sticky="e")
            else:
                self.story_print.grid(row=3, column=0, padx=(16, 8), pady=3, sticky="w")

    def retranslate(self) -> None:
        super().retranslate()
        lang = self.wiz.lang
        show_texts(lang, [
            (self.export_title, "out_export_title"),
            (self.xlsx_button, "out_xlsx"),
            (self.csv_button, "out_csv"),
        ])
        self.csv_table.configure(values=[ui("out_table_" + t, lang) for t in CSV_TABLES])
        self.csv_table.set(ui("out_table_tasks", lang))
        show_texts(lang, [
            (self.story_button, "out_story"),
            (self.story_print, "out_print"),
            (self.open_export, "out_open_folder"),
            (self.pdf_button, "out_pdf"),
            (self.open_pdf, "out_open_pdf"),
            (self.print_button, "out_print"),
            (self.open_folder, "out_open_folder"),
            (self.save_button, "out_save"),
            (self.next_hint, "out_next"),
        ])

    def refresh(self) -> None:
        lang = self.wiz.lang
        pdf = self.wiz.doc.pdf_path
        if not self.busy:
            self.status.configure(text=ui("out_done", lang, path=pdf) if pdf else "")
        state = "normal" if pdf and not self.busy else "disabled"
        self.open_pdf.configure(state=state)
        self.open_folder.configure(state=state)
        self.print_button.configure(state="disabled" if self.busy else "normal")
        self.todo.refresh()
        self.quality.configure(text=quality_text(self.wiz.q, self.wiz.a, lang))
        path = self.wiz.doc.path
        self.saved.configure(text=ui("out_saved", lang, path=path) if path and not self.wiz.doc.dirty else "")
        self._refresh_exports()

    def _refresh_exports(self) -> None:
        lang = self.wiz.lang
        if self._shown_for is not self.wiz.a:  # another file was opened: its exports are not this one's
            self._shown_for = self.wiz.a
            self.last_export = None
            self.last_story = None
        done = [x for x in self.wiz.a.actions if x.status == "done"]
        self.story_ids = [x.id for x in done]
        labels = [self._action_label(x.id) for x in done]
        current = self.story_menu.get()
        self.story_menu.configure(values=labels or [ui("out_story_none", lang)])
        self.story_menu.set(current if current in labels else (labels[0] if labels else ui("out_story_none", lang)))
        idle = "disabled" if self.busy else "normal"
        for b in (self.xlsx_button, self.csv_button):
            b.configure(state=idle)
        self.story_button.configure(state=idle if done else "disabled")
        self.story_menu.configure(state="normal" if done else "disabled")
        if not self.busy:
            shown = self.last_export
            self.export_status.configure(text=ui("out_exported", lang, path=shown) if shown
                                         else "" if done else ui("out_story_hint", lang))
        self.open_export.configure(state="normal" if self.last_export and not self.busy else "disabled")
        story = self.last_story
        self.story_print.configure(state="normal" if story is not None and story.is_file() and not self.busy
                                   else "disabled")

    def _action_label(self, action_id: str) -> str:
        measure, task = action_names(self.wiz.q, self.wiz.a, self.wiz.a.action(action_id), self.wiz.lang)
        return f"{measure} — {task}"

    def default_pdf(self) -> Path:
        """Next to the assessment file (or in the home folder), named after the department and date."""
        folder = self.wiz.doc.path.parent if self.wiz.doc.path else Path.home()
        return folder / self.wiz.doc.default_name(".pdf", ui("plan_file", self.wiz.lang))

    def make_pdf(self, path: Path | None = None) -> None:
        """Ask where, then render in a worker thread with a busy indicator."""
        if self.busy:
            return
        target = path or dialogs.ask_save_path(self, self.wiz.doc.pdf_path or self.default_pdf(), pdf=True,
                                               lang=self.wiz.lang)
        if target is None:
            return
        self._start("plan", target)

    def export_xlsx(self, path: Path | None = None) -> None:
        """Tasks, measures and actions as an Excel workbook (three sheets)."""
        self._export("xlsx", path, self.wiz.doc.default_name(".xlsx", ui("export_file", self.wiz.lang)))

    def export_csv(self, path: Path | None = None, table: str | None = None) -> None:
        """One table as CSV (UTF-8 with BOM, so Excel shows Japanese); the menu next to the button says which."""
        lang = self.wiz.lang
        if table is None:
            labels = {ui("out_table_" + t, lang): t for t in CSV_TABLES}
            table = labels.get(self.csv_table.get(), "tasks")
        self._export("csv", path, self.wiz.doc.default_name(".csv", ui("out_table_" + table, lang)), table)

    def make_story(self, path: Path | None = None, action_id: str | None = None) -> None:
        """The success-story sheet (改善事例シート) of a done action, the one chosen in the menu by default."""
        if action_id is None:
            labels = [self._action_label(i) for i in self.story_ids]
            chosen = self.story_menu.get()
            action_id = self.story_ids[labels.index(chosen)] if chosen in labels else None
        if action_id is None:
            return
        name = self.wiz.doc.default_name(".pdf", f"{ui('story_file', self.wiz.lang)}_{action_id}")
        self._export("story", path, name, action_id)

    def _export(self, kind: str, path: Path | None, name: str, what: str = "") -> None:
        if self.busy:
            return
        folder = self.wiz.doc.path.parent if self.wiz.doc.path else Path.home()
        target = path or dialogs.ask_save_path(self, folder / name, pdf=kind == "story", lang=self.wiz.lang)
        if target is not None:
            self._start(kind, target, what)

    def _start(self, kind: str, target: Path, what: str = "") -> None:
        """Write ``target`` in a worker thread with a busy indicator; ``what`` is the CSV table or the action."""
        # the worker gets its own copy: the meeting may keep typing while the file is written
        q, a, lang = self.wiz.q, copy.deepcopy(self.wiz.a), self.wiz.lang
        inputs = [self.wiz.doc.path] if self.wiz.doc.path else []  # an export never replaces the open assessment
        work = {"plan": lambda: service.write_plan(q, a, target, lang=lang, inputs=inputs),
                "xlsx": lambda: service.export_xlsx(q, a, target, lang=lang, inputs=inputs),
                "csv": lambda: service.export_csv(q, a, target, table=what, lang=lang, inputs=inputs),
                "story": lambda: service.write_story(q, a, what, target, lang=lang, inputs=inputs)}[kind]
        self.busy = True
        for b in (self.pdf_button, self.xlsx_button, self.csv_button, self.story_button):
            b.configure(state="disabled")
        progress, status = (self.progress, self.status) if kind == "plan" else \
            (self.export_progress, self.export_status)
        if kind == "plan":
            progress.grid(row=0, column=1, padx=8, sticky="w")
        elif self._export_wide:
            progress.grid(row=1, column=3, columnspan=2, padx=16, sticky="e")
        else:  # beside the print button that moved under the story menu: at the csv row's end it widened the box
            progress.grid(row=3, column=1, columnspan=4, padx=16, sticky="e")
        progress.start()
        status.configure(text=ui("out_busy" if kind in ("plan", "story") else "out_exporting", lang))
        self.thread = run_in_thread(self, work, lambda result, error: self._done(kind, target, what, result, error))

    def _done(self, kind: str, target: Path, what: str, result: Any, error: BaseException | None) -> None:
        self.busy = False
        for progress in (self.progress, self.export_progress):
            progress.stop()
            progress.grid_remove()
        self.pdf_button.configure(state="normal")
        if error is None:
            if kind == "plan":
                self.wiz.doc.pdf_path = Path(result)
                self.wiz.update_sidebar()
            else:
                self.last_export = Path(result)
                if kind == "story":
                    self.last_story = Path(result)
            self.refresh()
            if kind == "plan" and self._print_after:
                self._print_after = False
                self.print_plan()
            return
        self._print_after = False
        (self.status if kind == "plan" else self.export_status).configure(text="")
        self.refresh()
        if isinstance(error, StorageError) and error.code == "S004":
            # the file is open in Excel or a viewer (Windows locks it): offer another name instead of failing
            message = error.problems[0].message(self.wiz.lang) + "\n" + ui("out_locked_retry", self.wiz.lang)
            if dialogs.yes_no(self, message, self.wiz.lang):
                other = dialogs.ask_save_path(self, service.free_name(target), pdf=target.suffix == ".pdf",
                                              lang=self.wiz.lang)
                if other is not None:
                    self._start(kind, other, what)
            return
        if isinstance(error, UserError):
            self.wiz.doc.report(error)
            return
        self.wiz.doc.report(error, f"{kind} worker")

    def _open_export(self) -> None:
        if self.last_export is not None and not open_in_system(self.last_export.parent):
            dialogs.error(self, ui("open_failed", self.wiz.lang, path=self.last_export.parent), self.wiz.lang)

    def _open(self, folder: bool) -> None:
        pdf = self.wiz.doc.pdf_path
        if pdf is None:
            return
        target = pdf.parent if folder else pdf
        if not open_in_system(target):
            dialogs.error(self, ui("open_failed", self.wiz.lang, path=target), self.wiz.lang)

    def rescale(self) -> None:
        if not self.busy:  # customtkinter re-grids an idle progress bar when the text size changes
            for progress in (self.progress, self.export_progress):
                progress.grid_remove()
        for label in (self.status, self.export_status):
            label.configure(text=label.cget("text"))

    def print_plan(self) -> None:
        """印刷 (and Ctrl+P): print the plan, writing the PDF first when there is none; the to-do list never blocks."""
        if self.busy:
            return
        pdf = self.wiz.doc.pdf_path
        if pdf is None or not pdf.is_file():
            self.make_pdf()
            self._print_after = self.busy  # False when the save dialog was cancelled
            return
        lang = self.wiz.lang
        outcome = print_file(pdf)
        self.status.configure(text=ui("out_print_" + outcome, lang, path=pdf))

    def print_story(self) -> None:
        """印刷 beside the story sheet: the sheet written last."""
        story = self.last_story
        if story is not None and story.is_file():
            self.export_status.configure(text=ui("out_print_" + print_file(story), self.wiz.lang, path=story))

    def save(self) -> None:
        """Save the assessment (asking for a name the first time)."""
        if self.wiz.doc.save():
            self.refresh()

