"""The built site: right language on every page, the effective date, a back-to-top link after
every section, the change log, language links to the same page, and every word of the notice."""

from __future__ import annotations

import html
import importlib.metadata
import re
from pathlib import Path

import pdfplumber
import pytest
from notice.extraction import fidelity

from .conftest import FIXTURES, SOURCES

PAGES = {"sv": "privacy/index.html", "en": "en/privacy/index.html"}
DATES = {"sv": "13 december 2019", "en": "13 December 2019"}


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def article(markup: str) -> str:
    match = re.search(r"<article\b.*?</article>", markup, re.DOTALL)
    assert match, "no <article> element"
    return match.group(0)


def test_pinned_stack_is_the_one_installed() -> None:
    """mkdocs-static-i18n[material] caps Material below 9.7.2; the pins in pyproject honour it."""
    assert importlib.metadata.version("mkdocs-material") == "9.7.1"
    assert importlib.metadata.version("mkdocs-static-i18n") == "1.3.1"
    assert importlib.metadata.version("mkdocs") == "1.6.1"


@pytest.mark.parametrize("lang", PAGES)
def test_page_language_and_effective_date(built_site: Path, lang: str) -> None:
    markup = read(built_site, PAGES[lang])
    assert re.search(rf'<html lang="{lang}"', markup)
    assert f'<time datetime="2019-12-13">{DATES[lang]}</time>' in markup
    h1_end = markup.index("</h1>")
    assert markup.index("<time") > h1_end and markup.index("<time") - h1_end < 200, "date not beside the title"


@pytest.mark.parametrize("lang", PAGES)
def test_one_back_to_top_link_per_section(built_site: Path, lang: str) -> None:
    body = article(read(built_site, PAGES[lang]))
    sections = re.findall(r"<h[23] id=\"([^\"]+)\"", body)
    links = re.findall(r'<p class="notice-top"><a href="#top">([^<]+)</a></p>', body)
    assert len(sections) == 26 and len(links) == len(sections)
    assert set(links) == {"Tillbaka till början" if lang == "sv" else "Back to top"}
    assert '<h1 id="top" tabindex="-1"' in body
    # the link comes after the section's content and before the next heading
    chunks = re.split(r"<h[23] id=", body)[1:]
    assert all('class="notice-top"' in chunk for chunk in chunks)


def test_same_section_ids_in_both_languages(built_site: Path) -> None:
    ids = {lang: re.findall(r"<h[23] id=\"([^\"]+)\"", article(read(built_site, page))) for lang, page in PAGES.items()}
    assert ids["sv"] == ids["en"]


def test_language_links_lead_to_the_same_page(built_site: Path) -> None:
    sv = read(built_site, "privacy/index.html")
    en = read(built_site, "en/privacy/index.html")
    assert re.search(r'<a href="[^"]*en/privacy/" hreflang="en"', sv)  # the same notice, issue #11
    assert re.search(r'<a href="(?:\.\./\.\./|/)privacy/" hreflang="sv"', en)
    home = read(built_site, "en/index.html")  # a home page leads to the other language's home
    assert re.search(r'<a href="(?:\.\./|/)" hreflang="sv"', home)
    changelog = read(built_site, "en/privacy/changelog/index.html")
    assert re.search(r'<a href="[^"]*changelog/" hreflang="sv"', changelog)
    assert "assets/notice.js" in sv and (built_site / "assets/notice.js").exists()


@pytest.mark.parametrize("lang, title", [("sv", "Ändringslogg"), ("en", "Change log")])
def test_changelog_page(built_site: Path, lang: str, title: str) -> None:
    page = "privacy/changelog/index.html" if lang == "sv" else "en/privacy/changelog/index.html"
    body = article(read(built_site, page))
    assert f">{title}</h1>" in body
    assert f'<time datetime="2019-12-13">{DATES[lang]}</time>' in body
    assert "Version 1.0" in body


def test_swedish_page_carries_every_word(built_site: Path) -> None:
    reference = fidelity.words((FIXTURES / "allegis-sv.seed.txt").read_text(encoding="utf-8"))
    shown = fidelity.html_words(article(read(built_site, "privacy/index.html")))
    score = fidelity.similarity(reference, shown)
    assert score >= 0.99, f"word-sequence similarity of the built page {score:.4f} < 0.99"


@pytest.mark.parametrize("lang, pdf", [("sv", "allegis-privacy-notice-sv.pdf"), ("en", "allegis-privacy-notice-en.pdf")])
def test_every_pdf_link_is_on_the_page(built_site: Path, lang: str, pdf: str) -> None:
    with pdfplumber.open(SOURCES / pdf) as doc:
        uris = {link["uri"] for page in doc.pages for link in page.hyperlinks}
    hrefs = set(re.findall(r'href="([^"#][^"]*)"', article(read(built_site, PAGES[lang]))))
    assert len(uris) == 11 and uris <= {html.unescape(h) for h in hrefs}, uris - hrefs


def test_links_that_say_nothing_name_their_destination_for_screen_readers(built_site: Path) -> None:
    body = article(read(built_site, "privacy/index.html"))
    assert ('<a href="#eu-usa-och-schweiz-usa-privacy">klicka här<span class="notice-sr" lang="sv"> '
            '(avsnittet ”EU – USA och Schweiz – USA: Privacy Shield-nätverket”)</span></a>') in body
    assert '>här<span class="notice-sr" lang="sv"> (webbplatsen app.onetrust.com)</span></a>' in body
    english = article(read(built_site, "en/privacy/index.html"))
    assert '>here<span class="notice-sr" lang="en"> (website app.onetrust.com)</span></a>' in english
    assert not re.search(r">(?:här|here|klicka här|click here)</a>", body + english), "a vague link kept no context"
