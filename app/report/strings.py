"""Every fixed text of the printed action plan, Japanese first and English second.

Texts use ``str.format`` fields. Questionnaire labels (measures, choices, settings) come from the
questionnaire itself; only the report's own words live here.
"""

# ruff: noqa: E501 - one catalogue entry per line reads better than wrapped strings (as in app/domain/messages.py)
from __future__ import annotations

from app.domain.action_fields import DONE_DATE_LABEL, PLANNED_LABEL, REALISED_LABEL, STATUS_LABEL, pair
from app.domain.catalogue import Catalogue
from app.domain.questionnaire import DEFAULT_TEAM_NAME

TEXTS = Catalogue("report", {
    # --- document ---------------------------------------------------------------------------------
    "doc_title": ("業務改善 行動計画", "Improvement action plan"),
    "doc_subject": ("業務改善セルフチェックの結果と行動計画", "Kaizen Self-Check results and action plan"),
    "creator": ("業務改善セルフチェック {version}", "Kaizen Self-Check {version}"),
    "footer_page": ("{page} / {total}", "{page} / {total}"),
    "none_value": ("—", "—"),
    "undecided": ("（未定）", "(to decide)"),
    "hours": ("{value} 時間", "{value} h"),
    "hours_short": ("{value} h", "{value} h"),
    "cell_hours": ("{value} 時間", "{value} h"),
    "cell_yen": ("{value}円", "{value} yen"),
    "yen": ("{value} 円", "{value} yen"),
    "per_year": ("{value} 時間/年", "{value} h/year"),
    "percent": ("{value} %", "{value} %"),
    "count": ("{value} 件", "{value}"),
    "provisional": ("仮の値", "provisional"),
    "confirmed": ("確定", "confirmed"),
    # --- cover --------------------------------------------------------------------------------------
    "cover_lead": ("課内会議で決めた「誰が・何を・いつまでに」をまとめた計画です。壁に貼り、確認日に見直してください。",
                   "What the section meeting agreed: who does what by when. Pin it up and review it on the review date."),
    "cover_department": ("部署", "Department"),
    "cover_section": ("係", "Section"),
    "cover_date": ("実施日", "Date of the session"),
    "cover_participants": ("参加者", "Participants"),
    "cover_questionnaire": ("質問票", "Questionnaire"),
    "cover_questionnaire_value": ("{title}（id: {id}、版 {version}）", "{title} (id: {id}, version {version})"),
    "cover_method": ("時間の把握方法", "How hours were measured"),
    "cover_printed": ("作成日", "Printed on"),
    "cover_contents": ("この計画の内容", "Contents"),
    "blank_to_fill": ("未記入", "not filled in"),
    # --- section headings (in framework.md order) --------------------------------------------------
    "h_summary": ("1. 結果のまとめ", "1. Summary"),
    "h_charts": ("2. グラフで見る業務と改善策", "2. Charts"),
    "h_tasks": ("3. 業務一覧と改善効果", "3. Tasks and potential"),
    "h_actions": ("4. 行動計画", "4. Action plan"),
    "contents_page": ("{page} ページ", "page {page}"),
    "h_proposals": ("5. {team}への提案", "5. Proposals for the {team}"),
    "h_assumptions": ("6. 前提条件（計算に使った値）", "6. Assumptions (values used)"),
    "h_signoff": ("7. 次回の確認と確認欄", "7. Next review and sign-off"),
    # --- summary -----------------------------------------------------------------------------------
    "sum_inventory": ("棚卸しした業務", "Tasks inventoried"),
    "sum_inventory_value": ("{count} 件、年間 {hours} 時間", "{count} tasks, {hours} h a year"),
    "sum_focus": ("重点業務（時間の多い業務）", "Focus tasks (the heaviest)"),
    "sum_focus_value": ("{count} 件、年間 {hours} 時間（全体の {share} %）",
                        "{count} tasks, {hours} h a year ({share} % of all)"),
    "sum_potential": ("改善ポテンシャル", "Potential saving"),
    "sum_potential_value": ("年間 {hours} 時間（全体の {index} %）≒ 人件費換算 {yen} 円",
                            "{hours} h a year ({index} % of all) ≈ {yen} yen of staff time"),
    "sum_yen_note": ("人件費換算は職員の時間の金額で、予算の削減額ではありません。",
                     "The yen figure is the value of staff time, not a budget cut."),
    "sum_unit_cost": ("人件費単価 {cost} 円/時間（{flag}。前提条件のページを参照）",
                      "at {cost} yen per hour ({flag}; see the assumptions page)"),
    "sum_counts": ("改善策の4区分（図と同じ）", "Measures by quadrant (as in the chart)"),
    "sum_counts_value": ("すぐやる {quick} 件 ／ 計画的に {major} 件 ／ 余力で {fill} 件 ／ 見送り {not_now} 件"
                         "（うち{team}への提案 {proposals} 件）",
                         "quick win {quick} / major project {major} / fill-in {fill} / not now {not_now} "
                         "(of which {proposals} proposal(s) for the {team})"),
    "sum_first_value": ("{count} 件（すぐやるのうち、予算・他課との調整なしで3か月以内にできるもの。最大 {max} 件）",
                        "{count} (quick wins with no budget or coordination, within three months; at most {max})"),
    "sum_target": ("今年度の見込みと目標", "This year: expected and target"),
    "sum_year_value": ("計画 {planned} 時間（{end}までに期限のある課内の行動）× 実現率 {factor} % ＝ 見込み {expected} 時間",
                       "planned {planned} h (the section's actions due by {end}) × realisation {factor} % = expected {expected} h"),
    "sum_target_value": ("目標 {target} 時間に対し、見込み {expected} 時間（{progress} %）。改善策すべての効果は {potential} 時間です",
                         "target {target} h; expected {expected} h ({progress} %); all measures together {potential} h"),
    "sum_potential_all": ("改善策すべての効果は {potential} 時間です（複数年の計画と提案を含みます）",
                          "all measures together {potential} h (multi-year projects and proposals included)"),
    "sum_not_this_year": ("今年度の見込みに入らないもの: {items}（表「{section}」の下に一覧）",
                          "Not in this year's figure: {items} (listed under \"{section}\")"),
    "nty_proposal": ("提案 {n} 件", "{n} proposal(s)"),
    "nty_no_deadline": ("期限なし {n} 件", "{n} without a deadline"),
    "nty_later": ("来年度以降 {n} 件", "{n} due later"),
    "nty_no_action": ("行動計画なし {n} 件", "{n} not in the plan"),
    "nty_cancelled": ("中止 {n} 件", "{n} cancelled"),
    "sum_headcount": ("課の人員", "Section headcount"),
    "sum_headcount_value": ("{fte} 人（常勤換算）× {per_fte} 時間 ＝ 年 {capacity} 時間（棚卸しはその {share} %）",
                            "{fte} FTE × {per_fte} h = {capacity} h a year; the inventory is {share} % of it"),
    "sum_headcount_none": ("未入力です（手順1「基本情報」で常勤換算の人数を入力すると、棚卸しの漏れや過大を確認できます）",
                           "not given (enter the FTE in step 1 to check the inventory for gaps and over-estimates)"),
    "sum_year_no_date": ("実施日が未入力のため、今年度の見込みを計算できません（手順1「基本情報」で実施日を入力すると、その年度の3月31日までに期限のある行動で計算します）",
                         "No session date, so this year's expected hours cannot be worked out (enter it in step 1, basic information: actions due by 31 March of that fiscal year count)"),
    "sum_target_none": ("目標は未設定です（手順1「基本情報」で入力できます）",
                        "no target set (enter one in step 1, basic information)"),
    "sum_followup": ("振り返り（計画と実績）", "Follow-up (planned and realised)"),
    "sum_followup_value": ("計画 {planned} 時間 → 実績 {realised} 時間、できたこと {done} 件\n（振り返った {followed} 件の行動の合計。「{section}」の振り返りを参照）",
                           "planned {planned} h → realised {realised} h a year; {done} done\n(the {followed} followed-up actions; see the follow-up in \"{section}\")"),
    "qw_title": ("まずはこの3つから", "Start with these three"),
    "qw_title_n": ("まずはこの{n}つから", "Start with these {n}"),
    "qw_line": ("{measure} — {task}（年 {hours} 時間）", "{measure} — {task} ({hours} h a year)"),
    "qw_title_line": ("{title}", "{title}"),
    "qw_no_title": ("（何をするかが未記入です。手順5で書いてください）", "(what will be done is not written yet: step 5)"),
    "qw_first_step": ("最初の一歩: {text}", "First step: {text}"),
    "qw_done": ("　… 完了", " — done"),
    "qw_none": ("予算・他課との調整なしで3か月以内にできる改善策（すぐやる）は、まだありません。"
                "手順5で改善策ごとに取り組みやすさを回答するか、大きな改善策を小さく分けて、最初の一歩を決めましょう。",
                "No quick win yet (a measure the section can do within three months with no budget or coordination). "
                "Answer the ease questions for each measure in step 5, or split a big measure into a small first step."),
    "next_title": ("次に進めること（計画的に）", "Next: major projects to plan"),
    "next_intro": ("効果は大きいものの、予算・調整・準備が必要な改善策です。担当と期限を決め、段取りから始めます。",
                   "High impact, but they need budget, coordination or preparation: set an owner and a deadline and plan the first steps."),
    "next_more": ("ほか {n} 件は「{section}」にあります。", "{n} more in \"{section}\"."),
    "next_proposals": ("{team}への提案 {n} 件: 他課にまたがるため、相手の課と根拠とともに「{section}」にまとめています。",
                       "{n} proposal(s) for the {team} (they cross departments): see \"{section}\" for the other side and the evidence."),
    "done_title": ("できたこと", "What we achieved"),
    "done_more": ("ほか {n} 件は「{section}」の振り返りにあります。", "{n} more in the follow-up of \"{section}\"."),
    "done_line": ("{measure} — {task}（{date} 完了{hours}）", "{measure} — {task} (done {date}{hours})"),
    "done_hours": ("、年 {hours} 時間の削減", ", {hours} h a year saved"),
    "warnings_title": ("確認してほしいこと", "Please check"),
    "quality_title": ("データ品質: 計算から除いた値（{n} 件）", "Data quality: values left out of the figures ({n})"),
    "quality_intro": ("次の値は正しくないため、時間や効果の計算に含めていません。ファイルには入力のまま残っています。"
                      "値を直すと、次に作る計画書から計算に入ります。",
                      "These values are not valid, so the hours and savings above do not include them. They are kept in "
                      "the file as typed; once corrected, the next plan counts them."),
    "quality_task": ("業務", "Task"),
    "quality_field": ("項目", "Field"),
    "quality_value": ("入力された値", "Value as typed"),
    "quality_reason": ("理由", "Reason"),
    "quality_more": ("ほか {n} 件（すべてアプリの出力画面で確認できます）。", "{n} more (all are listed on the app's output step)."),
    # --- charts ------------------------------------------------------------------------------------
    "pareto_title": ("業務別の年間時間（パレート図）", "Annual hours by task (Pareto chart)"),
    "pareto_caption": ("棒: 業務ごとの年間時間（濃い棒が重点業務、番号は業務一覧のNo.）。折れ線: 累積の割合（右目盛り）。"
                       "点線: 重点業務の目安 {coverage} %。",
                       "Bars: annual hours per task (dark bars are focus tasks; numbers are the No. in the task table). "
                       "Line: cumulative share (right axis). Dotted line: the {coverage} % focus guide."),
    "pareto_rest": ("他{n}件", "{n} more"),
    "pareto_none": ("業務がまだ登録されていないため、グラフはありません。手順2「業務の棚卸し」で課の業務を1行ずつ入力してください。",
                    "No tasks yet, so no chart. Enter the section's tasks in step 2 (task inventory), one per row."),
    "axis_hours": ("時間/年", "h/year"),
    "axis_hours_month": ("時間/月", "h/month"),
    "axis_cumulative": ("累積", "cumulative"),
    "legend_focus": ("重点業務", "focus task"),
    "legend_other": ("その他の業務", "other task"),
    "matrix_title": ("効果と取り組みやすさ（改善策の4区分）", "Impact and ease (four quadrants)"),
    "matrix_caption": ("縦軸: その改善策だけで削減できる時間（単独、対数目盛り）、横軸: 取り組みやすさ（1〜5、5が最も容易）。"
                       "番号は下の一覧の改善策です。同じ業務の改善策は重なる分を引いて合計します（業務一覧の表）。",
                       "Vertical: hours the measure saves alone (log scale); horizontal: ease (1–5, 5 easiest). Numbers refer to the list below. "
                       "Measures on one task are added without their overlap (task table)."),
    "matrix_none": ("改善策がまだ選ばれていないため、図はありません。手順5「改善策の検討」で重点業務ごとに改善策を選び、取り組みやすさを回答してください。",
                    "No measures chosen yet, so no chart. Choose measures for each focus task in step 5 and answer the ease questions."),
    "matrix_unplotted": ("取り組みやすさが未回答の改善策 {n} 件は図に入っていません（手順5で回答すると表示されます）。",
                         "{n} measure(s) without ease answers are not plotted (answer them in step 5)."),
    "matrix_top": ("図と一覧は効果の大きい順に {shown} 件です。ほか {n} 件は業務一覧の表を参照してください。",
                   "The chart and the list show the {shown} largest savings; {n} more are in the task table."),
    "pareto_other": ("その他", "Other"),
    "pareto_other_count": ("{n}業務", "{n} tasks"),
    "pareto_more": ("棒は時間の多い {shown} 業務と、残り {n} 業務の合計 {hours} 時間（斜線の棒。グラフに収まらない分は二本線の印で省略）です。"
                    "全業務は業務一覧の表にあります。",
                    "Bars: the {shown} tasks with the most hours, and the other {n} tasks together, {hours} hours "
                    "(hatched; a double line marks where a bar too tall for the chart is cut). Every task is in the task table."),
    "axis_ease": ("取り組みやすさ", "Ease"),
    "axis_potential": ("削減時間/年", "Hours saved a year"),
    "radar_title": ("重点業務の困りごと（割合）", "Pain points of the focus tasks (share)"),
    "radar_caption": ("重点業務のうち、その困りごとがある業務の割合。目盛りは 0〜100 % で固定です。",
                      "Share of focus tasks with each pain point, on a fixed 0–100 % scale."),
    "radar_none": ("重点業務がまだないため、図はありません。手順3で重点業務を選び、手順4で困りごとを選んでください。",
                   "No focus tasks yet, so no chart. Pick focus tasks in step 3 and their pain points in step 4."),
    # --- quadrant flags (the quadrants, statuses and ECRS types are in app.domain.vocabulary) -------
    "premature": ("時期尚早", "premature"),
    "central": ("{team}へ", "to the {team}"),
    "review_flag": ("要確認", "to confirm"),
    "alone": ("単独\n{value} 時間", "alone {value} h"),  # the narrow Japanese column: break before the figure
    "peak_relief": ("繁忙期（{months}）の負担を減らす", "relieves the peak months ({months})"),
    "review_before": ("※期限より前", "* before the deadline"),
    "codes_legend": ("定型度 1 ほぼ毎回判断が必要 … 5 手順どおり ／ 媒体 1 すべて紙 … 5 すべて電子 ／ 適合度は自動化の改善策（{auto}）にだけ使います。"
                     "効果は同じ業務の先の改善策を引いた時間（順: 廃止・統合・入替・簡素化・手順書・ツール）で、かっこ内は単独の時間です。",
                     "Rules 1 judgement every time … 5 always by the procedure / Medium 1 all paper … 5 all electronic / "
                     "suitability applies to automation measures only ({auto}). Savings are after the earlier measures on the same task "
                     "(order: eliminate, combine, rearrange, simplify, manual, tools); alone in brackets."),
    "monthly_title": ("月別の業務量（繁忙期）", "Monthly load (peak months)"),
    "monthly_caption": ("棚卸しした年間時間を月に配分しました。繁忙期の月はほかの月の {weight} 倍として数えています（濃い棒が重点業務を含む繁忙期の月）。",
                        "The inventory's hours spread over the months, a peak month counting {weight} times another (dark bars: peak months of focus tasks)."),
    "nty_title": ("今年度の見込みに入れていない改善策", "Measures not in this year's figure"),
    "nty_intro": ("次の改善策の効果は、今年度の見込みには入っていません。", "The savings of these measures are not in this year's figure."),
    "reason_label_proposal": ("{team}への提案", "proposal for the {team}"),
    "reason_label_no_deadline": ("期限が未定", "no deadline"),
    "reason_label_later": ("期限が来年度以降", "due after this year"),
    "reason_label_no_action": ("行動計画に入っていない", "not in the plan"),
    "reason_label_cancelled": ("中止", "cancelled"),
    "col_reason_nty": ("入れていない理由", "Why not"),
    "col_alone": ("効果（単独・年間）", "Saving alone a year"),
    "col_other_side": ("相手の課・情報", "Other side and information"),
    # --- task table --------------------------------------------------------------------------------
    "tasks_intro": ("年間時間の多い順です。「重点」に●がある業務を分析しました。",
                    "Ordered by annual hours. Tasks marked ● in 'focus' were analysed."),
    "tasks_none": ("業務がまだ登録されていません。手順2「業務の棚卸し」で、課の業務を1行に1つずつ入力してください（Excelから貼り付けられます）。",
                   "No tasks yet. Enter the section's tasks in step 2 (task inventory), one per row (you can paste from Excel)."),
    "tasks_no_focus": ("重点業務が選ばれていません。手順3「重点業務の選定」で、時間の多い業務に印を付けてください。",
                       "No focus task is selected. Tick the heaviest tasks in step 3 (focus)."),
    "tasks_no_measures": ("改善策がまだ選ばれていません。手順5「改善策の検討」で、重点業務ごとに改善策を選んでください。",
                          "No measure has been chosen yet. Choose measures for each focus task in step 5."),
    "col_no": ("No.", "No."),
    "col_focus": ("重点", "Foc."),
    "col_task": ("業務名", "Task"),
    "col_hours": ("年間時間", "Hours/yr"),
    "col_rule": ("定型度", "Rules"),
    "col_medium": ("媒体", "Med."),
    "col_suitability": ("適合度", "Suit."),
    "col_measure": ("改善策", "Measure"),
    "col_ecrs": ("ECRS", "ECRS"),
    "col_potential": ("効果（年間）", "Saving a year"),
    "col_ease": ("容易度", "Ease"),
    "col_quadrant": ("区分", "Quadrant"),
    # --- action plan -------------------------------------------------------------------------------
    "actions_intro": ("会議で1行ずつ確認し、済んだら左の□に印を付けてください。",
                      "Go through each line at the meeting and tick the box when it is settled."),
    "actions_none": ("行動計画がまだありません。手順7「行動計画」で、すぐやる改善策から順に担当・期限・最初の一歩を決めてください。",
                     "No action plan yet. In step 7, start with the quick wins and decide owner, deadline and first step."),
    "actions_no_owner": ("担当者がまだ決まっていない行が {n} 件あります。会議で担当と期限を決め、この表に書き込んでください。",
                         "{n} line(s) have no owner yet. Decide owner and deadline at the meeting and write them in."),
    "col_check": ("確認", "OK"),
    "col_action": ("改善策", "Measure"),
    "col_target_task": ("対象業務", "Task"),
    "col_owner": ("担当", "Owner"),
    "col_deadline": ("期限", "Deadline"),
    "col_first_step": ("最初の一歩", "First step"),
    "col_kpi": ("KPI", "KPI"),
    "col_baseline_target": ("現状→目標", "Baseline→target"),
    "col_review": ("確認日", "Review"),
    "col_support": ("必要な支援", "Support needed"),
    "followup_title": ("振り返り（計画と実績）", "Follow-up (planned and realised)"),
    "followup_intro": ("計画した削減時間と、実際に削減できた時間です。計画は小さくなりがちなので、両方を記録します。",
                       "Planned and realised hours. Plans shrink in practice, so both are recorded."),
    "followup_none": ("振り返りはまだです。確認日に各行の状況（未着手・進行中・完了・中止）と削減できた時間を記録してください。",
                      "No follow-up yet. On the review date record each line's status and the hours actually saved."),
    "col_status": pair(STATUS_LABEL),
    "col_planned": pair(PLANNED_LABEL),
    "col_realised": pair(REALISED_LABEL),
    "col_done_date": pair(DONE_DATE_LABEL),
    "followup_total": ("合計", "Total"),
    # --- proposals ---------------------------------------------------------------------------------
    "proposals_contact": ("{team}の連絡先: {contact}", "Contact of the {team}: {contact}"),
    "proposals_intro": ("他課にまたがる課題です。課内だけで解決せず、相手の課と根拠とともに{team}に伝えてください。",
                        "Issues that cross departments. Do not solve them alone: pass them to the {team} with the other side and the evidence."),
    "proposals_none": ("{team}への提案はありません。他課と似た業務や様式、他課への照会がある場合は、手順4で該当する回答を選ぶと提案に載ります。",
                       "No proposals for the {team}. If other departments have similar work or forms, or you query them, "
                       "say so in step 4 and the proposal will appear here."),
    "col_evidence_hours": ("年間時間 → 効果", "Hours → saving"),
    "col_pains": ("困りごと", "Pain points"),
    "col_reason": ("{team}へ回す理由", "Why the {team}"),
    "other_side_unknown": ("相手の課は未記入（手順4で記入）", "other department not given (step 4)"),
    # --- assumptions -------------------------------------------------------------------------------
    "as_intro": ("この計画の数値は次の値から計算しました。「仮の値」は目安です。自分たちの実績がわかったら質問票ファイルの値を置き換えてください。",
                 "The figures in this plan were computed from these values. Provisional values are starting points: "
                 "replace them in the questionnaire file when you know your own figures."),
    "as_settings": ("設定値", "Settings"),
    "as_measures": ("改善策の削減率（この計画で使ったもの）", "Reduction rates of the measures used"),
    "as_measures_none": ("この計画ではまだ改善策を使っていません。削減率は質問票ファイルの measures に書かれています。",
                         "No measures are used in this plan yet; their rates are in the questionnaire file (measures)."),
    "as_bands": ("効果区分のしきい値", "Potential band thresholds"),
    "as_band_value": ("年 {hours} 時間以上", "{hours} h a year or more"),
    "as_quadrant_rule": ("4区分: 効果区分{band}以上かつ容易度{ease}以上＝すぐやる、効果区分{band}以上＝計画的に、容易度{ease}以上＝余力で、それ以外＝見送り。",
                         "Quadrants: band ≧ {band} and ease ≧ {ease} = quick win; band ≧ {band} = major project; "
                         "ease ≧ {ease} = fill-in; otherwise not now."),
    "as_col_item": ("項目", "Item"),
    "as_col_value": ("値", "Value"),
    "as_col_source": ("根拠・出典", "Source"),
    "as_col_status": ("区分", "Status"),
    "as_unit_cost": ("人件費単価", "Unit staff cost"),
    "as_unit_cost_text": ("金額は「削減時間 × {cost} 円/時間」で計算しています。{flag}この単価は質問票ファイル（{file}）の "
                          "settings.unit_cost_yen_per_hour で置き換えられます。",
                          "Yen figures are hours saved × {cost} yen per hour. {flag}Replace the unit cost in the "
                          "questionnaire file ({file}) at settings.unit_cost_yen_per_hour."),
    "as_unit_cost_flag": ("これは仮の値です。", "This is a provisional value. "),
    "as_method": ("時間の見積り方法", "How hours were estimated"),
    "as_method_text": ("年間時間 H ＝ 年間件数 × 1件あたりの分 ÷ 60 ＋ 件数によらない時間。把握方法: {method}。"
                       "効果 P ＝ H × 改善策で変わる作業の割合 × 削減率（自動化の改善策は × 適合度、適合の質問が「いいえ」なら × {fit} %）。"
                       "1つの業務に改善策が複数あるときは、廃止・統合・入替・簡素化・手順書・ツールの順に、先の改善策が残した時間に掛けます"
                       "（P_i ＝ 残りの時間 × 割合 × 削減率 × 適合度）。業務の合計は H ×（1 −（1 − 各改善策の率）の積）で、H を超えません。"
                       "効果区分と4区分は単独の効果で、合計は残りの時間に掛けた効果で数えます。",
                       "Annual hours H = cases × minutes per case ÷ 60 + fixed hours. Method: {method}. "
                       "Saving P = H × affected share × reduction rate (× suitability for automation, × {fit} % when a fit answer is No). "
                       "Several measures on one task apply one after another (eliminate, combine, rearrange, simplify, manual, tools), "
                       "each on the hours the earlier ones leave; a task's total is H × (1 − Π(1 − rate)) and never exceeds H. "
                       "Bands and quadrants use the stand-alone figure; totals use the shares."),
    "as_limits": ("自己見積りの限界", "Limits of self-estimates"),
    "as_limits_text": ("時間は職員の見積りで、実測ではありません。人は作業時間も改善の手間も少なく見積もりがちです。"
                       "ある自治体では、実際に削減できた時間は計画の約4割でした。数値は優先順位を決めるための目安として使い、"
                       "確認日に実績を記録して見直してください。",
                       "Hours are staff estimates, not measurements, and people tend to underestimate both work and effort. "
                       "One municipality realised about 40 % of the hours it planned. Use the figures to rank, "
                       "and record what actually happened on the review date."),
    "as_version": ("質問票の版", "Questionnaire version"),
    "as_version_text": ("{title}（id: {id}、版 {version}）。評価ファイルに記録されている版: {stamp}。",
                        "{title} (id: {id}, version {version}). Version stamped in the assessment file: {stamp}."),
    # --- sign-off ----------------------------------------------------------------------------------
    "next_review": ("次回の確認日", "Next review"),
    "next_review_text": ("{date} に、この計画の各行の状況と削減できた時間を確認します。",
                         "On {date} the meeting reviews each line's status and the hours saved."),
    "signoff_intro": ("課内会議でこの計画を確認しました。", "The section meeting reviewed this plan."),
    "signoff_who": ("確認者（職・氏名）", "Reviewed by (title, name)"),
    "signoff_date": ("日付", "Date"),
    "signoff_note": ("メモ", "Notes"),
})



def text(key: str, lang: str = "ja", /, **params: object) -> str:
    """The report text ``key`` in ``lang`` with ``params`` filled in; ``{team}`` defaults to the standard
    file's team name (the plan passes the questionnaire's own, settings.central_team_name)."""
    params.setdefault("team", DEFAULT_TEAM_NAME.get(lang))
    return TEXTS(key, lang, **params)
