"""Publish: the archive of one language in; the files the build writes beside its pages out — the
Atom feed. The mkdocs hook calls it once per language build.

A version's JSON and PDF are not made here: ``notice release`` made them once, beside the
version's text under ``docs/<lang>/<date>/``, and mkdocs copies them to the site as they are.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

from notice.errors import NoticeError
from notice.versions import export, feed
from notice.versions.archive import FEED_URL, Archive

log = logging.getLogger(__name__)

Render = Callable[..., str]


def write_language(
    archive: Archive,
    lang: str,
    site_dir: Path,
    site_url: str,
    site_name: str,
    date_locale: str,
    gettext: Callable[[str], str],
    render: Render,
) -> list[Path]:
    """The feed of ``lang`` under ``site_dir``; returns the files written."""
    out = site_dir / archive.layout.prefix(lang)
    language_url = urljoin(site_url, archive.layout.prefix(lang))
    try:
        news = feed.build_feed(archive, lang, language_url, site_name, date_locale, gettext)
        out.mkdir(parents=True, exist_ok=True)
        (out / FEED_URL).write_text(
            render("partials/notice-feed-atom.html", feed=news, author=site_name), encoding="utf-8"
        )
    except OSError as err:
        raise NoticeError(f"{out}: cannot write the feed of '{lang}' ({err})") from None
    return [out / FEED_URL]


def write_schema(schema: Path, site_dir: Path) -> Path:
    """The JSON Schema, published where every export's ``$schema`` points."""
    target = site_dir / export.SCHEMA_URL
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(schema.read_bytes())
    return target
