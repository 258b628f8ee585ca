"""Where the main window goes: maximised on Windows, sized to the work area (the screen less taskbars) elsewhere.

The window must never be larger than the work area: its navigation bar sits at the bottom and a
window that runs under a 40 px taskbar hides it. customtkinter multiplies every size given to
``geometry``/``minsize`` by the display scaling (Windows 125 %), so sizes measured in screen pixels
are divided by that factor first.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
import tkinter
from typing import Any

MIN_SIZE = (1024, 640)
TASKBAR_GUESS = 48  # px kept free at the bottom when the work area cannot be read
DECORATION = (8, 32)  # px a title bar and borders take when the window manager adds them


def _xprop_work_area(root: tkinter.Misc) -> tuple[int, int, int, int] | None:
    """_NET_WORKAREA of the X screen (set by the window manager from its panels and margins)."""
    xprop = shutil.which("xprop")
    if xprop is None:
        return None
    display = str(root.winfo_screen())
    try:
        # xprop found on PATH, fixed arguments and the display Tk itself uses; no shell
        command = [xprop, "-display", display, "-root", "-notype", "_NET_WORKAREA"]
        out = subprocess.run(command, capture_output=True, text=True, timeout=3, check=False).stdout  # noqa: S603
    except (OSError, subprocess.SubprocessError):
        return None
    numbers = [int(n) for n in re.findall(r"\d+", out.split("=", 1)[-1])] if "=" in out else []
    if len(numbers) < 4 or numbers[2] <= 0 or numbers[3] <= 0:
        return None
    x, y, w, h = numbers[:4]
    return x, y, w, h


def _windows_work_area() -> tuple[int, int, int, int] | None:
    """SPI_GETWORKAREA: the primary monitor less the taskbar, in physical pixels."""
    try:
        import ctypes
        from ctypes import wintypes

        rect = wintypes.RECT()
        if not ctypes.windll.user32.SystemParametersInfoW(0x0030, 0, ctypes.byref(rect), 0):  # type: ignore[attr-defined]
            return None
    except (AttributeError, OSError, ImportError):
        return None
    return rect.left, rect.top, rect.right - rect.left, rect.bottom - rect.top


def work_area(root: tkinter.Misc) -> tuple[int, int, int, int]:
    """(x, y, width, height) of the usable screen in screen pixels; a guessed taskbar strip when unknown."""
    found: tuple[int, int, int, int] | None = None
    system = root.tk.call("tk", "windowingsystem")
    if system == "win32":
        found = _windows_work_area()
    elif system == "x11":
        found = _xprop_work_area(root)
    screen_w, screen_h = root.winfo_screenwidth(), root.winfo_screenheight()
    if found is None:
        return 0, 0, screen_w, max(400, screen_h - TASKBAR_GUESS)
    x, y, w, h = found
    return x, y, min(w, screen_w), min(h, screen_h)


def window_scaling(root: Any) -> float:
    """customtkinter's display scaling of ``root`` (1.0 without one)."""
    getter = getattr(root, "_get_window_scaling", None)
    value = getter() if callable(getter) else 1.0
    return float(value) if value else 1.0


def place(root: Any) -> tuple[int, int]:
    """Size ``root`` to the work area (and maximise it where the platform can); returns its size in screen px."""
    x, y, w, h = work_area(root)
    scaling = window_scaling(root)
    width = w - DECORATION[0]
    height = h - DECORATION[1]
    # customtkinter scales these numbers itself: hand it logical pixels
    root.minsize(min(MIN_SIZE[0], int(width / scaling)), min(MIN_SIZE[1], int(height / scaling)))
    root.geometry(f"{int(width / scaling)}x{int(height / scaling)}+{x}+{y}")
    system = root.tk.call("tk", "windowingsystem")
    with contextlib.suppress(tkinter.TclError):  # a platform or window manager without the state
        if system == "win32" or sys.platform == "darwin":
            root.state("zoomed")
            # customtkinter re-shows the window on Windows when the loop starts: zoom again then
            root.after(0, lambda: root.state("zoomed"))
        elif system == "x11":
            root.attributes("-zoomed", True)  # the window manager keeps a maximised window inside the work area
    return width, height
