"""The entry point: no arguments opens the window without the command line's parser; anything else is the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import launch

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "questionnaires" / "examples" / "example_shimin.kaizen.json"


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_no_arguments_opens_the_window_without_importing_the_command_line() -> None:
    probe = (
        "import sys\n"
        "import app.cli_core as core\n"
        "seen = []\n"
        "def window(path, lang):\n"
        "    loaded = [m for m in ('argparse', 'app.cli', 'app.cli_book') if m in sys.modules]\n"
        "    seen.append((path, lang, loaded))\n"
        "    return 0\n"
        "core.open_window = window\n"
        "from app.launch import main\n"
        "code = main([])\n"
        "print(code, seen)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=_child_env(),
                          cwd=ROOT, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0 [(None, 'ja', [])]"


@pytest.mark.posix_only("a Windows session always has a screen: the window would open and wait")
def test_no_screen_is_a_user_error_not_a_crash() -> None:
    done = subprocess.run([sys.executable, "-m", "app"], capture_output=True, text=True, env=_child_env(), cwd=ROOT,
                          check=False, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "U001" in done.stderr and "Traceback" not in done.stderr


def test_arguments_go_to_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert launch.main(["score", str(EXAMPLE), "--json"]) == 0
    assert '"tasks"' in capsys.readouterr().out
    with pytest.raises(SystemExit) as stopped:
        launch.main(["--version"])
    assert stopped.value.code == 0 and "kaizen-check" in capsys.readouterr().out


def test_a_bug_while_the_window_starts_is_logged_and_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    import app.cli_core as core

    def boom(_path: object, _lang: object) -> int:
        raise RuntimeError("bug")

    monkeypatch.setattr(core, "open_window", boom)
    monkeypatch.setattr("app.resources.user_log_dir", lambda: tmp_path / "logs")
    assert launch.main([]) == 1
    err = capsys.readouterr().err
    assert "「open」を完了できませんでした" in err and "Traceback" not in err
    assert "RuntimeError: bug" in (tmp_path / "logs" / "kaizen-selfcheck.log").read_text(encoding="utf-8")


@pytest.mark.gui
def test_the_benchmark_mode_closes_when_home_is_drawn_and_says_when(tmp_path: Path) -> None:
    """KAIZEN_CLOSE_WHEN_READY=1 with KAIZEN_READY_FILE: what benchmarks/bundle.py times the packaged program by."""
    ready = tmp_path / "ready.txt"
    env = dict(os.environ, PYTHONPATH=str(ROOT), KAIZEN_CLOSE_WHEN_READY="1", KAIZEN_READY_FILE=str(ready),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    import time

    started = time.time()
    done = subprocess.run([sys.executable, "-m", "app"], capture_output=True, text=True, env=env, cwd=ROOT,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert started < float(ready.read_text(encoding="utf-8")) < time.time()
