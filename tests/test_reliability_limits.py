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


@pytest.mark.parametrize(("text", "place"), [
    ("a: " + "[" * 5000 + "]" * 5000, (1, None)),  # where the parser gave up, somewhere inside the brackets
    ("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(150)) + "  " * 150 + "x: 1\n", (102, 201)),
    ("a: [" + "[" * 150 + "]" * 150 + "]", (1, 104)),
    ("id: x\nname: ab\x00c\n", (2, 9)),  # characters YAML does not allow had no place at all
    ("id: x\nname: ab\x07c\n", (2, 9)),
])
def test_deep_nesting_and_forbidden_characters_are_placed(text: str, place: tuple[int, int | None]) -> None:
    with pytest.raises(QuestionnaireError) as info:
        yaml_safe.load_text(text, "hostile.yaml")
    (problem,) = info.value.problems
    assert problem.code == "Q005" and problem.line == place[0] and problem.column > 1
    assert place[1] is None or problem.column == place[1]
    ja, en = problem.message("ja"), problem.message("en")
    assert ("入れ子" in ja and "100" in en) or ("U+00" in ja and "control character" in en)


@pytest.mark.parametrize(("data", "place"), [
    ("id: x\ntitle: 標準\n".encode("shift_jis"), (2, 8)),
    ("id: x\ntitle: 区の標準 ".encode() + "版".encode("cp932"), (2, 13)),  # the column counts characters
    ("\ufeffid: 標準".encode() + b"\xff", (1, 7)),  # a byte-order mark is not a column
])
def test_a_file_not_in_utf8_is_placed_by_line_and_column(data: bytes, place: tuple[int, int]) -> None:
    with pytest.raises(QuestionnaireError) as info:
        yaml_safe.load_bytes(data, "q.yaml")
    (problem,) = info.value.problems
    assert (problem.code, problem.line, problem.column) == ("Q004", *place)
    assert "0x" in problem.message("en")
