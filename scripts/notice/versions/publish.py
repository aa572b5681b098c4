"""Publish: the archive of one language in; the files beside its pages out — the JSON and the PDF
of every version, and the Atom feed. The mkdocs hook calls it once per language build.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import urljoin

from notice.errors import NoticeError
from notice.versions import export, feed, pages, typeset
from notice.versions.archive import FEED_URL, Archive, export_name, version_url

log = logging.getLogger(__name__)

Render = Callable[..., str]


def write_language(
    archive: Archive,
    lang: str,
    site_dir: Path,
    site_url: str,
    site_name: str,
    documents: Mapping[tuple[str, dt.date], export.Json],
    date_locale: str,
    gettext: Callable[[str], str],
    render: Render,
    pdf: bool = True,
    cache: Path | None = None,
) -> list[Path]:
    """Every export of ``lang`` under ``site_dir``; returns the files written. ``pdf=False`` skips
    the PDFs (a live preview), with a note in the log."""
    out = site_dir / archive.layout.prefix(lang)
    language_url = urljoin(site_url, archive.layout.prefix(lang))
    written: list[Path] = []
    try:
        for item in archive.of(lang):
            folder = out / version_url(item.date)
            folder.mkdir(parents=True, exist_ok=True)
            json_file = folder / export_name(lang, item.date, "json")
            json_file.write_text(export.dumps(documents[lang, item.date]), encoding="utf-8")
            written.append(json_file)
            if not pdf:
                continue
            pdf_file = folder / export_name(lang, item.date, "pdf")
            typeset.write_pdf(
                pages.pdf_html(item, language_url, site_name, date_locale, gettext, render, archive.layout.default),
                pdf_file, cache
            )
            written.append(pdf_file)
        if not pdf:
            log.info("%s: PDFs are left out of the live preview; `mkdocs build` typesets them", lang)
        news = feed.build_feed(archive, lang, language_url, site_name, date_locale, gettext)
        (out / FEED_URL).write_text(
            render("partials/notice-feed-atom.html", feed=news, author=site_name), encoding="utf-8"
        )
        written.append(out / FEED_URL)
    except OSError as err:
        raise NoticeError(f"{out}: cannot write the exports of '{lang}' ({err})") from None
    return written


def write_schema(schema: Path, site_dir: Path) -> Path:
    """The JSON Schema, published where every export's ``$schema`` points."""
    target = site_dir / export.SCHEMA_URL
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(schema.read_bytes())
    return target
