"""The real site's archive: version 2019-12-13 in every language at its dated URL, with its
change-log entry, its JSON (valid against the shipped schema) and its PDF, and a feed per language."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pdfplumber
import pytest
from notice.reader import read_notice
from notice.versions import archive
from notice.versions.export import spans_in

from .conftest import ROOT

(PRIVACY,) = archive.read_site_config(ROOT / "mkdocs.yml")  # the example site's one notice
LAYOUT, VERSIONS = PRIVACY.layout, PRIVACY.versions_file
DATE = "2019-12-13"
LANGS = LAYOUT.languages


def prefix(lang: str) -> str:
    return LAYOUT.prefix(lang)


def test_every_language_is_covered() -> None:
    assert set(LANGS) >= {"sv", "en"}
    assert not archive.check_archive(LAYOUT, VERSIONS)


@pytest.mark.parametrize("lang", LANGS)
def test_version_page_change_log_json_and_pdf(built_site: Path, lang: str) -> None:
    dated = (built_site / prefix(lang) / DATE / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in dated and 'class="notice-banner" role="note"' in dated
    assert f'href="notice-{lang}-{DATE}.pdf"' in dated
    canonical = (built_site / prefix(lang) / "index.html").read_text(encoding="utf-8")
    assert f'href="{DATE}/notice-{lang}-{DATE}.pdf"' in canonical
    changelog = (built_site / prefix(lang) / "changelog" / "index.html").read_text(encoding="utf-8")
    for href in (
        f"../{DATE}/",
        f"../{DATE}/notice-{lang}-{DATE}.pdf",
        f"../{DATE}/notice-{lang}-{DATE}.json",
    ):
        assert f'href="{href}"' in changelog

    notice = read_notice((ROOT / "docs" / lang / "privacy" / DATE / "index.md").read_text(encoding="utf-8"))
    document = json.loads(
        (built_site / prefix(lang) / DATE / f"notice-{lang}-{DATE}.json").read_text(encoding="utf-8")
    )
    jsonschema.Draft202012Validator(
        json.loads((ROOT / "schemas/notice.schema.json").read_text(encoding="utf-8"))
    ).validate(document)
    assert [s["id"] for s in document["sections"]] == [s.id for s in notice.sections]
    assert document["effective"] == DATE and document["source"]["sha256"] == notice.source_sha256

    with pdfplumber.open(built_site / prefix(lang) / DATE / f"notice-{lang}-{DATE}.pdf") as pdf:
        text = " ".join(" ".join((p.extract_text() or "") for p in pdf.pages).split())
        uris = {link["uri"] for p in pdf.pages for link in p.hyperlinks}
        assert pdf.doc.catalog["Lang"] == lang.encode()
    missing = [s.heading for s in notice.sections if " ".join(s.heading.split()) not in text]
    assert not missing
    blocks = notice.preamble + tuple(b for s in notice.sections for b in s.blocks)
    hrefs = {s.href for b in blocks for s in spans_in(b) if s.href and s.href.startswith("http")}
    assert len(hrefs) >= 8 and hrefs <= uris, hrefs - uris


@pytest.mark.parametrize("lang", LANGS)
def test_feed_per_language(built_site: Path, lang: str) -> None:
    root = ET.parse(built_site / prefix(lang) / "feed.xml").getroot()
    ids = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}id")]
    assert ids[0] == f"https://notices.example.org/{prefix(lang)}feed.xml"
    assert f"https://notices.example.org/{prefix(lang)}{DATE}/" in ids


def test_print_stylesheet_is_linked_and_shows_link_addresses(built_site: Path) -> None:
    markup = (built_site / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "assets/notice-print.css" in markup
    css = (built_site / "assets" / "notice-print.css").read_text(encoding="utf-8")
    assert re.search(r"@media print", css) and 'content: " (" attr(href) ")"' in css
    # bare addresses are marked so print does not repeat them
    assert re.search(r'<a class="notice-bare" href="https://www\.allegisgroup\.com/en/brands">', markup)


@pytest.mark.parametrize("lang", LANGS)
def test_the_old_addresses_of_the_privacy_notice_still_lead_to_it(built_site: Path, lang: str) -> None:
    """Issue #11: the notice moved from the language's root into privacy/; every address it had
    (its version, change log, downloads, feed) still works: a redirect page (meta refresh,
    canonical, a visible link) or, for a download, the same bytes."""
    root, new = LAYOUT.language_prefix(lang), LAYOUT.prefix(lang)
    assert new == f"{root}privacy/"
    for old, target in ((f"{DATE}/", f"{DATE}/"), ("changelog/", "changelog/")):
        page = (built_site / root / old / "index.html").read_text(encoding="utf-8")
        href = f"../{'../' * old.count('/') if old.count('/') > 1 else ''}privacy/{target}"
        assert f'<meta http-equiv="refresh" content="0; url={href}">' in page, page
        assert f'<link rel="canonical" href="https://notices.example.org/{new}{target}">' in page
        assert f'<a href="{href}">' in page and f'<html lang="{lang}" data-notice-redirect>' in page
        title = re.search(r"<title>(.*?)</title>", page)
        assert title and not title.group(1).startswith("http"), "a tab shows why the page is there, not only an address"
        assert (built_site / root / old / href / "index.html").resolve().is_file()
    for name in (f"{DATE}/notice-{lang}-{DATE}.pdf", f"{DATE}/notice-{lang}-{DATE}.json", "feed.xml"):
        assert (built_site / root / name).read_bytes() == (built_site / new / name).read_bytes()
    home = (built_site / root / "index.html").read_text(encoding="utf-8")
    assert 'data-notice-forward="privacy/"' in home and "datalagring" in home  # an old /#datalagring lands there
    assert '<a href="privacy/">' in home  # and without JavaScript the notice is one link away
