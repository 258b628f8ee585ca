"""A change of text size leaves the window alone: customtkinter pinned the root to its last recorded size
(min = max = that size, then ``geometry``), which took a maximised window out of its maximised frame."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.gui


def test_text_size_keeps_the_windows_size_limits_and_geometry(gui_root: Any) -> None:
    from app.gui import style

    before = style.scale()
    gui_root.update()
    limits, geometry = gui_root.wm_maxsize(), gui_root.wm_geometry()
    try:
        for percent in (125, 150, 100):
            style.set_scale(percent)
            # pinned, maxsize was the window's own size and a maximised window could not fill the screen
            assert gui_root.wm_maxsize() == limits, percent
            assert gui_root.wm_geometry() == geometry, percent
            gui_root.update()
    finally:
        style.set_scale(round(before * 100))
        gui_root.update()


def test_a_new_window_scaling_still_resizes_the_window(gui_root: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another monitor's DPI (window scaling) is customtkinter's own business: its resize still runs."""
    import customtkinter as ctk

    seen: list[tuple[float, float]] = []
    monkeypatch.setattr(ctk.CTk, "_set_scaling", lambda self, widget, window: seen.append((widget, window)))
    current, text = gui_root._get_window_scaling(), gui_root._get_widget_scaling()
    try:
        gui_root._set_scaling(text * 1.25, current)  # text size only: not customtkinter's pinning
        gui_root._set_scaling(text, current * 2)
    finally:
        gui_root._set_scaling(text, current)
    assert seen == [(text, current * 2)]
