"""The window's start asks Tk less (counted, never timed), and the root still follows its own size."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[1]

# Calls into Tk from the root's creation until Home is drawn and idle, counted as benchmarks/gui_bench.py
# counts them. main had 7,400 before the start-up round of 2026-12-01 (canvas_calls, the root's own
# <Configure>, the date button), 5,800 after it; the bound leaves room for a different screen or font.
MOST_CALLS = 6_600

COUNT = """
import json, time
from app.gui.app import build, create_root

class Counting:
    def __init__(self, tk):
        self._tk, self.calls = tk, 0
    def call(self, *args):
        self.calls += 1
        return self._tk.call(*args)
    def __getattr__(self, name):
        return getattr(self._tk, name)

root = create_root()
counting = Counting(root.tk)
stack = [root]
while stack:
    widget = stack.pop()
    widget.tk = counting
    stack.extend(widget.winfo_children())
wiz = build(root)
root.update(); root.update_idletasks()
assert wiz.home.winfo_ismapped()
print(json.dumps({"calls": counting.calls}))
root.destroy()
"""


def test_home_is_drawn_with_fewer_calls_into_tk(tmp_path: Path) -> None:
    env = dict(os.environ)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(tmp_path / var.lower())
    done = subprocess.run([sys.executable, "-c", COUNT], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    calls = json.loads(done.stdout.strip().splitlines()[-1])["calls"]
    assert 1_000 < calls <= MOST_CALLS


def test_the_root_follows_its_own_size_but_not_its_widgets(gui_root: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """customtkinter's size tracking of the root runs for the root's own <Configure> only (app.create_root)."""
    import customtkinter as ctk

    seen: list[object] = []
    original = ctk.CTk._update_dimensions_event
    monkeypatch.setattr(ctk.CTk, "_update_dimensions_event",
                        lambda self, event=None: (seen.append(event), original(self, event)))
    frame = ctk.CTkFrame(gui_root, width=120, height=80)
    frame.place(x=0, y=0)
    gui_root.update()
    frame.configure(width=160)  # a widget inside the root changes size: nothing for the root to follow
    gui_root.update()
    frame.destroy()
    assert seen == []
    width, height = gui_root.winfo_width(), gui_root.winfo_height()
    try:
        gui_root.event_generate("<Configure>", width=width, height=height)
        gui_root.update()
        assert len(seen) == 1
        assert gui_root._current_width == gui_root._reverse_window_scaling(width)
    finally:
        gui_root.update()
