"""Under a real window manager (openbox) with a 40 px taskbar strip: the window fits the work area and every
step shows its navigation at every text size, meeting mode included; 1366×768 and 1920×1080 screens."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

TASKBAR = 40
RC_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <margins><top>0</top><bottom>{TASKBAR}</bottom><left>0</left><right>0</right></margins>
  <placement><policy>Smart</policy></placement>
</openbox_config>
"""


def _need(*programs: str) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        reason = f"needs {', '.join(missing)} (apt-get install xvfb openbox x11-utils)"
        if os.environ.get("KAIZEN_REQUIRE_GUI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)


@pytest.fixture(params=["1366x768", "1920x1080"])
def desktop(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """An Xvfb screen with openbox reserving a 40 px strip at the bottom; yields (DISPLAY, size)."""
    _need("Xvfb", "openbox", "xprop")
    size = str(request.param)
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        display = ":" + pipe.readline().strip()
    rc = tmp_path / "rc.xml"
    rc.write_text(RC_XML, encoding="utf-8")
    env = {**os.environ, "DISPLAY": display}
    wm = subprocess.Popen(["openbox", "--config-file", str(rc)], env=env, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):  # the window manager has set the work area from its margins
            out = subprocess.run(["xprop", "-display", display, "-root", "_NET_WORKAREA"], capture_output=True,
                                 text=True, check=False).stdout
            if "=" in out:
                break
            subprocess.run(["sleep", "0.1"], check=False)
        yield display, size
    finally:
        wm.terminate()
        wm.wait(10)
        xvfb.terminate()
        xvfb.wait(10)


def test_every_step_shows_its_navigation_inside_the_work_area(desktop: tuple[str, str], tmp_path: Path) -> None:
    display, size = desktop
    env = {**os.environ, "DISPLAY": display}
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(tmp_path / var.lower())
    done = subprocess.run([sys.executable, "-m", "tests.gui_wm_probe"], env=env, capture_output=True, text=True,
                          timeout=300, check=False, cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    width, height = (int(n) for n in size.split("x"))
    assert out["screen"] == [width, height]
    assert out["work_area"] == [0, 0, width, height - TASKBAR]  # read from the window manager, not guessed
    bottom = height - TASKBAR
    for placed in out["window"]:  # the whole window (title bar included) stays out of the taskbar strip
        assert placed["y"] >= 0 and placed["bottom"] <= bottom and placed["right"] <= width, placed
    assert len(out["steps"]) == 4 * 9
    for step in out["steps"]:
        assert step["current"] == step["step"], step
        assert step["next_viewable"], step
        assert step["nav_bottom"] <= bottom and step["next_bottom"] <= bottom, step
        assert step["next_right"] <= width, step
        assert step["side_shown"] == (step["size"] != "meeting"), step  # meeting mode folds the step list
