"""The export tables: tasks, scored measures and actions of one assessment, and the ward-wide summary.

Each table is a title, headings and rows of plain cells, so the same data goes to .xlsx and .csv.
Choices are written as their labels (what staff read) and re-import through the same labels; hours
are rounded to 0.1 h and yen to 1 yen as everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.domain.action_fields import ACTION_ITEMS, DONE_DATE_LABEL, PLANNED_LABEL, REALISED_LABEL, STATUS_LABEL, pair
from app.domain.aggregate import WardSummary
from app.domain.assessment import Assessment
from app.domain.plan import action_title
from app.domain.questionnaire import Item, Questionnaire
from app.domain.results import AssessmentResult
from app.domain.values import round_half_up
from app.domain.vocabulary import group_kind_label, quadrant_label, status_label, yes_no
from app.exchange.reader import Cell


@dataclass(frozen=True)
class Table:
    """One sheet of an export."""

    title: str
    headers: list[str]
    rows: list[list[Cell]]


def _t(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _h(x: float | None) -> float | None:
    return None if x is None else round_half_up(x, 1)


def _pct(x: float | None) -> float | None:
    return None if x is None else round_half_up(x * 100, 1)


def cell_value(item: Item, value: Any, lang: str) -> Cell:
    """An answer as staff would type it: choice labels, はい/いいえ, numbers as numbers."""
    if value is None:
        return None
    if item.type == "likert":
        return value if isinstance(value, int) else str(value)
    if item.type == "select_one":
        c = item.choice(value)
        return c.label.get(lang) if c is not None else str(value)
    if item.type == "select_multiple" and isinstance(value, list):
        return "、".join(c.label.get(lang) if (c := item.choice(v)) is not None else str(v) for v in value)
    if item.type == "boolean" and isinstance(value, bool):
        return yes_no(value, lang)
    if isinstance(value, int | float | str) and not isinstance(value, bool):
        return value
    return str(value)


def tasks_table(q: Questionnaire, a: Assessment, r: AssessmentResult, lang: str = "ja") -> Table:
    """One row per task: every inventory column, then annual hours, focus, rank and the scores."""
    items = [i for i in q.items_of("task_grid") if i.is_input]
    pain_labels = {c.value: c.label.get(lang) for c in q.item(q.scoring.pain_points_item).choices}
    headers = [i.label.get(lang) for i in items] + [
        _t(x, lang) for x in (("年間時間（時間）", "Annual hours"), ("重点業務", "Focus"), ("順位", "Rank"),
                              ("適合度（%）", "Suitability (%)"), ("準備度（%）", "Readiness (%)"),
                              ("課題", "Pain points"))]
    rows: list[list[Cell]] = []
    for task, tr in zip(a.tasks, r.tasks, strict=True):
        pains = "、".join(str(pain_labels.get(p, p)) for p in tr.pains)
        rows.append([cell_value(i, task.answers.get(i.id), lang) for i in items] + [
            _h(tr.annual_hours), yes_no(tr.focus, lang), tr.rank, _pct(tr.suitability), _pct(tr.readiness),
            pains or None])
    return Table(_t(("業務一覧", "Tasks"), lang), headers, rows)


def measures_table(q: Questionnaire, a: Assessment, r: AssessmentResult, lang: str = "ja") -> Table:
    """One row per chosen measure with its potential, ease and quadrant."""
    headers = [_t(x, lang) for x in (
        ("業務名", "Task"), ("改善策", "Measure"), ("何をするか", "What will be done"), ("ECRS", "ECRS"),
        ("年間時間（時間）", "Annual hours"), ("影響割合（%）", "Affected share (%)"),
        ("削減率（%）", "Reduction rate (%)"),
        ("適合度（%）", "Suitability (%)"), ("ポテンシャル（時間）", "Potential (h)"),
        ("単独のポテンシャル（時間）", "Potential alone (h)"),
        ("ポテンシャル（人件費換算・円）", "Potential (yen of staff time)"), ("取り組みやすさ", "Ease"),
        ("区分", "Quadrant"),
        ("時期尚早", "Premature"), ("要確認", "To confirm"), (f"{q.team_name('ja')}への提案", "Proposal"))]
    rows: list[list[Cell]] = []
    names = {t.task_id: t.name for t in r.tasks}  # one lookup per row, not a search of every task
    for m in r.measures:
        rows.append([
            names[m.task_id], q.measure(m.measure_id).label.get(lang),
            action_title(q, a, m.task_id, m.measure_id) or None, m.ecrs, _h(m.annual_hours),
            _pct(m.affected_share), _pct(m.reduction_rate), _pct(m.suitability), _h(m.potential_hours),
            _h(m.standalone_hours), int(round_half_up(m.potential_yen)),
            None if m.ease is None else round_half_up(m.ease, 2),
            quadrant_label(m.quadrant, lang), yes_no(m.premature, lang),
            "；".join(n.get(lang) for n in m.notices) if m.review else None, yes_no(m.cross_department, lang)])
    return Table(_t(("改善策", "Measures"), lang), headers, rows)


def actions_table(q: Questionnaire, a: Assessment, r: AssessmentResult, lang: str = "ja") -> Table:
    """One row per action line: the plan and what happened (status, date done, planned vs realised hours)."""
    headers = [_t(x, lang) for x in (
        ("ID", "ID"), ("何をするか", "What will be done"), ("改善策", "Measure"), ("対象業務", "Task"),
        *(pair(item.label) for item in ACTION_ITEMS.values()),
        pair(STATUS_LABEL), pair(DONE_DATE_LABEL), pair(PLANNED_LABEL), pair(REALISED_LABEL), ("メモ", "Note"))]
    names = {t.id: t.name for t in a.tasks}
    scored = {(m.task_id, m.measure_id): m for m in r.measures}
    rows: list[list[Cell]] = []
    for x in a.actions:
        m = scored.get((x.task_id, x.measure_id))
        try:
            label = q.measure(x.measure_id).label.get(lang)
        except KeyError:
            label = x.measure_id
        rows.append([x.id, action_title(q, a, x.task_id, x.measure_id) or None, label, names.get(x.task_id, x.task_id),
                     *(getattr(x, name) for name in ACTION_ITEMS),
                     status_label(x.status, lang), x.done_date or None,
                     _h(m.potential_hours) if m is not None else None, _h(x.realised_hours), x.note or None])
    return Table(_t(("行動計画", "Action plan"), lang), headers, rows)


def assessment_tables(q: Questionnaire, a: Assessment, r: AssessmentResult, lang: str = "ja") -> list[Table]:
    """Tasks, measures and actions: the three sheets of an assessment's .xlsx export."""
    return [tasks_table(q, a, r, lang), measures_table(q, a, r, lang), actions_table(q, a, r, lang)]


def summary_tables(s: WardSummary, lang: str = "ja") -> list[Table]:
    """Departments (with a total line), department sums, pain points, grouped proposals, set-aside and skipped files."""
    dep_headers = [_t(x, lang) for x in (
        ("部署", "Department"), ("係", "Section"), ("実施日", "Session date"), ("年度", "Fiscal year"),
        ("ファイル", "File"), ("質問票の版", "Questionnaire version"),
        ("版の注意", "Version differs"), ("業務数", "Tasks"), ("棚卸し時間（時間）", "Inventoried hours"),
        ("重点業務の時間（時間）", "Focus hours"), ("ポテンシャル（時間）", "Potential (h)"),
        ("ポテンシャル（円）", "Potential (yen)"), ("行動計画の見込み（時間）", "Planned hours"),
        ("実績（時間）", "Realised hours"), ("行動数", "Actions"), ("完了", "Done"), ("すぐやる", "Quick wins"),
        ("すぐやる完了", "Quick wins done"), ("業務改善担当への提案", "Proposals"),
        ("確認時期の来た行動", "Actions due"), ("その見込み（時間）", "Their planned hours"),
        ("その実績（時間）", "Their realised hours"))]
    dep_rows: list[list[Cell]] = []
    for d in s.departments:
        dep_rows.append([d.department, d.section or None, d.session_date or None, d.fiscal_year, d.source,
                         f"{d.questionnaire_id} {d.file_version}",
                         yes_no(d.version_flag, lang), d.task_count, _h(d.inventory_hours), _h(d.focus_hours),
                         _h(d.potential_hours), int(round_half_up(d.potential_yen)), _h(d.planned_hours),
                         _h(d.realised_hours), d.action_count, d.done_count, d.quick_win_count, d.quick_wins_done,
                         d.proposal_count, d.due_count, _h(d.due_planned_hours), _h(d.due_realised_hours)])
    if s.departments:
        def tot(attr: str) -> float:
            return s.total(attr)
        dep_rows.append([_t(("全体", "All departments"), lang), None, None, None, None, None, None,
                         int(tot("task_count")),
                         _h(tot("inventory_hours")), _h(tot("focus_hours")), _h(tot("potential_hours")),
                         int(round_half_up(tot("potential_yen"))), _h(tot("planned_hours")),
                         _h(tot("realised_hours")), int(tot("action_count")), int(tot("done_count")),
                         int(tot("quick_win_count")), int(tot("quick_wins_done")), int(tot("proposal_count")),
                         int(tot("due_count")), _h(tot("due_planned_hours")), _h(tot("due_realised_hours"))])
    pains = Table(_t(("共通の課題", "Common pain points"), lang),
                  [_t(x, lang) for x in (("課題", "Pain point"), ("部署数", "Departments"), ("部署", "Which"),
                                         ("重点業務数", "Focus tasks"), ("時間（時間）", "Hours"))],
                  [[p.label.get(lang), len(p.departments), "、".join(p.departments), p.task_count, _h(p.hours)]
                   for p in s.pains])
    group_rows: list[list[Cell]] = []
    for g in s.groups:
        for e in g.entries:
            group_rows.append([group_kind_label(g.kind, lang), g.label.get(lang), len(g.departments),
                               e.department, e.task_name, e.measure_label.get(lang), _h(e.annual_hours),
                               _h(e.potential_hours)])
    groups = Table(_t(("全庁的な提案", "Grouped proposals"), lang),
                   [_t(x, lang) for x in (
                       ("まとめ方", "Grouped by"), ("共通点", "Shared"), ("部署数", "Departments"),
                       ("部署", "Department"), ("業務名", "Task"), ("改善策", "Measure"),
                       ("年間時間（時間）", "Annual hours"), ("ポテンシャル（時間）", "Potential (h)"))],
                   group_rows)
    skipped = Table(_t(("読めなかったファイル", "Skipped files"), lang),
                    [_t(x, lang) for x in (("ファイル", "File"), ("コード", "Code"), ("理由", "Reason"))],
                    [[p.path, p.code, p.message(lang)] for p in s.skipped])
    from app.exchange.spread_tables import calibration_table, procurement_table

    return [Table(_t(("部署別", "Departments"), lang), dep_headers, dep_rows), _by_department(s, lang), pains,
            groups, procurement_table(s, lang), calibration_table(s, lang), _set_aside(s, lang), skipped]


def _by_department(s: WardSummary, lang: str) -> Table:
    """Each department's sections summed: one line per department."""
    heads = [_t(x, lang) for x in (
        ("部署", "Department"), ("係の数", "Sections"), ("係", "Which sections"), ("業務数", "Tasks"),
        ("棚卸し時間（時間）", "Inventoried hours"), ("ポテンシャル（時間）", "Potential (h)"),
        ("ポテンシャル（円）", "Potential (yen)"), ("行動計画の見込み（時間）", "Planned hours"),
        ("実績（時間）", "Realised hours"), ("行動数", "Actions"), ("完了", "Done"))]
    rows: list[list[Cell]] = [
        [d.department, len(d.sections), "、".join(x.section for x in d.sections if x.section) or None,
         int(d.total("task_count")), _h(d.total("inventory_hours")), _h(d.total("potential_hours")),
         int(round_half_up(d.total("potential_yen"))), _h(d.total("planned_hours")), _h(d.total("realised_hours")),
         int(d.total("action_count")), int(d.total("done_count"))] for d in s.by_department()]
    return Table(_t(("部署（課）別の計", "By department"), lang), heads, rows)


def _set_aside(s: WardSummary, lang: str) -> Table:
    """Files left out because a newer file of the same section and fiscal year counts."""
    reasons = {"older_session": ("実施日が古い", "older session"), "older_copy": ("同じ実施日の古い保存", "older copy")}
    heads = [_t(x, lang) for x in (("ファイル", "File"), ("部署", "Department"), ("係", "Section"),
                                   ("年度", "Fiscal year"), ("理由", "Reason"),
                                   ("集計したファイル", "Counted instead"))]
    rows: list[list[Cell]] = [[x.name, x.department, x.section or None, x.fiscal_year, _t(reasons[x.reason], lang),
                               x.kept] for x in s.set_aside]
    return Table(_t(("集計から外したファイル", "Set aside"), lang), heads, rows)
