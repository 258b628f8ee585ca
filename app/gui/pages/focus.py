"""Choosing focus tasks: a Pareto chart drawn on a Canvas next to a ticked list sorted by hours."""

from __future__ import annotations

import tkinter
from typing import TYPE_CHECKING, Any

import customtkinter as ctk
from tksheet import Sheet

from app.domain.questionnaire import Step
from app.gui import keys, style
from app.gui.flat_frame import FlatFrame
from app.gui.formats import hours, percent
from app.gui.pages.base import StepPage
from app.gui.strings import ui
from app.gui.widgets import show_texts

if TYPE_CHECKING:
    from app.gui.host import PageHost

MAX_BARS = 30
OTHER_BAR = "#b8c2cc"


class FocusPage(StepPage):
    """Ticks write ``assessment.focus``; "back to default" sets it to None (the Pareto default)."""

    def __init__(self, parent: tkinter.Misc, wiz: PageHost, step: Step) -> None:
        super().__init__(parent, wiz, step)
        self.ids: list[str] = []
        self._loaded: list[list[Any]] = []  # the rows last loaded into the sheet
        self._set_widths: list[int] = []  # the column widths last given to the sheet
        self._drawn: tuple[Any, ...] | None = None  # what the chart was last drawn from (see draw)
        self.body.columnconfigure((0, 1), weight=1, uniform="focus")
        self.body.rowconfigure(1, weight=1)
        bar = FlatFrame(self.body, fg_color="transparent")
        bar.grid(row=0, column=0, columnspan=2, sticky="ew", pady=(0, 6))
        self.reset_button = ctk.CTkButton(bar, text="", font=style.font(13), command=self.reset)
        self.reset_button.grid(row=0, column=0)
        self.summary = ctk.CTkLabel(bar, text="", font=style.font(14, "bold"))
        self.summary.grid(row=0, column=1, padx=16)
        # startup_focus: tksheet took the keyboard when made, off 次へ into a list with no current line
        self.sheet = Sheet(self.body, headers=["", "", "", "", ""], data=[], show_top_left=False,
                           show_row_index=False, font=style.tk_font(14), header_font=style.tk_font(13, "bold"),
                           default_header_height="2", table_wrap="", height=380, startup_focus=False)
        self.sheet.grid(row=1, column=0, sticky="nsew", padx=(0, 8))
        self.sheet.enable_bindings("single_select", "arrowkeys", "column_width_resize")
        keys.list_stop(self.sheet)  # Tab leaves the list (the arrows move between tasks)
        keys.current_on_focus(self.sheet)
        self.sheet.MT.bind("<space>", self._space)  # ticks or unticks the current line's task
        self.canvas = tkinter.Canvas(self.body, background="white", highlightthickness=0, height=380)
        self.canvas.grid(row=1, column=1, sticky="nsew")
        self.canvas.bind("<Configure>", lambda _e: self.draw(), add=True)
        self.message = ctk.CTkLabel(self.body, text="", font=style.font(13), text_color=style.ERROR, anchor="w")
        self.message.grid(row=2, column=0, columnspan=2, sticky="ew")

    def retranslate(self) -> None:
        super().retranslate()
        lang = self.wiz.lang
        show_texts(lang, [(self.reset_button, "focus_reset")])
        self.sheet.headers([ui(k, lang) for k in ("focus_col_tick", "focus_col_rank", "focus_col_name",
                                                   "focus_col_hours", "focus_col_cum")])
        self._widths()

    def _widths(self) -> bool:
        """Give the columns their widths at the current scale; whether they changed."""
        s = style.scale()
        widths = [round(w * s) for w in (56, 52, 236, 100, 72)]
        if widths == self._set_widths:
            return False
        self.sheet.set_column_widths(widths)
        self._set_widths = widths
        return True

    def rescale(self) -> None:
        self.sheet.font(style.tk_font(14))
        self.sheet.header_font(style.tk_font(13, "bold"))
        self._set_widths = []  # set again at the new size
        self._widths()
        self._drawn = None
        self.draw()

    def refresh(self) -> None:
        tasks = sorted(self.wiz.result().tasks, key=lambda t: t.rank)
        self.ids = [t.task_id for t in tasks]
        data: list[list[Any]] = [[t.focus, t.rank, t.name or "—", hours(t.annual_hours), percent(t.cumulative_share)]
                                 for t in tasks]
        # the list is loaded again and redrawn, and the chart drawn again, only when what they show changed (a
        # tick, the inventory, the language, the size): a later visit redrew 200 rows and the chart every time
        changed = data != self._loaded or data != self.sheet.get_sheet_data()
        if changed:
            self.sheet.set_sheet_data(data, reset_col_positions=False, redraw=False)
            self.sheet.checkbox(self.sheet.span("A", header=False), edit_data=False, check_function=self._clicked,
                                redraw=False)
            self.sheet.readonly(self.sheet.span("B:E", header=False))
            self.sheet.align(self.sheet.span("B", header=False), align="e", redraw=False)
            self.sheet.align(self.sheet.span("D:E", header=False), align="e", redraw=False)
            self._loaded = [list(row) for row in data]
        if self._widths() or changed:
            self.sheet.redraw()
        if self.message.cget("text"):
            self.message.configure(text="")
        self.update_summary()
        self.draw()

    def _clicked(self, _event: Any) -> None:
        self.sync()

    def toggle(self, row: int) -> None:
        """Tick or untick the task on ``row`` (as a click on its box does)."""
        self.sheet.click_checkbox(row, 0)
        self.sync()

    def _space(self, _event: Any) -> str:
        current = self.sheet.get_currently_selected()
        if current and 0 <= current.row < len(self.ids):
            self.toggle(current.row)
        return "break"

    def sync(self) -> None:
        """The ticks become an explicit focus list, in rank order."""
        data = self.sheet.get_sheet_data()
        self.wiz.a.focus = [tid for tid, row in zip(self.ids, data, strict=False) if row[0] is True]
        self.wiz.changed()
        self.update_summary()
        self.draw()

    def reset(self) -> None:
        """Back to the Pareto default selection."""
        self.wiz.a.focus = None
        self.wiz.changed()
        self.refresh()

    def update_summary(self) -> None:
        """How many focus tasks and what share of the hours they cover."""
        t = self.wiz.result().totals
        share = t.focus_hours / t.inventory_hours if t.inventory_hours else 0.0
        text = ui("focus_summary", self.wiz.lang, count=t.focus_count, hours=hours(t.focus_hours),
                  total=hours(t.inventory_hours), share=percent(share))
        if self.summary.cget("text") != text:  # a customtkinter label redraws itself on every configure
            self.summary.configure(text=text)

    def draw(self) -> None:
        """Bars of hours, most first, focus tasks in the accent colour, and the cumulative line.

        Drawn again only when something it shows changed: the tasks' hours, ranks and ticks, the language,
        the coverage line, the canvas size or the text size.
        """
        c = self.canvas
        w, h = c.winfo_width(), c.winfo_height()
        tasks = sorted(self.wiz.result().tasks, key=lambda t: t.rank)
        lang = self.wiz.lang
        key = (w, h, lang, style.scale(), self.wiz.q.value("pareto_coverage"),
               tuple((t.rank, t.annual_hours, t.focus, t.cumulative_share) for t in tasks))
        if key == self._drawn:
            return
        self._drawn = key
        c.delete("all")
        if w < 50 or h < 50 or not tasks:
            return
        f_small = style.tk_font(11)
        top_hours = max(t.annual_hours for t in tasks) or 1.0
        # room for the labels at this text size: fixed margins cut 「6,000.0」 at 150 % and 「100%」 in meeting
        # mode, and the titles above the chart ran into the first bar and the cumulative line
        def width(text: str) -> int:
            return int(c.tk.call("font", "measure", f_small, text))

        line = int(c.tk.call("font", "metrics", f_small, "-linespace"))
        left = max(56, width(hours(top_hours)) + 12)
        right, top, bottom = w - max(48, width("100%") + 12), max(24, 6 + line + 4), h - 36
        shown = tasks[:MAX_BARS]
        slot = (right - left) / len(shown)
        c.create_line(left, bottom, right, bottom, fill="#666")
        c.create_line(left, top, left, bottom, fill="#666")
        c.create_line(right, top, right, bottom, fill="#666")
        c.create_text(left - 6, top, text=hours(top_hours), anchor="ne", font=f_small)
        c.create_text(left - 6, bottom, text="0", anchor="e", font=f_small)
        c.create_text(right + 6, top, text="100%", anchor="nw", font=f_small)
        c.create_text(right + 6, bottom, text="0%", anchor="w", font=f_small)
        points: list[float] = []
        for n, t in enumerate(shown):
            x0 = left + n * slot + slot * 0.15
            x1 = left + (n + 1) * slot - slot * 0.15
            y = bottom - (bottom - top) * t.annual_hours / top_hours
            c.create_rectangle(x0, y, x1, bottom, fill=style.ACCENT if t.focus else OTHER_BAR, outline="")
            if len(shown) <= 15 or (n + 1) % 5 == 0 or n == 0:
                c.create_text((x0 + x1) / 2, bottom + 4, text=str(t.rank), anchor="n", font=f_small)
            points.extend(((x0 + x1) / 2, bottom - (bottom - top) * t.cumulative_share))
        # the guide over the bars, its label on a white ground: many tasks of similar size made every bar taller
        # than the line, and the bars hid both
        coverage = self.wiz.q.value("pareto_coverage")
        y_cov = bottom - (bottom - top) * coverage
        c.create_line(left, y_cov, right, y_cov, fill="#999", dash=(4, 3), tags=("coverage",))
        label = c.create_text(right - 4, y_cov - 2, text=percent(coverage), anchor="se", font=f_small, fill="#666",
                              tags=("coverage", "coverage_label"))
        x0, y0, x1, y1 = c.bbox(label)
        c.tag_lower(c.create_rectangle(x0 - 2, y0, x1 + 2, y1, fill="white", outline="", tags=("coverage",)), label)
        if len(points) >= 4:
            c.create_line(*points, fill=style.QUICK_WIN, width=2)
        for x, y in zip(points[::2], points[1::2], strict=True):
            c.create_oval(x - 3, y - 3, x + 3, y + 3, fill=style.QUICK_WIN, outline="")
        c.create_text(right, 6, text=ui("cumulative", lang) + " ─", anchor="ne", font=f_small, fill=style.QUICK_WIN)
        c.create_text(left, 6, text=ui("focus_col_hours", lang), anchor="nw", font=f_small)
        if len(tasks) > len(shown):
            c.create_text(right, bottom + 18, text=ui("focus_more", lang, count=len(tasks) - len(shown)),
                          anchor="ne", font=f_small, fill="#666")

    def leave(self, forward: bool) -> bool:
        if forward and not self.wiz.focus_tasks():
            self.message.configure(text=ui("focus_none", self.wiz.lang))
            return False
        return True
