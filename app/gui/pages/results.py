"""Results: the impact/effort matrix drawn on a Canvas (four labelled quadrants, quick wins highlighted) and lists."""

from __future__ import annotations

import math
import tkinter
import tkinter.font
from typing import TYPE_CHECKING

from app.domain.messages import format_message
from app.domain.plan import action_title
from app.domain.questionnaire import Step
from app.domain.results import MATRIX_POINTS, MeasureResult, matrix_order, matrix_points
from app.domain.vocabulary import quadrant_label
from app.gui import style
from app.gui.flat_frame import FlatLabel
from app.gui.formats import bracket, decimal, hours, yen
from app.gui.listview import TwoColumnList
from app.gui.pages.base import StepPage
from app.gui.strings import ui
from app.gui.wrap import wrap

if TYPE_CHECKING:
    from app.gui.host import PageHost

CROSS = "#7b5ea7"
TWO_LINES = "\n　 "  # measure, then the task indented under it: a narrow column never breaks "— " off alone
NUMBERS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def marker(n: int) -> str:
    """①, ② … for the first twenty points, then (21), (22) …"""
    return NUMBERS[n - 1] if n <= len(NUMBERS) else f"({n})"


MAX_LISTED = 200
"""The most measures the list 「検討した改善策」 shows, the largest savings first (every point of the matrix)."""


class ResultsPage(StepPage):
    """Everything here is computed from the model by service.score; nothing is edited."""

    def __init__(self, parent: tkinter.Misc, wiz: PageHost, step: Step) -> None:
        super().__init__(parent, wiz, step)
        self.summary = FlatLabel(self.body, text="", font=style.font(14, "bold"), anchor="w", justify="left",
                                    wraplength=1100)
        self.summary.grid(row=0, column=0, columnspan=2, sticky="ew", pady=(0, 6))
        # the summary wraps to the page (at 150 % it is wider than the window: 「円（11.1%）」 was cut)
        self._summary = ""
        self._summary_width = 1000
        self.body.bind("<Configure>", self._wrap_summary, add=True)
        self.body.columnconfigure(0, weight=3)
        self.body.columnconfigure(1, weight=2)
        self.body.rowconfigure(1, weight=1)
        self.canvas = tkinter.Canvas(self.body, background="white", highlightthickness=0, height=420)
        self.canvas.grid(row=1, column=0, sticky="nsew", padx=(0, 10))
        self.canvas.bind("<Configure>", lambda _e: self.draw(), add=True)
        self.lists = TwoColumnList(self.body, fg_color=("white", "gray20"))
        self.lists.grid(row=1, column=1, sticky="nsew")
        self.measures: list[MeasureResult] = []  # every measure, in the matrix's order
        self.plotted: list[MeasureResult] = []  # those the matrix draws, point 1 first
        self.not_drawn = 0  # rated measures past the matrix's MATRIX_POINTS

    def refresh(self) -> None:
        r = self.wiz.result()
        # the matrix ranks ideas by what each would save alone; totals add the shares (as in the PDF). It draws the
        # largest MATRIX_POINTS with an ease, numbered as the PDF numbers them: every one of 3,000 measures (1,000
        # focus tasks) took minutes to place, and an unrated one was drawn at ease 1 under a number the PDF
        # gives another measure
        self.measures = matrix_order(r.measures)
        self.plotted, self.not_drawn = matrix_points(r.measures)
        t = r.totals
        lang = self.wiz.lang
        self._summary = ui("res_summary", lang, inv=hours(t.inventory_hours), tasks=t.task_count,
                                       focus=hours(t.focus_hours), pot=hours(t.potential_hours),
                                       yen=yen(t.potential_yen), index=f"{decimal(t.potential_index)}%")
        c = t.quadrant_counts
        counts = {"quick": c.get("quick_win", 0), "major": c.get("major_project", 0), "fill": c.get("fill_in", 0),
                  "not_now": c.get("not_now", 0)}
        self._summary += "\n" + (ui("res_counts", lang, first=t.quick_win_count, **counts) if t.quick_win_count
                                 else ui("res_counts_none", lang, **counts))  # never 「まずはこの0つから」
        target = hours(t.target_hours) if t.target_hours else "—"
        self._summary += "\n" + (ui("res_year", lang, planned=hours(t.this_year_planned_hours),
                                    factor=f"{decimal(t.realisation_factor * 100)}%",
                                    expected=hours(t.this_year_expected_hours), target=target)
                                 if t.fiscal_year_end else ui("res_year_no_date", lang, target=target))
        self._summary += "".join("\n⚠ " + format_message(w.code, lang, **w.params) for w in r.warnings)
        self._show_summary()

        self.fill_lists()
        self.draw()

    def building(self) -> bool:
        return self.lists.building()  # rows below the list's first screen are made after the page is shown

    def _wrap_summary(self, event: tkinter.Event[tkinter.Misc]) -> None:
        self._summary_width = max(300, int(event.width / style.scale()) - 10)
        self._show_summary()

    def _show_summary(self) -> None:
        width = self._summary_width
        self.summary.configure(text=wrap(self._summary, self.summary.cget("font").measure, width),
                               wraplength=width + 40)

    def label_of(self, m: MeasureResult, sep: str = " — ") -> str:
        """"Measure — task" in the current language (``sep`` "\n" puts the task on a line of its own)."""
        lang = self.wiz.lang
        task = self.wiz.result().task(m.task_id)
        return f"{self.wiz.q.measure(m.measure_id).label.get(lang)}{sep}{task.name}"

    def fill_lists(self) -> None:
        """Quick wins, central-team proposals, then every measure with its marker on the matrix."""
        r = self.wiz.result()
        lang = self.wiz.lang
        box = self.lists
        box.clear()
        if not self.measures:
            box.note(ui("res_no_measures", lang))
        count = len(r.quick_wins)
        # as the PDF says it: 「この3つ」 only over three (or none yet), 「この1つ」 over one
        title = ui("res_quick", lang) if count in (0, 3) else ui("res_quick_n", lang, n=count)
        box.heading("★ " + title)
        for n, m in enumerate(r.quick_wins, start=1):
            # as the PDF's box: what will be done (何をするか) first, then which measure on which task
            title = action_title(self.wiz.q, self.wiz.a, m.task_id, m.measure_id) or ui("res_no_title", lang)
            box.row(f"{n}. {title}{TWO_LINES}{self.label_of(m)}", f"{hours(m.potential_hours)} h", style.QUICK_WIN,
                    bold=True)
        if not r.quick_wins:
            box.note(ui("res_none", lang))
        box.heading(ui("res_proposals", lang, team=self.wiz.q.team_name(lang)))
        for m in r.proposals:
            box.row(f"・{self.label_of(m, TWO_LINES)}", f"{hours(m.potential_hours)} h")
        if not r.proposals:
            box.note(ui("res_none", lang))
        box.heading(ui("res_all", lang))
        quick = set(r.quick_wins)
        number = {id(m): n for n, m in enumerate(self.plotted, start=1)}
        # a list of 3,000 measures (1,000 focus tasks) was 6,000 widgets: half a minute of Tk's layout on a first
        # visit. The rest are in the Excel export's 改善策 sheet and the PDF's task table, and the list says so
        listed = [m for n, m in enumerate(self.measures) if n < MAX_LISTED or id(m) in number]  # every point
        for m in listed:
            quadrant = quadrant_label(m.quadrant, lang)
            color = style.QUICK_WIN if m in quick else None
            measure = self.wiz.q.measure(m.measure_id).label.get(lang)
            task = self.wiz.result().task(m.task_id).name
            point = number.get(id(m))
            box.row(f"{marker(point) if point else '・'} {measure}{bracket(quadrant, lang)}{TWO_LINES}{task}",
                    f"{hours(m.standalone_hours)} h", color)  # where its marker sits: what it saves alone
        unrated = len(self.measures) - len(self.plotted) - self.not_drawn
        if self.not_drawn:
            box.note(ui("res_matrix_top", lang, shown=MATRIX_POINTS))
        if unrated:
            box.note(ui("res_matrix_unrated", lang, n=unrated))
        if len(listed) < len(self.measures):
            box.note(ui("res_list_more", lang, shown=len(listed), n=len(self.measures) - len(listed)))
        unit = self.wiz.q.value("unit_cost_yen_per_hour")
        box.note(ui("res_unit_cost", lang, cost=yen(unit)))
        box.finish()

    def _quadrant_names(self, font: tuple[str, int, str], xs: tuple[float, float, float]) -> tuple[dict[str, str], int]:
        """Each quadrant's name wrapped inside its quadrant (between ``xs``: left, the cut, right), and the pixels
        the upper names' further lines take. 「Quick win」 ran past the narrow right-hand quadrants at 150 %."""
        left, xc, right = xs
        big = tkinter.font.Font(root=self.canvas, font=font)
        spans = {"major_project": (left, xc), "quick_win": (xc, right), "not_now": (left, xc), "fill_in": (xc, right)}
        names = {key: wrap(quadrant_label(key, self.wiz.lang), big.measure, max(1, round(x1 - x0 - 8)))
                 for key, (x0, x1) in spans.items()}
        extra = max(names[key].count("\n") for key in ("major_project", "quick_win"))
        return names, extra * int(big.metrics("linespace"))

    def draw(self) -> None:
        """The matrix: ease to the right, impact (log hours) upwards, split at the questionnaire's cut-offs."""
        c = self.canvas
        c.delete("all")
        w, h = c.winfo_width(), c.winfo_height()
        if w < 100 or h < 100:
            return
        q = self.wiz.q
        lang = self.wiz.lang
        small = style.tk_font(11)
        measure = tkinter.font.Font(root=c, font=small)
        line = measure.metrics("linespace")
        # room for the vertical axis name and then the 「50 h」 tick beside the axis: they never overlap
        left = 6 + line + 6 + measure.measure("500 h") + 6
        right, top, bottom = w - 16, 16, h - 8 - 2 * line - 10
        ease_cut = q.value("quadrant_ease_min")
        band = int(q.value("quadrant_potential_min"))
        hours_cut = next((b.min_hours for b in q.bands if b.level == band), 50.0) or 50.0
        values = [m.standalone_hours for m in self.plotted if m.standalone_hours > 0]
        lo = min([hours_cut / 4, *values])
        hi = max([hours_cut * 4, *values]) * 4.0  # head-room: the quadrant names sit above the highest point
        # foot-room too: the lower quadrants' names sit at their bottom, below the lowest point
        lo, hi = math.log10(max(lo, 0.1)) - 0.45, math.log10(hi)

        def x_of(ease: float) -> float:
            return left + (right - left) * (ease - 0.75) / 4.5  # a margin so points at 1 and 5 stay whole

        xc = x_of(ease_cut)
        big = style.tk_font(18, "bold")
        names, room = self._quadrant_names(big, (left, xc, right))
        # head-room for the upper names' further lines: twice their height, as the scale shrinks below them too
        hi += (hi - lo) * 2 * room / max(1.0, bottom - top - 2 * room)

        def y_of(p: float) -> float:
            return bottom - (bottom - top) * (math.log10(max(p, 10 ** lo)) - lo) / (hi - lo)

        yc = y_of(hours_cut)
        quads = {"major_project": (left, top, xc, yc), "quick_win": (xc, top, right, yc),
                 "not_now": (left, yc, xc, bottom), "fill_in": (xc, yc, right, bottom)}
        free: dict[str, tuple[float, float, float, float]] = {}
        for key, (x0, y0, x1, y1) in quads.items():
            c.create_rectangle(x0, y0, x1, y1, fill=style.QUADRANT_FILL[key], outline="#c8ced4",
                               tags=("area", f"area_{key}"))
            color = style.QUICK_WIN if key == "quick_win" else "#55606b"
            upper = key in ("major_project", "quick_win")
            name = c.create_text((x0 + x1) / 2, y0 + 8 if upper else y1 - 6, text=names[key], justify="center",
                                 anchor="n" if upper else "s", font=big, fill=color, tags=("quadrant", key))
            box = c.bbox(name)
            # where the quadrant's points may go: not under its name
            free[key] = (x0, box[3] + 2, x1, y1) if upper else (x0, y0, x1, box[1] - 2)
        c.create_text((left + right) / 2, h - 6, text=ui("axis_ease", lang), anchor="s", font=small)
        c.create_text(6 + line / 2, (top + bottom) / 2, text=ui("axis_impact", lang), angle=90, font=small)
        for e in range(1, 6):
            c.create_text(x_of(e), bottom + 4, text=str(e), anchor="n", font=small)
        c.create_text(left - 4, yc, text=f"{hours_cut:g} h", anchor="e", font=small)
        quick = set(self.wiz.result().quick_wins)
        placed: list[tuple[float, float]] = []
        radius = round(11 * style.scale())
        for n, m in enumerate(self.plotted, start=1):
            x, y = _place_point((x_of(m.ease or 1.0), y_of(m.standalone_hours)),
                                free.get(m.quadrant, (left, top, right, bottom)), radius, placed)
            placed.append((x, y))
            is_quick = m in quick
            fill = style.QUICK_WIN if is_quick else (CROSS if m.cross_department else style.ACCENT)
            r_ = radius + (3 if is_quick else 0)
            on_top = ("quick",) if is_quick else ()
            c.create_oval(x - r_, y - r_, x + r_, y + r_, fill=fill, outline="#222" if is_quick else "white",
                          width=2 if is_quick else 1, tags=("point", f"point_in_{m.quadrant}", *on_top))
            c.create_text(x, y, text=str(n), fill="white", font=style.tk_font(12, "bold"), tags=on_top)
        # a full quadrant lets its last points overlap: never over a quick win (point 12 hid point 1 at 150 %)
        c.tag_raise("quick")


def _place_point(at: tuple[float, float], area: tuple[float, float, float, float], radius: float,
                 placed: list[tuple[float, float]]) -> tuple[float, float]:
    """Where a measure's point is drawn: at its ease and hours, kept inside its quadrant's free ``area`` (below
    or above the quadrant's name) and fanned out from the points already ``placed``.

    The matrix never shows a measure in a quadrant the plan does not put it in: a point pushed sideways used to
    cross the ease line (at 150 % in English a quick win was drawn in 計画的に). Points that would overlap move
    towards the middle of their quadrant, then a row further in; a full quadrant lets the last ones overlap.
    """
    x0, y0, x1, y1 = area
    lo_x, hi_x = x0 + radius, max(x0 + radius, x1 - radius)
    lo_y, hi_y = y0 + radius, max(y0 + radius, y1 - radius)
    x, y = min(max(at[0], lo_x), hi_x), min(max(at[1], lo_y), hi_y)
    step = radius * 2.1 if x < (x0 + x1) / 2 else -radius * 2.1
    rise = radius * 2.1 if y < (y0 + y1) / 2 else -radius * 2.1
    for _ in range(400):
        if not any(abs(x - px) < radius * 2 and abs(y - py) < radius * 2 for px, py in placed):
            break
        x += step
        if not lo_x <= x <= hi_x:  # the next row instead, going back the other way
            x, step = min(max(x - step, lo_x), hi_x), -step
            y += rise
            if not lo_y <= y <= hi_y:
                y, rise = min(max(y - rise, lo_y), hi_y), -rise
    return x, y
