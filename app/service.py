"""The headless facade both shells use: load, score, plan, render, save, export.

Nothing here prints or prompts; every failure a user can cause is a :class:`UserError`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import resources
from app.domain import plan as plan_rules
from app.domain.assessment import Assessment
from app.domain.errors import Problem, QuestionnaireError, UserError
from app.domain.questionnaire import Questionnaire
from app.domain.results import AssessmentResult
from app.domain.scoring import score as compute_score
from app.domain.values import round_half_up
from app.loading.loader import load_questionnaire
from app.storage import assessment_file
from app.storage.atomic import atomic_write

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
    """The questionnaire with ``qid``; a broken user override falls back to nothing silently never."""
    for q in reversed(_loadable()):
        if q.id == qid:
            return q
    raise QuestionnaireError(Problem("Q028", {"id": qid}))


def _loadable() -> list[Questionnaire]:
    out: list[Questionnaire] = []
    for path in questionnaire_files():
        try:
            out.append(load_file(path))
        except QuestionnaireError:
            continue  # reported by `validate`; a broken override must not stop the bundled one
    return out


def validate_paths(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Validate files or folders of questionnaires; returns the files checked and every problem."""
    files: list[Path] = []
    for given in paths or [resources.bundled_questionnaire_dir()]:
        p = Path(given)
        files.extend(sorted([*p.glob("*.yaml"), *p.glob("*.yml")]) if p.is_dir() else [p])
    problems: list[Problem] = []
    for f in files:
        try:
            load_questionnaire(f)
        except QuestionnaireError as exc:
            problems.extend(exc.problems)
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
    q = get_questionnaire(stamp_id)
    result = assessment_file.load(path, q)
    return Opened(result.assessment, q, path, result.problems, result.read_only)


def _peek_questionnaire_id(path: Path) -> str:
    # size-capped and tolerant of every damage; the full read reports the actual problem
    return assessment_file.peek_questionnaire_id(path)


def new_assessment(q: Questionnaire, info: dict[str, Any] | None = None) -> Assessment:
    """An empty assessment stamped with ``q``'s id and version, defaults filled in."""
    a = Assessment(q.id, q.version)
    for item in q.items_of("page"):
        if item.default is not None and item.is_input:
            a.info[item.id] = item.default
    a.info.update(info or {})
    return a


def save_assessment(a: Assessment, path: Path) -> None:
    """Save atomically (previous version kept as .bak)."""
    assessment_file.save(a, path)


def score(q: Questionnaire, a: Assessment) -> AssessmentResult:
    """All computed figures."""
    return compute_score(q, a)


def propose_actions(q: Questionnaire, a: Assessment, today: dt.date | None = None) -> int:
    """Add action lines for the quick wins and local projects not yet planned; returns how many."""
    return len(plan_rules.propose_actions(q, a, compute_score(q, a), today))


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


def render_plan(q: Questionnaire, a: Assessment, lang: str = "ja", fixed_date: dt.date | None = None) -> bytes:
    """The PDF action plan as bytes."""
    from app.report.document import render_plan as render

    return render(q, a, compute_score(q, a), lang=lang, fixed_date=fixed_date)


def write_plan(q: Questionnaire, a: Assessment, path: Path, lang: str = "ja",
               fixed_date: dt.date | None = None) -> Path:
    """Render the PDF and write it atomically to ``path``."""
    data = render_plan(q, a, lang, fixed_date)
    atomic_write(Path(path), data, backup=False)
    return Path(path)


def example_assessment_path() -> Path:
    """The bundled fictional example department."""
    return resources.bundled_questionnaire_dir() / "examples" / EXAMPLE_FILE


def demo(out_dir: Path, lang: str = "ja", fixed_date: dt.date | None = None) -> tuple[Path, Path]:
    """Write the example assessment and its PDF plan into ``out_dir``; returns both paths."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from app.storage.atomic import storage_error

        raise storage_error(exc, out_dir) from exc
    opened = open_assessment(example_assessment_path())
    target = out_dir / EXAMPLE_FILE
    save_assessment(opened.assessment, target)
    pdf = write_plan(opened.questionnaire, opened.assessment, out_dir / "example_plan.pdf", lang, fixed_date)
    return target, pdf


__all__ = [
    "Opened", "UserError", "demo", "example_assessment_path", "get_questionnaire", "load_all_questionnaires",
    "new_assessment", "open_assessment", "propose_actions", "render_plan", "save_assessment", "score",
    "score_json", "validate_paths", "write_plan",
]


# --- after the meeting: spreadsheet import/export, success stories, the ward-wide summary ----------------

IMPORT_MAPPING_FILE = "import_mapping.json"


@dataclass
class ImportPreview:
    """A sheet read for import: its grid, where the header is, and the suggested column mapping."""

    grid: Any  # app.exchange.reader.Grid (typed loosely so importing service stays light)
    layout: Any  # app.exchange.layout.Layout
    mapping: dict[str, int]


def preview_import(q: Questionnaire, path: Path, sheet: str | None = None) -> ImportPreview:
    """Read a workbook or CSV and suggest a mapping (a saved one for the same headings wins)."""
    from app.exchange.layout import detect_layout, mapping_from_labels, suggest_mapping
    from app.exchange.reader import SpreadsheetError, read_grid

    grid = read_grid(Path(path), sheet)
    layout = detect_layout(q, grid)
    if layout is None:
        raise SpreadsheetError(Problem("X001", {"sheet": grid.sheet}, str(path)))
    mapping = suggest_mapping(q, grid, layout)
    mapping.update(mapping_from_labels(load_import_mapping(), layout))
    return ImportPreview(grid, layout, _unique_columns(mapping))


def _unique_columns(mapping: dict[str, int]) -> dict[str, int]:
    # a saved heading may point at a column the suggestion gave to another field: the saved one wins
    out: dict[str, int] = {}
    for fid, col in reversed(list(mapping.items())):
        if col not in out.values():
            out[fid] = col
    return dict(reversed(list(out.items())))


def import_tasks(q: Questionnaire, a: Assessment, path: Path, *, sheet: str | None = None,
                 mapping: dict[str, int] | None = None, remember: bool = False) -> Any:
    """Append the sheet's tasks to ``a``; returns the :class:`app.exchange.importer.ImportResult`.

    ``mapping`` (field id → 0-based column) defaults to the suggestion; ``remember`` saves it by
    heading text so next year's sheet maps itself.
    """
    from app.exchange.importer import import_rows
    from app.exchange.layout import mapping_by_label
    from app.exchange.reader import SpreadsheetError

    preview = preview_import(q, path, sheet)
    used = preview.mapping if mapping is None else mapping
    result = import_rows(q, preview.grid, preview.layout, used)
    if not result.tasks:
        raise SpreadsheetError(Problem("X008", {}, str(path)))
    for answers in result.tasks:
        a.add_task(answers)
    if remember:
        save_import_mapping(mapping_by_label(used, preview.layout))
    return result


def load_import_mapping() -> dict[str, str]:
    """The mapping saved by heading text (empty when none or unreadable: it is only a convenience)."""
    import json

    try:
        data = json.loads((resources.user_config_dir() / IMPORT_MAPPING_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def save_import_mapping(labels: dict[str, str]) -> None:
    """Remember a mapping by heading text in the user's settings folder."""
    import json

    folder = resources.user_config_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from app.storage.atomic import storage_error

        raise storage_error(exc, folder) from exc
    atomic_write(folder / IMPORT_MAPPING_FILE, json.dumps(labels, ensure_ascii=False, indent=1).encode("utf-8"),
                 backup=False)


def export_xlsx(q: Questionnaire, a: Assessment, path: Path, lang: str = "ja") -> Path:
    """Tasks, scored measures and actions as a three-sheet .xlsx."""
    from app.exchange.tables import assessment_tables
    from app.exchange.writers import xlsx_bytes

    atomic_write(Path(path), xlsx_bytes(assessment_tables(q, a, compute_score(q, a), lang)), backup=False)
    return Path(path)


EXPORT_TABLES = ("tasks", "measures", "actions")


def export_csv(q: Questionnaire, a: Assessment, path: Path, table: str = "tasks", lang: str = "ja") -> Path:
    """One table (``tasks``, ``measures`` or ``actions``) as CSV, UTF-8 with BOM."""
    from app.exchange.tables import assessment_tables
    from app.exchange.writers import csv_bytes

    tables = dict(zip(EXPORT_TABLES, assessment_tables(q, a, compute_score(q, a), lang), strict=True))
    atomic_write(Path(path), csv_bytes(tables[table]), backup=False)
    return Path(path)


def render_story(q: Questionnaire, a: Assessment, action_id: str, lang: str = "ja",
                 fixed_date: dt.date | None = None) -> bytes:
    """The one-page 改善事例シート of a completed action as PDF bytes."""
    from app.domain.errors import ReportError
    from app.report.story import render_story as render

    try:
        action = a.action(action_id)
    except KeyError:
        known = "、".join(x.id for x in a.actions) or "—"
        raise ReportError(Problem("R101", {"id": action_id, "known": known})) from None
    if action.status != "done":
        raise ReportError(Problem("R102", {"id": action_id, "status": action.status}))
    return render(q, a, compute_score(q, a), action, lang=lang, fixed_date=fixed_date)


def write_story(q: Questionnaire, a: Assessment, action_id: str, path: Path, *, lang: str = "ja",
                fixed_date: dt.date | None = None) -> Path:
    """Render the success-story sheet and write it atomically to ``path``."""
    atomic_write(Path(path), render_story(q, a, action_id, lang, fixed_date), backup=False)
    return Path(path)


def assessment_paths(paths: list[Path]) -> list[Path]:
    """Files as given, folders expanded to their ``*.json`` files (sorted; backups are ``.bak`` and left out)."""
    out: list[Path] = []
    for given in paths:
        p = Path(given)
        out.extend(sorted(x for x in p.glob("*.json") if x.is_file()) if p.is_dir() else [p])
    return out


def aggregate_files(paths: list[Path]) -> Any:
    """Open, score and sum many assessment files; a file that cannot be read is reported and skipped.

    Returns an :class:`app.domain.aggregate.WardSummary`; ``skipped`` holds one problem per file left out.
    """
    from app.domain.aggregate import Source, aggregate

    sources: list[Source] = []
    skipped: list[Problem] = []
    for path in assessment_paths(paths):
        try:
            opened = open_assessment(path)
            q = opened.questionnaire
            stamp_id, stamp_version = _peek_stamp(path)
            sources.append(Source(path.name, q, opened.assessment, compute_score(q, opened.assessment),
                                  stamp_id or q.id, stamp_version or q.version, tuple(opened.problems)))
        except UserError as exc:
            first = exc.problems[0]
            skipped.append(Problem(first.code, first.params, str(path), first.line, first.column, first.where))
        except Exception as exc:  # one odd file must never stop the summary of the others
            from app.logs import log_exception

            log_exception(f"aggregate {path}")
            skipped.append(Problem("A010", {"detail": type(exc).__name__}, str(path)))
    reference = sources[0].questionnaire if sources else get_questionnaire("standard")
    return aggregate(sources, skipped, reference)


def _peek_stamp(path: Path) -> tuple[str | None, str | None]:
    """The questionnaire id and version stamped in the file (the opened assessment carries the current ones)."""
    import json

    try:
        head = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return None, None
    stamp = head.get("questionnaire") if isinstance(head, dict) else None
    if not isinstance(stamp, dict):
        return None, None
    qid, version = stamp.get("id"), stamp.get("version")
    return (qid if isinstance(qid, str) else None), (version if isinstance(version, str) else None)


def render_summary(summary: Any, lang: str = "ja", fixed_date: dt.date | None = None) -> bytes:
    """The ward-wide summary PDF as bytes."""
    from app.report.summary import render_summary as render

    return render(summary, lang=lang, fixed_date=fixed_date)


def write_summary(summary: Any, *, pdf: Path | None = None, csv: Path | None = None, xlsx: Path | None = None,
                  lang: str = "ja", fixed_date: dt.date | None = None) -> list[Path]:
    """Write the summary as PDF, CSV (the departments table) and/or XLSX (every table); returns the paths."""
    from app.exchange.tables import summary_tables
    from app.exchange.writers import csv_bytes, xlsx_bytes

    written: list[Path] = []
    if pdf is not None:
        atomic_write(Path(pdf), render_summary(summary, lang, fixed_date), backup=False)
        written.append(Path(pdf))
    tables = summary_tables(summary, lang)
    if csv is not None:
        atomic_write(Path(csv), csv_bytes(tables[0]), backup=False)
        written.append(Path(csv))
    if xlsx is not None:
        atomic_write(Path(xlsx), xlsx_bytes(tables), backup=False)
        written.append(Path(xlsx))
    return written


__all__ += [
    "ImportPreview", "aggregate_files", "assessment_paths", "export_csv", "export_xlsx", "import_tasks",
    "load_import_mapping", "preview_import", "render_story", "render_summary", "save_import_mapping",
    "write_story", "write_summary",
]
