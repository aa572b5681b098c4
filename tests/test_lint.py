"""The code as STYLE.md asks: ruff clean everywhere, the library and the hooks type-checked by mypy --strict."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff() -> None:
    result = run("ruff", "check", "scripts", "overrides/hooks", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_the_library_and_hooks() -> None:
    result = run("mypy", "scripts/notice", "overrides/hooks")
    assert result.returncode == 0, result.stdout + result.stderr
