"""Fuzzing the assessment reader with mutated example files: only AssessmentError/StorageError escape."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app import service
from app.storage import assessment_file
from tests.fuzz_support import FUZZ, examples, only_user_errors, paths
from tests.helpers import EXAMPLE, standard

Q = standard()
RAW = EXAMPLE.read_bytes()
DATA: dict[str, Any] = json.loads(RAW)

json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                      st.sampled_from(["", "１，２００", "4 ほぼ手順どおり", "2026/4/1", "\ud800", "1e999", "t1",
                                       "not_started", "done", "eliminate", "rpa", "9" * 500]),
                      st.integers(min_value=10**300, max_value=10**400))
json_value = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)


PATHS = paths(DATA)[1:]


def replaced(where: tuple[Any, ...], value: Any) -> Any:
    data = json.loads(RAW)
    node = data
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    return data


@settings(FUZZ, max_examples=examples(600))
@given(st.lists(st.tuples(st.sampled_from(PATHS), json_value), min_size=1, max_size=4))
def test_values_swapped_anywhere(swaps: list[tuple[tuple[Any, ...], Any]]) -> None:
    data = json.loads(RAW)
    for where, value in swaps:
        node = data
        try:
            for key in where[:-1]:
                node = node[key]
            node[where[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier swap removed this place
    result = only_user_errors(assessment_file.loads, json.dumps(data, ensure_ascii=False), Q, "fuzz")
    if result is not None:
        # whatever was read can be written back and read again, and scored
        again = assessment_file.loads(assessment_file.dumps(result.assessment), Q, "again")
        assert again.assessment.tasks == result.assessment.tasks
        service.score_json(Q, result.assessment)
        # nothing is lost on the way: a second save writes exactly what the first one did
        stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        first = assessment_file.dumps(result.assessment, stamp)
        assert assessment_file.dumps(assessment_file.loads(first, Q).assessment, stamp) == first


@settings(FUZZ, max_examples=examples(1000))
@given(st.lists(st.tuples(st.integers(0, len(RAW) - 1), st.binary(max_size=8), st.integers(0, 8)),
                min_size=1, max_size=6))
def test_bytes_mutated(edits: list[tuple[int, bytes, int]]) -> None:
    raw = bytearray(RAW)
    for pos, insert, delete in edits:
        raw[pos:pos + delete] = insert
    only_user_errors(assessment_file.loads, bytes(raw), Q, "fuzz")


@settings(FUZZ, max_examples=examples(800))
@given(json_value)
def test_any_json_document(value: Any) -> None:
    only_user_errors(assessment_file.loads, json.dumps(value), Q, "fuzz")
    if isinstance(value, dict):
        only_user_errors(assessment_file.loads, json.dumps({**value, "format": "kaizen-assessment"}), Q)
        only_user_errors(assessment_file.loads, json.dumps({**DATA, **value}), Q)


@settings(FUZZ, max_examples=examples(400))
@given(st.integers(0, len(RAW)))
def test_every_truncation(cut: int) -> None:
    only_user_errors(assessment_file.loads, RAW[:cut], Q, "fuzz")
