"""Wheel build hook: ship the top-level ``questionnaires/`` and ``assets/`` folders inside the package.

All metadata lives in ``pyproject.toml``; this file only adds one step to ``build_py``. The source
checkout keeps the data folders at the top level (where the PyInstaller spec and the central team
expect them); an installed wheel has no "top level", so they are copied to ``app/_bundled/`` and
``app/resources.py`` looks there. An explicit ``package-dir`` list in pyproject could do the same,
but it would need every data sub-folder and every new ``app`` sub-package named by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
DATA_DIRS = ("questionnaires", "assets")
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")


class BuildPyWithData(build_py):
    """``build_py`` that also copies the data folders to ``app/_bundled`` in the build tree."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            # An editable install runs from the checkout, where resources.py finds the folders.
            return
        target = Path(self.build_lib) / "app" / "_bundled"
        for name in DATA_DIRS:
            source = HERE / name
            if not source.is_dir():
                raise SystemExit(f"setup.py: data folder {source} is missing; the wheel would be broken")
            shutil.copytree(source, target / name, ignore=SKIP, dirs_exist_ok=True)


setup(
    cmdclass={"build_py": BuildPyWithData},
    # setuptools' default scratch folder is ./build, which holds our PyInstaller spec and scripts.
    options={"build": {"build_base": "build/work/setuptools"}},
)
