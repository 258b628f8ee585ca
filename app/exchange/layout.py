"""Finding the header rows of a task sheet and suggesting which column holds which task field.

A 業務量調査 sheet usually opens with title rows (調査票の名前, 所属, 記入者), then one or two
header rows (a group heading such as 処理件数等 merged over 年間件数 / 1件あたり（分）), then
the task rows. The header is the row whose cells name the most task fields; neighbouring rows
without numbers that also name fields belong to the header too. The suggestion is only a
starting point: the user confirms or changes it once, and the mapping can be saved by heading text.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.questionnaire import Questionnaire
from app.domain.values import normalise, parse_number
from app.exchange.reader import Cell, Grid

HEADER_SCAN_ROWS = 30
MAX_HEADER_ROWS = 3

# Headings seen in municipal 業務量調査 and inventory sheets, besides each item's own label and id.
# Longer (more specific) headings win over shorter ones when several match.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("業務名", "事務名", "業務内容", "事務事業名", "作業名", "業務", "事務", "task"),
    "category": ("業務区分", "業務分類", "区分", "分類"),
    "legal_basis": ("根拠法令", "法令根拠", "根拠"),
    "channel": ("住民との接点", "受付方法", "受付手段", "接点"),
    "annual_cases": ("年間件数", "年間処理件数", "処理件数", "取扱件数", "件数"),
    "minutes_per_case": ("1件あたり", "1件当たり", "1件当り", "処理時間(分)", "所要時間(分)", "分/件", "単位時間"),
    "fixed_hours": ("件数によらない", "固定時間", "その他(時間)", "時間/年"),
    "peak_months": ("繁忙期", "繁忙月", "ピーク"),
    "staff": ("担当人数", "従事人数", "従事者数", "職員数", "人数"),
    "single_person": ("属人化", "特定の職員"),
    "rule_based": ("定型度", "定型"),
    "input_medium": ("入力・受付の媒体", "媒体"),
    "structured": ("データの形",),
    "stability": ("変更予定",),
    "documentation": ("手順書", "マニュアル"),
    "systems": ("使用システム", "システム"),
}


@dataclass(frozen=True)
class Column:
    """One column of the sheet: 0-based index, spreadsheet letter and its heading text."""

    index: int
    letter: str
    label: str

    def display(self) -> str:
        """``C: 年間件数`` — what the mapping screen shows."""
        return f"{self.letter}: {self.label}" if self.label else self.letter


@dataclass(frozen=True)
class Layout:
    """Where the header is (0-based rows ``first``..``last``) and the columns' headings."""

    first: int
    last: int
    columns: tuple[Column, ...]

    @property
    def data_start(self) -> int:
        """The first row below the header."""
        return self.last + 1


def column_letter(index: int) -> str:
    """``0 → A``, ``25 → Z``, ``26 → AA``."""
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _text(cell: Cell) -> str:
    if cell is None or isinstance(cell, bool):
        return ""
    return normalise(str(cell)).replace("\n", "").replace(" ", "")


def _is_number(cell: Cell) -> bool:
    if isinstance(cell, bool):
        return False
    if isinstance(cell, int | float):
        return True
    return isinstance(cell, str) and bool(cell.strip()) and parse_number(cell) is not None


def field_terms(q: Questionnaire) -> dict[str, tuple[str, ...]]:
    """For each input column of the task grid: the headings that name it, normalised."""
    out: dict[str, tuple[str, ...]] = {}
    for item in q.items_of("task_grid"):
        if not item.is_input:
            continue
        terms = [item.label.ja, item.label.en, item.id, *SYNONYMS.get(item.id, ())]
        out[item.id] = tuple(dict.fromkeys(t for t in (_text(x) for x in terms) if t))
    return out


def _match(terms: dict[str, tuple[str, ...]], text: str) -> tuple[str, int] | None:
    """The field a heading names best, with a score (exact match beats substring, longer beats shorter)."""
    if not text:
        return None
    best: tuple[str, int] | None = None
    for fid, words in terms.items():
        for w in words:
            if w.isascii() and len(w) < 4 and text.lower() != w.lower():
                continue  # short ascii ids ("name") must match exactly, not inside other words
            score = 1000 + len(w) if text.lower() == w.lower() else (len(w) if w.lower() in text.lower() else 0)
            if score and (best is None or score > best[1]):
                best = (fid, score)
    return best


def _row_fields(terms: dict[str, tuple[str, ...]], row: list[Cell]) -> set[str]:
    return {m[0] for c in row if (m := _match(terms, _text(c))) is not None}


def detect_layout(q: Questionnaire, grid: Grid) -> Layout | None:
    """The header rows and column headings, or ``None`` when no row names at least two task fields."""
    terms = field_terms(q)
    scan = grid.rows[:HEADER_SCAN_ROWS]
    scored = [(len(_row_fields(terms, r)), -n, n) for n, r in enumerate(scan)]
    if not scored:
        return None
    count, _, best = max(scored)
    if count < 2:
        return None

    def header_like(n: int) -> bool:
        row = grid.rows[n]
        # a title merged across the sheet has one distinct text; a header row has several headings
        distinct = {t for t in (_text(c) for c in row) if t}
        return len(distinct) >= 2 and not any(_is_number(c) for c in row) and bool(_row_fields(terms, row))

    first = last = best
    while first > 0 and best - first + 1 < MAX_HEADER_ROWS and header_like(first - 1):
        first -= 1
    while last + 1 < len(grid.rows) and last - first + 1 < MAX_HEADER_ROWS and header_like(last + 1):
        last += 1
    columns = []
    for c in range(grid.width):
        parts = [_text(grid.rows[r][c]) if c < len(grid.rows[r]) else "" for r in range(first, last + 1)]
        label = " ".join(dict.fromkeys(p for p in parts if p))
        columns.append(Column(c, column_letter(c), label))
    return Layout(first, last, tuple(columns))


def suggest_mapping(q: Questionnaire, grid: Grid, layout: Layout) -> dict[str, int]:
    """Field id → column index for the columns whose heading names a field; each used once.

    The lowest header row is the most specific (年間件数 under 処理件数等), so its match counts more.
    """
    terms = field_terms(q)
    candidates: list[tuple[int, int, str]] = []  # (score, column, field)
    for col in layout.columns:
        for depth, r in enumerate(range(layout.first, layout.last + 1)):
            row = grid.rows[r]
            m = _match(terms, _text(row[col.index]) if col.index < len(row) else "")
            if m is not None:
                candidates.append((m[1] + depth * 10_000, col.index, m[0]))
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for _score, col_index, fid in sorted(candidates, key=lambda x: (-x[0], x[1])):
        if fid in mapping or col_index in used:
            continue
        mapping[fid] = col_index
        used.add(col_index)
    return mapping


def mapping_by_label(mapping: dict[str, int], layout: Layout) -> dict[str, str]:
    """The mapping keyed by heading text, for saving and reusing with next year's sheet."""
    labels = {c.index: c.label for c in layout.columns}
    return {fid: labels[i] for fid, i in mapping.items() if labels.get(i)}


def mapping_from_labels(saved: dict[str, str], layout: Layout) -> dict[str, int]:
    """A saved heading-text mapping applied to this sheet's columns (unmatched headings are left out)."""
    index = {c.label: c.index for c in layout.columns if c.label}
    return {fid: index[label] for fid, label in saved.items() if label in index}
