"""Write the spreadsheet fixtures in tests/data/ with openpyxl (real .xlsx files, as Excel would hold them).

``gyomuryo_chosa.xlsx`` is laid out the way municipal 業務量調査 sheets usually are: title and
affiliation rows merged across the sheet, a two-row header with a group heading merged over three
columns and headings merged down two rows, group heading rows, 小計 and 合計 rows with formulas,
blank rows, full-width digits and units typed as text, and one cell nobody could read.
``simple_inventory.xlsx`` is a plain one-row header. Run ``uv run python tests/data/make_sheets.py``.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent

SURVEY_TASKS = [
    # name, category, cases, minutes, fixed, staff, peaks, single, systems
    ("保育所入所申込の受付", "窓口受付", "２，４００", "４５分", None, "６", "11月、12月", "", "保育システム"),
    ("児童手当の認定請求の受付", "窓口受付", 3200, 20, None, 4, "4月、6月", "", "児童手当システム"),
    ("子ども医療費助成の申請受付", "窓口受付", "4,500件", "１２", 0, 3, "3月", "○", ""),
]
SURVEY_TASKS_2 = [
    ("入所選考会議", "会議・調整", None, None, "２６０時間", 8, "", "", ""),
    ("国・都への実績報告", "集計・報告", "不明", 480, 60, 1, "", "○", "Excel"),
    ("子育て支援ガイドの作成", "広報", 0, 0, 180, 2, "", "", "Word"),
]


def survey() -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "調査票"
    ws["A1"] = "令和8年度　業務量調査票（子育て支援課）"
    ws.merge_cells("A1:K1")
    ws["A1"].font = Font(size=14, bold=True)
    ws["A2"] = "所属：子育て支援課　保育入所係　　記入者：係長"
    ws.merge_cells("A2:K2")
    # row 3 blank
    for col, head in zip("ABCGHIJK", ("No.", "業務名", "業務区分", "担当人数", "繁忙期", "属人化", "使用システム",
                                      "年間業務時間\n（時間）"), strict=True):
        ws[f"{col}4"] = head
        ws.merge_cells(f"{col}4:{col}5")
    ws["D4"] = "処理件数等"
    ws.merge_cells("D4:F4")
    ws["D5"], ws["E5"], ws["F5"] = "年間件数", "1件あたり\n処理時間（分）", "その他\n（時間/年）"
    for row in ws["A4:K5"]:
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    r = 6
    ws[f"A{r}"] = "【窓口業務】"
    ws.merge_cells(f"A{r}:K{r}")
    r += 1
    first = r
    for n, task in enumerate(SURVEY_TASKS, 1):
        ws.append([n, *task[:2], *task[2:5], *task[5:]])
        ws[f"K{r}"] = f"=IFERROR(D{r}*E{r}/60,0)+N(F{r})"
        r += 1
    ws[f"B{r}"] = "小計"
    ws[f"K{r}"] = f"=SUM(K{first}:K{r - 1})"
    r += 2  # one blank row
    ws[f"A{r}"] = "【内部事務】"
    ws.merge_cells(f"A{r}:K{r}")
    r += 1
    first = r
    for n, task in enumerate(SURVEY_TASKS_2, 4):
        ws.cell(row=r, column=1, value=n)
        for c, v in enumerate(task, 2):
            ws.cell(row=r, column=c, value=v)
        ws[f"K{r}"] = f"=IFERROR(D{r}*E{r}/60,0)+N(F{r})"
        r += 1
    ws[f"A{r}"] = "内部事務　小計"
    ws.merge_cells(f"A{r}:C{r}")
    r += 1
    ws[f"A{r}"] = "合計"
    ws.merge_cells(f"A{r}:C{r}")
    ws[f"K{r}"] = "=SUM(K7:K9,K13:K15)"
    r += 1
    ws[f"A{r}"] = "※ 件数・時間は令和7年度の実績からの推定です。"
    path = HERE / "gyomuryo_chosa.xlsx"
    wb.save(path)
    return path


def simple() -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "業務一覧"
    ws.append(["業務名", "業務区分", "年間件数", "1件あたりの処理時間（分）", "件数によらない時間（時間/年）",
               "担当人数"])
    ws.append(["住民税申告書の受付", "窓口受付", 9000, 20, 0, 8])
    ws.append(["課税資料の整理", "文書管理・決裁", 0, 0, 600, 3])
    ws.append([None, None, None, None, None, None])
    ws.append(["電話問合せ対応", "照会・回答", 12000, 5, None, 6])
    path = HERE / "simple_inventory.xlsx"
    wb.save(path)
    return path


if __name__ == "__main__":
    print(survey())
    print(simple())
