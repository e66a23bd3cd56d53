"""The house rules, checked on every run: lint clean, layers respected, app/ importable without Qt."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    return str(BIN / name) if (BIN / name).exists() else shutil.which(name) or name


def test_ruff_is_clean():
    result = subprocess.run([_tool("ruff"), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_hold():
    """app never imports Qt or ui; ui never imports the database libraries (pyproject's importlinter)."""
    result = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


BLOCK_QT = textwrap.dedent("""
    import importlib, pkgutil, sys

    class NoQt:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6", "ui"}:
                raise ImportError(f"app imported {name}")
            return None

    sys.meta_path.insert(0, NoQt())
    import app
    for module in pkgutil.walk_packages(app.__path__, "app."):
        if ".migrations." in module.name:
            continue
        importlib.import_module(module.name)
    print("imported without Qt")
""")


def test_app_runs_without_qt():
    """Like napari's Qt-free job: every app module imports with Qt made unimportable."""
    result = subprocess.run([sys.executable, "-c", BLOCK_QT], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "imported without Qt" in result.stdout
