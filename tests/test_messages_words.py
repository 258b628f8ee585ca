"""Japanese messages name kinds of value in Japanese; 1e308 is a number; the documented limits are the real ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.domain.errors import UserError
from app.exchange.importer import check_mapping
from app.exchange.layout import Column, Layout
from app.loading import yaml_safe
from app.loading.loader import convert
from app.storage.assessment_file import loads
from tests.helpers import EXAMPLE, ROOT, standard, standard_text

ENGLISH = re.compile(r"\b(a number|a finite number|a list|a mapping|an object|dict|list|str|int|float|bool|"
                     r"NoneType|text '|nothing|true or false|unknown field|used twice|an expression|an item id)\b")


def _example(**changes: object) -> str:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data.update(changes)
    return json.dumps(data, ensure_ascii=False)


def _questionnaire_problems(text: str) -> list[str]:
    with pytest.raises(UserError) as err:
        convert(text, "q.yaml")
    return [p.message("ja") for p in err.value.problems]


INPUTS = [
    ("info as a list", lambda: [p.message("ja") for p in loads(_example(info=["x"]), standard()).problems
                                if p.code == "A013"]),
    ("tasks as text", lambda: [p.message("ja") for p in loads(_example(tasks="x"), standard()).problems
                               if p.code == "A013"]),
    ("a list as the file", lambda: _assessment_error("[1, 2]")),
    ("a rate as text", lambda: _questionnaire_problems(standard_text().replace("reduction_rate: 0.3",
                                                                              "reduction_rate: たくさん", 1))),
    ("a NaN rate", lambda: _questionnaire_problems(standard_text().replace("reduction_rate: 0.3",
                                                                          "reduction_rate: .nan", 1))),
    ("a boolean as text", lambda: _questionnaire_problems(standard_text().replace("    provisional: true\n",
                                                                                 "    provisional: はい\n", 1))),
    ("settings as a list", lambda: _questionnaire_problems(standard_text().replace(
        "settings:\n", "settings:\n  - 1\nsettings_old:\n", 1))),
    ("a mapping key that is a list", lambda: _questionnaire_problems("id: x\n[1, 2]: y\n")),
    ("a column mapping of an unknown field", lambda: _mapping_error({"name": 0, "colour": 1})),
    ("a column used twice", lambda: _mapping_error({"name": 0, "annual_cases": 0})),
]


def _assessment_error(text: str) -> list[str]:
    with pytest.raises(UserError) as err:
        loads(text, standard())
    return [p.message("ja") for p in err.value.problems]


def _mapping_error(mapping: dict[str, int]) -> list[str]:
    layout = Layout(0, 0, (Column(0, "A", "業務名"), Column(1, "B", "年間件数")))
    with pytest.raises(UserError) as err:
        check_mapping(standard(), layout, mapping)
    return [p.message("ja") for p in err.value.problems if p.code == "X003"]


@pytest.mark.parametrize(("name", "produce"), INPUTS, ids=[i[0] for i in INPUTS])
def test_japanese_messages_name_kinds_in_japanese(name: str, produce: object) -> None:
    messages = produce()  # type: ignore[operator]
    assert messages, "the input gives a message"
    for text in messages:
        assert not ENGLISH.search(text), text


def test_english_messages_keep_english_kinds() -> None:
    problems = [p for p in loads(_example(info=["x"]), standard()).problems if p.code == "A013"]
    assert "an object" in problems[0].message("en") and "a list" in problems[0].message("en")


@pytest.mark.parametrize("text", ["1e308", "1E3", "-2e-3", "+1.5e10", "6.02e23"])
def test_exponent_numbers_are_numbers(text: str) -> None:
    data = yaml_safe.load_text(f"value: {text}\n")
    assert data["value"] == float(text)


def test_the_questionnaire_size_limit_is_2_mb_in_code_and_docs() -> None:
    assert yaml_safe.MAX_BYTES == 2 * 1024 * 1024
    for doc in (ROOT / "docs" / "questionnaire-format.md", ROOT / "docs" / "reliability.md"):
        text = doc.read_text(encoding="utf-8")
        assert "2 MB" in text, doc
        assert not re.search(r"\b1 ?MB\b|1 MiB", text), doc


def test_a_file_just_under_the_limit_is_read_and_just_over_is_q003(tmp_path: Path) -> None:
    padding = "#" * 100 + "\n"
    base = standard_text()
    under = base + padding * ((yaml_safe.MAX_BYTES - len(base.encode("utf-8")) - 200) // len(padding))
    (tmp_path / "under.yaml").write_bytes(under.encode("utf-8"))  # bytes: Windows would add a CR to every line
    assert yaml_safe.load_file(tmp_path / "under.yaml")["id"] == "standard"
    (tmp_path / "over.yaml").write_bytes((under + "#" * 400).encode("utf-8"))
    with pytest.raises(UserError) as err:
        yaml_safe.load_file(tmp_path / "over.yaml")
    assert err.value.code == "Q003"
