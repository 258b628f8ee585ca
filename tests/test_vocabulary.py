"""One vocabulary, one catalogue class, one rounding rule: every key has both languages, every surface agrees."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.domain import vocabulary
from app.domain.action_fields import ACTION_ITEMS, FOLLOW_UP_ITEMS
from app.domain.catalogue import Catalogue, MissingTextError
from app.domain.messages import CATALOGUE
from app.gui import formats as gui_formats
from app.gui.pages.output import CSV_TABLES
from app.gui.pages.plan import COLUMNS, LAYOUT, TEXT_FIELDS
from app.gui.strings import UI
from app.report import formats as report_formats
from app.report.followup_strings import TEXTS as FOLLOWUP_TEXTS
from app.report.spread_strings import TEXTS as SPREAD_TEXTS
from app.report.strings import TEXTS as REPORT_TEXTS

APP = Path(__file__).resolve().parent.parent / "app"
CATALOGUES = [vocabulary.VOCABULARY, CATALOGUE, UI, REPORT_TEXTS, FOLLOWUP_TEXTS, SPREAD_TEXTS]


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda c: c.name)
def test_every_entry_has_japanese_and_english(catalogue: Catalogue) -> None:
    for key, (ja, en) in catalogue.items():
        assert ja.strip() and en.strip(), f"{catalogue.name}: {key} lacks a language"


@pytest.mark.parametrize(("values", "label"), [
    (vocabulary.ACTION_STATUSES, vocabulary.status_label),
    (vocabulary.QUADRANTS, vocabulary.quadrant_label),
    (vocabulary.GROUP_KINDS, vocabulary.group_kind_label),
    (vocabulary.ECRS_CODES, vocabulary.ecrs_label),
])
def test_every_domain_value_has_a_label_in_both_languages(values: tuple[str, ...], label: object) -> None:
    assert callable(label)
    for value in values:
        ja, en = label(value, "ja"), label(value, "en")
        assert ja and en and value not in (ja, en), value
    assert vocabulary.yes_no(True, "ja") == "はい" and vocabulary.yes_no(False, "en") == "No"


def test_labels_are_the_same_on_every_surface() -> None:
    """The drift the vocabulary removed: the report's English once said 'not started', the window 'Not started'."""
    assert vocabulary.status_label("not_started", "en") == "Not started"
    assert vocabulary.status_from_label("中止") == "cancelled"
    assert vocabulary.status_from_label("Done") == "done"
    assert vocabulary.status_from_label("finished") is None
    assert vocabulary.status_label("a_status_from_a_newer_app", "ja") == "a_status_from_a_newer_app"


def test_keys_built_at_run_time_exist() -> None:
    keys = [*COLUMNS, *(f"f_{name}" for row in LAYOUT for name in row if name not in ACTION_ITEMS),
            *(f"out_table_{t}" for t in CSV_TABLES),
            *(f"fu_{name}" for name in ("before", "after", "comment", "tips")),
            *(f"ag_col_{c}" for c in ("department", "inventory", "potential", "realised", "done"))]
    for key in keys:
        assert key in UI, key


def test_every_action_field_is_described_once() -> None:
    """The plan step's text and date fields are the action items; their labels have both languages."""
    assert set(TEXT_FIELDS) == set(ACTION_ITEMS)
    for item in [*ACTION_ITEMS.values(), *FOLLOW_UP_ITEMS.values()]:
        assert item.label.ja and item.label.en, item.id


def _literal_keys(pattern: str, files: list[Path]) -> set[tuple[str, str]]:
    found = set()
    for path in files:
        for key in re.findall(pattern, path.read_text(encoding="utf-8")):
            found.add((path.name, key))
    return found


def test_every_literal_key_in_the_code_is_in_its_catalogue() -> None:
    gui = sorted((APP / "gui").rglob("*.py"))
    for name, key in _literal_keys(r'\bui\(\s*"(\w+)"\s*[,)]', gui):
        assert key in UI, f"{name}: ui({key!r})"
    followup_files = ("story.py", "summary.py", "summary_chart.py")
    plan = [p for p in sorted((APP / "report").glob("*.py")) if p.name not in followup_files]
    for name, key in _literal_keys(r'\b(?:t|tp|text)\(\s*"(\w+)"\s*[,)]', plan):
        assert key in REPORT_TEXTS, f"{name}: {key!r}"
    followup = [APP / "report" / name for name in followup_files]
    for name, key in _literal_keys(r'\btext\(\s*"(\w+)"\s*[,)]', followup):
        assert key in FOLLOWUP_TEXTS, f"{name}: {key!r}"
    for name, key in _literal_keys(r'\bstext\(\s*"(\w+)"\s*[,)]', sorted((APP / "report").glob("*.py"))):
        assert key in SPREAD_TEXTS, f"{name}: {key!r}"
    everything = sorted(APP.rglob("*.py"))
    codes = _literal_keys(r'Problem\(\s*"([A-Z]\d{3})"', everything) | _literal_keys(
        r'(?:fail|Warning|_problem)\(\s*"([A-Z]\d{3})"', everything)
    assert len(codes) > 30
    for name, code in codes:
        assert code in CATALOGUE, f"{name}: {code}"


def test_one_behaviour_for_every_catalogue() -> None:
    c = Catalogue("sample", {"hello": ("こんにちは {name}", "Hello {name}"), "ja_only": ("日本語", "")})
    assert c("hello", "en", name="Ana") == "Hello Ana"
    assert c("hello", "ja") == "こんにちは {name}"  # a missing field stays visible instead of raising
    assert c("ja_only", "en") == "日本語"  # English falls back to Japanese
    assert c("hello", "ja", name="\udcff") == "こんにちは ?"  # a lone surrogate from a damaged file
    with pytest.raises(MissingTextError, match="sample: no text 'nope'"):
        c("nope", "ja")
    for catalogue in CATALOGUES:
        with pytest.raises(MissingTextError):
            catalogue("no_such_key_anywhere", "ja")


@pytest.mark.parametrize(("value", "hours", "percent"), [
    (2.25, "2.3", "225%"), (0.05, "0.1", "5%"), (1234.45, "1,234.5", "123445%"), (0.0, "0.0", "0%"),
    (0.125, "0.1", "13%"), (2.5, "2.5", "250%"),
])
def test_window_rounds_like_the_pdf(value: float, hours: str, percent: str) -> None:
    """Half up everywhere: the window once showed 2.2 where the PDF and ``score --json`` said 2.3."""
    assert gui_formats.hours(value) == hours == report_formats.fixed(value)
    assert gui_formats.percent(value) == percent
    assert gui_formats.yen(2.5) == "3" == report_formats.yen(2.5)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_action_lines_fields_have_one_name_on_every_surface(lang: str) -> None:
    """Status, done date, planned and realised hours and the action items read alike in the window's plan step,
    the follow-up window, the PDF's follow-up table, the spreadsheet export and the messages. They drifted:
    the export said 状態 and 実績時間（時間） where the window said 状況 and 削減できた時間（時間/年）, and a message
    named 実績時間 a field the follow-up window calls 削減できた時間."""
    from app import service
    from app.domain.quality import left_out
    from app.exchange.tables import actions_table
    from app.storage.assessment_file import loads
    from tests.helpers import EXAMPLE, standard

    opened = service.open_assessment(EXAMPLE)
    q, a = opened.questionnaire, opened.assessment
    export = actions_table(q, a, service.score(q, a), lang).headers
    window = {"status": UI("f_status", lang), "realised": UI("f_realised_hours", lang),
              "follow_up_status": UI("fu_status", lang),
              "follow_up_realised": FOLLOW_UP_ITEMS["realised_hours"].label.get(lang)}
    pdf = {"status": REPORT_TEXTS("col_status", lang), "done": REPORT_TEXTS("col_done_date", lang),
           "planned": REPORT_TEXTS("col_planned", lang), "realised": REPORT_TEXTS("col_realised", lang)}
    assert window["status"] == window["follow_up_status"] == pdf["status"] and pdf["status"] in export
    assert window["realised"] == window["follow_up_realised"] == pdf["realised"] and pdf["realised"] in export
    assert pdf["done"] in export and pdf["planned"] in export
    for item in ACTION_ITEMS.values():  # the plan step's labels head the export's columns
        assert item.label.get(lang) in export, item.id
    # a realised figure left out of the plan is named as the follow-up window names it
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["actions"][0]["realised_hours"] = -3
    bad = loads(json.dumps(data, ensure_ascii=False), standard(), "bad.kaizen.json")
    fields = [x.field.get(lang) for x in left_out(standard(), bad.assessment)]
    assert fields == [window["follow_up_realised"]]
