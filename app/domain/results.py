"""The computed view of an assessment: what the results page, the PDF and ``score --json`` show."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    potential_hours: float  # unrounded; round only for display
    potential_yen: float
    band: int
    ease: float | None  # mean of the answered ease items (1–5)
    quadrant: str
    premature: bool
    cross_department: bool
    quick_win_candidate: bool
    quick_win_eligible: bool
    complete: bool  # every required per-measure question answered


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


@dataclass(frozen=True)
class Warning:
    """A non-blocking notice (catalogue code ``W…``)."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


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

    def task(self, task_id: str) -> TaskResult:
        """The result row of ``task_id``."""
        return next(t for t in self.tasks if t.task_id == task_id)

    def measure(self, task_id: str, measure_id: str) -> MeasureResult | None:
        """The scored measure, or ``None`` if it was not chosen."""
        return next((m for m in self.measures if m.task_id == task_id and m.measure_id == measure_id), None)

    def by_quadrant(self, quadrant: str) -> tuple[MeasureResult, ...]:
        """The scored measures of one quadrant, highest potential first."""
        return tuple(sorted((m for m in self.measures if m.quadrant == quadrant),
                            key=lambda m: (-m.potential_hours, m.task_index, m.measure_index)))
