"""Two more views of the ward: calibration of the reduction rates, and candidates for joint procurement.

**Calibration** asks how well a *completed* measure met its estimate: per measure, Σ planned stand-alone
hours of its completed actions against Σ their realised hours. With at least ``MIN_CALIBRATION`` completed
actions it suggests a rate (current rate × realised/planned, at most 1); with fewer it says 実績不足.
This is not ``realisation_factor``: that setting discounts the plan for actions that never happen at all,
while calibration looks only at actions that were done, so nothing is discounted twice. Nothing changes
by itself: the team accepts a suggestion into a new questionnaire version by hand.

**Joint procurement (共同調達・全庁導入の候補)**: measures marked ``central_procurement`` (an office-wide tool
or contract) chosen by ``MIN_PROCUREMENT_DEPARTMENTS`` or more departments, with their tasks, cases per
year and potential hours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from app.domain.assessment import Assessment
from app.domain.questionnaire import LText, Questionnaire
from app.domain.results import AssessmentResult

MIN_CALIBRATION = 3
MIN_PROCUREMENT_DEPARTMENTS = 2


class Scored(Protocol):
    """What both views need of one counted file (an :class:`app.domain.aggregate.Source`)."""

    @property
    def questionnaire(self) -> Questionnaire:
        """The questionnaire the file was scored with."""

    @property
    def assessment(self) -> Assessment:
        """The file's assessment."""

    @property
    def result(self) -> AssessmentResult:
        """Its scores."""


@dataclass(frozen=True)
class CalibrationRow:
    """One measure's completed actions against their estimate."""

    measure_id: str
    label: LText
    completed: int
    planned_hours: float  # Σ planned stand-alone hours of the completed actions
    realised_hours: float  # Σ realised hours of the same actions
    current_rate: float
    provisional: bool

    @property
    def ratio(self) -> float | None:
        """Realised ÷ planned (``None`` without planned hours)."""
        return self.realised_hours / self.planned_hours if self.planned_hours > 0 else None

    @property
    def enough(self) -> bool:
        """Whether there are enough completed actions to suggest a rate."""
        return self.completed >= MIN_CALIBRATION and self.ratio is not None

    @property
    def suggested_rate(self) -> float | None:
        """Current rate × ratio, at most 1; ``None`` (実績不足) with fewer than ``MIN_CALIBRATION`` actions."""
        ratio = self.ratio
        return min(1.0, self.current_rate * ratio) if self.enough and ratio is not None else None


@dataclass(frozen=True)
class ProcurementTask:
    """One department's task behind a joint-procurement candidate."""

    department: str
    section: str
    task_name: str
    annual_cases: float | None
    potential_hours: float


@dataclass(frozen=True)
class ProcurementGroup:
    """A measure needing an office-wide tool or contract, chosen by several departments."""

    measure_id: str
    label: LText
    tasks: tuple[ProcurementTask, ...]

    @cached_property  # asked once per row of the tables: a big group was quadratic
    def departments(self) -> tuple[str, ...]:
        """The departments, in first-seen order."""
        return tuple(dict.fromkeys(t.department for t in self.tasks))

    @cached_property  # asked once per row of the tables: a big group was quadratic
    def potential_hours(self) -> float:
        """Σ potential hours of the tasks (each task once: one measure per task)."""
        return sum(t.potential_hours for t in self.tasks)

    @cached_property  # asked once per row of the tables: a big group was quadratic
    def annual_cases(self) -> float:
        """Σ cases per year of the tasks that state them."""
        return sum(t.annual_cases or 0.0 for t in self.tasks)


UNKNOWN_ID_SHOWN = 60  # characters of a measure id no questionnaire knows, shown as its name


def unknown_measure_label(mid: str) -> LText:
    """A measure id no questionnaire knows, as its name: cut, so that a 5,000-character id cannot make a table
    cell taller than a page (the ward summary failed with an internal error)."""
    return LText(mid if len(mid) <= UNKNOWN_ID_SHOWN else mid[: UNKNOWN_ID_SHOWN - 1] + "…")


def _measure(ref: Questionnaire, s: Scored, mid: str) -> tuple[LText, float, bool, bool]:
    for q in (ref, s.questionnaire):
        try:
            m = q.measure(mid)
        except KeyError:
            continue
        return m.label, m.reduction_rate, m.provisional, m.central_procurement
    return unknown_measure_label(mid), 0.0, True, False


def calibration(sources: Sequence[Scored], ref: Questionnaire) -> tuple[CalibrationRow, ...]:
    """Per measure of ``ref`` (then any other measure met), the completed actions against their plan."""
    sums: dict[str, list[float]] = {}
    for s in sources:
        for x in s.assessment.actions:
            if x.status != "done":
                continue
            m = s.result.measure(x.task_id, x.measure_id)
            entry = sums.setdefault(x.measure_id, [0, 0.0, 0.0])
            entry[0] += 1
            entry[1] += m.standalone_hours if m is not None else 0.0  # what it was estimated to save alone
            entry[2] += x.realised_hours or 0.0
    known = [m.id for m in ref.measures]
    order = known + sorted(k for k in sums if k not in known)
    rows = []
    for mid in order:
        if mid not in sums:
            continue
        count, planned, realised = sums[mid]
        label, rate, provisional, _ = (_measure(ref, sources[0], mid) if sources
                                       else (unknown_measure_label(mid), 0.0, True, False))
        rows.append(CalibrationRow(mid, label, int(count), planned, realised, rate, provisional))
    return tuple(rows)


def procurement(sources: Sequence[Scored], names: Sequence[str], ref: Questionnaire) -> tuple[ProcurementGroup, ...]:
    """Central-procurement measures chosen by at least two departments, most departments first."""
    found: dict[str, list[ProcurementTask]] = {}
    for s, name in zip(sources, names, strict=True):
        section = s.assessment.info.get("section")
        for m in s.result.measures:
            if not _measure(ref, s, m.measure_id)[3]:
                continue
            t = s.result.task(m.task_id)
            raw = s.assessment.task(m.task_id).answers.get("annual_cases")
            cases = float(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) else None
            found.setdefault(m.measure_id, []).append(ProcurementTask(
                name, section.strip() if isinstance(section, str) else "", t.name, cases, m.potential_hours))
    groups = [ProcurementGroup(mid, _measure(ref, sources[0], mid)[0], tuple(tasks)) for mid, tasks in found.items()
              if len({t.department for t in tasks}) >= MIN_PROCUREMENT_DEPARTMENTS]
    groups.sort(key=lambda g: (-len(g.departments), -g.potential_hours, g.measure_id))
    return tuple(groups)
