"""At a measure in the window: proven cases of the office (庁内実績) and the folded guidance card (進め方カード).

Both are folded by default and cost one line each: 「庁内実績: 課税課（令和8年12月）年180時間削減」 with
「事例を見る」, and 「進め方カード」. Nothing shows when the catalogue has no match or the measure no card.
"""

from __future__ import annotations

import tkinter
from collections.abc import Callable
from typing import Any

import customtkinter as ctk

from app.domain.cases import Case, headline
from app.domain.catalogue import Catalogue
from app.domain.questionnaire import Guide, Measure
from app.gui import style
from app.gui.flat_frame import FlatFrame, WrappedLabel

TEXTS = Catalogue("gui.spread", {
    "show_case": ("事例を見る ▸", "Show the case ▸"), "hide_case": ("事例を閉じる ▾", "Hide the case ▾"),
    "show_guide": ("進め方カード ▸", "Guidance card ▸"), "hide_guide": ("進め方カードを閉じる ▾", "Hide the card ▾"),
    "example": ("（見本: 業務改善担当が自庁の内容に置き換えます）", "(example: the improvement team replaces it)"),
    "tips": ("コツ", "Tip"), "contact": ("問合せ先", "Contact"), "before": ("改善前", "Before"),
    "after": ("改善後", "After"), "steps": ("手順", "Steps"),
})
GUIDE_LABELS = {
    "what": ("どんな改善か", "What it is"), "prerequisites": ("前提", "Prerequisites"),
    "contact": ("問合せ先（窓口・内線）", "Whom to ask"), "tools": ("使える道具・ライセンス", "Tools and licences"),
    "budget": ("予算の時期", "Budget calendar"), "security": ("セキュリティ・個人情報", "Security and personal data"),
    "pitfalls": ("注意点", "Pitfalls"),
}
SHOWN_CASES = 2


def _t(key: str, lang: str) -> str:
    return TEXTS(key, lang)


def case_story(c: Case, lang: str) -> str:
    """The story of a case on demand: before, after, tips, contact."""
    parts = [(_t("before", lang), c.before), (_t("after", lang), c.after), (_t("tips", lang), c.tips),
             (_t("contact", lang), c.contact)]
    return "\n".join(f"{k}: {v}" for k, v in parts if v.strip())


def guide_text(g: Guide, lang: str) -> str:
    """The card as text for the window."""
    lines = [f"{GUIDE_LABELS[k][1 if lang == 'en' else 0]}: {v.get(lang)}" for k, v in g.texts()]
    if g.steps:
        lines.append(_t("steps", lang) + ": " + "  ".join(f"{n}. {s.get(lang)}" for n, s in enumerate(g.steps, 1)))
    if g.example:
        lines.append(_t("example", lang))
    return "\n".join(lines)


class _Fold(FlatFrame):
    """A one-line head with a toggle button and a body shown on demand."""

    def __init__(self, parent: tkinter.Misc, show_key: str, hide_key: str, lang: Callable[[], str]) -> None:
        super().__init__(parent, fg_color="transparent")
        self.lang = lang
        self.keys = (show_key, hide_key)
        self.columnconfigure(1, weight=1)
        self.head = WrappedLabel(self, text="", font=style.font(13), anchor="w", justify="left", wraplength=640)
        self.head.grid(row=0, column=0, sticky="w")
        self.button = ctk.CTkButton(self, text="", width=10, height=24, font=style.font(12), fg_color="transparent",
                                    text_color=style.ACCENT, hover_color=style.PANEL, command=self.toggle)
        self.button.grid(row=0, column=1, sticky="w", padx=(8, 0))
        self.body = ctk.CTkLabel(self, text="", font=style.font(12), text_color=style.MUTED, anchor="w",
                                 justify="left", wraplength=800)
        self.open = False
        self.retranslate()

    def toggle(self) -> None:
        """Unfold or fold the body."""
        self.open = not self.open
        if self.open:
            self.body.grid(row=1, column=0, columnspan=2, sticky="w", pady=(2, 4))
        else:
            self.body.grid_remove()
        self.retranslate()

    def retranslate(self) -> None:
        self.button.configure(text=_t(self.keys[1 if self.open else 0], self.lang()))


class MeasureExtras(FlatFrame):
    """The cases and the card of one measure, for whichever focus task is current."""

    def __init__(self, parent: tkinter.Misc, measure: Measure, lang: Callable[[], str],
                 cases: Callable[[], list[Case]]) -> None:
        super().__init__(parent, fg_color="transparent")
        self.measure = measure
        self.lang = lang
        self.cases = cases
        self.case_fold = _Fold(self, "show_case", "hide_case", lang)
        self.guide_fold = _Fold(self, "show_guide", "hide_guide", lang)
        self.shown: list[Case] = []
        self.refresh()

    def refresh(self) -> None:
        """Show the matching cases (best two) and the card, or nothing."""
        lang = self.lang()
        try:
            self.shown = self.cases()[:SHOWN_CASES]
        except Exception:  # a help beside the measure never breaks the page
            from app.logs import log_exception

            log_exception("cases beside a measure")
            self.shown = []
        if self.shown:
            self.case_fold.head.configure(text="\n".join(headline(c, lang) for c in self.shown),
                                          text_color=style.DONE)
            self.case_fold.body.configure(text="\n\n".join(f"{c.title}\n{case_story(c, lang)}" for c in self.shown))
            self.case_fold.grid(row=0, column=0, sticky="w")
        else:
            self.case_fold.grid_remove()
        g = self.measure.guide
        if g is not None:
            self.guide_fold.head.configure(text="")
            self.guide_fold.body.configure(text=guide_text(g, lang))
            self.guide_fold.grid(row=1, column=0, sticky="w")
        else:
            self.guide_fold.grid_remove()
        self.case_fold.retranslate()
        self.guide_fold.retranslate()

    def state(self) -> dict[str, Any]:
        """What is shown (for tests): headlines, whether each fold is open."""
        return {"headlines": [headline(c, self.lang()) for c in self.shown], "case_open": self.case_fold.open,
                "guide": self.measure.guide is not None, "guide_open": self.guide_fold.open}
