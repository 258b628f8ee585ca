"""Per focus task: pain points and the ECRS questions, rendered from the questionnaire's task_analysis items."""

from __future__ import annotations

import tkinter
from typing import TYPE_CHECKING, Any

from app.domain.questionnaire import Step
from app.domain.scoring import task_env
from app.gui.form_view import FormView
from app.gui.pages.base import PerTaskPage

if TYPE_CHECKING:
    from app.gui.host import PageHost


# fields built before the page is shown: the pain points and four questions, what its first screen shows at
# 100 % on a 1366×768 screen (the fifth only in part); the others are built one at a time right after
EAGER_FIELDS = 5


class AnalysisPage(PerTaskPage):
    """Answers live in ``assessment.analysis[task_id]``; switching tasks only re-reads the model."""

    def __init__(self, parent: tkinter.Misc, wiz: PageHost, step: Step) -> None:
        super().__init__(parent, wiz, step)
        self.form = FormView(self.scroll, step.items, lambda: wiz.lang, answers=self.answers, env=self.env,
                             on_changed=wiz.changed, eager=EAGER_FIELDS)
        self.form.grid(row=0, column=0, sticky="ew")

    def answers(self) -> dict[str, Any]:
        """The current focus task's answers (a throwaway dict when there is none)."""
        tid = self.wiz.current_task
        return self.wiz.a.analysis.setdefault(tid, {}) if tid else {}

    def env(self) -> dict[str, Any]:
        """What skip logic sees: the task's row, its analysis and the basic information."""
        tid = self.wiz.current_task
        if tid is None:
            return {}
        return task_env(self.wiz.q, self.wiz.a, self.wiz.a.task(tid))

    def retranslate(self) -> None:
        super().retranslate()
        self.form.retranslate()

    def refresh(self) -> None:
        tid = self.selector.refresh()
        if tid is None:
            self.scroll.grid_remove()
            return
        self.scroll.grid()
        self.form.refresh()
        self.scroll._parent_canvas.yview_moveto(0)

    def finished(self, task_id: str) -> bool:
        return bool(self.wiz.a.analysis.get(task_id))

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
