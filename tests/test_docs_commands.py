"""Every ``kaizen-check …`` command line that README.md and docs/*.md show runs as written and exits 0."""

from __future__ import annotations

import itertools
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

from app import cli
from app.service import qbook
from tests.helpers import EXAMPLE, ROOT, STANDARD

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHEET = ROOT / "tests" / "data" / "gyomuryo_chosa.xlsx"
_SPAN = re.compile(r"`([^`\n]*kaizen-check[^`\n]*)`")
_FENCE = re.compile(r"^[ \t]*```[^\n]*\n(.*?)^[ \t]*```", re.M | re.S)  # also fences indented in a list
_OPTIONAL = re.compile(r"\[([^\[\]]+)\]")
# what the documents write for the things a reader supplies, per command (None: every command)
_PLACEHOLDERS: dict[str | None, dict[str, str]] = {
    None: {"FILE": "assessment.kaizen.json", "FILE.kaizen.json": "assessment.kaizen.json",
           "ASSESSMENT.kaizen.json": "assessment.kaizen.json", "SHEET.xlsx": "sheet.xlsx",
           "シート名": "調査票"},
    "validate": {"FILE": "questionnaire.yaml", "FILE_OR_FOLDER": "questionnaires"},
    "aggregate": {"FOLDER": "folder", "FILE_OR_FOLDER": "folder"},
    "questionnaire": {"ID": "standard", "BOOK.xlsx": "book.xlsx", "NEW.yaml": "new.yaml", "CASES.yaml": "cases.yaml",
                      "NEW-CASES.yaml": "new-cases.yaml"},
    "template": {"ID": "standard"},
    "cases": {"FOLDER_OR_FILE": "folder", "FILE_OR_FOLDER": "folder", "CASES.yaml": "cases.yaml"},
    "calibrate": {"FOLDER": "folder"},
    "newsletter": {"FOLDER": "folder", "REPORT.pdf": "report.pdf", "N": "12", "TITLE": "冬号"},
    "pack": {"DIR": "packdir", "CASES.yaml": "cases.yaml", "FILE.kaizenpack": "ward.kaizenpack"},
}
_WINDOW = {None, "open"}  # these open the window: parsed, not run


def documented_lines() -> list[tuple[str, str]]:
    """(where, command line) for every ``kaizen-check`` line in a code span or a fenced block."""
    found: list[tuple[str, str]] = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for block in _FENCE.findall(text):
            lines = block.splitlines()
            for n, line in enumerate(lines):
                if line.startswith(("kaizen-check", ".\\kaizen-check.exe")):
                    more = itertools.takewhile(lambda x: x[:1].isspace() and x.strip(), lines[n + 1:])
                    found.append((doc.name, " ".join([line, *(x.strip() for x in more)])))
                elif line.strip().startswith(("kaizen-check ", ".\\kaizen-check.exe ")):  # inside a numbered list
                    found.append((doc.name, line.strip()))
        for span in _SPAN.findall(_FENCE.sub("", text)):
            command = span[span.index("kaizen-check"):].split(" && ")[0]
            if not command.startswith("kaizen-check.exe"):  # `kaizen-check.exe demo と report`: prose, not a line
                found.append((doc.name, command))
    return [(where, line) for where, line in found if _is_command(line)]


def _is_command(line: str) -> bool:
    words = line.split()
    return len(words) == 1 or words[1].startswith("-") or words[1] in cli.COMMANDS


def variants(line: str) -> list[list[str]]:
    """The line without its optional parts, and with all of them (one line per ``a|b|c`` alternative)."""
    bare = _OPTIONAL.sub("", line)
    full = _OPTIONAL.sub(r"\1", line)
    out = [bare]
    alternatives = re.search(r"(\S+\|\S+)", full)
    if alternatives:
        out += [full.replace(alternatives.group(1), x) for x in alternatives.group(1).split("|")]
    else:
        out.append(full)
    return [[w.rstrip("…") for w in shlex.split(v) if w != "…"][1:] for v in dict.fromkeys(out)]


def _real(argv: list[str]) -> list[str]:
    command = next((w for w in argv if w in cli.COMMANDS), None)
    names = {**_PLACEHOLDERS[None], **_PLACEHOLDERS.get(command, {})}
    return [names.get(w, w) for w in argv]


def _workspace(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["actions"][0].update(status="done", realised_hours=400, done_date="2026-12-01", shareable=True)
    text = json.dumps(data, ensure_ascii=False)
    (tmp_path / "assessment.kaizen.json").write_text(text, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "a.kaizen.json").write_text(text, encoding="utf-8")
    shutil.copy(STANDARD, tmp_path / "questionnaire.yaml")
    shutil.copy(STANDARD, tmp_path / "setagaya.yaml")
    (tmp_path / "questionnaires").mkdir()
    shutil.copy(STANDARD, tmp_path / "questionnaires" / "standard.yaml")
    for name in ("sheet.xlsx", "業務量調査.xlsx"):
        shutil.copy(SHEET, tmp_path / name)
    for name in ("book.xlsx", "質問票.xlsx"):  # questionnaire workbooks, as `questionnaire export` writes them
        qbook.export_questionnaire(STANDARD, tmp_path / name)
    # the 横展開 commands: a case catalogue, a pack folder (pack.yaml + a questionnaire) and a built pack
    from app.service import cases, pack

    run = cases.collect_cases([tmp_path / "folder"])
    cases.write_cases(run, tmp_path / "cases.yaml", [tmp_path / "folder"])
    (tmp_path / "packdir").mkdir()
    shutil.copy(STANDARD, tmp_path / "packdir" / "standard.yaml")
    (tmp_path / "packdir" / "pack.yaml").write_text("id: ward-kaizen\nversion: 1.0.0\nissuer: 業務改善担当\n", "utf-8")
    pack.build(tmp_path / "packdir", tmp_path / "ward.kaizenpack", cases=tmp_path / "cases.yaml")


CASES = [(where, line, argv) for where, line in documented_lines() for argv in variants(line)]


def test_the_documents_show_every_command() -> None:
    shown = {next((w for w in argv if w in cli.COMMANDS), None) for _, _, argv in CASES}
    assert shown >= set(cli.COMMANDS), set(cli.COMMANDS) - shown


@pytest.mark.parametrize(("where", "line", "argv"), CASES, ids=[f"{w}:{' '.join(a)}" for w, _, a in CASES])
def test_a_documented_command_line_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str], where: str, line: str,
                                                   argv: list[str]) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # `pack install` writes the user's folder
    _workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    real = _real(argv)
    args = cli._parser().parse_args(real)  # SystemExit here: the documents show a line the parser refuses
    if args.selftest or args.command in _WINDOW:
        return  # the window and the installation check have their own tests (test_gui_*, test_selftest)
    code = cli.main(real)
    assert code == 0, f"{where}: {line!r} → {real} exited {code}: {capsys.readouterr().err}"
