"""Pages: what the versions hook adds to pages, as plain functions of HTML and the archive.

Input: a page's role (``archive.PageRole``), its URL, the archive and a ``render`` function for
the Jinja partials. Output: the page HTML with the version banner and the download links under
the effective date, or the compare page's redline. All added HTML comes from partials in
``overrides/partials/notice-archive-*.html`` and ``notice-redline.html``.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from urllib.parse import urljoin

from babel import Locale, UnknownLocaleError

from notice import dates
from notice.catalog import N_
from notice.versions import redline, typeset
from notice.versions.archive import (
    Archive,
    Published,
    compare_url,
    export_name,
    export_url,
    version_url,
    with_absolute_links,
)

Render = Callable[..., str]
#: The effective-date line the site hook puts under the title (partials/notice-effective.html).
EFFECTIVE_LINE = re.compile(r'<p class="notice-effective"[^>]*>.*?</p>\s*', re.DOTALL)
FIRST_H1_END = re.compile(r"</h1>\s*")
LINK = re.compile(r'<a href="([^"]+)">([^<]*)</a>')
VERSION_TITLE = N_("%(title)s – version %(version)s (%(date)s)")
COMPARE_TITLE = N_("Changes between version %(old)s and version %(new)s")
PDF_PAGE_LABEL = N_("Page %(page)s of %(pages)s")


@dataclass(frozen=True)
class Day:
    """A date for a partial: ISO for ``<time datetime>``, and as the reader's language writes it."""

    iso: str
    text: str


def day(date: dt.date, date_locale: str) -> Day:
    return Day(date.isoformat(), dates.long_date(date, date_locale))


def relative(target: str, page_url: str) -> str:
    """``target`` (a site-root-relative URL) as seen from the page at ``page_url`` (directory URLs)."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    path = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if target.endswith("/") or not target:
        path = "./" if path == "." else path + "/"
    return path


def mark_bare_links(html: str) -> str:
    """Class ``notice-bare`` on links whose text is their address, so print adds it only to others."""

    def mark(match: re.Match[str]) -> str:
        href, text = unescape(match.group(1)), unescape(match.group(2)).strip()
        if text not in (href, href.removeprefix("mailto:")):
            return match.group(0)
        return f'<a class="notice-bare" href="{match.group(1)}">{match.group(2)}</a>'

    return LINK.sub(mark, html)


#: The start of a Markdown link's address that is relative to the notice's own folder: not a
#: scheme, not the site root, not a fragment of the page itself (``](../cookies/#retention)``).
RELATIVE_TARGET = re.compile(r"\]\((?!<?[a-zA-Z][a-zA-Z0-9+.-]*:|<?/|<?#)")


def rebase_relative_links(markdown: str) -> str:
    """A notice's Markdown as its dated page shows it: that page lives one folder below the notice
    (``privacy/2019-12-13/``), so a link written relative to the notice's folder
    (``../cookies/#retention``) gains one ``../`` and leads where it leads from the notice."""
    return RELATIVE_TARGET.sub("](../", markdown)


def insert_under_date(html: str, addition: str) -> str:
    """``addition`` right after the effective-date line (or after the title when there is none)."""
    match = EFFECTIVE_LINE.search(html) or FIRST_H1_END.search(html)
    if match is None:
        return addition + html
    return html[: match.end()] + addition + "\n" + html[match.end() :]


def downloads(item: Published, prefix: str, page_url: str, render: Render) -> str:
    return render(
        "partials/notice-archive-downloads.html",
        pdf=relative(prefix + export_url(item.lang, item.date, "pdf"), page_url),
        pdf_name=export_name(item.lang, item.date, "pdf"),
        json=relative(prefix + export_url(item.lang, item.date, "json"), page_url),
        history=relative(prefix + "changelog/", page_url),
    )


def banner(item: Published, prefix: str, page_url: str, date_locale: str, render: Render) -> str:
    """The "archived version, effective from … to …" note (or "this is the current version")."""
    return render(
        "partials/notice-archive-banner.html",
        version=item.version.version,
        start=day(item.date, date_locale),
        end=day(item.until, date_locale) if item.until else None,
        next_version=item.next.version if item.next else None,
        current=relative(prefix, page_url),
        compare=relative(prefix + compare_url(item.date), page_url) if item.next else None,
    )


def version_title(item: Published, date_locale: str, gettext: Callable[[str], str]) -> str:
    return gettext(VERSION_TITLE) % {
        "title": item.notice.title,
        "version": item.version.version,
        "date": dates.long_date(item.date, date_locale),
    }


def compare_title(item: Published, gettext: Callable[[str], str]) -> str:
    assert item.next is not None
    return gettext(COMPARE_TITLE) % {"old": item.version.version, "new": item.next.version}


def pdf_html(
    item: Published,
    language_url: str,
    author: str,
    date_locale: str,
    gettext: Callable[[str], str],
    render: Render,
    source_lang: str = "",
) -> str:
    """The document WeasyPrint typesets for one version, once, when it is released: the model
    through partials/notice-pdf.html. Parts not translated yet are labelled and tagged with
    ``source_lang``, as on the web page."""
    return render(
        "partials/notice-pdf.html",
        notice=with_absolute_links(item.notice, language_url),
        version=item.version.version,
        effective=day(item.date, date_locale),
        page_url=urljoin(language_url, version_url(item.date)),
        current_url=language_url,
        author=author,
        page_counter=typeset.page_counter(gettext(PDF_PAGE_LABEL)),
        source_lang=source_lang,
        source_language_name=language_name(source_lang, item.notice.lang),
    )


def language_name(lang: str, in_lang: str) -> str:
    """The name of ``lang`` in ``in_lang`` (CLDR through Babel): 'Swedish', 'Schwedisch', 'suédois'."""
    if not lang:
        return ""
    try:
        return Locale.parse(lang).get_display_name(in_lang) or lang
    except (UnknownLocaleError, ValueError):
        return lang


def compare_page(
    archive: Archive, item: Published, prefix: str, page_url: str, date_locale: str, render: Render
) -> str:
    """The redline of ``item`` against the next version in the same language."""
    assert item.next is not None
    newer = archive.get(item.lang, item.next.effective)
    change = redline.compare(item.notice, newer.notice)
    return render(
        "partials/notice-redline.html",
        redline=change,
        old={
            "version": item.version.version,
            "date": day(item.date, date_locale),
            "url": relative(prefix + version_url(item.date), page_url),
        },
        new={
            "version": newer.version.version,
            "date": day(newer.date, date_locale),
            "url": relative(prefix + version_url(newer.date), page_url),
        },
        counts={status: change.count(status) for status in ("changed", "added", "removed", "unchanged")},
    )
