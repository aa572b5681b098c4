"""Moved: the archive of a notice that was once its language's root in; its old addresses, each
with the new one, out; and the files that keep the old addresses working.

Before a site held several notices, its one notice lived at the language's root (``/``,
``/en/``) with its versions at ``<date>/``, its change log at ``changelog/`` and its feed at
``feed.xml``. A notice marked ``formerly_at_root`` in ``extra.notice.notices`` keeps those
addresses: each old page becomes a redirect page (meta refresh, ``rel=canonical`` and a visible
link, so it works with JavaScript off), each old download (JSON, PDF, feed) an identical copy.
The old root itself is the language's home page now, which lists the notice (see site.home).

A redirect never overwrites a page the site publishes: ``conflicts`` names the docs file an old
address would replace, for ``notice check`` and the build.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from notice.document import Problem
from notice.errors import NoticeError
from notice.project import NoticeEntry
from notice.versions.archive import FEED_URL, Archive, Layout, SiteNotice, compare_url, export_url, version_url

Render = Callable[..., str]
CHANGELOG_URL = "changelog/"


@dataclass(frozen=True)
class Move:
    """One old address (below the language's root) and where it is now; ``copy`` for a download,
    which a browser or feed reader fetches as a file, so it is kept as the same bytes."""

    lang: str
    old: str  # below the site root: '2019-12-13/', 'en/2019-12-13/notice-en-2019-12-13.pdf'
    new: str
    copy: bool = False


def moves(layout: Layout, lang: str, dates: Iterable[dt.date]) -> tuple[Move, ...]:
    """Every old address of the notice of ``layout`` in ``lang``, whose versions took effect on
    ``dates``: its versions, their redlines (all but the newest have one) and downloads, its change
    log and its feed."""
    root, here = layout.language_prefix(lang), layout.prefix(lang)
    found: list[Move] = []
    ordered = sorted(dates)
    for date in ordered:
        found.append(Move(lang, root + version_url(date), here + version_url(date)))
        if date != ordered[-1]:
            found.append(Move(lang, root + compare_url(date), here + compare_url(date)))
        for ext in ("json", "pdf"):
            url = export_url(lang, date, ext)
            found.append(Move(lang, root + url, here + url, copy=True))
    found.append(Move(lang, root + CHANGELOG_URL, here + CHANGELOG_URL))
    found.append(Move(lang, root + FEED_URL, here + FEED_URL, copy=True))
    return tuple(found)


def destination(url: str) -> str:
    """The file a site-root-relative address is served from (directory URLs)."""
    return url + "index.html" if url.endswith("/") or not url else url


def docs_sources(move: Move, docs: Path, default: str) -> tuple[Path, ...]:
    """The docs files that would publish a page at ``move.old`` (in its language's folder)."""
    root = "" if move.lang == default else f"{move.lang}/"
    below = move.old.removeprefix(root)
    folder = docs / move.lang
    if move.old.endswith("/"):
        name = below.rstrip("/")
        return (folder / name / "index.md", folder / f"{name}.md")
    return (folder / below,)


def archive_moves(archives: Mapping[str, Archive], entries: Iterable[NoticeEntry]) -> tuple[Move, ...]:
    """The old addresses of the notice marked ``formerly_at_root``, in every language, from its
    published versions (for the build); refused when one would replace a page of the site."""
    found = tuple(move for entry in entries if entry.formerly_at_root
                  for lang in archives[entry.slug].layout.languages
                  for move in moves(archives[entry.slug].layout, lang, [p.date for p in archives[entry.slug].of(lang)]))
    if found:
        layout = next(iter(archives.values())).layout
        clashes = conflicts(found, layout.docs, layout.default)
        if clashes:
            raise NoticeError("\n".join(map(str, clashes)))
    return found


def site_moves(notices: Iterable[SiteNotice]) -> tuple[Move, ...]:
    """The old addresses of the notice marked ``formerly_at_root``, in every language, from the
    versions its folders hold (for ``notice check``; the build takes them from the archive)."""
    return tuple(move for notice in notices if notice.formerly_at_root for lang in notice.layout.languages
                 for move in moves(notice.layout, lang, notice.layout.snapshot_dates(lang)))


def check_moves(notices: tuple[SiteNotice, ...]) -> list[Problem]:
    """``notice check``: no redirect of a moved notice would overwrite a page of the site."""
    if not notices:
        return []
    layout = notices[0].layout
    return conflicts(site_moves(notices), layout.docs, layout.default)


def conflicts(all_moves: Iterable[Move], docs: Path, default: str) -> list[Problem]:
    """A redirect that would overwrite a page or file the site publishes, with the docs file."""
    problems = []
    for move in all_moves:
        for path in docs_sources(move, docs, default):
            if path.exists():
                problems.append(Problem(str(path), 1, f"this page is published at /{move.old}, which the moved "
                                        f"notice's old address must redirect to /{move.new} (expected no page "
                                        f"there; rename this one, or drop formerly_at_root in mkdocs.yml)"))
    return problems


def relative(target: str, page: str) -> str:
    """``target`` as seen from the page at ``page`` (both below the site root)."""
    base = page if page.endswith("/") else posixpath.dirname(page) + "/"
    path = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    return path + "/" if target.endswith("/") and path != "." else ("./" if path == "." else path)


def write_moves(all_moves: Iterable[Move], site_dir: Path, site_url: str, built: frozenset[str],
                render: Render) -> list[Path]:
    """The redirect pages and copies under ``site_dir``; ``built`` is every file the build wrote
    from docs (by its path below the site), which no redirect may replace."""
    written = []
    for move in all_moves:
        target = destination(move.old)
        if target in built:
            raise NoticeError(f"/{move.old}: a redirect of the moved notice would overwrite the page the "
                              f"site builds there (expected no page at /{move.old})")
        path = site_dir / target
        path.parent.mkdir(parents=True, exist_ok=True)
        if move.copy:
            source = site_dir / destination(move.new)
            if not source.exists():
                raise NoticeError(f"/{move.new}: missing from the built site, so /{move.old} cannot be kept")
            shutil.copyfile(source, path)
        else:
            path.write_text(render("partials/notice-redirect.html", lang=move.lang,
                                   href=relative(move.new, move.old), canonical=site_url + move.new),
                            encoding="utf-8")
        written.append(path)
    return written
