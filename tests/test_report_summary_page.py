"""The summary page (「1. 結果のまとめ」): quick wins, the next major projects, proposals and the follow-up line."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import service
from app.domain.assessment import Assessment
from app.domain.questionnaire import Questionnaire
from app.report.context import PlanContext
from app.report.fonts import register_fonts
from app.report.sections_front import DONE_MAX, NEXT_MAX, major_projects
from app.report.strings import text
from tests.helpers import EXAMPLE
from tests.report_support import FIXED, page_texts, render, squash

HOKEN = EXAMPLE.with_name("example_hoken.kaizen.json")
KOSODATE = EXAMPLE.with_name("example_kosodate.kaizen.json")


def _ctx(q: Questionnaire, a: Assessment, lang: str = "ja") -> PlanContext:
    return PlanContext(q, a, service.score(q, a), lang, FIXED, register_fonts())


def _summary_page(q: Questionnaire, a: Assessment, lang: str = "ja") -> str:
    """The squashed text of page 2, after checking that the summary fits it (page 3 opens the charts)."""
    pages = page_texts(render(q, a, lang))
    assert squash(text("h_summary", lang)) in squash(pages[1])
    assert squash(pages[2]).startswith(squash(text("h_charts", lang))), "the summary spilled onto a second page"
    return squash(pages[1])


def _hours(value: float) -> str:
    return PlanContext.hours(value)


@pytest.mark.parametrize("path", [EXAMPLE, HOKEN, KOSODATE], ids=lambda p: p.name.split(".")[0])
def test_summary_names_the_top_major_projects_with_hours_and_points_to_the_proposals(path: Path) -> None:
    opened = service.open_assessment(path)
    q, a = opened.questionnaire, opened.assessment
    ctx = _ctx(q, a)
    majors = major_projects(ctx)
    assert majors, "every example department has major projects"
    page = _summary_page(q, a)
    assert squash(text("next_title")) in page
    # Highest potential first, exactly the section's own major projects (proposals are counted apart).
    # ranked by what each would save alone (the idea), the figure beside it is its share after the others
    assert [m.standalone_hours for m in majors] == sorted((m.standalone_hours for m in majors), reverse=True)
    assert all(m.quadrant == "major_project" and not m.cross_department for m in majors)
    assert len(majors) == ctx.result.totals.major_project_count
    for n, m in enumerate(majors[:NEXT_MAX], 1):
        line = text("qw_line", measure=ctx.measure_label(m.measure_id), task=ctx.task_name(m.task_id),
                    hours=_hours(m.potential_hours))
        title = ctx.title(m.task_id, m.measure_id)
        assert title, "every example measure says what will be done"
        assert squash(f"{n}.{title}{line}") in page, line
    if len(majors) > NEXT_MAX:
        assert squash(text("next_more", n=len(majors) - NEXT_MAX, section=text("h_tasks"))) in page
    n_props = len(ctx.result.proposals)
    assert n_props
    assert squash(text("next_proposals", n=n_props, section=text("h_proposals"))) in page


def test_summary_of_a_followed_up_plan_shows_planned_against_realised() -> None:
    opened = service.open_assessment(HOKEN)
    q, a = opened.questionnaire, opened.assessment
    followed = [x for x in a.actions if x.status != "not_started" or x.realised_hours is not None or x.history]
    done = [x for x in followed if x.status == "done"]
    assert done and any(x.realised_hours for x in done)
    result = service.score(q, a)
    planned = sum(m.potential_hours for x in followed if (m := result.measure(x.task_id, x.measure_id)))
    realised = sum(x.realised_hours or 0.0 for x in followed if x.status != "cancelled")
    assert realised == pytest.approx(result.totals.realised_hours)
    page = _summary_page(q, a)
    assert squash(text("sum_followup")) in page
    expected = f"計画{_hours(planned)}時間→実績{_hours(realised)}時間、できたこと{len(done)}件"
    assert expected in page
    assert f"振り返った{len(followed)}件" in page
    # The same totals close the follow-up table, so the reader can trace the summary line.
    body = squash("".join(page_texts(render(q, a))))
    assert f"{squash(text('followup_total'))}{_hours(planned)}{_hours(realised)}" in body


def test_english_follow_up_line() -> None:
    opened = service.open_assessment(KOSODATE)
    page = _summary_page(opened.questionnaire, opened.assessment, "en")
    assert squash(text("sum_followup", "en")) in page
    assert "realised90.0h" in page


def test_summary_without_follow_up_has_no_follow_up_line() -> None:
    opened = service.open_assessment(EXAMPLE)
    a = opened.assessment
    assert all(x.status == "not_started" and x.realised_hours is None and not x.history for x in a.actions)
    page = _summary_page(opened.questionnaire, a)
    assert squash(text("sum_followup")) not in page
    assert squash(text("done_title")) not in page


def test_many_achievements_keep_the_summary_on_one_page() -> None:
    opened = service.open_assessment(EXAMPLE)
    q, a = opened.questionnaire, opened.assessment
    for n, x in enumerate(a.actions):
        x.status, x.done_date, x.realised_hours = "done", "2027-01-15", 10.0 + n
    assert len(a.actions) > DONE_MAX
    page = _summary_page(q, a)
    assert squash(text("done_more", n=len(a.actions) - DONE_MAX, section=text("h_actions"))) in page
    realised = sum(10.0 + n for n in range(len(a.actions)))
    assert f"実績{_hours(realised)}時間、できたこと{len(a.actions)}件" in page


def test_no_major_project_and_no_proposal_leaves_out_the_next_steps_box() -> None:
    opened = service.open_assessment(EXAMPLE)
    q, a = opened.questionnaire, opened.assessment
    result = service.score(q, a)
    for m in result.measures:
        if m.quadrant == "major_project" or m.cross_department:
            a.measures[m.task_id][m.measure_id].chosen = False
    page = _summary_page(q, a)
    assert squash(text("next_title")) not in page
    assert squash(text("qw_title")) in page


def test_the_target_is_rounded_as_the_command_line_and_the_window_round_it() -> None:
    from app.cli import _hours as cli_hours
    from app.gui.formats import hours as window_hours

    opened = service.open_assessment(EXAMPLE)
    target = service.score(opened.questionnaire, opened.assessment).totals.target_hours
    assert target, "the example department sets a target"
    assert cli_hours(target, False) == f"{window_hours(target)} 時間"
    assert squash(f"目標 {window_hours(target)} 時間") in _summary_page(opened.questionnaire, opened.assessment)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_plan_without_a_session_date_or_quick_wins_says_so_in_words(lang: str) -> None:
    # an imported inventory before step 1 is filled in: the page said 「計画 0.0 時間（—までに期限のある課内の行動）」
    # and 「まずはこの0つから」, a zero a 課長 would read as a result
    q = service.get_questionnaire()
    a = service.new_assessment(q, {"department": "区民課"})
    a.add_tasks([{"name": "窓口受付", "annual_cases": 12000, "minutes_per_case": 10}])
    assert service.score(q, a).totals.fiscal_year_end == ""
    page = _summary_page(q, a, lang)
    assert squash(text("sum_year_no_date", lang)) in page
    assert squash(text("qw_title", lang)) in page
    assert "—までに" not in page and "この0つ" not in page and "by —" not in page
