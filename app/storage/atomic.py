"""Atomic file writes: a temporary file in the same folder, fsync, then replace; the old file kept as .bak.

A crash at any moment leaves either the complete old file or the complete new one. OS errors
become :class:`~app.domain.errors.StorageError` with a plain message (locked file, disk full,
no permission) so the caller can offer another name instead of losing work.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from app.domain.errors import Problem, StorageError

_LOCKED_WINERRORS = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


def storage_error(exc: OSError, path: Path, writing: bool = True) -> StorageError:
    """Translate an ``OSError`` into a catalogue message the user can act on."""
    winerror = getattr(exc, "winerror", None)
    name = str(path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageError(Problem("S003", {"path": name}, name))
    if winerror in _LOCKED_WINERRORS or exc.errno == errno.EBUSY:
        return StorageError(Problem("S004", {"path": name}, name))
    if isinstance(exc, FileNotFoundError) and not writing:
        return StorageError(Problem("S001", {"path": name}, name))
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        # On Windows a PDF open in a viewer shows up as a permission error on replace.
        if writing and path.exists() and os.name == "nt":
            return StorageError(Problem("S004", {"path": name}, name))
        return StorageError(Problem("S002", {"path": name}, name))
    code = "S005" if writing else "S006"
    return StorageError(Problem(code, {"path": name, "detail": exc.strerror or str(exc)}, name))


def atomic_write(path: Path, data: bytes, backup: bool = True) -> None:
    """Write ``data`` to ``path`` atomically; keep the previous content as ``path.bak`` if ``backup``."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if backup and path.exists():
            bak = path.with_name(path.name + ".bak")
            with contextlib.suppress(OSError):
                # a hard link keeps the old content without a second copy; copy if links are not possible
                if bak.exists():
                    bak.unlink()
                try:
                    os.link(path, bak)
                except OSError:
                    bak.write_bytes(path.read_bytes())
        os.replace(tmp_name, path)
        tmp_name = ""
        _fsync_dir(folder)
    except OSError as exc:
        raise storage_error(exc, path) from exc
    finally:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return  # Windows cannot open a directory for fsync; NTFS journals the rename
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
