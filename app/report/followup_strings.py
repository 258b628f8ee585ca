# ruff: noqa: E501  (one catalogue entry per line reads better than wrapped strings, as in messages.py)
"""Fixed texts of the success-story sheet and the ward-wide summary, Japanese first and English second."""

from __future__ import annotations

import datetime as dt
import string

TEXTS: dict[str, tuple[str, str]] = {
    # --- success-story sheet (改善事例シート) ----------------------------------------------------------
    "story_kicker": ("業務改善レポート　改善事例", "Improvement newsletter — success story"),
    "story_subject": ("業務改善の改善事例シート", "Improvement success story"),
    "story_saved": ("削減できた時間", "Hours saved"),
    "story_saved_value": ("年 {value} 時間", "{value} h a year"),
    "story_saved_yen": ("人件費に換算して 約 {value} 円/年", "about {value} yen a year in staff time"),
    "story_photo": ("（写真・新しい様式などを貼る欄）", "(paste a photo or the new form here)"),
    "story_planned": ("計画時の見込み", "Planned"),
    "story_done": ("完了日", "Done on"),
    "story_before": ("改善前", "Before"),
    "story_after": ("改善後", "After"),
    "story_what": ("取り組んだこと", "What we did"),
    "story_kpi": ("指標（KPI）: {kpi}　{baseline} → {target}", "KPI: {kpi}　{baseline} → {target}"),
    "story_voice": ("職員の声", "From the staff"),
    "story_tips": ("ほかの課へのヒント", "Tips for other sections"),
    "story_task": ("対象業務: {task}（年 {hours} 時間）", "Task: {task} ({hours} h a year)"),
    "story_owner": ("担当: {owner}", "Owner: {owner}"),
    "story_blank": ("（未記入）", "(not filled in)"),
    "story_history": ("経過", "History"),
    "story_footer": ("業務改善セルフチェックで作成　{date}", "Made with Kaizen Self-Check　{date}"),
    "story_estimate": ("時間は担当課が振り返りで記録した見積りです。金額は質問票の単価（仮の値）による換算です。",
                       "Hours are the section's own estimate at follow-up; yen use the questionnaire's (provisional) unit cost."),
    # --- ward-wide summary ---------------------------------------------------------------------------
    "sum_title": ("全庁 業務改善サマリー", "Ward-wide improvement summary"),
    "sum_subject": ("各課の業務改善セルフチェックの集計", "Summary of the departments' Kaizen Self-Checks"),
    "sum_lead": ("{departments}部署（{count}ファイル、係ごと）の評価ファイルを集計しました（作成日 {date}）。",
                 "Summary of {departments} departments ({count} files, one per section) (printed {date})."),
    "sum_inventory": ("棚卸しした時間（時間/年）", "Hours inventoried (h/year)"),
    "sum_potential": ("改善ポテンシャル（時間/年）", "Improvement potential (h/year)"),
    "sum_planned": ("行動計画の見込み（時間/年）", "Planned in action plans (h/year)"),
    "sum_realised": ("実績・削減できた時間（時間/年）", "Realised, hours saved (h/year)"),
    "sum_quick": ("すぐやる施策の完了", "Quick wins done"),
    "sum_quick_value": ("{done} / {total} 件", "{done} of {total}"),
    "sum_hours": ("{value} 時間", "{value} h"),
    "sum_share": ("確認時期の来た{count}件で見込みの {value} %", "{value} % of planned, over the {count} actions due"),
    "sum_share_none": ("確認時期の来た行動はまだありません", "No action is due for review yet"),
    "sum_yen": ("{value} 円（人件費換算）", "{value} yen in staff time"),
    "sum_department_total": ("{department} 計（{count}係）", "{department} total ({count} sections)"),
    "sum_chart_rest": ("ほか{count}部署", "{count} others"),
    "sum_chart_rest_note": ("（合計。全部署は上の表と CSV・XLSX に）", "(sum; every department is in the table and the exports)"),
    "sum_more_names": ("ほか{count}部署", " and {count} more"),
    "sum_group_more": ("ほか {count} 件（XLSX に全件）", "{count} more (all in the XLSX)"),
    "sum_groups_overlap": ("一つの提案が業務区分・課題・施策の複数のまとまりに入るため、まとまりごとの時間は足し合わせられません。重複を除いた合計: 提案{count}件、ポテンシャル 年 {hours} 時間。",
                           "One proposal can sit in several groups (category, pain point, measure), so the groups' hours do not add up. Without overlaps: {count} proposals, {hours} h a year."),
    "sum_set_aside": ("集計から外したファイル（同じ部署・係・年度の新しいファイルを数えています）",
                      "Files set aside (a newer file of the same department, section and year is counted)"),
    "sum_aside_older_session": ("{name}: 実施日がより新しい {kept} を集計しました", "{name}: {kept} has a newer session date"),
    "sum_aside_older_copy": ("{name}: 同じ実施日で後に保存された {kept} を集計しました", "{name}: {kept} is the same session, saved later"),
    "col_session": ("実施日", "Session"),
    "sum_departments": ("部署別の状況", "By department"),
    "sum_chart": ("部署別 ポテンシャルと実績（時間/年）", "Potential and realised hours by department (h/year)"),
    "sum_chart_potential": ("ポテンシャル", "Potential"),
    "sum_chart_realised": ("実績", "Realised"),
    "sum_pains": ("多くの部署に共通する課題", "Pain points shared by many departments"),
    "sum_pains_note": ("重点業務で挙がった課題を、挙げた部署の数の順に並べています。",
                       "Pain points named for focus tasks, by number of departments."),
    "sum_groups": ("全庁的な取組みの候補（中央チームへの提案のまとめ）", "Office-wide candidates (proposals grouped)"),
    "sum_groups_note": ("複数の部署が同じ業務区分・同じ課題・同じ施策で中央チームへの提案を挙げています。部分最適ではなく全体最適で進める根拠です。",
                        "Several departments raised central-team proposals for the same category, pain point or measure: the evidence for office-wide work."),
    "sum_groups_none": ("複数の部署に共通する提案はまだありません。", "No proposal is shared by several departments yet."),
    "sum_group_head": ("{traits}（{count}部署、ポテンシャル計 年 {hours} 時間）",
                       "{traits} ({count} departments, potential {hours} h/year)"),
    "sum_notes": ("注意事項", "Notes"),
    "sum_version_flag": ("※ 質問票の版が他と異なります", "* questionnaire version differs"),
    "sum_skipped": ("読み込めなかったファイル（集計から除外）", "Files that could not be read (left out)"),
    "sum_assumptions": ("時間は各課の見積り（推定）です。ポテンシャルは施策の仮の削減率による目安で、実績は各課が振り返りで記録した時間です。金額は {unit} 円/時間で換算しています（質問票の設定値）。",
                        "Hours are the departments' estimates. Potential uses the measures' provisional reduction rates; realised hours are what departments recorded at follow-up. Yen at {unit} yen/h (questionnaire setting)."),
    "sum_total": ("全体", "All"),
    "col_department": ("部署", "Department"),
    "col_tasks": ("業務数", "Tasks"),
    "col_inventory": ("棚卸し時間", "Inventoried"),
    "col_potential": ("ポテンシャル", "Potential"),
    "col_planned": ("見込み", "Planned"),
    "col_realised": ("実績", "Realised"),
    "col_actions": ("完了 / 行動", "Done / actions"),
    "col_quick": ("すぐやる完了", "Quick wins done"),
    "col_proposals": ("提案", "Proposals"),
    "col_version": ("質問票の版", "Version"),
    "col_pain": ("課題", "Pain point"),
    "col_dept_count": ("部署数", "Depts"),
    "col_which": ("部署", "Departments"),
    "col_focus_tasks": ("重点業務数", "Focus tasks"),
    "col_hours": ("時間/年", "h/year"),
    "col_task": ("業務", "Task"),
    "col_measure": ("施策", "Measure"),
    "kind_category": ("同じ業務区分", "Same category"),
    "kind_pain": ("同じ課題", "Same pain point"),
    "kind_measure": ("同じ施策", "Same measure"),
    "page": ("{page} / {total}", "{page} / {total}"),
}


class _Defaulting(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def text(key: str, lang: str = "ja", **params: object) -> str:
    """The text ``key`` in ``lang`` with ``params`` filled in."""
    ja, en = TEXTS[key]
    return string.Formatter().vformat(en if lang == "en" and en else ja, (), _Defaulting(params))


def date_text(value: str | dt.date | None) -> str:
    """A date as 2027/1/10, the form the plan prints (unparsable text is returned as typed)."""
    from app.domain.values import parse_date

    if value is None or value == "":
        return ""
    day = value if isinstance(value, dt.date) else parse_date(value)
    return f"{day.year}/{day.month}/{day.day}" if day is not None else str(value)


def fixed(value: float, digits: int = 1) -> str:
    """``1,234.0`` — always ``digits`` decimals, so a right-aligned column lines up on the point."""
    from app.domain.values import round_half_up

    return f"{round_half_up(value, digits):,.{digits}f}"


def number(value: float, digits: int = 1) -> str:
    """``1,234.5`` — half-up rounding, thousands separators, no ``.0`` noise for whole hours."""
    from app.domain.values import round_half_up

    v = round_half_up(value, digits)
    return f"{v:,.0f}" if v == int(v) else f"{v:,.{digits}f}"
