"""Key names differ between Tk's windowing systems: Shift+Tab is ISO_Left_Tab only on X11 (no display needed)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.gui import keys


def widget_on(system: str) -> object:
    return SimpleNamespace(tk=SimpleNamespace(call=lambda *args: system if args == ("tk", "windowingsystem") else ""))


@pytest.mark.parametrize(
    ("system", "modifiers", "expected"),
    [
        ("x11", "", ["<Shift-Tab>", "<ISO_Left_Tab>"]),
        ("x11", "Control-", ["<Control-Shift-Tab>", "<Control-ISO_Left_Tab>"]),
        # Windows' Tk rejects ISO_Left_Tab ("bad event type or keysym"): binding it stopped the window from opening
        ("win32", "", ["<Shift-Tab>"]),
        ("aqua", "Control-", ["<Control-Shift-Tab>"]),
    ],
)
def test_back_tab_sequences_only_name_keysyms_this_tk_knows(system: str, modifiers: str, expected: list[str]) -> None:
    assert keys.back_tab_sequences(widget_on(system), modifiers) == expected  # type: ignore[arg-type]
