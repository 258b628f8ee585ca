"""The questionnaire model: steps, items, choices, measures, settings and bands, built by the loader."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from app.domain.expressions import Expression

ITEM_TYPES = (
    "note", "text", "long_text", "integer", "decimal", "boolean", "date",
    "select_one", "select_multiple", "likert",
)
CHOICE_TYPES = ("select_one", "select_multiple", "likert")
NUMBER_TYPES = ("integer", "decimal")

# Step kinds and where their items live in an assessment:
#   page          items answered once for the assessment  -> assessment.info
#   task_grid     one row per task, items are columns      -> task.answers
#   focus         Pareto view and focus ticks (no items)   -> assessment.focus
#   task_analysis per focus task                           -> assessment.analysis[task_id]
#   measures      per focus task, per chosen measure        -> assessment.measures[task_id][measure_id]
#   results, action_plan, output: computed views and the plan (no items of their own)
STEP_KINDS = ("page", "task_grid", "focus", "task_analysis", "measures", "results", "action_plan", "output")
REQUIRED_STEP_KINDS = ("page", "task_grid", "focus", "task_analysis", "measures", "results", "action_plan")


@dataclass(frozen=True)
class LText:
    """A translatable text: Japanese first, English second (falls back to Japanese)."""

    ja: str
    en: str = ""

    def get(self, lang: str = "ja") -> str:
        """The text in ``lang``, or Japanese when that translation is missing."""
        return self.en if lang == "en" and self.en else self.ja

    def __bool__(self) -> bool:
        return bool(self.ja or self.en)


EMPTY = LText("")
DEFAULT_TEAM_NAME = LText("業務改善担当", "improvement team")


@dataclass(frozen=True)
class Choice:
    """One option of a choice item; ``score`` feeds ease and other numeric uses."""

    value: str | int
    label: LText
    score: float | None = None


@dataclass(frozen=True)
class Item:
    """One question (or note) of a step, a grid column or a per-task/per-measure question."""

    id: str
    type: str
    label: LText
    hint: LText = EMPTY
    required: bool = False
    relevant: Expression | None = None
    constraint: Expression | None = None
    constraint_message: LText = EMPTY
    calculate: Expression | None = None
    choices: tuple[Choice, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    default: object = None
    width: int = 0  # a hint for grid column width in characters; 0 = automatic
    line: int = 0

    @property
    def is_input(self) -> bool:
        """Whether the item stores an answer (notes and calculations do not)."""
        return self.type != "note" and self.calculate is None

    def choice(self, value: object) -> Choice | None:
        """The choice with ``value``, if any."""
        return next((c for c in self.choices if c.value == value), None)


@dataclass(frozen=True)
class Step:
    """A page of the wizard."""

    id: str
    kind: str
    title: LText
    intro: LText = EMPTY
    items: tuple[Item, ...] = ()


GUIDE_TEXTS = ("what", "prerequisites", "contact", "tools", "budget", "security", "pitfalls")
MAX_GUIDE_STEPS = 5


@dataclass(frozen=True)
class Guide:
    """A measure's guidance card (進め方カード): what it is, who to ask, what to check, steps 1–5.

    ``example`` marks a shipped card the improvement team should replace with its own office's facts
    (contacts, extensions, licences, budget calendar).
    """

    what: LText = EMPTY
    prerequisites: LText = EMPTY
    contact: LText = EMPTY  # 窓口・内線, filled in by the team
    tools: LText = EMPTY  # tools and licences the office already has
    budget: LText = EMPTY  # 予算要求の時期
    security: LText = EMPTY  # 個人情報の目的内利用, LGWAN, 特定個人情報保護評価 … where relevant
    pitfalls: LText = EMPTY
    steps: tuple[LText, ...] = ()
    example: bool = False

    def texts(self) -> list[tuple[str, LText]]:
        """The filled-in text fields in card order, as (field, text)."""
        return [(k, getattr(self, k)) for k in GUIDE_TEXTS if getattr(self, k).ja]


@dataclass(frozen=True)
class FitRule:
    """A measure's fit question: いいえ → 要確認 and × ``factor``; わからない → 要確認 only; never a quick win."""

    item: str
    message: LText
    factor: float | None = None  # None: settings.fit_no_factor
    no_value: str = "no"
    unknown_value: str = "unknown"


@dataclass(frozen=True)
class Gate:
    """A measure-scope condition that marks a measure 要確認 with a message (and keeps it out of quick wins)."""

    when: Expression
    message: LText
    excludes_quick_win: bool = True


@dataclass(frozen=True)
class Measure:
    """An improvement measure of the catalogue, suggested for a task when ``trigger`` holds."""

    id: str
    label: LText
    description: LText
    ecrs: str  # E, C, R, S for the ECRS measures, M for manuals, T for tools
    trigger: Expression
    automation: bool
    tool: bool
    reduction_rate: float
    provisional: bool
    provenance: LText
    cross_department: Expression | None = None
    first_step: LText = EMPTY
    kpi: LText = EMPTY
    items: tuple[Item, ...] = ()  # fit questions asked only for this measure
    fit: tuple[FitRule, ...] = ()
    gates: tuple[Gate, ...] = ()
    title_example: LText = EMPTY  # an example action title (何をするか) shown at the measures step
    proposal_reason: LText = EMPTY  # why its own cross_department rule makes it a proposal
    enabled: bool = True  # false: switched off by the central team, never suggested, scored or listed
    guide: Guide | None = None  # 進め方カード
    central_procurement: bool = False  # needs an office-wide tool or contract (共同調達・全庁導入)


@dataclass(frozen=True)
class Setting:
    """A number (or, with ``text``, a word) the central team may change, with where it comes from."""

    id: str
    value: float
    label: LText
    provisional: bool
    provenance: LText
    text: LText | None = None  # text settings (central_team_name, date_style) carry no number


@dataclass(frozen=True)
class Band:
    """A potential band 1–5 with the message printed for it."""

    level: int
    min_hours: float
    label: LText
    message: LText


@dataclass(frozen=True)
class Scoring:
    """Which items and expressions the scoring uses; all named in the YAML, none hard-coded."""

    hours: Expression  # annual hours of a task, evaluated in task scope
    suitability_items: tuple[str, ...]
    readiness_items: tuple[str, ...]
    affected_share_item: str
    ease_items: tuple[str, ...]
    premature: Expression  # task scope
    quick_win_requires: Expression  # measure scope
    cross_department: Expression  # measure scope, in addition to each measure's own rule
    quick_win_confirm_item: str
    pain_points_item: str
    staff_item: str
    target_hours_item: str
    department_item: str
    headcount_items: tuple[str, ...] = ()  # 基本情報: FTE by kind; their sum × hours_per_fte checks the inventory
    action_title_item: str = ""  # per-measure: 何をするか (the action's title)
    note_item: str = ""  # per-measure note, offered as the title of files made before titles existed
    overtime_item: str = ""  # task grid: 時間外（時間/年）, the KPI baseline of peak work
    peak_months_item: str = ""  # task grid: 繁忙期 (month numbers)
    other_departments_item: str = ""  # analysis: which departments (proposals)
    shared_information_item: str = ""  # analysis: which information (proposals)
    cross_department_reason: LText = EMPTY  # the reason printed when scoring.cross_department made a proposal


@dataclass(frozen=True)
class GlossaryEntry:
    """A term staff may not know (OCR, RPA, ECRS …) and its plain explanation."""

    term: str
    text: LText


@dataclass(frozen=True)
class Questionnaire:
    """A whole questionnaire as loaded and checked from YAML."""

    id: str
    version: str
    title: LText
    description: LText
    steps: tuple[Step, ...]
    measures: tuple[Measure, ...]
    measure_items: tuple[Item, ...]
    settings: dict[str, Setting]
    bands: tuple[Band, ...]
    scoring: Scoring
    bands_provisional: bool = True
    bands_provenance: LText = EMPTY
    glossary: tuple[GlossaryEntry, ...] = ()
    source: str = ""
    _items: dict[str, Item] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for item in self.all_items():
            self._items.setdefault(item.id, item)

    def all_items(self) -> Iterator[Item]:
        """Every item of every step, then the per-measure items, then the measures' fit questions."""
        for step in self.steps:
            yield from step.items
        yield from self.measure_items
        for m in self.measures:
            yield from m.items

    def item(self, item_id: str) -> Item:
        """The item with ``item_id`` (``KeyError`` if none)."""
        return self._items[item_id]

    def has_item(self, item_id: str) -> bool:
        """Whether an item with ``item_id`` exists."""
        return item_id in self._items

    def step_of_kind(self, kind: str) -> Step:
        """The first step of ``kind`` (the validator guarantees the required ones exist)."""
        return next(s for s in self.steps if s.kind == kind)

    def items_of(self, kind: str) -> tuple[Item, ...]:
        """All items of the steps of ``kind`` in order."""
        return tuple(i for s in self.steps if s.kind == kind for i in s.items)

    def measure(self, measure_id: str) -> Measure:
        """The measure with ``measure_id`` (``KeyError`` if none)."""
        for m in self.measures:
            if m.id == measure_id:
                return m
        raise KeyError(measure_id)

    def band_for(self, hours: float) -> int:
        """The potential band (1–5) of ``hours``: the highest level whose ``min_hours`` it reaches."""
        level = self.bands[0].level
        for band in self.bands:
            if hours >= band.min_hours:
                level = band.level
        return level

    def value(self, setting_id: str, default: float | None = None) -> float:
        """The numeric value of a setting (``default`` when the file has none and a default is given)."""
        if default is not None and setting_id not in self.settings:
            return default
        return self.settings[setting_id].value

    def text_setting(self, setting_id: str, lang: str = "ja", default: LText = EMPTY) -> str:
        """The text of a text setting in ``lang`` (``default`` when missing)."""
        s = self.settings.get(setting_id)
        text = s.text if s is not None and s.text is not None else default
        return text.get(lang)

    def team_name(self, lang: str = "ja") -> str:
        """The office-wide improvement team's name (``settings.central_team_name``)."""
        return self.text_setting("central_team_name", lang, DEFAULT_TEAM_NAME)

    def team_contact(self, lang: str = "ja") -> str:
        """How to reach the improvement team (``settings.central_team_contact``; "" when not given)."""
        return self.text_setting("central_team_contact", lang)

    def date_style(self, lang: str = "ja") -> str:
        """``wareki`` (令和8年12月1日) or ``western`` for printed dates; English always prints Western dates."""
        style = self.text_setting("date_style", "ja", LText("wareki"))
        return "western" if lang == "en" else style

    @property
    def stamp(self) -> dict[str, str]:
        """``{id, version}`` stamped into every saved assessment."""
        return {"id": self.id, "version": self.version}
