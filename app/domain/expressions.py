"""A small expression language for skip logic, constraints, calculations and measure triggers.

Questionnaire authors write conditions such as ``input_medium <= 2 and annual_cases >= 300`` or
``selected(pain_points, 'paper')``. They are parsed once when the questionnaire loads (so every
reference can be checked) and evaluated by :mod:`app.domain.expression_eval` (a walk of the tree, or closures made
from it once): nothing ever reaches ``eval``.

Grammar (lowest precedence first)::

    expr    := or
    or      := and ('or' and)*
    and     := not ('and' not)*
    not     := 'not' not | cmp
    cmp     := sum (('=' | '==' | '!=' | '<' | '<=' | '>' | '>=') sum)?
    sum     := term (('+' | '-') term)*
    term    := unary (('*' | '/') unary)*
    unary   := '-' unary | atom
    atom    := NUMBER | STRING | 'true' | 'false' | 'null' | NAME | NAME '(' args ')' | '(' expr ')'

Semantics: a name is an item id; an unanswered item is ``null``. In arithmetic ``null`` counts as 0
(so ``annual_cases * minutes_per_case / 60 + fixed_hours`` works with blanks); a comparison with
``null`` on either side is false except ``= null`` / ``!= null``; division by zero gives ``null``, and so does a
result too large for a decimal number (a huge whole number with a decimal one).
``and``/``or`` return booleans. Functions: ``selected(id, 'v')`` (a multiple choice holds v, or a
single choice equals v), ``count(id)`` (how many choices are selected), ``answered(id)``,
``coalesce(a, b, …)``, ``min(a, …)``, ``max(a, …)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from app.domain.answer_keys import NONE_KEY, UNFROZEN
from app.domain.errors import ExpressionError, Problem
from app.domain.expression_eval import FUNCTION_NAMES, FUNCTIONS, Compiled, Node, Value, compile_node, truthy

MAX_LENGTH = 1000
MAX_DEPTH = 32


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<num>\d+(?:\.\d+)?)
      | (?P<str>'[^']*'|"[^"]*")
      | (?P<op><=|>=|!=|==|=|<|>|\+|-|\*|/|\(|\)|,)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    )""",
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "true", "false", "null"}


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    pos: int


def _tokenize(source: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    pos = 0
    stripped_end = len(source.rstrip())
    while pos < stripped_end:
        m = _TOKEN.match(source, pos)
        if not m or m.end() == pos:
            raise _error("E001", pos=pos + 1, detail=repr(source[pos : pos + 10].strip()))
        kind = m.lastgroup or ""
        text = m.group(kind)
        start = m.start(kind) + 1
        if kind == "name" and text in _KEYWORDS:
            kind = text
        tokens.append(_Tok(kind, text, start))
        pos = m.end()
    tokens.append(_Tok("end", "", len(source) + 1))
    return tokens


def _error(code: str, **params: object) -> ExpressionError:
    return ExpressionError(Problem(code, dict(params)))




class _Parser:
    def __init__(self, source: str) -> None:
        self.toks = _tokenize(source)
        self.i = 0
        self.depth = 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self, *kinds: str) -> _Tok | None:
        tok = self.toks[self.i]
        if tok.kind in kinds or (tok.kind == "op" and tok.text in kinds):
            self.i += 1
            return tok
        return None

    def expect(self, text: str) -> _Tok:
        tok = self.take(text)
        if tok is None:
            got = self.peek()
            raise _error("E001", pos=got.pos, detail=f"'{text}' expected, got {got.text or 'end'!r}")
        return tok

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _error("E003", limit=MAX_DEPTH)

    def parse(self) -> Node:
        node = self.or_()
        tok = self.peek()
        if tok.kind != "end":
            raise _error("E001", pos=tok.pos, detail=f"unexpected {tok.text!r}")
        return node

    def or_(self) -> Node:
        parts = [self.and_()]
        while self.take("or"):
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else Node("or", tuple(parts))

    def and_(self) -> Node:
        parts = [self.not_()]
        while self.take("and"):
            parts.append(self.not_())
        return parts[0] if len(parts) == 1 else Node("and", tuple(parts))

    def not_(self) -> Node:
        if self.take("not"):
            self.nest()
            node = Node("not", (self.not_(),))
            self.depth -= 1
            return node
        return self.cmp()

    def cmp(self) -> Node:
        left = self.sum()
        tok = self.take("=", "==", "!=", "<", "<=", ">", ">=")
        if tok:
            return Node(tok.text, (left, self.sum()))
        return left

    def sum(self) -> Node:
        node = self.term()
        while (tok := self.take("+", "-")) is not None:
            node = Node(tok.text, (node, self.term()))
        return node

    def term(self) -> Node:
        node = self.unary()
        while (tok := self.take("*", "/")) is not None:
            node = Node(tok.text, (node, self.unary()))
        return node

    def unary(self) -> Node:
        if self.take("-"):
            self.nest()
            node = Node("neg", (self.unary(),))
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        tok = self.peek()
        if self.take("num"):
            return Node("lit", value=float(tok.text) if "." in tok.text else int(tok.text))
        if self.take("str"):
            return Node("lit", value=tok.text[1:-1])
        if self.take("true", "false"):
            return Node("lit", value=tok.kind == "true")
        if self.take("null"):
            return Node("lit", value=None)
        if self.take("("):
            self.nest()
            node = self.or_()
            self.expect(")")
            self.depth -= 1
            return node
        if self.take("name"):
            if self.take("("):
                return self.call(tok)
            return Node("ref", value=tok.text)
        raise _error("E001", pos=tok.pos, detail=f"unexpected {tok.text or 'end'!r}")

    def call(self, name: _Tok) -> Node:
        if name.text not in FUNCTIONS:
            raise _error("E004", name=name.text, known=", ".join(FUNCTION_NAMES))
        self.nest()
        args: list[Node] = []
        if not self.take(")"):
            args.append(self.or_())
            while self.take(","):
                args.append(self.or_())
            self.expect(")")
        self.depth -= 1
        lo, hi, ref_first, _fn = FUNCTIONS[name.text]
        if len(args) < lo or (hi >= 0 and len(args) > hi):
            raise _error("E005", name=name.text, expected=lo if lo == hi else f"{lo}+", got=len(args))
        if ref_first and args[0].op != "ref":
            raise _error("E006", name=name.text)
        return Node("call", tuple(args), name.text)


_MEMO_LIMIT = 4096  # remembered conditions per expression: memory stays bounded on any answers


@dataclass(frozen=True)
class Expression:
    """A parsed expression: keep ``source`` for messages, evaluate against a mapping of answers."""

    source: str
    root: Node

    def evaluate(self, env: Mapping[str, Value]) -> Value:
        """The value of the expression; unknown names evaluate to ``null``."""
        return self._compiled(env)

    def test(self, env: Mapping[str, Value], keys: Mapping[str, object] | None = None) -> bool:
        """The expression as a condition (``null``, 0, empty text and empty lists are false).

        With ``keys`` (:func:`app.domain.answer_keys.frozen` of each value of ``env``) the result is remembered
        per distinct tuple of the values it reads: a scorer tests the same few conditions on thousands of tasks
        whose answers repeat.
        A condition is a function of those values alone. The keys carry each value's type, so ``true`` and
        ``1`` differ; 0.0 and -0.0 share an entry, and no operation of the language gives a different truth
        for them (they compare equal, and dividing by either gives ``null``).
        """
        if keys is None:
            value = self._compiled(env)
            return value is True or (value is not False and truthy(value))
        return self.test_keyed(keys, lambda: env)

    def test_keyed(self, keys: Mapping[str, object], make_env: Callable[[], Mapping[str, Value]]) -> bool:
        """:meth:`test` on the answers whose :func:`frozen` keys are ``keys``; ``make_env`` gives the answers
        themselves, called only when this tuple of values was not seen before."""
        key = tuple([keys.get(r, NONE_KEY) for r in self._refs])
        hit = self._memo.get(key)
        if hit is None:
            hit = truthy(self._compiled(make_env()))
            if len(self._memo) < _MEMO_LIMIT and UNFROZEN not in key:
                self._memo[key] = hit
        return hit

    @cached_property
    def _refs(self) -> tuple[str, ...]:
        return tuple(sorted(self.references()))

    @cached_property
    def _memo(self) -> dict[tuple[object, ...], bool]:
        return {}

    @cached_property
    def _compiled(self) -> Compiled:
        return compile_node(self.root)

    def __reduce__(self) -> tuple[type[Expression], tuple[str, Node]]:
        """Copied and pickled as source and tree; the compiled closures are made again on first use."""
        return Expression, (self.source, self.root)

    def references(self) -> frozenset[str]:
        """Every item id the expression names."""
        out: set[str] = set()
        stack = [self.root]
        while stack:
            node = stack.pop()
            if node.op == "ref":
                out.add(str(node.value))
            stack.extend(node.args)
        return frozenset(out)


def parse(source: str) -> Expression:
    """Parse ``source`` or raise :class:`ExpressionError` (E001–E006) saying where and why."""
    if len(source) > MAX_LENGTH:
        raise _error("E002", length=len(source), limit=MAX_LENGTH)
    if not source.strip():
        raise _error("E001", pos=1, detail="empty expression")
    return Expression(source, _Parser(source).parse())
