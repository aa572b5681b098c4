"""A reader's visit reaches no one but the site: every request goes to the local server, nothing is
stored in the browser, and a Content-Security-Policy forbids every other origin — present on every
page, with no inline script or style it would have to allow, and enforced without breaking the page."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from . import support
from .conftest import NewContext

#: Script types a browser does not execute, so a CSP need not allow them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
UNREACHABLE = "https://third-party.invalid"


class Head(HTMLParser):
    """The CSP meta tag, where it stands, and every inline script and style of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.csp: str | None = None
        self.before_csp: list[str] = []
        self.inline_scripts: list[tuple[str, str]] = []
        self.inline_styles = 0
        self.style_attributes = 0
        self._script: tuple[str, list[str]] | None = None
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = a.get("content", "")
        elif self.csp is None and tag in {"link", "script", "style", "img", "base"}:
            self.before_csp.append(tag)
        if "style" in a:
            self.style_attributes += 1
        if tag == "script" and "src" not in a:
            self._script = (a.get("type", "").lower(), [])
        self._in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
        if self._in_style and data.strip():
            self.inline_styles += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.inline_scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None
        self._in_style = False


def parse(site: Path, page: str) -> Head:
    head = Head()
    head.feed((site / page).read_text(encoding="utf-8"))
    return head


def directives(csp: str) -> dict[str, list[str]]:
    parts = (d.split() for d in csp.split(";") if d.strip())
    return {d[0]: d[1:] for d in parts}


def sha256_source(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def test_every_page_carries_a_csp_that_allows_only_this_origin(built_site: Path) -> None:
    for page in support.pages(built_site):
        head = parse(built_site, page)
        assert head.csp, f"{page}: no Content-Security-Policy meta tag"
        assert not head.before_csp, f"{page}: {head.before_csp} come before the CSP, which cannot cover them"
        policy = directives(head.csp)
        assert policy.get("default-src") in (["'none'"], ["'self'"]), f"{page}: default-src {policy.get('default-src')}"
        for name, sources in policy.items():
            foreign = [s for s in sources if s not in {"'self'", "'none'", "data:"} and not s.startswith("'sha256-")]
            assert not foreign, f"{page}: {name} allows {foreign}"
        assert policy.get("script-src") and policy.get("base-uri") == ["'none'"], page


def test_no_inline_script_or_style_that_the_csp_would_block(built_site: Path) -> None:
    """Material writes inline scripts; the theme overrides empty them (its bundle is not loaded).
    Any that comes back must be data, or be allowed by its hash in script-src."""
    for page in support.pages(built_site):
        head = parse(built_site, page)
        allowed = directives(head.csp or "").get("script-src", [])
        for kind, script in head.inline_scripts:
            if kind not in DATA_SCRIPT_TYPES:
                assert sha256_source(script) in allowed, f"{page}: inline script not allowed by CSP: {script[:80]}"
        assert head.inline_styles == 0 and head.style_attributes == 0, f"{page}: inline style the CSP blocks"


def test_a_visit_asks_only_the_local_server_and_stores_nothing(built_site: Path, site_url: str,
                                                                new_context: NewContext) -> None:
    context = new_context("phone")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for path in [*support.pages(built_site), "en/no-such-page/"]:
        page.goto(support.url_of(site_url, path))
        storage = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
        assert storage == [0, 0, ""], f"{path}: the page stored something: {storage}"
    page.get_by_role("link", name="English").first.focus()
    page.keyboard.press("Enter")  # the JavaScript language link, too
    page.wait_for_load_state("networkidle")
    elsewhere = [url for url in requests if not url.startswith(site_url)]
    assert requests and not elsewhere, f"requests to other hosts: {elsewhere}"
    assert context.cookies() == []


@pytest.mark.parametrize("lang", ["privacy/", "en/privacy/"])
def test_the_page_works_under_its_csp(site_url: str, new_context: NewContext, lang: str) -> None:
    page = new_context("desktop").new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in {"error", "warning"} else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + lang)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cspViolations") == [] and errors == [], errors
    # notice.js runs under the policy: the language link carries the section in view
    page.evaluate("document.getElementById('datalagring').scrollIntoView()")
    page.locator("a[hreflang]:not([hreflang='%s'])" % ("en" if lang.startswith("en") else "sv")).first.dispatch_event("click")
    page.wait_for_url(re.compile(r"#datalagring$"))


@pytest.mark.parametrize("old, new", [("#datalagring", "privacy/#datalagring"), ("en/#datalagring", "en/privacy/#datalagring"),
                                      ("2019-12-13/", "privacy/2019-12-13/"), ("en/changelog/", "en/privacy/changelog/")])
def test_an_old_address_of_the_moved_notice_lands_where_it_led(site_url: str, new_context: NewContext, old: str,
                                                                new: str) -> None:
    """Issue #11: the notice moved into privacy/; a link to its old address, a section of it
    included (notice.js on the home page), still leads there."""
    page = new_context("desktop").new_page()
    page.goto(site_url + old)
    page.wait_for_url(site_url + new)
    if "#" in new:
        page.wait_for_function("id => document.getElementById(id).getBoundingClientRect().top < innerHeight",
                               arg=new.split("#")[1])


def test_the_csp_is_enforced(site_url: str, new_context: NewContext) -> None:
    """What a compromised page or a careless edit would try: a foreign image, script and fetch."""
    context = new_context("desktop")
    requests: list[tuple[str, str | None]] = []
    context.on("requestfailed", lambda request: requests.append((request.url, request.failure)))
    context.on("requestfinished", lambda request: requests.append((request.url, None)))
    page = context.new_page()
    page.goto(site_url)
    page.evaluate("""base => {
      for (const [tag, attr] of [["img", "src"], ["script", "src"], ["link", "href"]]) {
        const el = document.createElement(tag);
        if (tag === "link") el.rel = "stylesheet";
        el[attr] = base + "/x";
        document.body.append(el);
      }
      fetch(base + "/y").catch(() => {});
      const inline = document.createElement("script");
      inline.textContent = "window.__inlineRan = true";
      document.body.append(inline);
    }""", UNREACHABLE)
    page.wait_for_function("window.__cspViolations.length >= 5")
    blocked = sorted(v.split()[0] for v in page.evaluate("window.__cspViolations"))
    assert blocked == ["connect-src", "img-src", "script-src-elem", "script-src-elem", "style-src-elem"], blocked
    assert page.evaluate("window.__inlineRan") is None
    page.wait_for_timeout(200)
    foreign = [(url, failure) for url, failure in requests if url.startswith(UNREACHABLE)]
    assert len(foreign) == 3 and all(f and "csp" in f.lower() for _, f in foreign), foreign
