"""The window's start imports only what Home needs: scoring, the plan, files, reports and exports come on first use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[1]

# Home with new, empty work shows none of these; each was imported before the first frame once
NOT_AT_START = (
    "app.domain.scoring", "app.domain.plan", "app.domain.results", "app.domain.totals", "app.domain.quality",
    "app.storage.assessment_file", "app.storage.assessment_reader", "app.service.followup", "app.service.qbook",
    "app.report", "app.exchange", "yaml", "reportlab", "openpyxl", "tksheet",
)

START = """
import json, sys
from app.gui.app import build, create_root
root = create_root()
wiz = build(root)
root.update(); root.update_idletasks()
assert wiz.home.winfo_ismapped()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("app", "yaml", "reportlab", "openpyxl", "tksheet"))
# what was left for later still works: new work, scored on the results step
wiz.doc.start_new({"department": "市民課", "session_date": "2026-12-01"})
wiz.go(next(i for i, s in enumerate(wiz.q.steps) if s.kind == "results"))
root.update()
assert "app.domain.scoring" in sys.modules
print(json.dumps(loaded))
root.destroy()
"""


def _start(tmp_path: Path, cache: Path) -> list[str]:
    env = dict(os.environ)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        env[var] = str(tmp_path / var.lower())
    env["XDG_CACHE_HOME"] = str(cache)
    done = subprocess.run([sys.executable, "-c", START], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_home_is_ready_without_scoring_files_reports_or_exports(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _start(tmp_path, cache)  # the first start parses the questionnaire (PyYAML) and fills the cache
    loaded = _start(tmp_path, cache)
    early = [m for m in loaded if any(m == name or m.startswith(name + ".") for name in NOT_AT_START)]
    assert early == []
    assert "app.gui.pages.home" in loaded and "app.domain.questionnaire" in loaded  # the probe saw the start
