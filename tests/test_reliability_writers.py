"""Every file the program writes goes through app.storage.atomic: a check, not a hope."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

# Writes that are deliberately not atomic, with the reason.
ALLOWED = {
    ("app/selftest.py", "write_text"): "--selftest's one-line diagnostic result; nothing to lose",
    ("app/exchange/sheet_xml.py", "open for writing"): "a streamed sheet's rows in openpyxl's own temporary file "
    "(create_temporary_file, copied into the workbook and removed at save, as openpyxl does for every streamed "
    "sheet); the workbook itself goes through atomic_write",
}
DIRECT_WRITES = {"write_text", "write_bytes", "rename"}  # Path methods: no other class has them
MODULE_WRITES = {("os", "replace"), ("os", "rename"), ("shutil", "copy"), ("shutil", "copy2"),
                 ("shutil", "copyfile"), ("shutil", "move")}


def direct_writes(path: Path) -> list[tuple[str, int]]:
    """Calls in ``path`` that write a file without going through atomic_write."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
        if name in DIRECT_WRITES or (owner, name) in MODULE_WRITES:
            found.append((name, node.lineno))
        if name == "open" and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) \
                and any(c in str(node.args[1].value) for c in "wax+"):
            found.append(("open for writing", node.lineno))
    return found


def test_no_module_writes_files_behind_atomic_writes_back() -> None:
    offenders = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("app/storage/"):
            continue  # the atomic writer itself and its callers' helpers
        for name, line in direct_writes(path):
            if (rel, name) not in ALLOWED:
                offenders.append(f"{rel}:{line}: {name}")
    assert offenders == [], "write through app.storage.atomic.atomic_write instead:\n" + "\n".join(offenders)


def test_the_check_catches_a_direct_write(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("import os\nopen('x', 'w')\nPath('y').write_bytes(b'')\nos.replace('a', 'b')\n"
                      "'abc'.replace('a', 'b')\n", encoding="utf-8")
    assert [name for name, _ in direct_writes(sample)] == ["open for writing", "write_bytes", "replace"]
