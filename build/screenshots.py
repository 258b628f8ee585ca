"""Regenerate the window screenshots in docs/images (a developer tool, not part of the app).

Run on a display with a window manager that reserves a taskbar strip, e.g.::

    Xvfb :9 -screen 0 1366x768x24 -nolisten tcp &
    DISPLAY=:9 openbox --config-file rc.xml &   # rc.xml: <margins><bottom>40</bottom></margins>
    DISPLAY=:9 uv run python build/screenshots.py docs/images

Each shot opens the bundled example (区民課), goes to a step at a text size and captures the work area
(the screen less the taskbar strip) with ImageMagick's ``import``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# (file, step kind, text size, meeting mode, what else to show)
SHOTS = (
    ("gui-inventory.png", "task_grid", 100, False, ""),
    ("gui-results.png", "results", 125, False, ""),
    ("gui-plan.png", "action_plan", 100, False, ""),
    ("gui-output.png", "output", 125, False, ""),
    ("gui-meeting.png", "task_analysis", 100, True, ""),
    ("gui-keyboard.png", "task_analysis", 100, False, "help"),
)


def shoot(out: Path, kind: str, scale: int, meeting: bool, extra: str) -> None:
    """One screenshot in a fresh process (a fresh window, as a user starts it)."""
    code = f"""
import subprocess
from app import service
from app.gui import window
from app.gui.app import build, create_root
from app.gui.prefs import Prefs
root = create_root()
wiz = build(root, service.example_assessment_path(), settings=Prefs(scale={scale}))
if {meeting}:
    wiz.meeting.set_meeting(True)
def go():
    wiz.go(next(i for i, s in enumerate(wiz.q.steps) if s.kind == {kind!r}))
    if {extra!r} == "help":
        wiz.show_glossary()
    root.after(1500, snap)
def snap():
    x, y, w, h = window.work_area(root)
    subprocess.run(["import", "-window", "root", "-crop", f"{{w}}x{{h}}+{{x}}+{{y}}", "+repage", {str(out)!r}],
                   check=True)
    root.destroy()
root.after(1000, go)
root.mainloop()
"""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "XDG_DATA_HOME": home, "XDG_CONFIG_HOME": home, "XDG_STATE_HOME": home}
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120)


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, kind, scale, meeting, extra in SHOTS:
        shoot(folder / name, kind, scale, meeting, extra)
        print(folder / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images")
