"""Rows built after a page is shown: the measures step shows its first card at once and the others follow."""

from __future__ import annotations

import time
from typing import Any

from tests.test_gui_behaviour import open_example


def measures_page(wizard: Any) -> tuple[int, Any]:
    index = next(i for i, s in enumerate(wizard.q.steps) if s.kind == "measures")
    return index, wizard.pages.get(index)


def drop_cards(page: Any, keep: str | None) -> None:
    """Destroy the built cards but ``keep``'s, as if the page had never shown the others."""
    page._cancel_pending()
    for mid in [m for m in page._cards if m != keep]:
        page._cards.pop(mid).destroy()


def test_the_other_cards_follow_the_first_and_every_one_is_there_to_read(wizard: Any) -> None:
    open_example(wizard)
    index, _ = measures_page(wizard)
    assert wizard.go(index)
    page = wizard.pages[index]
    drop_cards(page, keep=None)  # the session's earlier tests may have built them: a first visit again
    page.refresh()
    wizard.root.update_idletasks()
    shown = [m.id for m in page.shown_measures()]
    assert len(shown) > 1  # the example's first focus task has several suggested measures
    assert page.building()  # only the first card was built before the page was shown
    assert set(page._cards) == {shown[0]}
    deadline = time.monotonic() + 20
    while page.building() and time.monotonic() < deadline:
        wizard.root.update()
        time.sleep(0.005)
    assert not page.building()
    assert [mid for mid in shown if page._cards[mid].grid_info()] == shown
    rows = [int(page._cards[mid].grid_info()["row"]) for mid in shown]
    assert rows == sorted(rows)  # in catalogue order, whichever was built first


def test_reading_or_checking_the_cards_builds_the_waiting_ones(wizard: Any) -> None:
    open_example(wizard)
    index, _ = measures_page(wizard)
    assert wizard.go(index)
    page = wizard.pages[index]
    shown = [m.id for m in page.shown_measures()]
    drop_cards(page, keep=shown[0])  # a later visit keeps built cards: start from the first one only
    page.refresh()
    assert page.building()
    assert set(page.cards) >= set(shown)  # the property builds what is still waiting
    assert not page.building()


def test_going_back_stops_building_and_the_next_visit_plans_again(wizard: Any) -> None:
    open_example(wizard)
    index, _ = measures_page(wizard)
    assert wizard.go(index)
    page = wizard.pages[index]
    drop_cards(page, keep=None)
    page.refresh()
    assert page.building()
    assert wizard.go(index - 1)  # backwards: no validation, the waiting cards are dropped
    assert not page.building()
    assert wizard.go(index)
    assert next(m.id for m in page.shown_measures()) in page._cards
    page.leave(forward=True)  # forwards: validation needs every card (whatever it finds)
    assert not page.building()
    assert {m.id for m in page.shown_measures()} <= set(page._cards)


def first_visit(wizard: Any, kind: str, name: str | None = None) -> tuple[int, Any]:
    """Go to the step of ``kind`` (its ``name``: several steps share a kind) as if for the first time: its
    page is built anew and shown, and nothing is pumped after it was drawn."""
    index = next(i for i, s in enumerate(wizard.q.steps) if s.kind == kind and (name is None or s.id == name))
    old = wizard.pages.pop(index, None)
    if old is not None:
        old.destroy()  # (hidden and kept, a rescale by a later test would grid it again under the new one)
    if wizard.current == index:
        wizard.current = index - 1
    assert wizard.go(index)
    wizard.root.update_idletasks()
    return index, wizard.pages[index]


def pump(page: Any) -> None:
    deadline = time.monotonic() + 20
    while page.building() and time.monotonic() < deadline:
        page.update()
        time.sleep(0.005)
    assert not page.building()


def test_a_page_of_questions_shows_its_first_fields_and_the_rest_follow_in_order(wizard: Any) -> None:
    from app.gui.pages.analysis import EAGER_FIELDS

    open_example(wizard)
    _, page = first_visit(wizard, "task_analysis")
    items = [i.id for i in page.step.items]
    assert len(items) > EAGER_FIELDS
    assert list(page.form.built_fields) == items[:EAGER_FIELDS]
    assert page.building()
    pump(page)
    assert list(page.form.built_fields) == items
    fields = page.form.built_fields
    assert [int(fields[i].grid_info()["row"]) for i in items if fields[i].grid_info()] == sorted(
        int(fields[i].grid_info()["row"]) for i in items if fields[i].grid_info())
    # Tab walks the fields in stacking order, which is the order they were made: the questionnaire's
    assert [w for w in page.form.winfo_children() if w in fields.values()] == [fields[i] for i in items]
    answers = wizard.a.analysis[wizard.current_task]
    shown = {i: fields[i].raw_value() for i in items if fields[i].item.is_input and fields[i].grid_info()}
    assert {i: v for i, v in shown.items() if v not in (None, "", [])} == {
        i: v for i, v in answers.items() if i in shown}  # a field built late shows the task's answer too


def test_checking_a_form_builds_its_waiting_fields_and_finds_their_problems(wizard: Any) -> None:
    from app.gui.form_view import FormView

    basic = next(s for s in wizard.q.steps if s.id == "basic")
    # no text box: customtkinter's re-arms a callback that would outlive the destroyed form
    items = tuple(i for i in basic.items if i.type != "long_text")
    answers: dict[str, Any] = {}
    form = FormView(wizard.root, items, lambda: "ja", answers=lambda: answers, env=lambda: answers,
                    on_changed=lambda: None, eager=1)
    try:
        assert list(form.built_fields) == [items[0].id]
        blank = [i.id for i in items if i.required and i.default is None]
        assert len(blank) > 1 and blank[0] == items[0].id
        assert form.validate() == len(blank)  # the required ones not built yet are checked too
        assert list(form.built_fields) == [i.id for i in items]
        assert not form.building()
    finally:
        form.destroy()


def test_leaving_the_measures_step_checks_the_questions_a_card_has_not_built_yet(wizard: Any) -> None:
    from app.gui.pages.measures import EAGER_FIELDS

    open_example(wizard)
    items = (*wizard.q.measure_items,)
    late = next(i for i in items[EAGER_FIELDS:] if i.required and i.default is None)
    index = next(i for i, s in enumerate(wizard.q.steps) if s.kind == "measures")
    assert wizard.go(index)
    page = wizard.pages[index]
    tid = wizard.current_task
    chosen = next(m for m in page.shown_measures() if wizard.a.measures[tid][m.id].chosen)
    wizard.a.measures[tid][chosen.id].answers.pop(late.id)
    _, page = first_visit(wizard, "measures")
    card = page._cards[chosen.id]
    assert late.id not in card.form.built_fields
    assert not wizard.go(index + 1)  # the check builds the card's last questions and finds one blank
    assert card.form.built_fields[late.id].error
    assert not page.building()


def test_skip_logic_sets_aside_the_answers_of_fields_not_built_yet(wizard: Any) -> None:
    open_example(wizard)
    step = next(s for s in wizard.q.steps if s.kind == "task_analysis")
    from app.gui.pages.analysis import EAGER_FIELDS

    late = next(i for i in step.items[EAGER_FIELDS:] if i.relevant is not None and i.type == "text")
    tid = wizard.focus_tasks()[0].task_id
    wizard.current_task = tid
    answers = wizard.a.analysis[tid]
    from app.domain.scoring import task_env

    assert not late.relevant.test(task_env(wizard.q, wizard.a, wizard.a.task(tid)))  # hidden by the answers
    answers[late.id] = "住民課"
    _, page = first_visit(wizard, "task_analysis")
    assert late.id not in page.form.built_fields
    assert late.id not in answers  # set aside before its field exists: an autosave now writes what it would
    pump(page)
    assert not page.form.built_fields[late.id].grid_info()
    # the note under the answer that hides it names it, from the first screen on
    notes = getattr(page.form, "_kaizen_skip_notes", {})
    assert any(label.winfo_manager() for label in notes.values())


def test_going_back_pauses_the_fields_and_the_next_visit_goes_on(wizard: Any) -> None:
    open_example(wizard)
    index, page = first_visit(wizard, "task_analysis")
    assert page.building()
    built = len(page.form.built_fields)
    assert wizard.go(index - 1)
    assert not page.building()
    for _ in range(20):
        wizard.root.update()
        time.sleep(0.002)
    assert len(page.form.built_fields) == built  # nothing is built for a page that was left
    assert wizard.go(index)
    assert page.building()
    pump(page)
    assert list(page.form.built_fields) == [i.id for i in page.step.items]


def test_the_results_list_shows_its_first_rows_and_the_rest_follow(wizard: Any, monkeypatch: Any) -> None:
    from app.gui import listview

    wrapped: list[int] = []
    real_wrap = listview.wrap

    def wrap(text: str, measure: Any, width: int) -> str:
        wrapped.append(width)
        return real_wrap(text, measure, width)

    monkeypatch.setattr(listview, "wrap", wrap)
    open_example(wizard)
    _, page = first_visit(wizard, "results")
    box = page.lists
    assert len(box._specs) > listview.EAGER_ROWS  # the example's list is longer than its first screen
    assert box._used == listview.EAGER_ROWS and box.building()
    pump(page)
    assert box._used == len(box._specs)
    # every row was wrapped at the list's real width only, never at the width it has before its canvas
    assert set(wrapped) <= {box._wrap, box._wrap + listview.FIGURE_WIDTH}
    texts = box.texts()
    assert [t for t, _ in texts] == [spec[1] for spec in box._specs]


def test_reading_the_results_list_makes_the_rows_still_waiting(wizard: Any) -> None:
    open_example(wizard)
    _, page = first_visit(wizard, "results")
    assert page.lists.building()
    texts = page.lists.texts()
    assert not page.lists.building()
    assert len(texts) == len(page.lists._specs)


def test_a_later_visit_of_the_results_configures_no_label_that_shows_the_same(wizard: Any, monkeypatch: Any) -> None:
    import customtkinter as ctk

    open_example(wizard)
    index, page = first_visit(wizard, "results")
    pump(page)
    assert wizard.go(index - 1)
    configured: list[Any] = []
    real = ctk.CTkLabel.configure

    def configure(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self.master is page.lists:
            configured.append(kwargs)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(ctk.CTkLabel, "configure", configure)
    assert wizard.go(index)
    wizard.root.update()
    assert configured == []
    assert not page.lists.building()
