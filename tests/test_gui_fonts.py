"""The window's font: a Japanese UI font when one is installed, the bundled IPAex Gothic on Windows otherwise.

No display needed: Tk's font list is replaced by the one each case describes (the Windows run under Wine runs
these too, and the Windows-only one loads the bundled font into the real GDI).
"""

from __future__ import annotations

import os
import sys
import tkinter.font

import pytest

from app.gui import style


def families(monkeypatch: pytest.MonkeyPatch, *lists: list[str]) -> list[int]:
    """Tk reports ``lists[0]``, then ``lists[1]`` after the bundled font is loaded …; returns the load count."""
    calls = [0]
    monkeypatch.setattr(tkinter.font, "families", lambda root=None: tuple(lists[min(calls[0], len(lists) - 1)]))

    def load() -> bool:
        calls[0] += 1
        return True

    monkeypatch.setattr(style, "load_bundled_font", load)
    return calls


@pytest.mark.parametrize(
    ("installed", "platform", "chosen"),
    [
        (["Arial", "Meiryo UI", "Yu Gothic UI"], "win32", "Yu Gothic UI"),
        (["Arial", "メイリオ"], "win32", "メイリオ"),  # a Japanese Windows lists Meiryo under its Japanese name
        (["DejaVu Sans", "IPAexゴシック"], "linux", "IPAexゴシック"),  # fontconfig in a Japanese locale
        (["DejaVu Sans", "Noto Sans CJK JP"], "linux", "Noto Sans CJK JP"),
    ],
)
def test_an_installed_japanese_font_is_chosen(
    monkeypatch: pytest.MonkeyPatch, installed: list[str], platform: str, chosen: str
) -> None:
    calls = families(monkeypatch, installed)
    monkeypatch.setattr(sys, "platform", platform)
    assert style.pick_family(None) == chosen  # type: ignore[arg-type]
    assert calls == [0]  # nothing loaded when a font is there


def test_windows_without_japanese_fonts_loads_the_bundled_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under Wine or a Windows without Yu Gothic / Meiryo: never a Latin font that would show boxes."""
    latin = ["Arial", "Tahoma", "URW Gothic", "Century Gothic"]  # "Gothic" in the name, but no Japanese glyphs
    calls = families(monkeypatch, latin, [*latin, "IPAexGothic"])
    monkeypatch.setattr(sys, "platform", "win32")
    assert style.pick_family(None) == "IPAexGothic"  # type: ignore[arg-type]
    assert calls == [1]


def test_no_japanese_font_anywhere_falls_back_to_tk_default_not_a_latin_gothic(monkeypatch: pytest.MonkeyPatch) -> None:
    families(monkeypatch, ["URW Gothic", "DejaVu Sans"])
    monkeypatch.setattr(sys, "platform", "linux")
    assert style.pick_family(None) == "TkDefaultFont"  # type: ignore[arg-type]


@pytest.mark.skipif(os.name != "nt", reason="Windows GDI")
def test_the_bundled_font_loads_into_windows_gdi() -> None:
    """AddFontResourceExW accepts assets/fonts/ipaexg.ttf for this process (FR_PRIVATE)."""
    assert style.load_bundled_font()


def test_load_bundled_font_is_windows_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert style.load_bundled_font() is False  # fontconfig fonts are installed packages there
