"""Build the downloadable program with build/kaizen.spec and lay out the release files.

    uv run --extra build python build/build.py                  # both outputs, zipped, with checksums
    uv run --extra build python build/build.py --mode onedir    # only the one-folder build (faster)
    uv run --extra build python build/build.py --selftest       # ... and run each program's --selftest

PyInstaller's scratch files go to build/work/, the programs to build/dist/ (or to the folders named by
KAIZEN_BUILD_WORK and KAIZEN_BUILD_DIST), and the files to publish to build/dist/release/:

    KaizenSelfCheck-<version>-<platform>.zip      the one-folder build, zipped (folder KaizenSelfCheck/)
    KaizenSelfCheck-<version>-<platform>[.exe]    the single-file build
    SHA256SUMS.txt                                 ``sha256sum -c`` format, one line per file

The zip is reproducible for the same programs: entries sorted, timestamps from SOURCE_DATE_EPOCH
(or 1980-01-01), permissions kept so the Linux program stays executable.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build" / "kaizen.spec"
# build/windows-under-wine.sh points these elsewhere (build/dist-windows/) so the Linux and Windows builds coexist.
WORK = Path(os.environ.get("KAIZEN_BUILD_WORK") or ROOT / "build" / "work")
DIST = Path(os.environ.get("KAIZEN_BUILD_DIST") or ROOT / "build" / "dist")
RELEASE = DIST / "release"
APP_NAME = "KaizenSelfCheck"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
ONEDIR_PROGRAM = DIST / APP_NAME / f"{APP_NAME}{EXE_SUFFIX}"
CONSOLE_PROGRAM = DIST / APP_NAME / f"kaizen-check{EXE_SUFFIX}"  # the console launcher beside it (same bundle)
ONEFILE_PROGRAM = DIST / f"{APP_NAME}-onefile{EXE_SUFFIX}"
SELFTEST_TIMEOUT_S = 300


def app_version() -> str:
    """``app.__version__``, read as text."""
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise SystemExit("build.py: no __version__ in app/__init__.py")
    return match.group(1)


def platform_tag() -> str:
    """``windows-x64``, ``linux-x86_64``, ``macos-arm64`` …: the part of the file name users pick by."""
    machine = platform.machine().lower()
    if sys.platform == "win32":
        return "windows-x64" if machine in ("amd64", "x86_64") else f"windows-{machine}"
    if sys.platform == "darwin":
        return f"macos-{machine}"
    return f"linux-{machine}"


def run_pyinstaller(mode: str) -> None:
    """Run the spec; raises SystemExit when PyInstaller fails."""
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC), "--", "--mode", mode,
    ]  # fmt: skip
    print("+", " ".join(command), flush=True)
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, check=False)  # noqa: S603 - our own argument list, no shell
    if completed.returncode != 0:
        raise SystemExit(f"build.py: PyInstaller failed with exit code {completed.returncode}")
    print(f"PyInstaller ({mode}) took {time.perf_counter() - started:.0f} s", flush=True)


def zip_folder(folder: Path, target: Path) -> Path:
    """Zip ``folder`` (as its own top-level folder) into ``target`` reproducibly.

    Symbolic links (PyInstaller makes a few on Linux and macOS) are stored as links, as ``zip -y``
    does, so the archive holds each library once and ``unzip`` restores the links.
    """
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # 1980-01-01, the zip format's minimum
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_dir() and not path.is_symlink():
                continue
            name = str(Path(folder.name) / path.relative_to(folder)).replace(os.sep, "/")
            info = zipfile.ZipInfo(name, stamp)
            info.create_system = 3  # Unix, so unzip honours the mode bits below
            if path.is_symlink():
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(info, os.readlink(path))
                continue
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | (path.stat().st_mode & 0o777)) << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return target


def sha256(path: Path) -> str:
    """The file's SHA-256 as lower-case hex."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def lay_out_release(mode: str) -> list[Path]:
    """Copy/zip the built programs into build/dist/release/ and write SHA256SUMS.txt; returns the files."""
    if RELEASE.exists():
        shutil.rmtree(RELEASE)
    RELEASE.mkdir(parents=True)
    base = f"{APP_NAME}-{app_version()}-{platform_tag()}"
    files: list[Path] = []
    if mode in ("both", "onedir"):
        files.append(zip_folder(DIST / APP_NAME, RELEASE / f"{base}.zip"))
    if mode in ("both", "onefile"):
        single = RELEASE / f"{base}{EXE_SUFFIX}"
        shutil.copy2(ONEFILE_PROGRAM, single)
        files.append(single)
    sums = "".join(f"{sha256(f)}  {f.name}\n" for f in files)
    (RELEASE / "SHA256SUMS.txt").write_text(sums, encoding="utf-8", newline="\n")
    for f in files:
        print(f"{f.stat().st_size / 1e6:8.1f} MB  {f.relative_to(ROOT)}")
    print(sums, end="")
    return files


def selftest(program: Path, label: str) -> None:
    """Run ``program --selftest`` (demo files kept under build/work/); raises SystemExit on failure."""
    out = WORK / f"selftest-{label}"
    if out.exists():
        shutil.rmtree(out)
    env = {**os.environ, "KAIZEN_SELFTEST_OUT": str(out)}
    started = time.perf_counter()
    completed = subprocess.run(  # noqa: S603 - the program we just built, no shell
        [str(program), "--selftest"], env=env, capture_output=True, text=True, encoding="utf-8",
        errors="replace", timeout=SELFTEST_TIMEOUT_S, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    line = completed.stdout.strip() or completed.stderr.strip() or _result_file_line()
    print(f"[{label} {elapsed:.1f} s, exit {completed.returncode}] {line}", flush=True)
    if completed.returncode != 0:
        raise SystemExit(f"build.py: {program.name} --selftest failed (exit {completed.returncode})")


def _result_file_line() -> str:
    """A windowed program without a console writes its result to the log folder instead."""
    import platformdirs

    path = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)) / "selftest.txt"
    return path.read_text(encoding="utf-8").strip() if path.is_file() else "(no output)"


def main(argv: list[str] | None = None) -> int:
    """Build, lay out the release files and optionally self-test the built programs."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=("both", "onedir", "onefile"), default="both")
    parser.add_argument("--selftest", action="store_true", help="run --selftest on each built program")
    parser.add_argument("--no-release", action="store_true", help="skip the zip and checksums")
    args = parser.parse_args(argv)
    run_pyinstaller(args.mode)
    if args.selftest:
        if args.mode in ("both", "onedir"):
            selftest(ONEDIR_PROGRAM, "onedir")
            selftest(CONSOLE_PROGRAM, "onedir-console")
        if args.mode in ("both", "onefile"):
            selftest(ONEFILE_PROGRAM, "onefile")
    if not args.no_release:
        lay_out_release(args.mode)
    return 0


if __name__ == "__main__":
    sys.exit(main())
