"""Shared fixtures: the repository, a strict build of the site in a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .partial_language import PartialSite

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"


#: Left out of a copy of the project, at its top only (``scripts/notice/site`` is a package, not a build).
TOP_LEVEL_SKIP = frozenset({".git", "site", "node_modules", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".cache",
                            "bench", "docs-screenshots", "tests"})


def copy_project(target: Path, skip: frozenset[str] = TOP_LEVEL_SKIP) -> Path:
    """The repository as a site's maintainers have it, at ``target``: to change and build without touching it."""
    def ignore(folder: str, names: list[str]) -> set[str]:
        caches = {n for n in names if n == "__pycache__" or n.startswith(".venv")}
        return caches | (skip & set(names) if Path(folder) == ROOT else set())
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files instead of comparing")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def run_notice(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "notice.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env=None if env is None else {**os.environ, **env})


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def partial_site(tmp_path_factory: pytest.TempPathFactory) -> PartialSite:
    """A French translation started with `notice new-language fr`: two sections translated, the
    catalog filled in part, built strictly in a copy of the repository (tests/partial_language.py)."""
    from . import partial_language

    return partial_language.build(tmp_path_factory.mktemp("partial"))
