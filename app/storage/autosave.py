"""Autosave: the work in progress written to the user's data folder after every change, for crash recovery.

Each open document has a slot (one file). A clean save or close removes the slot, so only work that
was never saved — or changed after its last save — is offered for recovery at the next start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from app import resources
from app.domain.assessment import Assessment
from app.storage import assessment_file
from app.storage.atomic import atomic_write

SUFFIX = ".autosave.json"


@dataclass(frozen=True)
class Pending:
    """An autosave that can be recovered."""

    path: Path  # the autosave file
    source: Path | None  # the document it belongs to, None if never saved
    saved_at: dt.datetime
    department: str


def slot_for(source: Path | None) -> str:
    """A stable slot name for a saved document, or a fresh one for an untitled document."""
    if source is None:
        return "untitled-" + uuid.uuid4().hex[:12]
    return "file-" + hashlib.sha256(str(Path(source).resolve()).encode("utf-8")).hexdigest()[:16]


def autosave(a: Assessment, slot: str, source: Path | None, folder: Path | None = None) -> Path:
    """Write ``a`` into ``slot`` atomically; returns the autosave file."""
    folder = folder or resources.autosave_dir()
    folder.mkdir(parents=True, exist_ok=True)
    data = assessment_file.to_dict(a)
    data["autosave"] = {"source": str(source) if source else None,
                        "saved_at": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
    path = folder / f"{slot}{SUFFIX}"
    atomic_write(path, (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8"), backup=False)
    return path


def clear(slot: str, folder: Path | None = None) -> None:
    """Forget a slot after a clean save or close."""
    folder = folder or resources.autosave_dir()
    with contextlib.suppress(OSError):
        (folder / f"{slot}{SUFFIX}").unlink()


def pending(folder: Path | None = None) -> list[Pending]:
    """Autosaves newer than the document they belong to (or of never-saved documents), newest first."""
    folder = folder or resources.autosave_dir()
    found: list[Pending] = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            meta = data["autosave"]
            saved_at = dt.datetime.fromisoformat(meta["saved_at"])
            source = Path(meta["source"]) if meta.get("source") else None
        except (OSError, ValueError, KeyError, TypeError):
            continue  # a damaged autosave is not worth a dialog; the user's own file is untouched
        if source is not None and source.exists():
            mtime = dt.datetime.fromtimestamp(source.stat().st_mtime).astimezone()
            if mtime >= saved_at:
                continue
        dept = data.get("info", {}).get("department", "") if isinstance(data.get("info"), dict) else ""
        found.append(Pending(path, source, saved_at, str(dept)))
    return sorted(found, key=lambda p: p.saved_at, reverse=True)
