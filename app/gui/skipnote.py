"""Say why questions disappear: under an answer that makes later questions unnecessary (E（やめる） = はい hides
C/R/S), a muted line names the questions no longer asked, so nobody wonders where they went."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Protocol

import customtkinter as ctk

from app.gui import style
from app.gui.flat_frame import FlatLabel
from app.gui.formats import joined
from app.gui.strings import ui


class SkipForm(Protocol):
    """A form whose skipped questions are explained (app.gui.form_view.FormView; a protocol keeps app.gui acyclic)."""

    @property
    def built_fields(self) -> Mapping[str, Any]:
        """The form's fields (app.gui.fields.Field) built so far, by item id."""

    def hidden_items(self) -> list[Any]:
        """The items (app.domain.questionnaire.Item) skip logic hides now, built or not."""

_NOTES = "_kaizen_skip_notes"


def short_label(text: str) -> str:
    """The part of a question before its colon (「C（まとめる）: 他課に…」 → 「C（まとめる）」), else the question."""
    head = re.split(r"[:：]", text, maxsplit=1)[0].strip()
    return head if head and len(head) < len(text) else text


def explain(form: SkipForm, lang: str) -> None:
    """Put (or clear) the note under each built field whose answer hides others in ``form`` (a field built
    later gets its note when the form explains again)."""
    fields = form.built_fields
    hidden_by: dict[str, list[str]] = {}
    for item in form.hidden_items():
        relevant = item.relevant
        if relevant is None:
            continue
        for ref in sorted(relevant.references()):
            if ref in fields and ref != item.id:
                names = hidden_by.setdefault(ref, [])
                name = short_label(item.label.get(lang))
                if name not in names:
                    names.append(name)
    notes: dict[str, ctk.CTkLabel] = getattr(form, _NOTES, {})
    setattr(form, _NOTES, notes)
    for field_id, field in fields.items():
        hidden = hidden_by.get(field_id)
        label = notes.get(field_id)
        if hidden:
            if label is None:
                label = _note_label(field)
                notes[field_id] = label
            label.configure(text=ui("skip_note", lang, items=joined(hidden, lang)))
            label.grid()
        elif label is not None:
            label.grid_remove()


def _note_label(field: Any) -> ctk.CTkLabel:  # an app.gui.fields.Field
    label = FlatLabel(field, text="", font=style.font(13), text_color=style.MUTED, anchor="w", justify="left")
    label.grid(row=4, column=0, columnspan=2, sticky="w", pady=(2, 0))
    field.follow_wrap(label)
    return label
