"""What every fuzz test asserts: hostile input ends in the project's own UserError, with a message."""

from __future__ import annotations

import os
import string
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, settings

from app.domain.errors import UserError
from app.domain.messages import CATALOGUE

# Shared by the fuzz tests: no deadline (the first call warms caches), no example database in the
# checkout, and the too-slow check off because parsing big inputs is the point.
FUZZ = settings(deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# KAIZEN_FUZZ_SCALE=20 runs every fuzz test twenty times longer (a deeper hunt before a release).
SCALE = max(1, int(os.environ.get("KAIZEN_FUZZ_SCALE", "1") or 1))


def examples(n: int) -> int:
    """``n`` examples, times the scale."""
    return n * SCALE


def only_user_errors(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call ``fn``; anything raised must be a UserError whose every problem is a filled catalogue message."""
    try:
        return fn(*args, **kwargs)
    except UserError as exc:
        _check_user_error(exc)
        return None


def error_codes(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> list[str]:
    """Like :func:`only_user_errors`, but returns the codes of the problems raised ([] when ``fn`` succeeded)."""
    try:
        fn(*args, **kwargs)
    except UserError as exc:
        _check_user_error(exc)
        return [p.code for p in exc.problems]
    return []


def _check_user_error(exc: UserError) -> None:
    assert exc.problems, "a UserError without problems"
    for problem in exc.problems:
        assert problem.code in CATALOGUE, f"{problem.code} is not in the catalogue"
        for template in CATALOGUE[problem.code]:
            fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
            assert fields <= set(problem.params), f"{problem.code}: {fields - set(problem.params)} not filled"
        for lang in ("ja", "en"):
            assert problem.message(lang).strip()
        problem.render("ja").encode("utf-8")  # printable and loggable


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a parsed document (mapping keys and list indexes) where a value can be swapped."""
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, (*prefix, i))
    return out
