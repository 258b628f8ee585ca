"""Turn a parsed questionnaire (Located data) into the domain model, collecting every problem.

Pass 1 checks structure (keys, types, ids, choices, labels) and builds the model; pass 2
(:mod:`app.loading.references`) checks what needs the whole file (expressions, settings, ordering).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from app.domain import expressions
from app.domain.errors import ExpressionError, Problem
from app.domain.expressions import Expression
from app.domain.messages import Words
from app.domain.questionnaire import (
    CHOICE_TYPES,
    EMPTY,
    ITEM_TYPES,
    STEP_KINDS,
    Band,
    Choice,
    GlossaryEntry,
    Item,
    LText,
    Measure,
    Setting,
    Step,
)
from app.loading import guides, measure_rules
from app.loading.located import Located, LocatedList

ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
VERSION_RE = re.compile(r"^\d+(\.\d+){0,2}$")

ITEM_KEYS = (
    "id", "type", "label", "hint", "required", "relevant", "constraint", "constraint_message",
    "calculate", "choices", "minimum", "maximum", "max_length", "default", "width",
)
STEP_KEYS = ("id", "kind", "title", "intro", "items")
MEASURE_KEYS = (
    "id", "ecrs", "label", "description", "trigger", "cross_department", "automation", "tool",
    "reduction_rate", "provisional", "provenance", "first_step", "kpi", "items", "fit", "gates",
    "title_example", "proposal_reason", "enabled", "guide", "central_procurement",
)
ECRS_CODES = ("E", "C", "R", "S", "M", "T")


# Japanese for the English phrases the checks use for "expected" and "got" (Q012)
EXPECTED_JA = {
    "a mapping (key: value)": "「キー: 値」の形", "text under 'ja' or 'en'": "「ja」「en」の下の文字列",
    "text or {ja, en}": "文字列か {ja, en}", "true or false": "true か false", "a number": "数値",
    "a finite number": "有限の数値", "an expression (text)": "式（文字列）", "a list": "一覧（リスト）",
    "text or a whole number": "文字列か整数", "1–5 for likert": "1〜5（5段階評価）",
    "a list of item ids": "項目IDの一覧", "an item id": "項目ID", "a likert item (1–5)": "5段階評価（likert）の項目",
    "choices that all have a score": "すべてに score がある選択肢",
    "choices whose score is a share from 0 to 1": "score が0〜1の割合である選択肢", "text": "文字列",
    "an expression that gives a number": "数値になる式", "a mapping": "「キー: 値」の形", "nothing": "空（値なし）",
    "true/false": "真偽値（true/false）",
}


def words(text: object) -> object:
    """``text`` as :class:`Words` when a Japanese form is known (or already Words), else unchanged."""
    if isinstance(text, str) and text in EXPECTED_JA:
        return Words(EXPECTED_JA[text], text)
    return text


class Collector:
    """Gathers problems with their locations; the loader raises them all at once."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, code: str, at: tuple[int, int] | None = None, where: str = "", **params: object) -> None:
        """Record one problem at ``at`` (line, column)."""
        line, col = at or (0, 0)
        shown = {k: words(v) if k in ("expected", "got") else v for k, v in params.items()}
        self.problems.append(Problem(code, shown, self.path, line, col, where))


def pos_of(container: Any, key: str | int | None = None) -> tuple[int, int]:
    """Where ``container[key]`` (or the container itself) stands in the file."""
    if isinstance(container, Located) and isinstance(key, str) and key in container.key_pos:
        return container.key_pos[key]
    if isinstance(container, LocatedList) and isinstance(key, int) and key < len(container.item_pos):
        return container.item_pos[key]
    return (getattr(container, "line", 0), getattr(container, "column", 0))


class Builder:
    """Pass 1: structural checks and model construction."""

    def __init__(self, out: Collector) -> None:
        self.out = out
        self.id_lines: dict[str, int] = {}
        # expressions to check in pass 2: (expression, scope name, location, where)
        self.expr_refs: list[tuple[Expression, str, tuple[int, int], str]] = []
        # fit rules' item ids to check in pass 2: (item id, location, where)
        self.fit_refs: list[tuple[str, tuple[int, int], str]] = []

    # --- small typed readers ------------------------------------------------------------------

    def mapping(self, value: Any, where: str, at: tuple[int, int]) -> Located | None:
        if isinstance(value, Located):
            return value
        self.out.add("Q012", at, where, key=where, expected="a mapping (key: value)", got=kind_words(value))
        return None

    def entries(self, raw: LocatedList, where: str, allowed: tuple[str, ...]) -> Iterator[tuple[str, Located]]:
        """Each mapping of the list ``raw`` with its place (``where[i]``), its keys checked against ``allowed``.

        An entry that is not a mapping is reported (Q012) and skipped.
        """
        for i, entry in enumerate(raw):
            entry_where = f"{where}[{i}]"
            data = self.mapping(entry, entry_where, pos_of(raw, i))
            if data is not None:
                self.keys(data, allowed, entry_where)
                yield entry_where, data

    def keys(self, data: Located, allowed: tuple[str, ...], where: str) -> None:
        for key in data:
            if key not in allowed:
                self.out.add("Q011", pos_of(data, key), where, key=key, known=", ".join(allowed))

    def required(self, data: Located, key: str, where: str, hint: str = "") -> bool:
        if key in data and data[key] is not None:
            return True
        self.out.add("Q010", pos_of(data), where, key=key, hint=hint)
        return False

    def text(self, data: Located, key: str, where: str, required: bool = False) -> LText:
        if key not in data or data[key] is None:
            if required:
                self.required(data, key, where)
            return EMPTY
        value = data[key]
        at = pos_of(data, key)
        if isinstance(value, str):
            return LText(value)
        if isinstance(value, Located):
            for lang in value:
                if lang not in ("ja", "en") or not isinstance(value[lang], str):
                    self.out.add("Q012", pos_of(value, lang), f"{where}.{key}.{lang}", key=f"{key}.{lang}",
                                 expected="text under 'ja' or 'en'", got=kind_words(value[lang]))
            ja = value.get("ja")
            if not isinstance(ja, str) or not ja.strip():
                self.out.add("Q020", at, f"{where}.{key}")
                return EMPTY
            en = value.get("en")
            return LText(ja, en if isinstance(en, str) else "")
        self.out.add("Q012", at, f"{where}.{key}", key=key, expected="text or {ja, en}", got=kind_words(value))
        return EMPTY

    def boolean(self, data: Located, key: str, where: str, default: bool = False) -> bool:
        value = data.get(key, default)
        if isinstance(value, bool):
            return value
        self.out.add("Q012", pos_of(data, key), f"{where}.{key}", key=key, expected="true or false",
                     got=kind_words(value))
        return default

    def number(self, data: Located, key: str, where: str, lo: float | None = None,
               hi: float | None = None) -> float | None:
        if key not in data or data[key] is None:
            return None
        value = data[key]
        at = pos_of(data, key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.out.add("Q012", at, f"{where}.{key}", key=key, expected="a number", got=kind_words(value))
            return None
        number = finite(value)
        if number is None:  # NaN, infinity, or an integer of hundreds of digits
            self.out.add("Q012", at, f"{where}.{key}", key=key, expected="a finite number", got=kind_words(value))
            return None
        if (lo is not None and number < lo) or (hi is not None and number > hi):
            self.out.add("Q022", at, f"{where}.{key}", value=_number_text(value), min=lo, max=hi)
        return number

    def ident(self, data: Located, where: str, unique: bool = True) -> str:
        if not self.required(data, "id", where, "id: example_id"):
            return ""
        value = data["id"]
        at = pos_of(data, "id")
        if not isinstance(value, str) or not ID_RE.match(value):
            self.out.add("Q015", at, where, id=value)
            return str(value)
        if unique:
            if value in self.id_lines:
                self.out.add("Q014", at, where, id=value, first_line=self.id_lines[value])
            else:
                self.id_lines[value] = at[0]
        return value

    def expr(self, data: Located, key: str, where: str, scope: str) -> Expression | None:
        if key not in data or data[key] is None:
            return None
        value = data[key]
        at = pos_of(data, key)
        if isinstance(value, bool):
            value = "true" if value else "false"
        if not isinstance(value, str):
            self.out.add("Q012", at, f"{where}.{key}", key=key, expected="an expression (text)", got=kind_words(value))
            return None
        try:
            parsed = expressions.parse(value)
        except ExpressionError as exc:
            self.out.add("Q017", at, f"{where}.{key}", detail=exc.problems[0].message("ja"))
            return None
        self.expr_refs.append((parsed, scope, at, f"{where}.{key}"))
        return parsed

    def seq(self, data: Located, key: str, where: str) -> LocatedList:
        value = data.get(key)
        if value is None:
            return LocatedList()
        if isinstance(value, LocatedList):
            return value
        self.out.add("Q012", pos_of(data, key), f"{where}.{key}", key=key, expected="a list", got=kind_words(value))
        return LocatedList()

    # --- model parts --------------------------------------------------------------------------

    def choices(self, data: Located, where: str, item_type: str) -> tuple[Choice, ...]:
        raw = self.seq(data, "choices", where)
        out: list[Choice] = []
        seen: set[object] = set()
        for cwhere, c in self.entries(raw, f"{where}.choices", ("value", "label", "score")):
            if not self.required(c, "value", cwhere):
                continue
            value = c["value"]
            if isinstance(value, bool) or not isinstance(value, str | int):
                self.out.add("Q012", pos_of(c, "value"), cwhere, key="value", expected="text or a whole number",
                             got=kind_words(value))
                continue
            if item_type == "likert" and not isinstance(value, int):
                self.out.add("Q012", pos_of(c, "value"), cwhere, key="value", expected="1–5 for likert",
                             got=kind_words(value))
            if value in seen:
                self.out.add("Q019", pos_of(c, "value"), cwhere, value=value)
            seen.add(value)
            score = self.number(c, "score", cwhere)
            if score is None and item_type == "likert" and isinstance(value, int):
                score = float(value)
            out.append(Choice(value, self.text(c, "label", cwhere, required=True), score))
        return tuple(out)

    def item(self, raw: Any, where: str, at: tuple[int, int], scope: str) -> Item | None:
        data = self.mapping(raw, where, at)
        if data is None:
            return None
        self.keys(data, ITEM_KEYS, where)
        item_id = self.ident(data, where)
        where = f"{where}({item_id})" if item_id else where
        item_type = data.get("type")
        if not isinstance(item_type, str) or item_type not in ITEM_TYPES:
            self.out.add("Q013", pos_of(data, "type"), where, value=item_type, known=", ".join(ITEM_TYPES))
            item_type = "text"
        choices = self.choices(data, where, item_type)
        if item_type in CHOICE_TYPES and not choices:
            self.out.add("Q018", pos_of(data), where, type=item_type)
        max_length = self.number(data, "max_length", where, 1, 100_000)
        minimum = self.number(data, "minimum", where)
        maximum = self.number(data, "maximum", where)
        if minimum is not None and maximum is not None and minimum > maximum:
            self.out.add("Q021", pos_of(data, "maximum"), where, values=f"{minimum}, {maximum}")
        return Item(
            id=item_id,
            type=item_type,
            label=self.text(data, "label", where, required=True),
            hint=self.text(data, "hint", where),
            required=self.boolean(data, "required", where),
            relevant=self.expr(data, "relevant", where, scope),
            constraint=self.expr(data, "constraint", where, scope),
            constraint_message=self.text(data, "constraint_message", where),
            calculate=self.expr(data, "calculate", where, scope),
            choices=choices,
            minimum=minimum,
            maximum=maximum,
            max_length=int(max_length) if max_length is not None else None,
            default=data.get("default"),
            width=int(self.number(data, "width", where, 0, 200) or 0),
            line=at[0],
        )

    def items(self, data: Located, where: str, scope: str) -> tuple[Item, ...]:
        raw = self.seq(data, "items", where)
        built = (self.item(entry, f"{where}.items[{i}]", pos_of(raw, i), scope) for i, entry in enumerate(raw))
        return tuple(i for i in built if i is not None)

    def step(self, raw: Any, where: str, at: tuple[int, int]) -> Step | None:
        data = self.mapping(raw, where, at)
        if data is None:
            return None
        self.keys(data, STEP_KEYS, where)
        step_id = self.ident(data, where)
        kind = data.get("kind")
        if not isinstance(kind, str) or kind not in STEP_KINDS:
            self.out.add("Q024", pos_of(data, "kind"), where, value=kind, known=", ".join(STEP_KINDS))
            kind = "page"
        scope = {"page": "info", "task_grid": "task", "task_analysis": "task"}.get(kind, "none")
        items = self.items(data, f"{where}({step_id})", scope)
        if scope == "none" and items:
            self.out.add("Q011", pos_of(data, "items"), where, key="items", known=", ".join(STEP_KEYS[:4]))
        return Step(step_id, kind, self.text(data, "title", where, required=True), self.text(data, "intro", where),
                    items)

    def measure(self, raw: Any, where: str, at: tuple[int, int]) -> Measure | None:
        data = self.mapping(raw, where, at)
        if data is None:
            return None
        self.keys(data, MEASURE_KEYS, where)
        mid = self.ident(data, where, unique=False)
        where = f"{where}({mid})"
        ecrs = data.get("ecrs", "T")
        if ecrs not in ECRS_CODES:
            self.out.add("Q012", pos_of(data, "ecrs"), where, key="ecrs", expected="/".join(ECRS_CODES), got=ecrs)
            ecrs = "T"
        rate = self.number(data, "reduction_rate", where, 0.0, 1.0)
        if rate is None:
            self.required(data, "reduction_rate", where, "reduction_rate: 0.3")
        trigger = self.expr(data, "trigger", where, "task")
        if trigger is None:
            self.required(data, "trigger", where, "trigger: \"selected(pain_points, 'paper')\"")
            trigger = expressions.parse("false")
        return Measure(
            id=mid,
            label=self.text(data, "label", where, required=True),
            description=self.text(data, "description", where),
            ecrs=str(ecrs),
            trigger=trigger,
            automation=self.boolean(data, "automation", where),
            tool=self.boolean(data, "tool", where, default=ecrs == "T"),
            reduction_rate=rate or 0.0,
            provisional=self.boolean(data, "provisional", where, default=True),
            provenance=self.text(data, "provenance", where, required=True),
            cross_department=self.expr(data, "cross_department", where, "measure"),
            first_step=self.text(data, "first_step", where),
            kpi=self.text(data, "kpi", where),
            items=self.items(data, where, "measure"),
            fit=measure_rules.fit_rules(self, data, where),
            gates=measure_rules.gates(self, data, where),
            title_example=self.text(data, "title_example", where),
            proposal_reason=self.text(data, "proposal_reason", where),
            enabled=self.boolean(data, "enabled", where, default=True),
            guide=guides.guide(self, data["guide"], f"{where}.guide", pos_of(data, "guide"))
            if data.get("guide") is not None else None,
            central_procurement=self.boolean(data, "central_procurement", where),
        )

    def setting(self, key: str, raw: Any, at: tuple[int, int]) -> Setting | None:
        where = f"settings.{key}"
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            number = finite(raw)
            if number is None:
                self.out.add("Q012", at, where, key=key, expected="a finite number", got=kind_words(raw))
                return None
            return Setting(key, number, LText(key), False, EMPTY)
        data = self.mapping(raw, where, at)
        if data is None:
            return None
        self.keys(data, ("value", "text", "label", "provisional", "provenance"), where)
        if "text" in data and "value" not in data:
            text = self.text(data, "text", where, required=True)
            return Setting(key, 0.0, self.text(data, "label", where) or LText(key),
                           self.boolean(data, "provisional", where), self.text(data, "provenance", where), text)
        value = self.number(data, "value", where)
        if value is None:
            self.required(data, "value", where)
            return None
        return Setting(key, value, self.text(data, "label", where) or LText(key),
                       self.boolean(data, "provisional", where), self.text(data, "provenance", where))

    def bands(self, raw: Any, at: tuple[int, int]) -> tuple[tuple[Band, ...], bool, LText]:
        data = self.mapping(raw, "bands", at)
        if data is None:
            return (), True, EMPTY
        self.keys(data, ("provisional", "provenance", "levels"), "bands")
        levels = self.seq(data, "levels", "bands")
        out: list[Band] = []
        for where, b in self.entries(levels, "bands.levels", ("level", "min_hours", "label", "message")):
            level = self.number(b, "level", where, 1, 5)
            min_hours = self.number(b, "min_hours", where, 0)
            if level is None or min_hours is None:
                self.required(b, "level" if level is None else "min_hours", where)
                continue
            out.append(Band(int(level), min_hours, self.text(b, "label", where, required=True),
                            self.text(b, "message", where)))
        return tuple(out), self.boolean(data, "provisional", "bands", True), self.text(data, "provenance", "bands")

    def glossary(self, raw: LocatedList) -> tuple[GlossaryEntry, ...]:
        out: list[GlossaryEntry] = []
        for where, g in self.entries(raw, "glossary", ("term", "text")):
            term = g.get("term")
            if not isinstance(term, str) or not term:
                self.required(g, "term", where)
                continue
            out.append(GlossaryEntry(term, self.text(g, "text", where, required=True)))
        return tuple(out)


def finite(value: float) -> float | None:
    """``value`` as a float, or None when it is NaN, infinite or too large for a float."""
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def kind_words(value: Any) -> object:
    """What was found, in words of both languages."""
    if value is None:
        return words("nothing")
    if isinstance(value, bool):
        return words("true/false")
    if isinstance(value, int | float):
        shown = _number_text(value)
        return Words(f"数値 {shown}", f"number {shown}")
    if isinstance(value, str):
        return Words(f"文字列「{value[:30]}」", f"text '{value[:30]}'")
    if isinstance(value, list):
        return words("a list")
    if isinstance(value, dict):
        return words("a mapping")
    return type(value).__name__


def _number_text(value: float) -> str:
    """A number as quoted back: an integer of hundreds of digits is cut (``999999…（401桁）``)."""
    if isinstance(value, int) and value.bit_length() > 64:
        if value.bit_length() >= 14_000:  # str() refuses more than 4,300 digits
            return f"…（約{int(value.bit_length() * math.log10(2)) + 1}桁）"
        text = str(abs(value))
        return f"{'-' if value < 0 else ''}{text[:12]}…（{len(text)}桁）"
    return f"{value}"
