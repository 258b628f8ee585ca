"""Install a folder of files all at once: staged beside the target, then swapped in with directory renames.

Either the whole new folder is in place or the old one still is: files are written and synced in a
staging folder next to the target, the old folder is renamed aside, the new one renamed into place, and
only then is the old one removed. A failure before the swap leaves the target untouched.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from app.storage.atomic import storage_error


def install_tree(target: Path, files: dict[str, bytes]) -> None:
    """Make ``target`` a folder holding exactly ``files`` (relative POSIX names → bytes), atomically."""
    target = Path(target)
    parent = target.parent
    tag = uuid.uuid4().hex[:8]
    staging = parent / f".{target.name}.new-{tag}"
    old = parent / f".{target.name}.old-{tag}"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        for name, data in files.items():
            dest = staging.joinpath(*name.split("/"))
            if staging.resolve() not in dest.resolve().parents:  # checked by the reader too: never trust one layer
                raise ValueError(f"unsafe name {name!r}")
            dest.parent.mkdir(parents=True, exist_ok=True)
            with open(dest, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        had_old = target.exists()
        if had_old:
            os.replace(target, old)
        try:
            os.replace(staging, target)
        except OSError:
            if had_old:
                os.replace(old, target)
            raise
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise storage_error(exc, target) from exc
    shutil.rmtree(old, ignore_errors=True)


def remove_tree(target: Path) -> None:
    """Remove an installed folder (missing is fine)."""
    try:
        shutil.rmtree(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise storage_error(exc, target) from exc
