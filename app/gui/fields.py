"""Questionnaire items rendered as widgets (one Field per item) and a FormView binding them to the model.

A FormView never keeps answers of its own: every change is coerced (app.domain.values.coerce) and
written straight into the dict the page names (assessment.info, analysis[task], a measure's answers);
refresh() rebuilds every widget from that dict.
"""

from __future__ import annotations

import datetime as dt
import tkinter
from collections.abc import Callable
from typing import Any

import customtkinter as ctk

from app.domain.catalogue import LANGS
from app.domain.errors import Problem
from app.domain.questionnaire import Item
from app.domain.values import length_status, parse_date, validate
from app.domain.vocabulary import yes_no
from app.gui import skipnote, style
from app.gui.after_jobs import TextBox
from app.gui.check_box import CheckBox
from app.gui.deferred import Deferred
from app.gui.dialogs import CalendarPopup
from app.gui.flat_frame import FlatFrame, FlatLabel
from app.gui.segmented import Segmented
from app.gui.strings import ui
from app.gui.typed_texts import TypedTexts

Answers = dict[str, Any]
WRAP = 860


def display_number(value: object) -> str:
    """A stored number as people type it (1200, 2.5), never 1.2e+03."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    return str(int(value)) if float(value).is_integer() else f"{value:.10g}"


class Field(FlatFrame):
    """One item: label, hint, input widget and an error line under it."""

    def __init__(self, parent: tkinter.Misc, item: Item, lang: Callable[[], str],
                 on_change: Callable[[Field], None]) -> None:
        super().__init__(parent, fg_color="transparent")
        self.item = item
        self._lang = lang
        self._on_change = on_change
        self._quiet = False
        self.error: str | None = None
        self.var = tkinter.StringVar(self)
        self.checks: dict[str | int, tkinter.IntVar] = {}
        self.boxes: list[ctk.CTkCheckBox] = []
        self.widget: Any = None
        self._choice_lang = "ja"  # the language the choice widget was built with
        self.columnconfigure(0, weight=1)
        self.label = FlatLabel(self, text="", font=style.font(weight="normal" if item.type == "note" else "bold"),
                                  anchor="w", justify="left", wraplength=WRAP)
        self.label.grid(row=0, column=0, columnspan=2, sticky="w")
        # the hint, the error line and a frame around the input are made only when needed: dozens of
        # fields on a page made widget creation the slowest part of a first visit
        self._hint: ctk.CTkLabel | None = None
        self._error_label: ctk.CTkLabel | None = None
        # 「12 / 60」 beside a text with a limit: typing on past it is allowed (nothing is cut), the
        # counter turns red and the step is not left until the text fits (A008, the same check)
        self.counter: ctk.CTkLabel | None = None
        if item.type in ("text", "long_text") and item.max_length is not None:
            self.counter = FlatLabel(self, text="", font=style.font(12), text_color=style.MUTED, anchor="e")
            self.counter.grid(row=2, column=1, sticky="se", padx=(8, 0))
        needs_body = item.type in ("date", "select_multiple")
        self.body = FlatFrame(self, fg_color="transparent") if needs_body else self
        if needs_body:
            self.body.grid(row=2, column=0, sticky="ew", pady=(2, 0))
        if item.type != "note":
            self._build()
        self.retranslate()

    @property
    def hint(self) -> ctk.CTkLabel:
        """The hint line under the label (made on first use)."""
        if self._hint is None:
            self._hint = FlatLabel(self, text="", font=style.font(12), text_color=style.MUTED, anchor="w",
                                      justify="left", wraplength=self.label.cget("wraplength"))
        return self._hint

    @property
    def error_label(self) -> ctk.CTkLabel:
        """The error line under the input (made on first use)."""
        if self._error_label is None:
            self._error_label = FlatLabel(self, text="", font=style.font(12), text_color=style.ERROR,
                                             anchor="w", justify="left", wraplength=self.label.cget("wraplength"))
        return self._error_label

    def _grid_boxes(self, lang: str) -> None:
        # English labels are about twice as long as Japanese ones: fewer boxes a row so none is cut off
        longest = max(_text_width(c.label.get(lang)) for c in self.item.choices)
        per_row = 4 if longest <= 20 else 3 if longest <= 30 else 2
        for n, box in enumerate(self.boxes):
            box.grid(row=n // per_row, column=n % per_row, sticky="w", padx=(0, 14), pady=2)

    def set_wrap(self, width: int) -> None:
        """Wrap the label, hint and error line at ``width`` (unscaled pixels)."""
        self.label.configure(wraplength=width)
        for line in (self._hint, self._error_label):
            if line is not None:
                line.configure(wraplength=width)

    def _place(self, widget: Any, sticky: str) -> None:
        # directly under the label, or in the body frame when the input has several parts
        if self.body is self:
            widget.grid(row=2, column=0, sticky=sticky, pady=(2, 0))
        else:
            widget.grid(row=0, column=0, sticky=sticky)

    # --- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        t = self.item.type
        if t in ("text", "integer", "decimal", "date"):
            short = t in ("integer", "decimal", "date")
            self.widget = ctk.CTkEntry(self.body, textvariable=self.var, width=160 if short else 200, font=style.font())
            self._place(self.widget, "w" if short else "ew")
            if t == "date":
                ctk.CTkButton(self.body, text=ui("calendar", self._lang()), width=90, font=style.font(13),
                              command=self._calendar).grid(row=0, column=1, padx=(6, 0))
            self.widget.bind("<FocusOut>", lambda _e: self._show_error(), add=True)
            self.var.trace_add("write", lambda *_: self._changed())
        elif t == "long_text":
            self.widget = TextBox(self.body, width=200, height=72, font=style.font(), wrap="word")
            self._place(self.widget, "ew")
            self.widget._textbox.bind("<<Modified>>", self._text_modified, add=True)
        elif t == "select_multiple":
            for choice in self.item.choices:
                var = tkinter.IntVar(self, 0)
                box = CheckBox(self.body, text="", variable=var, font=style.font())
                var.trace_add("write", lambda *_: self._changed())
                self.checks[choice.value] = var
                self.boxes.append(box)
        else:  # select_one, likert, boolean
            self._build_choice()

    def _build_choice(self) -> None:
        self._choice_lang = self._lang()
        labels = self._choice_labels()
        segmented = self.item.type == "boolean" or (len(labels) <= 4 and sum(len(x) for x in labels) <= 40)
        if segmented:
            self.widget = Segmented(self.body, labels, variable=self.var)
        else:
            self.widget = ctk.CTkOptionMenu(self.body, values=[ui("choose", "ja"), *labels], variable=self.var,
                                            font=style.font(), dropdown_font=style.font(), width=320,
                                            dynamic_resizing=False)
        self._place(self.widget, "w")
        self.var.trace_add("write", lambda *_: self._changed())

    def _choice_labels(self) -> list[str]:
        lang = self._lang()
        if self.item.type == "boolean":
            return [yes_no(True, lang), yes_no(False, lang)]
        return [c.label.get(lang) for c in self.item.choices]

    def retranslate(self) -> None:
        """Show the item's texts (and choice labels) in the current language, keeping the answer."""
        lang = self._lang()
        star = " *" if self.item.required else ""
        label = self.item.label.get(lang) + star
        if self.label.cget("text") != label:  # each configure redraws a customtkinter label
            self.label.configure(text=label)
        hint = self.item.hint.get(lang)
        if hint:
            if self.hint.cget("text") != hint:
                self.hint.configure(text=hint)
            if not self.hint.grid_info():
                self.hint.grid(row=1, column=0, columnspan=2, sticky="w")
        elif self._hint is not None:
            self._hint.grid_remove()
        for box, choice in zip(self.boxes, self.item.choices, strict=False):
            box.configure(text=choice.label.get(lang))
        if self.boxes:
            self._grid_boxes(lang)
        if self.item.type in ("select_one", "likert", "boolean") and lang != self._choice_lang:
            # rebuilding a segmented button's choices is slow: only when the language really changed
            value = self.raw_value()  # read with the labels the widget still shows
            self._choice_lang = lang
            labels = self._choice_labels()
            values = labels if isinstance(self.widget, Segmented) else [ui("choose", lang), *labels]
            self.widget.configure(values=values)
            self.show(value)

    # --- reading and writing -----------------------------------------------------------------
    def raw_value(self) -> object:
        """What the user entered, in a form :func:`coerce` accepts (None when blank)."""
        t = self.item.type
        if t == "select_multiple":
            return [v for v, var in self.checks.items() if var.get()]
        if t == "long_text":
            return self.widget.get("1.0", "end-1c")
        text = self.var.get()
        if t == "boolean":
            answers = {yes_no(v, lang): v for v in (True, False) for lang in LANGS}
            return answers.get(text)
        if t in ("select_one", "likert"):
            lang = self._choice_lang
            return next((c.value for c in self.item.choices if c.label.get(lang) == text), None)
        return text

    def show(self, value: object) -> None:
        """Put a stored value into the widget without reporting a change."""
        self._quiet = True
        try:
            t = self.item.type
            if t == "select_multiple":
                chosen = value if isinstance(value, list) else []
                for v, var in self.checks.items():
                    _set(var, 1 if v in chosen else 0)
            elif t == "long_text":
                text = "" if value is None else str(value)
                if self.widget.get("1.0", "end-1c") != text:
                    self.widget.delete("1.0", "end")
                    self.widget.insert("1.0", text)
                self.widget._textbox.edit_modified(False)
            elif t == "boolean":
                _set(self.var, "" if value is None else yes_no(bool(value), self._lang()))
            elif t in ("select_one", "likert"):
                choice = self.item.choice(value)
                blank = "" if isinstance(self.widget, Segmented) else ui("choose", self._lang())
                _set(self.var, choice.label.get(self._lang()) if choice else blank)
            elif t != "note":
                _set(self.var, display_number(value))
        finally:
            self._quiet = False
        self.update_counter()

    def show_typed(self, raw: object) -> None:
        """Put back text the user typed that did not fit (kept by the FormView), without reporting a change."""
        if self.item.type not in ("text", "integer", "decimal", "date", "long_text") or not isinstance(raw, str):
            return
        self._quiet = True
        try:
            if self.item.type == "long_text":
                self.widget.delete("1.0", "end")
                self.widget.insert("1.0", raw)
                self.widget._textbox.edit_modified(False)
            else:
                self.var.set(raw)
        finally:
            self._quiet = False
        self.update_counter()

    def _text_modified(self, _event: object) -> None:
        if self.widget._textbox.edit_modified():
            self.widget._textbox.edit_modified(False)
            self._changed()

    def _changed(self) -> None:
        self.update_counter()
        if not self._quiet:
            self._on_change(self)

    def update_counter(self) -> None:
        """Show 「typed / limit」 under the limit in grey, over it in the error colour."""
        if self.counter is None:
            return
        raw = self.raw_value()
        typed, limit = length_status(self.item, raw if isinstance(raw, str) else "")
        over = limit is not None and typed > limit
        self.counter.configure(text=ui("counter", self._lang(), n=typed, max=limit),
                               text_color=style.ERROR if over else style.MUTED,
                               font=style.font(12, "bold" if over else "normal"))

    def _calendar(self) -> None:
        start = parse_date(self.var.get()) or dt.date.today()
        CalendarPopup(self, start, lambda d: self.var.set(d.isoformat()), self._lang())

    def set_error(self, message: str | None, visible: bool = True) -> None:
        """Remember an error; show it under the widget when ``visible``."""
        self.error = message
        if visible:
            self._show_error()

    def _show_error(self) -> None:
        if self.error:
            self.error_label.configure(text="⚠ " + self.error)
            self.error_label.grid(row=3, column=0, columnspan=2, sticky="w")
        elif self._error_label is not None:
            self._error_label.grid_remove()


class FormView(FlatFrame):
    """Items laid out top to bottom, reading and writing the dict that ``answers()`` returns.

    With ``eager`` only the first ``eager`` fields are built at once (what the first screen shows) and the
    others one at a time once the page is on the screen (:meth:`pause` stops that until the next
    :meth:`refresh`). Asking for :attr:`fields` or checking the form builds the ones still waiting first;
    skip logic applies to them from the start (an answer they hide is set aside in the model as if they
    were built).
    """

    def __init__(self, parent: tkinter.Misc, items: tuple[Item, ...], lang: Callable[[], str], *,
                 answers: Callable[[], Answers], env: Callable[[], dict[str, Any]],
                 on_changed: Callable[[], None], eager: int | None = None) -> None:
        super().__init__(parent, fg_color="transparent")
        self._answers = answers
        self._env = env
        self._on_changed = on_changed
        self._lang = lang
        self._stash: dict[tuple[int, str], object] = {}
        # text that did not fit, per answers dict and item: shown again (with its message) when the page is
        # rebuilt after Back or another focus task, instead of being silently replaced by the last valid value
        self.typed = TypedTexts()
        # the value a field held before it was emptied: select-all + paste arrives as "delete, insert", and
        # when the pasted text does not fit, the model must fall back to this, not to the blank in between
        self._cleared: dict[tuple[int, str], object] = {}
        self._items = items
        self._built: dict[str, Field] = {}
        # (row, item) of the fields not built yet, in order; each shows the model when it is built
        self._later: Deferred[tuple[int, Item]] = Deferred(self, self._build_later,
                                                           done=lambda: skipnote.explain(self, self._lang()))
        self.columnconfigure(0, weight=1)
        for row, item in enumerate(items):
            if eager is not None and row >= eager:
                self._later.waiting.append((row, item))
            else:
                self._add(row, item)
        self._later.start()

    @property
    def fields(self) -> dict[str, Field]:
        """Every field by item id (the ones still waiting are built now)."""
        self.finish_building()
        return self._built

    @property
    def built_fields(self) -> dict[str, Field]:
        """The fields built so far, by item id (nothing is built by asking)."""
        return self._built

    def _add(self, row: int, item: Item) -> Field:
        f = Field(self, item, self._lang, self._field_changed)
        f.grid(row=row, column=0, sticky="ew", pady=(0, 12))
        self._built[item.id] = f
        return f

    def _build_later(self, waiting: tuple[int, Item]) -> None:
        row, item = waiting
        f = self._add(row, item)
        self._show_field(f, self._answers())
        if item.relevant is not None and not item.relevant.test(self._env()):
            f.grid_remove()  # its answer was set aside already (apply_relevance covers waiting items)

    def finish_building(self) -> None:
        """Build the fields still waiting now (before checking or reading them)."""
        self._later.finish()

    def building(self) -> bool:
        """Whether fields are still being built (waiting fields of a paused form are not)."""
        return self._later.running()

    def pause(self) -> None:
        """Stop building the waiting fields (the page was left); the next :meth:`refresh` goes on."""
        self._later.pause()

    def destroy(self) -> None:
        self._later.cancel()  # no field is built into a form that is gone
        super().destroy()

    def _show_field(self, f: Field, answers: Answers) -> None:
        typed = self.typed.get(answers, f.item.id)
        if typed is not None:
            f.show_typed(typed[0])
            f.set_error(typed[1])
        else:
            f.show(answers.get(f.item.id))
            f.set_error(None)

    def refresh(self) -> None:
        """Rebuild every widget from the model (fields still waiting show it when they are built)."""
        answers = self._answers()
        for f in self._built.values():
            self._show_field(f, answers)
        self.apply_relevance()
        self._later.start()

    def retranslate(self) -> None:
        """Switch every field's texts to the current language (fields still waiting are built in it)."""
        for f in self._built.values():
            f.retranslate()

    def _field_changed(self, f: Field) -> None:
        answers = self._answers()
        value, problem = validate(f.item, f.raw_value(), self._lang())
        if problem is not None:
            message = problem.message(self._lang())
            # typing "12" on the way to "120" must not flash an error: numbers and dates show it on leaving
            f.set_error(message, visible=f.item.type not in ("integer", "decimal", "date"))
            key = (id(answers), f.item.id)
            self.typed.keep(answers, f.item.id, f.raw_value(), message)
            if f.item.id not in answers and key in self._cleared:
                answers[f.item.id] = self._cleared[key]
        else:
            f.set_error(None)
            key = (id(answers), f.item.id)
            self.typed.drop(answers, f.item.id)
            if value is None or value == []:
                previous = answers.pop(f.item.id, None)
                if previous is not None:
                    self._cleared[key] = previous
            else:
                answers[f.item.id] = value
                self._cleared.pop(key, None)
        self.apply_relevance()
        self._on_changed()

    def apply_relevance(self) -> None:
        """Show only the items whose ``relevant`` holds; hidden answers are set aside, not lost.

        Items whose field is still waiting are included: their answers are set aside (or put back) the same.
        """
        answers = self._answers()
        env = self._env()
        for item in self._items:
            if item.relevant is None:
                continue
            f = self._built.get(item.id)
            key = (id(answers), item.id)
            if item.relevant.test(env):
                if f is not None and (not f.winfo_ismapped() or not f.grid_info()):
                    f.grid()
                if key in self._stash and item.id not in answers:
                    answers[item.id] = self._stash.pop(key)
                    if f is not None:
                        f.show(answers[item.id])
            else:
                if f is not None:
                    f.grid_remove()
                if item.id in answers:
                    # a hidden answer must not drive scoring (as in XLSForm), but a slip of the
                    # mouse must not lose it either: keep it aside while the window is open
                    self._stash[key] = answers.pop(item.id)
                    if f is not None:
                        f.show(None)
                    env = self._env()
        skipnote.explain(self, self._lang())

    def hidden_items(self) -> list[Item]:
        """The items skip logic hides now, whether their field is built or still waiting."""
        env: dict[str, Any] | None = None
        hidden = []
        for item in self._items:
            f = self._built.get(item.id)
            if f is not None:
                if not self.visible(f):
                    hidden.append(item)
            elif item.relevant is not None:
                env = self._env() if env is None else env
                if not item.relevant.test(env):
                    hidden.append(item)
        return hidden

    def unfitted(self) -> int:
        """How many typed values do not fit yet (the model still holds the last value that did)."""
        return len(self.typed)

    def forget(self) -> None:
        """Another document is open: drop what was kept for the previous one's answers."""
        self.typed.clear()
        self._cleared.clear()
        self._stash.clear()

    def visible(self, f: Field) -> bool:
        """Whether the field is currently shown (relevant)."""
        return bool(f.grid_info())

    def validate(self) -> int:
        """Check required items, values and constraints of the shown fields; returns the number of problems."""
        answers = self._answers()
        env = self._env()
        lang = self._lang()
        count = 0
        for f in self.fields.values():
            item = f.item
            if not item.is_input or not self.visible(f):
                f.set_error(None)
                continue
            if f.error is None:
                value = answers.get(item.id)
                if item.required and value in (None, "", []) and item.default is None:
                    f.set_error(_problem("A005", item, lang).message(lang))
                elif item.constraint is not None and value is not None and not item.constraint.test(env):
                    fallback = _problem("A009", item, lang, message=item.constraint.source).message(lang)
                    msg = item.constraint_message.get(lang) or fallback
                    f.set_error(msg)
            if f.error:
                f.set_error(f.error)
                count += 1
        return count


def _set(var: tkinter.StringVar | tkinter.IntVar, value: str | int) -> None:
    """Set ``var`` only when it holds something else: every set redraws the widgets that follow it."""
    if var.get() != value:
        var.set(value)  # type: ignore[arg-type]  # a str for a StringVar, an int for an IntVar


def _problem(code: str, item: Item, lang: str, **params: object) -> Problem:
    return Problem(code, {**params, "field": item.label.get(lang)}, where=item.id)


def _text_width(text: str) -> int:
    """Width in half-width characters (a Japanese character counts two)."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
