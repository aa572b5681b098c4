"""Project settings read from mkdocs.yml: the source language, the languages built and the notices
(``extra.notice.notices``, validated here with one-line messages)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from notice.errors import NoticeError


@dataclass(frozen=True)
class Settings:
    source_language: str
    languages: list[str]
    site_url: str
    notices: tuple[NoticeEntry, ...] = ()


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may use !ENV and python tags; their values do not matter here."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def parse_config(text: str) -> dict[str, Any]:
    """mkdocs.yml as data, tags such as ``!ENV`` and ``!!python/name:`` read as None (their values
    matter to mkdocs, not here). The one reader of mkdocs.yml outside mkdocs; callers decide what an
    unreadable file means to them."""
    return yaml.load(text, Loader=_Loader) or {}  # noqa: S506 - _Loader is a SafeLoader


def settings(root: Path) -> Settings:
    path = root / "mkdocs.yml"
    try:
        config = parse_config(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise NoticeError(f"{path}: cannot read ({err.strerror}); run notice from the repository root") from None
    plugins = config.get("plugins") or []
    i18n: dict[str, Any] = next((p["i18n"] for p in plugins if isinstance(p, dict) and "i18n" in p), {}) or {}
    languages = [str(lang["locale"]) for lang in i18n.get("languages", [])]
    default = next((lang for lang in i18n.get("languages", []) if lang.get("default")), None)
    notice = (config.get("extra") or {}).get("notice") or {}
    source = str(notice.get("source_language") or (default or {}).get("locale") or "")
    if not source or not languages:
        raise NoticeError(f"{path}: expected an i18n plugin with languages and extra.notice.source_language")
    return Settings(source, languages, str(config.get("site_url") or ""), notices_of(config, str(path)))


# ---------------------------------------------------------------- the notices of a site

#: What a ``notices:`` entry may say (mkdocs.yml ``extra.notice.notices``).
NOTICE_KEYS = ("slug", "versions", "formerly_at_root")
#: A notice's folder name is its URL segment: lower-case ASCII words joined by single hyphens.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Names a language's root already uses for its own pages and files, so no notice may take them.
RESERVED_SLUGS = frozenset({"assets", "changelog", "status", "schemas", "search", "404"})
DATE_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class NoticeEntry:
    """One notice of the site: its folder under every language, its versions file (relative to the
    folder of mkdocs.yml), and whether it was the site's only notice at the language's root before
    (its old URLs then redirect to the new ones)."""

    slug: str
    versions: Path
    formerly_at_root: bool = False


def parse_notices(value: object, where: str) -> tuple[NoticeEntry, ...]:
    """``extra.notice.notices`` as entries, in the order of the home page; refused with one line
    naming what was expected and what was found."""
    if not isinstance(value, list) or not value:
        raise NoticeError(f"{where}: extra.notice.notices: expected a list of notices such as "
                          f"[{{slug: privacy, versions: versions/privacy.yml}}], found {value!r}")
    entries: list[NoticeEntry] = []
    for n, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise NoticeError(f"{where}: extra.notice.notices entry {n}: expected a mapping with "
                              f"'slug' and 'versions', found {item!r}")
        unknown = sorted(str(k) for k in item if k not in NOTICE_KEYS)
        if unknown:
            raise NoticeError(f"{where}: extra.notice.notices entry {n}: unknown key '{unknown[0]}' "
                              f"(expected one of {', '.join(NOTICE_KEYS)})")
        slug = str(item.get("slug") or "")
        if not SLUG.match(slug) or slug in RESERVED_SLUGS or DATE_NAME.match(slug):
            raise NoticeError(f"{where}: extra.notice.notices entry {n}: slug {slug!r} is not a URL-safe "
                              f"folder name (expected lower-case letters, digits and single hyphens, not a date "
                              f"nor one of {', '.join(sorted(RESERVED_SLUGS))})")
        if any(e.slug == slug for e in entries):
            raise NoticeError(f"{where}: extra.notice.notices entry {n}: slug '{slug}' is used twice "
                              f"(expected one entry per notice)")
        versions = item.get("versions")
        if not isinstance(versions, str) or not versions.strip():
            raise NoticeError(f"{where}: extra.notice.notices entry {n} ({slug}): expected 'versions: "
                              f"versions/{slug}.yml', found {versions!r}")
        entries.append(NoticeEntry(slug, Path(versions), bool(item.get("formerly_at_root"))))
    if sum(e.formerly_at_root for e in entries) > 1:
        raise NoticeError(f"{where}: extra.notice.notices: only one notice can have been at the root "
                          f"(formerly_at_root is set on several)")
    return tuple(entries)


def notices_of(config: Mapping[str, Any], where: str) -> tuple[NoticeEntry, ...]:
    """The notices a loaded mkdocs.yml (or mkdocs' own config) declares."""
    notice = (config.get("extra") or {}).get("notice") or {}
    if "notices" not in notice and "versions" in notice:
        raise NoticeError(f"{where}: extra.notice.versions: a site lists its notices now (expected "
                          f"'notices: [{{slug: privacy, versions: {notice['versions']}}}]')")
    return parse_notices(notice.get("notices"), where)


def check_notice_folders(entries: tuple[NoticeEntry, ...], docs: Path, source_language: str,
                         where: str) -> None:
    """Every notice has its folder in the source language (``docs/<source>/<slug>/index.md``)."""
    for entry in entries:
        current = docs / source_language / entry.slug / "index.md"
        if not current.is_file():
            raise NoticeError(f"{where}: extra.notice.notices: notice '{entry.slug}' has no folder "
                              f"(expected {current})")
