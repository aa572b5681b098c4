"""With JavaScript off the site still does its whole job: the notice reads, the contents and
back-to-top links move the reader (and focus), the language links switch language, and the
change log is one link away."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page

from .conftest import NewContext

TITLES = {"sv": "Meddelande om onlinesekretess från Allegis Group", "en": "Allegis Group Online Privacy Notice"}


@pytest.fixture
def no_js(new_context: NewContext) -> BrowserContext:
    return new_context("phone", java_script_enabled=False)


def in_view(page: Page, selector: str) -> bool:
    """Whether the element's top is on screen and below the sticky header."""
    return bool(page.evaluate("""s => {
      const top = document.querySelector(s).getBoundingClientRect().top;
      const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
      return top >= header - 1 && top < innerHeight;
    }""", selector))


def test_javascript_is_really_off(site_url: str, no_js: BrowserContext) -> None:
    page = no_js.new_page()
    page.goto(site_url)
    assert page.evaluate("1 + 1") == 2  # Playwright's own evaluation still works
    assert page.locator("html.no-js").count() == 1  # no page script ran to change the class


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_notice_reads(site_url: str, no_js: BrowserContext, lang: str) -> None:
    page = no_js.new_page()
    page.goto(site_url + ("en/" if lang == "en" else "") + "privacy/")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").inner_text().strip() == TITLES[lang]
    text = page.locator("article").inner_text()
    assert len(text.split()) > 4000, "the notice text is not on the page"
    assert page.locator("article time[datetime='2019-12-13']").first.is_visible()
    assert page.locator("article table").count() == 2


def test_contents_and_back_to_top(site_url: str, no_js: BrowserContext) -> None:
    page = no_js.new_page()
    page.goto(site_url + "privacy/")
    entry = page.locator(".notice-contents a[href='#datalagring']")
    assert entry.is_visible()
    entry.click()
    assert page.url.endswith("#datalagring") and in_view(page, "#datalagring")
    back = page.locator("#datalagring ~ .notice-top a").first
    back.click()
    assert page.url.endswith("#top") and in_view(page, "#top")
    assert page.evaluate("document.activeElement.id") == "top"


@pytest.mark.parametrize("start, target, lang", [("privacy/", "en/privacy/", "en"), ("en/privacy/", "privacy/", "sv"),
                                                 ("privacy/changelog/", "en/privacy/changelog/", "en"),
                                                 ("en/", "", "sv")])
def test_language_links_by_keyboard(site_url: str, no_js: BrowserContext, start: str, target: str,
                                    lang: str) -> None:
    page = no_js.new_page()
    page.goto(site_url + start)
    for _ in range(6):  # skip link, logo, language button, then the languages
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == lang:
            break
    link = page.locator(f"a[hreflang='{lang}']").first
    assert link.evaluate("a => a === document.activeElement") and link.is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + target)
    assert page.locator("html").get_attribute("lang") == lang


@pytest.mark.parametrize("lang, name, page_title", [("sv", "Ändringslogg", "Ändringslogg"),
                                                    ("en", "Change log", "Change log")])
def test_change_log_is_one_link_away(site_url: str, no_js: BrowserContext, lang: str, name: str,
                                     page_title: str) -> None:
    page = no_js.new_page()
    page.goto(site_url + ("en/" if lang == "en" else "") + "privacy/")
    page.get_by_role("navigation", name=re.compile("Sidor|Pages")).get_by_role("link", name=name).click()
    assert page.locator("h1").inner_text().strip() == page_title
    assert page.locator("article ol time[datetime]").count() >= 1
    assert page.url == site_url + ("en/" if lang == "en" else "") + "privacy/changelog/"
