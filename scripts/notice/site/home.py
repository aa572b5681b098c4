"""Home: the notices of a site and one language in; the entries of that language's home page out.

``docs/<lang>/index.md`` carries only ``notice_page: home``; the hook renders the list from each
notice's current front matter and its versions (``partials/notice-home.html``), in the order of
``extra.notice.notices``. Each entry gives the date the current version took effect and the date
it last changed: the newest of that date and the dates of the corrections made to that version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from notice import dates
from notice.catalog import N_
from notice.document import load_doc
from notice.project import NoticeEntry
from notice.site.languages import TITLE
from notice.versions.versions import Version

# Translators: title of a language's home page, which lists the organisation's notices.
HOME_TITLE = N_("Notices")


@dataclass(frozen=True)
class Day:
    """A date for a partial: ISO for ``<time datetime>``, and as the reader's language writes it."""

    iso: str
    text: str


@dataclass(frozen=True)
class HomeEntry:
    """One notice on a home page: where it is (relative to the home page), its title and the
    language that title is in, when it took effect and when it last changed."""

    slug: str
    href: str
    title: str
    title_lang: str  # '' when it is the page's language
    effective: Day
    changed: Day
    #: Section ids of a notice that was at this home page's address before: a reader arriving with
    #: one of them in the address is sent on to it (notice.js); empty for the others.
    forwards: tuple[str, ...] = ()


def day(date: dt.date, date_locale: str) -> Day:
    return Day(date.isoformat(), dates.long_date(date, date_locale))


def changed_on(version: Version) -> dt.date:
    """When the version last changed: its effective date, or its latest correction's date."""
    return max([version.effective, *(c.date for c in version.corrections)])


def entries(docs: Path, lang: str, notices: tuple[NoticeEntry, ...], versions: Mapping[str, tuple[Version, ...]],
            date_locale: str, source_lang: str) -> tuple[HomeEntry, ...]:
    """The home page of ``lang``: every notice that language has, in the configured order."""
    found = []
    for notice in notices:
        doc = load_doc(docs / lang / notice.slug / "index.md", lang)
        if doc.error or not versions.get(notice.slug):
            continue  # a notice a language lacks, or cannot read, is the lint's to report
        newest = versions[notice.slug][0]
        untranslated = doc.front.get("untranslated") or []
        title_lang = source_lang if lang != source_lang and TITLE in untranslated else ""  # type: ignore[operator]
        forwards = tuple(section.id for section in doc.sections) if notice.formerly_at_root else ()
        found.append(HomeEntry(notice.slug, f"{notice.slug}/", str(doc.front.get("title") or notice.slug), title_lang,
                               day(newest.effective, date_locale), day(changed_on(newest), date_locale), forwards))
    return tuple(found)
