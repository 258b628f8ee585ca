"""Dependency direction as a test (lint-imports checks the same in CI): domain is pure, layers point one way."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"


def _imports(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (APP / package).rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(APP))] = names
    return found


def test_domain_imports_only_the_standard_library() -> None:
    for module, names in _imports("domain").items():
        for name in names:
            top = name.split(".")[0]
            allowed = top in sys.stdlib_module_names or name.startswith("app.domain") or top == "__future__"
            assert allowed, (module, name)


@pytest.mark.parametrize(("package", "forbidden"), [
    ("domain", ("app.loading", "app.storage", "app.report", "app.gui", "app.service", "app.cli")),
    ("loading", ("app.storage", "app.report", "app.gui", "app.service", "app.cli")),
    ("storage", ("app.loading", "app.report", "app.gui", "app.service", "app.cli")),
    ("report", ("app.gui", "app.cli", "customtkinter", "tkinter", "tksheet")),
    ("gui", ("reportlab",)),
])
def test_layers_point_one_way(package: str, forbidden: tuple[str, ...]) -> None:
    for module, names in _imports(package).items():
        for name in names:
            assert not any(name == f or name.startswith(f + ".") for f in forbidden), (module, name)


def test_no_import_cycle_in_the_gui() -> None:
    """Pages know a host protocol (app.gui.host), never the controller: no module of app.gui imports itself back.

    grimp reads every import, those under ``TYPE_CHECKING`` too, so a type-only cycle fails as well.
    """
    # the import graph is the same on every platform; the Windows test run installs only what the app and its
    # tests need at run time, not the linters (grimp comes with import-linter), so it checks this on Linux only
    grimp = pytest.importorskip("grimp", reason="grimp (import-linter) is a Linux-only development tool here")

    graph = grimp.build_graph("app")
    gui = sorted(m for m in graph.modules if m.startswith("app.gui"))
    cycles = [(m, d) for m in gui for d in graph.find_modules_directly_imported_by(m)
              if d.startswith("app.gui") and graph.find_shortest_chain(importer=d, imported=m)]
    assert cycles == []
    pages = [m for m in gui if m.startswith("app.gui.pages") or m == "app.gui.widgets"]
    for module in pages:
        assert "app.gui.controller" not in graph.find_modules_directly_imported_by(module), module
