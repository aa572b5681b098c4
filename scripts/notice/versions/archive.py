"""Archive: the docs tree and the version list of one notice in; every published version as a
``Notice`` per language, or every problem with ``file:line``, out. Also the one place that spells
the archive's paths and URLs.

A site holds several notices (``extra.notice.notices`` in mkdocs.yml), each in its own folder per
language, with its own versions file. What is on disk for a notice ``<slug>``, all of it committed
(``notice release`` writes the last two; see release.py)::

    docs/<lang>/<slug>/index.md                  the current notice, edited by legal
    docs/<lang>/<slug>/<YYYY-MM-DD>/index.md     the text of that version as released, byte for byte
    docs/<lang>/<slug>/<YYYY-MM-DD>/compare.md   a stub page: the redline of that version against the next
    docs/<lang>/<slug>/changelog.md              a stub page: the notice's change log

Because released text is in the tree, a fresh clone and a shallow clone (depth 1) build the whole
archive; nothing reads git history. The current notice must say what its own snapshot says (front
matter kept for translators aside), so the dated URL of the current version shows exactly what the
canonical URL shows.

URLs, relative to a notice's root (``privacy/`` or ``en/privacy/``): ``<date>/`` (a version),
``<date>/compare/`` (its redline), ``<date>/notice-<lang>-<date>.json`` and ``.pdf``, ``feed.xml``,
``changelog/``. ``docs/<lang>/index.md`` is the language's home page, listing its notices.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, fields, is_dataclass, replace
from itertools import zip_longest
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin

import yaml

from notice import document, project
from notice.document import Problem
from notice.errors import NoticeError
from notice.model import Notice, SourceRef, Span
from notice.reader import MarkdownError, front_matter_line, read_notice
from notice.versions.versions import Version, load_versions, parse_versions

SNAPSHOT_NAME = "index.md"
COMPARE_NAME = "compare.md"
COMPARE_PAGE = "compare"  # the stub's ``notice_page`` value
CHANGELOG_NAME = "changelog.md"
FEED_URL = "feed.xml"
DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RELEASE_HINT = "run `make release` (notice release)"


# ---------------------------------------------------------------- where things are


def version_url(date: dt.date) -> str:
    return f"{date.isoformat()}/"


def compare_url(date: dt.date) -> str:
    return f"{date.isoformat()}/compare/"


def export_name(lang: str, date: dt.date, ext: str) -> str:
    return f"notice-{lang}-{date.isoformat()}.{ext}"


def export_url(lang: str, date: dt.date, ext: str) -> str:
    return version_url(date) + export_name(lang, date, ext)


def released_files(layout: Layout, lang: str, date: dt.date) -> dict[str, Path]:
    """The files a version is published as in one language, made once by ``notice release`` and
    never again: its text, its JSON and its PDF. mkdocs copies the last two to the site as they are."""
    folder = layout.folder(lang) / date.isoformat()
    return {
        "md": folder / SNAPSHOT_NAME,
        "json": folder / export_name(lang, date, "json"),
        "pdf": folder / export_name(lang, date, "pdf"),
    }


def record_key(layout: Layout, path: Path) -> str:
    """How ``versions.yml`` names a released file: its path below the docs folder."""
    return path.relative_to(layout.docs).as_posix()


@dataclass(frozen=True)
class Layout:
    """The docs tree of one notice of a site: the docs folder, the site's languages (source first),
    the root language, and the notice's folder name below each language (its ``slug``)."""

    docs: Path
    languages: tuple[str, ...]
    default: str
    slug: str

    def folder(self, lang: str) -> Path:
        return self.docs / lang / self.slug

    def current(self, lang: str) -> Path:
        return self.folder(lang) / "index.md"

    def snapshot(self, lang: str, date: dt.date) -> Path:
        return self.folder(lang) / date.isoformat() / SNAPSHOT_NAME

    def compare_stub(self, lang: str, date: dt.date) -> Path:
        return self.folder(lang) / date.isoformat() / COMPARE_NAME

    def changelog(self, lang: str) -> Path:
        return self.folder(lang) / CHANGELOG_NAME

    def language_prefix(self, lang: str) -> str:
        """The language's root below the site root: '' for the default language, 'en/' for others."""
        return language_prefix(lang, self.default)

    def prefix(self, lang: str) -> str:
        """The notice's root below the site root: 'privacy/' in the default language, 'en/privacy/'."""
        return f"{self.language_prefix(lang)}{self.slug}/"

    def snapshot_dates(self, lang: str) -> list[dt.date]:
        folder = self.folder(lang)
        found = []
        for child in sorted(folder.iterdir()) if folder.is_dir() else []:
            if child.is_dir() and DATE_DIR.match(child.name):
                try:
                    found.append(dt.date.fromisoformat(child.name))
                except ValueError:
                    continue
        return found


def language_prefix(lang: str, default: str) -> str:
    """A language's root below the site root: '' for the default language, 'en/' for others."""
    return "" if lang == default else f"{lang}/"


def make_layout(docs: Path, languages: list[tuple[str, bool]], source: str | None, slug: str) -> Layout:
    """A ``Layout`` of notice ``slug`` from the i18n plugin's languages, as ``(locale, default)``
    pairs in config order."""
    if not languages:
        raise NoticeError("no languages configured (expected the i18n plugin's 'languages' list)")
    default = next((locale for locale, is_default in languages if is_default), languages[0][0])
    first = source or default
    ordered = [first] + [locale for locale, _ in languages if locale != first]
    return Layout(docs, tuple(ordered), default, slug)


@dataclass(frozen=True)
class SiteNotice:
    """One notice of a site as commands outside mkdocs need it: its layout and its versions file."""

    layout: Layout
    versions_file: Path
    formerly_at_root: bool = False

    @property
    def slug(self) -> str:
        return self.layout.slug


def load_mkdocs_yml(mkdocs_yml: Path) -> dict[str, Any]:
    try:
        data = project.parse_config(mkdocs_yml.read_text(encoding="utf-8"))
    except OSError as err:
        raise NoticeError(f"{mkdocs_yml}: cannot read ({err.strerror})") from None
    except yaml.YAMLError as err:
        raise NoticeError(f"{mkdocs_yml}: not valid YAML ({err})") from None
    if not isinstance(data, dict):
        raise NoticeError(f"{mkdocs_yml}: expected a mapping of settings")
    return data


def read_site_config(mkdocs_yml: Path) -> tuple[SiteNotice, ...]:
    """Every notice of the site ``mkdocs.yml`` configures, in its order, for commands run outside mkdocs."""
    data = load_mkdocs_yml(mkdocs_yml)
    root = mkdocs_yml.parent
    i18n = next((p["i18n"] for p in data.get("plugins") or [] if isinstance(p, dict) and "i18n" in p), None)
    if not isinstance(i18n, dict):
        raise NoticeError(f"{mkdocs_yml}: expected the i18n plugin with its 'languages' under 'plugins'")
    languages = [
        (str(lang["locale"]), bool(lang.get("default")))
        for lang in i18n.get("languages") or []
        if lang.get("build", True)
    ]
    notice = (data.get("extra") or {}).get("notice") or {}
    docs = root / str(data.get("docs_dir", "docs"))
    return tuple(
        SiteNotice(make_layout(docs, languages, notice.get("source_language"), entry.slug),
                   root / entry.versions, entry.formerly_at_root)
        for entry in project.notices_of(data, str(mkdocs_yml))
    )


def select(notices: tuple[SiteNotice, ...], slug: str | None) -> tuple[SiteNotice, ...]:
    """All notices, or the one named ``slug`` (refused with the names there are)."""
    if slug is None:
        return notices
    chosen = tuple(n for n in notices if n.slug == slug)
    if not chosen:
        raise NoticeError(f"no notice '{slug}' in this site (expected one of: "
                          f"{', '.join(n.slug for n in notices)})")
    return chosen


@dataclass(frozen=True)
class PageRole:
    """What a docs page is to the archive: a notice's current text, a version, or a version's redline."""

    kind: Literal["current", "version", "compare"]
    lang: str
    date: dt.date | None = None
    slug: str = ""


def page_role(src_uri: str, languages: tuple[str, ...], slugs: tuple[str, ...]) -> PageRole | None:
    """``<lang>/<slug>/index.md``, ``<lang>/<slug>/<date>/index.md`` or ``…/<date>/compare.md``."""
    parts = src_uri.split("/")
    if len(parts) < 3 or parts[0] not in languages or parts[1] not in slugs:
        return None
    lang, slug, rest = parts[0], parts[1], parts[2:]
    if rest == ["index.md"]:
        return PageRole("current", lang, None, slug)
    if len(rest) == 2 and DATE_DIR.match(rest[0]) and rest[1] in (SNAPSHOT_NAME, COMPARE_NAME):
        try:
            date = dt.date.fromisoformat(rest[0])
        except ValueError:
            return None
        return PageRole("version" if rest[1] == SNAPSHOT_NAME else "compare", lang, date, slug)
    return None


# ---------------------------------------------------------------- what is published


@dataclass(frozen=True)
class Published:
    """One version in one language: the notice as released, its file, and its neighbours."""

    version: Version
    lang: str
    notice: Notice
    path: Path
    sha256: str
    previous: Version | None
    next: Version | None

    @property
    def date(self) -> dt.date:
        return self.version.effective

    @property
    def is_current(self) -> bool:
        return self.next is None

    @property
    def until(self) -> dt.date | None:
        """The last day this version was in effect; None while it is current."""
        return self.next.effective - dt.timedelta(days=1) if self.next else None


@dataclass(frozen=True)
class Archive:
    layout: Layout
    versions: tuple[Version, ...]  # newest first
    published: tuple[Published, ...]

    def get(self, lang: str, date: dt.date) -> Published:
        for item in self.published:
            if item.lang == lang and item.date == date:
                return item
        raise NoticeError(f"version {date} is not published in '{lang}'")

    def of(self, lang: str) -> tuple[Published, ...]:
        """Every version in ``lang``, newest first."""
        return tuple(p for p in self.published if p.lang == lang)


def _neighbours(versions: tuple[Version, ...]) -> dict[dt.date, tuple[Version | None, Version | None]]:
    """(previous, next) of every version; the list is newest first."""
    out = {}
    for i, version in enumerate(versions):
        newer = versions[i - 1] if i > 0 else None
        older = versions[i + 1] if i + 1 < len(versions) else None
        out[version.effective] = (older, newer)
    return out


def load_archive(
    layout: Layout, versions: tuple[Version, ...], versions_file: Path
) -> tuple[Archive, list[Problem]]:
    """Every version in every language read into a ``Notice``, and every problem with the tree."""
    problems: list[Problem] = []
    neighbours = _neighbours(versions)
    known = {v.effective: v for v in versions}
    published: list[Published] = []
    for lang in layout.languages:
        for date in layout.snapshot_dates(lang):
            if date not in known:
                problems.append(
                    Problem(
                        str(layout.snapshot(lang, date)),
                        1,
                        f"version {date} has no entry in {versions_file} "
                        f"(expected one with 'effective: {date}')",
                    )
                )
        first = min(layout.snapshot_dates(lang), default=None)
        for version in versions:
            if first is not None and version.effective < first:
                continue  # the language was added later: its archive starts with its first release
            path = layout.snapshot(lang, version.effective)
            item = _read_snapshot(path, version, lang, neighbours[version.effective], versions_file, problems)
            if item is not None:
                published.append(item)
                problems.extend(check_released_files(layout, item, versions_file))
                stub = layout.compare_stub(lang, version.effective)
                if item.next is not None and not stub.exists():
                    problems.append(
                        Problem(
                            str(stub),
                            1,
                            f"the redline page of version {version.version} "
                            f"is missing: {RELEASE_HINT} writes it",
                        )
                    )
        if versions:
            problems.extend(_check_current(layout, lang, versions, versions_file))
    return Archive(layout, versions, tuple(published)), problems


def _read_snapshot(
    path: Path,
    version: Version,
    lang: str,
    around: tuple[Version | None, Version | None],
    versions_file: Path,
    problems: list[Problem],
) -> Published | None:
    if not path.exists():
        problems.append(
            Problem(
                str(versions_file),
                version.line,
                f"version {version.version} ({version.effective}) has no released text in "
                f"'{lang}' at {path}: for the current version {RELEASE_HINT}; an archived "
                f"version's translation is placed there by hand",
            )
        )
        return None
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    try:
        notice = read_notice(text, path)
    except MarkdownError as err:
        problems.append(Problem(err.file, err.line, err.message))
        return None
    if notice.effective != version.effective:
        problems.append(
            Problem(
                str(path),
                front_matter_line(text, "effective"),
                f"effective {notice.effective} does not match its folder "
                f"{version.effective.isoformat()}/ (released text is never edited)",
            )
        )
        return None
    return Published(version, lang, notice, path, hashlib.sha256(raw).hexdigest(), *around)


def correct_hint(version: Version) -> str:
    return (
        f"a published version never changes; to correct it on purpose run "
        f"`notice release --correct 'why' --version {version.version}`"
    )


def check_released_files(layout: Layout, item: Published, versions_file: Path) -> list[Problem]:
    """Every released file of ``item`` is there with the bytes whose SHA-256 ``versions.yml`` records."""
    version = item.version
    problems = []
    for path in released_files(layout, item.lang, item.date).values():
        key = record_key(layout, path)
        recorded = version.sha256.get(key)
        where = f"{versions_file}:{version.sha256_line or version.line}"
        if recorded is None:
            problems.append(
                Problem(
                    str(versions_file),
                    version.sha256_line or version.line,
                    f"version {version.version} ({item.date}) records no SHA-256 of {key}: "
                    f"{RELEASE_HINT} makes its files once and records them",
                )
            )
        elif not path.exists():
            problems.append(
                Problem(
                    str(path), 1, f"a released file of version {version.version} is missing "
                    f"(recorded at {where}); {correct_hint(version)}"
                )
            )
        else:
            found = hashlib.sha256(path.read_bytes()).hexdigest()
            if found != recorded:
                problems.append(
                    Problem(
                        str(path),
                        1,
                        f"a released file of version {version.version} was changed (expected sha256 "
                        f"{recorded[:16]}…, as recorded at {where}; found {found[:16]}…); {correct_hint(version)}",
                    )
                )
    return problems


def _check_current(
    layout: Layout, lang: str, versions: tuple[Version, ...], versions_file: Path
) -> list[Problem]:
    """The current notice is the newest release, byte for byte."""
    current, newest = layout.current(lang), versions[0]
    if not current.exists():
        return []  # a language without a notice is the parity check's business
    text = current.read_text(encoding="utf-8")
    try:
        notice = read_notice(text, current)
    except MarkdownError as err:
        return [Problem(err.file, err.line, err.message)]
    effective = notice.effective
    line = front_matter_line(text, "effective")
    if effective is None:
        return [Problem(str(current), line, "front matter has no 'effective' date")]
    if effective > newest.effective:
        return [
            Problem(
                str(current),
                line,
                f"effective {effective} is not released yet (the newest version in "
                f"{versions_file} is {newest.version}, {newest.effective}): run "
                f"`make release VERSION=<label>` to archive {newest.effective} and publish {effective}",
            )
        ]
    if effective < newest.effective:
        return [
            Problem(
                str(current),
                line,
                f"effective {effective} is older than the newest released version "
                f"{newest.version} ({newest.effective}) in {versions_file}",
            )
        ]
    snapshot = layout.snapshot(lang, newest.effective)
    if not snapshot.exists():
        return []  # reported with the version
    released = snapshot.read_text(encoding="utf-8")
    if released == text:
        return []  # the usual case right after a release: nothing to compare
    try:
        difference = first_content_difference(notice, read_notice(released, snapshot))
    except MarkdownError:
        return []  # reported with the snapshot
    if difference is None:
        return []
    here, there = difference
    return [
        Problem(
            str(current),
            here,
            f"differs from the released text of version {newest.version} "
            f"({snapshot}:{there}): for a correction to this version run "
            f"`notice release --correct 'why'`; "
            f"for a new version give 'effective' a new date, then "
            f"`make release VERSION=<label>`",
        )
    ]


def content(obj: Any) -> Any:
    """``obj`` without its ``SourceRef``s and bookkeeping: what a reader is shown, not where it sits
    in a file or which source sections a translation follows."""
    if isinstance(obj, SourceRef):
        return None
    if isinstance(obj, Notice):  # what it records for editors and translators, not for readers
        obj = replace(obj, removed=(), source_sections=())
    if is_dataclass(obj) and not isinstance(obj, type):
        return replace(obj, **{f.name: content(getattr(obj, f.name)) for f in fields(obj) if f.init})
    if isinstance(obj, tuple):
        return tuple(content(item) for item in obj)
    return obj


def first_content_difference(current: Notice, released: Notice) -> tuple[int, int] | None:
    """The lines (in each file) of the first block or section a reader would see differ; None when
    the two say the same. Front matter that is bookkeeping, not text, does not count."""
    if content(current) == content(released):
        return None
    for a, b in zip_longest(current.preamble + current.sections, released.preamble + released.sections):
        if a is None or b is None or content(a) != content(b):
            return _line_of(a), _line_of(b)
    return 1, 1  # the title, the label or the source named in the front matter


def _line_of(part: Any) -> int:
    source = getattr(part, "source", None)
    return source.line if isinstance(source, SourceRef) else 1


#: An address with a scheme, from the site root, or a fragment of the notice itself: not relative.
NOT_RELATIVE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


def with_absolute_links(obj: Any, notice_url: str) -> Any:
    """``obj`` (a ``Notice`` or any part of it) with every link written relative to the notice's
    folder (``../cookies/#retention``, to another notice) made absolute against the notice's
    address: a JSON export or a PDF is read with no page to resolve it against."""
    if isinstance(obj, Span):
        if obj.href and not NOT_RELATIVE.match(obj.href):
            return replace(obj, href=urljoin(notice_url, obj.href))
        return obj
    if is_dataclass(obj) and not isinstance(obj, type):
        return replace(obj, **{f.name: with_absolute_links(getattr(obj, f.name), notice_url)
                               for f in fields(obj) if f.init})
    if isinstance(obj, tuple):
        return tuple(with_absolute_links(item, notice_url) for item in obj)
    return obj


def check_archive(layout: Layout, versions_file: Path) -> list[Problem]:
    """Every problem with versions.yml and the archive, for ``notice check``."""
    versions, problems = parse_versions(
        versions_file, document.complete_languages(layout.docs, list(layout.languages), layout.slug)
    )
    if problems:
        return problems
    return load_archive(layout, versions, versions_file)[1]


def check_recorded_files(layout: Layout, versions_file: Path) -> list[Problem]:
    """Only the released files against the SHA-256 versions.yml records, reading no notice: for
    ``notice check`` when the lint already refuses a notice the archive would need to read."""
    versions, problems = parse_versions(versions_file, [])
    if problems:
        return problems
    found = []
    for version in versions:
        for key, recorded in version.sha256.items():
            path = layout.docs / key
            actual = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
            if actual != recorded:
                what = "is missing" if actual is None else "was changed"
                found.append(
                    Problem(
                        str(path), 1, f"a released file of version {version.version} {what} (expected sha256 "
                        f"{recorded[:16]}…, as recorded at {versions_file}:{version.sha256_line}); {correct_hint(version)}"
                    )
                )
    return found


def load(layout: Layout, versions: tuple[Version, ...], versions_file: Path) -> Archive:
    archive, problems = load_archive(layout, versions, versions_file)
    if problems:
        raise NoticeError("\n".join(str(p) for p in problems))
    return archive


def load_site(docs: Path, languages: list[tuple[str, bool]], source: str | None,
              entries: tuple[project.NoticeEntry, ...], root: Path, where: str) -> dict[str, Archive]:
    """The archive of every notice of a site (``extra.notice.notices``, its versions files relative
    to ``root``), by slug in the configured order; refused with every problem, file:line each."""
    layouts = {e.slug: make_layout(docs, languages, source, e.slug) for e in entries}
    if entries:
        project.check_notice_folders(entries, docs, layouts[entries[0].slug].languages[0], where)
    archives = {}
    for entry in entries:
        layout = layouts[entry.slug]
        versions_file = Path(os.path.relpath(root / entry.versions))
        complete = document.complete_languages(docs, list(layout.languages), entry.slug)
        archives[entry.slug] = load(layout, load_versions(versions_file, complete), versions_file)
    return archives
