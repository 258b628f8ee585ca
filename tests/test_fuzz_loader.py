"""Fuzzing the questionnaire loader: mutated standard.yaml and generated YAML end in QuestionnaireError only."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from app.loading.loader import convert
from tests.fuzz_support import FUZZ, examples, only_user_errors, paths
from tests.helpers import standard_text

TEXT = standard_text()
LINES = TEXT.splitlines(keepends=True)
DATA: Any = yaml.safe_load(TEXT)

HOSTILE = ["!!python/object/apply:os.system ['echo x']", "*a", "&a", "&a [*a]", "<<: *a", "{", "[", "]", "}",
           "? ", "- ", ": ", "'", '"', "\t", "\x00", "\ufeff", "\\ud800", '"\\ud800"', "9" * 5000, "1e999",
           ".nan", "-.inf", "~", "null", "yes", "no", "2026-13-45", "!!binary aGk=", "!!timestamp x",
           "((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))", "selected(", "count(x, y)",
           "unknown_fn(1)", "Bad-Id", "id", "type", "items", "choices", "likert", "select_one", "task_grid"]
SOUP = [*HOSTILE, "id: x", "steps:", "version: 1.0", "title: t", "  - id: a", "    type: text"]
scalar = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(), st.text(max_size=20),
                   st.sampled_from(HOSTILE))
value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.one_of(st.text(max_size=10), st.sampled_from(["id", "type", "label", "ja",
                                                                                         "choices", "items", "value"])),
                                       inner, max_size=3), max_leaves=8)


PATHS = paths(DATA)[1:]


@settings(FUZZ, max_examples=examples(1000))
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    only_user_errors(convert, text, "fuzz.yaml")


@settings(FUZZ, max_examples=examples(1000))
@given(st.lists(st.tuples(st.integers(0, 6), st.sampled_from(SOUP)), max_size=25))
def test_yaml_token_soup(lines: list[tuple[int, str]]) -> None:
    text = "\n".join("  " * indent + token for indent, token in lines)
    only_user_errors(convert, text, "fuzz.yaml")


@settings(FUZZ, max_examples=examples(40))
@given(st.lists(st.tuples(st.sampled_from(PATHS), value), min_size=1, max_size=3))
def test_standard_with_values_replaced(swaps: list[tuple[tuple[Any, ...], Any]]) -> None:
    data = yaml.safe_load(TEXT)
    for where, new in swaps:
        node = data
        try:
            for key in where[:-1]:
                node = node[key]
            node[where[-1]] = new
        except (KeyError, IndexError, TypeError):
            continue
    try:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return  # PyYAML itself cannot write it (e.g. a lone surrogate)
    only_user_errors(convert, text, "fuzz.yaml")


@settings(FUZZ, max_examples=examples(60))
@given(st.lists(st.tuples(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "cut"]),
                          st.integers(0, len(LINES) - 1), st.integers(0, len(LINES) - 1), st.sampled_from(HOSTILE)),
                min_size=1, max_size=4))
def test_standard_with_lines_mutated(edits: list[tuple[str, int, int, str]]) -> None:
    lines = list(LINES)
    for op, first, second, token in edits:
        if not lines:
            break
        i, j = first % len(lines), second % len(lines)
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, token + "\n")
        elif op == "indent":
            lines[i] = "  " + lines[i]
        else:
            lines[i] = lines[i][: len(lines[i]) // 2] + token + "\n"
    only_user_errors(convert, "".join(lines), "fuzz.yaml")


def test_unmutated_standard_still_loads() -> None:
    assert convert(TEXT).id == "standard"
