"""Small shared widgets: the focus-task selector of the per-task pages and the glossary window."""

from __future__ import annotations

import tkinter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import customtkinter as ctk

from app.domain.questionnaire import Questionnaire
from app.gui import style
from app.gui.after_jobs import Toplevel
from app.gui.flat_frame import WrappedLabel
from app.gui.formats import hours
from app.gui.strings import ui
from app.gui.wrap import wrap

if TYPE_CHECKING:
    from app.gui.host import PageHost


class FoldingLabel(WrappedLabel):
    """A status line that takes no room while it is empty (a blank CTkLabel is still a line high)."""

    def configure(self, require_redraw: bool = False, **kwargs: Any) -> None:
        super().configure(require_redraw=require_redraw, **kwargs)
        if "text" in kwargs:  # gridded once where it belongs; then shown and folded with its text
            if kwargs["text"]:
                self.grid()
            else:
                self.grid_remove()


class TaskSelector(ctk.CTkFrame):
    """◀ [focus task ▼] ▶ with "focus task n of N"; moving never loses answers (they are in the model)."""

    def __init__(self, parent: tkinter.Misc, wiz: PageHost, on_select: Callable[[], None]) -> None:
        super().__init__(parent, fg_color=style.PANEL, corner_radius=8)
        self.wiz = wiz
        self._on_select = on_select
        self._ids: list[str] = []
        self.prev = ctk.CTkButton(self, text="", width=110, font=style.font(13), command=lambda: self.move(-1))
        self.prev.grid(row=0, column=0, padx=(8, 4), pady=6)
        # the menu takes what room there is (in meeting mode at 175 % a fixed 420 px pushed the 「n / N」 off)
        self.menu = ctk.CTkOptionMenu(self, values=[""], width=180, font=style.font(), dropdown_font=style.font(),
                                      dynamic_resizing=False, command=self._picked)
        self.menu.grid(row=0, column=1, padx=4, pady=6, sticky="ew")
        self.columnconfigure(1, weight=1)
        self.next = ctk.CTkButton(self, text="", width=110, font=style.font(13), command=lambda: self.move(1))
        self.next.grid(row=0, column=2, padx=4, pady=6)
        self.info = ctk.CTkLabel(self, text="", font=style.font(13), text_color=style.MUTED, justify="left")
        self.info.grid(row=0, column=3, padx=(8, 12), pady=6, sticky="w")

    def refresh(self) -> str | None:
        """Re-read the focus tasks; keeps the current task when it is still a focus task. Returns it."""
        tasks = self.wiz.focus_tasks()
        self._ids = [t.task_id for t in tasks]
        lang = self.wiz.lang
        # each configure redraws a customtkinter widget: only what changed is set (a later visit redrew all five)
        configure_changed(self.prev, text=ui("prev_task", lang))
        configure_changed(self.next, text=ui("next_task", lang))
        labels = [f"{n}. {t.name or '—'}" for n, t in enumerate(tasks, start=1)]
        configure_changed(self.menu, values=labels or [""])
        if self.wiz.current_task not in self._ids:
            self.wiz.current_task = self._ids[0] if self._ids else None
        tid = self.wiz.current_task
        if tid is None:
            self.menu.set("")
            configure_changed(self.info, text=ui("no_focus", lang))
            return None
        n = self._ids.index(tid)
        if self.menu.get() != labels[n]:
            self.menu.set(labels[n])
        configure_changed(self.info, text=ui("task_of", lang, n=n + 1, total=len(self._ids)) + "\n"
                          + ui("task_hours", lang, hours=hours(tasks[n].annual_hours)))
        configure_changed(self.prev, state="normal" if n > 0 else "disabled")
        configure_changed(self.next, state="normal" if n + 1 < len(self._ids) else "disabled")
        return tid

    def position(self) -> tuple[int, int]:
        """(index of the current task, number of focus tasks)."""
        tid = self.wiz.current_task
        return (self._ids.index(tid) if tid in self._ids else -1, len(self._ids))

    def move(self, delta: int) -> bool:
        """Go to the previous/next focus task; False when there is none."""
        n, total = self.position()
        if not 0 <= n + delta < total:
            return False
        self.wiz.current_task = self._ids[n + delta]
        self._on_select()
        return True

    def _picked(self, label: str) -> None:
        number = label.split(".", 1)[0]
        if number.isdigit() and 0 < int(number) <= len(self._ids):
            self.wiz.current_task = self._ids[int(number) - 1]
            self._on_select()


class GlossaryWindow(Toplevel):
    """Plain explanations of OCR, RPA, ECRS and the other terms, from the questionnaire; hidden, never destroyed."""

    def __init__(self, parent: tkinter.Misc, q: Questionnaire,
                 shortcuts: Callable[[str], list[tuple[str, str]]] | None = None) -> None:
        super().__init__(parent)
        self.geometry(style.window_size(self, 560, 520))
        self.transient(parent.winfo_toplevel())
        self.protocol("WM_DELETE_WINDOW", self.withdraw)
        self.q = q
        self._shortcuts = shortcuts
        frame = ctk.CTkScrollableFrame(self, fg_color="transparent")
        frame.pack(fill="both", expand=True, padx=8, pady=8)
        frame.columnconfigure(0, weight=1)
        self.frame = frame
        self.texts: list[ctk.CTkLabel] = []
        for n, entry in enumerate(q.glossary):
            ctk.CTkLabel(frame, text=entry.term, font=style.font(15, "bold"), anchor="w").grid(
                row=2 * n + 2, column=0, sticky="w", pady=(8, 0))
            label = WrappedLabel(frame, text="", font=style.font(), anchor="w", justify="left", wraplength=480)
            label.grid(row=2 * n + 3, column=0, sticky="w")
            self.texts.append(label)
        # the keyboard section above the terms (F1 opens this window): keys on the left, what they do beside them
        self.keys_title = ctk.CTkLabel(frame, text="", font=style.font(15, "bold"), anchor="w")
        self.keys_title.grid(row=0, column=0, sticky="w", pady=(8, 0))
        self.keys_table = ctk.CTkFrame(frame, fg_color="transparent")
        self.keys_table.grid(row=1, column=0, sticky="w", pady=(0, 8))
        self.keys_rows: list[tuple[ctk.CTkLabel, ctk.CTkLabel]] = []
        # the window takes the focus when shown and nothing in it does: without these a keyboard-only user saw
        # the key table and the first terms, never the rest
        for sequence, how in (("<Next>", (1, "pages")), ("<Prior>", (-1, "pages")), ("<Down>", (1, "units")),
                              ("<Up>", (-1, "units"))):
            self.bind(sequence, lambda _e, how=how: self._scroll(*how), add=True)
        self.bind("<Home>", lambda _e: self._scroll_to(0.0), add=True)
        self.bind("<End>", lambda _e: self._scroll_to(1.0), add=True)

    def _scroll(self, steps: int, what: str) -> str:
        canvas = self.frame._parent_canvas
        if canvas.yview() != (0.0, 1.0):  # customtkinter's frame scrolls past its top when it all fits
            canvas.yview_scroll(steps, what)
        return "break"

    def _scroll_to(self, fraction: float) -> str:
        self.frame._parent_canvas.yview_moveto(fraction)
        return "break"

    def show(self, lang: str) -> None:
        """Raise the window with its texts in ``lang``."""
        self.title(ui("help_title", lang) if self._shortcuts else ui("glossary", lang))
        for label, entry in zip(self.texts, self.q.glossary, strict=True):
            label.configure(text=wrap(entry.text.get(lang), label.cget("font").measure, 480), wraplength=520)
        if self._shortcuts is not None:
            self.keys_title.configure(text=ui("keys_title", lang))
            for n, (keys, what) in enumerate(self._shortcuts(lang)):
                if n == len(self.keys_rows):
                    key = ctk.CTkLabel(self.keys_table, text="", height=20, font=style.font(13, "bold"), anchor="nw",
                                       justify="left")
                    key.grid(row=n, column=0, sticky="nw", padx=(0, 10), pady=3)
                    text = ctk.CTkLabel(self.keys_table, text="", height=20, font=style.font(13), anchor="nw",
                                        justify="left")
                    text.grid(row=n, column=1, sticky="nw", pady=3)
                    self.keys_rows.append((key, text))
                key, text = self.keys_rows[n]
                key.configure(text=keys.replace(" / ", "\n"))
                text.configure(text=wrap(what, text.cget("font").measure, 330), wraplength=370)
        self.deiconify()
        self.lift()
        self.focus_force()  # Esc closes it again


def configure_changed(widget: Any, **options: Any) -> None:
    """Configure only the options whose value differs from the widget's (a customtkinter widget redraws
    itself on every configure, whatever it is given)."""
    changed = {k: v for k, v in options.items() if widget.cget(k) != v}
    if changed:
        widget.configure(**changed)


def show_texts(lang: str, texts: Iterable[tuple[Any, str]]) -> None:
    """Give each widget the window text of its key in ``lang`` (the retranslate run of a page)."""
    for widget, key in texts:
        text = ui(key, lang)
        if widget.cget("text") != text:  # a customtkinter widget redraws itself on every configure
            widget.configure(text=text)


def tool_window_header(window: ctk.CTkToplevel, lang: str, title: str, intro: str, *, size: tuple[int, int],
                       wrap: int) -> ctk.CTkLabel:
    """The top of a tool window (ward-wide summary, import, follow-up): its title, size and introduction."""
    window.title(ui(title, lang))
    window.geometry(style.window_size(window, *size))
    label = WrappedLabel(window, text=ui(intro, lang), font=style.font(), wraplength=wrap, justify="left")
    label.pack(anchor="w", padx=16, pady=(12, 6))
    return label
