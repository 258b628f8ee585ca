"""The questionnaire workbook: export a questionnaire for the improvement team, import their edits as a new version."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import resources
from app.domain.errors import Problem, QuestionnaireError
from app.domain.questionnaire import Questionnaire
from app.loading.loader import SETTING_RANGES, convert, load_questionnaire
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
    changes: int


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


def export_questionnaire(base: str | Path, out: Path, today: dt.date | None = None) -> Path:
    """Write the workbook of questionnaire ``base`` (an id or a YAML path) to ``out`` (.xlsx) atomically."""
    q = resolve_base(base)
    out = Path(out)
    check_output(out, "xlsx", [Path(q.source)] if q.source else [])
    atomic_write(out, questionnaire_book(q, today), backup=False)
    return out


def write_template(q: Questionnaire, out: Path, lang: str = "ja") -> Path:
    """Write the blank task-inventory workbook of ``q`` (業務の棚卸しシート) to ``out`` (.xlsx) atomically."""
    from app.exchange.template import template_bytes

    out = Path(out)
    check_output(out, "xlsx", [Path(q.source)] if q.source else [])
    atomic_write(out, template_bytes(q, lang), backup=False)
    return out


def book_questionnaire_id(book: Path) -> str:
    """The questionnaire id a workbook names on its 説明 sheet ("" when it names none)."""
    from app.exchange.qbook_read import workbook_id

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


def import_questionnaire(book: Path, out: Path, base: str | Path | None = None) -> ImportedQuestionnaire:
    """Apply a workbook's changes to ``base`` (default: the questionnaire the workbook names) and write ``out``.

    Every problem of the workbook is raised at once (cells as ``sheet!cell``); nothing is written then.
    The result is read back by the safe loader before the atomic write.
    """
    from app.exchange.qbook_read import read_edits

    book, out = Path(book), Path(out)
    q = resolve_base(base) if base is not None else _named_base(book)
    check_output(out, "yaml", [book, Path(q.source)])
    edits = read_edits(book, q, SETTING_RANGES)
    text = new_text(q, [(e.path, e.value, e.add) for e in edits])
    atomic_write(out, text.encode("utf-8"), backup=True)
    return ImportedQuestionnaire(out, convert(text, str(out)), q.version, len(edits))


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


CONTACT_SETTING = "central_team_contact"
CONTACT_LABEL = {"ja": "業務改善担当の連絡先（内線・メール）", "en": "How to reach the improvement team"}


def added_contact(text: str) -> Any:
    """The edit that adds ``settings.central_team_contact`` to a questionnaire that has none yet."""
    from app.exchange.qbook_read import Edit

    return Edit(("settings", CONTACT_SETTING), {"text": {"ja": text}, "label": dict(CONTACT_LABEL)}, "window")


def next_version(version: str) -> str:
    """The version a save or an import gives: the minor part raised (1.0.0 → 1.1.0)."""
    from app.loading.yaml_edit import next_minor

    return next_minor(version)
