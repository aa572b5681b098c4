"""mkdocs hooks for notice pages: a thin adapter from mkdocs events to ``notice.site``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from notice import site
from notice.errors import NoticeError

state: dict[str, Any] = {}


def settings(config: MkDocsConfig) -> dict[str, Any]:
    return dict(config.extra.get("notice") or {})


def language(config: MkDocsConfig) -> str:
    return str(config.theme["language"])


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    notice = settings(config)
    languages = [lang["locale"] for lang in config.plugins["i18n"].config.languages]
    try:
        state["versions"] = site.load_versions(root / notice.get("versions", "versions.yml"), languages)
    except NoticeError as err:
        raise PluginError(str(err)) from None
    state["locales"] = root / notice.get("locales", "locales")
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Page HTML is made before mkdocs' own ``on_env``, so the partials get their own theme
    environment here, with the gettext catalog of the language being built."""
    try:
        translations = site.translations(state["locales"], language(config))
    except NoticeError as err:
        raise PluginError(str(err)) from None
    env = config.theme.get_env()
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    state["env"] = env
    state["gettext"] = translations.gettext


def render(template: str, **context: Any) -> str:
    return str(state["env"].get_template(template).render(**context))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.meta.get("notice_page") == "changelog":
        return f"# {state['gettext'](site.CHANGELOG_TITLE)}\n"
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = language(config)
    date_locale = str(settings(config).get("date_locale", {}).get(lang, lang))
    if page.meta.get("notice_page") == "changelog":
        return site.mark_top(html, "") + site.changelog(state["versions"], lang, date_locale, render)
    if "effective" not in page.meta:
        return html
    html = site.mark_top(html, site.effective_date(page.meta, lang, date_locale, render))
    return site.add_back_to_top(html, render("partials/notice-back-to-top.html"))
