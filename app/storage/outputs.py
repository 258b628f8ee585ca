"""Checks before writing an output: it must not be one of the inputs, and its suffix must say what it holds.

An input is recognised under any spelling: ``./a.json`` and ``dir/../a.json``, a symbolic link to it, a
hard link to it (same device and inode, :func:`os.path.samestat`) and, where file names ignore case (Windows,
macOS), ``A.JSON`` (:func:`os.path.normcase` of the resolved paths, plus ``samefile`` for what the OS knows).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from app.domain.errors import Problem, StorageError

# what each writer produces → the suffixes a file of that kind may have
SUFFIXES: dict[str, tuple[str, ...]] = {
    "pdf": (".pdf",),
    "xlsx": (".xlsx",),
    "csv": (".csv",),
    "assessment": (".json",),
    "export": (".xlsx", ".csv"),
    "yaml": (".yaml", ".yml"),
    "pack": (".kaizenpack",),
}
KIND_NAMES = {"pdf": "PDF", "xlsx": "Excel (.xlsx)", "csv": "CSV", "assessment": "評価ファイル (.kaizen.json)",
              "export": "Excel (.xlsx) / CSV", "yaml": "質問票 (.yaml)",
              "pack": "配布パック (.kaizenpack)"}


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name the same file (another spelling, a link, or case where case is ignored)."""
    with contextlib.suppress(OSError, ValueError):
        if os.path.samestat(os.stat(a), os.stat(b)):
            return True
    try:
        ra, rb = os.path.realpath(a), os.path.realpath(b)
    except (OSError, ValueError):
        return False
    return os.path.normcase(ra) == os.path.normcase(rb)


def check_output(path: Path, kind: str, inputs: Iterable[Path] = ()) -> Path:
    """Refuse (S016) an output that is a folder, (S013) one that is one of ``inputs`` and (S014) one whose suffix
    is not of ``kind``."""
    path = Path(path)
    allowed = SUFFIXES[kind]
    if path.is_dir():  # -o out/ for a plan: it said that the suffix "out" did not fit
        raise StorageError(Problem("S016", {"path": str(path), "expected": " / ".join(allowed)}, str(path)))
    name = path.name.lower()
    if not any(name.endswith(s) for s in allowed):
        raise StorageError(Problem("S014", {"path": str(path), "suffix": path.suffix or path.name,
                                            "kind": KIND_NAMES[kind], "expected": " / ".join(allowed)}, str(path)))
    for given in inputs:
        if same_file(path, Path(given)):
            raise StorageError(Problem("S013", {"path": str(path), "input": str(given)}, str(path)))
    return path


def check_distinct(outputs: Iterable[Path]) -> None:
    """Refuse (S013) two outputs of one command that are the same file (the second would replace the first)."""
    seen: list[Path] = []
    for out in outputs:
        for earlier in seen:
            if same_file(out, earlier):
                raise StorageError(Problem("S013", {"path": str(out), "input": str(earlier)}, str(out)))
        seen.append(Path(out))
