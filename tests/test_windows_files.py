"""Windows file semantics with real Windows processes: a PDF held open by a viewer, a cp932 console, long paths.

These run on Windows (and in the Windows run under Wine, build/windows-under-wine.sh); elsewhere they skip. The
viewer is a real second process that opens the file with CreateFileW and a share mode that lets others read but
not write or delete it, as PDF viewers do, and keeps it open while the program saves.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.errors import StorageError
from app.storage.atomic import atomic_write, free_name
from tests.helpers import EXAMPLE, ROOT

pytestmark = pytest.mark.skipif(os.name != "nt", reason="Windows file semantics (runs on Windows and under Wine)")

# A tiny Windows program: open the file for reading, allow others only to read (FILE_SHARE_READ), say "held", and
# keep the handle until standard input closes.
_HOLDER = r"""
import ctypes, sys
from ctypes import wintypes
kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
kernel32.CreateFileW.restype = wintypes.HANDLE
kernel32.CreateFileW.argtypes = [wintypes.LPCWSTR, wintypes.DWORD, wintypes.DWORD, wintypes.LPVOID,
                                 wintypes.DWORD, wintypes.DWORD, wintypes.HANDLE]
GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING = 0x80000000, 0x1, 3
handle = kernel32.CreateFileW(sys.argv[1], GENERIC_READ, FILE_SHARE_READ, None, OPEN_EXISTING, 0, None)
if handle in (None, wintypes.HANDLE(-1).value):
    print("error", ctypes.get_last_error(), flush=True)
    sys.exit(1)
print("held", flush=True)
sys.stdin.read()
kernel32.CloseHandle(handle)
"""


@pytest.fixture
def viewer() -> Iterator[object]:
    """``viewer(path)`` starts a process that holds ``path`` open like a PDF viewer; it ends with the test."""
    started: list[subprocess.Popen[str]] = []

    def hold(path: Path) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        started.append(process)
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        assert line == "held", f"the holder could not open {path}: {line}"
        return process

    yield hold
    for process in started:
        if process.stdin:
            process.stdin.close()
        process.wait(timeout=30)


def test_pdf_open_in_a_viewer_gives_s004_keeps_it_and_offers_a_free_name(tmp_path: Path, viewer: object) -> None:
    folder = tmp_path / "山田 太郎の資料"
    folder.mkdir()
    target = folder / "行動計画 (市民課).pdf"
    target.write_bytes(b"%PDF-old")
    assert callable(viewer)
    viewer(target)
    with pytest.raises(StorageError) as info:
        atomic_write(target, b"%PDF-new")
    assert info.value.code == "S004"
    assert "別の名前" in info.value.problems[0].message("ja")
    assert target.read_bytes() == b"%PDF-old"  # the viewer's file is untouched
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")) == []  # no temp file left
    other = free_name(target)
    assert other == folder / "行動計画 (市民課) (2).pdf"
    atomic_write(other, b"%PDF-new")  # what the window offers on S004: saving next to it works
    assert other.read_bytes() == b"%PDF-new"


def test_a_file_that_is_only_read_by_another_process_can_still_be_replaced_after_it_closes(
    tmp_path: Path, viewer: object
) -> None:
    target = tmp_path / "計画.kaizen.json"
    target.write_bytes(b"{}")
    assert callable(viewer)
    holder = viewer(target)
    with pytest.raises(StorageError):
        atomic_write(target, b'{"a": 1}')
    assert holder.stdin is not None
    holder.stdin.close()
    holder.wait(timeout=30)
    atomic_write(target, b'{"a": 1}')  # the viewer closed: the same name works again
    assert target.read_bytes() == b'{"a": 1}'


def test_the_console_program_prints_a_path_the_console_code_page_cannot_show(tmp_path: Path) -> None:
    """A Japanese Windows console is cp932: a name with 𠮷 (not in cp932) must not make the command fail."""
    folder = tmp_path / "山田 太郎の資料"
    folder.mkdir()
    target = folder / "𠮷野の計画.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    done = subprocess.run(
        [sys.executable, "-m", "app", "report", str(EXAMPLE), "-o", str(target)],
        cwd=ROOT, env=env, capture_output=True, timeout=300, check=False,
    )
    stderr = done.stderr.decode("mbcs", errors="replace")
    assert done.returncode == 0, stderr
    assert target.read_bytes()[:5] == b"%PDF-"
    assert "野の計画.pdf" in done.stdout.decode("mbcs", errors="replace")  # the path, shown as well as it can be
