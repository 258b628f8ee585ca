"""Telling real Windows from Wine, for the tests that the Windows run under Wine (build/windows-under-wine.sh) skips."""

from __future__ import annotations

import functools
import os


@functools.cache
def under_wine() -> bool:
    """True when a Windows Python runs under Wine (its ntdll exports ``wine_get_version``), not on real Windows."""
    if os.name != "nt":
        return False
    import ctypes

    return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")
