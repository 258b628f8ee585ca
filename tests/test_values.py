"""How typed-in values are read: full-width digits, thousands separators, dates, choices, rounding."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.action_fields import ACTION_ITEMS, FOLLOW_UP_ITEMS
from app.domain.errors import AssessmentError
from app.domain.questionnaire import Choice, Item, LText
from app.domain.values import add_months, coerce, parse_date, parse_number, round_half_up, validate

INT = Item("annual_cases", "integer", LText("年間件数"), minimum=0, maximum=100_000_000)
DEC = Item("minutes_per_case", "decimal", LText("1件あたりの処理時間（分）"), minimum=0, maximum=480)
LIKERT = Item("rule_based", "likert", LText("定型度"),
              choices=tuple(Choice(v, LText(f"{v} 説明"), float(v)) for v in range(1, 6)))
MULTI = Item("channel", "select_multiple", LText("接点"),
             choices=(Choice("counter", LText("窓口", "Counter")), Choice("post", LText("郵送", "Post"))))
TEXT = Item("name", "text", LText("業務名"), max_length=10)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1200", 1200), ("1,200", 1200), ("１２００", 1200), ("１，２００", 1200), (" 1200 ", 1200),
     ("1200件", 1200), ("\u30001200\u3000", 1200), (1200, 1200), (1200.0, 1200), ("0", 0)],
)
def test_integer_accepts_office_forms(raw: object, expected: int) -> None:
    assert coerce(INT, raw) == expected


@pytest.mark.parametrize(("raw", "code"), [("abc", "A001"), ("12a", "A001"), ("1,20", "A001"), ("-5", "A002"),
                                           ("1.5", "A006"), ("nan", "A001"), (True, "A001"), ("1e400", "A001")])
def test_integer_rejects_with_field_named(raw: object, code: str) -> None:
    with pytest.raises(AssessmentError) as err:
        coerce(INT, raw, "tasks[0].annual_cases")
    assert err.value.code == code
    assert "年間件数" in err.value.render("ja")
    assert err.value.problems[0].where == "tasks[0].annual_cases"


def test_decimal_range_and_full_width() -> None:
    assert coerce(DEC, "１２．５") == 12.5
    assert coerce(DEC, "15分") == 15.0
    with pytest.raises(AssessmentError) as err:
        coerce(DEC, "481")
    assert err.value.code == "A003"


@pytest.mark.parametrize(("item", "raw", "shown"), [
    (INT, "200000000", ("100,000,000以下", "入力: 200,000,000")),
    (DEC, "481.25", ("480以下", "入力: 481.25")),
    (INT, "-5", ("0以上", "入力: -5")),
])
def test_limits_in_messages_are_written_as_the_office_writes_numbers(item: Item, raw: str,
                                                                     shown: tuple[str, ...]) -> None:
    with pytest.raises(AssessmentError) as err:
        coerce(item, raw)
    message = err.value.render("ja")
    assert "e+" not in message
    for part in shown:
        assert part in message


HOURS = Item("hours", "decimal", LText("時間"), minimum=-1e300, maximum=1_000_000)


@pytest.mark.parametrize(("raw", "code", "shown"), [
    (1e16, "A003", "入力: 1e+16"), (1e20, "A003", "入力: 1e+20"), (1e308, "A003", "入力: 1e+308"),
    (-1e301, "A002", "入力: -1e+301"), (1.5e17, "A003", "入力: 1.5e+17"),
])
def test_huge_numbers_in_messages_are_short_not_digit_by_digit(raw: object, code: str, shown: str) -> None:
    """1e308 was written out as 309 digits (the last ones float noise: 100,000,000,000,000,001,097,906,…)."""
    with pytest.raises(AssessmentError) as err:
        coerce(HOURS, raw)
    assert err.value.code == code
    ja, en = err.value.render("ja"), err.value.render("en")
    assert shown in ja and f"(got {shown[4:]})" in en
    assert len(ja) < 60 and ",000,000,000" not in ja  # the limit 1,000,000 as before, no run of digits
    assert ("1,000,000以下" in ja) if code == "A003" else ("-1e+300以上" in ja)


@pytest.mark.parametrize(("value", "text"), [
    (1e16, "1e+16"), (1e20, "1e+20"), (1e308, "1e+308"), (-1e300, "-1e+300"), (1.0000001e16, "1.0000001e+16"),
    (100_000_000, "100,000,000"), (12.5, "12.5"), (1e15, "1,000,000,000,000,000"), (0.1 + 0.2, "0.3"),
    (123456789012345.67, "123,456,789,012,345.67"), (-3, "-3"), (0, "0"), (1e-7, "1e-07"),
])
def test_numbers_are_written_as_the_office_writes_them_up_to_1e16_and_short_beyond(value: float, text: str) -> None:
    from app.domain.values import number_text

    assert number_text(value) == text


def test_blank_is_none() -> None:
    assert coerce(INT, "  ") is None
    assert coerce(INT, None) is None


@pytest.mark.parametrize("raw", [4, "4", "４", "4 ほぼ手順どおり", "4 説明"])
def test_likert_accepts_number_or_label(raw: object) -> None:
    assert coerce(LIKERT, raw) == 4


def test_likert_rejects_unknown_choice() -> None:
    with pytest.raises(AssessmentError) as err:
        coerce(LIKERT, "7")
    assert err.value.code == "A004"


def test_select_multiple_accepts_labels_and_keeps_choice_order() -> None:
    assert coerce(MULTI, "郵送、窓口") == ["counter", "post"]
    assert coerce(MULTI, ["post", "counter", "post"]) == ["counter", "post"]


def test_text_length_limit() -> None:
    assert coerce(TEXT, "<&>🙂") == "<&>🙂"
    with pytest.raises(AssessmentError) as err:
        coerce(TEXT, "あ" * 11)
    assert err.value.code == "A008"


@pytest.mark.parametrize("raw", ["2026-04-01", "2026/4/1", "2026年4月1日", "２０２６／４／１"])
def test_dates(raw: str) -> None:
    assert parse_date(raw) == dt.date(2026, 4, 1)


@pytest.mark.parametrize("raw", ["2026-02-30", "4/1", "", "令和8年4月1日"])
def test_bad_dates(raw: str) -> None:
    assert parse_date(raw) is None


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)


@pytest.mark.parametrize(("value", "digits", "expected"), [(0.05, 1, 0.1), (2.5, 0, 3.0), (113.75, 1, 113.8),
                                                            (-2.5, 0, -3.0), (1.0, 1, 1.0)])
def test_round_half_up(value: float, digits: int, expected: float) -> None:
    assert round_half_up(value, digits) == expected


@given(st.integers(min_value=0, max_value=10**8))
def test_any_grouped_or_full_width_integer_reads_back(n: int) -> None:
    grouped = f"{n:,}"
    full_width = grouped.translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    assert parse_number(grouped) == n
    assert parse_number(full_width) == n


@pytest.mark.parametrize(("item", "raw", "lang", "value", "code", "field"), [
    (FOLLOW_UP_ITEMS["realised_hours"], "３２０", "ja", 320.0, None, None),
    (FOLLOW_UP_ITEMS["realised_hours"], "たくさん", "en", None, "A001", "Hours saved (h/year)"),
    (FOLLOW_UP_ITEMS["realised_hours"], "-1", "ja", None, "A002", "削減できた時間（時間/年）"),
    (ACTION_ITEMS["deadline"], "2026/4/1", "ja", "2026-04-01", None, None),
    (ACTION_ITEMS["deadline"], "2026/13/40", "en", None, "A007", "Deadline"),
    (ACTION_ITEMS["review_date"], "", "ja", None, None, None),
])
def test_validate_is_coerce_with_the_field_named_in_the_window_language(
        item: Item, raw: str, lang: str, value: object, code: str | None, field: str | None) -> None:
    got, problem = validate(item, raw, lang)
    assert got == value
    assert (problem.code, problem.params["field"]) == (code, field) if problem else code is None
