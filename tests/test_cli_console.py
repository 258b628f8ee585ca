"""The command line at its edges: closed pipes, full disks, consoles without Japanese, global options anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import _parser, main
from tests.helpers import EXAMPLE, ROOT


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, **kwargs.pop("env", {})}  # type: ignore[dict-item]
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, check=False,
                          capture_output="stdout" not in kwargs, timeout=120, **kwargs)  # type: ignore[call-overload,no-any-return]


def _big_example(tmp_path: Path) -> Path:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    task = data["tasks"][0]
    data["tasks"] += [{"id": f"x{n}", "answers": dict(task["answers"], name=f"業務{n}")} for n in range(3000)]
    f = tmp_path / "big.kaizen.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return f


def test_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    """``score --json | head -c 10``: the reader goes away long before the output (about 1 MB) is written."""
    big = _big_example(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "app", "score", str(big), "--json"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=120) == 0, err
    assert err == ""


def test_a_closed_pipe_in_process(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class Closed:
        def write(self, _text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", Closed())
    assert main(["score", str(EXAMPLE)]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.posix_only("writes to /dev/full (under Wine the path even exists: Z:\\ is the Linux root)")
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_on_a_full_device_is_a_clear_message() -> None:
    with open("/dev/full", "wb") as full:
        proc = _run(["score", str(EXAMPLE), "--json"], stdout=full, stderr=subprocess.PIPE)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert "結果を出力できません" in err and "ENOSPC" in err and "Traceback" not in err


@pytest.mark.parametrize(("encoding", "department"), [
    ("cp1252", "区民課"), ("ascii", "区民課"), ("cp932", "区民課🍣"), ("latin-1", "区民課"),
])
def test_a_console_that_cannot_show_japanese_gets_replacement_characters(tmp_path: Path, encoding: str,
                                                                        department: str) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["info"]["department"] = department
    f = tmp_path / "dept.kaizen.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    env = {"PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    ok = _run(["score", str(f)], env=env)
    assert ok.returncode == 0, ok.stderr
    assert b"?" in ok.stdout and b"Traceback" not in ok.stderr
    bad = _run(["score", str(tmp_path / "存在しない.kaizen.json")], env=env)
    assert bad.returncode == 2 and b"S001" in bad.stderr and b"Traceback" not in bad.stderr


@pytest.mark.parametrize(("argv", "failing"), [
    (["validate"], "app.service.validate_paths"),
    (["score", str(EXAMPLE)], "app.service.score_json"),
    (["report", str(EXAMPLE), "-o", "{tmp}/p.pdf"], "app.service.write_plan"),
    (["export", str(EXAMPLE), "-o", "{tmp}/t.xlsx"], "app.service.export_xlsx"),
    (["aggregate", str(EXAMPLE)], "app.service.aggregate_files"),
])
def test_the_internal_error_message_names_the_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str], argv: list[str],
                                                      failing: str) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(failing, boom)
    monkeypatch.setattr("app.resources.user_log_dir", lambda: tmp_path / "logs")
    assert main([x.replace("{tmp}", str(tmp_path)) for x in argv]) == 1
    err = capsys.readouterr().err
    assert f"「{argv[0]}」を完了できませんでした" in err and "PDF" not in err and "logs" in err
    assert main(["--lang", "en", *[x.replace("{tmp}", str(tmp_path)) for x in argv]]) == 1
    assert f"An internal error stopped '{argv[0]}'" in capsys.readouterr().err


COMMAND_LINES = [
    ["validate"], ["score", "F"], ["report", "F", "-o", "P.pdf"], ["demo", "-o", "D"],
    ["story", "F", "--action", "a1", "-o", "S.pdf"], ["aggregate", "F"], ["import", "S.xlsx", "--into", "F"],
    ["export", "F", "-o", "O.xlsx"], ["open", "F"],
]


@pytest.mark.parametrize("argv", COMMAND_LINES, ids=lambda a: a[0])
def test_global_options_work_before_and_after_the_command(argv: list[str]) -> None:
    for spelled in (["--lang", "en", *argv], [*argv, "--lang", "en"], [argv[0], "--lang=en", *argv[1:]]):
        assert _parser().parse_args(spelled).lang == "en", spelled
    assert _parser().parse_args(argv).lang == "ja"
    assert _parser().parse_args(["--lang", "en", *argv, "--lang", "ja"]).lang == "ja"  # the last one wins


def test_lang_after_the_command_changes_the_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(EXAMPLE), "--lang", "en"]) == 0
    after = capsys.readouterr().out
    assert main(["--lang", "en", "score", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out == after and "Start with these:" in after
