"""The window under a real window manager, in its own process (not a test module itself).

``python -m tests.gui_wm_probe`` opens the example assessment as ``kaizen-check open`` does and visits
every step at every text size the app offers, then in meeting mode; it prints JSON: the work area,
the window's outer frame and, per (size, step), where the navigation bar's bottom edge is and whether
次へ is on screen. Modal dialogs are a failure here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

EXAMPLE = Path(__file__).resolve().parents[1] / "questionnaires" / "examples" / "example_shimin.kaizen.json"


def main() -> dict[str, Any]:
    from app.gui import dialogs, style, window
    from app.gui.app import build, create_root
    from app.gui.prefs import Prefs

    def no_dialog(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a dialog was shown: {args[1:3]}")

    for name in ("ask", "info", "error", "yes_no", "ask_open_path", "ask_save_path"):
        setattr(dialogs, name, no_dialog)
    root = create_root()
    wiz = build(root, EXAMPLE, settings=Prefs())
    root.update()
    for _ in range(50):  # let the window manager place and maximise the window
        root.after(20)
        root.update()
    x, y, w, h = window.work_area(root)
    out: dict[str, Any] = {"work_area": [x, y, w, h], "screen": [root.winfo_screenwidth(), root.winfo_screenheight()],
                           "frame_top": root.winfo_rooty() - root.winfo_y(), "window": [], "steps": []}
    sizes: list[tuple[str, int]] = [(f"{s}%", s) for s in style.SCALES] + [("meeting", style.MEETING_SCALE)]
    for name, scale in sizes:
        if name == "meeting":
            wiz.meeting.set_meeting(True)
        else:
            wiz.set_scale(scale)
        for index in range(len(wiz.q.steps)):
            wiz.go(index)
            root.update()
            nav, button = wiz.nav, wiz.next_button
            out["steps"].append({
                "size": name, "step": index, "current": wiz.current,
                "nav_bottom": nav.winfo_rooty() + nav.winfo_height(),
                "next_bottom": button.winfo_rooty() + button.winfo_height(),
                "next_right": button.winfo_rootx() + button.winfo_width(),
                "next_viewable": bool(button.winfo_viewable()),
                "side_shown": bool(wiz.side.winfo_ismapped()),
            })
        out["window"].append({"size": name, "x": root.winfo_x(), "y": root.winfo_y(),
                              "right": root.winfo_rootx() + root.winfo_width(),
                              "bottom": root.winfo_rooty() + root.winfo_height()})
    root.destroy()
    return out


if __name__ == "__main__":
    sys.stdout.write(json.dumps(main()) + "\n")
