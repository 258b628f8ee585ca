"""Atomic file writes: a temporary file in the same folder, fsync, then replace; the old file kept as .bak.

A crash at any moment leaves either the complete old file or the complete new one (the kill test in
``tests/test_reliability_kill.py`` proves it). OS errors become
:class:`~app.domain.errors.StorageError` with a plain message (locked file, disk full, no permission,
read-only place) and a ``detail`` parameter for IT staff, so the caller can offer another name
(:func:`free_name`) instead of losing work. Every file the program writes goes through here.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from app.domain.errors import Problem, StorageError

_WINDOWS = os.name == "nt"  # a module constant so tests can exercise the Windows paths on Linux
_LOCKED_WINERRORS = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
_DENIED_WINERROR = 5  # ERROR_ACCESS_DENIED: also what replacing a file held open by a viewer gives
_BAD_PATH_WINERRORS = {3, 123, 206}  # ERROR_PATH_NOT_FOUND, ERROR_INVALID_NAME, ERROR_FILENAME_EXCED_RANGE
_WINDOWS_MAX_PATH = 260  # characters including the terminating NUL: 259 is the longest usable path
_REPLACE_RETRIES = 5  # virus scanners and indexers hold new files for a few milliseconds on Windows
_STALE_TEMP_SECONDS = 600  # temp files this old are left-overs of a killed save, never a save in progress
_NEW_FILE_MODE = 0o644
# Names like "計画 (2).kaizen.json": the double suffix stays together.
_SUFFIXES = (".kaizen.json", ".autosave.json")


def error_detail(exc: OSError) -> str:
    """What IT staff need to see: errno name, OS text and Windows error code."""
    parts = []
    if exc.errno is not None:
        parts.append(errno.errorcode.get(exc.errno, str(exc.errno)))
    winerror = getattr(exc, "winerror", None)
    if winerror is not None:
        parts.append(f"winerror {winerror}")
    parts.append(exc.strerror or str(exc) or type(exc).__name__)
    return ", ".join(parts)


def storage_error(exc: OSError, path: Path, writing: bool = True) -> StorageError:
    """Translate an ``OSError`` into a catalogue message the user can act on."""
    winerror = getattr(exc, "winerror", None)
    name = str(path)
    params: dict[str, object] = {"path": name, "detail": error_detail(exc)}

    def error(code: str) -> StorageError:
        return StorageError(Problem(code, params, name))

    if exc.errno in (errno.ENOSPC, errno.EDQUOT) or winerror in (39, 112):  # ERROR_HANDLE_DISK_FULL, DISK_FULL
        return error("S003")
    if winerror in _LOCKED_WINERRORS or exc.errno == errno.EBUSY:
        return error("S004")
    if isinstance(exc, FileNotFoundError) and not writing:
        return error("S001")
    if exc.errno == errno.EROFS:
        return error("S009")
    if exc.errno in (errno.ENAMETOOLONG,) or winerror == 206:  # ERROR_FILENAME_EXCED_RANGE
        return error("S010")
    if _WINDOWS and _too_long_for_windows(path) and (
        isinstance(exc, FileNotFoundError) or exc.errno == errno.EINVAL or winerror in _BAD_PATH_WINERRORS
    ):
        # Past MAX_PATH (without the long-path policy) Windows answers "path not found" or "invalid name":
        # the folder is there, the name is what does not fit.
        return error("S010")
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return error("S002" if writing else "S008")
    if isinstance(exc, FileNotFoundError) and writing:
        return error("S011")  # the folder itself is gone (a USB stick removed, a network drive offline)
    return error("S005" if writing else "S006")


def _too_long_for_windows(path: Path) -> bool:
    """True when ``path`` breaks Windows' limits: 260 characters in all (MAX_PATH) or 255 in one name."""
    text = str(path)
    units = len(text.encode("utf-16-le")) // 2  # the limits count UTF-16 code units
    return units >= _WINDOWS_MAX_PATH or any(len(part.encode("utf-16-le")) // 2 > 255 for part in Path(text).parts)


def _is_file(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return path.is_file()
    return False


def atomic_write(path: Path, data: bytes, backup: bool = True) -> None:
    """Write ``data`` to ``path`` atomically; keep the previous content as ``path.bak`` if ``backup``.

    Raises :class:`StorageError` (S002–S011) and leaves the old file untouched on any failure.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    tmp_name = ""
    try:
        _remove_stale_temps(folder, path.name)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_mode(path, tmp_name)
        if backup and _is_file(path):
            _keep_backup(path)
        try:
            _replace(tmp_name, path)
        except PermissionError as exc:
            # On Windows a PDF open in a viewer makes the replace fail with "access denied" (5) or a
            # sharing violation (32): the folder is writable (the temp file is there), the target is held.
            if _WINDOWS and _is_file(path):
                raise StorageError(Problem("S004", {"path": str(path), "detail": error_detail(exc)},
                                           str(path))) from exc
            raise
        tmp_name = ""
        _fsync_dir(folder)
    except OSError as exc:
        raise storage_error(exc, path) from exc
    finally:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def write_json(path: Path, data: Any, backup: bool = True) -> None:
    """Write ``data`` as indented UTF-8 JSON atomically (settings, recent-file lists, exports)."""
    text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)
    atomic_write(path, (text + "\n").encode("utf-8"), backup=backup)


def backup_path(path: Path) -> Path:
    """Where :func:`atomic_write` keeps the previous version of ``path``."""
    path = Path(path)
    return path.with_name(path.name + ".bak")


def free_name(path: Path) -> Path:
    """``path`` itself if nothing is there, else ``name (2).ext``, ``name (3).ext`` … (offered on S004)."""
    path = Path(path)
    if not path.exists():
        return path
    name = path.name
    suffix = next((s for s in _SUFFIXES if name.lower().endswith(s)), path.suffix)
    stem = name[: len(name) - len(suffix)] if suffix else name
    stem = re.sub(r" \(\d+\)$", "", stem)
    for n in range(2, 10_000):
        candidate = path.with_name(f"{stem} ({n}){suffix}")
        if not candidate.exists():
            return candidate
    raise StorageError(Problem("S005", {"path": str(path), "detail": "no free name"}, str(path)))


def _copy_mode(path: Path, tmp_name: str) -> None:
    # mkstemp creates 0600 files: keep the permissions the user's file had (shared folders rely on them)
    if _WINDOWS:
        return
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = _NEW_FILE_MODE
    with contextlib.suppress(OSError):
        os.chmod(tmp_name, mode)


def _keep_backup(path: Path) -> None:
    """Make ``path.bak`` the current content of ``path``, itself atomically (link, or copy on Windows, then replace)."""
    bak = backup_path(path)
    fd, tmp_bak = tempfile.mkstemp(prefix=f".{bak.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        # On Windows a hard link shares the file's open handles: while a viewer holds the PDF (sharing read only)
        # the link could be neither renamed to .bak nor deleted and would be left behind, so Windows copies.
        if _WINDOWS or not _linked(path, tmp_bak):
            _copy_file(path, tmp_bak)  # also for FAT32 USB sticks and network shares that cannot link
        _replace(tmp_bak, bak)
        tmp_bak = ""
    except OSError:
        pass  # a missing backup must never stop the save itself
    finally:
        if tmp_bak:
            with contextlib.suppress(OSError):
                os.unlink(tmp_bak)


def _linked(path: Path, tmp_name: str) -> bool:
    """Replace the empty ``tmp_name`` by a hard link to ``path`` (the old content without a second copy)."""
    try:
        os.unlink(tmp_name)
        os.link(path, tmp_name)
    except OSError:
        return False
    return True


def _copy_file(path: Path, tmp_name: str) -> None:
    with open(path, "rb") as src, open(tmp_name, "wb") as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())


def _replace(src: str, dst: Path) -> None:
    for attempt in range(_REPLACE_RETRIES):
        try:
            os.replace(src, dst)
            return
        except PermissionError as exc:
            transient = _WINDOWS and getattr(exc, "winerror", None) in (*_LOCKED_WINERRORS, _DENIED_WINERROR)
            if not transient or attempt == _REPLACE_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Delete temp files that a killed save of ``name`` left behind (old enough not to be in use)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(f".{name}.") and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if now - entry.stat().st_mtime > _STALE_TEMP_SECONDS:
                        os.unlink(entry.path)


def _fsync_dir(folder: Path) -> None:
    if _WINDOWS:
        return  # Windows cannot open a directory for fsync; NTFS journals the rename
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
