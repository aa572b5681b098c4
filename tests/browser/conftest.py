"""One Chromium for the whole session, the built site served on 127.0.0.1, and a context
factory: every test gets fresh contexts (viewport, colour scheme, JavaScript on or off)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

from . import support

#: Records Content-Security-Policy violations from the first byte of every page.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__cspViolations.push(e.effectiveDirective + " " + (e.blockedURI || "inline")));
"""

NewContext = Callable[..., BrowserContext]


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = support.launch(playwright)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with support.serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def axe_source() -> str:
    return support.axe_script()


@pytest.fixture
def new_context(browser: Browser) -> Iterator[NewContext]:
    """``new_context(viewport="phone", axe=True, **playwright_options)``; closed after the test."""
    opened: list[BrowserContext] = []

    def make(viewport: str = "desktop", axe: str | None = None, **options: Any) -> BrowserContext:
        options.setdefault("reduced_motion", "reduce")
        context = browser.new_context(viewport=support.VIEWPORTS[viewport], **options)
        context.add_init_script(script=CSP_RECORDER)
        if axe:
            context.add_init_script(script=axe)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()
