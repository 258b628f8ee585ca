"""Output: create the PDF plan in a worker thread (the window never freezes), open it, save the assessment."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import tkinter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import customtkinter as ctk

from app import service
from app.domain.errors import StorageError, UserError
from app.domain.questionnaire import Step
from app.gui import dialogs, style
from app.gui.pages.base import StepPage
from app.gui.strings import ui
from app.gui.worker import run_in_thread

if TYPE_CHECKING:
    from app.gui.controller import Wizard


def open_in_system(path: Path) -> bool:
    """Open a file or folder with the system's program; False when that is not possible here."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(str(path))  # type: ignore[attr-defined,unused-ignore]  # noqa: S606 - Windows only, no shell
        elif sys.platform == "darwin":
            # the system's opener with a path the user just chose; no shell is involved
            subprocess.Popen(["open", str(path)])  # noqa: S603, S607
        else:
            subprocess.Popen(["xdg-open", str(path)], stdout=subprocess.DEVNULL,  # noqa: S603, S607
                             stderr=subprocess.DEVNULL)
    except OSError:
        return False
    return True


class OutputPage(StepPage):
    """PDF and file buttons; ``busy`` is True while the PDF is being made."""

    def __init__(self, parent: tkinter.Misc, wiz: Wizard, step: Step) -> None:
        super().__init__(parent, wiz, step)
        self.busy = False
        self.thread: Any = None
        box = ctk.CTkFrame(self.body, corner_radius=10)
        box.grid(row=0, column=0, sticky="ew")
        box.columnconfigure(1, weight=1)
        self.pdf_button = ctk.CTkButton(box, text="", height=44, font=style.font(16, "bold"), command=self.make_pdf)
        self.pdf_button.grid(row=0, column=0, padx=16, pady=16, sticky="w")
        self.progress = ctk.CTkProgressBar(box, mode="indeterminate", width=260)
        self.status = ctk.CTkLabel(box, text="", font=style.font(), anchor="w", justify="left", wraplength=700)
        self.status.grid(row=1, column=0, columnspan=3, sticky="w", padx=16)
        row = ctk.CTkFrame(box, fg_color="transparent")
        row.grid(row=2, column=0, columnspan=3, sticky="w", padx=16, pady=(6, 16))
        self.open_pdf = ctk.CTkButton(row, text="", font=style.font(13), command=lambda: self._open(False))
        self.open_folder = ctk.CTkButton(row, text="", font=style.font(13), command=lambda: self._open(True))
        self.open_pdf.grid(row=0, column=0, padx=(0, 8))
        self.open_folder.grid(row=0, column=1)
        save_box = ctk.CTkFrame(self.body, corner_radius=10)
        save_box.grid(row=1, column=0, sticky="ew", pady=(12, 0))
        self.save_button = ctk.CTkButton(save_box, text="", height=40, font=style.font(15), command=self.save)
        self.save_button.grid(row=0, column=0, padx=16, pady=(16, 6), sticky="w")
        self.saved = ctk.CTkLabel(save_box, text="", font=style.font(), anchor="w")
        self.saved.grid(row=1, column=0, padx=16, sticky="w")
        self.next_hint = ctk.CTkLabel(save_box, text="", font=style.font(13), text_color=style.MUTED, anchor="w",
                                      justify="left", wraplength=900)
        self.next_hint.grid(row=2, column=0, padx=16, pady=(6, 16), sticky="w")

    def retranslate(self) -> None:
        super().retranslate()
        lang = self.wiz.lang
        self.pdf_button.configure(text=ui("out_pdf", lang))
        self.open_pdf.configure(text=ui("out_open_pdf", lang))
        self.open_folder.configure(text=ui("out_open_folder", lang))
        self.save_button.configure(text=ui("out_save", lang))
        self.next_hint.configure(text=ui("out_next", lang))

    def refresh(self) -> None:
        lang = self.wiz.lang
        pdf = self.wiz.pdf_path
        if not self.busy:
            self.status.configure(text=ui("out_done", lang, path=pdf) if pdf else "")
        state = "normal" if pdf and not self.busy else "disabled"
        self.open_pdf.configure(state=state)
        self.open_folder.configure(state=state)
        path = self.wiz.path
        self.saved.configure(text=ui("out_saved", lang, path=path) if path and not self.wiz.dirty else "")

    def default_pdf(self) -> Path:
        """Next to the assessment file (or in the home folder), named after the department and date."""
        folder = self.wiz.path.parent if self.wiz.path else Path.home()
        return folder / self.wiz.default_name(".pdf", ui("plan_file", self.wiz.lang))

    def make_pdf(self, path: Path | None = None) -> None:
        """Ask where, then render in a worker thread with a busy indicator."""
        if self.busy:
            return
        target = path or dialogs.ask_save_path(self, self.wiz.pdf_path or self.default_pdf(), pdf=True,
                                               lang=self.wiz.lang)
        if target is None:
            return
        # the worker gets its own copy: the meeting may keep typing while the PDF is made
        q, a, lang = self.wiz.q, copy.deepcopy(self.wiz.a), self.wiz.lang
        self.busy = True
        self.pdf_button.configure(state="disabled")
        self.progress.grid(row=0, column=1, padx=8, sticky="w")
        self.progress.start()
        self.status.configure(text=ui("out_busy", lang))
        self.thread = run_in_thread(self, lambda: service.write_plan(q, a, target, lang),
                                    lambda result, error: self._done(target, result, error))

    def _done(self, target: Path, result: Any, error: BaseException | None) -> None:
        self.busy = False
        self.progress.stop()
        self.progress.grid_remove()
        self.pdf_button.configure(state="normal")
        if error is None:
            self.wiz.pdf_path = Path(result)
            self.refresh()
            self.wiz.update_sidebar()
            return
        self.status.configure(text="")
        self.refresh()
        if isinstance(error, StorageError) and error.code == "S004":
            # the PDF is open in a viewer (Windows locks it): offer another name instead of failing
            message = error.problems[0].message(self.wiz.lang) + "\n" + ui("out_locked_retry", self.wiz.lang)
            if dialogs.yes_no(self, message, self.wiz.lang):
                other = dialogs.ask_save_path(self, _another_name(target), pdf=True, lang=self.wiz.lang)
                if other is not None:
                    self.make_pdf(other)
            return
        if isinstance(error, UserError):
            self.wiz.report(error)
            return
        self.wiz.report(error, "PDF worker")

    def _open(self, folder: bool) -> None:
        pdf = self.wiz.pdf_path
        if pdf is None:
            return
        target = pdf.parent if folder else pdf
        if not open_in_system(target):
            dialogs.error(self, ui("open_failed", self.wiz.lang, path=target), self.wiz.lang)

    def save(self) -> None:
        """Save the assessment (asking for a name the first time)."""
        if self.wiz.save():
            self.refresh()


def _another_name(path: Path) -> Path:
    for n in range(2, 100):
        candidate = path.with_name(f"{path.stem}_{n}{path.suffix}")
        if not candidate.exists():
            return candidate
    return path
