"""The 自前の施策 tab of the questionnaire window: a measure whose trigger is picked from ready conditions.

Conditions (困りごと, ECRS, 媒体 ≤ n, 件数 ≥ n, 接点) joined by and/or become an expression through
:mod:`app.domain.triggers`; the advanced box takes an expression instead and is checked as you type.
"""

from __future__ import annotations

import re
import tkinter
from collections.abc import Callable
from typing import Any

import customtkinter as ctk

from app.domain import triggers
from app.domain.questionnaire import Questionnaire
from app.domain.values import parse_number
from app.gui import style
from app.gui.flat_frame import WrappedLabel
from app.gui.qtune_strings import QT
from app.service import qbook

ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
KIND_KEYS = {"pain": "qt_cond_pain", "ecrs": "qt_cond_ecrs", "medium": "qt_cond_medium", "cases": "qt_cond_cases",
             "channel": "qt_cond_channel"}
PROVENANCE = {"ja": "業務改善担当が追加した施策です。削減率は仮の値です。",
              "en": "Added by the improvement team; the rate is provisional."}


class ConditionRow(ctk.CTkFrame):
    """One condition: its kind, and a choice or a number."""

    def __init__(self, master: Any, q: Questionnaire, lang: str, on_change: Callable[[], None]) -> None:
        super().__init__(master, fg_color="transparent")
        self.q, self.lang, self.on_change = q, lang, on_change
        self.kinds = {QT(KIND_KEYS[k], lang): k for k in triggers.available(q)}
        self.kind = ctk.CTkOptionMenu(self, values=list(self.kinds), width=240, font=style.font(13),
                                      dropdown_font=style.font(13), command=lambda _v: self._kind_changed())
        self.kind.pack(side="left", padx=(0, 6))
        self.choice = ctk.CTkOptionMenu(self, values=["-"], width=260, font=style.font(13),
                                        dropdown_font=style.font(13), command=lambda _v: self.on_change())
        self.number = ctk.CTkEntry(self, width=90, font=style.font(13))
        self.number.bind("<KeyRelease>", lambda _e: self.on_change(), add=True)
        self._kind_changed(notify=False)

    def _kind_changed(self, notify: bool = True) -> None:
        kind = self.kinds[self.kind.get()]
        self.choice.pack_forget()
        self.number.pack_forget()
        opts = triggers.options(self.q, kind)
        if opts:
            self.labels = {o[1].get(self.lang): o[0] for o in opts}
            self.choice.configure(values=list(self.labels))
            self.choice.set(next(iter(self.labels)))
            self.choice.pack(side="left")
        else:
            self.number.pack(side="left")
        if notify:
            self.on_change()

    def condition(self) -> triggers.Condition | None:
        """The condition, or ``None`` while its number is not a whole number."""
        kind = self.kinds[self.kind.get()]
        if triggers.options(self.q, kind):
            return triggers.Condition(kind, self.labels[self.choice.get()])
        n = parse_number(self.number.get())
        return triggers.Condition(kind, int(n)) if n is not None and n >= 0 and float(n).is_integer() else None


class OwnMeasures(ctk.CTkFrame):
    """Key, name, rate, conditions with and/or (or an expression), and the measures waiting to be added."""

    def __init__(self, master: tkinter.Misc, q: Questionnaire, lang: str, on_change: Callable[[], None]) -> None:
        super().__init__(master, fg_color="transparent")
        self.q, self.lang, self.on_change = q, lang, on_change
        self.pending: list[dict[str, object]] = []
        f = style.font(13)
        ctk.CTkLabel(self, text=QT("qt_own_intro", lang), font=f, anchor="w").grid(row=0, column=0, columnspan=4,
                                                                                 sticky="w", pady=(0, 6))
        self.fields: dict[str, ctk.CTkEntry] = {}
        for c, (key, width) in enumerate((("qt_own_id", 160), ("qt_own_label", 300), ("qt_own_rate", 90))):
            ctk.CTkLabel(self, text=QT(key, lang), font=f, anchor="w").grid(row=1, column=c, sticky="w", padx=4)
            entry = ctk.CTkEntry(self, width=width, font=f)
            entry.grid(row=2, column=c, sticky="w", padx=4)
            entry.bind("<KeyRelease>", lambda _e: self.changed(), add=True)
            self.fields[key] = entry
        ctk.CTkLabel(self, text=QT("qt_own_when", lang), font=style.font(13, "bold"), anchor="w").grid(
            row=3, column=0, sticky="w", padx=4, pady=(8, 2))
        self.joiner = ctk.CTkSegmentedButton(self, values=[QT("qt_own_or", lang), QT("qt_own_and", lang)],
                                             font=f, command=lambda _v: self.changed())
        self.joiner.set(QT("qt_own_or", lang))
        self.joiner.grid(row=3, column=1, columnspan=2, sticky="w", pady=(8, 2))
        self.rows_frame = ctk.CTkFrame(self, fg_color="transparent")
        self.rows_frame.grid(row=4, column=0, columnspan=4, sticky="w", padx=4)
        self.conditions: list[ConditionRow] = []
        ctk.CTkButton(self, text=QT("qt_own_add_condition", lang), font=f, width=120,
                      command=self.add_condition).grid(row=5, column=0, sticky="w", padx=4, pady=4)
        ctk.CTkLabel(self, text=QT("qt_own_advanced", lang), font=f, anchor="w", text_color=style.MUTED).grid(
            row=6, column=0, columnspan=4, sticky="w", padx=4, pady=(6, 0))
        self.advanced = ctk.CTkEntry(self, width=700, font=f)
        self.advanced.grid(row=7, column=0, columnspan=4, sticky="w", padx=4)
        self.advanced.bind("<KeyRelease>", lambda _e: self.changed(), add=True)
        self.status = WrappedLabel(self, text="", font=f, anchor="w", justify="left", wraplength=900)
        self.status.grid(row=8, column=0, columnspan=4, sticky="w", padx=4, pady=(4, 0))
        self.add_button = ctk.CTkButton(self, text=QT("qt_own_add", lang), font=f, command=self.add)
        self.add_button.grid(row=9, column=0, sticky="w", padx=4, pady=6)
        self.list_label = ctk.CTkLabel(self, text="", font=f, anchor="w", text_color=style.DONE)
        self.list_label.grid(row=10, column=0, columnspan=4, sticky="w", padx=4)
        self.add_condition()

    def add_condition(self) -> ConditionRow:
        """Another condition row."""
        row = ConditionRow(self.rows_frame, self.q, self.lang, self.changed)
        row.pack(anchor="w", pady=2)
        self.conditions.append(row)
        self.changed()
        return row

    def expression(self) -> str:
        """The trigger: the advanced box when filled, else the conditions joined by and/or."""
        typed = str(self.advanced.get()).strip()
        if typed:
            return typed
        conds = [c for row in self.conditions if (c := row.condition()) is not None]
        joiner = "and" if self.joiner.get() == QT("qt_own_and", self.lang) else "or"
        return triggers.expression_for(self.q, conds, joiner) if conds else ""

    def draft_problems(self) -> list[str]:
        """What is wrong with the measure being written (empty when it can be added)."""
        out: list[str] = []
        mid = self.fields["qt_own_id"].get().strip()
        taken = {m.id for m in self.q.measures} | {str(p["id"]) for p in self.pending}
        if not ID_RE.match(mid) or mid in taken:
            out.append(QT("qt_err_id", self.lang))
        if not self.fields["qt_own_label"].get().strip():
            out.append(QT("qt_err_label", self.lang))
        rate = parse_number(self.fields["qt_own_rate"].get())
        if rate is None or not 0 <= rate <= 1:
            out.append(QT("qt_err_rate", self.lang))
        source = self.expression()
        if not source:
            out.append(QT("qt_err_when", self.lang))
        elif (problem := triggers.check_trigger(self.q, source)) is not None:
            out.append(problem.message(self.lang))
        return out

    def changed(self) -> None:
        source = self.expression()
        problem = triggers.check_trigger(self.q, source) if source else None
        if problem is not None:
            self.status.configure(text=problem.message(self.lang), text_color=style.ERROR)
            self.advanced.configure(border_color="#c62828")
        else:
            ok = QT("qt_own_ok", self.lang) if self.advanced.get().strip() else ""
            text = QT("qt_own_expression", self.lang, source=source) + ("　" + ok if ok else "") if source else ""
            self.status.configure(text=text, text_color=style.MUTED)
            self.advanced.configure(border_color=("#979da2", "#565b5e"))
        self.on_change()

    def add(self) -> bool:
        """Put the measure in the list of measures the save adds (after checking it)."""
        problems = self.draft_problems()
        if problems:
            self.status.configure(text="\n".join(problems), text_color=style.ERROR)
            return False
        label = self.fields["qt_own_label"].get().strip()
        self.pending.append({"id": self.fields["qt_own_id"].get().strip(), "ecrs": "T", "label.ja": label,
                             "trigger": self.expression(), "automation": False, "tool": False,
                             "reduction_rate": float(parse_number(self.fields["qt_own_rate"].get()) or 0),
                             "provisional": True, "provenance.ja": PROVENANCE["ja"], "provenance.en": PROVENANCE["en"]})
        for entry in self.fields.values():
            entry.delete(0, "end")
        self.advanced.delete(0, "end")
        self.list_label.configure(text=QT("qt_own_added", self.lang,
                                          names="、".join(str(p["label.ja"]) for p in self.pending)))
        self.changed()
        return True

    def edits(self) -> list[Any]:
        """The edits that append the pending measures."""
        return [qbook.added_measure(p) for p in self.pending]

    def problems(self) -> list[str]:
        """Only a broken advanced expression blocks saving; a half-written draft is simply not added."""
        source = self.advanced.get().strip()
        problem = triggers.check_trigger(self.q, source) if source else None
        return [problem.message(self.lang)] if problem is not None else []

    def reset(self, q: Questionnaire) -> None:
        """After a save: the new version is the base, nothing is pending."""
        self.q = q
        self.pending.clear()
        self.list_label.configure(text="")
        self.changed()
