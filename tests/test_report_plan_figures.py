"""The printed plan answers the 課長's questions: what will be done, how many hours this year, who must agree."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from app import service
from app.domain.values import wareki
from app.report.formats import date_text
from tests.helpers import EXAMPLE
from tests.report_support import page_texts, render, squash


@pytest.fixture(scope="module")
def example() -> service.Opened:
    return service.open_assessment(EXAMPLE)


@pytest.fixture(scope="module")
def pages(example: service.Opened) -> list[str]:
    return [squash(p) for p in page_texts(render(example.questionnaire, example.assessment))]


def test_summary_counts_agree_with_the_matrix_and_say_what_this_year_brings(example: service.Opened,
                                                                             pages: list[str]) -> None:
    r = service.score(example.questionnaire, example.assessment)
    t, c = r.totals, r.totals.quadrant_counts
    summary = pages[1]
    assert squash(f"すぐやる {c['quick_win']} 件 ／ 計画的に {c['major_project']} 件 ／ 余力で {c['fill_in']} 件"
                  f" ／ 見送り {c['not_now']} 件（うち業務改善担当への提案 {t.proposal_count} 件）") in summary
    assert c["quick_win"] == 5 and t.quick_win_count == 3
    assert squash("3 件（すぐやるのうち") in summary
    assert squash("計画 1,600.5 時間（令和9年3月31日までに期限のある課内の行動）"
                  "× 実現率 40 % ＝ 見込み 640.2 時間") in summary
    assert squash("目標 1,500.0 時間に対し、見込み 640.2 時間（43 %）") in summary
    assert squash("提案 2 件、期限なし 3 件、来年度以降 2 件") in summary
    assert "人件費換算" in summary and "予算の削減額ではありません" in summary
    assert squash("13.5 人（常勤換算）× 1,900 時間 ＝ 年 25,650 時間") in summary


def test_every_quick_win_says_first_what_will_be_done(example: service.Opened, pages: list[str]) -> None:
    summary = pages[1]
    box = summary[summary.index("まずはこの3つから1."):]
    for n, title in enumerate(("申請書控えの二重保管をやめる", "カード交付を予約制に一本化し、夜間・土曜に枠を移す",
                               "転入届の記入例を見直し、本籍の再記入など不要な欄を削る"), 1):
        assert f"{n}.{squash(title)}" in box  # the numbered line starts with the title
    assert box.index("申請書控えの二重保管をやめる") < box.index("廃止—住民票の写し等の交付（窓口）")


def test_the_contents_list_gives_each_section_its_page(example: service.Opened, pages: list[str]) -> None:
    cover = page_texts(render(example.questionnaire, example.assessment))[0]
    numbers = [int(n) for n in re.findall(r"^(\d+) ページ$", cover, re.M)]  # drawn once the plan is laid out
    assert len(numbers) == 7 and numbers[0] == 2 and numbers == sorted(numbers)
    for section, page in enumerate(numbers, 1):
        assert re.search(rf"(^|[^0-9]){section}\.", pages[page - 1]), (section, page)


def test_the_action_table_names_the_peak_months_and_what_to_confirm(pages: list[str]) -> None:
    text = "".join(pages)
    assert squash("繁忙期（3月・4月）の負担を減らす") in text
    assert squash("要確認: 法令上オンラインで受け付けられるか確認が必要です") in text
    assert squash("今年度の見込みに入れていない改善策") in text


def test_proposals_name_the_other_side_and_the_kind_of_reason(pages: list[str]) -> None:
    text = "".join(pages)
    assert "保険年金課" in text and squash("同じような様式・業務が複数の課にある") in text
    assert squash("他の課にデータを求めている") in text and squash("住民の住所・世帯の異動情報") in text


@pytest.mark.parametrize(("day", "expected"), [
    (dt.date(2026, 12, 1), "令和8年12月1日"), (dt.date(2019, 5, 1), "令和元年5月1日"),
    (dt.date(2019, 4, 30), "平成31年4月30日"), (dt.date(1989, 1, 8), "平成元年1月8日"),
])
def test_wareki(day: dt.date, expected: str) -> None:
    assert wareki(day) == expected
    assert date_text(day.isoformat(), "wareki") == expected
    assert date_text(day.isoformat()) == f"{day.year}/{day.month}/{day.day}"


def test_english_plans_print_western_dates(example: service.Opened) -> None:
    cover = squash(page_texts(render(example.questionnaire, example.assessment, "en"))[0])
    assert "2026/10/15" in cover and "令和" not in cover
