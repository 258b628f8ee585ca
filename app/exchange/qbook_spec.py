"""The questionnaire workbook's sheets, derived from the questionnaire model: columns, cells and YAML paths.

Each sheet (設定, 効果区分, 改善策, 用語集, and any list the model grows) is a :class:`SheetSpec`: a key column
that names the row, then one column per editable field. Columns of a dataclass row are derived from
its fields (text → 日本語 and 英語 columns, numbers, はい/いいえ flags, expressions as text), so a field
another change adds to the model appears in the workbook without touching this module; lists of
nested things (items, fit rules) stay in the YAML. Each column knows its place in the YAML file, so
the import can write a changed cell back to exactly one node.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.catalogue import Words
from app.domain.expressions import Expression
from app.domain.questionnaire import LText, Questionnaire

YES, NO = "はい", "いいえ"
# A segment of a YAML path: a mapping key, or ("id", "rpa") = the list element whose id is rpa.
Segment = str | tuple[str, object]

# Headers and explanations of known fields; unknown fields (added to the model later) get their name.
FIELD_TEXT: dict[str, tuple[str, str]] = {
    "id": ("キー", "変更できません。行を削除・追加しないでください。"),
    "level": ("区分", "変更できません（1〜5）。"),
    "term": ("用語", "新しい用語は下の空き行に追加できます。"),
    "value": ("値", "数値（範囲は入力規則のとおり）。"),
    "label": ("名称", "画面・計画に出る名前。"),
    "description": ("説明", "改善策の説明文。"),
    "provisional": ("仮の値", "はい＝計画に「仮の値」と表示。実績で確かめたら いいえ。"),
    "provenance": ("出典・根拠", "値の出どころ。計画の前提条件のページに印刷されます。"),
    "min_hours": ("最小の年間削減時間", "この区分になる最小の時間（小さい順、区分1は0）。"),
    "message": ("メッセージ", "計画に出る説明。"),
    "ecrs": ("ECRS", "E/C/R/S=ECRS、M=手順書、T=道具。"),
    "enabled": ("使う", "いいえ＝この改善策を提案しません（どこにも表示されません）。"),
    "reduction_rate": ("削減率", "0〜1（0.3＝30%）。"),
    "automation": ("自動化", "はい＝自動化の改善策（適性の点数を使う）。"),
    "tool": ("道具", "はい＝ツール・システムを使う改善策。"),
    "first_step": ("最初の一歩", "計画に出る「何から始めるか」。"),
    "kpi": ("KPI", "効果を確かめる指標。"),
    "title_example": ("行動名の例", "行動の名前の書き方の例。"),
    "trigger": ("提案する条件（式）", "式の書き方は質問票の説明書§6。"),
    "cross_department": ("全庁的な提案にする条件（式）", "空欄＝なし。"),
    "text": ("説明", "用語の説明。"),
    "what": ("何をするか", "進め方カードの最初の説明。"),
    "prerequisites": ("前提", "始める前に確かめること。"),
    "contact": ("窓口・内線", "相談先と内線番号（自分の庁内の情報に直してください）。"),
    "tools": ("使える道具", "庁内にある道具・ライセンス。"),
    "budget": ("予算", "予算が要るか、要求の時期。"),
    "security": ("情報セキュリティ・個人情報", "確かめること（目的内利用、LGWANなど）。"),
    "pitfalls": ("つまずきやすい点", ""),
    "example": ("見本のまま", "はい＝出荷時の見本。自分の庁内の内容に直したら いいえ。"),
}
GUIDE_STEPS = 5  # 進め方カード: steps 1–5 as columns
# The unit shown next to a setting's value (read only, for the reader).
SETTING_UNITS = {
    "unit_cost_yen_per_hour": "円/時間", "hours_per_fte": "時間/年", "pareto_coverage": "割合（0〜1）",
    "max_focus_tasks": "件", "max_quick_wins": "件", "quadrant_potential_min": "区分（1〜5）",
    "quadrant_ease_min": "容易度（1〜5）", "review_months": "か月",
}
# The order staff look for things in; fields not listed (added to the model later) follow in model order.
PREFERRED_ORDER = ("label", "enabled", "reduction_rate", "provisional", "provenance", "first_step", "title_example",
                   "kpi", "description", "ecrs", "automation", "tool", "trigger", "cross_department")
NON_EDITABLE_TYPES = (tuple, list, dict)  # nested lists (items, fit rules, gates) stay in the YAML
CONTACT_SETTING = "central_team_contact"
CONTACT_LABEL = {"ja": "業務改善担当の連絡先（内線・メール）", "en": "How to reach the improvement team"}
TEXT_EN_HINT = "名前・連絡先など文字の設定の英語（省略可）。数値には使いません。"
WORD_SETTINGS = ("date_style",)  # text settings whose value is one of a few words, the same in both languages


@dataclass(frozen=True)
class Column:
    """One column of a sheet: which field (and language part) of the row it shows, and how to check it."""

    field: str  # the model attribute and the YAML key
    header: str
    hint: str
    kind: str  # key | text | number | rate | flag | expr | choice | date | unit | ref (shown, never read)
    part: str = ""  # "ja" / "en" for translatable texts
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    width: int = 14
    required: bool = False  # may not be cleared: a plain text (a case's department), a number, a condition
    number_format: str = ""  # the cells' format where the kind's default does not fit (hours)

    @property
    def editable(self) -> bool:
        """Whether the import reads this column (keys, units and references are for reading only)."""
        return self.kind not in ("key", "unit", "ref")


@dataclass(frozen=True)
class SheetRow:
    """One row of a sheet: its key, its YAML path and the model values of its columns."""

    key: object
    path: tuple[Segment, ...]
    values: dict[str, object]  # column field+part → cell value as written
    bounds: dict[str, tuple[float, float]] = dataclasses.field(default_factory=dict)  # per-row number range
    text_value: bool = False  # a text setting: its value column holds text, not a number
    locked: tuple[str, ...] = ()  # fields shown but not editable in this row
    absent: bool = False  # a setting the file does not have yet (the team's contact): filling it in adds it


NOTHING_INSTEAD = Words("", "")
QUESTIONNAIRE = Words("質問票", "the questionnaire")


@dataclass(frozen=True)
class SheetSpec:
    """A sheet of the workbook: its name, explanation, columns and rows."""

    name: str
    intro: str
    columns: tuple[Column, ...]
    rows: tuple[SheetRow, ...]
    key_field: str
    list_path: tuple[Segment, ...]  # where new rows go (only where ``can_add``)
    can_add: bool = False
    # what to do instead of deleting a row (X110), in parentheses; none where the sheet has no such way
    instead: Words = NOTHING_INSTEAD
    source: Words = QUESTIONNAIRE  # where the rows' keys come from (X111)


def col_id(c: Column) -> str:
    """The column's identity inside a row's values: ``field`` or ``field.ja`` (``steps.0.ja`` for a card's step)."""
    return f"{c.field}.{c.part}" if c.part else c.field


def column_path(c: Column) -> tuple[Segment | int, ...]:
    """The YAML keys under a row that a column writes: ``("label", "ja")``, ``("steps", 0, "ja")``."""
    parts = [int(p) if p.isdigit() else p for p in c.part.split(".")] if c.part else []
    return (c.field, *parts)


def _hints(name: str) -> tuple[str, str]:
    return FIELD_TEXT.get(name, (name, ""))


def _field_types(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def columns_of(cls: type, key: str, skip: Sequence[str] = (), rates: Sequence[str] = ("reduction_rate",),
               choices: dict[str, tuple[str, ...]] | None = None) -> tuple[Column, ...]:
    """The columns of a dataclass row type: the key first, then every editable field in declaration order."""
    types = _field_types(cls)
    header, hint = _hints(key)
    out = [Column(key, header, hint, "key", width=18)]
    for f in dataclasses.fields(cls):
        name, tp = f.name, types[f.name]
        if name == key or name in skip or name.startswith("_") or name == "line":
            continue
        header, hint = _hints(name)
        origin = typing.get_origin(tp) or tp
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if isinstance(origin, type) and issubclass(origin, NON_EDITABLE_TYPES):
            continue  # nested lists (items, fit rules, a card's steps) have their own columns or stay in YAML
        if tp is LText or LText in args:
            out += [Column(name, header, hint, "text", "ja", width=26),
                    Column(name, f"{header}（英）", "English (optional)", "text", "en", width=20)]
        elif tp is Expression or Expression in args:
            out.append(Column(name, header, hint, "expr", width=30, required=tp is Expression))
        elif tp is bool:
            out.append(Column(name, header, hint, "flag", choices=(YES, NO), width=9))
        elif tp in (float, int):
            kind = "rate" if name in rates else "number"
            lo, hi = (0.0, 1.0) if kind == "rate" else (None, None)
            out.append(Column(name, header, hint, kind, minimum=lo, maximum=hi, width=12, required=True))
        elif tp is str and choices and name in choices:
            out.append(Column(name, header, hint, "choice", choices=choices[name], width=9))
    rank = {name: i for i, name in enumerate(PREFERRED_ORDER)}
    fields = [f.name for f in dataclasses.fields(cls)]
    out[1:] = sorted(out[1:], key=lambda c: (rank.get(c.field, len(rank) + fields.index(c.field)), c.part != "ja"))
    return tuple(out)


def cell_of(value: object, column: Column) -> object:
    """A model value as the workbook shows it."""
    if isinstance(value, LText):
        return (value.ja if column.part == "ja" else value.en) or None
    if isinstance(value, Expression):
        return value.source
    if value is None:
        return None
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer() and column.kind != "rate":
        return int(value)
    return value


def _rows(objs: Sequence[Any], columns: tuple[Column, ...], key: str, list_path: tuple[Segment, ...]
          ) -> tuple[SheetRow, ...]:
    out = []
    for obj in objs:
        k = getattr(obj, key)
        values = {col_id(c): cell_of(getattr(obj, c.field, None), c) for c in columns}
        out.append(SheetRow(k, (*list_path, (key, k)), values))
    return tuple(out)


def settings_sheet(q: Questionnaire, ranges: dict[str, tuple[float, float]]) -> SheetSpec:
    """設定: one row per setting (key, label, value, unit, provisional, provenance), then the bands' flags."""
    cols = (
        Column("id", "キー", FIELD_TEXT["id"][1], "key", width=26),
        Column("label", "項目", "", "text", "ja", width=34),
        Column("label", "項目（英）", "English (optional)", "text", "en", width=26),
        Column("value", "値", FIELD_TEXT["value"][1], "number", width=12, required=True),
        Column("text", "値（英）", TEXT_EN_HINT, "text", "en", width=22),
        Column("unit", "単位", "参考（変更しても読み込みません）。", "unit", width=14),
        Column("provisional", "仮の値", FIELD_TEXT["provisional"][1], "flag", choices=(YES, NO), width=9),
        Column("provenance", "出典・根拠", FIELD_TEXT["provenance"][1], "text", "ja", width=50),
        Column("provenance", "出典・根拠（英）", "English (optional)", "text", "en", width=36),
    )
    rows = []
    for sid, s in q.settings.items():
        text = getattr(s, "text", None)  # text settings (a team name) carry words, not a number
        values = {col_id(c): cell_of(getattr(s, c.field, None), c) for c in cols if c.kind not in ("key", "unit")}
        values["id"] = sid
        values["unit"] = SETTING_UNITS.get(sid)
        locked: tuple[str, ...] = ("text",)  # numbers and word choices (date_style) have no English value
        if isinstance(text, LText):
            values["value"] = text.ja or None
            if sid not in WORD_SETTINGS:
                values["text.en"] = text.en or None
                locked = ()
        bounds = {"value": ranges[sid]} if sid in ranges else {}
        rows.append(SheetRow(sid, ("settings", sid), values, bounds, isinstance(text, LText), locked))
    if CONTACT_SETTING not in q.settings:  # offered, so that the team can add its contact in Excel too
        rows.append(SheetRow(CONTACT_SETTING, ("settings", CONTACT_SETTING),
                             {"id": CONTACT_SETTING, "label.ja": CONTACT_LABEL["ja"], "label.en": CONTACT_LABEL["en"]},
                             text_value=True, locked=("label", "provisional", "provenance"), absent=True))
    bands = {"id": "bands", "label.ja": "効果区分のしきい値（効果区分シート）", "label.en": "Band thresholds",
             "value": None, "unit": None, "provisional": cell_of(q.bands_provisional, cols[6]),
             "provenance.ja": q.bands_provenance.ja or None, "provenance.en": q.bands_provenance.en or None}
    rows.append(SheetRow("bands", ("bands",), bands, locked=("label", "value", "text")))
    return SheetSpec("設定", "単価・しきい値などの数値です。黄色の列を直してください。"
                     "キーの列と行は変えないでください。", cols, tuple(rows), "id", ("settings",))


def _measure_sheet(q: Questionnaire) -> SheetSpec:
    from app.domain.questionnaire import Measure

    cols = columns_of(Measure, "id", choices={"ecrs": ("E", "C", "R", "S", "M", "T")})
    return SheetSpec("改善策", "改善策カタログです。削減率（0〜1）、仮の値・出典、最初の一歩、KPIなどを直せます。"
                     "条件（式）を変えると、読み込み時に式を確かめます。", cols,
                     _rows(q.measures, cols, "id", ("measures",)), "id", ("measures",),
                     instead=Words(f"（使わない改善策は「{FIELD_TEXT['enabled'][0]}」を {NO} にします）",
                                   f" (switch a measure off with {FIELD_TEXT['enabled'][0]} = {NO} instead)"))


def _bands_sheet(q: Questionnaire) -> SheetSpec:
    from app.domain.questionnaire import Band

    cols = columns_of(Band, "level")
    return SheetSpec("効果区分", "年間削減時間による効果区分1〜5です。"
                     "しきい値は小さい順に、区分1は0にしてください。", cols,
                     _rows(q.bands, cols, "level", ("bands", "levels")), "level", ("bands", "levels"))


def _glossary_sheet(q: Questionnaire) -> SheetSpec:
    from app.domain.questionnaire import GlossaryEntry

    cols = columns_of(GlossaryEntry, "term")
    return SheetSpec("用語集", "画面のヘルプに出る用語です。説明を直し、新しい用語は下の空き行に書き足せます。", cols,
                     _rows(q.glossary, cols, "term", ("glossary",)), "term", ("glossary",), can_add=True)


def _guide_sheet(q: Any) -> SheetSpec | None:
    """進め方カード: one row per measure that has a guidance card (``Measure.guide``), its texts and steps 1–5."""
    guided = [m for m in q.measures if dataclasses.is_dataclass(getattr(m, "guide", None))]
    if not guided:
        return None
    cols = [*columns_of(type(guided[0].guide), "measure")]
    cols[0] = Column("measure", "施策キー", "変更できません。カードのない施策はYAMLで追加します。", "key", width=16)
    for i in range(GUIDE_STEPS):
        cols.append(Column("steps", f"手順{i + 1}", "進め方の手順（空欄＝なし）。" if i == 0 else "", "text", f"{i}.ja",
                           width=24))
    rows = []
    for m in guided:
        values: dict[str, object] = {"measure": m.id}
        for c in cols[1:]:
            if c.field == "steps":
                steps, index = m.guide.steps, int(c.part.split(".")[0])
                values[col_id(c)] = steps[index].ja if index < len(steps) and steps[index].ja else None
            else:
                values[col_id(c)] = cell_of(getattr(m.guide, c.field, None), c)
        rows.append(SheetRow(m.id, (("guide_of", m.id),), values))
    return SheetSpec("進め方カード", "施策ごとの進め方カードです。窓口・内線、使える道具、予算の時期などを"
                     "自分の庁内の内容に直してください。", tuple(cols), tuple(rows), "measure", ())


# Further lists the model may grow (meeting cards): (sheet, attribute, key, YAML list key, intro). The case
# catalogue is a file of its own, not part of the questionnaire: its sheet comes from app.exchange.qbook_cases.
EXTRA_LISTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("進め方カード", "cards", "id", "cards", "会議の進め方のカードです。文言を直せます。"),
)


def _extra_sheets(q: Questionnaire) -> list[SheetSpec]:
    out = []
    for name, attr, key, yaml_key, intro in EXTRA_LISTS:
        objs = getattr(q, attr, None)
        if not objs or not dataclasses.is_dataclass(objs[0]):
            continue
        cols = columns_of(type(objs[0]), key)
        out.append(SheetSpec(name, intro, cols, _rows(objs, cols, key, (yaml_key,)), key, (yaml_key,)))
    return out


SheetBuilder = Callable[[Questionnaire], SheetSpec]


def sheets(q: Questionnaire, ranges: dict[str, tuple[float, float]], cases: SheetSpec | None = None
           ) -> list[SheetSpec]:
    """Every sheet of the questionnaire workbook, in order (``cases``: the 事例 sheet of its case catalogue)."""
    guides = _guide_sheet(q)
    return [settings_sheet(q, ranges), _bands_sheet(q), _measure_sheet(q), *([guides] if guides else []),
            *_extra_sheets(q), *([cases] if cases else []), _glossary_sheet(q)]
