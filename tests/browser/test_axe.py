"""axe-core (pinned in package.json, loaded from node_modules) finds nothing to fix on any built
page, in any language, on a phone and a desktop: every WCAG 2.0-2.2 A/AA and best-practice rule in
the light scheme, and the colour rules again in the dark one."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import support
from .conftest import NewContext


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_no_axe_violations_on_any_page(built_site: Path, site_url: str, new_context: NewContext,
                                       axe_source: str, viewport: str, scheme: str) -> None:
    pages = support.pages(built_site)
    assert {"index.html", "en/index.html", "privacy/index.html", "privacy/changelog/index.html",
            "en/privacy/changelog/index.html",
            "404.html"} <= set(pages)
    page = new_context(viewport, axe=axe_source, color_scheme=scheme).new_page()
    report = []
    for path in pages:
        page.goto(support.url_of(site_url, path))
        rules = support.AXE_COLOUR_RULES if scheme == "dark" else ()
        report.append(support.axe_report(f"{path} ({viewport}, {scheme})", support.run_axe(page, rules)))
    problems = "\n".join(line for line in report if line)
    assert not problems, "axe-core violations:\n" + problems
