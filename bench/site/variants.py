"""Projects for the build-time benchmark: this site, and a plain mkdocs-material + static-i18n site
on the same Markdown, each with N languages. Extra languages are copies of the English content
(with English catalogs and change-log summaries), so only the number of languages changes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
#: The languages in the order they are added (the baseline study's list, all known to Material).
LANGUAGES = ("sv", "en", "de", "fr", "es", "it", "nl", "da", "nb", "fi", "pl", "pt", "cs", "hu", "ro", "sk", "sl",
             "hr", "bg", "el", "et", "lv", "lt", "ja", "zh", "ko", "ru", "uk", "tr", "ca")
#: The copy of this project leaves out what the site build does not read.
NOT_COPIED = {".git", ".venv", ".venv-bench", "node_modules", "site", "docs-screenshots", ".pytest_cache", "bench",
              "tests", "scripts", ".mypy_cache", ".ruff_cache", ".cache", ".notice-release"}
COPIED_FROM = "en"
ARCHIVE_HOOK = "notice_versions.py"


def languages(count: int) -> tuple[str, ...]:
    if not 2 <= count <= len(LANGUAGES):
        raise ValueError(f"expected 2 to {len(LANGUAGES)} languages, got {count}")
    return LANGUAGES[:count]


def add_language_docs(docs: Path, langs: tuple[str, ...]) -> None:
    """The English pages under every missing language, with the language in their front matter."""
    for lang in langs:
        if (docs / lang).exists():
            continue
        shutil.copytree(docs / COPIED_FROM, docs / lang)
        for page in (docs / lang).rglob("*.md"):
            text = page.read_text(encoding="utf-8")
            page.write_text(re.sub(rf"(?m)^lang: {COPIED_FROM}$", f"lang: {lang}", text, count=1), encoding="utf-8")


def ours(dest: Path, count: int, archive: bool = True) -> Path:
    """This project with ``count`` languages: docs, catalogs, change-log summaries and i18n entries.
    Without ``archive``, the version archive's hook (its PDF and JSON exports, feeds, compare pages)
    is left out, to show what the reader's pages alone cost."""
    langs = languages(count)
    shutil.copytree(ROOT, dest, ignore=lambda where, names: NOT_COPIED if Path(where) == ROOT else set())
    add_language_docs(dest / "docs", langs)
    for lang in langs:
        if not (dest / "locales" / lang).exists():
            shutil.copytree(dest / "locales" / COPIED_FROM, dest / "locales" / lang)
    config_path = dest / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    for notice in config["extra"]["notice"]["notices"]:  # every notice's versions, summarised in every language
        versions_path = dest / notice["versions"]
        versions = yaml.safe_load(versions_path.read_text(encoding="utf-8"))
        for entry in versions["versions"]:
            for lang in langs:
                entry["summary"].setdefault(lang, entry["summary"][COPIED_FROM])
        versions_path.write_text(yaml.safe_dump(versions, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config["plugins"] = [with_languages(p, langs) for p in config["plugins"]]
    if not archive:
        config["hooks"] = [h for h in config["hooks"] if not h.endswith(ARCHIVE_HOOK)]
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if archive:
        release_added_languages(dest, langs)
    return dest


def release_added_languages(dest: Path, langs: tuple[str, ...]) -> None:
    """A copied language starts from the text alone: ``notice release`` makes its own JSON and PDF
    of the released version and records them, as it does for a translation added later."""
    for lang in langs:
        for file in (dest / "docs" / lang).rglob("notice-*"):  # <notice>/<date>/notice-<lang>-<date>.*
            if not file.name.startswith(f"notice-{lang}-"):
                file.unlink()
    notice = Path(sys.executable).parent / "notice"
    result = subprocess.run([str(notice), "--quiet", "release"], cwd=dest, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{dest}: notice release failed:\n{result.stderr}")


def with_languages(plugin: Any, langs: tuple[str, ...]) -> Any:
    if not (isinstance(plugin, dict) and "i18n" in plugin):
        return plugin
    i18n = dict(plugin["i18n"])
    known = {entry["locale"]: entry for entry in i18n["languages"]}
    i18n["languages"] = [known.get(lang, {"locale": lang, "name": lang, "build": True}) for lang in langs]
    return {"i18n": i18n}


def plain(dest: Path, count: int, docs: Path = ROOT / "docs") -> Path:
    """The stack out of the box on the same Markdown: Material's defaults, its search plugin,
    static-i18n with the folder structure."""
    langs = languages(count)
    dest.mkdir(parents=True)
    shutil.copytree(docs, dest / "docs")
    add_language_docs(dest / "docs", langs)
    config = {
        "site_name": "Allegis Group – meddelande om onlinesekretess",
        "site_url": "https://notices.example.org/",
        "theme": {"name": "material", "language": langs[0]},
        "plugins": ["search", {"i18n": {"docs_structure": "folder", "languages": [
            {"locale": lang, "name": lang, "default": lang == langs[0], "build": True} for lang in langs]}}],
        "markdown_extensions": ["attr_list", "tables", {"toc": {"toc_depth": 3}}],
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest
