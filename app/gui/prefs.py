"""The window's own settings (language, text size, recent files), kept in the user's data folder."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app import resources, service
from app.domain.errors import UserError

FILE_NAME = "gui-settings.json"
MAX_RECENT = 8


@dataclass
class Prefs:
    """What the window remembers between runs."""

    lang: str = "ja"
    scale: int = 100
    recent: list[str] = field(default_factory=list)

    def add_recent(self, path: Path) -> None:
        """Put ``path`` first in the recent files, without duplicates."""
        text = str(Path(path).resolve())
        self.recent = [text, *[r for r in self.recent if r != text]][:MAX_RECENT]

    def recent_existing(self) -> list[Path]:
        """Recent files that still exist."""
        return [Path(r) for r in self.recent if Path(r).is_file()]


def prefs_path(folder: Path | None = None) -> Path:
    """Where the settings live."""
    return (folder or resources.user_data_dir()) / FILE_NAME


def load(folder: Path | None = None) -> Prefs:
    """The saved settings, or defaults when there are none or they are unreadable."""
    try:
        data = json.loads(prefs_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Prefs()
    if not isinstance(data, dict):
        return Prefs()
    lang = "en" if data.get("lang") == "en" else "ja"
    scale = data.get("scale") if data.get("scale") in (100, 125, 150) else 100
    recent = [r for r in data.get("recent", []) if isinstance(r, str)] if isinstance(data.get("recent"), list) else []
    return Prefs(lang, int(scale), recent[:MAX_RECENT])  # type: ignore[arg-type]


def save(prefs: Prefs, folder: Path | None = None) -> None:
    """Write the settings; a settings file that cannot be written is not worth interrupting the user."""
    path = prefs_path(folder)
    try:
        service.write_settings(path, json.dumps(asdict(prefs), ensure_ascii=False, indent=1).encode("utf-8"))
    except (OSError, UserError):
        return
