"""Defence in depth (issue #13): the lint refuses every payload of tests/test_security.py, and if
one slipped past it, the page's Content-Security-Policy is the next wall. Each payload, rendered
by Python-Markdown with the site's own extensions as the build would render it, is put back into
every built page in turn; Chromium loads every page (and follows the payload's javascript: and
data: links) and must see no navigation, no request to another host, no script outside
``/assets/`` and no script run.

One payload gets through the page: a ``<meta http-equiv="refresh">`` navigates whatever the
policy says (no CSP directive governs it), so only the lint stops it. The test shows that too,
so that the lint's part is never mistaken for a spare."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
from notice.lint.markup import read_config, site_markdown
from playwright.sync_api import Route

from ..conftest import ROOT
from ..test_security import PAYLOADS
from . import support
from .conftest import NewContext

#: Payloads no page-level policy can stop, and why: refused by `notice check` (tests/test_security.py).
ONLY_THE_LINT_STOPS = {"meta-refresh": "a meta refresh navigates whatever the Content-Security-Policy says"}
OPENING = re.compile(r"<article\b[^>]*>|<body\b[^>]*>")


def rendered(payload: str) -> str:
    settings = site_markdown(read_config(ROOT / "mkdocs.yml"))
    html = markdown.markdown(payload, extensions=list(settings.extensions),
                             extension_configs={k: dict(v) for k, v in settings.configs.items()})
    return f'<div data-payload="">{html}</div>'


@pytest.fixture(scope="module")
def payload_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("payloads") / "site"
    shutil.copytree(built_site, site)
    return site


@pytest.fixture
def put_back(payload_site: Path) -> Iterator[dict[str, str]]:
    """``put_back[case]`` puts that payload into every page of ``payload_site``; restored after."""
    originals = {page: (payload_site / page).read_text(encoding="utf-8") for page in support.pages(payload_site)}

    class Put(dict[str, str]):
        def __missing__(self, case: str) -> str:
            block = rendered(PAYLOADS[case][0])
            for page, text in originals.items():
                (payload_site / page).write_text(OPENING.sub(lambda m: m.group(0) + block, text, count=1),
                                                 encoding="utf-8")
            return block

    yield Put()
    for page, text in originals.items():
        (payload_site / page).write_text(text, encoding="utf-8")


def visit_every_page(site: Path, context_factory: NewContext, settle_ms: int = 30) -> tuple[list[str], str]:
    """Everything that went wrong on a visit to every page of ``site``, and the server's address.
    Requests are judged where they reach the network (a route): what the policy blocked never does."""
    wrong: list[str] = []
    with support.serve(site) as base:
        context = context_factory("desktop")
        expected: set[str] = set()

        def judge(route: Route) -> None:
            request = route.request
            if not request.url.startswith(base):
                wrong.append(f"request to another host: {request.url}")
                route.abort()
                return
            if request.resource_type == "script" and not urlsplit(request.url).path.startswith("/assets/"):
                wrong.append(f"script outside /assets/: {request.url}")
            elif request.is_navigation_request() and request.url not in expected:
                wrong.append(f"navigation to {request.url}")
            route.continue_()

        context.route(lambda url: not url.startswith("data:"), judge)
        page = context.new_page()
        page.on("dialog", lambda dialog: (wrong.append(f"script ran: {dialog.message}"), dialog.dismiss()))
        for path in support.pages(site):
            url = support.url_of(base, path)
            expected.add(url)
            page.goto(url)
            for link in page.locator("[data-payload] a[href^='javascript:' i], [data-payload] a[href^='data:' i]").all():
                link.click(no_wait_after=True)
            page.wait_for_timeout(settle_ms)
            if page.url != url:
                wrong.append(f"{path}: the page went to {page.url}")
                page.goto(url)
    return wrong, base


def test_the_built_site_alone_makes_no_foreign_request_or_navigation(built_site: Path,
                                                                      new_context: NewContext) -> None:
    wrong, _ = visit_every_page(built_site, new_context)
    assert wrong == []


@pytest.mark.parametrize("case", sorted(set(PAYLOADS) - set(ONLY_THE_LINT_STOPS)))
def test_a_payload_put_back_into_every_page_does_nothing(payload_site: Path, put_back: dict[str, str],
                                                         new_context: NewContext, case: str) -> None:
    assert "data-payload" in put_back[case]
    wrong, _ = visit_every_page(payload_site, new_context)
    assert wrong == [], f"{case}: {wrong[:5]}"


@pytest.mark.parametrize("case", sorted(ONLY_THE_LINT_STOPS))
def test_what_only_the_lint_stops_would_get_through(payload_site: Path, put_back: dict[str, str],
                                                    new_context: NewContext, case: str) -> None:
    put_back[case]
    wrong, _ = visit_every_page(payload_site, new_context, settle_ms=500)
    assert any("another host" in w or "went to" in w for w in wrong), (ONLY_THE_LINT_STOPS[case], wrong)
