"""``--selftest``: one line, exit 0 on a complete installation, non-zero naming what is missing."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import resources, selftest
from app.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def headless(monkeypatch: pytest.MonkeyPatch) -> None:
    """No display, as on CI's plain runner (pytest-xvfb sets one for the whole session)."""
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)


def test_a_complete_installation_passes_with_one_line(
    headless: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(selftest.KEEP_OUTPUT_ENV, str(tmp_path))
    assert selftest.run_selftest() == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    line = lines[0]
    assert "selftest OK" in line
    assert "standard@" in line and "IPAexGothic" in line and "window skipped (no display)" in line
    # The demo plan was kept where asked, and every font in it is embedded (no PDF standard font).
    pdf = next(tmp_path.glob("*.pdf"))
    fonts = selftest.pdf_font_names(pdf.read_bytes())
    assert fonts and all(name.endswith("IPAexGothic") for name in fonts)


def test_the_command_line_dispatches_selftest(headless: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--selftest"]) == 0
    assert "selftest OK" in capsys.readouterr().out


def test_a_missing_font_fails_and_names_the_file(
    headless: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "fonts" / "ipaexg.ttf"
    monkeypatch.setattr(resources, "font_path", lambda: missing)
    monkeypatch.setattr(selftest, "check_demo", lambda: "not run")  # the renderer may have cached the font
    monkeypatch.setattr(selftest, "_CHECKS", [("font", selftest.check_font)])
    assert selftest.run_selftest() == 1
    line = capsys.readouterr().out.strip()
    assert line.startswith("kaizen-check ") and "selftest FAILED" in line
    assert f"font: font file missing: {missing}" in line


def test_missing_questionnaires_fail_and_name_the_folder(
    headless: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "questionnaires"
    empty.mkdir()
    monkeypatch.setattr(resources, "bundled_questionnaire_dir", lambda: empty)
    monkeypatch.setattr(selftest, "_CHECKS", [("questionnaires", selftest.check_questionnaires)])
    assert selftest.run_selftest() == 1
    assert f"questionnaires: no questionnaire files in {empty}" in capsys.readouterr().out


def test_a_broken_user_questionnaire_fails_and_names_the_file(
    headless: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "ours.yaml").write_text("id: ours\nversion: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv(resources.QUESTIONNAIRES_ENV, str(site))
    monkeypatch.setattr(selftest, "_CHECKS", [("questionnaires", selftest.check_questionnaires)])
    assert selftest.run_selftest() == 1
    out = capsys.readouterr().out
    assert "questionnaires:" in out and "ours.yaml" in out
    assert len(out.splitlines()) == 1


def test_every_failing_check_is_named_and_the_others_still_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> str:
        raise OSError("disk on fire")

    monkeypatch.setattr(selftest, "_CHECKS", [("one", broken), ("two", lambda: "fine"), ("three", broken)])
    assert selftest.run_selftest() == 1
    line = capsys.readouterr().out.strip()
    assert "one: OSError: disk on fire; three: OSError: disk on fire" in line
    assert "two" not in line


def test_pdf_font_names_reads_base_fonts() -> None:
    data = b"<< /Type /Font /BaseFont /AAAAAA+IPAexGothic /Subtype /Type0 >>\n<</BaseFont/Helvetica>>"
    assert selftest.pdf_font_names(data) == {"AAAAAA+IPAexGothic", "Helvetica"}


def test_a_standard_font_in_the_plan_fails_the_demo_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_demo(folder: Path, lang: str = "ja") -> tuple[Path, Path]:
        (folder / "a.kaizen.json").write_text("{}", encoding="utf-8")
        (folder / "plan.pdf").write_bytes(b"%PDF-1.4\n<< /BaseFont /Helvetica >>\n")
        return folder / "a.kaizen.json", folder / "plan.pdf"

    monkeypatch.setattr("app.service.demo", fake_demo)
    with pytest.raises(selftest.MissingPieceError, match="not embedded: Helvetica"):
        selftest._demo_into(tmp_path)


def test_without_a_console_the_result_goes_to_the_log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "user_log_dir", lambda: tmp_path / "logs")
    monkeypatch.setattr(sys, "stdout", None)
    selftest._emit("kaizen-check 0.1.0 selftest OK")
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert (tmp_path / "logs" / selftest.RESULT_FILE).read_text(encoding="utf-8") == "kaizen-check 0.1.0 selftest OK\n"


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ('couldn\'t connect to display ":42"', "skipped (display unreachable)"),
        ("no display name and no $DISPLAY environment variable", "skipped (display unreachable)"),
    ],
)
def test_a_lost_display_is_not_a_missing_piece(message: str, expected: str) -> None:
    assert selftest._tcl_problem(Exception(message)) == expected


def test_a_tcl_installation_problem_is_a_missing_piece() -> None:
    with pytest.raises(selftest.MissingPieceError, match=r"Can't find a usable init\.tcl"):
        selftest._tcl_problem(Exception("Can't find a usable init.tcl in the following directories"))


@pytest.mark.gui
@pytest.mark.slow
def test_the_window_opens_and_closes_under_a_display(tmp_path: Path) -> None:
    """In a child process, so the test session's own Tk root and customtkinter state are untouched."""
    if not os.environ.get("DISPLAY"):
        pytest.skip("no display (pytest-xvfb provides one on CI)")
    env = {**os.environ, selftest.KEEP_OUTPUT_ENV: str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "app", "--selftest"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "window ok" in result.stdout
