"""The fields of an action line and of a follow-up record, described like questionnaire items.

The action plan step and the follow-up window read and check what is typed with the same
:func:`app.domain.values.validate` as every form, so a date or an hour figure is accepted or refused
(with the same A-code message) everywhere alike. Their labels live here, once.
"""

from __future__ import annotations

from app.domain.catalogue import Words
from app.domain.questionnaire import Item, LText

ACTION_ITEMS: dict[str, Item] = {item.id: item for item in (
    Item("owner", "text", LText("担当", "Owner")),
    Item("deadline", "date", LText("期限", "Deadline")),
    Item("first_step", "text", LText("最初の一歩", "First step")),
    Item("kpi", "text", LText("KPI（指標）", "KPI")),
    Item("baseline", "text", LText("現状値", "Baseline")),
    Item("target", "text", LText("目標値", "Target")),
    Item("review_date", "date", LText("確認日", "Review date")),
    Item("support", "text", LText("必要な支援", "Support needed")),
)}

FOLLOW_UP_ITEMS: dict[str, Item] = {item.id: item for item in (
    Item("date", "date", LText("日付（完了日）", "Date (done on)")),
    Item("realised_hours", "decimal", LText("削減できた時間（時間/年）", "Hours saved (h/year)"), minimum=0),
)}

# what an action line records besides its items: one name each, in the window, the follow-up window, the PDF,
# the spreadsheet export and every message
STATUS_LABEL = LText("状況", "Status")
DONE_DATE_LABEL = LText("完了日", "Done on")
PLANNED_LABEL = LText("計画した削減時間（時間/年）", "Planned saving (h/year)")
REALISED_LABEL = FOLLOW_UP_ITEMS["realised_hours"].label


def pair(label: LText) -> tuple[str, str]:
    """``label`` as a text catalogue's (Japanese, English) entry."""
    return label.ja, label.en or label.ja


def line_field(n: int, label: LText) -> Words:
    """A field of action line ``n`` (0-based) as a message names it: 「行動計画 2行目の期限」."""
    return Words(f"行動計画 {n + 1}行目の{label.get('ja')}", f"{label.get('en')} of action line {n + 1}")
