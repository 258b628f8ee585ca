"""User input never gives exit 1: every bad setting, rate, hour or calculation is a user error with code and place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import service
from app.cli import main
from tests.helpers import EXAMPLE, standard_text

HOURS = 'calculate: "annual_cases * minutes_per_case / 60 + fixed_hours"'
OTHER_ITEM = ('      - id: other_hours\n        type: decimal\n        label: {ja: 別の時間, en: Other hours}\n'
              '        calculate: "annual_hours * 2"\n      - id: peak_months\n')

# (name, edit of standard.yaml, code, text in the message)
CASES = [
    ("401-digit setting", lambda t: t.replace("    value: 4000\n", "    value: " + "9" * 401 + "\n", 1), "Q012",
     "401桁"),
    ("401-digit bare setting", lambda t: t.replace("settings:\n", "settings:\n  extra_factor: " + "9" * 401 + "\n",
                                                   1), "Q012", "401桁"),
    ("NaN reduction rate", lambda t: t.replace("reduction_rate: 0.3", "reduction_rate: .nan", 1), "Q012", "nan"),
    ("infinite setting", lambda t: t.replace("    value: 4000\n", "    value: .inf\n", 1), "Q012", "inf"),
    ("1e308 setting is a number, out of range", lambda t: t.replace("    value: 4000\n", "    value: 1e308\n", 1),
     "Q022", "1e+308"),
    ("calculation using itself", lambda t: t.replace(HOURS, 'calculate: "annual_hours + 1"', 1), "Q034",
     "annual_hours → annual_hours"),
    ("calculations in a circle", lambda t: t.replace(HOURS, 'calculate: "other_hours + 1"', 1)
     .replace("      - id: peak_months\n", OTHER_ITEM, 1), "Q034", "annual_hours → other_hours → annual_hours"),
    ("hours that are text", lambda t: t.replace('hours: "annual_cases * minutes_per_case / 60 + fixed_hours"',
                                                "hours: \"'abc'\"", 1), "Q012", "数値になる式"),
    ("hours that are true", lambda t: t.replace('hours: "annual_cases * minutes_per_case / 60 + fixed_hours"',
                                                'hours: "annual_cases > 0"', 1), "Q012", "真偽値"),
]


@pytest.mark.parametrize(("name", "edit", "code", "shown"), CASES, ids=[c[0] for c in CASES])
def test_a_bad_questionnaire_is_exit_2_for_validate_and_for_every_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str, edit: object,
        code: str, shown: str) -> None:
    text = edit(standard_text())  # type: ignore[operator]
    assert text != standard_text(), "the edit applies"
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "standard.yaml").write_text(text, encoding="utf-8")
    assert main(["validate", str(folder / "standard.yaml")]) == 2
    err = capsys.readouterr().err
    assert code in err and shown in err and "standard.yaml:" in err, err
    # as an override of the bundled questionnaire: reported, never silently replaced by the bundled one
    monkeypatch.setenv("KAIZEN_QUESTIONNAIRES", str(folder))
    for argv in (["score", str(EXAMPLE)], ["report", str(EXAMPLE), "-o", str(tmp_path / "p.pdf")],
                 ["export", str(EXAMPLE), "-o", str(tmp_path / "t.xlsx")]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "Q035" in err and code in err and str(folder / "standard.yaml") in err, err
    assert not (tmp_path / "p.pdf").exists()


def test_one_bad_file_in_a_folder_does_not_hide_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    for name, _label, edit, _code, _shown in [(c[0], c[0], c[1], c[2], c[3]) for c in CASES[:3]]:
        (tmp_path / f"{name.replace(' ', '_')}.yaml").write_text(edit(standard_text()), encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    real = service.core.load_questionnaire

    def flaky(path: Path) -> object:
        if path.name == "401-digit_setting.yaml":
            raise RuntimeError("a bug in one file")
        return real(path)

    monkeypatch.setattr(service.core, "load_questionnaire", flaky)
    monkeypatch.setattr("app.resources.user_log_dir", lambda: tmp_path / "logs")
    assert main(["validate", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    for name, code in (("401-digit_setting", "Q037"), ("401-digit_bare_setting", "Q012"),
                       ("NaN_reduction_rate", "Q012"), ("broken", "Q005")):
        assert any(f"{name}.yaml" in line and code in line for line in err.splitlines()), (name, err)


def test_validate_of_an_empty_folder_says_nothing_was_found(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "Q036" in err and "見つかりません" in err and str(tmp_path) in err
    assert main(["--lang", "en", "validate", str(tmp_path)]) == 2
    assert "No questionnaire files found" in capsys.readouterr().err


def test_questionnaire_not_installed_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["questionnaire"] = {"id": "setagaya_2027", "version": "1.0.0"}
    f = tmp_path / "世田谷.kaizen.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["score", str(f)]) == 2
    err = capsys.readouterr().err
    assert f"{f}: Q028" in err and "setagaya_2027" in err and "setagaya_2027.yaml" in err


@pytest.mark.parametrize("hours", [1e308, -1.0, float("nan"), 10**400])
def test_unusable_realised_hours_are_warned_and_every_command_works(tmp_path: Path, hours: float,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    data = json.loads(text)
    for action in data["actions"][:3]:
        action.update(status="done", realised_hours=hours, done_date="2026-12-01")
    f = tmp_path / "hours.kaizen.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    for argv in (["score", str(f), "--json"], ["report", str(f), "-o", str(tmp_path / "p.pdf")],
                 ["story", str(f), "--action", "a1", "-o", str(tmp_path / "s.pdf")],
                 ["export", str(f), "-o", str(tmp_path / "t.xlsx")]):
        assert main(argv) == 0, (argv, capsys.readouterr().err)
        assert "actions[0].realised_hours" in capsys.readouterr().err
    assert main(["aggregate", str(f)]) == 0  # the ward view sums the others


@pytest.mark.posix_only("a symbolic link to a device: /dev/zero")
@pytest.mark.parametrize(("name", "command", "code"), [
    ("q.yaml", ["validate", "{f}"], "Q003"),
    ("sheet.csv", ["import", "{f}", "--into", "{out}/a.kaizen.json"], "S007"),
    ("sheet.xlsx", ["import", "{f}", "--into", "{out}/a.kaizen.json"], "S007"),
    ("book.xlsx", ["questionnaire", "import", "{f}", "-o", "{out}/new.yaml"], "X114"),
    ("p.kaizenpack", ["pack", "install", "{f}"], "P006"),
    ("cases.yaml", ["questionnaire", "export", "standard", "--cases", "{f}", "-o", "{out}/b.xlsx"], "S007"),
    ("a.kaizen.json", ["score", "{f}"], "S007"),
])
def test_a_file_without_an_end_is_refused_at_its_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str], name: str,
                                                    command: list[str], code: str) -> None:
    """stat() says 0 bytes for a device; reading it whole took all memory (exit 1, MemoryError) before."""
    import resource

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    link = tmp_path / name
    link.symlink_to("/dev/zero")
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (min(4 * 1024 ** 3, hard if hard > 0 else 4 * 1024 ** 3), hard))
    try:  # a cap on the address space, so the old reading fails quickly instead of swapping
        rc = main([a.format(f=link, out=tmp_path) for a in command])
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    err = capsys.readouterr().err
    assert rc == 2 and code in err and "Traceback" not in err, err


@pytest.mark.parametrize("argv", [["story", str(EXAMPLE), "--action", "a999", "-o", "s.pdf"],
                                  ["questionnaire", "export", "nonexistent", "-o", "b.xlsx"]])
def test_a_message_without_a_file_has_no_input_placeholder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """A problem that belongs to no file starts with its code; it started with 「<input>: 」, a place that is none."""
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "<input>" not in err and err.startswith(("R101 ", "Q028 ")), err


def test_an_action_of_a_measure_no_questionnaire_knows_with_a_huge_id_still_gives_the_ward_summary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A done action whose ``measure_id`` is 5,000 characters: its name in the calibration table made a cell taller
    than a page, and ``aggregate -o`` ended in an internal error (exit 1). The id is shown cut."""
    data = json.loads((EXAMPLE.parent / "example_kazei.kaizen.json").read_text(encoding="utf-8"))
    data["actions"][0]["measure_id"] = "x" * 5000
    folder = tmp_path / "ward"
    folder.mkdir()
    (folder / "kazei.kaizen.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for argv in (["aggregate", str(folder), "-o", str(tmp_path / "s.pdf"), "--xlsx", str(tmp_path / "s.xlsx")],
                 ["calibrate", str(folder)], ["newsletter", str(folder), "-o", str(tmp_path / "n.pdf")]):
        assert main(argv) == 0, (argv, capsys.readouterr().err)
    out = capsys.readouterr().out
    assert "x" * 59 + "…" in out and "x" * 61 not in out
