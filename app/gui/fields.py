"""Questionnaire items rendered as widgets, one Field per item (app.gui.form_view binds them to the model)."""

from __future__ import annotations

import datetime as dt
import tkinter
from collections.abc import Callable
from typing import Any

import customtkinter as ctk

from app.domain.catalogue import LANGS
from app.domain.questionnaire import Item
from app.domain.values import length_status, parse_date
from app.domain.vocabulary import yes_no
from app.gui import style
from app.gui.after_jobs import TextBox
from app.gui.check_box import CheckBox
from app.gui.dialogs import CalendarPopup
from app.gui.flat_frame import FlatFrame
from app.gui.light import LightButton
from app.gui.light_label import LightLabel
from app.gui.segmented import Segmented
from app.gui.settled import QuietOptionMenu, SettledEntry
from app.gui.strings import ui

Answers = dict[str, Any]
WRAP = 860
# a check box's width beside its text, unscaled: customtkinter's box (24), the gap to the text (6) and the text
# label's border; at least the box's own width (100); then the space to the next box
CHECK_BOX_TICK = 34
CHECK_BOX_MIN_WIDTH = 100
CHECK_BOX_GAP = 14


def display_number(value: object) -> str:
    """A stored number as people type it (1200, 2.5), never 1.2e+03."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    return str(int(value)) if float(value).is_integer() else f"{value:.10g}"


class Field(FlatFrame):
    """One item: label, hint, input widget and an error line under it."""

    def __init__(self, parent: tkinter.Misc, item: Item, lang: Callable[[], str],
                 on_change: Callable[[Field], None], *, text_height: int = 72) -> None:
        super().__init__(parent, fg_color="transparent")
        self.item = item
        self._text_height = text_height  # a long text's box: given when it is made (a later height redraws it)
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
        self._wrap_cap = WRAP  # the design width of the field's lines (Home's narrower panel sets its own)
        self._wrap_room: int | None = None  # the form's width, once it is laid out
        self._per_row = 0  # check boxes a row, as last gridded
        self._notes: list[Any] = []  # lines under the field that wrap with it (skip notes)
        # the field's lines are light labels (one canvas each, not customtkinter's three widgets): Home's form
        # and every step's fields are on the way to a first frame
        self.label = LightLabel(self, text="", font=style.font(weight="normal" if item.type == "note" else "bold"),
                                  anchor="w", justify="left", wraplength=WRAP)
        self.label.grid(row=0, column=0, columnspan=2, sticky="w")
        # the hint, the error line and a frame around the input are made only when needed: dozens of
        # fields on a page made widget creation the slowest part of a first visit
        self._hint: LightLabel | None = None
        self._error_label: LightLabel | None = None
        # 「12 / 60」 beside a text with a limit: typing on past it is allowed (nothing is cut), the
        # counter turns red and the step is not left until the text fits (A008, the same check)
        self.counter: LightLabel | None = None
        if item.type in ("text", "long_text") and item.max_length is not None:
            self.counter = LightLabel(self, text="", font=style.font(12), text_color=style.MUTED, anchor="e")
            self.counter.grid(row=2, column=1, sticky="se", padx=(8, 0))
        needs_body = item.type in ("date", "select_multiple")
        self.body = FlatFrame(self, fg_color="transparent") if needs_body else self
        if needs_body:
            self.body.grid(row=2, column=0, sticky="ew", pady=(2, 0))
        if item.type != "note":
            self._build()
        self.retranslate()

    @property
    def hint(self) -> LightLabel:
        """The hint line under the label (made on first use)."""
        if self._hint is None:
            self._hint = LightLabel(self, text="", font=style.font(12), text_color=style.MUTED, anchor="w",
                                      justify="left", wraplength=self.label.cget("wraplength"))
        return self._hint

    @property
    def error_label(self) -> LightLabel:
        """The error line under the input (made on first use)."""
        if self._error_label is None:
            self._error_label = LightLabel(self, text="", font=style.font(12), text_color=style.ERROR,
                                             anchor="w", justify="left", wraplength=self.label.cget("wraplength"))
        return self._error_label

    def _grid_boxes(self, lang: str) -> None:
        # English labels are about twice as long as Japanese ones: fewer boxes a row so none is cut off
        labels = [c.label.get(lang) for c in self.item.choices][:len(self.boxes)]
        longest = max(_text_width(label) for label in labels)
        per_row = 4 if longest <= 20 else 3 if longest <= 30 else 2
        room = self._wrap_room
        if room is not None:
            # and no more than the form's room holds: each column as wide as its widest box (at 150 % in
            # English two columns of the pain points did not fit, and the second was cut off at the edge)
            font = self.boxes[0].cget("font")
            widths = [max(CHECK_BOX_MIN_WIDTH, CHECK_BOX_TICK + font.measure(label)) + CHECK_BOX_GAP
                      for label in labels]
            while per_row > 1 and sum(max(widths[c::per_row]) for c in range(per_row)) > room - 8:
                per_row -= 1
        if per_row == self._per_row:
            return
        self._per_row = per_row
        for n, box in enumerate(self.boxes):
            box.grid(row=n // per_row, column=n % per_row, sticky="w", padx=(0, CHECK_BOX_GAP), pady=2)

    def set_wrap(self, width: int) -> None:
        """Wrap the label, hint, error line and notes at ``width`` (unscaled pixels) or the room the form
        has, whichever is narrower."""
        self._wrap_cap = width
        self._rewrap()

    def fit_room(self, width: int) -> None:
        """The form is ``width`` unscaled pixels wide: wrap no line wider (large text sizes cut it off), and put
        no more check boxes on a row than fit."""
        self._wrap_room = width
        self._rewrap()
        if self.boxes:
            self._grid_boxes(self._lang())

    def follow_wrap(self, line: Any) -> None:
        """Wrap ``line`` (a note under the field) like the field's own lines."""
        self._notes.append(line)
        line.configure(wraplength=self.label.cget("wraplength"))

    def _rewrap(self) -> None:
        room = self._wrap_room
        width = self._wrap_cap if room is None else max(160, min(self._wrap_cap, room - 8))
        for line in (self.label, self._hint, self._error_label, *self._notes):
            if line is not None and line.cget("wraplength") != width:
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
            self.widget = SettledEntry(self.body, textvariable=self.var, width=160 if short else 200, font=style.font())
            self._place(self.widget, "w" if short else "ew")
            if t == "date":
                # CTkButton's look on one canvas (app.gui.light): a third of the calls into Tk
                LightButton(self.body, text=ui("calendar", self._lang()), width=90, font=style.font(13),
                            command=self._calendar).grid(row=0, column=1, padx=(6, 0))
            self.widget.bind("<FocusOut>", lambda _e: self._show_error(), add=True)
            self.var.trace_add("write", lambda *_: self._changed())
        elif t == "long_text":
            self.widget = TextBox(self.body, width=200, height=self._text_height, font=style.font(), wrap="word")
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
            self.widget = QuietOptionMenu(self.body, values=[ui("choose", "ja"), *labels], variable=self.var,
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


def _set(var: tkinter.StringVar | tkinter.IntVar, value: str | int) -> None:
    """Set ``var`` only when it holds something else: every set redraws the widgets that follow it."""
    if var.get() != value:
        var.set(value)  # type: ignore[arg-type]  # a str for a StringVar, an int for an IntVar


def _text_width(text: str) -> int:
    """Width in half-width characters (a Japanese character counts two)."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
