"""The core of the headless facade: questionnaires, assessments, scores, the plan PDF and the demo."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import resources
from app.domain import plan as plan_rules
from app.domain.assessment import Assessment
from app.domain.errors import Problem, QuestionnaireError
from app.domain.questionnaire import Questionnaire
from app.domain.results import AssessmentResult
from app.domain.scoring import score as compute_score
from app.domain.values import round_half_up
from app.loading.loader import load_questionnaire
from app.storage import assessment_file
from app.storage.atomic import atomic_write
from app.storage.outputs import check_output

EXAMPLE_FILE = "example_shimin.kaizen.json"
ASSESSMENT_SUFFIX = ".kaizen.json"

_cache: dict[Path, tuple[float, Questionnaire]] = {}


def questionnaire_files(extra_dirs: list[Path] | None = None) -> list[Path]:
    """Bundled questionnaires, then those in the user folders (later ones override by id)."""
    dirs = [resources.bundled_questionnaire_dir(), *resources.user_questionnaire_dirs(), *(extra_dirs or [])]
    return [p for d in dirs if d.is_dir() for p in sorted(d.glob("*.yaml")) + sorted(d.glob("*.yml"))]


def load_file(path: Path) -> Questionnaire:
    """Load one questionnaire file, cached by modification time."""
    path = Path(path).resolve()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = -1.0
    hit = _cache.get(path)
    if hit is not None and hit[0] == mtime:
        return hit[1]
    q = load_questionnaire(path)
    _cache[path] = (mtime, q)
    return q


def load_all_questionnaires(extra_dirs: list[Path] | None = None) -> list[Questionnaire]:
    """Every available questionnaire, overridden by id; raises one error listing all problems."""
    by_id: dict[str, Questionnaire] = {}
    problems: list[Problem] = []
    for path in questionnaire_files(extra_dirs):
        try:
            q = load_file(path)
        except QuestionnaireError as exc:
            problems.extend(exc.problems)
            continue
        by_id[q.id] = q
    if problems:
        raise QuestionnaireError(problems)
    return list(by_id.values())


def get_questionnaire(qid: str = "standard") -> Questionnaire:
    """The questionnaire with ``qid``; a broken user override is reported (Q031), never replaced silently."""
    loaded, broken = _loadable()
    for path, exc in broken:
        if _declared_id(path) in (qid, None):  # it is (or may be) the override of qid: do not hide it
            raise QuestionnaireError([Problem("Q031", {"file": str(path), "what": qid, "detail": p.render()},
                                              str(path)) for p in exc.problems[:5]])
    for q in reversed(loaded):
        if q.id == qid:
            return q
    folders = ", ".join(str(d) for d in [resources.bundled_questionnaire_dir(), *resources.user_questionnaire_dirs()])
    raise QuestionnaireError(Problem("Q028", {"id": qid, "file": f"{qid}.yaml", "dirs": folders}))


def _loadable() -> tuple[list[Questionnaire], list[tuple[Path, QuestionnaireError]]]:
    out: list[Questionnaire] = []
    broken: list[tuple[Path, QuestionnaireError]] = []
    for path in questionnaire_files():
        try:
            out.append(load_file(path))
        except QuestionnaireError as exc:
            broken.append((path, exc))
    return out, broken


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
    others' problems. A folder without questionnaires, or no file at all, is Q032.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for given in paths or [resources.bundled_questionnaire_dir()]:
        p = Path(given)
        found = sorted([*p.glob("*.yaml"), *p.glob("*.yml")]) if p.is_dir() else [p]
        if not found:
            problems.append(Problem("Q032", {"path": str(p)}, str(p)))
        files.extend(found)
    for f in files:
        try:
            load_questionnaire(f)
        except QuestionnaireError as exc:
            problems.extend(exc.problems)
        except Exception as exc:  # a bug must not stop the check of the other files
            from app.logs import log_exception

            where = log_exception(f"validate {f}")
            problems.append(Problem("Q033", {"detail": type(exc).__name__, "log": str(where)}, str(f)))
    return files, problems


@dataclass
class Opened:
    """An assessment opened from a file, with its questionnaire and what to tell the user."""

    assessment: Assessment
    questionnaire: Questionnaire
    path: Path
    problems: list[Problem] = field(default_factory=list)
    read_only: bool = False


def open_assessment(path: Path) -> Opened:
    """Read an assessment and the questionnaire it was made with (or the current one of that id)."""
    path = Path(path)
    stamp_id = _peek_questionnaire_id(path)
    try:
        q = get_questionnaire(stamp_id)
    except QuestionnaireError as exc:  # say which assessment needed it
        raise QuestionnaireError([Problem(p.code, p.params, p.path or str(path), p.line, p.column, p.where)
                                  for p in exc.problems]) from None
    result = assessment_file.load(path, q)
    return Opened(result.assessment, q, path, result.problems, result.read_only)


def _peek_questionnaire_id(path: Path) -> str:
    # size-capped and tolerant of every damage; the full read reports the actual problem
    return assessment_file.peek_questionnaire_id(path)


def new_assessment(q: Questionnaire, info: dict[str, Any] | None = None, lang: str = "ja") -> Assessment:
    """An empty assessment stamped with ``q``'s id and version and the language it was begun in, defaults filled in."""
    a = Assessment(q.id, q.version, lang=lang)
    for item in q.items_of("page"):
        if item.default is not None and item.is_input:
            a.info[item.id] = item.default
    a.info.update(info or {})
    return a


def save_assessment(a: Assessment, path: Path, inputs: Sequence[Path] = ()) -> None:
    """Save atomically (previous version kept as .bak); never over one of ``inputs`` (S013) nor as non-JSON (S014)."""
    check_output(path, "assessment", inputs)
    assessment_file.save(a, path)


def score(q: Questionnaire, a: Assessment) -> AssessmentResult:
    """All computed figures."""
    return compute_score(q, a)


def propose_actions(q: Questionnaire, a: Assessment, today: dt.date | None = None, *, lang: str) -> int:
    """Add action lines for the quick wins and local projects not yet planned, first steps and KPIs in ``lang``;
    returns how many."""
    return len(plan_rules.propose_actions(q, a, compute_score(q, a), today, lang=lang))


def score_json(q: Questionnaire, a: Assessment, result: AssessmentResult | None = None) -> dict[str, Any]:
    """The documented ``score --json`` object (hours to 0.1 h, yen to 1 yen, shares to 0.001)."""
    r = result or compute_score(q, a)
    t = r.totals

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
        },
        "tasks": [{"id": x.task_id, "name": x.name, "annual_hours": h(x.annual_hours), "focus": x.focus,
                   "rank": x.rank, "suitability": share(x.suitability), "readiness": share(x.readiness),
                   "suggested_measures": list(x.suggested)} for x in r.tasks],
        "measures": [{"task_id": m.task_id, "measure_id": m.measure_id, "potential_hours": h(m.potential_hours),
                      "potential_yen": int(round_half_up(m.potential_yen)), "band": m.band,
                      "suitability": share(m.suitability),
                      "ease": None if m.ease is None else round_half_up(m.ease, 2), "quadrant": m.quadrant,
                      "premature": m.premature, "cross_department": m.cross_department} for m in r.measures],
        "quick_wins": [{"task_id": m.task_id, "measure_id": m.measure_id} for m in r.quick_wins],
        "proposals": [{"task_id": m.task_id, "measure_id": m.measure_id} for m in r.proposals],
        "pain_profile": {k: round_half_up(v, 3) for k, v in r.pain_profile.items()},
        "warnings": [{"code": w.code, **{k: str(v) for k, v in w.params.items()}} for w in r.warnings],
    }


def render_plan(q: Questionnaire, a: Assessment, *, lang: str = "ja", fixed_date: dt.date | None = None) -> bytes:
    """The PDF action plan as bytes."""
    from app.report.document import render_plan as render

    return render(q, a, compute_score(q, a), lang=lang, fixed_date=fixed_date)


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
