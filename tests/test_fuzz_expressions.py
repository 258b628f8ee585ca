"""Fuzzing the expression parser: any text parses or fails with an ExpressionError, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.domain import expression_eval, expressions
from tests.fuzz_support import FUZZ, error_codes, examples, only_user_errors

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
@example("9" * 400 + " / annual_cases", {"annual_cases": True})  # found by this test in CI: OverflowError
@example("9" * 400 + " * 1.5", {})
@example("9" * 400 + " - 1.5", {})
@example("-(" + "9" * 400 + ") + 1.5", {})
def test_token_soup_parses_or_fails_cleanly_and_evaluates_without_crashing(source: str, env: dict[str, object]) -> None:
    parsed = only_user_errors(expressions.parse, source)
    if parsed is not None:
        parsed.evaluate(env)  # evaluation of a parsed expression never raises, whatever the answers
        parsed.test(env)
        assert isinstance(parsed.references(), frozenset)


@settings(FUZZ, max_examples=examples(2000))
@given(token_soup, st.dictionaries(st.sampled_from(["annual_cases", "pain_points", "x"]), env_values))
def test_compiled_expressions_compute_what_the_tree_walker_computes(source: str, env: dict[str, object]) -> None:
    import copy
    import math
    import pickle

    parsed = only_user_errors(expressions.parse, source)
    if parsed is None:
        return
    walked, compiled = expression_eval.evaluate(parsed.root, env), parsed.evaluate(env)
    same = walked == compiled or (isinstance(walked, float) and isinstance(compiled, float)
                                  and math.isnan(walked) and math.isnan(compiled))
    assert same and type(walked) is type(compiled), (source, env, walked, compiled)
    for twin in (copy.deepcopy(parsed), pickle.loads(pickle.dumps(parsed))):
        assert twin == parsed and repr(twin.evaluate(env)) == repr(compiled)


@settings(FUZZ, max_examples=examples(300))
@given(st.integers(0, 3000), st.sampled_from(["(", "not ", "-", "min(", "- - ", "not not "]))
@example(expressions.MAX_DEPTH, "(")
@example(expressions.MAX_DEPTH + 1, "(")
@example(expressions.MAX_DEPTH + 1, "not ")
@example(expressions.MAX_DEPTH // 2 + 1, "- - ")
@example(expressions.MAX_DEPTH + 1, "min(")
@example(3000, "-")
def test_deep_nesting_is_refused_with_e003_not_a_recursion_error(depth: int, opener: str) -> None:
    closer = ")" if "(" in opener else ""
    source = opener * depth + "1" + closer * depth
    levels = depth * len(opener.split())  # every token of the opener nests one level deeper
    codes = error_codes(expressions.parse, source)
    if len(source) > expressions.MAX_LENGTH:
        assert codes == ["E002"], (len(source), codes)  # the length check comes first and bounds the work
    elif levels > expressions.MAX_DEPTH:
        assert codes == ["E003"], (levels, codes)
    else:
        assert codes == [], (levels, codes)


@pytest.mark.parametrize("terms", [250, 251, 499, 5000])
def test_long_chains_are_bounded_by_length(terms: int) -> None:
    """A flat chain is never too deep, only too long: E002 once it passes MAX_LENGTH characters."""
    source = " + ".join(["1"] * terms)
    expected = ["E002"] if len(source) > expressions.MAX_LENGTH else []
    assert error_codes(expressions.parse, source) == expected
