"""The results step's quick-win list says what will be done (何をするか) first, as the PDF's 「まずはこの3つから」."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.gui


def results_page(wizard: Any) -> Any:
    from app import service

    wizard.doc.open_path(service.example_assessment_path(), confirmed=True)
    step = next(i for i, s in enumerate(wizard.q.steps) if s.kind == "results")
    wizard.go(step)
    wizard.root.update()
    return wizard.pages[step]


def test_quick_wins_show_the_action_title_first(wizard: Any) -> None:
    from app.domain.plan import action_title

    page = results_page(wizard)
    wins = wizard.result().quick_wins
    assert wins
    rows = [text for text, _figure in page.lists.texts()]
    for n, m in enumerate(wins, start=1):
        title = action_title(wizard.q, wizard.a, m.task_id, m.measure_id)
        assert title, "the example answers 何をするか for its quick wins"
        row = next(r for r in rows if r.startswith(f"{n}. "))
        first, second = row.split("\n", 1)
        assert first == f"{n}. {title}"
        assert wizard.q.measure(m.measure_id).label.get("ja") in second
        assert wizard.result().task(m.task_id).name in second


def test_a_quick_win_without_a_title_says_so(wizard: Any) -> None:
    from app.gui.strings import ui

    page = results_page(wizard)
    m = wizard.result().quick_wins[0]
    item = wizard.q.scoring.action_title_item
    wizard.a.measures[m.task_id][m.measure_id].answers[item] = ""
    wizard.changed()
    page.refresh()
    wizard.root.update()
    rows = [text for text, _figure in page.lists.texts()]
    assert any(r.startswith(f"1. {ui('res_no_title', 'ja')}\n") for r in rows)


@pytest.mark.parametrize("size", [100, 150])
def test_the_quadrant_names_stay_inside_their_quadrants_in_english(wizard: Any, size: int) -> None:
    """「Quick win」 ran past the narrow right-hand quadrants (into the plot's edge) in English at 150 %."""
    from app.domain.vocabulary import quadrant_label

    page = results_page(wizard)
    root = wizard.root
    wizard.set_lang("en")
    wizard.set_scale(size)
    try:
        root.update()
        page.draw()
        canvas = page.canvas
        names = {quadrant_label(key, "en"): key for key in ("quick_win", "major_project", "fill_in", "not_now")}
        boxes = {}
        for item in canvas.find_all():
            if canvas.type(item) == "text":
                text = " ".join(canvas.itemcget(item, "text").split())  # its lines, when it takes two
                if text in names:
                    boxes[names[text]] = canvas.bbox(item)
        rectangles = [canvas.coords(i) for i in canvas.find_all() if canvas.type(i) == "rectangle"]
        assert set(boxes) == {"quick_win", "major_project", "fill_in", "not_now"}
        for key, (left, _top, right, _bottom) in boxes.items():
            x0, _y0, x1, _y1 = next(r for r in rectangles if r[0] <= (left + right) / 2 <= r[2])
            assert x0 <= left and right <= x1, (key, size, left, right, x0, x1)
        # and no point sits under a name (the second line of 「Quick win」 covered point 1)
        for oval in (i for i in canvas.find_all() if canvas.type(i) == "oval"):
            a = canvas.bbox(oval)
            for key, b in boxes.items():
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (key, size, a, b)
    finally:
        wizard.set_scale(100)
        wizard.set_lang("ja")


@pytest.mark.parametrize(("lang", "size"), [("ja", 100), ("en", 150), ("ja", "meeting")])
def test_every_point_sits_in_the_quadrant_the_plan_puts_its_measure_in(wizard: Any, lang: str,
                                                                       size: int | str) -> None:
    """Points that overlapped were fanned out sideways and crossed the ease line: at 150 % in English point 9
    (ease 3.8, 計画的に) was drawn inside すぐやる. Each point is now kept inside its measure's own quadrant."""
    page = results_page(wizard)
    root = wizard.root
    wizard.set_lang(lang)
    if size == "meeting":
        wizard.meeting.set_meeting(True)
    else:
        wizard.set_scale(int(size))
    try:
        root.update()
        page.draw()
        canvas = page.canvas
        areas = {key: canvas.coords(canvas.find_withtag(f"area_{key}")[0])
                 for key in ("quick_win", "major_project", "fill_in", "not_now")}
        points = 0
        for item in canvas.find_withtag("point"):
            tags = canvas.gettags(item)
            key = next(t for t in tags if t.startswith("point_in_")).removeprefix("point_in_")
            x0, y0, x1, y1 = canvas.coords(item)
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            a0, b0, a1, b1 = areas[key]
            assert a0 <= cx <= a1 and b0 <= cy <= b1, (key, (cx, cy), areas[key])
            points += 1
        assert points == len(page.measures) > 5
        # the tags name each measure's quadrant as the plan does
        assert sorted(canvas.gettags(i)[1] for i in canvas.find_withtag("point")) == sorted(
            f"point_in_{m.quadrant}" for m in page.measures)
    finally:
        wizard.meeting.set_meeting(False)
        wizard.set_scale(100)
        wizard.set_lang("ja")


def test_without_a_session_date_or_quick_wins_the_summary_says_so(wizard: Any) -> None:
    # 「まずはこの0つから」 and 「今年度: 計画 0.0 時間 …」 read as results when step 1 was not filled in
    from app.gui.strings import ui

    page = results_page(wizard)
    wizard.a.info.pop("session_date", None)
    for choices in wizard.a.measures.values():
        choices.clear()
    wizard.changed()
    page.refresh()
    wizard.root.update()
    assert wizard.result().totals.quick_win_count == 0
    summary = page._summary
    assert ui("res_year_no_date", "ja", target="1,500.0") in summary
    assert "この0つ" not in summary and "まずはこの3つから: まだありません" in summary


@pytest.mark.parametrize(("lang", "size"), [("ja", 100), ("en", 150), ("ja", "meeting")])
def test_no_point_is_drawn_over_a_quick_win(wizard: Any, lang: str, size: int | str) -> None:
    """A full すぐやる quadrant lets its last points overlap: at 150 % in English point 12 was drawn over point 1,
    the first of 「まずはこの3つから」, and hid its number. The quick wins are drawn on top."""
    page = results_page(wizard)
    root = wizard.root
    wizard.set_lang(lang)
    if size == "meeting":
        wizard.meeting.set_meeting(True)
    else:
        wizard.set_scale(int(size))
    try:
        root.update()
        page.draw()
        canvas = page.canvas
        ovals = list(canvas.find_withtag("point"))  # in the order they are drawn (the stacking order)

        def circle(item: int) -> tuple[float, float, float]:
            x0, y0, x1, y1 = canvas.coords(item)
            return (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2

        quick = [i for i in ovals if canvas.itemcget(i, "outline") == "#222"]
        assert quick
        for q in quick:
            qx, qy, qr = circle(q)
            above = canvas.find_above(q)
            for other in ovals[ovals.index(q) + 1:]:
                ox, oy, o_r = circle(other)
                assert ((qx - ox) ** 2 + (qy - oy) ** 2) ** 0.5 >= qr + o_r or other in quick, \
                    f"a point is drawn over a quick win ({lang}, {size})"
            assert above  # its number
    finally:
        wizard.meeting.set_meeting(False)
        wizard.set_scale(100)
        wizard.set_lang("ja")


def _points(page: Any) -> list[int]:
    canvas = page.canvas
    return sorted(int(canvas.itemcget(i, "text")) for i in canvas.find_all()
                  if canvas.type(i) == "text" and canvas.itemcget(i, "text").isdigit()
                  and canvas.itemcget(i, "fill") == "white")


def test_a_measure_without_ease_is_not_drawn_and_the_numbers_are_the_pdfs(wizard: Any) -> None:
    """An unrated measure was drawn at ease 1 under a number the PDF gives another measure (the PDF leaves it
    out and numbers the rest): point 3 on the screen was point 4 on paper."""
    from app.gui.strings import ui

    page = results_page(wizard)
    before = list(page.measures)
    m = before[1]  # the second-largest saving: every later number moves up by one, as in the PDF
    answers = wizard.a.measures[m.task_id][m.measure_id].answers
    for item in wizard.q.scoring.ease_items:
        answers.pop(item, None)
    wizard.changed()
    page.refresh()
    wizard.root.update()
    page.draw()
    assert _points(page) == list(range(1, len(before)))  # one point fewer, numbered 1… without a gap
    rows = [text for text, _figure in page.lists.texts()]
    label = wizard.q.measure(m.measure_id).label.get("ja")
    task = wizard.result().task(m.task_id).name
    row = next(r for r in rows if r.split("\n")[0].endswith("）") and label in r and task in r
               and not r[0].isdigit())
    assert row.startswith("・ ")  # no marker: it is not on the matrix
    third = page.plotted[2]
    assert third is page.measures[3]  # the PDF's point 3 is the fourth-largest now
    assert any(r.startswith("③ " + wizard.q.measure(third.measure_id).label.get("ja")) for r in rows)
    assert any(r == ui("res_matrix_unrated", "ja", n=1) for r in rows)


def test_the_matrix_draws_the_largest_thirty_like_the_pdf(wizard: Any, tmp_path: Path) -> None:
    """With 1,000 focus tasks (3,000 measures) the window placed every point: the results step took minutes
    (139 s at its first visit, 56 s at the next). It draws the MATRIX_POINTS largest, as the PDF does, and says so."""
    from app import service
    from app.domain.results import MATRIX_POINTS
    from app.gui.strings import ui
    from benchmarks.core_bench import synthetic

    path = tmp_path / "many.kaizen.json"
    service.save_assessment(synthetic(40), path)  # 40 focus tasks with three rated measures each
    wizard.doc.open_path(path, confirmed=True)
    step = next(i for i, s in enumerate(wizard.q.steps) if s.kind == "results")
    wizard.go(step)
    wizard.root.update()
    page = wizard.pages[step]
    page.draw()
    total = len(page.measures)
    assert total == 120
    assert _points(page) == list(range(1, MATRIX_POINTS + 1))
    rows = [text for text, _figure in page.lists.texts()]
    assert sum(1 for r in rows if r.startswith("・ ")) == total - MATRIX_POINTS
    assert any(r == ui("res_matrix_top", "ja", shown=MATRIX_POINTS) for r in rows)


def test_the_list_of_measures_stops_at_its_limit_and_says_where_the_rest_are(wizard: Any, tmp_path: Path) -> None:
    """3,000 measures were 6,000 widgets in the list: 30 s of layout at the first visit, even with the matrix
    capped. The list shows the MAX_LISTED largest, every point of the matrix among them, and says where the
    others are."""
    from app import service
    from app.gui.pages.results import MAX_LISTED
    from app.gui.strings import ui
    from benchmarks.core_bench import synthetic

    path = tmp_path / "many.kaizen.json"
    service.save_assessment(synthetic(80), path)  # 240 measures
    wizard.doc.open_path(path, confirmed=True)
    step = next(i for i, s in enumerate(wizard.q.steps) if s.kind == "results")
    wizard.go(step)
    wizard.root.update()
    page = wizard.pages[step]
    from app.gui.pages.results import marker

    rows = [text for text, _figure in page.lists.texts()]
    starts = ("・ ", *(marker(n) + " " for n in range(1, 241)))  # the list's rows: a point's number, or ・
    assert len(page.measures) == 240
    assert sum(1 for r in rows if r.startswith(starts)) == MAX_LISTED
    assert sum(1 for r in rows if r.startswith(starts[1:])) == 30  # every point of the matrix is listed
    assert any(r == ui("res_list_more", "ja", shown=MAX_LISTED, n=240 - MAX_LISTED) for r in rows)
