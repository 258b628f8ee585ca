"""Resource lookup: the same files are found from source, an installed wheel and a frozen build; user files stay out."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from app import resources, service

ROOT = Path(__file__).resolve().parent.parent


def pretend_frozen(monkeypatch: pytest.MonkeyPatch, program: Path, meipass: Path, create: bool = True) \
        -> dict[str, Path]:
    """Make this process look like a PyInstaller build whose executable is in ``program``.

    ``create=False`` writes nothing: for a program that pretends to sit in the real %LOCALAPPDATA% on Windows.
    """
    if create:
        program.mkdir(parents=True, exist_ok=True)
        shutil.copytree(ROOT / "questionnaires", meipass / "questionnaires")
        (meipass / "assets" / "fonts").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(meipass), raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "KaizenSelfCheck.exe"))
    monkeypatch.delenv(resources.QUESTIONNAIRES_ENV, raising=False)
    return {"program": program, "meipass": meipass}


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A one-file build: the program in ``program/``, its bundle unpacked to a temporary ``meipass/``."""
    return pretend_frozen(monkeypatch, tmp_path / "program", tmp_path / "meipass")


@pytest.fixture
def frozen_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A one-folder build: ``KaizenSelfCheck/KaizenSelfCheck.exe`` with its bundle in ``_internal/``."""
    program = tmp_path / "KaizenSelfCheck"
    return pretend_frozen(monkeypatch, program, program / "_internal")


def standard_copy(folder: Path, title: str) -> Path:
    """A copy of the standard questionnaire (same id) with another Japanese title, as a central team makes."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "questionnaires" / "standard.yaml").read_text(encoding="utf-8")
    old = "  ja: 業務改善セルフチェック（標準）\n"
    assert old in text
    target = folder / "standard.yaml"
    target.write_text(text.replace(old, f"  ja: {title}\n", 1), encoding="utf-8")
    return target


# --- source checkout ------------------------------------------------------------------------------


def test_source_checkout_finds_the_top_level_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(resources.QUESTIONNAIRES_ENV, raising=False)
    assert not resources.is_frozen()
    assert resources.bundle_root() == ROOT
    assert resources.bundled_questionnaire_dir() == ROOT / "questionnaires"
    assert (resources.bundled_questionnaire_dir() / "standard.yaml").is_file()
    assert resources.asset_path("fonts", "ipaexg.ttf") == resources.font_path()
    # A TrueType font (reportlab embeds these), not an OpenType/CFF one it cannot.
    assert resources.font_path().read_bytes()[:4] == b"\x00\x01\x00\x00"
    assert resources.icon_png_path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert resources.asset_path("icon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_from_source_only_the_environment_variable_adds_questionnaire_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(resources.QUESTIONNAIRES_ENV, raising=False)
    assert resources.user_questionnaire_dirs() == []  # not the repository's own questionnaires/ again
    first, second, missing = tmp_path / "a", tmp_path / "b", tmp_path / "missing"
    first.mkdir()
    second.mkdir()
    monkeypatch.setenv(resources.QUESTIONNAIRES_ENV, os.pathsep.join([str(first), str(missing), "", str(second)]))
    assert resources.user_questionnaire_dirs() == [first.resolve(), second.resolve()]


def test_the_bundled_folder_is_never_listed_as_a_user_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(resources.QUESTIONNAIRES_ENV, str(ROOT / "questionnaires"))
    assert resources.user_questionnaire_dirs() == []


def test_installed_wheel_layout_uses_the_bundled_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "app"
    (package / "_bundled" / "questionnaires").mkdir(parents=True)
    monkeypatch.setattr(resources, "_PACKAGE_DIR", package)
    assert resources.bundle_root() == package / "_bundled"
    assert resources.bundled_questionnaire_dir() == package / "_bundled" / "questionnaires"
    assert resources.font_path() == package / "_bundled" / "assets" / "fonts" / "ipaexg.ttf"


# --- frozen build ---------------------------------------------------------------------------------


def test_frozen_build_reads_its_files_from_the_bundle(frozen: dict[str, Path]) -> None:
    assert resources.is_frozen()
    assert resources.bundle_root() == frozen["meipass"]
    assert resources.bundled_questionnaire_dir() == frozen["meipass"] / "questionnaires"
    assert resources.font_path() == frozen["meipass"] / "assets" / "fonts" / "ipaexg.ttf"
    assert resources.program_dir() == frozen["program"].resolve()


def test_frozen_build_reads_a_questionnaires_folder_next_to_the_program(
    frozen: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resources.user_questionnaire_dirs() == []  # none there yet
    beside = frozen["program"] / "questionnaires"
    beside.mkdir()
    extra = tmp_path / "extra"
    extra.mkdir()
    monkeypatch.setenv(resources.QUESTIONNAIRES_ENV, str(extra))
    # Increasing precedence: the folder next to the program, then the environment variable's.
    assert resources.user_questionnaire_dirs() == [beside.resolve(), extra.resolve()]


def test_a_questionnaire_next_to_the_program_overrides_the_bundled_one_with_the_same_id(
    frozen: dict[str, Path],
) -> None:
    standard_copy(frozen["program"] / "questionnaires", "業務改善セルフチェック（○○市版）")
    loaded = {q.id: q for q in service.load_all_questionnaires()}
    assert loaded["standard"].title.get("ja") == "業務改善セルフチェック（○○市版）"


def test_the_environment_variable_overrides_from_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    standard_copy(tmp_path / "site", "業務改善セルフチェック（試行版）")
    monkeypatch.setenv(resources.QUESTIONNAIRES_ENV, str(tmp_path / "site"))
    loaded = {q.id: q for q in service.load_all_questionnaires()}
    assert loaded["standard"].title.get("ja") == "業務改善セルフチェック（試行版）"


# --- user files -----------------------------------------------------------------------------------

USER_FOLDERS = [
    resources.user_data_dir,
    resources.user_config_dir,
    resources.user_log_dir,
    resources.autosave_dir,
    resources.user_cache_dir,
    resources.questionnaire_cache_dir,
]


@pytest.mark.parametrize("folder", USER_FOLDERS, ids=lambda f: f.__name__)
def test_user_files_never_go_next_to_the_program_or_into_the_bundle(folder: object, frozen: dict[str, Path]) -> None:
    assert callable(folder)
    path = Path(folder()).resolve()
    for forbidden in (frozen["program"].resolve(), frozen["meipass"].resolve()):
        assert forbidden != path and forbidden not in path.parents
    assert resources.APP_NAME in path.parts


def point_user_folders_at(monkeypatch: pytest.MonkeyPatch, base: Path) -> None:
    """Set the variables platformdirs follows on Linux (XDG) and Windows (LOCALAPPDATA/APPDATA) to ``base``."""
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "LOCALAPPDATA", "APPDATA"):
        monkeypatch.setenv(variable, str(base))


@pytest.mark.parametrize("folder", USER_FOLDERS, ids=lambda f: f.__name__)
def test_one_folder_build_user_files_stay_out_even_when_the_environment_points_into_it(
    folder: object, frozen_folder: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert callable(folder)
    point_user_folders_at(monkeypatch, frozen_folder["program"] / "data")
    path = Path(folder()).resolve()
    assert frozen_folder["program"].resolve() not in path.parents
    assert path.is_relative_to(Path.home().resolve())


def local_app_data(monkeypatch: pytest.MonkeyPatch, posix_stand_in: Path) -> Path:
    """The folder the user files go under: %LOCALAPPDATA% on Windows, ``posix_stand_in`` elsewhere.

    On Windows it is the real one: platformdirs asks Windows for the known folder (it ignores a changed
    LOCALAPPDATA variable), so the tests check the layout a user really has (under Wine, user 山田 太郎's).
    Elsewhere the XDG variables are pointed at ``posix_stand_in``.
    """
    if os.name == "nt":
        local = Path(platformdirs.user_data_dir(appauthor=False))  # no app name: the known folder itself
        assert local == Path.home() / "AppData" / "Local"  # C:\\Users\\<name>\\AppData\\Local
        return local
    point_user_folders_at(monkeypatch, posix_stand_in)
    return posix_stand_in


@pytest.mark.parametrize("folder", USER_FOLDERS, ids=lambda f: f.__name__)
def test_one_folder_build_unpacked_into_localappdata_itself_keeps_user_files_apart(
    folder: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unzipped straight into %LOCALAPPDATA%, the program folder *is* %LOCALAPPDATA%\\KaizenSelfCheck."""
    assert callable(folder)
    local = local_app_data(monkeypatch, tmp_path / "Local")
    program = local / resources.APP_NAME
    pretend_frozen(monkeypatch, program, program / "_internal", create=os.name != "nt")
    path = Path(folder()).resolve()
    assert path != program.resolve() and program.resolve() not in path.parents
    assert path.is_relative_to((Path.home() / ".kaizenselfcheck").resolve())


def test_one_file_program_in_the_home_folder_still_uses_the_normal_user_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Everything is under the home folder; only the exe's own folder itself is off limits."""
    if os.name == "nt":
        home = Path.home()  # the real profile folder, as the known folders are
    else:
        home = tmp_path / "home"
        monkeypatch.setenv("HOME", str(home))
    pretend_frozen(monkeypatch, home, tmp_path / "meipass")
    local = local_app_data(monkeypatch, home / "AppData" / "Local")
    assert resources.user_data_dir() == local / resources.APP_NAME
    assert resources.user_log_dir().parent.parent == local
    # The same exe, put into the very folder its user files would go to: they move to the home folder.
    monkeypatch.setattr(sys, "executable", str(local / resources.APP_NAME / "KaizenSelfCheck.exe"))
    assert resources.user_data_dir() == home / ".kaizenselfcheck" / resources.APP_NAME  # exactly its folder


def test_user_folders_from_source_are_not_in_the_checkout() -> None:
    for folder in USER_FOLDERS:
        path = folder().resolve()
        assert ROOT not in path.parents, folder.__name__
    assert resources.autosave_dir().parent == resources.user_data_dir()


def test_nothing_is_created_by_looking_up_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    resources.autosave_dir()
    resources.user_log_dir()
    assert list(tmp_path.iterdir()) == []


# --- installed wheel, for real --------------------------------------------------------------------


@pytest.mark.slow
def test_an_installed_wheel_loads_its_questionnaires_and_font(tmp_path: Path) -> None:
    """``pip install .`` works: a wheel built from the checkout carries questionnaires/ and assets/."""
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not on PATH")
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"} | {"UV_PYTHON_DOWNLOADS": "never"}

    def run(*command: str | Path, cwd: Path = ROOT) -> str:
        done = subprocess.run(
            [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    dist, venv = tmp_path / "dist", tmp_path / "venv"
    run(uv, "build", "--wheel", "--out-dir", dist, ROOT)
    wheel = next(dist.glob("kaizen_selfcheck-*.whl"))
    run(uv, "venv", "--python", sys.executable, venv)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    run(uv, "pip", "install", "--python", python, wheel)
    probe = (
        "from app import resources, service\n"
        "from app.report.fonts import register_fonts\n"
        "qs = service.load_all_questionnaires()\n"
        "print(resources.bundle_root())\n"
        "print(register_fonts(), *sorted(q.id for q in qs))\n"
    )
    # Run outside the checkout, so the installed package (not ./app) is imported.
    output = run(python, "-c", probe, cwd=tmp_path)
    root, names = output.splitlines()
    assert Path(root).parts[-2:] == ("app", "_bundled")
    assert "site-packages" in Path(root).parts
    assert names.split()[0] == "IPAexGothic"
    assert "standard" in names.split()[1:]
