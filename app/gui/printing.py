"""Open or print a written file with the system's programs (no shell; the path is one the user chose)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def open_in_system(path: Path) -> bool:
    """Open a file or folder with the system's program; False when that is not possible here."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(str(path))  # type: ignore[attr-defined,unused-ignore]  # noqa: S606 - Windows only, no shell
        elif sys.platform == "darwin":
            # the system's opener with a path the user just chose; no shell is involved
            subprocess.Popen(["open", str(path)])  # noqa: S603, S607
        else:
            subprocess.Popen(["xdg-open", str(path)], stdout=subprocess.DEVNULL,  # noqa: S603, S607
                             stderr=subprocess.DEVNULL)
    except OSError:
        return False
    return True


def print_file(path: Path) -> str:
    """Send ``path`` to the default printer where the system can; returns "printed", "opened" or "failed".

    Windows: the PDF viewer's registered print verb (``os.startfile(path, "print")``); Edge, a common
    default viewer, registers none, and then the PDF is opened for the user to print from there.
    Elsewhere the PDF is opened (a viewer's print dialog is where the printer and copies are chosen).
    """
    if sys.platform.startswith("win"):
        try:
            os.startfile(str(path), "print")  # type: ignore[attr-defined,call-arg,unused-ignore]  # noqa: S606
        except OSError:
            pass  # no print verb for .pdf: open it instead
        else:
            return "printed"
    return "opened" if open_in_system(path) else "failed"
