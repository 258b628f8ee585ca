"""Own measures from ready conditions: the expression written, checked and loaded like any other trigger."""

from __future__ import annotations

import pytest

from app.domain import triggers
from app.domain.triggers import Condition
from app.loading.loader import convert
from tests.helpers import standard, standard_text


@pytest.mark.parametrize(("conditions", "joiner", "expected"), [
    ([Condition("pain", "visit")], "or", "selected(pain_points, 'visit')"),
    ([Condition("ecrs", "ecrs_e")], "or", "ecrs_e = 'yes'"),
    ([Condition("medium", 2), Condition("cases", 300)], "and", "input_medium <= 2 and annual_cases >= 300"),
    ([Condition("channel", "post"), Condition("pain", "paper")], "or",
     "selected(channel, 'post') or selected(pain_points, 'paper')"),
])
def test_conditions_become_the_expression_a_person_would_write(conditions: list[Condition], joiner: str,
                                                              expected: str) -> None:
    q = standard()
    source = triggers.expression_for(q, conditions, joiner)
    assert source == expected
    assert triggers.check_trigger(q, source) is None


def test_every_condition_kind_is_offered_with_the_questionnaires_own_choices() -> None:
    q = standard()
    assert triggers.available(q) == list(triggers.CONDITION_KINDS)
    assert [v for v, _ in triggers.options(q, "pain")] == [c.value for c in q.item("pain_points").choices]
    assert {v for v, _ in triggers.options(q, "ecrs")} >= {"ecrs_e", "ecrs_r", "ecrs_s"}
    assert triggers.options(q, "cases") == []


@pytest.mark.parametrize(("source", "code"), [
    ("annual_cases >= (", "E001"), ("no_such_item = 1", "Q016"), ("ease = 3", "Q016"), ("__import__('os')", "E004"),
])
def test_a_typed_expression_is_parsed_and_checked_never_evaluated(source: str, code: str) -> None:
    problem = triggers.check_trigger(standard(), source)
    assert problem is not None and problem.code == code


def test_a_value_that_would_break_out_of_its_quotes_is_refused() -> None:
    with pytest.raises(ValueError):
        triggers.expression_for(standard(), [Condition("pain", "x' or true or 'y")])
    with pytest.raises(ValueError):
        triggers.expression_for(standard(), [Condition("ecrs", "ecrs_e = 'yes' or true")])


def test_the_generated_trigger_loads_in_a_measure() -> None:
    q = standard()
    source = triggers.expression_for(q, [Condition("pain", "visit"), Condition("cases", 1000)], "and")
    text = standard_text().replace("\nglossary:", f"""
  - id: kiosk
    label: 証明書コンビニ交付の案内
    trigger: "{source}"
    reduction_rate: 0.25
    provenance: 業務改善担当が追加
\nglossary:""", 1)
    assert convert(text).measure("kiosk").trigger.source == source
