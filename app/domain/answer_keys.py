"""Hashable stand-ins for answer values, so a condition's result can be remembered per distinct tuple of the
answers it reads (:meth:`app.domain.expressions.Expression.test_keyed`, the per-measure scorer)."""

from __future__ import annotations

UNFROZEN = object()  # the key of a value that has no hashable stand-in: never remembered


def frozen(value: object) -> object:
    """A hashable stand-in for ``value``, equal only for equal values of the same types (lists item by item).

    A text is its own stand-in (no other value's stand-in is a text); other values are paired with their class."""
    cls = value.__class__
    if cls is str:
        return value
    if cls is int or cls is float or cls is bool or value is None:
        return (cls, value)
    if isinstance(value, list | tuple):
        items = tuple([frozen(v) for v in value])
        return UNFROZEN if UNFROZEN in items else (cls, items)
    if isinstance(value, set | frozenset):
        members = [frozen(v) for v in value]
        return UNFROZEN if UNFROZEN in members else (cls, frozenset(members))
    try:
        hash(value)
    except TypeError:
        return UNFROZEN
    return (cls, value)


NONE_KEY = frozen(None)
