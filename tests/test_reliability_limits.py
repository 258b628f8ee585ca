"""Limits that protect the app: size caps, node and alias caps, nesting depth, expression length and depth."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain import expressions
from app.domain.errors import ExpressionError, QuestionnaireError
from app.loading import yaml_safe
from app.loading.loader import convert, load_questionnaire

LAUGHS = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))


@pytest.mark.parametrize(("text", "code"), [
    (LAUGHS, "Q008"),  # billion laughs
    ("a: &a [*a]", "Q008"),  # recursive alias
    ("a:\n" + "- x\n" * (yaml_safe.MAX_NODES + 10), "Q029"),  # stops early, without parsing it all
    ("a: " + "[" * 5000 + "]" * 5000, "Q005"),  # nested too deeply
    ("id: " + "9" * 5000, "Q005"),  # integer too long to convert
    ('id: "\\ud800"', "Q005"),  # lone surrogate
    ("id: !!python/object/apply:os.system ['echo hacked']", "Q007"),
    ("<<", "Q007"),
    ("x" * (yaml_safe.MAX_BYTES + 1), "Q003"),
])
def test_questionnaire_limits(text: str, code: str) -> None:
    with pytest.raises(QuestionnaireError) as info:
        convert(text, "hostile.yaml")
    assert info.value.code == code
    assert info.value.problems[0].message("ja")


def test_questionnaire_file_over_the_size_cap_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "巨大 質問票.yaml"
    with open(path, "wb") as handle:
        handle.truncate(yaml_safe.MAX_BYTES + 1)
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire(path)
    assert info.value.code == "Q003"


@pytest.mark.parametrize(("source", "code"), [
    ("1 + " * 400 + "1", "E002"),
    ("(" * (expressions.MAX_DEPTH + 1) + "1" + ")" * (expressions.MAX_DEPTH + 1), "E003"),
    ("not " * (expressions.MAX_DEPTH + 1) + "true", "E003"),
    ("-" * (expressions.MAX_DEPTH + 1) + "1", "E003"),
    ("__import__('os')", "E004"),
])
def test_expression_limits(source: str, code: str) -> None:
    with pytest.raises(ExpressionError) as info:
        expressions.parse(source)
    assert info.value.code == code


def test_questionnaire_in_a_japanese_folder_with_spaces(tmp_path: Path) -> None:
    from tests.helpers import standard_text

    folder = tmp_path / "共有 フォルダ" / "業務改善 質問票"
    folder.mkdir(parents=True)
    path = folder / "標準 質問票.yaml"
    path.write_text(standard_text(), encoding="utf-8-sig")  # Notepad's BOM too
    assert load_questionnaire(path).id == "standard"
