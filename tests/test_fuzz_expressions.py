"""Fuzzing the expression parser: any text parses or fails with an ExpressionError, never a crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import expressions
from tests.fuzz_support import FUZZ, examples, only_user_errors

TOKENS = ["and", "or", "not", "true", "false", "null", "(", ")", ",", "=", "==", "!=", "<", "<=", ">", ">=",
          "+", "-", "*", "/", "'paper'", '"x"', "0", "1.5", "999999999999", "annual_cases", "selected",
          "count", "answered", "coalesce", "min", "max", "selected(", "count(", "'", '"', "１２", "　", "\t",
          "\n", "業務", "\x00", "\ud800", "$", ".", "1e9", "9" * 400]

token_soup = st.lists(st.sampled_from(TOKENS), max_size=60).map(" ".join)
env_values = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                       st.text(max_size=5), st.lists(st.sampled_from(["paper", "cash", 1, 2]), max_size=3))


@settings(FUZZ, max_examples=examples(3000))
@given(st.text(max_size=300))
def test_arbitrary_text(source: str) -> None:
    only_user_errors(expressions.parse, source)


@settings(FUZZ, max_examples=examples(2000))
@given(token_soup, st.dictionaries(st.sampled_from(["annual_cases", "pain_points", "x"]), env_values))
def test_token_soup_parses_or_fails_cleanly_and_evaluates_without_crashing(source: str, env: dict[str, object]) -> None:
    parsed = only_user_errors(expressions.parse, source)
    if parsed is not None:
        parsed.evaluate(env)  # evaluation of a parsed expression never raises, whatever the answers
        parsed.test(env)
        assert isinstance(parsed.references(), frozenset)


@settings(FUZZ, max_examples=examples(300))
@given(st.integers(0, 3000), st.sampled_from(["(", "not ", "-", "min(", "- - ", "not not "]))
def test_deep_nesting_is_refused_with_e003_not_a_recursion_error(depth: int, opener: str) -> None:
    closer = ")" if "(" in opener else ""
    only_user_errors(expressions.parse, opener * depth + "1" + closer * depth)


def test_long_chains_are_bounded_by_length() -> None:
    only_user_errors(expressions.parse, " + ".join(["1"] * 499))
    only_user_errors(expressions.parse, " + ".join(["1"] * 5000))
