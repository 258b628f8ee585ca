"""The expression language's tree and what it computes (:mod:`app.domain.expressions` parses the text into it).

Two ways of computing a tree, which must agree (a fuzz test compares them): :func:`evaluate` walks it, and
:func:`compile_node` turns it once into nested closures (no Python source is made or run) for the scorer, which
evaluates the same few conditions hundreds of thousands of times. The semantics are in the module docstring of
:mod:`app.domain.expressions`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

Value = object


@dataclass(frozen=True)
class Node:
    """A parsed expression node: ``op`` is one of lit, ref, call, not, neg, and, or, or a binary operator."""

    op: str
    args: tuple[Node, ...] = ()
    value: Value = None


def truthy(v: Value) -> bool:
    if v is None:
        return False
    if isinstance(v, list | tuple | set | frozenset | str):
        return len(v) > 0
    return bool(v)


def _num(v: Value) -> float | int:
    if v is None or isinstance(v, bool):
        return int(bool(v))
    if isinstance(v, int | float):
        return v
    raise TypeError


def _compare(op: str, a: Value, b: Value) -> bool:
    if op in ("=", "=="):
        return _equal(a, b)
    if op == "!=":
        return not _equal(a, b)
    if a is None or b is None:
        return False
    if isinstance(a, str) != isinstance(b, str):
        return False
    try:
        if op == "<":
            return bool(a < b)  # type: ignore[operator]
        if op == "<=":
            return bool(a <= b)  # type: ignore[operator]
        if op == ">":
            return bool(a > b)  # type: ignore[operator]
        return bool(a >= b)  # type: ignore[operator]
    except TypeError:
        return False


def _equal(a: Value, b: Value) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or (isinstance(a, bool) and isinstance(b, bool) and a == b)
    return a == b


def _selected(v: Value, choice: Value) -> bool:
    if isinstance(v, list | tuple | set | frozenset):
        return choice in v
    return v is not None and v == choice


def _count(v: Value) -> int:
    if isinstance(v, list | tuple | set | frozenset):
        return len(v)
    return 0 if v is None or v == "" else 1


def _minmax(pick: Callable[..., Value]) -> Callable[..., Value]:
    def fn(*vals: Value) -> Value:
        nums = [v for v in vals if isinstance(v, int | float) and not isinstance(v, bool)]
        return pick(nums) if nums else None

    return fn


def _coalesce(*vals: Value) -> Value:
    return next((v for v in vals if v is not None and v != ""), None)


# name -> (min args, max args or -1, first argument must be an item id, implementation)
FUNCTIONS: dict[str, tuple[int, int, bool, Callable[..., Value]]] = {
    "selected": (2, 2, True, _selected),
    "count": (1, 1, True, _count),
    "answered": (1, 1, True, lambda v: _count(v) > 0),
    "coalesce": (1, -1, False, _coalesce),
    "min": (1, -1, False, _minmax(min)),
    "max": (1, -1, False, _minmax(max)),
}
FUNCTION_NAMES = tuple(sorted(FUNCTIONS))


def evaluate(node: Node, env: Mapping[str, Value]) -> Value:
    op = node.op
    if op == "lit":
        return node.value
    if op == "ref":
        return env.get(str(node.value))
    if op == "and":
        return all(truthy(evaluate(a, env)) for a in node.args)
    if op == "or":
        return any(truthy(evaluate(a, env)) for a in node.args)
    if op == "not":
        return not truthy(evaluate(node.args[0], env))
    if op == "call":
        _lo, _hi, _ref_first, fn = FUNCTIONS[str(node.value)]
        return fn(*(evaluate(a, env) for a in node.args))
    vals = [evaluate(a, env) for a in node.args]
    if op in ("=", "==", "!=", "<", "<=", ">", ">="):
        return _compare(op, vals[0], vals[1])
    return _arithmetic(op, vals)


def _arithmetic(op: str, vals: list[Value]) -> Value:
    try:
        nums = [_num(v) for v in vals]
    except TypeError:
        return None
    try:
        if op == "neg":
            return -nums[0]
        if op == "+":
            return nums[0] + nums[1]
        if op == "-":
            return nums[0] - nums[1]
        if op == "*":
            return nums[0] * nums[1]
        if op == "/":
            return None if nums[1] == 0 else nums[0] / nums[1]
    except OverflowError:
        return None  # a whole number too large for a decimal one (a 400-digit literal with 1.5): like ÷ 0
    raise AssertionError(op)  # pragma: no cover - the parser only builds the ops above


Compiled = Callable[[Mapping[str, Value]], Value]
_COMPARISONS = ("=", "==", "!=", "<", "<=", ">", ">=")


def compile_node(node: Node) -> Compiled:
    """``node`` as nested closures computing exactly what :func:`evaluate` computes (no Python source is made or
    run: each closure is one of the fixed functions below). A scorer of 30,000 measures evaluates the same
    few expressions hundreds of thousands of times; walking the tree each time was most of its work.

    The common shapes have their own closures (two-part ``and``/``or``, a comparison, ``selected``/``answered``
    of an item, arithmetic on two plain numbers); each takes the general path for any other value."""
    op = node.op
    if op == "lit":
        value = node.value
        return lambda env: value
    if op == "ref":
        key = str(node.value)
        return lambda env: env.get(key)
    if op == "call":
        return _compile_call(node)
    parts = tuple(compile_node(a) for a in node.args)
    if op in ("and", "or"):
        return _compile_logic(op, parts)
    if op == "not":
        first = parts[0]
        return lambda env: not truthy(first(env))
    if op in _COMPARISONS and len(parts) == 2:
        return _compile_comparison(op, *parts)
    if op in _COMPARISONS:
        return lambda env: _compare(op, *[p(env) for p in parts][:2])
    if op in _BINARY and len(parts) == 2:
        return _compile_arithmetic(op, *parts)
    return lambda env: _arithmetic(op, [p(env) for p in parts])


def _compile_logic(op: str, parts: tuple[Compiled, ...]) -> Compiled:
    if len(parts) == 2:
        first, second = parts  # `x is True or (x is not False and truthy(x))` is `truthy(x)`, fast for a bool
        if op == "and":
            return lambda env: (((a := first(env)) is True or (a is not False and truthy(a)))
                                and ((b := second(env)) is True or (b is not False and truthy(b))))
        return lambda env: (((a := first(env)) is True or (a is not False and truthy(a)))
                            or ((b := second(env)) is True or (b is not False and truthy(b))))
    if op == "and":
        def all_of(env: Mapping[str, Value]) -> Value:
            return all(truthy(p(env)) for p in parts)
        return all_of

    def any_of(env: Mapping[str, Value]) -> Value:
        return any(truthy(p(env)) for p in parts)
    return any_of


_PLAIN = (int, float)  # exact classes: a bool, a subclass or anything else goes the general way


def _compile_comparison(op: str, left: Compiled, right: Compiled) -> Compiled:
    if op in ("=", "=="):
        return lambda env: _equal(left(env), right(env))
    if op == "!=":
        return lambda env: not _equal(left(env), right(env))
    check = {"<": _lt, "<=": _le, ">": _gt, ">=": _ge}[op]

    def compare(env: Mapping[str, Value]) -> Value:
        a, b = left(env), right(env)
        if a.__class__ in _PLAIN and b.__class__ in _PLAIN:
            return check(a, b)
        return _compare(op, a, b)
    return compare


def _lt(a: float, b: float) -> bool:
    return a < b


def _le(a: float, b: float) -> bool:
    return a <= b


def _gt(a: float, b: float) -> bool:
    return a > b


def _ge(a: float, b: float) -> bool:
    return a >= b


_BINARY = ("+", "-", "*", "/")


def _compile_arithmetic(op: str, left: Compiled, right: Compiled) -> Compiled:
    def arithmetic(env: Mapping[str, Value]) -> Value:
        a, b = left(env), right(env)
        if a.__class__ in _PLAIN and b.__class__ in _PLAIN:
            try:
                if op == "*":
                    return a * b
                if op == "+":
                    return a + b
                if op == "-":
                    return a - b
                return None if b == 0 else a / b
            except OverflowError:
                pass  # the general path's answer for it
        return _arithmetic(op, [a, b])
    return arithmetic


def _compile_call(node: Node) -> Compiled:
    name = str(node.value)
    fn = FUNCTIONS[name][3]
    args = node.args
    if name in ("selected", "answered", "count") and args[0].op == "ref":
        key = str(args[0].value)
        if name == "answered":
            return lambda env: _count(env.get(key)) > 0
        if name == "count":
            return lambda env: _count(env.get(key))
        if args[1].op == "lit":
            choice = args[1].value
            return lambda env: _selected(env.get(key), choice)
    parts = tuple(compile_node(a) for a in args)
    return lambda env: fn(*[p(env) for p in parts])
