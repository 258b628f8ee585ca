"""The base of every step page: title and intro from the questionnaire, hooks the controller calls."""

from __future__ import annotations

import tkinter
from typing import TYPE_CHECKING

from app.domain.questionnaire import Step
from app.gui import fit_width, style
from app.gui.after_jobs import OwnsAfterJobs
from app.gui.flat_frame import FlatFrame, FlatLabel
from app.gui.form_view import FormView
from app.gui.scrolling import ScrollFrame
from app.gui.widgets import TaskSelector
from app.gui.wrap import wrap

if TYPE_CHECKING:
    from app.gui.host import PageHost

# fields built before a page of questions is shown, a little more than its first screen holds at 100 % on a
# 1366×768 screen; the others are built one at a time right after (app.gui.form_view.FormView's ``eager``)
EAGER_FIELDS = 7


class StepPage(OwnsAfterJobs, FlatFrame):
    """A page built once; ``refresh`` rebuilds what it shows from the model every time it is raised."""

    def __init__(self, parent: tkinter.Misc, wiz: PageHost, step: Step) -> None:
        super().__init__(parent, fg_color=style.PAGE_BG, corner_radius=0)
        self.wiz = wiz
        self.step = step
        self.columnconfigure(0, weight=1)
        self.title = FlatLabel(self, text="", font=style.font(22, "bold"), anchor="w")
        self.title.grid(row=0, column=0, sticky="ew", padx=20, pady=(14, 2))
        self.intro = FlatLabel(self, text="", font=style.font(13), anchor="w", justify="left",
                                  text_color=style.MUTED, wraplength=1000)
        self.intro.grid(row=1, column=0, sticky="ew", padx=20, pady=(0, 8))
        self.body = FlatFrame(self, fg_color="transparent")
        self.body.grid(row=2, column=0, sticky="nsew", padx=20, pady=(0, 8))
        self.body.columnconfigure(0, weight=1)
        self.rowconfigure(2, weight=1)
        fit_width.on_width(self, self._wrap)

    def _wrap(self, room: int) -> None:
        # wrap the intro to the page's width (unscaled pixels, as customtkinter's fonts measure) with Japanese
        # rules; told again after a text-size change, when the same pixels are another unscaled width
        self._intro_width = max(300, room - 60)
        self._show_intro()

    def _show_intro(self) -> None:
        text = self.step.intro.get(self.wiz.lang)
        width = getattr(self, "_intro_width", 1000)
        self.intro.configure(text=wrap(text, self.intro.cget("font").measure, width), wraplength=width + 40)

    def retranslate(self) -> None:
        """Show the step's own texts in the current language."""
        lang = self.wiz.lang
        self.title.configure(text=self.step.title.get(lang))
        intro = self.step.intro.get(lang)
        self._show_intro()
        if intro:
            self.intro.grid()
        else:
            self.intro.grid_remove()

    def refresh(self) -> None:
        """Rebuild the widgets' contents from the model."""

    def on_enter(self) -> None:
        """The step is being opened (from another step or Home), just before ``refresh``."""

    def leave(self, forward: bool) -> bool:
        """Check the page before leaving it; show messages next to the fields and return False to stay."""
        return True

    def before_save(self) -> None:
        """Tidy the model before it is written (the grid drops blank rows)."""

    def forms(self) -> list[FormView]:
        """Every form on this page (the page's own, a card's per measure …)."""
        found: list[FormView] = []
        stack: list[tkinter.Misc] = [self]
        while stack:
            widget = stack.pop()
            if isinstance(widget, FormView):
                found.append(widget)
            stack.extend(widget.winfo_children())
        return found

    def unfitted(self) -> int:
        """Typed values on this page that do not fit yet (a save would keep their last valid value)."""
        return sum(form.unfitted() for form in self.forms())

    def forget_document(self) -> None:
        """Another assessment was opened: nothing typed for the previous one may leak into it."""
        for form in self.forms():
            form.forget()

    def rescale(self) -> None:
        """The text size changed: plain tk widgets (sheets, canvases) resize their fonts here."""

    def building(self) -> bool:
        """Whether the page is still building rows or cards below the fold after it was shown."""
        return False


class PerTaskPage(StepPage):
    """A step answered once per focus task: a task selector above a scrolling body."""

    def __init__(self, parent: tkinter.Misc, wiz: PageHost, step: Step) -> None:
        super().__init__(parent, wiz, step)
        self.selector = TaskSelector(self.body, wiz, self.refresh)
        self.selector.grid(row=0, column=0, sticky="ew", pady=(0, 8))
        self.scroll = ScrollFrame(self.body, fg_color="transparent")
        self.scroll.grid(row=1, column=0, sticky="nsew")
        self.scroll.columnconfigure(0, weight=1)
        self.body.rowconfigure(1, weight=1)

    def finished(self, task_id: str) -> bool:
        """Whether this step is done for ``task_id`` (the step opens on the first task that is not)."""
        return True

    def on_enter(self) -> None:
        """Open on the first focus task not finished here; all done: keep the one last worked on."""
        first = next((t.task_id for t in self.wiz.focus_tasks() if not self.finished(t.task_id)), None)
        if first is not None:
            self.wiz.current_task = first
