"""A generic page of questions answered once per assessment (はじめに, 基本情報), rendered from the questionnaire."""

from __future__ import annotations

import tkinter
from typing import TYPE_CHECKING

import customtkinter as ctk

from app.domain.questionnaire import Step
from app.gui.form_view import FormView
from app.gui.pages.base import EAGER_FIELDS, StepPage

if TYPE_CHECKING:
    from app.gui.host import PageHost


class FormPage(StepPage):
    """Items of a ``page`` step; answers live in ``assessment.info``."""

    def __init__(self, parent: tkinter.Misc, wiz: PageHost, step: Step) -> None:
        super().__init__(parent, wiz, step)
        self.scroll = ctk.CTkScrollableFrame(self.body, fg_color="transparent")
        self.scroll.grid(row=0, column=0, sticky="nsew")
        self.scroll.columnconfigure(0, weight=1)
        self.body.rowconfigure(0, weight=1)
        self.form = FormView(self.scroll, step.items, lambda: wiz.lang, answers=lambda: wiz.a.info,
                             env=lambda: wiz.a.info, on_changed=wiz.changed, eager=EAGER_FIELDS)
        self.form.grid(row=0, column=0, sticky="ew")

    def retranslate(self) -> None:
        super().retranslate()
        self.form.retranslate()

    def refresh(self) -> None:
        self.form.refresh()

    def building(self) -> bool:
        return self.form.building()

    def leave(self, forward: bool) -> bool:
        if not forward:
            self.form.pause()  # fields not built yet are built on the next visit
            return True
        if self.form.validate():  # builds the fields still waiting: every one is checked
            self.form.focus_error()
            return False
        return True
