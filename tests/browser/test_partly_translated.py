"""A reader of a language still being translated, in Chromium (issue #12, points 1-3).

The site is a copy of the repository with French started by `notice new-language fr`, two sections
translated and the catalog filled in part (tests/partial_language.py). A reader jumps to a section
from the contents and switches language, follows 'Open it in the original', and hears every text in
its own language: every text node's nearest ``lang`` matches the language of its text, on every
built page of every language, of this site and of the real one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .. import languages_audit
from ..conftest import ROOT
from ..partial_language import LANG, TRANSLATED, PartialSite
from . import support
from .conftest import NewContext

#: Sections deep in the page, untranslated and translated, so the one before them is off screen.
SECTIONS = ("internationella-dataoverforingar", "datalagring", "kontakta-oss")


@pytest.fixture(scope="module")
def partial_url(partial_site: PartialSite) -> Iterator[str]:
    with support.serve(partial_site.site) as url:
        yield url


def follow_contents(page: Page, section: str) -> None:
    """Follow the contents entry by keyboard, as a reader does: focus it and press Enter."""
    page.locator(f".notice-contents a[href='#{section}']").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '#{section}'")
    top = page.evaluate(f"document.getElementById('{section}').getBoundingClientRect().top")
    assert 0 < top < 200, f"the anchor jump left #{section} at {top}px"


def choose_language(page: Page, lang: str) -> None:
    """The language menu's link, by keyboard (JavaScript on: notice.js adds the section)."""
    page.locator(f".md-select a[hreflang='{lang}']").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("start, target, lang", [("privacy/", "fr/privacy/", LANG), ("fr/privacy/", "privacy/", "sv"),
                                                   ("en/privacy/", "fr/privacy/", LANG)])
def test_an_anchor_jump_then_a_language_switch_keeps_the_section(partial_url: str, new_context: NewContext,
                                                                  viewport: str, start: str, target: str,
                                                                  lang: str) -> None:
    page = new_context(viewport).new_page()
    for section in SECTIONS:
        page.goto(partial_url + start)
        follow_contents(page, section)
        choose_language(page, lang)
        assert page.url == f"{partial_url}{target}#{section}", f"from #{section} on /{start}"


def test_scrolling_by_hand_still_carries_the_section(partial_url: str, new_context: NewContext) -> None:
    page = new_context("desktop").new_page()
    page.goto(partial_url + "fr/privacy/")
    page.evaluate("window.scrollTo(0, document.getElementById('datalagring').offsetTop - 20)")
    page.wait_for_timeout(50)
    choose_language(page, "sv")
    assert page.url == f"{partial_url}privacy/#datalagring"


def test_open_in_the_original_opens_its_own_section(partial_site: PartialSite, partial_url: str,
                                                     new_context: NewContext) -> None:
    page = new_context("desktop").new_page()
    page.goto(partial_url + "fr/privacy/")
    labelled = page.eval_on_selector_all(
        "div.notice-untranslated", """divs => divs.map(d => [
            (d.querySelector('h2[id], h3[id]') || {id: 'top'}).id,
            d.querySelector('.notice-untranslated-label a[hreflang]').getAttribute('href')])""")
    assert len(labelled) == 1 + 26 - len(TRANSLATED)  # the preamble and every untranslated section
    wrong = [(section, href) for section, href in labelled if not href.endswith(f"#{section}")]
    assert not wrong, f"'Open it in the original' leads elsewhere: {wrong}"
    # the reader is elsewhere on the page (the menu would carry 'datalagring'): the link keeps its own
    follow_contents(page, "datalagring")
    original = "internationella-dataoverforingar"
    link = page.locator(f"div.notice-untranslated:has(#{original}) .notice-untranslated-label a")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"#{original}$"))
    assert page.url == f"{partial_url}privacy/#{original}"  # the same notice in the source language


def test_interface_text_is_in_the_pages_language_after_an_untranslated_section(partial_url: str,
                                                                                new_context: NewContext) -> None:
    page = new_context("desktop").new_page()
    page.goto(partial_url + "fr/privacy/")
    back = page.eval_on_selector_all(".notice-top a", "links => links.map(a => a.closest('[lang]').lang)")
    assert back and set(back) == {LANG}, f"back-to-top links under lang {set(back)}"
    inside = page.eval_on_selector_all("div.notice-untranslated .notice-top", "found => found.length")
    assert inside == 0, "a back-to-top link sits inside an untranslated section (below its label)"
    permalinks = page.eval_on_selector_all("a.headerlink", "links => links.map(a => a.closest('[lang]').lang)")
    assert permalinks and set(permalinks) == {LANG}
    # a phrase the half-filled catalog lacks is English, and says so
    english = page.eval_on_selector_all("a[href='changelog/'] [lang], a[type='application/json'] [lang]",
                                        "found => found.map(e => [e.lang, e.textContent])")
    assert english == [["en", "Data (JSON)"], ["en", "All versions"]]


def audit(url: str, site: Path, project: Path, page: Page) -> list[str]:
    words = languages_audit.vocabulary(project)
    problems: list[str] = []
    for path in support.pages(site):
        page.goto(support.url_of(url, path))
        problems += languages_audit.mismatches(path, page.evaluate(languages_audit.TEXT_AND_LANG), words)
    return problems


def test_every_text_is_in_its_own_language_on_every_page(partial_site: PartialSite, partial_url: str,
                                                         built_site: Path, site_url: str,
                                                         new_context: NewContext) -> None:
    page = new_context("desktop").new_page()
    pages = support.pages(partial_site.site)
    assert {"fr/index.html", "fr/privacy/changelog/index.html", "fr/status/index.html", "fr/privacy/2019-12-13/index.html",
            "fr/404.html"} <= set(pages)
    problems = audit(partial_url, partial_site.site, partial_site.project, page)
    problems += audit(site_url, built_site, ROOT, page)
    assert not problems, "text under the wrong lang:\n" + "\n".join(problems[:40])


def test_the_audit_sees_what_issue_12_saw(partial_site: PartialSite, partial_url: str,
                                           new_context: NewContext) -> None:
    """The audit is not blind: a back-to-top link moved into the next untranslated section, as
    it was, and an English phrase unmarked, are both reported."""
    page = new_context("desktop").new_page()
    page.goto(partial_url + "fr/privacy/")
    page.evaluate("""() => {
      const next = document.querySelector('.notice-top + div.notice-untranslated');
      next.prepend(next.previousElementSibling);
      const english = document.querySelector("a[href='changelog/'] [lang]");
      english.removeAttribute('lang');
    }""")
    words = languages_audit.vocabulary(partial_site.project)
    found = languages_audit.mismatches("fr/", page.evaluate(languages_audit.TEXT_AND_LANG), words)
    assert any("'Retour en haut' is fr, but its nearest lang is 'sv'" in p for p in found), found
    assert any("'All versions' is en, but its nearest lang is 'fr'" in p for p in found), found
