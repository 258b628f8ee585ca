"""Autosave: the work in progress written to the user's data folder after every change, for crash recovery.

Each open document has a slot (one file). A clean save or close removes the slot, so only work that
was never saved — or changed after its last save — is offered for recovery at the next start.
Autosaves are written with :func:`~app.storage.atomic.atomic_write`, so a crash while autosaving
leaves the previous autosave intact; a damaged or foreign file in the folder is skipped, never fatal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import resources
from app.domain.assessment import Assessment
from app.domain.errors import UserError
from app.domain.questionnaire import Questionnaire
from app.storage.atomic import atomic_write, storage_error

if TYPE_CHECKING:
    from app.storage import assessment_file

# ``assessment_file`` and ``hashlib`` are imported on first use: a window opening new work needs neither before
# its first frame (a pending autosave is read with them only when there is one).

SUFFIX = ".autosave.json"
_SLOT_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # a slot is a file name: never a path


@dataclass(frozen=True)
class Pending:
    """An autosave that can be recovered."""

    path: Path  # the autosave file
    source: Path | None  # the document it belongs to, None if never saved
    saved_at: dt.datetime
    department: str

    @property
    def slot(self) -> str:
        """The slot this autosave fills (its file name without the suffix)."""
        return self.path.name.removesuffix(SUFFIX)


def slot_for(source: Path | None) -> str:
    """A stable slot name for a saved document, or a fresh one for an untitled document."""
    if source is None:
        return "untitled-" + os.urandom(6).hex()  # 12 random hex digits, as uuid4's first twelve
    import hashlib

    return "file-" + hashlib.sha256(str(Path(source).resolve()).encode("utf-8")).hexdigest()[:16]


def _slot_path(slot: str, folder: Path) -> Path:
    if not _SLOT_RE.match(slot):
        raise ValueError(f"invalid autosave slot {slot!r}")  # a programming error, not user input
    return folder / f"{slot}{SUFFIX}"


def autosave(a: Assessment, slot: str, source: Path | None, folder: Path | None = None) -> Path:
    """Write ``a`` into ``slot`` atomically; returns the autosave file.

    Raises :class:`StorageError` when the data folder cannot be written (the GUI shows it once,
    not after every keystroke).
    """
    folder = folder or resources.autosave_dir()
    path = _slot_path(slot, folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_error(exc, folder) from exc
    from app.storage import assessment_file

    data = assessment_file.to_dict(a)
    # microseconds: a save in the same second as the last autosave must still count as newer
    data["autosave"] = {"source": str(source) if source else None,
                        "saved_at": dt.datetime.now().astimezone().isoformat(timespec="microseconds")}
    atomic_write(path, (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8"), backup=False)
    return path


def clear(slot: str, folder: Path | None = None) -> None:
    """Forget a slot after a clean save or close."""
    folder = folder or resources.autosave_dir()
    with contextlib.suppress(OSError, ValueError):
        _slot_path(slot, folder).unlink()


def pending(folder: Path | None = None) -> list[Pending]:
    """Autosaves newer than the document they belong to (or of never-saved documents), newest first."""
    folder = folder or resources.autosave_dir()
    found: list[Pending] = []
    with contextlib.suppress(OSError):
        if not folder.is_dir():
            return found
    try:
        candidates = sorted(folder.glob(f"*{SUFFIX}"))
    except OSError:
        return found
    for path in candidates:
        if not _SLOT_RE.match(path.name.removesuffix(SUFFIX)):
            continue  # not one of ours: the GUI reuses the slot name, which must stay a plain file name
        entry = _read_pending(path)
        if entry is not None and _newer_than_source(entry):
            found.append(entry)
    return sorted(found, key=lambda p: p.saved_at, reverse=True)


def recover(entry: Pending, q: Questionnaire) -> assessment_file.ReadResult:
    """Read a pending autosave as an assessment (same checks and messages as opening a file)."""
    from app.storage import assessment_file

    return assessment_file.load(entry.path, q)


def _read_pending(path: Path) -> Pending | None:
    from app.storage import assessment_file

    try:
        data: Any = json.loads(assessment_file.read_capped(path).decode("utf-8"))
        meta = data["autosave"]
        saved_at = dt.datetime.fromisoformat(meta["saved_at"])
        if saved_at.tzinfo is None:
            saved_at = saved_at.astimezone()  # a hand-made or older autosave: read as local time
        source = Path(meta["source"]) if meta.get("source") else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError, UserError):
        return None  # a damaged (or huge) autosave is not worth a dialog; the user's own file is untouched
    info = data.get("info")
    dept = info.get("department", "") if isinstance(info, dict) else ""
    return Pending(path, source, saved_at, str(dept)[:100])


def _newer_than_source(entry: Pending) -> bool:
    if entry.source is None:
        return True
    try:
        mtime = dt.datetime.fromtimestamp(entry.source.stat().st_mtime).astimezone()
    except (OSError, ValueError):
        return True  # the saved file is gone (moved, deleted, drive offline): the autosave is all there is
    return mtime < entry.saved_at
