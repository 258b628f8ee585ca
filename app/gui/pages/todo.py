"""The output step's list of what is not finished (not analysed, no measure, no owner or deadline), each with a
button that goes there; it informs and never blocks the PDF."""

from __future__ import annotations

import functools
import tkinter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain.plan import action_names
from app.gui import fit_width, keys, style
from app.gui.flat_frame import FlatFrame, FlatLabel, RoundedFrame
from app.gui.light import LightButton
from app.gui.strings import ui

if TYPE_CHECKING:
    from app.gui.host import NavigationHost, PageHost

MAX_SHOWN = 4


@dataclass(frozen=True)
class Todo:
    """One unfinished thing: what to say, the step that fixes it and the focus task (if any) to open there."""

    text: str
    step: int
    task_id: str | None = None


def unfinished(wiz: PageHost) -> list[Todo]:
    """Focus tasks not analysed, focus tasks with no measure chosen, actions with no owner or deadline."""
    q, a, lang = wiz.q, wiz.a, wiz.lang
    steps = {step.kind: n for n, step in enumerate(q.steps)}
    found: list[Todo] = []
    focus = wiz.focus_tasks()
    chosen = {m.task_id for m in wiz.result().measures}
    if "task_analysis" in steps:
        found += [Todo(ui("todo_analysis", lang, name=t.name or "—"), steps["task_analysis"], t.task_id)
                  for t in focus if not a.analysis.get(t.task_id)]
    if "measures" in steps:
        found += [Todo(ui("todo_measure", lang, name=t.name or "—"), steps["measures"], t.task_id)
                  for t in focus if t.task_id not in chosen]
    if "action_plan" in steps:
        for action in a.actions:
            if not (action.owner and action.deadline):
                measure, task = action_names(q, a, action, lang)
                found.append(Todo(ui("todo_owner", lang, name=f"{measure} — {task}"), steps["action_plan"]))
    return found


class TodoList(RoundedFrame):
    """A box of unfinished items with 「移動」 buttons, rebuilt on every visit of the output step."""

    def __init__(self, parent: tkinter.Misc, wiz: NavigationHost) -> None:
        super().__init__(parent, corner_radius=10, fg_color=("#fff6e5", "gray20"))
        self.wiz = wiz
        self.columnconfigure(0, weight=1)
        self.title = FlatLabel(self, text="", font=style.font(14, "bold"), anchor="w")
        self.title.grid(row=0, column=0, columnspan=2, sticky="w", padx=16, pady=(8, 2))
        self.items: list[Todo] = []
        self._rows: list[tkinter.Widget] = []
        self._shown: tuple[str, list[Todo]] | None = None  # the language and items the rows show

    def refresh(self) -> None:
        """Re-read the model (the rows are made again only when the list changed)."""
        lang = self.wiz.lang
        items = unfinished(self.wiz)
        if self._shown is not None and self._shown == (lang, items):
            return
        self._shown = (lang, items)
        for widget in self._rows:
            widget.destroy()
        self._rows = []
        self.items = items
        if not self.items:
            self.title.configure(text=ui("todo_none", lang), text_color=style.DONE)
            return
        self.title.configure(text=ui("todo_title", lang), text_color=style.QUICK_WIN)
        for n, todo in enumerate(self.items[:MAX_SHOWN], start=1):
            label = FlatLabel(self, text="・" + todo.text, font=style.font(13), anchor="w", justify="left",
                              wraplength=2000)
            label.grid(row=n, column=0, sticky="w", padx=(24, 8))
            # wrapped beside its button: a long task name at 150 % ran under it
            fit_width.follow_width(self, label, margin=24 + 8 + 8 + 70 + 28 + 8)
            button = LightButton(self, text=ui("todo_go", lang), width=70, height=24, font=style.font(12),
                                 command=functools.partial(self.go, todo))
            button.grid(row=n, column=1, sticky="e", padx=(8, 28), pady=1)  # clear of the page's scrollbar
            self._rows += [label, button]
        if len(self.items) > MAX_SHOWN:
            more = FlatLabel(self, text=ui("todo_more", lang, n=len(self.items) - MAX_SHOWN), font=style.font(13),
                                text_color=style.MUTED, anchor="w")
            more.grid(row=MAX_SHOWN + 1, column=0, sticky="w", padx=24)
            self._rows.append(more)
        spacer = FlatFrame(self, height=6, fg_color="transparent")
        spacer.grid(row=MAX_SHOWN + 2, column=0)
        self._rows.append(spacer)
        keys.prepare(self)  # the 移動 buttons' focus rings before they are laid out, not after

    def go(self, todo: Todo) -> None:
        """Open the step (and the focus task) where the item is finished."""
        if todo.task_id is not None:
            self.wiz.current_task = todo.task_id
        self.wiz.go(todo.step)
        if todo.task_id is not None and self.wiz.current == todo.step:
            # the step opens on its first unfinished task; this item names a particular one
            self.wiz.current_task = todo.task_id
            self.wiz.pages[todo.step].refresh()
