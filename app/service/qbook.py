"""The questionnaire workbook: export a questionnaire for the improvement team, import their edits as a new version."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import resources
from app.domain.errors import Problem, QuestionnaireError, UserError
from app.domain.questionnaire import Questionnaire
from app.exchange import qbook_spec
from app.loading.loader import SETTING_RANGES, convert, load_questionnaire
from app.loading.yaml_safe import not_utf8
from app.service.core import get_questionnaire
from app.storage.atomic import atomic_write
from app.storage.outputs import check_output

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class ImportedQuestionnaire:
    """What an import wrote: the new file, its version, the base version and how many cells changed."""

    path: Path
    questionnaire: Questionnaire
    base_version: str
    changes: int  # cells changed, the 事例 sheet's included
    cases_path: Path | None = None  # the edited case catalogue written beside it (--cases-output)
    case_changes: int = 0


def resolve_base(base: str | Path) -> Questionnaire:
    """A questionnaire by id (bundled or in the user folders) or by the path of its YAML file."""
    text = str(base)
    if text.lower().endswith(YAML_SUFFIXES) or Path(text).is_file():
        return load_questionnaire(Path(text))
    return get_questionnaire(text)


def questionnaire_book(q: Questionnaire, today: dt.date | None = None) -> bytes:
    """The workbook of ``q`` as .xlsx bytes."""
    from app.exchange.qbook_write import workbook_bytes

    return workbook_bytes(q, SETTING_RANGES, today)


def export_questionnaire(base: str | Path, out: Path, today: dt.date | None = None, cases: Path | None = None
                         ) -> Path:
    """Write the workbook of questionnaire ``base`` (an id or a YAML path) to ``out`` (.xlsx) atomically.

    The 事例 sheet shows ``cases`` (a catalogue file) or, without it, the catalogue of the pack the
    questionnaire was installed from; there is no such sheet when there is neither.
    """
    from app.exchange.qbook_write import workbook_bytes

    q = resolve_base(base)
    out = Path(out)
    catalogue = Path(cases) if cases is not None else catalogue_of(q)
    check_output(out, "xlsx", [p for p in (Path(q.source) if q.source else None, catalogue) if p is not None])
    book = case_book(catalogue, q) if catalogue is not None else None
    atomic_write(out, workbook_bytes(q, SETTING_RANGES, today, book), backup=False)
    return out


def catalogue_of(q: Questionnaire) -> Path | None:
    """The case catalogue that travels with ``q``: its installed pack's ``cases.yaml`` (None for any other)."""
    try:
        source = Path(q.source).resolve()
        root = resources.user_packs_dir().resolve()
    except (OSError, ValueError):
        return None
    if root not in source.parents:
        return None
    found = root / source.relative_to(root).parts[0] / "cases.yaml"
    return found if found.is_file() else None


def case_book(path: Path, q: Questionnaire | None = None) -> Any:
    """A catalogue file as the 事例 sheet shows it (:class:`app.exchange.qbook_cases.CaseBook`), fully checked;
    pain points are named as ``q`` labels them."""
    from app.exchange.qbook_cases import CaseBook, check_code
    from app.loading.cases_file import loads
    from app.storage.assessment_file import read_capped

    path = Path(path)
    raw = read_capped(path)  # refused past the size cap (S007) before reading, like every file the app opens
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(not_utf8(raw, exc, str(path))) from None
    labels: dict[str, str] = {}
    if q is not None and q.has_item(q.scoring.pain_points_item):
        labels = {str(c.value): c.label.ja for c in q.item(q.scoring.pain_points_item).choices}
    return CaseBook(str(path.resolve()), check_code(raw), tuple(loads(text, str(path))), labels)


def write_template(q: Questionnaire, out: Path, lang: str = "ja") -> Path:
    """Write the blank task-inventory workbook of ``q`` (業務の棚卸しシート) to ``out`` (.xlsx) atomically."""
    from app.exchange.template import template_bytes

    out = Path(out)
    check_output(out, "xlsx", [Path(q.source)] if q.source else [])
    atomic_write(out, template_bytes(q, lang), backup=False)
    return out


def book_questionnaire_id(book: Path) -> str:
    """The questionnaire id a workbook names on its 説明 sheet ("" when it names none)."""
    from app.exchange.qbook_open import workbook_id

    return workbook_id(Path(book))


def preview_book(book: Path, base: Questionnaire) -> tuple[str, int]:
    """The new YAML text the workbook would make of ``base`` and the number of changed cells (nothing written)."""
    from app.exchange.qbook_read import read_edits

    edits = read_edits(Path(book), base, SETTING_RANGES)
    return new_text(base, [(e.path, e.value, e.add) for e in edits]), len(edits)


def new_text(base: Questionnaire, edits: list[tuple[tuple[object, ...], object, bool]]) -> str:
    """``base``'s own YAML file with ``edits`` applied and its minor version raised, checked by the safe loader."""
    from app.loading.yaml_edit import apply_edits

    source = Path(base.source)
    text = source.read_text(encoding="utf-8-sig")
    new, _version = apply_edits(text, edits, str(source))  # type: ignore[arg-type]
    try:
        convert(new, str(source))
    except QuestionnaireError as exc:
        raise QuestionnaireError([Problem("X118", {"detail": f"{p.where} {p.message('ja')}".strip(),
                                                   "detail_en": p.message("en")}, str(source), where=p.where)
                                  for p in exc.problems]) from None
    return new


def import_questionnaire(book: Path, out: Path, base: str | Path | None = None, *, cases: Path | None = None,
                         cases_output: Path | None = None) -> ImportedQuestionnaire:
    """Apply a workbook's changes to ``base`` (default: the questionnaire the workbook names) and write ``out``.

    Every problem of the workbook is raised at once (cells as ``sheet!cell``); nothing is written then.
    The result is read back by the safe loader before the atomic write. A workbook with a 事例 sheet is read
    against its catalogue (``cases``, else the file its 説明 sheet names, else the pack's); the edited
    catalogue goes to ``cases_output`` (X124 when the sheet changed and none is given), never over the original.
    """
    from app.exchange.qbook_cases import is_case_edit
    from app.exchange.qbook_open import workbook_catalogue
    from app.exchange.qbook_read import read_edits
    from app.storage.outputs import check_distinct

    book, out = Path(book), Path(out)
    q = resolve_base(base) if base is not None else _named_base(book)
    named = workbook_catalogue(book)
    source: Path | None = None
    if named:
        source = Path(cases) if cases is not None else Path(named) if Path(named).is_file() else catalogue_of(q)
    inputs = [p for p in (book, Path(q.source), source) if p is not None]
    check_output(out, "yaml", inputs)
    if cases_output is not None:
        check_output(Path(cases_output), "yaml", inputs)
        check_distinct([out, Path(cases_output)])
    catalogue = case_book(source, q) if source is not None else None
    edits = read_edits(book, q, SETTING_RANGES, catalogue)
    own = [e for e in edits if not is_case_edit(e.path)]
    case_edits = [e for e in edits if is_case_edit(e.path)]
    if case_edits and cases_output is None:
        from app.exchange.qbook_cases import SHEET

        raise UserError(Problem("X124", {"cell": f"{SHEET}!A1", "count": len(case_edits)}, str(book)))
    text = new_text(q, [(e.path, e.value, e.add) for e in own])
    cases_text = new_catalogue(catalogue, case_edits) if catalogue is not None and cases_output else None
    atomic_write(out, text.encode("utf-8"), backup=True)
    if cases_text is not None and cases_output is not None:
        atomic_write(Path(cases_output), cases_text.encode("utf-8"), backup=True)
    return ImportedQuestionnaire(out, convert(text, str(out)), q.version, len(edits),
                                 Path(cases_output) if cases_text is not None and cases_output else None,
                                 len(case_edits))


def new_catalogue(catalogue: Any, edits: list[Any]) -> str:
    """The catalogue's own file with the 事例 sheet's ``edits`` applied, checked by the catalogue's reader."""
    from app.loading.cases_file import loads
    from app.loading.yaml_edit import edit_catalogue

    path = Path(catalogue.path)
    text = path.read_text(encoding="utf-8-sig")
    new = edit_catalogue(text, [(e.path, e.value) for e in edits], str(path)) if edits else text
    loads(new, str(path))
    return new


def _named_base(book: Path) -> Questionnaire:
    from app.exchange.qbook_write import ID_CELL, INFO_SHEET

    qid = book_questionnaire_id(book)
    try:
        return get_questionnaire(qid or "standard")
    except QuestionnaireError:
        raise QuestionnaireError(Problem("X119", {"cell": f"{INFO_SHEET}!{ID_CELL}", "id": qid}, str(book))) from None


def preview_version(base: Questionnaire, edits: list[Any]) -> Questionnaire:
    """The questionnaire ``edits`` (:class:`app.exchange.qbook_read.Edit`) would make of ``base``; nothing written."""
    text = new_text(base, [(e.path, e.value, e.add) for e in edits])
    return convert(text, base.source or "<window>")


def save_version(base: Questionnaire, edits: list[Any], folder: Path | None = None) -> ImportedQuestionnaire:
    """Save ``base`` with ``edits`` as its next minor version in the user's questionnaire folder.

    The file is ``ID.yaml`` there, so the new version replaces the bundled one of the same id wherever
    the program looks; a previous version saved there is kept as ``ID.yaml.bak`` by the atomic write.
    """
    target = Path(folder) if folder is not None else resources.user_questionnaire_folder()
    target.mkdir(parents=True, exist_ok=True)
    out = target / f"{base.id}.yaml"
    text = new_text(base, [(e.path, e.value, e.add) for e in edits])
    atomic_write(out, text.encode("utf-8"), backup=True)
    return ImportedQuestionnaire(out, convert(text, str(out)), base.version, len(edits))


def example_totals(q: Questionnaire) -> Any:
    """The example department's totals (:class:`app.domain.results.Totals`) under questionnaire ``q``."""
    from app.domain.scoring import score
    from app.service.core import example_assessment_path, open_assessment

    return score(q, open_assessment(example_assessment_path()).assessment).totals


def editable_sheets(q: Questionnaire) -> list[Any]:
    """The workbook's sheets (:class:`app.exchange.qbook_spec.SheetSpec`) of ``q``, for the window."""
    from app.exchange.qbook_spec import sheets

    return sheets(q, SETTING_RANGES)


def check_value(q: Questionnaire, spec: Any, row: Any, column: Any, raw: object) -> tuple[Any, Problem | None]:
    """A value typed in the window, checked as a workbook cell is: ``(edit or None, problem or None)``."""
    from app.exchange.qbook_read import check_cell

    return check_cell(q, spec, row, column, raw)


def added_measure(fields: dict[str, object]) -> Any:
    """The edit that appends an own measure (``fields``: id, ecrs, label.ja, reduction_rate, trigger …)."""
    from app.exchange.qbook_read import Edit

    return Edit(("measures",), dict(fields), "window", add=True)


CONTACT_SETTING = qbook_spec.CONTACT_SETTING
CONTACT_LABEL = qbook_spec.CONTACT_LABEL


def added_contact(text: str, english: str = "") -> Any:
    """The edit that adds ``settings.central_team_contact`` (``text``, and ``english`` when given) to a
    questionnaire that has none yet."""
    from app.exchange.qbook_read import added_setting

    return added_setting(CONTACT_SETTING, text, english, "window")


def next_version(version: str) -> str:
    """The version a save or an import gives: the minor part raised (1.0.0 → 1.1.0)."""
    from app.loading.yaml_edit import next_minor

    return next_minor(version)
