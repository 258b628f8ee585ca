"""Per focus task: the measures the answers suggest, a tick to pursue each, and its impact and ease questions.

One card per catalogue measure is built the first time it is needed and then only shown or hidden;
the card reads and writes ``assessment.measures[task][measure]`` of whichever focus task is current.
"""

from __future__ import annotations

import tkinter
from typing import TYPE_CHECKING, Any

import customtkinter as ctk

from app.domain.questionnaire import Measure, Step
from app.domain.scoring import task_env
from app.domain.vocabulary import quadrant_label
from app.gui import fit_width, style
from app.gui.check_box import CheckBox
from app.gui.flat_frame import FlatLabel
from app.gui.form_view import FormView
from app.gui.formats import decimal, hours, percent
from app.gui.pages.base import PerTaskPage
from app.gui.spread_widgets import MeasureExtras
from app.gui.strings import ui

if TYPE_CHECKING:
    from app.gui.host import PageHost

EAGER_CARDS = 1  # cards built before the page is shown; the rest follow one at a time
# a ticked card's questions built at once: what the first card shows of them at 100 % on a 1366×768 screen
# (the sixth's label only); the others follow one at a time
EAGER_FIELDS = 6
CARD_TEXT_MARGIN = 2 * 42 + 8  # a card's texts: indented 42 px on both sides (grid padx), the border and a little air


class MeasureCard(ctk.CTkFrame):
    """A measure: tick, description, and (when ticked) its questions and live score."""

    def __init__(self, parent: tkinter.Misc, page: MeasuresPage, measure: Measure) -> None:
        super().__init__(parent, corner_radius=8, border_width=1, border_color=("gray75", "gray35"))
        self.page = page
        self.wiz = page.wiz
        self.measure = measure
        self.columnconfigure(0, weight=1)
        self.var = tkinter.IntVar(self, 0)
        self._quiet = False
        self.check = CheckBox(self, text="", variable=self.var, font=style.font(16, "bold"),
                              command=self._toggled)
        self.check.grid(row=0, column=0, sticky="w", padx=12, pady=(10, 2))
        self.status = FlatLabel(self, text="", font=style.font(13, "bold"), anchor="e", justify="right",
                                wraplength=1000)
        self.status.grid(row=0, column=1, sticky="e", padx=12)
        # the score beside the tick wraps into the room the measure's name leaves (English at 150 % ran
        # off the card); the description and the notice wrap at the card's width
        self._room: int | None = None
        fit_width.on_width(self, self._fit_status)
        self.check.bind("<Configure>", lambda _e: self._fit_status(self._room), add=True)  # a name in another language
        self.description = FlatLabel(self, text="", font=style.font(13), text_color=style.MUTED, anchor="w",
                                        justify="left", wraplength=820)
        self.description.grid(row=1, column=0, columnspan=2, sticky="w", padx=42, pady=(0, 8))
        fit_width.follow_width(self, self.description, margin=CARD_TEXT_MARGIN)
        self.extras = MeasureExtras(self, measure, lambda: self.wiz.lang, self._cases)
        self.extras.grid(row=3, column=0, columnspan=2, sticky="w", padx=42, pady=(0, 8))
        # why the measure needs confirming (fit answers, gates): shown under the questions, in the card
        self.notice = FlatLabel(self, text="", font=style.font(13), text_color=style.ERROR, anchor="w",
                                   justify="left", wraplength=820)
        fit_width.follow_width(self, self.notice, margin=CARD_TEXT_MARGIN)
        self._form: FormView | None = None
        self.retranslate()

    @property
    def form(self) -> FormView:
        """The measure's questions, built the first time the measure is ticked (most cards never are)."""
        if self._form is None:
            items = (*self.wiz.q.measure_items, *self.measure.items)
            self._form = FormView(self, items, lambda: self.wiz.lang, answers=self.answers, env=self.env,
                                  on_changed=self._changed, eager=EAGER_FIELDS)
            self._form.grid(row=3, column=0, columnspan=2, sticky="ew", padx=42, pady=(0, 4))
        return self._form

    def _cases(self) -> list[Any]:
        """The office's cases of this measure for the current task (same task category first)."""
        tid = self.wiz.current_task
        if tid is None:
            return []
        from app.domain.cases import matching
        from app.service.cases import installed_cases

        task = next((t for t in self.wiz.result().tasks if t.task_id == tid), None)
        own = self.wiz.a.assessment_id
        return [c for c in matching(installed_cases(), self.measure.id, task.category if task else None)
                if c.assessment_id != own]

    def _fit_status(self, room: int | None) -> None:
        self._room = room
        check = self.check.winfo_reqwidth()
        if room is None or check <= 1:
            return
        # the tick's requested width, not its width: a squeezed tick must not keep the score too wide
        wanted = max(160, room - fit_width.unscaled(check) - 2 * 12 - 2 * 12 - 8)  # both padded 12 a side
        if self.status.cget("wraplength") != wanted:
            self.status.configure(wraplength=wanted)

    def answers(self) -> dict[str, Any]:
        tid = self.wiz.current_task
        return self.wiz.a.measure_choice(tid, self.measure.id).answers if tid else {}

    def env(self) -> dict[str, Any]:
        """Task answers, this measure's answers and the live score (for the quick-win confirmation)."""
        tid = self.wiz.current_task
        if tid is None:
            return {}
        env = task_env(self.wiz.q, self.wiz.a, self.wiz.a.task(tid))
        env.update(self.answers())
        scored = self.wiz.result().measure(tid, self.measure.id)
        if scored is not None:
            env.update(quick_win_candidate=scored.quick_win_candidate, premature=scored.premature, ease=scored.ease,
                       potential_band=scored.band, potential_hours=scored.potential_hours)
        return env

    def retranslate(self) -> None:
        lang = self.wiz.lang
        m = self.measure
        self.check.configure(text=f"{m.label.get(lang)}")
        rate = ui("measure_rate", lang, rate=percent(m.reduction_rate))
        rate += ui("provisional", lang) if m.provisional else ""
        example = ui("measure_title_example", lang, example=m.title_example.get(lang)) if m.title_example else ""
        self.description.configure(text=f"{m.description.get(lang)}　{rate}" + (f"\n{example}" if example else ""))
        if self._form is not None:
            self._form.retranslate()
        self.extras.refresh()

    def refresh(self) -> None:
        """Show the current task's choice and answers."""
        tid = self.wiz.current_task
        choice = self.wiz.a.measures.get(tid or "", {}).get(self.measure.id)
        chosen = bool(choice and choice.chosen)
        if self.var.get() != int(chosen):  # every set redraws the check box, changed or not
            self._quiet = True
            self.var.set(int(chosen))
            self._quiet = False
        if chosen:
            self.form.grid()
            self.form.refresh()
        elif self._form is not None:
            self._form.grid_remove()
        self.extras.refresh()
        self.update_status()

    def _toggled(self) -> None:
        tid = self.wiz.current_task
        if self._quiet or tid is None:
            return
        choice = self.wiz.a.measure_choice(tid, self.measure.id)
        choice.chosen = bool(self.var.get())
        if choice.chosen:
            for item in (*self.wiz.q.measure_items, *self.measure.items):
                if item.default is not None and item.id not in choice.answers:
                    choice.answers[item.id] = item.default
        self.wiz.changed()
        self.refresh()

    def _changed(self) -> None:
        self.wiz.changed()
        self.page.schedule_status()

    def update_status(self) -> None:
        """Potential hours, ease and quadrant of this measure for the current task."""
        tid = self.wiz.current_task
        scored = self.wiz.result().measure(tid, self.measure.id) if tid else None
        lang = self.wiz.lang
        self.notice.grid_remove()
        if scored is None:
            self.status.configure(text="")
            return
        if scored.review:
            lines = [ui("measure_review", lang)] + [f"・{n.get(lang)}" for n in scored.notices]
            self.notice.configure(text="\n".join(lines))
            self.notice.grid(row=4, column=0, columnspan=2, sticky="w", padx=42, pady=(0, 8))
        if not scored.complete:
            self.status.configure(text=ui("measure_incomplete", lang), text_color=style.MUTED)
            return
        quadrant = quadrant_label(scored.quadrant, lang)
        ease = "—" if scored.ease is None else decimal(scored.ease)
        text = ui("measure_score", lang, hours=hours(scored.standalone_hours), ease=ease, quadrant=quadrant)
        if round(scored.potential_hours, 1) != round(scored.standalone_hours, 1):
            text += ui("measure_share", lang, hours=hours(scored.potential_hours))
        if scored.cross_department:
            text += "・" + ui("cross_dept", lang, team=self.wiz.q.team_name(lang))
        color = style.QUICK_WIN if scored.quadrant == "quick_win" else ("gray10", "gray90")
        self.status.configure(text=text, text_color=color)


class MeasuresPage(PerTaskPage):
    """Cards for the suggested (and already chosen) measures of the current focus task."""

    def __init__(self, parent: tkinter.Misc, wiz: PageHost, step: Step) -> None:
        super().__init__(parent, wiz, step)
        self._cards: dict[str, MeasureCard] = {}
        self._status_job: str | None = None
        # cards not built yet (row, measure): made one at a time after the page is shown (see refresh)
        self._pending: list[tuple[int, Measure]] = []
        self._pending_job: str | None = None
        self.empty = FlatLabel(self.scroll, text="", font=style.font(), text_color=style.MUTED, wraplength=800,
                                  justify="left")

    @property
    def cards(self) -> dict[str, MeasureCard]:
        """Every card built so far, the ones still waiting to be built included (they are built now)."""
        self.finish_building()
        return self._cards

    def card(self, measure: Measure) -> MeasureCard:
        """The card of ``measure``, built on first use."""
        card = self._cards.get(measure.id)
        if card is None:
            card = MeasureCard(self.scroll, self, measure)
            self._cards[measure.id] = card
        return card

    def shown_measures(self) -> list[Measure]:
        """Suggested by the answers, or chosen earlier, in catalogue (ECRS) order."""
        tid = self.wiz.current_task
        if tid is None:
            return []
        suggested = set(self.wiz.result().task(tid).suggested)
        chosen = {mid for mid, c in self.wiz.a.measures.get(tid, {}).items() if c.chosen}
        return [m for m in self.wiz.q.measures if m.enabled and m.id in suggested | chosen]

    def retranslate(self) -> None:
        super().retranslate()
        for card in self._cards.values():  # cards still to be built are made in the current language
            card.retranslate()

    def refresh(self) -> None:
        self._cancel_pending()
        self.selector.refresh()
        shown = self.shown_measures()
        ids = {m.id for m in shown}
        for mid, card in self._cards.items():
            if mid not in ids:
                card.grid_remove()
        # a card with its questions is taller than the window: the first ones are built now, cards not built
        # yet further down one at a time once the page is on the screen (a first visit built all of them)
        for row, m in enumerate(shown):
            if row >= EAGER_CARDS and m.id not in self._cards:
                self._pending.append((row, m))
            else:
                self._place(row, m)
        if self._pending:
            self._pending_job = self.after_idle(self._build_soon)
        if shown:
            self.empty.grid_remove()
        else:
            self.empty.configure(text=ui("no_suggestions" if self.wiz.current_task else "no_focus", self.wiz.lang))
            self.empty.grid(row=0, column=0, sticky="w", pady=20)
        self.scroll._parent_canvas.yview_moveto(0)

    def _place(self, row: int, measure: Measure) -> None:
        card = self.card(measure)
        card.grid(row=row, column=0, sticky="ew", pady=(0, 10))
        card.refresh()

    def _build_soon(self) -> None:
        # after the idle pass that draws the page: a timer, so that the window shows the page first
        self._pending_job = self.after(1, self._build_next)

    def _build_next(self) -> None:
        self._pending_job = None
        if not self.winfo_exists():
            self._pending.clear()
            return
        if self._pending:
            self._place(*self._pending.pop(0))
        if self._pending:
            self._pending_job = self.after(1, self._build_next)  # events are handled between two cards

    def _cancel_pending(self) -> None:
        if self._pending_job is not None:
            self.after_cancel(self._pending_job)
            self._pending_job = None
        self._pending.clear()

    def finish_building(self) -> None:
        """Build the cards still waiting, and their questions, now (before checking or reading them)."""
        pending = list(self._pending)
        self._cancel_pending()
        for row, m in pending:
            self._place(row, m)
        for card in self._cards.values():
            if card._form is not None:
                card._form.finish_building()

    def building(self) -> bool:
        """Whether cards (or the questions of a built card) are still being built after the page was shown."""
        return bool(self._pending) or any(c._form is not None and c._form.building() for c in self._cards.values())

    def forget_document(self) -> None:
        self._cancel_pending()  # the cards were planned for the previous document's task
        super().forget_document()

    def destroy(self) -> None:
        self._cancel_pending()  # no card is built into a page that is gone
        super().destroy()

    def schedule_status(self) -> None:
        """Rescore a moment after the last answer, then update the cards' scores and the confirmation."""
        if self._status_job is not None:
            self.after_cancel(self._status_job)
        self._status_job = self.after(150, self._update_status)

    def _update_status(self) -> None:
        self._status_job = None
        for m in self.shown_measures():
            card = self._cards.get(m.id)
            if card is not None:
                card.update_status()
                if card.var.get():
                    card.form.apply_relevance()

    def validate(self) -> int:
        """Problems on the current task's ticked cards."""
        return sum(self.cards[m.id].form.validate() for m in self.shown_measures()
                   if m.id in self.cards and self.cards[m.id].var.get())

    def finished(self, task_id: str) -> bool:
        mine = [m for m in self.wiz.result().measures if m.task_id == task_id]
        return bool(mine) and all(m.complete for m in mine)

    def leave(self, forward: bool) -> bool:
        if not forward:
            self._cancel_pending()  # cards not built yet are planned again on the next visit (refresh)
            for card in self._cards.values():
                if card._form is not None:
                    card._form.pause()  # and a card's questions not built yet are built then too
            return True
        if self.validate() == 0:  # builds the cards still waiting: every ticked card is checked
            return True
        for m in self.shown_measures():  # the keyboard goes to the first card's field with the message
            shown = self.cards.get(m.id)
            if shown is not None and shown.var.get() and shown.form.focus_error():
                break
        return False
