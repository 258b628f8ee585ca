"""A blank task-inventory workbook (業務の棚卸しシート) that each 係 fills in before the meeting.

The first sheet is the task grid: one column per input column of the questionnaire's task grid, headed
by the item's own label (so the importer maps every column by itself), a marked worked example row
(【記入例】, which the importer never takes as a task), and blank rows with input rules: a list for every
single-choice, 1–5 and はい/いいえ column, whole or decimal numbers in the item's range, a prompt with
the hint on every cell. Multi-choice columns take a 、-separated list, said in the heading. Then an
instructions sheet, and a sheet with the choice lists the rules point at.
"""

from __future__ import annotations

import io
from typing import Any

from app.domain.questionnaire import Item, Questionnaire
from app.exchange import sheet_print
from app.exchange.importer import EXAMPLE_MARKS

EXAMPLE_MARK = EXAMPLE_MARKS[0]
TASK_SHEET, HELP_SHEET, LIST_SHEET = "業務の棚卸し", "記入のしかた", "選択肢"
TITLE_ROW, HEADER_ROW, EXAMPLE_ROW = 1, 2, 3
BLANK_ROWS = 200
PRINTED_ROWS = 30  # blank rows with borders on the printed form (all BLANK_ROWS take input in the file)
MULTI_NOTE = "（複数可・「、」で区切る）"
# The worked example for the standard columns; other columns get a value made from their type.
EXAMPLE: dict[str, object] = {
    "name": f"{EXAMPLE_MARK}住民票の写しの交付", "annual_cases": 12000, "minutes_per_case": 6, "fixed_hours": 20,
    "staff": 3, "systems": "住民記録システム",
}


def header_of(item: Item, lang: str = "ja") -> str:
    """The heading of an item's column: its label, with how to write several choices for a multi-choice."""
    label = item.label.get(lang)
    return label + (MULTI_NOTE if lang == "ja" else " (several: separate with 、)") \
        if item.type == "select_multiple" else label


def template_items(q: Questionnaire) -> list[Item]:
    """The task grid's input columns (calculated ones such as 年間時間 are left to the program)."""
    return [i for i in q.items_of("task_grid") if i.is_input]


def _choice_texts(item: Item, lang: str) -> list[str]:
    if item.type == "boolean":
        return ["はい", "いいえ"] if lang == "ja" else ["yes", "no"]
    return [c.label.get(lang).replace(",", "，") for c in item.choices]


def _example(item: Item, lang: str) -> object:
    if item.id in EXAMPLE:
        return EXAMPLE[item.id]
    choices = _choice_texts(item, lang)
    if item.type == "select_multiple":
        return "、".join(choices[:2])
    if item.type == "likert":
        return choices[min(3, len(choices) - 1)]
    if item.type == "select_one":
        return choices[0]
    if item.type == "boolean":
        return choices[1]
    if item.type in ("integer", "decimal"):
        return int(item.minimum or 0) + 1
    return None


def _rule(item: Item, lang: str) -> str:
    if item.type == "select_multiple":
        return ("次から選び「、」で区切る: " if lang == "ja" else "Pick from, separated by 、: ") \
            + "、".join(_choice_texts(item, lang))
    if item.type in ("select_one", "likert", "boolean"):
        return ("一覧から選ぶ: " if lang == "ja" else "Pick one: ") + " / ".join(_choice_texts(item, lang))
    if item.type in ("integer", "decimal"):
        kind = ("整数" if item.type == "integer" else "数値") if lang == "ja" else item.type
        lo = "" if item.minimum is None else _shown(item.minimum)
        hi = "" if item.maximum is None else _shown(item.maximum)
        return f"{kind} {lo}〜{hi}".strip()
    if item.max_length:
        return f"{item.max_length}文字まで" if lang == "ja" else f"up to {item.max_length} characters"
    return ""


def _shown(x: float) -> str:
    """A bound as staff read it: ``100,000,000``, ``0.5``."""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _plain(x: float) -> str:
    """A number as Excel's rule formula takes it: ``100000000``, ``0.5`` (never ``1e+08``)."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _validation(ws: Any, item: Item, letter: str, lists: dict[str, str], lang: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    first, last = EXAMPLE_ROW + 1, EXAMPLE_ROW + BLANK_ROWS
    prompt = (item.hint.get(lang) or _rule(item, lang))[:250]
    title = item.label.get(lang)[:32]
    if item.id in lists and item.type != "select_multiple":
        dv = DataValidation(type="list", formula1=lists[item.id], allow_blank=True)
    elif item.type in ("integer", "decimal"):
        lo = item.minimum if item.minimum is not None else 0
        hi = item.maximum if item.maximum is not None else 1e12
        dv = DataValidation(type="whole" if item.type == "integer" else "decimal", operator="between",
                            formula1=_plain(lo), formula2=_plain(hi), allow_blank=True)
    elif item.max_length:
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(item.max_length),
                            allow_blank=True)
    else:
        dv = DataValidation(allow_blank=True)
    dv.showErrorMessage = dv.type is not None
    dv.errorTitle, dv.error = title, _rule(item, lang)[:250]
    dv.showInputMessage = True
    dv.promptTitle, dv.prompt = title, prompt
    ws.add_data_validation(dv)
    dv.add(f"{letter}{first}:{letter}{last}")


def _lists(wb: Any, items: list[Item], lang: str) -> dict[str, str]:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(LIST_SHEET)
    out: dict[str, str] = {}
    col = 0
    for item in items:
        texts = _choice_texts(item, lang) if item.type in ("select_one", "likert", "boolean", "select_multiple") \
            else []
        if not texts:
            continue
        col += 1
        letter = get_column_letter(col)
        ws.cell(1, col, item.label.get(lang)).font = Font(bold=True)
        for r, text in enumerate(texts, 2):
            ws.cell(r, col, text)
        out[item.id] = f"'{LIST_SHEET}'!${letter}$2:${letter}${len(texts) + 1}"
    sheet_print.fit_widths(ws, cap=30)
    sheet_print.setup_print(ws, "1:1", LIST_SHEET)
    return out


def _help(wb: Any, q: Questionnaire, items: list[Item], lang: str) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(HELP_SHEET)
    ja = lang == "ja"
    lines = [
        "業務の棚卸しシートの記入のしかた" if ja else "How to fill in the task inventory sheet",
        f"質問票: {q.title.get(lang)}（{q.id} {q.version}）" if ja else f"Questionnaire: {q.title.get(lang)} "
        f"({q.id} {q.version})",
        "1. 「業務の棚卸し」シートに、係の業務を1行に1つずつ書きます。時間は見積りで構いません。" if ja else
        "1. One task per row on the first sheet. Estimates are fine.",
        f"2. 3行目の{EXAMPLE_MARK}の行は見本です。消さなくても業務としては取り込まれません。" if ja else
        f"2. Row 3 ({EXAMPLE_MARK}) is an example; it is never imported as a task.",
        "3. 一覧のある列は▼から選びます。複数選べる列は「窓口、電話」のように「、」で区切ります。" if ja else
        "3. Pick from the list where there is one; separate several choices with 、.",
        "4. 分からない列は空欄のままで構いません。見出しの行と列の並びは変えないでください。" if ja else
        "4. Leave unknown cells blank. Do not change the heading row or the order of the columns.",
        "5. 保存したファイルは、アプリの「業務の棚卸し」で「Excelから取り込む」を押して読み込みます。" if ja else
        "5. Import the saved file in the app's task inventory step (Import from Excel).",
    ]
    for r, line in enumerate(lines, 1):
        ws.cell(r, 1, line).font = Font(bold=r == 1, size=14 if r == 1 else 11)
    top = len(lines) + 2
    heads = ("列", "記入すること", "書き方") if ja else ("Column", "What to write", "How")
    for c, text in enumerate(heads, 1):
        ws.cell(top, c, text).font = Font(bold=True)
    for r, item in enumerate(items, top + 1):
        ws.cell(r, 1, header_of(item, lang))
        ws.cell(r, 2, item.hint.get(lang) or None)
        ws.cell(r, 3, _rule(item, lang) or None)
        for c in (1, 2, 3):
            ws.cell(r, c).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 60
    sheet_print.fit_row_heights(ws, top)
    sheet_print.setup_print(ws, f"{top}:{top}", HELP_SHEET)


def template_bytes(q: Questionnaire, lang: str = "ja") -> bytes:
    """The blank inventory workbook for ``q`` as .xlsx bytes."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    items = template_items(q)
    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = TASK_SHEET
    ws.cell(TITLE_ROW, 1, ("業務の棚卸しシート　所属（係）: " if lang == "ja" else "Task inventory — section: ")
            ).font = Font(bold=True, size=13)
    lists = _lists(wb, items, lang)
    _help(wb, q, items, lang)
    wb.move_sheet(HELP_SHEET, offset=-1)  # task sheet first (the importer reads it), then the instructions
    for c, item in enumerate(items, 1):
        letter = get_column_letter(c)
        head = ws.cell(HEADER_ROW, c, header_of(item, lang))
        head.font = Font(bold=True)
        head.fill = PatternFill("solid", fgColor="D9E2F3")
        head.alignment = Alignment(wrap_text=True, vertical="center")
        hint = item.hint.get(lang)
        rule = _rule(item, lang)
        if hint or rule:
            head.comment = Comment("\n".join(t for t in (hint, rule) if t), "Kaizen Self-Check", width=260, height=120)
        example = ws.cell(EXAMPLE_ROW, c, _example(item, lang))
        example.font = Font(italic=True, color="7F7F7F")
        example.fill = PatternFill("solid", fgColor="F2F2F2")
        _validation(ws, item, letter, lists, lang)
        longest = max((sheet_print.display_width(x) for x in _choice_texts(item, lang)), default=0)
        single = item.type in ("select_one", "likert", "boolean")
        width = max(item.width or 0, sheet_print.display_width(header_of(item, lang)) // 2 + 2, 8,
                    longest if single else 0)
        ws.column_dimensions[letter].width = min(40, width + 2)
        for r in range(HEADER_ROW, EXAMPLE_ROW + PRINTED_ROWS + 1):
            ws.cell(r, c).border = border
        if item.type in ("integer", "decimal"):
            for r in range(EXAMPLE_ROW, EXAMPLE_ROW + BLANK_ROWS + 1):
                ws.cell(r, c).number_format = sheet_print.COUNT_FORMAT if item.type == "integer" else "#,##0.0#"
    ws.row_dimensions[HEADER_ROW].height = 45
    ws.freeze_panes = ws.cell(EXAMPLE_ROW, 2)
    sheet_print.setup_print(ws, f"{HEADER_ROW}:{HEADER_ROW}", TASK_SHEET)
    ws.print_area = f"A1:{get_column_letter(len(items))}{EXAMPLE_ROW + PRINTED_ROWS}"
    wb.properties.title = f"{TASK_SHEET} ({q.id} {q.version})"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
