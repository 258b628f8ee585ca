"""The action plan editor: lines proposed from the results, each with owner, dates, first step, KPI and status,
and the way into the follow-up window (振り返り) when the file is reopened months later."""

from __future__ import annotations

import datetime as dt
import functools
import tkinter
from typing import TYPE_CHECKING, Any

import customtkinter as ctk
from tksheet import Sheet

from app import service
from app.domain import plan as plan_rules
from app.domain.action_fields import ACTION_ITEMS
from app.domain.assessment import Action
from app.domain.plan import action_names
from app.domain.questionnaire import Step
from app.domain.values import parse_date, validate
from app.domain.vocabulary import ACTION_STATUSES, status_label
from app.gui import fit_width, keys, style
from app.gui.detail_area import DetailArea
from app.gui.dialogs import CalendarPopup
from app.gui.flat_frame import FlatFrame, FlatLabel, RoundedFrame
from app.gui.formats import hours
from app.gui.light import LightButton
from app.gui.pages.base import StepPage
from app.gui.segmented import Segmented
from app.gui.settled import SettledEntry, no_early_layout
from app.gui.strings import ui
from app.gui.typed_texts import TypedTexts
from app.gui.widgets import show_texts

if TYPE_CHECKING:
    from app.gui.followup_dialog import FollowUpDialog
    from app.gui.host import PageHost

TEXT_FIELDS = ("owner", "deadline", "first_step", "kpi", "baseline", "target", "review_date", "support")
DATE_FIELDS = ("deadline", "review_date")
# three fields a row, each label above its entry: readable at 125 % on a 1366×768 screen in both languages
LAYOUT = (("owner", "deadline", "review_date"), ("first_step", "support"), ("kpi", "baseline", "target"),
          ("status", "followup"))
SPANS = {"first_step": 2, "status": 2}  # the status needs room for four segments in English at 125 %
COLUMNS = ("col_measure", "col_task", "f_owner", "f_deadline", "f_review_date", "f_status", "col_realised")
FIXED_WIDTHS = (None, None, 120, 96, 96, 88, 116)  # at 100 %; measure and task share the rest
OVERDUE_BG = "#ffe2b8"


def today() -> dt.date:
    """Today's date (tests replace this function)."""
    return dt.date.today()


class PlanPage(StepPage):
    """A list of lines above and the selected line's details below; every keystroke goes into the model.

    ``typed`` keeps the text that does not fit per action line and field, as the forms' FormView does, so
    it is shown again with its message after going Back and returning, never silently replaced.
    """

    def __init__(self, parent: tkinter.Misc, wiz: PageHost, step: Step) -> None:
        super().__init__(parent, wiz, step)
        self.selected: str | None = None
        self._quiet = False
        # the document the plan was prefilled for: a second file opened later with no actions is prefilled too
        self._auto_proposed: object | None = None
        self.typed = TypedTexts()
        self.followup: FollowUpDialog | None = None
        bar = FlatFrame(self.body, fg_color="transparent")
        bar.grid(row=0, column=0, sticky="ew", pady=(0, 6))
        lang = wiz.lang  # buttons are made with their texts
        self.propose_button = LightButton(bar, text=ui("plan_propose", lang), font=style.font(13),
                                          command=self.propose)
        self.propose_button.grid(row=0, column=0)
        self.delete_button = LightButton(bar, text=ui("plan_delete", lang), font=style.font(13), fg_color="gray55",
                                         command=self.delete)
        self.delete_button.grid(row=0, column=1, padx=8)
        self.note = FlatLabel(bar, text="", font=style.font(13), text_color=style.MUTED)
        self.note.grid(row=0, column=2, padx=8)
        self.banner = RoundedFrame(self.body, fg_color="#fff4d6", corner_radius=8)
        self.banner.grid(row=1, column=0, sticky="ew", pady=(0, 6))
        self.banner.columnconfigure(0, weight=1)
        self.banner_label = FlatLabel(self.banner, text="", font=style.font(14, "bold"), anchor="w",
                                         justify="left", text_color="#7a4b00")
        self.banner_label.grid(row=0, column=0, sticky="w", padx=12, pady=6)
        self.banner_button = LightButton(self.banner, text=ui("plan_followup", lang), font=style.font(13),
                                         fg_color=style.QUICK_WIN,
                                         hover_color="#b86400", command=self.follow_up_overdue)
        self.banner_button.grid(row=0, column=1, padx=8, pady=6)
        with no_early_layout():  # tksheet lays the half-built page out four times while it is made
            self.sheet = Sheet(self.body, headers=[""] * len(COLUMNS), data=[], show_top_left=False,
                               startup_focus=False,  # tksheet took the keyboard when made, off 次へ
                               font=style.tk_font(14), header_font=style.tk_font(13, "bold"),
                               index_font=style.tk_font(13), height=150, table_wrap="", default_row_index_width=36)
        self.sheet.enable_bindings("single_select", "row_select", "arrowkeys", "column_width_resize")
        self.sheet.extra_bindings("all_select_events", self._selected)
        keys.list_stop(self.sheet)  # Tab leaves the list for the details (the arrows move between lines)
        self.sheet.grid(row=2, column=0, sticky="nsew")
        self.sheet.bind("<Configure>", lambda _e: self._widths(), add=True)
        self.body.rowconfigure(2, weight=1)
        self._build_detail()
        # the focus rings now, not when each control is first mapped: a ring added then makes its row taller
        # after the page was laid out, and the sheet above was laid out and drawn a second time
        keys.prepare(self)

    def _build_detail(self) -> None:
        # the details scroll when the window is short (150 %, meeting mode): the list above keeps a few lines
        self.detail_area = DetailArea(self.body, self.sheet)
        self.detail_area.grid(row=3, column=0, sticky="nsew", pady=(8, 0))
        self.detail = self.detail_area.detail
        self.detail.columnconfigure((0, 1, 2), weight=1, uniform="plan")
        self.vars: dict[str, tkinter.StringVar] = {}
        self.labels: dict[str, ctk.CTkLabel] = {}
        self.entries: dict[str, SettledEntry] = {}
        self.error_labels: dict[str, ctk.CTkLabel] = {}  # made when a field first has something to say
        self._cells: dict[str, FlatFrame] = {}
        self._error_wrap = 300
        self.calendar_buttons: list[LightButton] = []
        self.title_label = FlatLabel(self.detail, text="", font=style.font(15, "bold"), anchor="w", justify="left",
                                     wraplength=600)
        self.title_label.grid(row=0, column=0, columnspan=2, sticky="w", padx=12, pady=(8, 0))
        self.followup_button = LightButton(self.detail, text=ui("plan_followup", self.wiz.lang),
                                           font=style.font(13, "bold"),
                                           fg_color=style.DONE, hover_color="#25662a",
                                           command=lambda: self.open_followup(self.selected))
        self.followup_button.grid(row=0, column=2, sticky="e", padx=12, pady=(8, 0))
        for r, names in enumerate(LAYOUT, start=1):
            column = 0
            for name in names:
                span = SPANS.get(name, 1)
                cell = FlatFrame(self.detail, fg_color="transparent")
                cell.grid(row=r, column=column, columnspan=span, sticky="new",
                          padx=(12 if column == 0 else 6, 12 if column + span == 3 else 6), pady=(4, 2))
                column += span
                cell.columnconfigure(0, weight=1)
                label = FlatLabel(cell, text="", font=style.font(13, "bold"), anchor="w", height=20)
                label.grid(row=0, column=0, columnspan=2, sticky="w")
                self.labels[name] = label
                if name == "status":
                    self.status = Segmented(cell, [""], size=13, command=lambda _v: self._status_changed())
                    self.status.grid(row=1, column=0, sticky="w")
                    continue
                if name == "followup":
                    self.followup_summary = FlatLabel(cell, text="", font=style.font(13), anchor="w",
                                                         justify="left", wraplength=300)
                    self.followup_summary.grid(row=1, column=0, sticky="w")
                    continue
                var = tkinter.StringVar(self)
                entry = SettledEntry(cell, textvariable=var, font=style.font(), width=80)
                entry.grid(row=1, column=0, sticky="ew")
                if name in DATE_FIELDS:
                    b = LightButton(cell, text=ui("calendar_short", self.wiz.lang), width=44, font=style.font(12),
                                    command=functools.partial(self._calendar, name))
                    b.grid(row=1, column=1, padx=(4, 0))
                    self.calendar_buttons.append(b)
                var.trace_add("write", lambda *_a, n=name: self._changed(n))
                self.vars[name], self.entries[name], self._cells[name] = var, entry, cell
        fit_width.on_width(self.detail, self._wrap_detail)

    def _wrap_detail(self, detail_width: int) -> None:
        # the title over two of the three columns (a long action and task name ran under the follow-up
        # button at 150 %), error lines and the follow-up summary in one column
        title = max(200, detail_width * 2 // 3 - 30)
        if self.title_label.cget("wraplength") != title:
            self.title_label.configure(wraplength=title)
        width = max(160, detail_width // 3 - 30)
        self._error_wrap = width
        for label in (*self.error_labels.values(), self.followup_summary):
            if label.cget("wraplength") != width:
                label.configure(wraplength=width)

    # --- texts ---------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        super().retranslate()
        lang = self.wiz.lang
        show_texts(lang, [
            (self.propose_button, "plan_propose"),
            (self.delete_button, "plan_delete"),
            (self.banner_button, "plan_followup"),
            (self.followup_button, "plan_followup"),
            *((b, "calendar_short") for b in self.calendar_buttons),
        ])
        for name, label in self.labels.items():
            label.configure(text=ACTION_ITEMS[name].label.get(lang) if name in ACTION_ITEMS else ui("f_" + name, lang))
        self.status.configure(values=[status_label(s, lang) for s in ACTION_STATUSES])
        self.sheet.headers([ui(k, lang) for k in COLUMNS])
        self._widths()

    def _widths(self) -> None:
        # the columns fill the sheet's width: nothing hidden behind a horizontal scroll bar at 125 %
        s = style.scale()
        fixed = [round(w * s) for w in FIXED_WIDTHS if w is not None]
        available = self.sheet.winfo_width() - round(36 * s) - 24
        rest = max(round(200 * s), available - sum(fixed))
        widths = [round(rest * 0.42), rest - round(rest * 0.42), *fixed]
        if [round(w) for w in self.sheet.get_column_widths()] != widths:
            self.sheet.set_column_widths(widths)
            current = self.sheet.get_currently_selected()
            if current:  # tksheet moves its cells, not the selected line's border: selected again, it follows
                self.sheet.select_row(current.row, run_binding_func=False)

    def unfitted(self) -> int:
        """Plan fields (dates, hours) whose typed text is not valid yet."""
        return len(self.typed)

    def forget_document(self) -> None:
        """Another assessment: its action ids (a1, a2 …) are not these actions."""
        self.typed.clear()
        self.selected = None  # the first line is selected again

    def rescale(self) -> None:
        self.sheet.font(style.tk_font(14))
        self.sheet.header_font(style.tk_font(13, "bold"))
        self.sheet.index_font(style.tk_font(13))
        self._widths()

    # --- list ----------------------------------------------------------------------------------------
    def row(self, x: Action) -> list[Any]:
        """One line of the list."""
        lang = self.wiz.lang
        _label, task = action_names(self.wiz.q, self.wiz.a, x, lang)
        measure = plan_rules.action_heading(self.wiz.q, self.wiz.a, x, lang)  # 何をするか（改善策）
        realised = "" if x.realised_hours is None else hours(x.realised_hours)
        review = x.review_date + (f" {ui('plan_review_before', lang)}" if plan_rules.review_before_deadline(x) else "")
        return [measure, task, x.owner, x.deadline, review, status_label(x.status, lang), realised]

    def refresh(self) -> None:
        a = self.wiz.a
        if not a.actions and self._auto_proposed is not a:
            self._auto_proposed = a
            self.propose(quiet=True)
        self.sheet.set_sheet_data([self.row(x) for x in a.actions], reset_col_positions=False, redraw=False)
        self.sheet.readonly(self.sheet.span(":", header=False))
        self.sheet.align(self.sheet.span("G", header=False), align="e", redraw=False)
        self._mark_overdue()
        self._widths()
        self.sheet.redraw()
        ids = [x.id for x in a.actions]
        if self.selected not in ids:
            self.selected = ids[0] if ids else None
        if self.selected:
            self.sheet.select_row(ids.index(self.selected), redraw=True)
        self.note.configure(text="" if ids else ui("plan_empty", self.wiz.lang))
        self.show_detail()

    def overdue_actions(self) -> list[Action]:
        """Open actions whose review date has passed without a follow-up since."""
        return [x for x in self.wiz.a.actions if plan_rules.review_overdue(x, today())]

    def _mark_overdue(self) -> None:
        late = self.overdue_actions()
        self.sheet.dehighlight_cells(all_=True, redraw=False)
        ids = [x.id for x in self.wiz.a.actions]
        for x in late:
            self.sheet.highlight(ids.index(x.id), 4, bg=OVERDUE_BG, redraw=False)
        if late:
            self.banner_label.configure(text=ui("plan_overdue", self.wiz.lang, count=len(late)))
            self.banner.grid()
        else:
            self.banner.grid_remove()

    def _selected(self, _event: Any) -> None:
        rows = self.sheet.get_selected_rows(get_cells_as_rows=True)
        if rows:
            r = min(rows)
            if r < len(self.wiz.a.actions) and self.wiz.a.actions[r].id != self.selected:
                self.select(r)

    def select(self, row: int) -> None:
        """Edit the line on ``row``."""
        self.selected = self.wiz.a.actions[row].id
        self.show_detail()

    def action(self) -> Action | None:
        """The line being edited."""
        try:
            return self.wiz.a.action(self.selected) if self.selected else None
        except KeyError:
            return None

    def show_detail(self) -> None:
        """Fill the detail fields from the selected line (text that did not fit is shown again, with its message)."""
        x = self.action()
        if x is None:
            self.detail_area.grid_remove()
            return
        self.detail_area.grid()
        self.title_label.configure(text="　".join(str(v) for v in self.row(x)[:2]))
        self._quiet = True
        for name, var in self.vars.items():
            value, kept = getattr(x, name), self.typed.get(x, name)
            var.set(str(kept[0]) if kept else ("" if value is None else str(value)))
            self._show_error(name, kept[1] if kept else "")
        self.status.set(status_label(x.status, self.wiz.lang))
        self._quiet = False
        self.followup_summary.configure(text=self._followup_text(x))

    def _followup_text(self, x: Action) -> str:
        lang = self.wiz.lang
        if not x.history:
            return ui("plan_no_followup", lang)
        last = x.history[-1]
        text = ui("plan_last_followup", lang, date=last.date, status=status_label(last.status, lang),
                  count=len(x.history))
        if x.realised_hours is not None:
            text += "\n" + ui("plan_realised", lang, hours=hours(x.realised_hours))
        return text

    def _show_error(self, name: str, message: str) -> None:
        label = self.error_labels.get(name)
        if label is None:
            if not message:
                return
            label = FlatLabel(self._cells[name], text="", font=style.font(12), text_color=style.ERROR, anchor="w",
                                 justify="left", wraplength=self._error_wrap)
            self.error_labels[name] = label
        text = ("⚠ " + message) if message else ""
        if label.cget("text") != text:
            label.configure(text=text)
        if message:
            label.grid(row=2, column=0, columnspan=2, sticky="w")
        else:
            label.grid_remove()

    # --- edits ---------------------------------------------------------------------------------------
    def _changed(self, name: str) -> None:
        x = self.action()
        if self._quiet or x is None:
            return
        text = self.vars[name].get().strip()
        message = ""
        if name in DATE_FIELDS:
            value, problem = validate(ACTION_ITEMS[name], text, self.wiz.lang)
            if problem is not None:
                message = problem.message(self.wiz.lang)
            elif name == "deadline":  # the review date follows it until it is set by hand
                plan_rules.set_deadline(self.wiz.q, self.wiz.a, x, str(value or ""), today())
                self._quiet = True  # show the review date that followed, not as typed by hand
                self.vars["review_date"].set(x.review_date)
                self._quiet = False
            else:
                plan_rules.set_review_date(self.wiz.q, self.wiz.a, x, str(value or ""), today())
        else:
            setattr(x, name, self.vars[name].get())
        if message:
            self.typed.keep(x, name, self.vars[name].get(), message)
        else:
            self.typed.drop(x, name)
        self._show_error(name, message)
        self._update_row(x)
        self.wiz.changed()

    def _status_changed(self) -> None:
        x = self.action()
        if self._quiet or x is None:
            return
        labels = {status_label(s, self.wiz.lang): s for s in ACTION_STATUSES}
        x.status = labels.get(self.status.get(), x.status)
        self._update_row(x)
        self._mark_overdue()
        self.wiz.changed()

    def set_status(self, status: str) -> None:
        """Pick a status as a click on the segmented button does."""
        self.status.set(status_label(status, self.wiz.lang))
        self._status_changed()

    def _update_row(self, x: Action) -> None:
        r = next(n for n, a in enumerate(self.wiz.a.actions) if a.id == x.id)
        self.sheet.set_row_data(r, values=self.row(x), redraw=True)

    def _calendar(self, name: str) -> None:
        start = parse_date(self.vars[name].get()) or dt.date.today()
        CalendarPopup(self, start, lambda d: self.vars[name].set(d.isoformat()), self.wiz.lang)

    def propose(self, quiet: bool = False) -> None:
        """Add lines for the quick wins and local projects not yet in the plan."""
        added = service.propose_actions(self.wiz.q, self.wiz.a, lang=self.wiz.lang)
        if added:
            self.wiz.changed()
        if not quiet:
            self.refresh()
            self.note.configure(text=ui("plan_added", self.wiz.lang, count=added))

    def delete(self) -> None:
        """Remove the selected line."""
        x = self.action()
        if x is None:
            return
        self.wiz.a.actions = [a for a in self.wiz.a.actions if a.id != x.id]
        self.selected = None
        self.wiz.changed()
        self.refresh()

    # --- follow-up -------------------------------------------------------------------------------------
    def open_followup(self, action_id: str | None = None) -> FollowUpDialog:
        """The follow-up window on ``action_id`` (or the first line); the list refreshes when it closes."""
        from app.gui.followup_dialog import open_followup_dialog

        if self.followup is not None and self.followup.winfo_exists():
            self.followup.lift()
        else:
            self.followup = open_followup_dialog(self, self.wiz.q, self.wiz.a, self._followed_up, lang=self.wiz.lang,
                                                 today=today())
        if action_id is not None:
            self.followup.select(action_id)
        return self.followup

    def follow_up_overdue(self) -> FollowUpDialog:
        """The follow-up window on the first action whose review date has passed."""
        late = self.overdue_actions()
        return self.open_followup(late[0].id if late else self.selected)

    def _followed_up(self, changed: bool) -> None:
        self.followup = None
        if changed:
            self.wiz.changed()
            self.wiz.update_sidebar()
        self.refresh()

    def leave(self, forward: bool) -> bool:
        if not forward:
            return True
        for owner, name, message in self.typed.entries():
            row = next((n for n, a in enumerate(self.wiz.a.actions) if a is owner), None)
            if row is None:
                self.typed.drop(owner, name)  # the line was deleted meanwhile
                continue
            if self.wiz.a.actions[row].id != self.selected:
                self.select(row)
            self._show_error(name, message)
            return False
        return True
