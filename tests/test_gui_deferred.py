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
