"""Home → 「配布パックを読み込む」: choose a .kaizenpack, check it whole, confirm a downgrade, install it."""

from __future__ import annotations

import tkinter
from pathlib import Path
from tkinter import filedialog
from typing import Any

from app.domain import semver
from app.domain.errors import UserError
from app.gui import dialogs
from app.gui.strings import ui


def ask_pack_path(parent: tkinter.Misc, lang: str = "ja") -> Path | None:
    """Choose a pack file (tests replace this function)."""
    name = filedialog.askopenfilename(parent=parent, filetypes=[(ui("pack_files", lang), "*.kaizenpack"),
                                                                (ui("all_files", lang), "*")])
    return Path(name) if name else None


def load_pack(parent: tkinter.Misc, lang: str = "ja", path: Path | None = None) -> Any:
    """Validate and install a pack; returns what was installed, or ``None`` (cancelled, refused or declined).

    Everything is checked before anything is written; an older version than the installed one is
    installed only after the user says yes.
    """
    from app.service import pack as packs

    target = path or ask_pack_path(parent, lang)
    if target is None:
        return None
    try:
        found, installed = packs.check(target)
        m = found.manifest
        older = installed is not None and semver.compare(m.version, installed) < 0
        if older and not dialogs.yes_no(parent, ui("pack_older", lang, id=m.id, version=m.version,
                                                   installed=installed), lang):
            return None
        done = packs.install(target, force=older)
    except UserError as exc:
        dialogs.show_error(parent, exc, lang)
        return None
    key = {"installed": "pack_installed", "upgraded": "pack_upgraded", "reinstalled": "pack_reinstalled",
           "downgraded": "pack_downgraded"}[done.outcome]
    dialogs.info(parent, ui(key, lang, id=done.id, version=done.version, previous=done.previous or "",
                            questionnaires=", ".join(done.questionnaires) or "—", cases=done.cases), lang)
    return done
