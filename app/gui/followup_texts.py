# ruff: noqa: E501  (one entry per line reads better than wrapped strings, as in messages.py)
"""Texts of the follow-up, import and ward-wide screens, Japanese first and English second."""

from __future__ import annotations

import string

TEXTS: dict[str, tuple[str, str]] = {
    "fu_title": ("振り返り（フォローアップ）", "Follow-up"),
    "fu_intro": ("行動ごとに、状態・完了日・削減できた時間を記録します。記録は履歴として評価ファイルに残ります。",
                 "Record each action's status, date done and hours saved. Each record is kept as history in the file."),
    "fu_none": ("行動計画がまだありません。手順7で行動を決めてから振り返ります。", "There is no action plan yet. Decide the actions in step 7 first."),
    "fu_status": ("状態", "Status"),
    "fu_date": ("日付（完了日）", "Date (done on)"),
    "fu_hours": ("削減できた時間（時間/年）", "Hours saved (h/year)"),
    "fu_note": ("メモ", "Note"),
    "fu_story": ("改善事例シート用（完了した行動）", "For the success-story sheet (done actions)"),
    "fu_before": ("改善前", "Before"),
    "fu_after": ("改善後", "After"),
    "fu_comment": ("職員の声", "Staff comment"),
    "fu_tips": ("ほかの課へのヒント", "Tips for other sections"),
    "fu_record": ("記録する", "Record"),
    "fu_make_story": ("改善事例シート（PDF）を作る", "Make the success-story sheet (PDF)"),
    "fu_writing": ("改善事例シートを作成しています…", "Writing the success-story sheet…"),
    "fu_story_done": ("改善事例シートを保存しました: {path}", "Success-story sheet saved: {path}"),
    "fu_recorded": ("記録しました: {action}", "Recorded: {action}"),
    "fu_history": ("履歴: {items}", "History: {items}"),
    "fu_bad_date": ("日付は 2027-01-31 や 2027/1/31 の形で入力してください。", "Enter the date like 2027-01-31."),
    "fu_bad_hours": ("削減できた時間は0以上の数値で入力してください（全角数字も使えます）。", "Hours saved must be a number of 0 or more."),
    "close": ("閉じる", "Close"),
    "status_not_started": ("未着手", "Not started"),
    "status_in_progress": ("進行中", "In progress"),
    "status_done": ("完了", "Done"),
    "status_cancelled": ("中止", "Cancelled"),
    "im_title": ("業務一覧の取込み（Excel・CSV）", "Import a task list (Excel, CSV)"),
    "im_intro": ("業務量調査などのExcel・CSVから業務を取り込みます。列の対応を確認してから「取り込む」を押してください。",
                 "Import tasks from an Excel or CSV inventory. Check the column mapping, then press Import."),
    "im_choose": ("ファイルを選ぶ…", "Choose a file…"),
    "im_sheet": ("シート", "Sheet"),
    "im_header": ("見出し行: {first}〜{last}行目　データ: {rows}行", "Header rows {first}–{last}; {rows} rows below"),
    "im_not_imported": ("（取り込まない）", "(do not import)"),
    "im_remember": ("この列の対応を次回も使う", "Use this mapping next time"),
    "im_import": ("取り込む", "Import"),
    "im_done": ("{count}件の業務を取り込みました。", "{count} tasks imported."),
    "tpl_file": ("業務の棚卸しシート.xlsx", "task_inventory_sheet.xlsx"),
    "tpl_done": ("記入用シートを保存しました: {path}\n各係に配り、記入後に「Excelから取り込む」で読み込みます（3行目の記入例は取り込まれません）。",
                 "Saved the blank sheet: {path}\nHand it to each section, then read it back with Import from Excel (the example in row 3 is never imported)."),
    "im_skipped": ("読み飛ばした行: 空行 {blank}、小計・合計 {subtotal}、見出し {heading}、業務名なし {no_name}、記入例 {example}",
                   "Rows skipped: blank {blank}, subtotals {subtotal}, headings {heading}, no name {no_name}, examples {example}"),
    "im_problems": ("取り込めなかった値（空欄にしました）: {count}件", "Values left blank: {count}"),
    "im_files": ("Excel・CSV", "Excel, CSV"),
    "all_files": ("すべてのファイル", "All files"),
    "ag_title": ("全庁の集計（中央チーム）", "Ward-wide view (central team)"),
    "ag_intro": ("各課の評価ファイル（.kaizen.json）またはそのフォルダを選び、「集計する」を押してください。",
                 "Choose the departments' assessment files (.kaizen.json) or their folder, then press Summarise."),
    "ag_add_folder": ("フォルダを追加…", "Add a folder…"),
    "ag_add_files": ("ファイルを追加…", "Add files…"),
    "ag_clear": ("選択をクリア", "Clear"),
    "ag_run": ("集計する", "Summarise"),
    "ag_running": ("集計しています…", "Summarising…"),
    "ag_pdf": ("PDFを保存…", "Save PDF…"),
    "ag_xlsx": ("Excelで保存…", "Save Excel…"),
    "ag_csv": ("CSVで保存…", "Save CSV…"),
    "ag_saved": ("保存しました: {path}", "Saved: {path}"),
    "ag_totals": ("{count}部署　棚卸し {inventory} 時間　ポテンシャル {potential} 時間　実績 {realised} 時間　すぐやる完了 {done}/{quick}",
                  "{count} departments; inventoried {inventory} h; potential {potential} h; realised {realised} h; quick wins done {done}/{quick}"),
    "ag_pains": ("共通の課題（部署数）: {items}", "Shared pain points (departments): {items}"),
    "ag_groups": ("全庁的な取組みの候補: {count}件（PDFに詳細）", "Office-wide candidates: {count} (details in the PDF)"),
    "ag_skipped": ("読み込めなかったファイル: {count}件", "Files that could not be read: {count}"),
    "ag_flag": ("※版が異なる", "* other version"),
    "ag_nothing": ("集計できるファイルがありません。", "No files could be summarised."),
    "col_department": ("部署", "Department"),
    "col_inventory": ("棚卸し", "Inventoried"),
    "col_potential": ("ポテンシャル", "Potential"),
    "col_realised": ("実績", "Realised"),
    "col_done": ("完了/行動", "Done/actions"),
}


class _Defaulting(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, lang: str = "ja", **params: object) -> str:
    """The text ``key`` in ``lang`` with ``params`` filled in."""
    ja, en = TEXTS[key]
    return string.Formatter().vformat(en if lang == "en" and en else ja, (), _Defaulting(params))
