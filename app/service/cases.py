"""横展開 in the service: collect the office's cases from many files, install and read catalogues, match them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import resources
from app.domain.assessment import Assessment
from app.domain.cases import Case, Collected, collect, matching, merge
from app.domain.errors import Problem, UserError
from app.domain.questionnaire import Questionnaire
from app.domain.results import AssessmentResult
from app.domain.scoring import score as compute_score
from app.storage.atomic import atomic_write

_CACHE: dict[Path, tuple[tuple[int, int], list[Case]]] = {}


@dataclass
class CasesRun:
    """What ``kaizen-check cases`` found: the cases and every file it could not read."""

    collected: Collected
    skipped: list[Problem] = field(default_factory=list)
    done: int = 0  # completed actions seen (shareable or not, copies included)
    files: int = 0
    sources: dict[str, str] = field(default_factory=dict)  # assessment_id → the file it was read from


def refuse_output_onto_input(output: Path, inputs: list[Path]) -> None:
    """C008 when ``output`` is one of ``inputs`` (no output ever overwrites an input)."""
    target = Path(output).resolve()
    for p in inputs:
        if Path(p).resolve() == target:
            raise UserError(Problem("C008", {"path": str(output)}, str(output)))


def collect_cases(paths: list[Path]) -> CasesRun:
    """Every completed, shareable action of the assessment files and folders, each case once."""
    from app.service.core import open_assessment
    from app.service.followup import assessment_paths

    items: list[tuple[Any, Any, AssessmentResult]] = []
    run = CasesRun(Collected())
    for path in assessment_paths(paths):
        try:
            opened = open_assessment(path)
        except UserError as exc:
            first = exc.problems[0]
            run.skipped.append(Problem(first.code, first.params, str(path), first.line, first.column, first.where))
            continue
        run.files += 1
        q, a = opened.questionnaire, opened.assessment
        run.sources.setdefault(a.assessment_id, str(path))
        run.done += sum(1 for x in a.actions if x.status == "done")
        items.append((q, a, compute_score(q, a)))
    run.collected = collect(items)
    return run


def write_cases(run: CasesRun, output: Path, inputs: list[Path], generated: dt.date | None = None) -> tuple[int, int]:
    """Write the catalogue; an existing catalogue at ``output`` keeps its (edited) cases and gains the new ones.

    Returns (cases in the file, cases added). A file at ``output`` that is not a catalogue is refused (C001)
    rather than overwritten.
    """
    from app.loading.cases_file import dumps, load
    from app.service.followup import assessment_paths

    refuse_output_onto_input(output, [*inputs, *assessment_paths(inputs)])
    existing = load(output) if Path(output).exists() else []
    merged = merge(existing, _fitting(run))
    atomic_write(Path(output), dumps(merged, generated), backup=bool(existing))
    _CACHE.pop(Path(output).resolve(), None)
    return len(merged), len(merged) - len(existing)


def _fitting(run: CasesRun) -> list[Case]:
    """The cases a catalogue can hold; one with a text over the catalogue's limit is left out with C011 in
    ``run.skipped`` (written, it made a catalogue that the next run, the workbook and the pack refused), one
    with more hours than a catalogue holds (planned hours of a task of 100,000,000 cases) with C013."""
    import dataclasses

    from app.domain.cases import HOUR_FIELDS, MAX_HOURS, MAX_TEXT
    from app.domain.values import number_text

    out: list[Case] = []
    for case in run.collected.cases:
        where = run.sources.get(case.assessment_id, "")
        long = [(f.name, len(v)) for f in dataclasses.fields(case)
                if isinstance(v := getattr(case, f.name), str) and len(v) > MAX_TEXT]
        many = [(name, hours) for name in HOUR_FIELDS if (hours := getattr(case, name)) is not None
                and round(hours, 1) > MAX_HOURS]  # written to one decimal
        if long:
            name, length = long[0]
            run.skipped.append(Problem("C011", {"action": case.action_id[:40], "field": name, "length": length,
                                                "limit": MAX_TEXT}, where))
        elif many:
            name, hours = many[0]
            run.skipped.append(Problem("C013", {"action": case.action_id[:40], "field": name,
                                                "value": number_text(hours), "max": f"{MAX_HOURS:,}"}, where))
        else:
            out.append(case)
    return out


def read_catalogue(path: Path) -> list[Case]:
    """The cases of one catalogue file (:class:`app.loading.cases_file.CasesError` when invalid)."""
    from app.loading.cases_file import load

    return load(path)


def installed_cases() -> list[Case]:
    """Every case of the installed catalogues (the user's cases folder, then each pack's), each case once.

    A damaged catalogue is left out (and logged): cases are a help beside the measures, never a reason
    for the wizard to fail.
    """
    folder = resources.user_cases_dir()
    try:
        files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        packs = resources.user_packs_dir()
        files += sorted(p for p in packs.glob("*/cases.yaml") if not p.parent.name.startswith(".")) \
            if packs.is_dir() else []
    except OSError:
        return []
    out: list[Case] = []
    for f in files:
        key = f.resolve()
        try:
            st = f.stat()
            stamp = (st.st_mtime_ns, st.st_size)
            cached = _CACHE.get(key)
            if cached is None or cached[0] != stamp:
                # the YAML reader is imported only when there is a catalogue to read: the measures step's
                # first visit imported it (a fifth of that visit) to find no catalogue at all
                from app.loading.cases_file import load

                cached = (stamp, load(f))
                _CACHE[key] = cached
            out = merge(out, cached[1])
        except (UserError, OSError):
            from app.logs import log_exception

            log_exception(f"case catalogue {f}")
    return out


def cases_by_measure(q: Questionnaire, a: Assessment, r: AssessmentResult, cases: list[Case] | None = None
                     ) -> dict[tuple[str, str], list[Case]]:
    """(task id, measure id) → matching cases, for every scored measure and every suggested one.

    The assessment's own cases are left out: a section learns nothing from its own success.
    """
    pool = [c for c in (installed_cases() if cases is None else cases) if c.assessment_id != a.assessment_id]
    out: dict[tuple[str, str], list[Case]] = {}
    if not pool:
        return out
    for t in r.tasks:
        wanted = set(t.suggested) | {m.measure_id for m in r.measures if m.task_id == t.task_id}
        for mid in wanted:
            found = matching(pool, mid, t.category)
            if found:
                out[(t.task_id, mid)] = found
    return out


def write_calibration(summary: Any, *, csv: Path | None = None, xlsx: Path | None = None, lang: str = "ja",
                      inputs: list[Path] | None = None) -> list[Path]:
    """The calibration table as CSV and/or a one-sheet workbook; returns the paths written."""
    from app.exchange.spread_tables import calibration_table
    from app.exchange.writers import csv_bytes, xlsx_bytes
    from app.service.followup import assessment_paths

    given = list(inputs or [])
    for target in (csv, xlsx):
        if target is not None:
            refuse_output_onto_input(target, [*given, *assessment_paths(given)])
    table = calibration_table(summary, lang)
    written: list[Path] = []
    if csv is not None:
        atomic_write(Path(csv), csv_bytes(table), backup=False)
        written.append(Path(csv))
    if xlsx is not None:
        atomic_write(Path(xlsx), xlsx_bytes([table]), backup=False)
        written.append(Path(xlsx))
    return written


def write_newsletter(paths: list[Path], output: Path, *, title: str | None = None, issue: int | None = None,
                     lang: str = "ja", fixed_date: dt.date | None = None) -> tuple[Path, CasesRun]:
    """業務改善レポート from the completed, shareable actions of ``paths``; C009 (and no file) when there is none.

    Stories come newest first (date done), then by department.
    """
    from app.report.newsletter import render_newsletter
    from app.report.spread_strings import stext
    from app.service.followup import assessment_paths

    refuse_output_onto_input(output, [*paths, *assessment_paths(paths)])
    run = collect_cases(paths)
    if not run.collected.cases:
        raise UserError(Problem("C009", {"done": run.done, "not_shareable": run.collected.not_shareable}))
    stories = sorted(run.collected.cases, key=lambda c: (c.done_date or "", c.department), reverse=True)
    data = render_newsletter(stories, title=title or stext("nl_title", lang), issue=issue, lang=lang,
                             fixed_date=fixed_date)
    atomic_write(Path(output), data, backup=False)
    return Path(output), run
