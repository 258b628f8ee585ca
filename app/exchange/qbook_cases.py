"""The 事例 sheet of the questionnaire workbook: the case catalogue (庁内事例集) the questionnaire travels with.

The catalogue is a file of its own (``format: kaizen-cases``), so the sheet is tied to it, not to the
questionnaire: the 説明 sheet records the catalogue's file and a check code of its bytes, and an import
refuses a sheet whose catalogue has changed since (a case added by ``kaizen-check cases`` would otherwise
look like a deleted row). One row per case, keyed by ``assessment id / action id`` (locked); the texts,
the hours and the date done are editable, the measure and the pain points are shown for reference.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.domain.cases import MAX_HOURS, MAX_TEXT, Case
from app.domain.catalogue import Words
from app.domain.values import parse_date
from app.exchange import sheet_print
from app.exchange.qbook_spec import Column, SheetRow, SheetSpec, col_id

SHEET = "事例"
CASE_SEGMENT = "case"  # a case edit's path starts with ("case", (assessment_id, action_id))
NAME_CELL, CODE_CELL = "B6", "B7"  # on the 説明 sheet
KEY_SEPARATOR = " / "


@dataclass(frozen=True)
class CaseBook:
    """The catalogue a 事例 sheet shows: its file, a check code of its bytes and its cases."""

    path: str
    code: str
    cases: tuple[Case, ...]
    pain_labels: dict[str, str] = field(default_factory=dict)  # pain point id → its label (the reference column)


def check_code(raw: bytes) -> str:
    """A short fingerprint of the catalogue's bytes (any change to the file changes it)."""
    return hashlib.sha256(raw).hexdigest()[:16]


def _text(field: str, header: str, hint: str = "", width: int = 22, required: bool = False) -> Column:
    return Column(field, header, hint, "text", width=width, required=required, maximum=MAX_TEXT)


def _hours(field: str, header: str, hint: str) -> Column:
    return Column(field, header, hint, "number", minimum=0.0, maximum=float(MAX_HOURS), width=11,
                  number_format=sheet_print.HOURS_FORMAT)


COLUMNS: tuple[Column, ...] = (
    Column("key", "事例キー", "評価ID / 行動ID。変更できません。行を削除・追加しないでください。", "key", width=24),
    _text("department", "部署", "空にはできません。", 14, required=True),
    _text("section", "係", "", 12),
    _text("task_name", "業務", "", 18),
    _text("task_category", "業務の分類", "同じ分類の課に先に表示されます。", 12),
    Column("measure_id", "改善策キー", "参考（変更しても読み込みません）。", "ref", width=12),
    _text("measure_label", "改善策", "", 16),
    _text("title", "題名", "レポート・一覧に出る題名。", 22),
    _hours("planned_hours", "見込み（時間/年）", f"0〜{MAX_HOURS:,}。"),
    _hours("realised_hours", "実績（時間/年）", f"0〜{MAX_HOURS:,}。「庁内実績」に出ます。"),
    _text("before", "改善前", "", 26),
    _text("after", "改善後", "", 26),
    _text("comment", "ひとこと", "", 22),
    _text("tips", "コツ", "", 22),
    _text("contact", "問い合わせ先", "", 18),
    Column("done_date", "完了日", "日付（2026/11/30）。", "date", width=12),
    Column("pains", "困りごと", "参考（変更しても読み込みません）。", "ref", width=14),
)


def case_key(c: Case) -> str:
    """The key cell of a case: ``assessment id / action id`` (wrapped in the cell: an id is 36 characters)."""
    return f"{c.assessment_id}{KEY_SEPARATOR}{c.action_id}"


def _cell(c: Case, column: Column, pain_labels: dict[str, str]) -> object:
    value = getattr(c, column.field, None) if column.field != "key" else case_key(c)
    if column.field == "pains":
        return "、".join(pain_labels.get(p, p) for p in c.pains) or None
    if column.kind == "date" and isinstance(value, str):
        return parse_date(value) or value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if value not in ("", None) else None


# what X110 advises instead of deleting a case's row
_INSTEAD = Words("（事例を除くには、事例集のファイルからその事例を消して、ブックを書き出し直します）",
                 " (to drop a case, delete it from the catalogue file and export the workbook again)")


def cases_sheet(book: CaseBook) -> SheetSpec:
    """事例: one row per case of the catalogue."""
    rows = tuple(SheetRow(case_key(c), ((CASE_SEGMENT, c.key),),
                          {col_id(col): _cell(c, col, book.pain_labels) for col in COLUMNS}) for c in book.cases)
    return SheetSpec(SHEET, "庁内事例集です。文言・時間・完了日を直せます。直したら読み込みで --cases-output を"
                     "指定します（元の事例集は上書きしません）。", COLUMNS, rows, "key", (),
                     instead=_INSTEAD, source=Words("事例集", "the case catalogue"))



def is_case_edit(path: Sequence[object]) -> bool:
    """Whether an edit's path is one of the catalogue's (not the questionnaire's)."""
    first = path[0] if path else None
    return isinstance(first, tuple) and first[0] == CASE_SEGMENT


def date_value(raw: object) -> str | None:
    """A date cell (or a typed date) as the catalogue writes it, ``2026-11-30``; ``None`` when it is no date."""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    day = parse_date(str(raw))
    return day.isoformat() if day is not None else None
