"""The core of the headless facade: questionnaires, assessments, scores, the plan PDF and the demo."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import resources
from app.domain.assessment import Assessment
from app.domain.errors import Problem, QuestionnaireError
from app.domain.questionnaire import Questionnaire
from app.loading.loader import load_questionnaire
from app.storage.atomic import atomic_write
from app.storage.outputs import check_output

if TYPE_CHECKING:
    from app.domain.results import AssessmentResult

# The scoring, the plan rules and the assessment file are imported on first use: the window's Home (new, empty
# work) needs none of them before its first frame (docs/performance.md, "Start-up to an interactive Home").

EXAMPLE_FILE = "example_shimin.kaizen.json"
ASSESSMENT_SUFFIX = ".kaizen.json"

_cache: dict[Path, tuple[float, Questionnaire]] = {}


def questionnaire_files(extra_dirs: list[Path] | None = None) -> list[Path]:
    """Bundled questionnaires, then installed packs', then the user folders' (later ones may override by id)."""
    dirs = [resources.bundled_questionnaire_dir(), *resources.pack_questionnaire_dirs(),
            *resources.user_questionnaire_dirs(), *(extra_dirs or [])]
    return [p for d in dirs if d.is_dir() for p in sorted(d.glob("*.yaml")) + sorted(d.glob("*.yml"))]


def clear_cache() -> None:
    """Forget the loaded questionnaires (after a pack is installed)."""
    _cache.clear()


def _pick(found: list[Questionnaire]) -> tuple[dict[str, Questionnaire], list[Problem]]:
    """One questionnaire per id: a later (user or pack) one replaces an earlier one only when its version is
    not lower; otherwise the earlier one stays and W105 names both."""
    from app.domain import semver

    by_id: dict[str, Questionnaire] = {}
    notes: list[Problem] = []
    for q in found:
        current = by_id.get(q.id)
        if current is not None and semver.compare(q.version, current.version) < 0:
            notes.append(Problem("W105", {"id": q.id, "user": q.version, "bundled": current.version,
                                          "path": q.source}, q.source))
            continue
        by_id[q.id] = q
    return by_id, notes


def questionnaire_notes() -> list[Problem]:
    """W105 for every user or pack questionnaire passed over because its version is lower."""
    return _pick(_loadable())[1]


def mark_ready(path: Path) -> None:
    """Write the current time (seconds since the epoch) to ``path``, whole: the moment the window was ready, for
    the start-up benchmark (``KAIZEN_READY_FILE``, benchmarks/bundle.py)."""
    import time

    atomic_write(path, repr(time.time()).encode("ascii"), backup=False)


def store_cache_entry(path: Path, data: bytes) -> None:
    """Write one questionnaire parse-cache entry whole (atomically, no backup: it can always be made again)."""
    atomic_write(path, data, backup=False)


def load_file(path: Path) -> Questionnaire:
    """Load one questionnaire file, cached by modification time in this process and by its text on disk."""
    path = Path(path).resolve()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = -1.0
    hit = _cache.get(path)
    if hit is not None and hit[0] == mtime:
        return hit[1]
    q = load_questionnaire(path, cache_dir=resources.questionnaire_cache_dir(), store=store_cache_entry)
    _cache[path] = (mtime, q)
    return q


def load_all_questionnaires(extra_dirs: list[Path] | None = None) -> list[Questionnaire]:
    """Every available questionnaire, overridden by id; raises one error listing all problems."""
    found: list[Questionnaire] = []
    problems: list[Problem] = []
    for path in questionnaire_files(extra_dirs):
        try:
            found.append(load_file(path))
        except QuestionnaireError as exc:
            problems.extend(exc.problems)
            continue
    by_id, _ = _pick(found)
    if problems:
        raise QuestionnaireError(problems)
    return list(by_id.values())


def get_questionnaire(qid: str = "standard") -> Questionnaire:
    """The questionnaire with ``qid``; a broken user override is reported (Q035), never replaced silently."""
    for path, exc in _broken():
        if _declared_id(path) in (qid, None):  # it is (or may be) the override of qid: do not hide it
            raise QuestionnaireError([Problem("Q035", {"file": str(path), "what": qid, "detail": p.render()},
                                              str(path)) for p in exc.problems[:5]])
    picked = _pick(_loadable())[0].get(qid)
    if picked is not None:
        return picked
    folders = ", ".join(str(d) for d in [resources.bundled_questionnaire_dir(), *resources.user_questionnaire_dirs()])
    raise QuestionnaireError(Problem("Q028", {"id": qid, "file": f"{qid}.yaml", "dirs": folders}))


def _loadable() -> list[Questionnaire]:
    out: list[Questionnaire] = []
    for path in questionnaire_files():
        try:
            out.append(load_file(path))
        except QuestionnaireError:
            continue  # see _broken: get_questionnaire reports the one it would have used
    return out


def _broken() -> list[tuple[Path, QuestionnaireError]]:
    """The questionnaire files that do not load, with why (good files come from the cache)."""
    out: list[tuple[Path, QuestionnaireError]] = []
    for path in questionnaire_files():
        try:
            load_file(path)
        except QuestionnaireError as exc:
            out.append((path, exc))
    return out


_ID_LINE = re.compile(r"^id:\s*[\"']?([A-Za-z0-9_.-]+)", re.M)


def _declared_id(path: Path) -> str | None:
    """The ``id:`` a questionnaire file declares at its top level, read plainly (the file may not parse)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(64 * 1024).decode("utf-8", "replace")
    except OSError:
        return None
    m = _ID_LINE.search(head)
    return m.group(1) if m else None


def validate_paths(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Validate files or folders of questionnaires; returns the files checked and every problem.

    Each file is checked on its own: one that cannot be read (or trips a bug, logged) never hides the
    others' problems. A folder without questionnaires, or no file at all, is Q036.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for given in paths or [resources.bundled_questionnaire_dir()]:
        p = Path(given)
        found = sorted([*p.glob("*.yaml"), *p.glob("*.yml")]) if p.is_dir() else [p]
        if not found:
            problems.append(Problem("Q036", {"path": str(p)}, str(p)))
        files.extend(found)
    for f in files:
        try:
            load_questionnaire(f)
        except QuestionnaireError as exc:
            problems.extend(exc.problems)
        except Exception as exc:  # a bug must not stop the check of the other files
            from app.logs import log_exception

            where = log_exception(f"validate {f}")
            problems.append(Problem("Q037", {"detail": type(exc).__name__, "log": str(where)}, str(f)))
    return files, problems


@dataclass
class Opened:
    """An assessment opened from a file, with its questionnaire and what to tell the user."""

    assessment: Assessment
    questionnaire: Questionnaire
    path: Path
    problems: list[Problem] = field(default_factory=list)
    read_only: bool = False


def open_assessment(path: Path, note_titles: bool = False, *,
                    known: dict[str, Questionnaire] | None = None) -> Opened:
    """Read an assessment and the questionnaire it was made with (or the current one of that id).

    With ``note_titles`` (the command line), a chosen measure with no title but a note takes the
    note's first line as its title in memory, and an A031 notice says so; the file is not changed.
    ``known`` remembers the questionnaires found by id across many files (one summary of a ward), so the
    questionnaire folders are searched once per id instead of once per file.
    """
    path = Path(path)
    stamp_id = _peek_questionnaire_id(path)
    q = known.get(stamp_id) if known is not None else None
    if q is None:
        try:
            q = get_questionnaire(stamp_id)
        except QuestionnaireError as exc:  # say which assessment needed it
            raise QuestionnaireError([Problem(p.code, p.params, p.path or str(path), p.line, p.column, p.where)
                                      for p in exc.problems]) from None
        if known is not None:
            known[stamp_id] = q
    from app.storage import assessment_file

    result = assessment_file.load(path, q)
    opened = Opened(result.assessment, q, path, result.problems, result.read_only)
    if note_titles:
        from app.domain import plan as plan_rules

        offered = plan_rules.note_titles(q, opened.assessment)
        plan_rules.apply_note_titles(q, opened.assessment, offered)
        lang = opened.assessment.lang
        opened.problems.extend(Problem("A031", {"measure": _measure_label(q, mid, lang), "title": title}, str(path))
                               for _tid, mid, title in offered)
    return opened


def _measure_label(q: Questionnaire, measure_id: str, lang: str) -> str:
    try:
        return q.measure(measure_id).label.get(lang)
    except KeyError:
        return measure_id


def _peek_questionnaire_id(path: Path) -> str:
    # size-capped and tolerant of every damage; the full read reports the actual problem
    from app.storage import assessment_file

    return assessment_file.peek_questionnaire_id(path)


def new_assessment(q: Questionnaire, info: dict[str, Any] | None = None, lang: str = "ja") -> Assessment:
    """An empty assessment stamped with ``q``'s id and version and the language it was begun in, defaults filled in.

    It gets a fresh ``assessment_id`` (a UUID), which every save and copy keeps.
    """
    import uuid

    from app.service.pack import pack_of

    a = Assessment(q.id, q.version, lang=lang, assessment_id=str(uuid.uuid4()), pack=pack_of(q))
    for item in q.items_of("page"):
        if item.default is not None and item.is_input:
            a.info[item.id] = item.default
    a.info.update(info or {})
    return a


def save_assessment(a: Assessment, path: Path, inputs: Sequence[Path] = ()) -> None:
    """Save atomically (previous version kept as .bak); never over one of ``inputs`` (S013) nor as non-JSON (S014)."""
    from app.storage import assessment_file

    check_output(path, "assessment", inputs)
    assessment_file.save(a, path)


def score(q: Questionnaire, a: Assessment) -> AssessmentResult:
    """All computed figures."""
    from app.domain.scoring import score as compute_score

    return compute_score(q, a)


def propose_actions(q: Questionnaire, a: Assessment, today: dt.date | None = None, *, lang: str) -> int:
    """Add action lines for the quick wins and local projects not yet planned, first steps and KPIs in ``lang``;
    returns how many."""
    from app.domain import plan as plan_rules
    from app.domain.scoring import score as compute_score

    return len(plan_rules.propose_actions(q, a, compute_score(q, a), today, lang=lang))


def score_json(q: Questionnaire, a: Assessment, result: AssessmentResult | None = None,
               cases: list[Any] | None = None) -> dict[str, Any]:
    """The documented ``score --json`` object (hours to 0.1 h, yen to 1 yen, shares to 0.001).

    ``cases`` (default: the installed catalogues) gives each measure its number of matching cases.
    """
    from app.domain import plan as plan_rules
    from app.domain.scoring import score as compute_score
    from app.domain.values import round_half_up
    from app.service.cases import cases_by_measure

    r = result or compute_score(q, a)
    t = r.totals
    found = cases_by_measure(q, a, r, cases)

    def h(x: float) -> float:
        return round_half_up(x, 1)

    def share(x: float | None) -> float | None:
        return None if x is None else round_half_up(x, 3)

    return {
        "questionnaire": q.stamp,
        "department": a.info.get(q.scoring.department_item, ""),
        "totals": {
            "inventory_hours": h(t.inventory_hours), "focus_hours": h(t.focus_hours),
            "potential_hours": h(t.potential_hours), "potential_yen": int(round_half_up(t.potential_yen)),
            "potential_index": round_half_up(t.potential_index, 1),
            "target_hours": t.target_hours, "realised_hours": h(t.realised_hours),
            "unit_cost_yen_per_hour": q.value("unit_cost_yen_per_hour"),
            "task_count": t.task_count, "focus_count": t.focus_count, "quick_win_count": t.quick_win_count,
            "major_project_count": t.major_project_count, "proposal_count": t.proposal_count,
            "quadrant_counts": dict(t.quadrant_counts), "realisation_factor": t.realisation_factor,
            "fiscal_year_end": t.fiscal_year_end or None, "this_year_planned_hours": h(t.this_year_planned_hours),
            "this_year_expected_hours": h(t.this_year_expected_hours),
            "headcount": t.headcount, "capacity_hours": None if t.capacity_hours is None else h(t.capacity_hours),
            "monthly_hours": [h(x) for x in t.monthly_hours],
        },
        "tasks": [{"id": x.task_id, "name": x.name, "annual_hours": h(x.annual_hours), "focus": x.focus,
                   "rank": x.rank, "suitability": share(x.suitability), "readiness": share(x.readiness),
                   "suggested_measures": list(x.suggested), "potential_hours": h(x.potential_hours),
                   "peak_months": list(x.peak_months), "overtime_hours": x.overtime_hours} for x in r.tasks],
        "measures": [{"task_id": m.task_id, "measure_id": m.measure_id, "order": m.order,
                      "title": plan_rules.action_title(q, a, m.task_id, m.measure_id),
                      "potential_hours": h(m.potential_hours), "standalone_hours": h(m.standalone_hours),
                      "fit_factor": m.fit_factor, "review": m.review,
                      "notices": [n.get(a.lang) for n in m.notices],
                      "potential_yen": int(round_half_up(m.potential_yen)), "band": m.band,
                      "suitability": share(m.suitability),
                      "ease": None if m.ease is None else round_half_up(m.ease, 2), "quadrant": m.quadrant,
                      "premature": m.premature, "cross_department": m.cross_department,
                      "cases": len(found.get((m.task_id, m.measure_id), ()))} for m in r.measures],
        "quick_wins": [{"task_id": m.task_id, "measure_id": m.measure_id} for m in r.quick_wins],
        "proposals": [{"task_id": m.task_id, "measure_id": m.measure_id, "reason": m.proposal_reason.get(a.lang),
                       "other_departments": _answer(q, a, m.task_id, q.scoring.other_departments_item),
                       "information": _answer(q, a, m.task_id, q.scoring.shared_information_item)}
                      for m in r.proposals],
        "not_this_year": [{"task_id": x.task_id, "measure_id": x.measure_id, "reason": x.reason,
                           "potential_hours": h(x.potential_hours)} for x in r.not_this_year],
        "pain_profile": {k: round_half_up(v, 3) for k, v in r.pain_profile.items()},
        "warnings": [{"code": w.code, **{k: str(v) for k, v in w.params.items()}} for w in r.warnings],
    }


def _answer(q: Questionnaire, a: Assessment, task_id: str, item: str) -> str:
    value = a.analysis.get(task_id, {}).get(item) if item else None
    return value if isinstance(value, str) else ""


def render_plan(q: Questionnaire, a: Assessment, *, lang: str = "ja", fixed_date: dt.date | None = None) -> bytes:
    """The PDF action plan as bytes."""
    from app.domain.scoring import score as compute_score
    from app.report.document import render_plan as render
    from app.service.cases import cases_by_measure

    r = compute_score(q, a)
    return render(q, a, r, lang=lang, fixed_date=fixed_date, cases=cases_by_measure(q, a, r))


def write_plan(q: Questionnaire, a: Assessment, path: Path, *, lang: str = "ja",
               fixed_date: dt.date | None = None, inputs: Sequence[Path] = ()) -> Path:
    """Render the PDF and write it atomically to ``path`` (a ``.pdf`` that is none of ``inputs``)."""
    check_output(path, "pdf", inputs)
    data = render_plan(q, a, lang=lang, fixed_date=fixed_date)
    atomic_write(Path(path), data, backup=False)
    return Path(path)


def example_assessment_path() -> Path:
    """The bundled fictional example department."""
    return resources.bundled_questionnaire_dir() / "examples" / EXAMPLE_FILE


def demo(out_dir: Path, *, lang: str = "ja", fixed_date: dt.date | None = None) -> tuple[Path, Path]:
    """Write the example assessment and its PDF plan into ``out_dir``; returns both paths."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from app.storage.atomic import storage_error

        raise storage_error(exc, out_dir) from exc
    source = example_assessment_path()
    opened = open_assessment(source)
    target = out_dir / EXAMPLE_FILE
    save_assessment(opened.assessment, target, inputs=[source])
    pdf = write_plan(opened.questionnaire, opened.assessment, out_dir / "example_plan.pdf", lang=lang,
                     fixed_date=fixed_date, inputs=[source])
    return target, pdf
