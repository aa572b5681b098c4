"""mkdocs hooks for the version archive, redline, feeds and moved addresses: a thin adapter from
mkdocs events to ``notice.versions`` (archive, pages, publish, moved), one archive per notice.

``on_config`` loads and checks everything (every notice's versions file, every released text, and every released
file against the SHA-256 recorded for it), so a bad input stops the build before a page is
written. A version's JSON and PDF were made once by ``notice release`` beside its text; mkdocs
copies them as they are, so the build typesets nothing. ``on_post_build`` writes the feed of the
language just built: the i18n plugin runs one build per language.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from notice import catalog, project, templating
from notice.errors import NoticeError
from notice.files import fingerprint
from notice.site import site
from notice.versions import archive, moved, pages, publish, typeset

state: dict[str, Any] = {}


def language(config: MkDocsConfig) -> str:
    return str(config.theme["language"])


def date_locale(config: MkDocsConfig) -> str:
    lang = language(config)
    return str((config.extra.get("notice") or {}).get("date_locale", {}).get(lang, lang))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    notice = dict(config.extra.get("notice") or {})
    if not config.use_directory_urls or not config.site_url:
        raise PluginError(
            f"{config.config_file_path}: the version archive needs 'use_directory_urls: true' and a "
            f"'site_url' (feeds and JSON carry absolute addresses)"
        )
    languages = [
        (str(lang["locale"]), bool(lang["default"]))
        for lang in config.plugins["i18n"].config.languages
        if lang["build"]
    ]
    schema = root / notice.get("schema", "schemas/notice.schema.json")
    try:
        entries = project.notices_of(config, config.config_file_path)
    except NoticeError as err:
        raise PluginError(str(err)) from None
    # every file of the docs: released PDFs and JSON are checked against the versions files too
    inputs = inputs_of(config, [*Path(config.docs_dir).rglob("*.*"), *(root / e.versions for e in entries), schema])
    if state.get("inputs") == inputs:
        return config  # the i18n plugin runs one build per language: the archive is the same for all
    try:
        archives = archive.load_site(Path(os.path.relpath(config.docs_dir)), languages, notice.get("source_language"),
                                     entries, root, config.config_file_path)
        old = moved.archive_moves(archives, entries)
    except NoticeError as err:
        raise PluginError(str(err)) from None
    state.update(
        inputs=inputs,
        archives=archives,
        moves=old,
        schema=schema,
        locales=root / notice.get("locales", "locales"),
    )
    return config


def inputs_of(config: MkDocsConfig, paths: list[Path]) -> tuple[Any, ...]:
    """What the archive is made from: its files, the address and the languages."""
    languages = tuple(str(lang["locale"]) for lang in config.plugins["i18n"].config.languages if lang["build"])
    return (config.config_file_path, str(config.site_url), languages, fingerprint(paths))


def on_pre_build(*, config: MkDocsConfig) -> None:
    """The partials get their own environment: the catalog of the language being built, the
    model's Jinja tests, and autoescaping (summaries and notice text are data, not markup)."""
    try:
        translations = site.translations(state["locales"], language(config))
    except NoticeError as err:
        raise PluginError(str(err)) from None
    env = templating.share_compiled_templates(config.theme.get_env())
    env.autoescape = True
    templating.install_interface(env, catalog.Interface(translations, language(config)))
    env.tests.update(typeset.JINJA_TESTS)
    env.filters["notice_nest"] = typeset.nest
    state.update(env=env, gettext=translations.gettext)


def render(template: str, **context: Any) -> str:
    return str(state["env"].get_template(template).render(**context))


def role_and_version(page: Page) -> tuple[archive.PageRole | None, archive.Published | None]:
    """What the page is to the archive, and the version it shows (the newest for the current page)."""
    archives: dict[str, archive.Archive] = state["archives"]
    first = next(iter(archives.values()))
    role = archive.page_role(page.file.src_uri, first.layout.languages, tuple(archives))
    if role is None:
        return None, None
    if role.date is None:
        return role, archives[role.slug].of(role.lang)[0]
    try:
        return role, archives[role.slug].get(role.lang, role.date)
    except NoticeError as err:
        raise PluginError(f"{page.file.src_path}: {err}") from None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    role, item = role_and_version(page)
    if role is None or item is None or role.kind == "current":
        return markdown
    if role.kind == "version":
        page.meta["title"] = pages.version_title(item, date_locale(config), state["gettext"])
        return pages.rebase_relative_links(markdown)  # written for the notice's folder, shown one below it
    if item.next is None:
        raise PluginError(
            f"{page.file.src_path}: version {item.version.version} has no next version to compare "
            f"with yet; remove this page"
        )
    return f"# {pages.compare_title(item, state['gettext'])}\n"


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    role, item = role_and_version(page)
    if role is None or item is None:
        return html
    notice_archive: archive.Archive = state["archives"][role.slug]
    prefix = notice_archive.layout.prefix(role.lang)
    if role.kind == "compare":
        return html + pages.compare_page(
            notice_archive, item, prefix, page.url, date_locale(config), render
        )
    addition = pages.downloads(item, prefix, page.url, render)
    if role.kind == "version":
        addition = pages.banner(item, prefix, page.url, date_locale(config), render) + addition
    return pages.insert_under_date(pages.mark_bare_links(html), addition)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """What this language's build writes from docs: no redirect of a moved notice may replace it."""
    state["built"] = frozenset(file.dest_uri for file in files)
    return files


def on_post_build(*, config: MkDocsConfig) -> None:
    lang = language(config)
    site_dir = Path(config.site_dir)
    try:
        for notice_archive in state["archives"].values():
            publish.write_language(
                notice_archive, lang, site_dir, str(config.site_url), config.site_name,
                date_locale(config), state["gettext"], render,
            )
        own = [m for m in state["moves"] if m.lang == lang]
        moved.write_moves(own, site_dir, str(config.site_url), state["built"], render)
        first = next(iter(state["archives"].values()))
        if lang == first.layout.default:
            publish.write_schema(state["schema"], site_dir)
    except NoticeError as err:
        raise PluginError(str(err)) from None
