"""After the meeting: spreadsheet import/export, success-story sheets and the ward-wide summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import resources
from app.domain.aggregate import WardSummary
from app.domain.assessment import Assessment
from app.domain.errors import Problem, UserError
from app.domain.questionnaire import Questionnaire
from app.domain.scoring import score as compute_score
from app.service.core import get_questionnaire, open_assessment
from app.storage.atomic import atomic_write
from app.storage.outputs import check_distinct, check_output

IMPORT_MAPPING_FILE = "import_mapping.json"
MAX_MAPPING_BYTES = 1024 * 1024


@dataclass
class ImportPreview:
    """A sheet read for import: its grid, where the header is, and the suggested column mapping."""

    grid: Any  # app.exchange.reader.Grid (typed loosely so importing service stays light)
    layout: Any  # app.exchange.layout.Layout
    mapping: dict[str, int]
    sheet: str | None = None  # the sheet asked for (None: the first)

    def check(self, q: Questionnaire, mapping: dict[str, int]) -> None:
        """Raise the import's own X002 / X003 for ``mapping`` now (a dry run says what the import would)."""
        from app.exchange.importer import check_mapping

        check_mapping(q, self.layout, mapping, self.grid.path)


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
    return ImportPreview(grid, layout, _unique_columns(mapping), sheet)


def _unique_columns(mapping: dict[str, int]) -> dict[str, int]:
    # a saved heading may point at a column the suggestion gave to another field: the saved one wins
    out: dict[str, int] = {}
    for fid, col in reversed(list(mapping.items())):
        if col not in out.values():
            out[fid] = col
    return dict(reversed(list(out.items())))


def import_tasks(q: Questionnaire, a: Assessment, path: Path, *, sheet: str | None = None,
                 mapping: dict[str, int] | None = None, remember: bool = False,
                 preview: ImportPreview | None = None) -> Any:
    """Append the sheet's tasks to ``a``; returns the :class:`app.exchange.importer.ImportResult`.

    ``mapping`` (field id → 0-based column) defaults to the suggestion; ``remember`` saves it by
    heading text so next year's sheet maps itself. ``preview``, the same file's and sheet's preview just shown,
    is used instead of reading the sheet again while the file still holds exactly the bytes it was read from;
    a file saved again in between is read again.
    """
    from app.exchange.importer import import_rows
    from app.exchange.layout import mapping_by_label
    from app.exchange.reader import SpreadsheetError, unchanged

    if preview is None or not _same_sheet(preview, path, sheet) or not unchanged(preview.grid):
        preview = preview_import(q, path, sheet)
    used = preview.mapping if mapping is None else mapping
    result = import_rows(q, preview.grid, preview.layout, used)
    if not result.tasks:
        raise SpreadsheetError(Problem("X008", {}, str(path)))
    start = len(a.tasks)
    a.add_tasks(result.tasks)
    kept = [f"tasks[{start + index}].{fid}" for index, fid, _value in result.kept]
    for key, (_index, _fid, value) in zip(kept, result.kept, strict=True):
        a.unplaced[key] = value  # written with the file and listed in the plan's data-quality box, as on opening
    if kept:
        result.problems.append(Problem("A019", {"count": len(kept), "ids": ", ".join(kept[:5])
                                                + (" …" if len(kept) > 5 else "")}, str(path)))
    if remember:
        save_import_mapping(mapping_by_label(used, preview.layout))
    return result


def _same_sheet(preview: ImportPreview, path: Path, sheet: str | None) -> bool:
    """Whether ``preview`` was read from ``path`` and the sheet an import of ``sheet`` reads."""
    grid = preview.grid
    if Path(grid.path) != Path(path):
        return False
    return sheet == grid.sheet or (sheet is None and preview.sheet is None)


def load_import_mapping() -> dict[str, str]:
    """The mapping saved by heading text (empty when none or unreadable: it is only a convenience)."""
    import json

    path = resources.user_config_dir() / IMPORT_MAPPING_FILE
    try:
        if path.stat().st_size > MAX_MAPPING_BYTES:  # a few hundred bytes when the app wrote it
            return {}
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: JSON nested thousands deep
        return {}
    # only heading texts: str() of a deeply nested value would itself fail
    return {str(k): v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


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


def export_xlsx(q: Questionnaire, a: Assessment, path: Path, *, lang: str = "ja", inputs: Sequence[Path] = ()) -> Path:
    """Tasks, scored measures and actions as a three-sheet .xlsx (never over one of ``inputs``)."""
    check_output(path, "xlsx", inputs)
    from app.exchange.tables import assessment_tables
    from app.exchange.writers import xlsx_bytes

    atomic_write(Path(path), xlsx_bytes(assessment_tables(q, a, compute_score(q, a), lang)), backup=False)
    return Path(path)


EXPORT_TABLES = ("tasks", "measures", "actions")


def export_csv(q: Questionnaire, a: Assessment, path: Path, *, table: str = "tasks", lang: str = "ja",
               inputs: Sequence[Path] = ()) -> Path:
    """One table (``tasks``, ``measures`` or ``actions``) as CSV, UTF-8 with BOM (never over one of ``inputs``)."""
    check_output(path, "csv", inputs)
    from app.exchange.tables import assessment_tables
    from app.exchange.writers import csv_bytes

    tables = dict(zip(EXPORT_TABLES, assessment_tables(q, a, compute_score(q, a), lang), strict=True))
    atomic_write(Path(path), csv_bytes(tables[table]), backup=False)
    return Path(path)


def render_story(q: Questionnaire, a: Assessment, action_id: str, *, lang: str = "ja",
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
                fixed_date: dt.date | None = None, inputs: Sequence[Path] = ()) -> Path:
    """Render the success-story sheet and write it atomically to ``path`` (never over one of ``inputs``)."""
    check_output(path, "pdf", inputs)
    atomic_write(Path(path), render_story(q, a, action_id, lang=lang, fixed_date=fixed_date), backup=False)
    return Path(path)


def assessment_paths(paths: list[Path]) -> list[Path]:
    """Files as given, folders expanded to their ``*.json`` files (sorted; backups are ``.bak`` and left out).

    A file reached twice — the same folder given twice, a folder and a file in it, ``./a`` and ``a``, a link —
    is listed once, where it first comes: read twice, it was counted as two files of one section, and the
    summary set one of them aside with W101 as if the section had sent an older session.
    """
    out: list[Path] = []
    seen: set[object] = set()
    for given in paths:
        p = Path(given)
        for x in sorted(x for x in p.glob("*.json") if x.is_file()) if p.is_dir() else [p]:
            same = _identity(x)
            if same not in seen:
                seen.add(same)
                out.append(x)
    return out


def _identity(path: Path) -> object:
    """What makes two paths one file (``os.path.samefile``: device and inode); the spelled-out path when it
    cannot be looked at (a missing file, listed so that opening it reports it)."""
    try:
        st = path.stat()
    except OSError:
        return ("path", str(path.absolute()))
    return ("file", st.st_dev, st.st_ino) if st.st_ino else ("path", str(path.resolve()))


def aggregate_files(paths: list[Path], day: dt.date | None = None) -> WardSummary:
    """Open, score and sum many assessment files; a file that cannot be read is reported and skipped.

    Returns an :class:`app.domain.aggregate.WardSummary`; ``skipped`` holds one problem per file left out.
    ``day`` (default today) decides which actions' reviews are due.
    """
    from app.domain.aggregate import Source, aggregate

    sources: list[Source] = []
    skipped: list[Problem] = []
    known: dict[str, Questionnaire] = {}
    for path in assessment_paths(paths):
        try:
            opened = open_assessment(path, known=known)
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
    return aggregate(sources, skipped, reference, day or dt.date.today())


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


def render_summary(summary: WardSummary, *, lang: str = "ja", fixed_date: dt.date | None = None) -> bytes:
    """The ward-wide summary PDF as bytes."""
    from app.report.summary import render_summary as render

    return render(summary, lang=lang, fixed_date=fixed_date)


def write_summary(summary: WardSummary, *, pdf: Path | None = None, csv: Path | None = None, xlsx: Path | None = None,
                  lang: str = "ja", fixed_date: dt.date | None = None, inputs: Sequence[Path] = ()) -> list[Path]:
    """Write the summary as PDF, CSV (the departments table) and/or XLSX (every table); returns the paths.

    Every output is checked before anything is written: none is one of ``inputs`` or another output.
    """
    from app.exchange.tables import summary_tables
    from app.exchange.writers import csv_bytes, xlsx_bytes

    given = [(p, k) for p, k in ((pdf, "pdf"), (csv, "csv"), (xlsx, "xlsx")) if p is not None]
    for target, kind in given:
        check_output(target, kind, inputs)
    check_distinct(p for p, _ in given)

    written: list[Path] = []
    if pdf is not None:
        atomic_write(Path(pdf), render_summary(summary, lang=lang, fixed_date=fixed_date), backup=False)
        written.append(Path(pdf))
    tables = summary_tables(summary, lang)
    if csv is not None:
        atomic_write(Path(csv), csv_bytes(tables[0]), backup=False)
        written.append(Path(csv))
    if xlsx is not None:
        atomic_write(Path(xlsx), xlsx_bytes(tables), backup=False)
        written.append(Path(xlsx))
    return written
