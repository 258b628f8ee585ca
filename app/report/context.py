"""What every section of the plan needs: the inputs, the styles, and the formatting of figures and labels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from app.domain import plan as plan_rules
from app.domain.assessment import Action, Assessment, Task
from app.domain.questionnaire import Questionnaire
from app.domain.results import AssessmentResult, MeasureResult
from app.domain.values import parse_date
from app.domain.vocabulary import ecrs_label, quadrant_label, status_label
from app.report import formats, styles
from app.report.flowables import PageRefs
from app.report.markup import cell_text, escape, para
from app.report.strings import text


@dataclass
class PlanContext:
    """The inputs of one plan and the helpers its sections share."""

    q: Questionnaire
    a: Assessment
    result: AssessmentResult
    lang: str
    today: dt.date
    font: str
    st: dict[str, ParagraphStyle] = field(default_factory=dict)
    refs: PageRefs = field(default_factory=lambda: PageRefs(str))  # contents page numbers, drawn at save
    # (task id, measure id) → matching cases of the installed catalogue (app.domain.cases.Case), best first
    cases: dict[tuple[str, str], list[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.refs.label = lambda page: self.t("contents_page", page=page)
        if not self.st:
            self.st = styles.paragraph_styles(self.font)

    # --- text -------------------------------------------------------------------------------------
    def t(self, key: str, **params: object) -> str:
        """A fixed report text (not escaped: the catalogue holds no markup characters); ``{team}`` is the
        improvement team's name from the questionnaire."""
        return text(key, self.lang, **{"team": self.team, **params})

    def tp(self, key: str, style: str = "body", **params: object) -> Paragraph:
        """A paragraph of a report text whose parameters are escaped."""
        safe = {k: escape(v) if isinstance(v, str) else v for k, v in {"team": self.team, **params}.items()}
        # The catalogue itself holds no markup characters (a test checks), so only parameters need escaping.
        return Paragraph(text(key, self.lang, **safe), self.st[style])

    def p(self, value: object, style: str = "body", cell: bool = False) -> Paragraph:
        """A paragraph of user or questionnaire text; in a table cell long text is cut to fit a page."""
        if cell:
            return para(value, self.st[style], styles.CELL_MAX_CHARS, styles.CELL_MAX_LINES)
        return para(value, self.st[style])

    def cell(self, value: object, style: str, width: float, cut: bool = False) -> Paragraph | str:
        """A table cell ``width`` points wide (inside its padding): plain text when every line fits, a paragraph
        (which wraps) otherwise. Drawing a string costs a fraction of a paragraph, and a plan of thousands of
        tasks is mostly short cells; both print the same text at the same place in the same font."""
        text = cell_text(value)
        st = self.st[style]
        lines = text.split("\n")
        if len(lines) <= styles.CELL_MAX_LINES and "  " not in text and all(
                line == line.strip() and stringWidth(line, st.fontName, st.fontSize) <= width for line in lines):
            return text
        return self.p(value, style, cell=cut)

    @property
    def team(self) -> str:
        """The office-wide improvement team's name (settings.central_team_name)."""
        return self.q.team_name(self.lang)

    def title(self, task_id: str, measure_id: str) -> str:
        """What will be done (何をするか) for a measure, or an empty string."""
        return plan_rules.action_title(self.q, self.a, task_id, measure_id)

    @property
    def department(self) -> str:
        """The department name as typed (may be empty)."""
        value = self.a.info.get(self.q.scoring.department_item)
        return value.strip() if isinstance(value, str) else ""

    def info_text(self, item_id: str) -> str:
        """An answer of the basic-information page as text (choice labels translated)."""
        value = self.a.info.get(item_id)
        if value is None or value == "":
            return ""
        if self.q.has_item(item_id):
            choice = self.q.item(item_id).choice(value)
            if choice is not None:
                return choice.label.get(self.lang)
        if isinstance(value, str) and parse_date(value) is not None:
            return self.date(value)
        return str(value)

    # --- figures ----------------------------------------------------------------------------------
    hours = staticmethod(formats.fixed)
    yen = staticmethod(formats.yen)
    pct = staticmethod(formats.pct)

    def date(self, value: str | dt.date | None) -> str:
        """A date in the questionnaire's style (令和8年12月1日, or 2026/12/1); unparsable text as typed."""
        return formats.date_text(value, self.q.date_style(self.lang))

    # --- labels -----------------------------------------------------------------------------------
    def measure_label(self, measure_id: str) -> str:
        """The measure's name from the questionnaire (its id when the questionnaire lacks it)."""
        try:
            return self.q.measure(measure_id).label.get(self.lang)
        except KeyError:
            return measure_id

    def month(self, number: int) -> str:
        """A month's name: 3月 / Mar (from the peak-months choices when the questionnaire has them)."""
        item_id = self.q.scoring.peak_months_item
        if item_id and self.q.has_item(item_id):
            choice = self.q.item(item_id).choice(number)
            if choice is not None:
                return choice.label.get(self.lang)
        return f"{number}月" if self.lang != "en" else str(number)

    def task_name(self, task_id: str) -> str:
        """The task's name as typed (its id when it has none)."""
        task = self.tasks_by_id.get(task_id)
        return (task.name or task_id) if task is not None else task_id

    @cached_property
    def tasks_by_id(self) -> dict[str, Task]:
        """The assessment's tasks by id (the plan is drawn from a snapshot: nothing changes meanwhile)."""
        index: dict[str, Task] = {}
        for t in self.a.tasks:
            index.setdefault(t.id, t)
        return index

    def quadrant(self, m: MeasureResult) -> str:
        """The quadrant's Japanese label, with the 時期尚早 flag."""
        label = quadrant_label(m.quadrant, self.lang)
        if m.premature:
            label += f"（{self.t('premature')}）" if self.lang != "en" else f" ({self.t('premature')})"
        return label

    def ecrs(self, code: str) -> str:
        """The ECRS type's label (E やめる … ツール)."""
        return ecrs_label(code, self.lang)

    def pain_label(self, value: str) -> str:
        """A pain point's label from the questionnaire."""
        item = self.q.item(self.q.scoring.pain_points_item)
        choice = item.choice(value)
        return choice.label.get(self.lang) if choice is not None else value

    def status(self, action: Action) -> str:
        """The action's follow-up status in words."""
        return status_label(action.status, self.lang)

    def followed_actions(self) -> list[Action]:
        """The actions that were followed up: a status other than not started, realised hours or history."""
        return [x for x in self.a.actions if x.status != "not_started" or x.realised_hours is not None or x.history]

    def follow_up_totals(self) -> tuple[float, float]:
        """Planned and realised hours a year over the followed-up actions (cancelled ones realise nothing).

        The summary page and the follow-up table both print these, so a reader can trace one to the other.
        """
        followed = self.followed_actions()
        planned = sum(self.planned_hours(x) or 0.0 for x in followed)
        realised = sum(x.realised_hours or 0.0 for x in followed if x.status != "cancelled")
        return planned, realised

    def planned_hours(self, action: Action) -> float | None:
        """The potential of the action's measure, if it is still chosen and scored."""
        m = self.result.measure(action.task_id, action.measure_id)
        return None if m is None else m.potential_hours

    def unit_cost(self) -> float:
        """The staff cost per hour used for every yen figure."""
        return self.q.value("unit_cost_yen_per_hour")

    def unit_cost_provisional(self) -> bool:
        """Whether the unit cost is a placeholder."""
        s = self.q.settings.get("unit_cost_yen_per_hour")
        return bool(s and s.provisional)

