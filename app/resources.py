"""Where the program's own files and the user's files live: source checkout, installed wheel, frozen build.

Three layouts carry the same two read-only folders, ``questionnaires/`` and ``assets/``:

* **source checkout** — next to the ``app`` package (``<repo>/questionnaires``, ``<repo>/assets``);
* **installed wheel** — inside the package as ``app/_bundled/questionnaires`` and
  ``app/_bundled/assets`` (``setup.py`` copies them there when the wheel is built);
* **PyInstaller build** — at the root of the extracted bundle, ``sys._MEIPASS`` (the ``_internal``
  folder of the one-folder build, or the temporary extraction folder of the one-file build).

Everything the user owns (autosaves, logs, settings) goes to the per-user folders that
:mod:`platformdirs` names, never next to the program nor into its temporary extraction folder:
the program folder may be read-only (``C:\\Program Files``, a network share) and the one-file
build's extraction folder is deleted when the program exits.

Nothing here creates folders: callers that write make their folder with
``mkdir(parents=True, exist_ok=True)`` at the moment they write.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "KaizenSelfCheck"
"""Folder name under the user's data, config and log folders."""

QUESTIONNAIRES_ENV = "KAIZEN_QUESTIONNAIRES"
"""Environment variable: extra questionnaire folders, separated by ``os.pathsep``."""

FONT_FILE = ("fonts", "ipaexg.ttf")
ICON_PNG = ("icon.png",)
ICON_ICO = ("icon.ico",)

_PACKAGE_DIR = Path(__file__).resolve().parent


def is_frozen() -> bool:
    """True when running from a PyInstaller build (one-folder or one-file)."""
    return bool(getattr(sys, "frozen", False))


def bundle_root() -> Path:
    """The folder that holds the read-only ``questionnaires/`` and ``assets/`` folders."""
    if is_frozen():
        meipass = getattr(sys, "_MEIPASS", None)
        # _MEIPASS is always set by PyInstaller's bootloader; the fallback covers other freezers.
        return Path(meipass) if meipass else Path(sys.executable).resolve().parent
    installed = _PACKAGE_DIR / "_bundled"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent


def program_dir() -> Path | None:
    """The folder holding the frozen program's executable; ``None`` when run by a Python interpreter.

    This is the folder the user sees and may write a ``questionnaires/`` folder into; for the
    one-file build it is *not* :func:`bundle_root` (that is a temporary extraction folder).
    """
    if not is_frozen():
        return None
    return Path(sys.executable).resolve().parent


def bundled_questionnaire_dir() -> Path:
    """The read-only folder of questionnaires shipped with the program."""
    return bundle_root() / "questionnaires"


def user_questionnaire_dirs() -> list[Path]:
    """Existing folders of site-specific questionnaires, in increasing order of precedence.

    1. ``questionnaires/`` next to the frozen program's executable (only for the built program:
       a central team drops its adapted copies there without rebuilding);
    2. the user's own questionnaire folder (:func:`user_questionnaire_folder`), where the window
       「質問票の調整」 saves each new version;
    3. each folder named in the environment variable ``KAIZEN_QUESTIONNAIRES`` (``os.pathsep``
       separated), for testing an adapted questionnaire from source or on one PC.

    The loader reads the bundled folder first and then these in order; a file whose questionnaire
    ``id`` was already seen replaces the earlier one. Folders that do not exist are left out, and
    the bundled folder itself is never listed again.
    """
    candidates: list[Path] = []
    program = program_dir()
    if program is not None:
        candidates.append(program / "questionnaires")
    candidates.append(user_questionnaire_folder())
    for entry in os.environ.get(QUESTIONNAIRES_ENV, "").split(os.pathsep):
        if entry.strip():
            candidates.append(Path(entry.strip()).expanduser())
    bundled = _resolved(bundled_questionnaire_dir())
    found: list[Path] = []
    seen: set[Path] = {bundled}
    for candidate in candidates:
        resolved = _resolved(candidate)
        if resolved in seen or not resolved.is_dir():
            continue
        seen.add(resolved)
        found.append(resolved)
    return found


def user_questionnaire_folder() -> Path:
    """Where the improvement team's adapted questionnaires are saved from the window (may not exist yet)."""
    return user_data_dir() / "questionnaires"


def asset_path(*parts: str) -> Path:
    """A file or folder under the shipped ``assets/`` folder (it may not exist; callers check)."""
    return bundle_root().joinpath("assets", *parts)


def font_path() -> Path:
    """The Japanese TrueType font embedded in every PDF (IPAex Gothic)."""
    return asset_path(*FONT_FILE)


def icon_png_path() -> Path:
    """The 256×256 application icon for the Tk window (``iconphoto`` reads PNG)."""
    return asset_path(*ICON_PNG)


def user_data_dir() -> Path:
    """The user's own data folder (Windows: ``%LOCALAPPDATA%\\KaizenSelfCheck``)."""
    return _outside_program(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))


def user_config_dir() -> Path:
    """The user's settings folder (Windows: ``%LOCALAPPDATA%\\KaizenSelfCheck``, as the data folder)."""
    return _outside_program(Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)))


def user_log_dir() -> Path:
    """The user's log folder (Windows: ``%LOCALAPPDATA%\\KaizenSelfCheck\\Logs``)."""
    return _outside_program(Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)))


def user_cache_dir() -> Path:
    """The per-user cache folder: only data the program can rebuild (deleting it loses nothing)."""
    return _outside_program(Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)))


def questionnaire_cache_dir() -> Path:
    """Parsed questionnaires (``questionnaires`` inside :func:`user_cache_dir`, see :mod:`app.loading.parse_cache`)."""
    return user_cache_dir() / "questionnaires"


def user_cases_dir() -> Path:
    """The installed case catalogues (``cases`` inside :func:`user_data_dir`; a pack installs its own there)."""
    return user_data_dir() / "cases"


def user_packs_dir() -> Path:
    """Installed distribution packs, one folder each (``packs`` inside :func:`user_data_dir`)."""
    return user_data_dir() / "packs"


def pack_questionnaire_dirs() -> list[Path]:
    """The questionnaire folders of the installed packs (sorted by pack id)."""
    root = user_packs_dir()
    try:
        return sorted(p / "questionnaires" for p in root.iterdir() if (p / "questionnaires").is_dir()
                      and not p.name.startswith(".")) if root.is_dir() else []
    except OSError:
        return []


def autosave_dir() -> Path:
    """Where the wizard's automatic saves go (``autosave`` inside :func:`user_data_dir`)."""
    return user_data_dir() / "autosave"


def _outside_program(path: Path) -> Path:
    """``path`` unless it is in the program's own files; then a folder in the home directory.

    The program's own files are the bundle (the one-folder build's ``_internal``, the one-file
    build's temporary extraction folder), the whole one-folder build's folder, and the very folder a
    one-file program sits in (only that folder: a one-file program may sit in the home folder or
    ``Downloads``, and everything under those is not "next to the program"). This matters when the
    program is unpacked into ``%LOCALAPPDATA%`` itself, or a portable launcher points ``LOCALAPPDATA``
    or ``XDG_DATA_HOME`` into the program folder: an update that replaces the folder would take the
    user's autosaves with it.
    """
    bundle = _resolved(bundle_root())
    trees = [bundle]
    exact: list[Path] = []
    program = program_dir()
    if program is not None:
        program = _resolved(program)
        one_folder = program == bundle or program in bundle.parents
        (trees if one_folder else exact).append(program)
    for candidate in (path, Path.home() / f".{APP_NAME.lower()}" / path.name):
        resolved = _resolved(candidate)
        inside = any(resolved == root or root in resolved.parents for root in trees)
        if not inside and resolved not in exact:
            return candidate
    return path  # nowhere better: the home folder itself is inside the program folder


def _resolved(path: Path) -> Path:
    """``path`` made absolute with symlinks resolved, without requiring it to exist."""
    return path.expanduser().resolve(strict=False)
