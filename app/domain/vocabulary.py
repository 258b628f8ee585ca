"""The domain's own words next to the values they name: action statuses, quadrants, group kinds, ECRS, yes/no.

The window, the PDF, the exports and the CLI all look these labels up here (through :data:`VOCABULARY`
or the small functions below), so one value always reads the same on every surface.
"""

from __future__ import annotations

from app.domain.catalogue import Catalogue

ACTION_STATUSES = ("not_started", "in_progress", "done", "cancelled")
QUADRANTS = ("quick_win", "major_project", "fill_in", "not_now")
GROUP_KINDS = ("category", "pain", "measure")
ECRS_CODES = ("E", "C", "R", "S", "M", "T")

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "not_started": ("未着手", "Not started"),
    "in_progress": ("進行中", "In progress"),
    "done": ("完了", "Done"),
    "cancelled": ("中止", "Cancelled"),
}
QUADRANT_LABELS: dict[str, tuple[str, str]] = {
    "quick_win": ("すぐやる", "Quick win"),
    "major_project": ("計画的に", "Major project"),
    "fill_in": ("余力で", "Fill-in"),
    "not_now": ("見送り", "Not now"),
}
GROUP_KIND_LABELS: dict[str, tuple[str, str]] = {
    "category": ("同じ業務区分", "Same category"),
    "pain": ("同じ課題", "Same pain point"),
    "measure": ("同じ改善策", "Same measure"),
}
# the short forms the plan's tables print (E eliminate, C combine, R rearrange, S simplify, manual, tool)
ECRS_LABELS: dict[str, tuple[str, str]] = {
    "E": ("E 廃止", "E elim."),
    "C": ("C 統合", "C combine"),
    "R": ("R 入替", "R rearr."),
    "S": ("S 簡素化", "S simplify"),
    "M": ("手順書", "manual"),
    "T": ("ツール", "tool"),
}
YES_NO_LABELS: dict[str, tuple[str, str]] = {"yes": ("はい", "Yes"), "no": ("いいえ", "No")}

VOCABULARY = Catalogue("vocabulary", {
    **{f"status.{k}": v for k, v in STATUS_LABELS.items()},
    **{f"quadrant.{k}": v for k, v in QUADRANT_LABELS.items()},
    **{f"group_kind.{k}": v for k, v in GROUP_KIND_LABELS.items()},
    **{f"ecrs.{k}": v for k, v in ECRS_LABELS.items()},
    **{f"bool.{k}": v for k, v in YES_NO_LABELS.items()},
})


def status_label(status: str, lang: str) -> str:
    """An action status in words (an unknown status read from a newer file is shown as stored)."""
    return VOCABULARY(f"status.{status}", lang) if status in STATUS_LABELS else status


def quadrant_label(quadrant: str, lang: str) -> str:
    """A quadrant's name (すぐやる, 計画的に, 余力で, 見送り)."""
    return VOCABULARY(f"quadrant.{quadrant}", lang)


def group_kind_label(kind: str, lang: str) -> str:
    """How a ward-wide proposal group was formed (同じ業務区分 …)."""
    return VOCABULARY(f"group_kind.{kind}", lang)


def ecrs_label(code: str, lang: str) -> str:
    """An ECRS type's short label (an unknown code is shown as written)."""
    return VOCABULARY(f"ecrs.{code}", lang) if code in ECRS_LABELS else code


def yes_no(value: bool, lang: str) -> str:
    """はい / いいえ (Yes / No)."""
    return VOCABULARY("bool.yes" if value else "bool.no", lang)


def status_from_label(label: str) -> str | None:
    """The status whose label (in either language) is ``label``, or None."""
    for status, pair in STATUS_LABELS.items():
        if label in pair:
            return status
    return None
