"""Bad edits to the site fail, naming the page and the rule. A copy of the project in a temporary
folder gets new pages (the released notice itself only changes through a release), each with one
bad edit: an image without alt text or a table header row with an unnamed column stops the strict build (the
hook's static check); a heading level jump or low-contrast custom CSS builds, and axe-core in the
browser names it. Two copies hold all the cases, built side by side."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from .. import conftest
from . import support
from .conftest import NewContext

#: What a copy of the project leaves out: not needed to build the site.
NOT_COPIED = frozenset({".git", ".venv", "node_modules", "site", "docs-screenshots", ".pytest_cache", "bench", "tests",
                         "scripts", ".mypy_cache", ".ruff_cache"})
PIXEL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
LOW_CONTRAST_CSS = ".md-typeset #avsnitt + p { color: #b4b4b4; }\n"


@dataclass(frozen=True)
class Case:
    slug: str  # the new page: docs/<lang>/<slug>.md
    markdown: str  # its one section's content
    rule: str
    caught_by: str  # "build" or "lint" (the failure names the Markdown file) or "axe" (the built page)

    @property
    def named(self) -> str:
        return f"docs/sv/{self.slug}.md" if self.caught_by in ("build", "lint") else f"{self.slug}/index.html"


CASES = {c.slug: c for c in [
    Case("prov-bild", f"![]({PIXEL})", "image-alt", "build"),
    Case("prov-html-bild", f'<img src="{PIXEL}">', "raw <img> is not allowed", "lint"),  # before the page checks
    Case("prov-tabell", "Kontor:\n\n| Stad |   |\n|---|---|\n| Stockholm | Göteborg |\n| Malmö | Uppsala |",
         "table-header", "build"),
    Case("prov-rubrik", "#### Ett för djupt underavsnitt {#djupt}\n\nText.", "heading-order", "axe"),
    Case("prov-kontrast", "Ljusgrå text.", "color-contrast", "axe"),  # the lint refuses {: .class}: CSS by id
]}


def copy_project(dest: Path, cases: list[Case]) -> Path:
    conftest.copy_project(dest, NOT_COPIED)
    for case in cases:
        for lang in ("sv", "en"):
            page = f"# Provsida\n\nEn sida som en redaktör lägger till.\n\n## Avsnitt {{#avsnitt}}\n\n{case.markdown}\n"
            (dest / "docs" / lang / f"{case.slug}.md").write_text(page, encoding="utf-8")
    if any(case.rule == "color-contrast" for case in cases):
        (dest / "overrides/assets/prov.css").write_text(LOW_CONTRAST_CSS, encoding="utf-8")
        config = yaml.safe_load((dest / "mkdocs.yml").read_text(encoding="utf-8"))
        config["extra_css"] = [*config.get("extra_css", []), "assets/prov.css"]
        (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", "site"],
                          cwd=project, capture_output=True, text=True)


@pytest.fixture(scope="session")
def bad_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, subprocess.CompletedProcess[str]]]:
    """Per way of catching ("build", "axe"): the copy with those cases, and its build."""
    folder = tmp_path_factory.mktemp("bad-edits")
    groups = {way: [c for c in CASES.values() if c.caught_by == way] for way in ("build", "lint", "axe")}
    projects = {way: copy_project(folder / way, cases) for way, cases in groups.items()}
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(projects, pool.map(build, projects.values())))
    return {way: (projects[way], results[way]) for way in projects}


@pytest.mark.parametrize("slug", CASES)
def test_bad_edit_fails_naming_page_and_rule(bad_builds: dict[str, tuple[Path, subprocess.CompletedProcess[str]]],
                                             new_context: NewContext, axe_source: str, slug: str) -> None:
    case = CASES[slug]
    project, result = bad_builds[case.caught_by]
    if case.caught_by in ("build", "lint"):
        assert result.returncode != 0, f"the strict build accepted {case.named}"
        failure = result.stderr
    else:
        assert result.returncode == 0, result.stderr
        page = new_context("desktop", axe=axe_source).new_page()
        with support.serve(project / "site") as base:
            page.goto(support.url_of(base, case.named))
            failure = support.axe_report(case.named, support.run_axe(page))
    named = [line for line in failure.splitlines() if case.named in line and case.rule in line]
    assert named, f"{slug}: no line names both {case.named} and {case.rule}:\n{failure}"
    print(f"\n{slug}: " + named[0].strip())
