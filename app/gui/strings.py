"""Every text of the window itself, Japanese first and English second (questionnaire texts come from the YAML)."""

from __future__ import annotations

import string

UI: dict[str, tuple[str, str]] = {
    "app_title": ("業務改善セルフチェック", "Kaizen Self-Check"),
    "untitled": ("（未保存）", "(unsaved)"),
    "home": ("ホーム", "Home"),
    "open": ("開く…", "Open…"),
    "save": ("保存", "Save"),
    "save_as": ("名前を付けて保存…", "Save as…"),
    "back": ("◀ 戻る", "◀ Back"),
    "next": ("次へ ▶", "Next ▶"),
    "language": ("表示言語", "Language"),
    "text_size": ("文字の大きさ", "Text size"),
    "glossary": ("用語集", "Glossary"),
    "steps": ("手順", "Steps"),
    "step_of": ("手順 {n} / {total}", "Step {n} of {total}"),
    # home
    "home_new": ("新しく始める", "Start a new self-check"),
    "home_start": ("はじめる", "Start"),
    "home_open_title": ("保存したファイルから続ける", "Continue from a saved file"),
    "home_open_file": ("ファイルを開く…", "Open a file…"),
    "home_example": ("記入例（区民課）を開く", "Open the example (Residents Division)"),
    "home_recent": ("最近使ったファイル", "Recent files"),
    "home_no_recent": ("まだありません", "None yet"),
    "home_recover_title": ("前回保存されなかった作業があります", "Unsaved work from last time"),
    "home_recover": ("復元する", "Recover"),
    "home_discard": ("破棄", "Discard"),
    "home_recover_line": ("{dept}（{when} 自動保存）", "{dept} (autosaved {when})"),
    "no_department": ("部署名なし", "no department"),
    # form / validation
    "choose": ("—", "—"),
    "yes": ("はい", "Yes"),
    "no": ("いいえ", "No"),
    "fix_before_next": ("入力内容を確認してください（{count}件）。", "Please check the entries ({count})."),
    "calendar": ("日付を選ぶ", "Pick a date"),
    "calendar_short": ("選ぶ", "Pick"),
    "calendar_title": ("日付を選ぶ", "Pick a date"),
    "today": ("今日", "Today"),
    # grid
    "grid_add": ("＋ 行を追加", "+ Add row"),
    "grid_delete": ("選択行を削除", "Delete selected rows"),
    "grid_up": ("▲ 上へ", "▲ Up"),
    "grid_down": ("▼ 下へ", "▼ Down"),
    "grid_paste_hint": ("Excelの表をコピーしてセルを選び Ctrl+V で貼り付けられます。セルはダブルクリックまたは入力で編集します。",
                        "Copy a table in Excel, select a cell and press Ctrl+V. Type or double-click to edit a cell."),
    "grid_total": ("業務 {count}件　合計 {hours} 時間/年", "{count} tasks, {hours} hours a year in total"),
    "grid_errors": ("赤いセルを直してください（{count}件）: {first}", "Fix the red cells ({count}): {first}"),
    "grid_need_task": ("業務を1件以上入力してください。", "Enter at least one task."),
    "grid_row_error": ("{row}行目: {message}", "Row {row}: {message}"),
    # focus
    "focus_reset": ("初期選択に戻す", "Back to the default selection"),
    "focus_col_tick": ("重点", "Focus"),
    "focus_col_rank": ("順位", "Rank"),
    "focus_col_name": ("業務名", "Task"),
    "focus_col_hours": ("年間時間", "Hours/year"),
    "focus_col_cum": ("累積", "Cumulative"),
    "focus_summary": ("重点業務 {count}件　時間 {hours} / {total} 時間（{share}）",
                      "{count} focus tasks: {hours} of {total} hours ({share})"),
    "focus_none": ("重点業務を1件以上選んでください。", "Choose at least one focus task."),
    "focus_more": ("ほか {count}件", "{count} more"),
    "cumulative": ("累積割合", "Cumulative share"),
    # per task
    "task_of": ("重点業務 {n} / {total}", "Focus task {n} of {total}"),
    "prev_task": ("◀ 前の業務", "◀ Previous task"),
    "next_task": ("次の業務 ▶", "Next task ▶"),
    "task_hours": ("年間 {hours} 時間", "{hours} hours a year"),
    "no_focus": ("重点業務がありません。「重点業務の選定」で選んでください。", "No focus tasks yet. Choose them first."),
    "no_suggestions": ("この業務には、回答から提案できる改善策がありません。前の手順の回答を見直してください。",
                       "No measures are suggested by the answers for this task. Review the previous step."),
    "measure_choose": ("この施策に取り組む", "Pursue this measure"),
    "measure_rate": ("削減率の目安 {rate}", "Typical reduction {rate}"),
    "provisional": ("（仮の値）", "(provisional)"),
    "measure_score": ("効果 {hours} 時間/年・容易度 {ease} → {quadrant}", "Impact {hours} h/year, ease {ease} → {quadrant}"),
    "measure_incomplete": ("未回答の質問があります", "Some questions are not answered yet"),
    "cross_dept": ("中央チームへの提案", "Proposal to the central team"),
    # results
    "q_quick_win": ("すぐやる", "Quick win"),
    "q_major_project": ("計画的に", "Major project"),
    "q_fill_in": ("余力で", "Fill-in"),
    "q_not_now": ("見送り", "Not now"),
    "axis_ease": ("取り組みやすさ →", "Ease →"),
    "axis_impact": ("効果（時間）→", "Impact (hours) →"),
    "res_summary": ("棚卸し {inv} 時間/年（{tasks}業務）　重点 {focus} 時間　改善ポテンシャル {pot} 時間 ≈ {yen} 円（{index}）",
                    "Inventory {inv} h/year ({tasks} tasks), focus {focus} h, potential {pot} h ≈ {yen} yen ({index})"),
    "res_quick": ("まずはこの3つから", "Start with these"),
    "res_proposals": ("中央チームへの提案（全庁的な取組み）", "Proposals to the central team (office-wide)"),
    "res_all": ("検討した施策", "Measures considered"),
    "res_none": ("（なし）", "(none)"),
    "res_no_measures": ("施策がまだ選ばれていません。「改善策の検討」でチェックを入れてください。",
                        "No measures chosen yet. Tick some in the measures step."),
    "res_unit_cost": ("人件費単価 {cost} 円/時間（仮の値）", "Unit cost {cost} yen/hour (provisional)"),
    # plan
    "plan_propose": ("提案から行を追加", "Add lines from the proposals"),
    "plan_delete": ("この行を削除", "Delete this line"),
    "plan_added": ("{count}件の行を追加しました。", "{count} line(s) added."),
    "plan_empty": ("行動計画の行がありません。「提案から行を追加」を押してください。", "No action lines yet. Press 'Add lines from the proposals'."),
    "plan_select": ("上の表で行を選ぶと、ここで編集できます。", "Select a line above to edit it here."),
    "col_measure": ("施策", "Measure"),
    "col_task": ("対象業務", "Task"),
    "f_owner": ("担当", "Owner"),
    "f_deadline": ("期限", "Deadline"),
    "f_first_step": ("最初の一歩", "First step"),
    "f_kpi": ("KPI（指標）", "KPI"),
    "f_baseline": ("現状値", "Baseline"),
    "f_target": ("目標値", "Target"),
    "f_review_date": ("確認日", "Review date"),
    "f_support": ("必要な支援", "Support needed"),
    "f_status": ("状況", "Status"),
    "f_realised_hours": ("実績の削減時間（時間/年）", "Hours actually saved (per year)"),
    "st_not_started": ("未着手", "Not started"),
    "st_in_progress": ("進行中", "In progress"),
    "st_done": ("完了", "Done"),
    "st_cancelled": ("中止", "Cancelled"),
    "bad_date": ("日付が正しくありません。2026-04-01 や 2026/4/1 の形で入力してください。",
                 "Not a valid date. Use a form like 2026-04-01."),
    "bad_hours": ("0以上の数値で入力してください（全角数字も使えます）。", "Enter a number of 0 or more."),
    # output
    "out_pdf": ("行動計画のPDFを作成…", "Create the action plan PDF…"),
    "out_busy": ("PDFを作成しています…", "Creating the PDF…"),
    "out_done": ("PDFを作成しました: {path}", "PDF created: {path}"),
    "out_open_pdf": ("PDFを開く", "Open the PDF"),
    "out_open_folder": ("フォルダを開く", "Open the folder"),
    "out_save": ("評価ファイルを保存", "Save the assessment file"),
    "out_saved": ("保存しました: {path}", "Saved: {path}"),
    "out_next": ("数か月後にこのファイルを開き、「行動計画」で状況と実績を記録すると、次のPDFに「できたこと」が載ります。",
                 "Reopen this file in a few months and record status and hours in the action plan; the next PDF shows what was done."),
    "out_locked_retry": ("別の名前で保存しますか？", "Save under another name?"),
    "plan_file": ("行動計画", "action_plan"),
    "pdf_files": ("PDFファイル", "PDF files"),
    "assessment_files": ("評価ファイル", "Assessment files"),
    "all_files": ("すべてのファイル", "All files"),
    "open_failed": ("開けませんでした: {path}", "Could not open: {path}"),
    # dialogs
    "unsaved_title": ("保存されていない変更", "Unsaved changes"),
    "unsaved_body": ("変更が保存されていません。保存しますか？", "There are unsaved changes. Save them?"),
    "btn_save": ("保存する", "Save"),
    "btn_dont_save": ("保存しない", "Don't save"),
    "btn_cancel": ("キャンセル", "Cancel"),
    "btn_ok": ("OK", "OK"),
    "btn_yes": ("はい", "Yes"),
    "btn_no": ("いいえ", "No"),
    "error_title": ("エラー", "Error"),
    "notice_title": ("お知らせ", "Notice"),
    "internal_error": ("予期しないエラーが発生しました。作業内容は自動保存されています。\n詳細はログファイルに記録しました:\n{path}",
                       "An unexpected error occurred. Your work has been autosaved.\n"
                       "Details are in the log file:\n{path}"),
    "read_only": ("このファイルは上書きできないため、保存するときは「名前を付けて保存」を使います。",
                  "This file cannot be overwritten; use Save as to save your work."),
}


def ui(key: str, lang: str, **params: object) -> str:
    """The window text ``key`` in ``lang`` with ``params`` filled in."""
    ja, en = UI[key]
    template = en if lang == "en" else ja
    return string.Formatter().vformat(template, (), params) if params else template


def hours(value: float) -> str:
    """Hours for display: one decimal, thousands separators (25,497.7)."""
    return f"{value:,.1f}"


def percent(share: float) -> str:
    """A 0–1 share as a whole percentage (13 %)."""
    return f"{share * 100:.0f}%"
