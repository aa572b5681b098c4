"""Feed: the archive of one language in; the entries of its Atom feed out (one per version, newest
first), rendered by ``partials/notice-feed-atom.html`` into ``feed.xml`` under the language's root.

Every address is absolute (feed readers have no page to resolve against) and every date is the
version's effective date, so the same versions always give the same feed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from notice import dates
from notice.catalog import N_
from notice.versions.archive import FEED_URL, Archive, compare_url, export_url, version_url

ENTRY_TITLE = N_("Version %(version)s, effective %(date)s")
FEED_TITLE = N_("%(site)s: change log")


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str
    pdf: str
    compare: str | None  # the redline that shows what this version changed
    updated: str  # RFC 3339
    summary: str


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    url: str  # the feed itself
    home: str  # the language's change log page
    lang: str
    updated: str
    entries: tuple[Entry, ...]


def timestamp(date: object) -> str:
    return f"{date}T00:00:00Z"


def build_feed(
    archive: Archive,
    lang: str,
    language_url: str,
    site_name: str,
    date_locale: str,
    gettext: Callable[[str], str],
) -> Feed:
    entries = []
    for item in archive.of(lang):
        url = urljoin(language_url, version_url(item.date))
        previous = item.previous
        entries.append(
            Entry(
                id=url,
                title=gettext(ENTRY_TITLE)
                % {"version": item.version.version, "date": dates.long_date(item.date, date_locale)},
                url=url,
                pdf=urljoin(language_url, export_url(lang, item.date, "pdf")),
                compare=urljoin(language_url, compare_url(previous.effective)) if previous else None,
                updated=timestamp(item.date),
                summary=item.version.summary.get(lang, ""),
            )
        )
    feed_url = urljoin(language_url, FEED_URL)
    return Feed(
        id=feed_url,
        title=gettext(FEED_TITLE) % {"site": site_name},
        url=feed_url,
        home=urljoin(language_url, "changelog/"),
        lang=lang,
        updated=entries[0].updated if entries else timestamp("1970-01-01"),
        entries=tuple(entries),
    )
