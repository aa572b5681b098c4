"""Correct multilingual HTML on every built page: lang, 404 per language, absolute hreflang
alternates with x-default, a sitemap with alternates and no 404, and no fallback pages."""

from __future__ import annotations

import re
from pathlib import Path

from notice.project import settings

from .conftest import ROOT

PROJECT = settings(ROOT)
SITE_URL = PROJECT.site_url.rstrip("/") + "/"
LANGS = PROJECT.languages
SOURCE = PROJECT.source_language


def page_lang(site: Path, page: Path) -> str:
    first = page.relative_to(site).parts[0]
    return first if first in LANGS and first != SOURCE else SOURCE


def html_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "partials" not in p.parts]


def test_every_page_carries_the_language_of_its_folder(built_site: Path) -> None:
    pages = html_pages(built_site)
    assert len(pages) >= 3 * len(LANGS)
    for page in pages:
        found = re.search(r'<html lang="([^"]+)"', page.read_text(encoding="utf-8"))
        assert found and found.group(1) == page_lang(built_site, page), page


def test_one_404_page_per_language(built_site: Path) -> None:
    for lang in LANGS:
        page = built_site / ("404.html" if lang == SOURCE else f"{lang}/404.html")
        assert page.exists(), page
        assert f'<html lang="{lang}"' in page.read_text(encoding="utf-8")


def test_hreflang_alternates_are_absolute_with_x_default(built_site: Path) -> None:
    for lang in LANGS:
        page = built_site / ("privacy/index.html" if lang == SOURCE else f"{lang}/privacy/index.html")
        found = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', page.read_text(encoding="utf-8"))
        by_lang = {hreflang: href for href, hreflang in found}
        assert set(by_lang) >= set(LANGS) | {"x-default"}, page
        assert all(href.startswith(SITE_URL) for href in by_lang.values()), by_lang
        assert by_lang["x-default"] == SITE_URL + "privacy/"  # the notice in the source language (issue #11)


def test_sitemap_has_alternates_and_no_404(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert SITE_URL in locs and f"{SITE_URL}en/" in locs and f"{SITE_URL}de/" in locs
    assert not any("404" in loc for loc in locs)
    assert sitemap.count('hreflang="en"') == len(locs)  # every entry names its English alternate
    assert not re.search(r'xhtml:link[^>]*href="(?!https://)', sitemap)


def test_no_fallback_pages(built_site: Path) -> None:
    """Every page under a language's folder comes from that language's own Markdown."""
    for lang in LANGS:
        if lang == SOURCE:
            continue
        for page in (built_site / lang).rglob("index.html"):
            rel = page.parent.relative_to(built_site / lang)
            if "data-notice-redirect" in page.read_text(encoding="utf-8"):
                continue  # an old address of the moved notice (notice.versions.moved), not a page
            source = ROOT / "docs" / lang / rel / "index.md" if rel.parts else ROOT / "docs" / lang / "index.md"
            alt = ROOT / "docs" / lang / f"{rel}.md"
            assert source.exists() or alt.exists(), f"{page} has no docs/{lang} source: a fallback page"
