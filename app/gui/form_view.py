"""A FormView: a questionnaire step's Fields bound to the model.

A FormView never keeps answers of its own: every change is coerced (app.domain.values.coerce) and
written straight into the dict the page names (assessment.info, analysis[task], a measure's answers);
refresh() rebuilds every widget from that dict.
"""

from __future__ import annotations

import tkinter
from collections.abc import Callable
from typing import Any

from app.domain.errors import Problem
from app.domain.questionnaire import Item
from app.domain.values import validate
from app.gui import fit_width, keys, skipnote
from app.gui.deferred import Deferred
from app.gui.fields import Answers, Field
from app.gui.flat_frame import FlatFrame
from app.gui.typed_texts import TypedTexts


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
                 on_changed: Callable[[], None], eager: int | None = None, text_height: int = 72) -> None:
        super().__init__(parent, fg_color="transparent")
        self._text_height = text_height  # of a long text's box (Home's is lower), set when it is made
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
        self._room: int | None = None  # the form's width (unscaled) once laid out: no line is wrapped wider
        fit_width.on_width(self, self._fit_fields)
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
        f = Field(self, item, self._lang, self._field_changed, text_height=self._text_height)
        f.grid(row=row, column=0, sticky="ew", pady=(0, 12))
        if self._room is not None:
            f.fit_room(self._room)
        self._built[item.id] = f
        return f

    def _fit_fields(self, width: int) -> None:
        self._room = width
        for f in self._built.values():
            f.fit_room(width)

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

    def focus_error(self) -> bool:
        """Give the keyboard to the first shown field with a problem (which scrolls it into view): its message
        was written out of sight when the field was scrolled away (Home's form at 150 %, a long step)."""
        for f in self.fields.values():
            if f.error and self.visible(f):
                keys.focus_first(f)
                return True
        return False


def _problem(code: str, item: Item, lang: str, **params: object) -> Problem:
    return Problem(code, {**params, "field": item.label.get(lang)}, where=item.id)
