"""Project settings read from mkdocs.yml: the source language and the languages built."""

from __future__ import annotations

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
    return Settings(source, languages, str(config.get("site_url") or ""))
