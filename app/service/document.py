"""The document's life beyond open and save: autosave slots, recovery after a crash, free names, settings files.

The window asks for these here, never :mod:`app.storage` itself (an import-linter contract keeps it so).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from app.domain.assessment import Assessment
from app.service.core import Opened, get_questionnaire
from app.storage import atomic
from app.storage import autosave as slots
from app.storage.autosave import Pending

Recovery = Pending  # an autosave that can be recovered: path, source, saved_at, department, slot


def new_slot(source: Path | None) -> str:
    """The autosave slot of a document: stable for a saved file, fresh for an untitled one."""
    return slots.slot_for(source)


def autosave(a: Assessment, slot: str, source: Path | None, folder: Path | None = None) -> Path:
    """Write the work in progress into ``slot`` atomically; raises StorageError when the folder is not writable."""
    return slots.autosave(a, slot, source, folder)


def clear_autosave(slot: str, folder: Path | None = None) -> None:
    """Forget a slot after a clean save or close (never raises)."""
    slots.clear(slot, folder)


def pending_recoveries(folder: Path | None = None, exclude_slot: str | None = None) -> list[Recovery]:
    """Autosaves newer than their document (or of never-saved ones), newest first, without ``exclude_slot``."""
    return [p for p in slots.pending(folder) if p.slot != exclude_slot]


def recover(entry: Recovery) -> Opened:
    """Read an autosave as an assessment, with the same checks and messages as opening its file.

    ``Opened.path`` is the autosave itself; ``entry.source`` is the document it belongs to.
    """
    from app.storage import assessment_file

    q = get_questionnaire(assessment_file.peek_questionnaire_id(entry.path))
    result = slots.recover(entry, q)
    return Opened(result.assessment, q, entry.path, result.problems, result.read_only)


def discard_recovery(entry: Recovery) -> None:
    """Throw an autosave away (a file already gone is fine)."""
    with contextlib.suppress(OSError):
        entry.path.unlink()


def free_name(path: Path) -> Path:
    """``path`` itself if nothing is there, else ``NAME (2).ext``, ``NAME (3).ext`` … (offered on S004)."""
    return atomic.free_name(path)


def write_settings(path: Path, data: bytes) -> None:
    """Write a small settings file atomically (no backup); raises OSError or StorageError on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.atomic_write(path, data, backup=False)
