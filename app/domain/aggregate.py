"""The ward-wide view for the central team: many departments' assessments summed, compared and grouped.

Reading files is not done here (the domain does no IO): :func:`app.service.aggregate_files` opens
each file, scores it and passes a :class:`Source` per readable file plus a :class:`~app.domain.errors.Problem`
per file it had to skip. Figures are kept unrounded; the PDF and the exports round for display.

Realised hours are the actions' recorded ``realised_hours`` (cancelled actions excluded), the same
rule as :attr:`app.domain.results.Totals.realised_hours`, so the department's own plan and the
ward-wide summary never disagree. The realised-against-planned rate counts only the actions whose review
is due on the summary day (or that are already done): an action reviewed next year has not failed yet.

Each section counts once per fiscal year (:mod:`app.domain.identity`); the files set aside are listed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from app.domain.assessment import Action, Assessment
from app.domain.errors import Problem
from app.domain.identity import SetAside, fiscal_year, section_of, select, session_day
from app.domain.plan import action_title
from app.domain.questionnaire import EMPTY, LText, Questionnaire
from app.domain.results import AssessmentResult
from app.domain.values import parse_date
from app.domain.vocabulary import GROUP_KINDS
from app.domain.ward_extras import (
    CalibrationRow,
    ProcurementGroup,
    calibration,
    procurement,
    unknown_measure_label,
)

MIN_GROUP_DEPARTMENTS = 2  # a group is evidence for whole-office work only when several departments share it


@dataclass(frozen=True)
class Source:
    """One readable assessment file, scored with the questionnaire it was opened with."""

    name: str  # the file name shown to the user
    questionnaire: Questionnaire
    assessment: Assessment
    result: AssessmentResult
    file_id: str  # questionnaire id stamped in the file
    file_version: str  # questionnaire version stamped in the file (may differ from ``questionnaire.version``)
    notes: tuple[Problem, ...] = ()  # what opening the file reported (kept answers, newer format …)


@dataclass(frozen=True)
class DepartmentRow:
    """One department's line of the summary."""

    source: str
    department: str
    section: str
    questionnaire_id: str
    file_version: str
    scored_version: str
    version_flag: bool  # the file was made with another questionnaire version than most of the others
    task_count: int
    inventory_hours: float
    focus_hours: float
    potential_hours: float
    potential_yen: float
    planned_hours: float  # potential of the measures that have a (not cancelled) action line
    realised_hours: float
    action_count: int
    done_count: int
    quick_win_count: int
    quick_wins_done: int
    proposal_count: int
    notes: tuple[Problem, ...] = ()
    session_date: str = ""  # ISO date of the session (実施日), empty when unknown
    fiscal_year: int | None = None
    due_count: int = 0  # actions whose review is due on the summary day, or done
    due_planned_hours: float = 0.0  # planned hours of those actions
    due_realised_hours: float = 0.0  # realised hours of those actions


@dataclass(frozen=True)
class DepartmentTotal:
    """The sections of one department summed (a department with one section has one)."""

    department: str
    sections: tuple[DepartmentRow, ...]

    def total(self, attribute: str) -> float:
        """Sum of one numeric :class:`DepartmentRow` attribute over the department's sections."""
        return float(sum(getattr(d, attribute) for d in self.sections))


@dataclass(frozen=True)
class PainCount:
    """How widely one pain point is felt across the departments' focus tasks."""

    value: str
    label: LText
    departments: tuple[str, ...]
    task_count: int
    hours: float  # annual hours of the focus tasks that have this pain point


@dataclass(frozen=True)
class ProposalEntry:
    """One department's cross-department measure, the evidence a group is built from."""

    department: str
    task_name: str
    category: str | None
    pains: tuple[str, ...]
    measure_id: str
    measure_label: LText
    annual_hours: float
    potential_hours: float
    section: str = ""
    task_id: str = ""
    title: str = ""  # what will be done (何をするか)
    other_departments: str = ""  # whom the department named on the other side


@dataclass(frozen=True)
class ProposalGroup:
    """Proposals from several departments sharing a task category, a pain point or a measure."""

    kind: str  # one of GROUP_KINDS
    key: str
    label: LText
    entries: tuple[ProposalEntry, ...]

    @cached_property  # the tables ask for it once per entry: a group of thousands was quadratic
    def departments(self) -> tuple[str, ...]:
        """The departments in the group, in first-seen order."""
        return tuple(dict.fromkeys(e.department for e in self.entries))

    @cached_property  # the tables ask for it once per entry: a group of thousands was quadratic
    def potential_hours(self) -> float:
        """Sum of the entries' potential hours."""
        return sum(e.potential_hours for e in self.entries)

    @cached_property  # the tables ask for it once per entry: a group of thousands was quadratic
    def annual_hours(self) -> float:
        """Sum of the hours of the distinct tasks behind the entries (a task counts once)."""
        seen: dict[tuple[str, str, str], float] = {}
        for e in self.entries:
            seen[(e.department, e.section, e.task_id or e.task_name)] = e.annual_hours
        return sum(seen.values())


@dataclass(frozen=True)
class WardSummary:
    """Everything the ward-wide PDF, CSV and XLSX show."""

    departments: tuple[DepartmentRow, ...]
    pains: tuple[PainCount, ...]
    groups: tuple[ProposalGroup, ...]
    skipped: tuple[Problem, ...]
    versions: dict[str, int] = field(default_factory=dict)  # "id version" -> number of files
    unit_cost_yen_per_hour: float = 0.0
    warnings: tuple[Problem, ...] = ()  # never block: mixed fiscal years, mixed questionnaire versions
    set_aside: tuple[SetAside, ...] = ()  # files of a section already counted with a newer file
    day: dt.date | None = None  # the summary day that decides which reviews are due
    calibration: tuple[CalibrationRow, ...] = ()  # completed actions against their estimate, per measure
    procurement: tuple[ProcurementGroup, ...] = ()  # 共同調達・全庁導入の候補
    monthly_hours: tuple[float, ...] = ()  # the departments' inventory hours per month, April first (peak months)

    @property
    def mixed_versions(self) -> bool:
        """Whether the files come from more than one questionnaire id or version."""
        return len(self.versions) > 1

    def total(self, attribute: str) -> float:
        """Sum of one numeric :class:`DepartmentRow` attribute over all departments."""
        return float(sum(getattr(d, attribute) for d in self.departments))

    def by_department(self) -> tuple[DepartmentTotal, ...]:
        """The rows grouped by department name, in first-seen order (sections summed, never a file twice)."""
        groups: dict[str, list[DepartmentRow]] = {}
        for d in self.departments:
            groups.setdefault(d.department, []).append(d)
        return tuple(DepartmentTotal(name, tuple(rows)) for name, rows in groups.items())

    def due_rate(self) -> float | None:
        """Realised ÷ planned hours over the actions whose review is due (``None`` when none is due)."""
        planned = self.total("due_planned_hours")
        return self.total("due_realised_hours") / planned if planned > 0 else None

    def distinct_proposal_hours(self) -> float:
        """Potential hours of the grouped proposals with each proposal counted once (groups overlap)."""
        seen: dict[tuple[str, str, str, str], float] = {}
        for g in self.groups:
            for e in g.entries:
                seen[(e.department, e.section, e.task_id, e.measure_id)] = e.potential_hours
        return sum(seen.values())


def _department_name(s: Source) -> str:
    raw = s.assessment.info.get(s.questionnaire.scoring.department_item)
    return raw.strip() if isinstance(raw, str) and raw.strip() else s.name


def is_due(x: Action, day: dt.date | None) -> bool:
    """Whether an action's outcome can be judged on ``day``: done, or its review date has come (never cancelled)."""
    if x.status == "cancelled":
        return False
    if x.status == "done":
        return True
    review = parse_date(x.review_date) if x.review_date else None
    return day is not None and review is not None and review <= day


def _row(s: Source, majority: tuple[str, str] | None, name: str, day: dt.date | None) -> DepartmentRow:
    a, r = s.assessment, s.result
    live = [x for x in a.actions if x.status != "cancelled"]

    def planned_of(x: Action) -> float:
        m = r.measure(x.task_id, x.measure_id)
        return m.potential_hours if m is not None else 0.0

    planned = sum(planned_of(x) for x in live)
    due = [x for x in live if is_due(x, day)]
    quick = {(m.task_id, m.measure_id) for m in r.quick_wins}
    done = [x for x in a.actions if x.status == "done"]
    session = session_day(a)
    return DepartmentRow(
        source=s.name, department=name, section=section_of(a),
        questionnaire_id=s.file_id, file_version=s.file_version, scored_version=s.questionnaire.version,
        version_flag=majority is not None and (s.file_id, s.file_version) != majority,
        task_count=r.totals.task_count, inventory_hours=r.totals.inventory_hours, focus_hours=r.totals.focus_hours,
        potential_hours=r.totals.potential_hours, potential_yen=r.totals.potential_yen, planned_hours=planned,
        realised_hours=r.totals.realised_hours, action_count=len(a.actions), done_count=len(done),
        quick_win_count=len(r.quick_wins), quick_wins_done=sum(1 for x in done if (x.task_id, x.measure_id) in quick),
        proposal_count=len(r.proposals), notes=s.notes,
        session_date=session.isoformat() if session else "", fiscal_year=fiscal_year(session), due_count=len(due),
        due_planned_hours=sum(planned_of(x) for x in due),
        due_realised_hours=sum(x.realised_hours or 0.0 for x in due),
    )


def _choice_label(q: Questionnaire, item_id: str, value: object) -> LText:
    if not q.has_item(item_id):
        return LText(str(value))
    choice = q.item(item_id).choice(value)
    return choice.label if choice is not None else LText(str(value))


def _choice_order(q: Questionnaire, item_id: str) -> dict[str, int]:
    if not q.has_item(item_id):
        return {}
    return {str(c.value): n for n, c in enumerate(q.item(item_id).choices)}


def _pains(sources: Sequence[Source], names: Sequence[str], ref: Questionnaire) -> tuple[PainCount, ...]:
    pain_item = ref.scoring.pain_points_item
    depts: dict[str, dict[str, None]] = {}
    tasks: Counter[str] = Counter()
    hours: dict[str, float] = {}
    for s, name in zip(sources, names, strict=True):
        for t in s.result.tasks:
            if not t.focus:
                continue
            for p in t.pains:
                depts.setdefault(str(p), {})[name] = None
                tasks[str(p)] += 1
                hours[str(p)] = hours.get(str(p), 0.0) + t.annual_hours
    order = _choice_order(ref, pain_item)
    keys = sorted(depts, key=lambda p: (-len(depts[p]), -tasks[p], order.get(p, len(order)), p))
    return tuple(PainCount(p, _choice_label(ref, pain_item, p), tuple(depts[p]), tasks[p], hours[p]) for p in keys)


def _entries(sources: Sequence[Source], names: Sequence[str]) -> list[ProposalEntry]:
    out: list[ProposalEntry] = []
    for s, name in zip(sources, names, strict=True):
        for m in s.result.proposals:
            t = s.result.task(m.task_id)
            try:
                label = s.questionnaire.measure(m.measure_id).label
            except KeyError:
                label = unknown_measure_label(m.measure_id)
            other_item = s.questionnaire.scoring.other_departments_item
            other = s.assessment.analysis.get(m.task_id, {}).get(other_item) if other_item else None
            out.append(ProposalEntry(name, t.name, t.category, t.pains, m.measure_id, label, t.annual_hours,
                                     m.potential_hours, section_of(s.assessment), t.task_id,
                                     action_title(s.questionnaire, s.assessment, m.task_id, m.measure_id),
                                     other if isinstance(other, str) else ""))
    return out


def _groups(entries: Sequence[ProposalEntry], ref: Questionnaire) -> tuple[ProposalGroup, ...]:
    buckets: dict[tuple[str, str], list[ProposalEntry]] = {}
    for e in entries:
        keys = [("category", e.category)] if e.category else []
        keys += [("pain", p) for p in e.pains]
        keys.append(("measure", e.measure_id))
        for kind, key in keys:
            buckets.setdefault((kind, str(key)), []).append(e)
    measure_labels = {m.id: m.label for m in ref.measures}
    groups: list[ProposalGroup] = []
    for (kind, key), items in buckets.items():
        if len({e.department for e in items}) < MIN_GROUP_DEPARTMENTS:
            continue
        if kind == "category":
            label = _choice_label(ref, "category", key)
        elif kind == "pain":
            label = _choice_label(ref, ref.scoring.pain_points_item, key)
        else:
            label = measure_labels.get(key) or items[0].measure_label or EMPTY
        groups.append(ProposalGroup(kind, key, label, tuple(items)))
    groups.sort(key=lambda g: (-len(g.departments), -g.potential_hours, GROUP_KINDS.index(g.kind), g.key))
    return tuple(groups)


def aggregate(sources: Sequence[Source], skipped: Sequence[Problem] = (),
              reference: Questionnaire | None = None, day: dt.date | None = None) -> WardSummary:
    """Sum and compare the departments; ``reference`` supplies labels (default: the first source's questionnaire).

    Departments keep the order given; a section's older files of the same fiscal year are set aside
    (:func:`app.domain.identity.select`). A file whose questionnaire id and version differ from the most
    common pair among the files is flagged, never dropped: its figures were scored with the questionnaire
    it was opened with, and the flag tells the reader to compare with care. ``day`` decides which
    reviews are due (none without it, so only done actions count in the rate).
    """
    kept, aside = select(list(sources), name=lambda x: x.name, department=_department_name,
                         assessment=lambda x: x.assessment)
    versions = Counter(f"{s.file_id} {s.file_version}" for s in kept)
    pairs = Counter((s.file_id, s.file_version) for s in kept)
    # ties go to the first file's pair, so the flag does not depend on dictionary order
    majority = max(pairs, key=lambda p: (pairs[p], -[(s.file_id, s.file_version) for s in kept].index(p))) \
        if len(pairs) > 1 else None
    names = [_department_name(s) for s in kept]
    rows = tuple(_row(s, majority, n, day) for s, n in zip(kept, names, strict=True))
    ref = reference or (kept[0].questionnaire if kept else None)
    if ref is None:
        return WardSummary((), (), (), tuple(skipped), {}, day=day)
    return WardSummary(
        departments=rows, pains=_pains(kept, names, ref), groups=_groups(_entries(kept, names), ref),
        skipped=tuple(skipped), versions=dict(versions), unit_cost_yen_per_hour=ref.value("unit_cost_yen_per_hour"),
        warnings=_warnings(rows, versions, aside), set_aside=tuple(aside), day=day,
        calibration=calibration(kept, ref), procurement=procurement(kept, names, ref),
        monthly_hours=tuple(sum(x) for x in zip(*(s.result.totals.monthly_hours for s in kept
                                                  if len(s.result.totals.monthly_hours) == 12), strict=True)),
    )


def _warnings(rows: Sequence[DepartmentRow], versions: Counter[str], aside: Sequence[SetAside]) -> tuple[Problem, ...]:
    out: list[Problem] = []
    if aside:
        shown = "、".join(x.name for x in aside[:5]) + ("…" if len(aside) > 5 else "")
        out.append(Problem("W101", {"count": len(aside), "files": shown}))
    years = sorted({d.fiscal_year for d in rows if d.fiscal_year is not None})
    if len(years) > 1:
        out.append(Problem("W104", {"years": "、".join(f"{y}年度" for y in years)}))
    if len(versions) > 1:
        out.append(Problem("W102", {"versions": "、".join(f"{k}（{n}）" for k, n in sorted(versions.items()))}))
    return tuple(out)
