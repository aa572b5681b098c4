"""The code as STYLE.md asks: ruff clean everywhere, the library and the hooks type-checked by mypy --strict."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff() -> None:
    result = run("ruff", "check", "scripts", "overrides/hooks", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_the_library_and_hooks() -> None:
    result = run("mypy", "scripts/notice", "overrides/hooks")
    assert result.returncode == 0, result.stdout + result.stderr


#: Each part of the library and what it may load: the packages stack (core <- extraction, lint <-
#: versions <- site), so importing one never drags in a later one or another part's heavy library.
PARTS = {
    "notice.extraction": ("notice.lint", "notice.versions", "notice.site", "weasyprint", "jsonschema"),
    "notice.lint": ("notice.extraction", "notice.versions", "notice.site", "pdfplumber", "weasyprint", "jsonschema"),
    "notice.versions": ("notice.extraction", "notice.lint", "notice.site", "pdfplumber"),
    "notice.site": ("notice.extraction", "notice.lint", "pdfplumber"),
}


@pytest.mark.parametrize("part", sorted(PARTS))
def test_each_part_loads_only_what_it_stands_on(part: str) -> None:
    """Every module of the part, imported in a fresh interpreter; none of its forbidden packages loads."""
    code = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module({part!r})\n"
        "for m in pkgutil.iter_modules(pkg.__path__): importlib.import_module(pkg.__name__ + '.' + m.name)\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    assert not {name for name in PARTS[part] if name in loaded}, f"{part} loads {sorted(set(PARTS[part]) & loaded)}"
