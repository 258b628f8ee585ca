"""record_follow_up decides the date done, once, for every caller (the follow-up window no longer overrides it)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.assessment import Action
from app.domain.errors import AssessmentError
from app.domain.plan import record_follow_up

JAN, FEB, MAR = dt.date(2027, 1, 10), dt.date(2027, 2, 10), dt.date(2027, 3, 10)


@pytest.mark.parametrize(("records", "done_date"), [
    ([("in_progress", JAN, None)], ""),  # not done: no date done
    ([("done", JAN, None)], "2027-01-10"),  # the first done record's date
    ([("done", JAN, None), ("done", FEB, None)], "2027-01-10"),  # a later review keeps the date done
    ([("done", JAN, None), ("done", FEB, MAR)], "2027-03-10"),  # unless the user states (corrects) it
    ([("done", JAN, None), ("in_progress", FEB, None)], "2027-01-10"),  # reopening leaves it alone
    ([("in_progress", JAN, MAR)], ""),  # a stated date done means nothing for another status
    ([("done", JAN, FEB)], "2027-02-10"),
])
def test_date_done(records: list[tuple[str, dt.date, dt.date | None]], done_date: str) -> None:
    x = Action("a1", "t1", "eliminate")
    for status, on, done_on in records:
        record_follow_up(x, status, on, done_on=done_on, today=MAR)  # reviewed on or after the last date
    assert x.done_date == done_date
    assert [h.date for h in x.history] == [on.isoformat() for _, on, _ in records]  # every record kept


def test_a_date_done_after_today_is_refused_and_nothing_is_recorded() -> None:
    x = Action("a1", "t1", "eliminate")
    with pytest.raises(AssessmentError) as info:
        record_follow_up(x, "done", JAN, done_on=MAR, today=FEB)
    assert info.value.code == "A030"
    assert x.history == [] and x.status == "not_started" and x.done_date == ""


def test_an_unknown_status_is_refused() -> None:
    with pytest.raises(ValueError, match="finished"):
        record_follow_up(Action("a1", "t1", "eliminate"), "finished", JAN)
