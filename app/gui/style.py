"""Fonts, colours and text size: a Japanese UI font set on every widget, including tksheet and the canvases.

The default customtkinter theme font has no Japanese glyphs, so the font family is chosen here once
and written into the theme before any widget exists; tk's named fonts follow so plain tk widgets
(tksheet, Canvas, dialogs) match.
"""

from __future__ import annotations

import sys
import tkinter
import tkinter.font
from typing import Any

import customtkinter as ctk

from app import resources

# Windows lists a font under its name in the user's language: on a Japanese Windows Meiryo is 「メイリオ」.
WINDOWS_FONTS = ("Yu Gothic UI", "Meiryo UI", "Meiryo", "メイリオ", "MS UI Gothic")
BUNDLED_FONTS = ("IPAexGothic", "IPAexゴシック")  # assets/fonts/ipaexg.ttf (the PDF's font), English and Japanese
OTHER_FONTS = (*BUNDLED_FONTS, "IPAGothic", "IPAゴシック", "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans",
               "TakaoGothic")
SCALES = (100, 125, 150)
MEETING_SCALE = 175  # 会議モード: text for a shared screen or a projector
BASE_SIZE = 14  # px at 100 %; customtkinter scales CTk widgets itself, tk widgets are sized here

ACCENT = "#1f6aa5"
QUICK_WIN = "#e07b00"
ERROR = "#c62828"
MUTED = "#5f6b76"
DONE = "#2e7d32"
PANEL = ("gray92", "gray17")
PAGE_BG = ("gray98", "gray12")
QUADRANT_FILL = {"quick_win": "#fff1dc", "major_project": "#e6eef7", "fill_in": "#eef6ea", "not_now": "#f2f2f2"}

_family = ["TkDefaultFont"]
_scale = [1.0]
_fonts: dict[tuple[str, int, str], ctk.CTkFont] = {}


def pick_family(root: tkinter.Misc) -> str:
    """The first installed Japanese UI font for this platform.

    On Windows without any of them (a Windows without the Japanese fonts, or Wine) the bundled IPAex Gothic is
    loaded for this process only, so the window never shows boxes for Japanese text.
    """
    available = {str(f) for f in tkinter.font.families(root)}
    wanted = WINDOWS_FONTS if sys.platform.startswith("win") else OTHER_FONTS
    candidates: tuple[str, ...] = (*wanted, *WINDOWS_FONTS, *OTHER_FONTS)
    for name in candidates:
        if name in available:
            return name
    if sys.platform == "win32" and load_bundled_font():
        available = {str(f) for f in tkinter.font.families(root)}
        for name in BUNDLED_FONTS:
            if name in available:
                return name
    # a font whose name says Japanese; else Tk's default (glyphs may be missing, but the app still runs)
    japanese = ("JP", "CJK", "ゴシック", "明朝")
    return next((f for f in sorted(available) if any(mark in f for mark in japanese)), "TkDefaultFont")


def load_bundled_font() -> bool:
    """Windows: make the bundled IPAex Gothic usable by this process (not installed for others); True if loaded."""
    if sys.platform != "win32":
        return False
    import ctypes

    fr_private = 0x10  # FR_PRIVATE: only this process sees it, and it goes when the process ends
    path = resources.font_path()
    return path.is_file() and ctypes.windll.gdi32.AddFontResourceExW(str(path), fr_private, None) > 0


def setup(root: tkinter.Misc) -> str:
    """Choose the font family and apply it to the theme and tk's named fonts; returns the family."""
    family = pick_family(root)
    _family[0] = family
    _fonts.clear()  # fonts belong to a Tk interpreter: a new root makes its own
    ctk.ThemeManager.theme["CTkFont"]["family"] = family
    ctk.ThemeManager.theme["CTkFont"]["size"] = BASE_SIZE
    for name in ("TkDefaultFont", "TkTextFont", "TkMenuFont", "TkHeadingFont", "TkCaptionFont",
                 "TkSmallCaptionFont", "TkIconFont", "TkTooltipFont", "TkFixedFont"):
        try:
            tkinter.font.nametofont(name, root=root).configure(family=family)
        except tkinter.TclError:
            continue  # a named font this Tk does not define
    for name in ("TkDefaultFont", "TkTextFont", "TkMenuFont", "TkFixedFont"):
        keep_loaded(root.tk, name)  # the defaults of labels, entries, menus and text boxes
    return family


def keep_loaded(tk: Any, font_name: str) -> None:
    """Keep Tk's named font ``font_name`` loaded for as long as the window lives.

    Tk loads a font (with its fallback faces for Japanese, about 0.5 ms) when something uses it and frees
    it when nothing does any more. customtkinter gives its widgets scaled copies of the named fonts, so
    nothing held Tk's default fonts nor the shared fonts below: every plain label, entry or menu made
    (each starts with its class's default font before it takes its own) and every ``font measure``
    (Japanese wrapping) loaded a font again, half a millisecond each, hundreds of times on a first visit.
    An unmapped label that uses the font, made in Tcl only (no tkinter widget lists it), keeps it loaded.
    """
    path = f"._kaizen_font_{font_name}"
    if not int(tk.call("winfo", "exists", path)):
        tk.call("label", path, "-font", font_name)


def family() -> str:
    """The chosen UI font family."""
    return _family[0]


def set_scale(percent: int) -> None:
    """Apply a text-size setting (100/125/150 %, or 175 % in meeting mode) to every customtkinter widget."""
    factor = max(SCALES[0], min(MEETING_SCALE, percent)) / 100
    _scale[0] = factor
    ctk.set_widget_scaling(factor)


def scale() -> float:
    """The current text-size factor (1.0, 1.25, 1.5)."""
    return _scale[0]


def font(size: int = BASE_SIZE, weight: str = "normal") -> ctk.CTkFont:
    """A CTkFont in the UI family; customtkinter scales it with the text-size setting.

    One font object per size and weight is shared by every widget (each widget scales it for itself):
    a page of fields made hundreds of identical Tk fonts. Never configure the font returned here. It stays
    loaded (:func:`keep_loaded`): texts are measured with it to wrap them.
    """
    key = (family(), size, weight)
    made = _fonts.get(key)
    if made is None:
        made = _fonts[key] = ctk.CTkFont(family=key[0], size=size, weight=weight)
        keep_loaded(made._tk, made.name)  # the interpreter the font was made in
    return made


def tk_font(size: int = BASE_SIZE, weight: str = "normal") -> tuple[str, int, str]:
    """A font tuple for plain tk widgets (tksheet, Canvas), scaled by hand; points, as tksheet expects."""
    return (family(), max(6, round(size * 0.75 * scale())), weight)


def window_size(window: tkinter.Misc, width: int, height: int) -> str:
    """A window geometry grown with the text size (its labels wrap at unscaled widths) but kept on the screen."""
    s = scale()
    w = min(round(width * s), window.winfo_screenwidth() - 20)
    h = min(round(height * s), window.winfo_screenheight() - 60)
    return f"{w}x{h}"
