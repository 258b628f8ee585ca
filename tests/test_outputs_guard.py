"""No output ever replaces an input (under any spelling or link), and every output's suffix says what it holds."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main
from app.storage import outputs
from tests.helpers import EXAMPLE, ROOT

SHEET = ROOT / "tests" / "data" / "simple_inventory.xlsx"


def _done_example(tmp_path: Path, name: str = "in.kaizen.json") -> Path:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["actions"][0].update(status="done", realised_hours=400, done_date="2026-12-01")
    f = tmp_path / name
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return f


# How the output names the input: the same text, another spelling, a symbolic link, a hard link.
def _same(f: Path) -> Path:
    return f


def _dotted(f: Path) -> Path:
    return f.parent / "." / "sub" / ".." / f.name


def _symlink(f: Path) -> Path:
    link = f.with_name("link-" + f.name)
    try:
        link.symlink_to(f)
    except OSError as exc:  # Windows: symbolic links need Developer Mode or administrator rights
        pytest.skip(f"cannot make a symbolic link here: {exc}")
    return link


def _hardlink(f: Path) -> Path:
    link = f.with_name("hard-" + f.name)
    os.link(f, link)
    return link


# Wine 8's CreateSymbolicLinkW reports success but makes no link, so the "link" would be a new, unrelated file.
SPELLINGS = [_same, _dotted, pytest.param(_symlink, marks=pytest.mark.wine_differs(
    "CreateSymbolicLinkW succeeds without making a link"), id="symlink"), _hardlink]

# command line, and the input's name: it has the output's suffix, so only "it is the input" can refuse it
COMMANDS = [
    ("report", ["report", "{in}", "-o", "{out}"], "in.pdf"),
    ("export", ["export", "{in}", "-o", "{out}"], "in.xlsx"),
    ("export csv", ["export", "{in}", "-o", "{out}", "--table", "tasks"], "in.csv"),
    ("story", ["story", "{in}", "--action", "a1", "-o", "{out}"], "in.pdf"),
    ("aggregate -o", ["aggregate", "{in}", "-o", "{out}"], "in.pdf"),
    ("aggregate --csv", ["aggregate", "{in}", "--csv", "{out}"], "in.csv"),
    ("aggregate --xlsx", ["aggregate", "{in}", "--xlsx", "{out}"], "in.xlsx"),
]


def _argv(template: list[str], source: Path, out: Path) -> list[str]:
    return [x.replace("{in}", str(source)).replace("{out}", str(out)) for x in template]


@pytest.mark.parametrize("spelling", SPELLINGS, ids=lambda f: f.__name__.strip("_") if callable(f) else None)
@pytest.mark.parametrize(("name", "template", "input_name"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_an_output_that_is_the_input_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
                                                template: list[str], input_name: str,
                                                spelling: Callable[[Path], Path]) -> None:
    (tmp_path / "sub").mkdir()
    source = _done_example(tmp_path, input_name)
    before = source.read_bytes()
    out = spelling(source)
    assert main(_argv(template, source, out)) == 2
    err = capsys.readouterr().err
    assert "S013" in err and str(source) in err, err
    assert source.read_bytes() == before
    assert not source.with_name(source.name + ".bak").exists()


@pytest.mark.parametrize(("template", "out_name", "expected"), [
    (["report", "{in}", "-o", "{out}"], "plan.txt", ".pdf"),
    (["report", "{in}", "-o", "{out}"], "plan", ".pdf"),
    (["export", "{in}", "-o", "{out}"], "out.json", ".xlsx / .csv"),
    (["export", "{in}", "-o", "{out}"], "out.xlsm", ".xlsx / .csv"),
    (["story", "{in}", "--action", "a1", "-o", "{out}"], "story.docx", ".pdf"),
    (["aggregate", "{in}", "-o", "{out}"], "ward.xlsx", ".pdf"),
    (["aggregate", "{in}", "--csv", "{out}"], "ward.xlsx", ".csv"),
    (["aggregate", "{in}", "--xlsx", "{out}"], "ward.csv", ".xlsx"),
    (["import", str(SHEET), "--into", "{out}"], "new.xlsx", ".json"),
    (["import", "{out}", "--into", "{out}"], "sheet.csv", ".json"),
])
def test_an_output_whose_suffix_does_not_match_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          template: list[str], out_name: str, expected: str) -> None:
    source = _done_example(tmp_path)
    out = tmp_path / out_name
    if out.suffix == ".csv" and template[0] == "import":
        out.write_text("業務名,年間件数\n窓口,10\n", encoding="utf-8")  # the sheet itself as --into
    before = out.read_bytes() if out.exists() else None
    assert main(_argv(template, source, out)) == 2
    err = capsys.readouterr().err
    assert "S014" in err and expected in err, err
    assert (out.read_bytes() if out.exists() else None) == before


def test_upper_case_spelling_is_the_input_where_case_is_ignored(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows: ``IN.KAIZEN.JSON`` is ``in.kaizen.json``; ``os.path.normcase`` decides, as there."""
    source = _done_example(tmp_path)
    upper = tmp_path / "IN.KAIZEN.JSON"
    if os.name != "nt":
        assert not outputs.same_file(upper, source)  # Linux: another file (Windows ignores case itself)
    monkeypatch.setattr(os.path, "normcase", lambda p: os.fspath(p).lower())
    assert outputs.same_file(upper, source)
    with pytest.raises(outputs.StorageError) as err:
        outputs.check_output(tmp_path / "IN.KAIZEN.json", "assessment", [source])
    assert err.value.code == "S013"


def test_two_outputs_of_one_command_are_distinct(tmp_path: Path) -> None:
    with pytest.raises(outputs.StorageError) as err:
        outputs.check_distinct([tmp_path / "a.pdf", tmp_path / "." / "a.pdf"])
    assert err.value.code == "S013"


def test_demo_never_overwrites_the_bundled_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "examples"
    shutil.copytree(EXAMPLE.parent, copy)
    assert main(["demo", "-o", str(EXAMPLE.parent)]) == 2
    assert "S013" in capsys.readouterr().err
    assert EXAMPLE.read_bytes() == (copy / EXAMPLE.name).read_bytes()


def test_a_fitting_output_is_written(tmp_path: Path) -> None:
    source = _done_example(tmp_path)
    for argv, out in ((["report", str(source), "-o"], "Plan.PDF"), (["export", str(source), "-o"], "t.CSV"),
                      (["story", str(source), "--action", "a1", "-o"], "s.pdf")):
        assert main([*argv, str(tmp_path / out)]) == 0
        assert (tmp_path / out).stat().st_size > 0


@pytest.mark.parametrize(("name", "template", "input_name"), COMMANDS, ids=[c[0] for c in COMMANDS])
@pytest.mark.parametrize("folder", ["out", "plans.pdf"])
def test_an_output_that_is_a_folder_is_named_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
                                                    template: list[str], input_name: str, folder: str) -> None:
    """``-o out/`` (an existing folder): S016 says it is a folder and what the file's name ends in. It was S014
    「拡張子（out）は…合いません」, or for a folder named like a file S005 EISDIR after the work was done."""
    source = _done_example(tmp_path)
    out = tmp_path / folder
    out.mkdir()
    assert main(_argv(template, source, out)) == 2
    err = capsys.readouterr().err
    assert "S016" in err and "フォルダ" in err and "S014" not in err, err
    assert out.is_dir() and not any(out.iterdir())
