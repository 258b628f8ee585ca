"""The computed view of an assessment: what the results page, the PDF and ``score --json`` show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from app.domain.questionnaire import EMPTY, LText

R = TypeVar("R")


def filled(cls: type[R], values: dict[str, Any]) -> R:
    """The frozen dataclass ``cls`` holding ``values`` (every field): the object ``cls(**values)`` makes.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``; the scorer makes 40,000
    task and measure results for a 10,000-task department and spent more time there than in its rules. The
    fields go into the instance dictionary at once.
    """
    result = object.__new__(cls)
    object.__setattr__(result, "__dict__", values)
    return result


@dataclass(frozen=True)
class TaskResult:
    """One inventoried task with its hours and readiness figures."""

    task_id: str
    index: int  # position in the inventory (0-based): the tie-break everywhere
    name: str
    category: str | None
    annual_hours: float
    focus: bool
    rank: int  # 1 = most hours
    cumulative_share: float  # share of all hours covered by this task and those above it (0–1)
    suitability: float | None  # 0–1 from the suitability items, None if none answered
    readiness: float | None  # 0–1 from the readiness items, None if none answered
    pains: tuple[str, ...] = ()
    premature: bool = False
    suggested: tuple[str, ...] = ()  # measure ids whose trigger holds
    potential_hours: float = 0.0  # the task's total over its chosen measures, applied one after another (≤ H)
    peak_months: tuple[int, ...] = ()  # month numbers 1–12
    overtime_hours: float | None = None  # 時間外（時間/年）, when given


@dataclass(frozen=True)
class MeasureResult:
    """One chosen measure for one focus task, scored."""

    task_id: str
    measure_id: str
    task_index: int
    measure_index: int
    ecrs: str
    automation: bool
    tool: bool
    annual_hours: float
    affected_share: float
    reduction_rate: float
    suitability: float | None  # used for automation-type measures only
    potential_hours: float  # this measure's share after the measures before it on the task (unrounded)
    potential_yen: float  # of the share
    band: int  # from standalone_hours
    ease: float | None  # mean of the answered ease items (1–5)
    quadrant: str
    premature: bool
    cross_department: bool
    quick_win_candidate: bool
    quick_win_eligible: bool
    complete: bool  # every required per-measure question answered
    standalone_hours: float = 0.0  # what it would save alone: H × a × r × s × fit (ranks it: band, quadrant)
    fit_factor: float = 1.0  # product of the factors of fit answers of いいえ
    review: bool = False  # 要確認: a fit answer of いいえ/わからない or a gate holds
    notices: tuple[LText, ...] = ()  # why it needs review, in the questionnaire's words
    proposal_reason: LText = EMPTY  # why it is a proposal (cross-department only)
    order: int = 0  # position in the task's sequence (0 = applied first)


MATRIX_POINTS = 30
"""The most measures the matrix (window and PDF) draws: the largest savings first, numbered alike in both."""


def matrix_order(measures: Sequence[MeasureResult]) -> list[MeasureResult]:
    """Measures as the matrix ranks them: by what each would save alone, the largest first (ties: task, measure)."""
    return sorted(measures, key=lambda m: (-m.standalone_hours, m.task_index, m.measure_index))


def matrix_points(measures: Sequence[MeasureResult]) -> tuple[list[MeasureResult], int]:
    """The measures the matrix draws, numbered from 1 in this order, and how many rated ones it leaves out.

    A measure whose ease is not answered has no place on the ease axis and is never drawn; of the others the
    :data:`MATRIX_POINTS` largest are. The window and the PDF number their points from this one list, so point 7
    is the same measure on the screen and on paper."""
    rated = [m for m in matrix_order(measures) if m.ease is not None]
    return rated[:MATRIX_POINTS], max(0, len(rated) - MATRIX_POINTS)


@dataclass(frozen=True)
class Totals:
    """Department-level figures."""

    inventory_hours: float
    focus_hours: float
    potential_hours: float  # per-task capped sum: never more than a task's own hours
    potential_yen: float
    potential_index: float  # potential_hours / inventory_hours × 100 (%)
    target_hours: float | None
    target_progress: float | None  # potential_hours / target_hours (0–…), None without a target
    realised_hours: float
    task_count: int
    focus_count: int
    quick_win_count: int
    major_project_count: int
    proposal_count: int
    quadrant_counts: dict[str, int] = field(default_factory=dict)  # every scored measure, by quadrant
    realisation_factor: float = 0.4
    fiscal_year_end: str = ""  # ISO date: 3/31 of the session's fiscal year
    this_year_planned_hours: float = 0.0  # shares of local actions due by fiscal_year_end
    this_year_expected_hours: float = 0.0  # this_year_planned_hours × realisation_factor
    headcount: float | None = None  # FTE of the section (基本情報), None when not given
    capacity_hours: float | None = None  # headcount × hours_per_fte
    monthly_hours: tuple[float, ...] = ()  # inventory hours per month, April first (12 values)


@dataclass(frozen=True)
class Warning:
    """A non-blocking notice (catalogue code ``W…``)."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class NotThisYear:
    """A measure left out of this fiscal year's figure, and why (``proposal``, ``no_deadline``, ``later``,
    ``no_action``, ``cancelled``)."""

    task_id: str
    measure_id: str
    reason: str
    potential_hours: float


@dataclass(frozen=True)
class AssessmentResult:
    """Everything computed from an assessment."""

    tasks: tuple[TaskResult, ...]
    measures: tuple[MeasureResult, ...]
    quick_wins: tuple[MeasureResult, ...]
    proposals: tuple[MeasureResult, ...]
    totals: Totals
    pain_profile: dict[str, float]  # pain point value -> share of focus tasks (0–1), in choice order
    warnings: tuple[Warning, ...] = ()
    not_this_year: tuple[NotThisYear, ...] = ()

    def task(self, task_id: str) -> TaskResult:
        """The result row of ``task_id`` (``StopIteration`` if there is none, as from a search)."""
        found = self._task_index.get(task_id)
        if found is None:
            raise StopIteration(task_id)
        return found

    def measure(self, task_id: str, measure_id: str) -> MeasureResult | None:
        """The scored measure, or ``None`` if it was not chosen."""
        return self._measure_index.get((task_id, measure_id))

    # Built on first use: the report and the exports look up thousands of rows, a search each was quadratic.
    @cached_property
    def _task_index(self) -> dict[str, TaskResult]:
        index: dict[str, TaskResult] = {}
        for t in self.tasks:
            index.setdefault(t.task_id, t)
        return index

    @cached_property
    def _measure_index(self) -> dict[tuple[str, str], MeasureResult]:
        index: dict[tuple[str, str], MeasureResult] = {}
        for m in self.measures:
            index.setdefault((m.task_id, m.measure_id), m)
        return index

    def by_quadrant(self, quadrant: str) -> tuple[MeasureResult, ...]:
        """The scored measures of one quadrant, highest potential first."""
        return tuple(sorted((m for m in self.measures if m.quadrant == quadrant),
                            key=lambda m: (-m.standalone_hours, m.task_index, m.measure_index)))
