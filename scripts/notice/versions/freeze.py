"""Freeze: a version being released, in one language, in; the files that then stay as published
out — its JSON (validated against the schema) and its PDF (typeset once, here, never by the
build) — each with its SHA-256, which ``notice release`` records in ``versions.yml``.

A frozen file says only what never changes about its version: its text, label, effective date and
addresses. Whether it is still current, until when it was in effect and its redline are shown by
the dated page, the change log and the feed, which the build renders anew.

Rendering needs what the mkdocs build knows: the site address and name, the date style per
language, the theme folder with the partials and the catalogs. ``site_info`` reads them from
``mkdocs.yml``, so the command renders exactly as the site is configured.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
from babel.support import Translations

from notice import catalog, templating
from notice.errors import NoticeError
from notice.reader import MarkdownError, read_notice
from notice.versions import export, pages, typeset
from notice.versions.archive import Layout, Published, load_mkdocs_yml, released_files
from notice.versions.versions import Version


@dataclass(frozen=True)
class SiteInfo:
    """What rendering a version's files needs from mkdocs.yml."""

    root: Path  # the folder of mkdocs.yml: paths in the JSON are relative to it
    site_url: str
    site_names: dict[str, str]  # per language (the i18n plugin lets a language have its own)
    date_locales: dict[str, str]
    theme_dir: Path  # the theme's custom_dir, holding partials/notice-pdf.html
    locales: Path
    schema: Path


def site_info(mkdocs_yml: Path, layout: Layout) -> SiteInfo:
    data = load_mkdocs_yml(mkdocs_yml)
    root = mkdocs_yml.parent
    notice = (data.get("extra") or {}).get("notice") or {}
    i18n: dict[str, Any] = next(
        (p["i18n"] for p in data.get("plugins") or [] if isinstance(p, dict) and "i18n" in p), {}
    )
    named = {str(e["locale"]): str(e["site_name"]) for e in i18n.get("languages") or [] if e.get("site_name")}
    site_name = str(data.get("site_name") or "")
    theme = data.get("theme") or {}
    if not data.get("site_url") or not isinstance(theme, dict) or not theme.get("custom_dir"):
        raise NoticeError(
            f"{mkdocs_yml}: a release needs 'site_url' and the theme's 'custom_dir' (the exports carry "
            f"absolute addresses and are rendered from its partials)"
        )
    locales_of = notice.get("date_locale") or {}
    return SiteInfo(
        root=root,
        site_url=str(data["site_url"]),
        site_names={lang: named.get(lang, site_name) for lang in layout.languages},
        date_locales={lang: str(locales_of.get(lang, lang)) for lang in layout.languages},
        theme_dir=root / str(theme["custom_dir"]),
        locales=root / str(notice.get("locales", "locales")),
        schema=root / str(notice.get("schema", "schemas/notice.schema.json")),
    )


def as_released(version: Version, lang: str, path: Path, text: str) -> Published:
    """The version as it is the moment it is released: current, with no version after it."""
    try:
        notice = read_notice(text, path)
    except MarkdownError as err:
        raise NoticeError(str(err)) from None
    return Published(version, lang, notice, path, hashlib.sha256(text.encode()).hexdigest(), None, None)


def environment(theme_dir: Path, translations: Translations, lang: str) -> jinja2.Environment:
    """The partials as the build's versions hook sees them: the language's catalog, the model's
    tests, autoescaping."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(theme_dir)), autoescape=True)
    templating.install_interface(env, catalog.Interface(translations, lang))
    env.tests.update(typeset.JINJA_TESTS)
    env.filters["notice_nest"] = typeset.nest
    return env


def json_bytes(item: Published, info: SiteInfo, layout: Layout) -> tuple[bytes, list[Any]]:
    """The JSON export and every way it fails the schema (file:line problems)."""
    urls = export.Urls(info.site_url, urljoin(info.site_url, layout.prefix(item.lang)))
    document = export.notice_json(item, urls, os.path.relpath(item.path, info.root), layout.default)
    return export.dumps(document).encode(), export.validate(document, item, info.schema)


def pdf_html(item: Published, info: SiteInfo, layout: Layout) -> str:
    translations = catalog.translations(info.locales, item.lang)  # compiled from the .po once per PDF
    env = environment(info.theme_dir, translations, item.lang)
    render: Callable[..., str] = lambda template, **context: env.get_template(template).render(**context)
    return pages.pdf_html(
        item,
        urljoin(info.site_url, layout.prefix(item.lang)),
        info.site_names[item.lang],
        info.date_locales[item.lang],
        translations.gettext,
        render,
        layout.default,
    )


def freeze(
    items: list[Published], info: SiteInfo, layout: Layout, on_typeset: Callable[[str], None] | None = None
) -> dict[Path, bytes]:
    """The snapshot, JSON and PDF of every item, by path; refused with every schema problem
    before anything is typeset. PDFs are typeset on every core."""
    out: dict[Path, bytes] = {}
    problems = []
    documents = []
    for item in items:
        files = released_files(layout, item.lang, item.date)
        data, found = json_bytes(item, info, layout)
        problems += found
        out[files["json"]] = data
        documents.append((str(files["pdf"]), pdf_html(item, info, layout)))
    if problems:
        raise NoticeError("\n".join(map(str, problems)))
    for name, data in typeset.typeset_all(documents, on_done=on_typeset).items():
        out[Path(name)] = data
    return out


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()
