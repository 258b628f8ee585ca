"""Questionnaire loading: the standard file is valid; every malformed file gets a located, fixable message."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.domain.errors import QuestionnaireError
from app.domain.messages import CATALOGUE
from app.loading.loader import convert, load_questionnaire
from tests.helpers import STANDARD, standard_text


def test_standard_questionnaire_loads_with_the_whole_framework() -> None:
    q = load_questionnaire(STANDARD)
    assert (q.id, q.version) == ("standard", "2.0.0")
    assert [s.kind for s in q.steps] == ["page", "page", "task_grid", "focus", "task_analysis", "measures",
                                        "results", "action_plan", "output"]
    assert [m.id for m in q.measures] == ["eliminate", "combine", "rearrange", "simplify", "manual", "ai_ocr", "rpa",
                                          "online_form", "cashless", "online_meeting", "chat_faq", "paperless",
                                          "data_sharing", "generative_ai", "front_desk", "channel_shift", "no_code",
                                          "standard_system"]
    grid = {i.id for i in q.items_of("task_grid")}
    assert {"name", "category", "legal_basis", "channel", "annual_cases", "minutes_per_case", "fixed_hours",
            "peak_months", "staff", "single_person", "rule_based", "input_medium", "structured", "stability",
            "documentation", "systems"} <= grid
    assert len(q.item("category").choices) == 16
    assert [b.min_hours for b in q.bands] == [0, 20, 50, 150, 400]
    # every label has Japanese and English
    for item in q.all_items():
        assert item.label.ja and item.label.en, item.id
    for m in q.measures:
        assert m.label.en and m.provenance.ja and m.provenance.en
    assert q.measure("rpa").reduction_rate == 0.56 and q.measure("rpa").provisional  # one 4-task pilot
    for m in q.measures:
        assert m.title_example.ja and m.first_step.ja and m.kpi.ja, m.id
    assert q.team_name() == "業務改善担当" and q.date_style() == "wareki" and q.date_style("en") == "western"
    assert q.measure("combine").provisional and q.settings["unit_cost_yen_per_hour"].provisional


def test_yes_and_no_stay_text_in_yaml_1_2() -> None:
    q = load_questionnaire(STANDARD)
    assert [c.value for c in q.item("ecrs_e").choices] == ["yes", "no", "unknown"]


def _problems(text: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as err:
        convert(text, "q.yaml")
    for p in err.value.problems:
        assert p.code in CATALOGUE
        assert p.path == "q.yaml"
    return [p.code for p in err.value.problems]


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("    kind: task_grid", "    kind: grid", "Q024"),
        ("        type: integer\n        label: {ja: 年間件数",
         "        type: number\n        label: {ja: 年間件数", "Q013"),
        ('trigger: "ecrs_e = \'yes\'"', 'trigger: "ecrs_x = \'yes\'"', "Q016"),
        ('trigger: "ecrs_e = \'yes\'"', "trigger: \"ecrs_e = 'yes\"", "Q017"),
        ("  - id: eliminate", "  - id: Eliminate", "Q015"),
        ("      - id: section\n", "      - id: department\n", "Q014"),
        ("      min_hours: 150", "      min_hours: 10", "Q021"),
        ("    value: 0.8", "    value: 8", "Q022"),
        ("  ease_items: [ease_budget,", "  ease_items: [ease_money,", "Q023"),
        ("      - id: fixed_hours", "      - id: fixed_time", "Q026"),
        ('version: "2.0.0"', 'version: "one"', "Q027"),
        ("    reduction_rate: 0.56", "    reduction_rate: 56", "Q022"),
        ("title:\n  ja: 業務改善セルフチェック（標準）\n  en: Kaizen Self-Check (standard)",
         "title:\n  en: only English", "Q020"),
        ("  hours_per_fte:", "  hours_per_ftee:", "Q010"),
    ],
)
def test_each_mistake_is_reported_with_its_code(old: str, new: str, code: str) -> None:
    text = standard_text()
    assert old in text, old
    assert code in _problems(text.replace(old, new, 1))


def test_all_problems_are_collected_not_just_the_first() -> None:
    text = standard_text().replace("    kind: task_grid", "    kind: grid").replace("  - id: eliminate", "  - id: E!")
    codes = _problems(text)
    assert "Q024" in codes and "Q015" in codes


def test_duplicate_key_names_both_lines() -> None:
    with pytest.raises(QuestionnaireError) as err:
        convert("id: a\nversion: '1'\nid: b\n", "dup.yaml")
    p = err.value.problems[0]
    assert (p.code, p.line, p.column) == ("Q006", 3, 1)
    assert "1" in p.message("ja")


def test_location_points_at_the_offending_line() -> None:
    text = standard_text()
    bad = text.replace('trigger: "ecrs_e = \'yes\'"', 'trigger: "ecrs_x = \'yes\'"', 1)
    line = bad.splitlines().index('    trigger: "ecrs_x = \'yes\'"') + 1
    with pytest.raises(QuestionnaireError) as err:
        convert(bad, "q.yaml")
    p = next(p for p in err.value.problems if p.code == "Q016")
    assert p.line == line
    assert p.render("ja").startswith(f"q.yaml:{line}:")


def test_bom_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "bom.yaml"
    f.write_bytes(b"\xef\xbb\xbf" + standard_text().encode("utf-8"))
    assert load_questionnaire(f).id == "standard"


BILLION_LAUGHS = """
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _malformed(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """The fixture set: file -> (path, expected code)."""
    marker = tmp_path / "pwned"
    cases = {
        "syntax": ("id: standard\nsteps:\n  - id: a\n   kind: page\n", "Q005"),
        "duplicate": ("id: standard\nversion: '1.0'\nid: other\n", "Q006"),
        "unknown_type": (standard_text().replace("        type: integer\n", "        type: money\n", 1), "Q013"),
        "unknown_id": (standard_text().replace("stability = 1", "stabilty = 1", 1), "Q016"),
        "python_tag": (f"id: !!python/object/apply:os.system ['touch {marker}']\n", "Q007"),
        "bomb": (BILLION_LAUGHS, "Q008"),
        "not_utf8": ("id: 標準\n".encode("shift_jis").decode("latin-1"), "Q004"),
        "top_level_list": ("- a\n- b\n", "Q009"),
    }
    out: dict[str, tuple[Path, str]] = {}
    for name, (text, code) in cases.items():
        f = tmp_path / f"{name}.yaml"
        f.write_bytes(text.encode("latin-1") if name == "not_utf8" else text.encode("utf-8"))
        out[name] = (f, code)
    big = tmp_path / "huge.yaml"
    with big.open("wb") as handle:
        handle.write(b"id: standard\nnote: '")
        handle.write(b"x" * (50 * 1024 * 1024))
        handle.write(b"'\n")
    out["huge"] = (big, "Q003")
    return out


def test_every_malformed_file_exits_2_naming_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, (path, code) in _malformed(tmp_path).items():
        assert main(["validate", str(path)]) == 2, name
        err = capsys.readouterr().err
        assert str(path) in err, name
        assert code in err, (name, err)
        assert "Traceback" not in err
        if name not in ("huge",):
            assert f"{path}:" in err and err.split(f"{path}:")[1][:1].isdigit(), (name, err)
    assert not (tmp_path / "pwned").exists(), "a YAML tag must never execute code"


def test_validate_english_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "dup.yaml"
    f.write_text("id: a\nid: b\n", encoding="utf-8")
    assert main(["--lang", "en", "validate", str(f)]) == 2
    assert "Duplicate key 'id'" in capsys.readouterr().err


def test_validate_bundled_questionnaires(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert "standard.yaml" in capsys.readouterr().out
