"""mkdocs hooks for notice pages: a thin adapter from mkdocs events to ``notice.site``."""

from __future__ import annotations

import functools
import logging
from html import escape
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from notice import catalog, document, project, templating
from notice.errors import NoticeError
from notice.files import fingerprint
from notice.lint import checks
from notice.site import home, site, translation
from notice.site.languages import TITLE as UNTRANSLATED_TITLE
from notice.versions import versions

log = logging.getLogger("mkdocs.hooks.notice_site")  # under "mkdocs", so --strict counts it
state: dict[str, Any] = {}


def settings(config: MkDocsConfig) -> dict[str, Any]:
    return dict(config.extra.get("notice") or {})


def language(config: MkDocsConfig) -> str:
    return str(config.theme["language"])


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    notice = settings(config)
    languages = [lang["locale"] for lang in config.plugins["i18n"].config.languages]
    docs = Path(config.docs_dir)
    try:
        entries = project.notices_of(config, config.config_file_path)
        state["versions"] = {e.slug: versions.load_versions(root / e.versions,
                                                            document.complete_languages(docs, languages, e.slug))
                             for e in entries}
    except NoticeError as err:
        raise PluginError(str(err)) from None
    state["notices"] = entries
    state["locales"] = root / notice.get("locales", "locales")
    state["source_language"] = str(notice.get("source_language", languages[0]))
    state["languages"] = [(lang["locale"], lang["name"]) for lang in config.plugins["i18n"].config.languages]
    state.setdefault("source_site_name", config.site_name)  # before any language's own replaces it
    run_checks(config, languages)
    return config


def run_checks(config: MkDocsConfig, languages: list[str]) -> None:
    """``notice check`` inside the build, once per set of inputs (not again for every language the
    i18n plugin builds): errors refuse the build, warnings are reported."""
    inputs = fingerprint([*Path(config.docs_dir).rglob("*.md"), *state["locales"].rglob("*.po")])
    if state.get("checked") == inputs:
        return
    problems = checks.check_all(Path(config.docs_dir), state["locales"], state["source_language"],
                                languages=languages, settings=checks.lint_settings(config),
                                notices=tuple(e.slug for e in state["notices"]))
    for problem in problems:
        if problem.severity != "error":
            log.info("notice check: %s", problem)
    errors = [str(p) for p in problems if p.severity == "error"]
    if errors:
        raise PluginError("notice check found problems:\n" + "\n".join(errors))
    state["checked"] = inputs


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Page HTML is made before mkdocs' own ``on_env``, so the partials get their own theme
    environment here, with the gettext catalog of the language being built."""
    try:
        translations = site.translations(state["locales"], language(config))
    except NoticeError as err:
        raise PluginError(str(err)) from None
    interface = catalog.Interface(translations, language(config))
    state["env"] = templating.install_interface(templating.share_compiled_templates(config.theme.get_env()), interface)
    state["interface"] = interface


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """The page templates (``main.html``, ``404.html``, footer) get the same catalog, and absolute
    addresses for hreflang. Templates compiled for one language serve the next."""
    templating.install_interface(templating.share_compiled_templates(env), state["interface"])
    env.filters["notice_absolute_url"] = functools.partial(site.absolute_url, str(config.site_url or "/"))
    env.globals["notice_site_name_lang"] = site.site_name_lang(language(config), state["source_language"],
                                                               config.site_name, state["source_site_name"])
    return env


def render(template: str, **context: Any) -> str:
    return str(state["env"].get_template(template).render(**context))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    interface: catalog.Interface = state["interface"]
    titles = {"changelog": site.CHANGELOG_TITLE, "translation-status": translation.STATUS_TITLE,
              "home": home.HOME_TITLE}
    title = titles.get(str(page.meta.get("notice_page")))
    if title is not None:
        shown_in = interface.lang_of(title)
        if shown_in != interface.lang:
            page.meta["notice_title_lang"] = shown_in
        return site.page_title(interface.gettext(title), "" if shown_in == interface.lang else shown_in)
    if language(config) != state["source_language"] and UNTRANSLATED_TITLE in (page.meta.get("untranslated") or []):
        page.meta["notice_title_lang"] = state["source_language"]
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    for problem in site.markup_problems(html):  # an error, not a warning: `--quiet` drops warnings
        log.error(f"{Path(config.docs_dir).name}/{page.file.src_uri}: {problem}")
    interface: catalog.Interface = state["interface"]
    html = site.name_permalinks(html, lambda section: interface.gettext(site.PERMALINK_NAME) % {"section": section},
                                interface.lang_of(site.PERMALINK_NAME))
    lang = language(config)
    date_locale = str(settings(config).get("date_locale", {}).get(lang, lang))
    if page.meta.get("notice_page") == "changelog":
        point_skip_link_at_top(page)
        slug = notice_of(page)
        return site.mark_top(html, "") + site.changelog(state["versions"][slug], lang, date_locale, render,
                                                    state["source_language"], Path(config.docs_dir) / lang / slug)
    if page.meta.get("notice_page") == "translation-status":
        point_skip_link_at_top(page)
        return site.mark_top(html, "") + render("partials/notice-status.html", notices=translation_statuses(config),
                                                 root=translation.relative_root(page.url),
                                                 source_lang=state["source_language"])
    if page.meta.get("notice_page") == "home":
        point_skip_link_at_top(page)
        entries = home.entries(Path(config.docs_dir), lang, state["notices"], state["versions"], date_locale,
                               state["source_language"])
        return site.mark_top(html, "") + render("partials/notice-home.html", notices=entries)
    if "effective" not in page.meta:
        return html
    back_to_top = render("partials/notice-back-to-top.html")
    html = site.add_back_to_top(html, back_to_top)
    shown_in: dict[str, str] = {}
    if lang != state["source_language"]:
        html, shown_in = mark_translation(html, page, config, lang, back_to_top)
    caption = interface.mark(escape(interface.gettext(site.TABLE_CAPTION)), interface.lang_of(site.TABLE_CAPTION))
    html = site.accessible_tables(html, render, caption)
    vague = {p.casefold() for p in catalog.split_list(interface.gettext(checks.VAGUE_LINKS))}
    html = site.describe_vague_links(html, vague, interface.gettext, interface.lang_of)
    contents = render("partials/notice-contents.html", entries=site.contents(page.toc, shown_in))
    html = site.mark_top(html, site.effective_date(page.meta, lang, date_locale, render) + contents)
    point_skip_link_at_top(page)
    return html


def notice_of(page: Page) -> str:
    """The notice a page belongs to: the folder below its language (``en/privacy/…``)."""
    parts = page.file.src_uri.split("/")
    return parts[1] if len(parts) > 2 else ""


def translation_statuses(config: MkDocsConfig) -> tuple[translation.NoticeStatus, ...]:
    """Every notice's status in every language, once per set of notices (each language's build
    shows all of them)."""
    docs = Path(config.docs_dir)
    key = fingerprint(docs.glob("*/*/index.md"))
    if state.get("statuses_key") != key:
        state["statuses"] = tuple(translation.notice_status(docs, state["source_language"], state["languages"], e.slug)
                                  for e in state["notices"])
        state["statuses_key"] = key
    return state["statuses"]  # type: ignore[no-any-return]


def mark_translation(html: str, page: Page, config: MkDocsConfig, lang: str,
                     back_to_top: str) -> tuple[str, dict[str, str]]:
    """The page with its untranslated and outdated sections marked, and the language each
    untranslated section is shown in (by id)."""
    source_lang = state["source_language"]
    slug = notice_of(page)
    path = Path(config.docs_dir) / source_lang / slug / "index.md"
    key = fingerprint([path])
    if state.get("source_doc_key") != key:
        state["source_doc"] = document.load_doc(path, source_lang)
        state["source_doc_key"] = key
    states = translation.page_states(state["source_doc"], page.meta, lang, Path(page.file.abs_src_path or ""))
    untranslated = set(page.meta.get("untranslated") or [])
    source_href = translation.relative_root(page.url) + f"{slug}/"  # the source language is at the root
    marked = translation.mark_sections(html, states, untranslated, source_lang, source_href,
                                       render, lang, back_to_top)
    return marked, {section: source_lang for section, shown in states.items() if shown == "untranslated"}


def on_post_build(*, config: MkDocsConfig) -> None:
    """Every language build writes the site's one 404.html; keep each language's own at its root
    (``/404.html`` for the default language, ``/en/404.html`` ...), so none has a wrong ``lang``."""
    site_dir = Path(config.site_dir)
    lang = language(config)
    built = (site_dir / "404.html").read_text(encoding="utf-8")
    if lang == state["source_language"]:
        state["root_404"] = built
        return
    (site_dir / lang).mkdir(exist_ok=True)
    (site_dir / lang / "404.html").write_text(built, encoding="utf-8")
    (site_dir / "404.html").write_text(state["root_404"], encoding="utf-8")


def point_skip_link_at_top(page: Page) -> None:
    """``mark_top`` renamed the h1 to ``top``; Material's skip link follows the first toc entry."""
    first = next(iter(page.toc), None)
    if first is not None and first.level == 1:
        first.id = site.TOP_ID
