"""Atomic writes: backups, permissions, and every OS failure turned into a catalogue message."""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import StorageError
from app.storage import atomic
from app.storage.atomic import atomic_write, backup_path, free_name, storage_error, write_json


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def os_error(err: int, cls: type[OSError] = OSError, winerror: int | None = None) -> OSError:
    exc = cls(err, os.strerror(err))
    if winerror is not None:
        exc.winerror = winerror  # type: ignore[attr-defined]  # only Windows sets it natively
    return exc


def test_new_file_then_overwrite_keeps_previous_as_bak(tmp_path: Path) -> None:
    target = tmp_path / "a.kaizen.json"
    atomic_write(target, b"one")
    assert target.read_bytes() == b"one"
    assert not backup_path(target).exists()
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert backup_path(target).read_bytes() == b"one"
    atomic_write(target, b"three")
    assert backup_path(target).read_bytes() == b"two"
    assert leftovers(tmp_path) == []


def test_backup_false_leaves_no_bak(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    atomic_write(target, b"%PDF-1", backup=False)
    atomic_write(target, b"%PDF-2", backup=False)
    assert target.read_bytes() == b"%PDF-2"
    assert not backup_path(target).exists()


def test_backup_is_a_copy_when_links_are_impossible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.json"
    atomic_write(target, b"old")

    def no_link(*_: Any) -> None:
        raise os_error(errno.EPERM, PermissionError)  # FAT32 USB sticks

    monkeypatch.setattr(atomic.os, "link", no_link)
    atomic_write(target, b"new")
    assert backup_path(target).read_bytes() == b"old"
    assert target.read_bytes() == b"new"


@pytest.mark.posix_only("POSIX permission bits")
def test_permissions_of_the_existing_file_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "shared.kaizen.json"
    target.write_bytes(b"x")
    target.chmod(0o664)
    atomic_write(target, b"y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    fresh = tmp_path / "fresh.json"
    atomic_write(fresh, b"z")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # not mkstemp's private 0600


def test_write_json_is_utf8_and_atomic(tmp_path: Path) -> None:
    target = tmp_path / "設定.json"
    write_json(target, {"最近使ったファイル": ["区民課 2026.kaizen.json"]})
    assert "区民課" in target.read_text(encoding="utf-8")


def test_non_ascii_path_with_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "業務 改善" / "令和8年度 区民課"
    folder.mkdir(parents=True)
    target = folder / "区民課 セルフチェック (最終).kaizen.json"
    atomic_write(target, "日本語".encode())
    atomic_write(target, "更新".encode())
    assert target.read_text(encoding="utf-8") == "更新"
    assert backup_path(target).read_text(encoding="utf-8") == "日本語"


def test_disk_full_keeps_the_original_and_removes_the_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.kaizen.json"
    atomic_write(target, b"original")

    def full(_fd: int) -> None:
        raise os_error(errno.ENOSPC)

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(StorageError) as info:
        atomic_write(target, b"new content that does not fit")
    assert info.value.code == "S003"
    assert "ENOSPC" in str(info.value.problems[0].params["detail"])
    assert "空き容量" in info.value.problems[0].message("ja")
    assert target.read_bytes() == b"original"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("exc", "code"), [
    (os_error(errno.EACCES, PermissionError), "S002"),
    (os_error(errno.EROFS), "S009"),
    (os_error(errno.ENAMETOOLONG), "S010"),
    (os_error(errno.ENOENT, FileNotFoundError), "S011"),
    (os_error(errno.EIO), "S005"),
])
def test_creating_the_temp_file_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: OSError,
                                      code: str) -> None:
    def refuse(*_: Any, **__: Any) -> Any:
        raise exc

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(StorageError) as info:
        atomic_write(tmp_path / "a.json", b"x")
    assert info.value.code == code
    assert info.value.problems[0].message("ja")
    assert info.value.problems[0].params["detail"]  # for IT staff


def test_missing_folder_is_s011(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as info:
        atomic_write(tmp_path / "gone" / "a.json", b"x")
    assert info.value.code == "S011"


def test_name_too_long_is_s010(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as info:
        atomic_write(tmp_path / ("長" * 200 + ".kaizen.json"), b"x")
    assert info.value.code == "S010"


@pytest.mark.posix_only("a folder made read-only with chmod")
@pytest.mark.skipif(os.name != "nt" and os.geteuid() == 0, reason="root ignores permission bits")
def test_real_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "a.json").write_bytes(b"old")
    folder.chmod(0o555)
    try:
        with pytest.raises(StorageError) as info:
            atomic_write(folder / "a.json", b"new")
        assert info.value.code == "S002"
        assert (folder / "a.json").read_bytes() == b"old"
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("winerror", [5, 32])
def test_windows_locked_pdf_is_s004(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, winerror: int) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"%PDF-old")
    calls = []

    def held(*args: Any) -> None:
        calls.append(args)
        raise os_error(errno.EACCES, PermissionError, winerror=winerror)

    monkeypatch.setattr(atomic, "_WINDOWS", True)
    monkeypatch.setattr(atomic.os, "replace", held)
    monkeypatch.setattr(atomic.time, "sleep", lambda _s: None)
    with pytest.raises(StorageError) as info:
        atomic_write(target, b"%PDF-new", backup=False)
    assert info.value.code == "S004"
    assert "別の名前" in info.value.problems[0].message("ja")
    assert len(calls) == atomic._REPLACE_RETRIES  # a virus scanner's brief hold is waited out first
    assert target.read_bytes() == b"%PDF-old"
    assert leftovers(tmp_path) == []
    assert free_name(target) == tmp_path / "plan (2).pdf"


def test_windows_brief_hold_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.kaizen.json"
    real = os.replace
    failures = [os_error(errno.EACCES, PermissionError, winerror=32)]

    def flaky(src: str, dst: Any) -> None:
        if failures:
            raise failures.pop()
        real(src, dst)

    monkeypatch.setattr(atomic, "_WINDOWS", True)
    monkeypatch.setattr(atomic.os, "replace", flaky)
    monkeypatch.setattr(atomic.time, "sleep", lambda _s: None)
    atomic_write(target, b"saved", backup=False)
    assert target.read_bytes() == b"saved"


def test_sharing_violation_maps_to_s004_everywhere() -> None:
    err = storage_error(os_error(errno.EACCES, PermissionError, winerror=32), Path("x.pdf"))
    assert err.code == "S004"
    assert "winerror 32" in str(err.problems[0].params["detail"])


@pytest.mark.parametrize(("exc", "code"), [
    (os_error(errno.ENOENT, FileNotFoundError), "S001"),
    (os_error(errno.EACCES, PermissionError), "S008"),
    (os_error(errno.EIO), "S006"),
])
def test_read_errors(exc: OSError, code: str) -> None:
    err = storage_error(exc, Path("区民課.kaizen.json"), writing=False)
    assert err.code == code
    assert "区民課.kaizen.json" in err.problems[0].message("ja")


def test_free_name_keeps_double_suffix(tmp_path: Path) -> None:
    first = tmp_path / "区民課 2026.kaizen.json"
    assert free_name(first) == first
    first.write_bytes(b"")
    second = free_name(first)
    assert second.name == "区民課 2026 (2).kaizen.json"
    second.write_bytes(b"")
    assert free_name(second).name == "区民課 2026 (3).kaizen.json"


def test_stale_temp_files_of_a_killed_save_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    stale = tmp_path / ".a.json.abc123.tmp"
    fresh = tmp_path / ".a.json.def456.tmp"  # could be a save in progress in another thread
    other = tmp_path / ".b.json.xyz.tmp"
    for p in (stale, fresh, other):
        p.write_bytes(b"partial")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    atomic_write(target, b"x")
    assert not stale.exists()
    assert fresh.exists()
    assert other.exists()  # another document's business


@pytest.mark.parametrize(
    ("exc", "length", "code"),
    [
        (os_error(errno.ENOENT, FileNotFoundError, winerror=3), 300, "S010"),  # past MAX_PATH: "path not found"
        (os_error(errno.EINVAL, OSError, winerror=123), 300, "S010"),  # "invalid name" for a too-long name
        (os_error(errno.ENOENT, FileNotFoundError, winerror=3), 100, "S011"),  # a short path: the folder is gone
    ],
)
def test_windows_path_past_max_path_is_s010_not_a_missing_folder(
    monkeypatch: pytest.MonkeyPatch, exc: OSError, length: int, code: str
) -> None:
    monkeypatch.setattr(atomic, "_WINDOWS", True)
    folder = "C:\\Users\\山田 太郎\\Documents\\"
    path = Path(folder + "計" * (length - len(folder) - 4) + ".pdf")
    assert len(str(path)) == length
    assert storage_error(exc, path).code == code


def test_one_name_over_255_characters_is_too_long_for_windows() -> None:
    assert atomic._too_long_for_windows(Path("C:\\a\\" + "長" * 256))
    assert not atomic._too_long_for_windows(Path("C:\\a\\" + "長" * 200))
    assert atomic._too_long_for_windows(Path("C:\\a\\" + "𠮷" * 128))  # a surrogate pair is two UTF-16 units
