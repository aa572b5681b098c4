"""A keyboard user reads the whole notice: a skip link first, then Tab reaches the language
switcher, every contents entry, the table's scroll region and every back-to-top link, with focus
drawn and in view at every stop; back-to-top moves focus to the title, not only the view."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from . import support
from .conftest import NewContext

NOTICES = {"sv": "privacy/", "en": "en/privacy/"}
PERMALINK = re.compile(r'<a\b(?=[^>]*\bclass="[^"]*\bheaderlink\b)(?:[^>]*\baria-label="([^"]*)")?'
                       r'(?:[^>]*\btitle="([^"]*)")?[^>]*>(.*?)</a>', re.S)


def focused(page: Page) -> dict[str, Any]:
    stop = page.evaluate(support.FOCUS_PROBE)
    assert stop is not None, "focus is on the document body"
    return dict(stop)


@pytest.mark.parametrize("lang", NOTICES)
def test_skip_link_is_first_and_moves_focus_to_the_title(site_url: str, new_context: NewContext,
                                                          lang: str) -> None:
    page = new_context("phone").new_page()
    page.goto(site_url + NOTICES[lang])
    page.keyboard.press("Tab")
    skip = focused(page)
    assert "md-skip" in skip["cls"] and skip["href"] == "#top", support.describe(skip)
    assert skip["in_view"] and skip["unobscured"] and skip["outline"], support.describe(skip)
    page.keyboard.press("Enter")
    title = focused(page)
    assert title["tag"] == "h1" and title["id"] == "top"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("lang", NOTICES)
def test_tab_reaches_everything_with_focus_visible(site_url: str, new_context: NewContext,
                                                    lang: str, viewport: str) -> None:
    page = new_context(viewport).new_page()
    page.goto(site_url + NOTICES[lang])
    stops = support.tab_through(page)
    hidden = [support.describe(s) for s in stops if not (s["outline"] or s["shadow"])]
    assert not hidden, "focus not drawn on:\n" + "\n".join(hidden)
    unseen = [support.describe(s) for s in stops if not (s["in_view"] and s["unobscured"])]
    assert not unseen, "focus out of view or covered on:\n" + "\n".join(unseen)

    hrefs = [s["href"] for s in stops]
    assert any(s["tag"] == "button" and s["name"] for s in stops if "md-header__button" in s["cls"])
    languages = set(page.eval_on_selector_all(".md-select a[hreflang]", "links => links.map(a => a.hreflang)"))
    assert {"sv", "en"} <= languages, languages
    assert {s["hreflang"] for s in stops if s["hreflang"]} == languages, "a language link is not reached"
    contents = page.eval_on_selector_all(".notice-contents a", "links => links.map(a => a.getAttribute('href'))")
    assert len(contents) == 26 and all(h in hrefs for h in contents), "a contents entry is not reached"
    back = page.locator(".notice-top a").count()
    assert back == 26 and hrefs.count("#top") == back + 1, "a back-to-top link is not reached"  # + skip link
    regions = [s for s in stops if s["role"] == "region"]
    assert len(regions) == page.locator(".notice-table").count() == 2, "a table's scroll region is not reached"


@pytest.mark.parametrize("which", ["first", "last"])
def test_back_to_top_moves_focus_to_the_title(site_url: str, new_context: NewContext, which: str) -> None:
    page = new_context("phone").new_page()
    page.goto(site_url + NOTICES["sv"])
    link = page.locator(".notice-top a").nth(0 if which == "first" else -1)
    link.focus()
    assert page.evaluate("scrollY") > 0
    page.keyboard.press("Enter")
    title = focused(page)
    assert title["tag"] == "h1" and title["id"] == "top"
    assert title["in_view"] and title["unobscured"], "the title is under the header"
    page.keyboard.press("Tab")  # and Tab goes on from the title, not from where the reader was
    assert page.evaluate("""() => {
      const top = document.getElementById("top"), next = document.activeElement;
      const contents = document.querySelector(".notice-contents").compareDocumentPosition(next);
      return !!(top.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING)
        && (!(contents & Node.DOCUMENT_POSITION_FOLLOWING) || !!(contents & Node.DOCUMENT_POSITION_CONTAINED_BY));
    }"""), "Tab after back-to-top did not continue from the title"


@pytest.mark.parametrize("lang, caption", [("sv", "Kategori av personuppgift"), ("en", "Category of Personal Information")])
def test_data_table_is_described_and_scrolls_by_keyboard(site_url: str, new_context: NewContext,
                                                          lang: str, caption: str) -> None:
    page = new_context("phone").new_page()
    page.goto(site_url + NOTICES[lang])
    table = page.locator("table", has=page.locator("th", has_text=caption))
    assert table.locator("thead th").count() == 3
    assert table.locator("thead th:not([scope=col])").count() == 0
    name = table.locator("caption").inner_text().strip()
    assert name, "the data table has no caption"
    region = page.get_by_role("region", name=name)
    assert region.get_attribute("tabindex") == "0"
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    if region.evaluate("r => r.scrollWidth > r.clientWidth"):
        page.keyboard.press("ArrowRight")
        page.wait_for_function("r => r.scrollLeft > 0", arg=region.element_handle())
    else:  # it fits: then nothing of it may hang off the screen
        box = table.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= support.PHONE["width"]


def test_permalinks_have_distinct_names(built_site: Path) -> None:
    """Heading permalinks (if ever turned on) must each say which section they link to, not all
    'Permanent link'."""
    found = False
    for path in support.pages(built_site):
        links = PERMALINK.findall((built_site / path).read_text(encoding="utf-8"))
        found = found or bool(links)
        names = [label or title or text.strip() for label, title, text in links]
        repeated = sorted({n for n in names if names.count(n) > 1})
        assert not repeated, f"{path}: permalinks share the name {repeated}"
    if not found:
        pytest.skip("no heading permalinks on any page (toc permalink is off)")
