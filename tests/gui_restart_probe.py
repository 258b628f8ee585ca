"""A fresh start of the window in its own process, for the crash-recovery tests (not a test module itself).

``python -m tests.gui_restart_probe AUTOSAVE_FOLDER [recover]`` builds the app as ``kaizen-check`` does,
prints what Home offers for recovery and, with ``recover``, the recovered assessment as JSON. Any modal
dialog is a failure here: a fresh start must not ask anything.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any


def main(folder: Path, recover: bool) -> dict[str, Any]:
    from app.gui import dialogs
    from app.gui.app import build, create_root
    from app.gui.prefs import Prefs
    from app.storage import assessment_file

    def no_dialog(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a dialog was shown at start: {args[1:3]}")

    for name in ("ask", "info", "error", "yes_no", "ask_open_path", "ask_save_path"):
        setattr(dialogs, name, no_dialog)
    root = create_root()
    wiz = build(root, settings=Prefs())
    wiz.doc.autosave_folder = folder
    wiz.show_home()
    root.update()
    rows = [r for r in wiz.home.recovery_rows if r[0].grid_info()]
    out: dict[str, Any] = {"offered": [r[0].cget("text") for r in rows]}
    if recover and rows:
        rows[0][1].invoke()
        root.update()
        out["dirty"] = wiz.doc.dirty
        out["assessment"] = assessment_file.to_dict(wiz.a, now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    root.destroy()
    return out


if __name__ == "__main__":
    sys.stdout.write(json.dumps(main(Path(sys.argv[1]), sys.argv[2:] == ["recover"]), ensure_ascii=False) + "\n")
