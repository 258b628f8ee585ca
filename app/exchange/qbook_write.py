"""Writing the questionnaire workbook (質問票の調整用ブック): an instructions sheet, then one sheet per list.

Every sheet: an explanation in row 1, headings in row 2, what each column expects in row 3, data from
row 4. Key columns are locked (the sheet is protected without a password, only so that a key is not
overwritten by accident); editable cells are yellow and unlocked, with data validation (はい/いいえ
lists, rates 0–1, each setting's range). No merged cells and no formulas, so the import can name any
cell it does not accept.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from app.domain.questionnaire import Questionnaire
from app.domain.values import number_text
from app.exchange import qbook_cases, sheet_print
from app.exchange.qbook_cases import CaseBook
from app.exchange.qbook_spec import Column, SheetSpec, col_id, sheets
from app.exchange.writers import _formula_like

INFO_SHEET = "説明"
ID_CELL, VERSION_CELL = "B3", "B4"
HEADER_ROW, HINT_ROW, FIRST_ROW = 2, 3, 4
SPARE_ROWS = 30  # blank unlocked rows where a sheet takes new entries (the glossary)
EDIT_FILL, KEY_FILL, HEAD_FILL = "FFF4C2", "E4E4E4", "D9E2F3"

INSTRUCTIONS = (
    "使い方 / How to use",
    "1. 黄色のセルを直します（単価、削減率、仮の値かどうか、出典、文言など）。灰色のキーの列は変えられません。",
    "2. 行を削除したり、セルを結合したり、式（=で始まる計算）を入れたりしないでください。値だけを入力します。",
    "3. 保存したら読み込みます: kaizen-check questionnaire import このファイル.xlsx -o 新しい質問票.yaml",
    "   （アプリでは ホーム →「質問票の調整（業務改善担当向け）」からも直せます）",
    "4. 誤りがあれば「シート名!セル」と直し方がすべて表示され、何も書き出されません。",
    "5. 読み込むと版の2番目の数字が上がります（1.0.0 → 1.1.0）。質問・選択肢・手順はYAMLのまま残ります。",
    "6. 事例シート（事例集を付けて書き出したとき）を直したら、読み込みに --cases-output 新しい事例集.yaml を付けます。"
    "元の事例集は書き換えません。",
    "Yellow cells are editable; grey key columns are locked. Do not delete rows, merge cells or type formulas.",
)


def _safe(value: object) -> object:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _info_sheet(wb: Any, q: Questionnaire, today: dt.date, catalogue: CaseBook | None) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet(INFO_SHEET)
    ws["A1"] = "質問票の調整用ブック / Questionnaire workbook"
    ws["A1"].font = Font(bold=True, size=14)
    rows: list[tuple[str, object]] = [("質問票", q.title.ja), ("質問票ID（変更不可）", q.id),
                                      ("版（変更不可）", q.version), ("書き出した日", today)]
    if catalogue is not None:  # B6, B7: which catalogue the 事例 sheet shows (checked by the import)
        rows += [("事例集（変更不可）", catalogue.path), ("事例集の確認コード（変更不可）", catalogue.code)]
    for i, (label, value) in enumerate(rows, 2):
        ws.cell(i, 1, label).font = Font(bold=True)
        ws.cell(i, 2, _safe(value))
    ws.cell(5, 2).number_format = sheet_print.DATE_FORMAT
    first = 9
    for i, line in enumerate(INSTRUCTIONS, first):
        ws.cell(i, 1, line).font = Font(bold=(i == first))
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 60
    ws.protection.sheet = True
    sheet_print.setup_print(ws, "", "質問票の調整用ブック")


def _validation(ws: Any, column: Column, letter: str, first: int, last: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    if column.choices:
        dv = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="選択肢", error="一覧から選んでください。")
    elif column.kind == "rate":
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="1", allow_blank=False,
                            showErrorMessage=True, errorTitle="削減率",
                            error="0から1の数値（0.3＝30%）を入力してください。")
    elif column.kind == "number" and column.minimum is not None and column.maximum is not None:  # 事例's hours
        dv = DataValidation(type="decimal", operator="between", formula1=f"{column.minimum:g}",
                            formula2=f"{column.maximum:.15g}", allow_blank=True, showErrorMessage=True,
                            errorTitle="数値", error=f"{number_text(column.minimum)}〜{number_text(column.maximum)}"
                            "の数値を入力してください。")
    elif column.kind == "number" and column.minimum is not None and column.maximum is None:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1=f"{column.minimum:g}",
                            allow_blank=True, showErrorMessage=True, errorTitle="数値",
                            error=f"{column.minimum:g}以上の数値を入力してください。")
    elif column.kind == "text" and column.maximum is not None:
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=f"{column.maximum:g}",
                            allow_blank=True, showErrorMessage=True, errorTitle="文字数",
                            error=f"{column.maximum:g}文字までにしてください。")
    elif column.kind == "date":
        dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True, showErrorMessage=True,
                            errorTitle="日付", error="日付（2026/11/30 のように）を入力してください。")
    else:
        return
    ws.add_data_validation(dv)
    dv.add(f"{letter}{first}:{letter}{last}")


def _row_bounds(ws: Any, spec: SheetSpec, letters: dict[str, str]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    by_range: dict[tuple[float, float], list[str]] = {}
    for r, row in enumerate(spec.rows, FIRST_ROW):
        for field, bounds in row.bounds.items():
            if field in letters and not row.text_value:
                by_range.setdefault(bounds, []).append(f"{letters[field]}{r}")
    for (lo, hi), cells in by_range.items():
        dv = DataValidation(type="decimal", operator="between", formula1=str(lo), formula2=str(hi),
                            showErrorMessage=True, errorTitle="範囲", error=f"{lo:g}〜{hi:g}の数値を入力してください。")
        ws.add_data_validation(dv)
        for cell in cells:
            dv.add(cell)


def _list_sheet(wb: Any, spec: SheetSpec) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(spec.name)
    ws.cell(1, 1, spec.intro).font = Font(bold=True)
    letters = {col_id(c): get_column_letter(i) for i, c in enumerate(spec.columns, 1)}
    last = FIRST_ROW + len(spec.rows) - 1 + (SPARE_ROWS if spec.can_add else 0)
    for i, c in enumerate(spec.columns, 1):
        head = ws.cell(HEADER_ROW, i, c.header)
        head.font = Font(bold=True)
        head.fill = PatternFill("solid", fgColor=HEAD_FILL)
        head.alignment = Alignment(wrap_text=True, vertical="center")
        hint = ws.cell(HINT_ROW, i, c.hint or None)
        hint.font = Font(size=9, color="555555")
        hint.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(i)].width = c.width
        if c.editable or (spec.can_add and c.kind == "key"):
            _validation(ws, c, get_column_letter(i), FIRST_ROW, last)
    for r, row in enumerate(spec.rows, FIRST_ROW):
        for i, c in enumerate(spec.columns, 1):
            cell = ws.cell(r, i, _safe(row.values.get(col_id(c))))
            if _formula_like(cell.value):
                cell.data_type = "s"  # a text that starts with = stays text
            _style(cell, c.editable and c.field not in row.locked, c)
    for r in range(FIRST_ROW + len(spec.rows), last + 1):
        for i, c in enumerate(spec.columns, 1):
            _style(ws.cell(r, i), True, c)
    _row_bounds(ws, spec, letters)
    sheet_print.fit_row_heights(ws, HEADER_ROW)
    ws.freeze_panes = ws.cell(FIRST_ROW, 2)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may be changed
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.sort = True  # sorting would move rows under the keys' feet; the import finds rows by key anyway
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(spec.columns))}{max(last, HEADER_ROW + 1)}"
    sheet_print.setup_print(ws, f"{HEADER_ROW}:{HINT_ROW}", spec.name)


def _style(cell: Any, editable: bool, column: Column) -> None:
    from openpyxl.styles import Alignment, PatternFill, Protection

    cell.fill = PatternFill("solid", fgColor=EDIT_FILL if editable else KEY_FILL)
    cell.protection = Protection(locked=not editable)
    cell.alignment = Alignment(wrap_text=column.kind in ("text", "expr", "key", "ref"), vertical="top")
    if column.number_format:
        cell.number_format = column.number_format
    elif column.kind == "date":
        cell.number_format = sheet_print.DATE_FORMAT
    elif column.kind == "rate":
        cell.number_format = sheet_print.RATE_FORMAT
    elif column.kind == "number":
        cell.number_format = "#,##0.###" if not isinstance(cell.value, int) else sheet_print.COUNT_FORMAT


def workbook_bytes(q: Questionnaire, ranges: dict[str, tuple[float, float]], today: dt.date | None = None,
                   catalogue: CaseBook | None = None) -> bytes:
    """The questionnaire workbook of ``q`` as .xlsx bytes (with a 事例 sheet when ``catalogue`` is given)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _info_sheet(wb, q, today or dt.date.today(), catalogue)
    for spec in sheets(q, ranges, qbook_cases.cases_sheet(catalogue) if catalogue is not None else None):
        _list_sheet(wb, spec)
    wb.properties.title = f"{q.title.ja} {q.version}"
    wb.properties.identifier = f"kaizen-questionnaire:{q.id}:{q.version}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
