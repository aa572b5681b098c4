"""Languages: add a language to the site, and record which source version a translation follows.

Input: the repository (docs/, locales/, mkdocs.yml). Output: files written in place. A new
language starts as an explicit copy of the source, every section marked untranslated (the
site shows it in the source language, labelled, never passed off as a translation).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.messages.pofile import read_po, write_po

from notice import catalog, project
from notice.document import Doc, load_doc
from notice.errors import NoticeError
from notice.files import write_atomically

#: Pseudo-ids for the parts of a page that are not sections.
TITLE = "title"
PREAMBLE = "preamble"


def with_front_matter(doc: Doc, front: dict[str, object]) -> str:
    body = "\n".join(doc.text.splitlines()[doc.body_start - 1:])
    dumped = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{dumped}---\n{body}\n"


def source_digests(source: Doc) -> dict[str, str]:
    return {section.id: section.digest() for section in source.sections}


def update_freshness(docs: Path, source_lang: str, lang: str, slug: str,
                     sections: list[str] | None = None) -> list[str]:
    """Mark the sections of ``lang`` (all, or those named) as reviewed against the current source:
    record the source's hash for each and take them off the untranslated list."""
    if lang == source_lang:
        raise NoticeError(f"{lang} is the source language; only translations have freshness")
    source = load_doc(docs / source_lang / slug / "index.md", source_lang)
    path = docs / lang / slug / "index.md"
    if not path.exists():
        raise NoticeError(f"{path}: no such notice (add the language with: notice new-language {lang})")
    doc = load_doc(path, lang)
    digests = source_digests(source)
    chosen = sections or [s.id for s in doc.sections if s.id in digests]
    unknown = [s for s in chosen if s not in digests]
    if unknown:
        raise NoticeError(f"{path}: no section {', '.join(unknown)} in {source.name}")
    recorded = dict(doc.front.get("source_sections") or {})  # type: ignore[call-overload]
    recorded.update({s: digests[s] for s in chosen})
    front = dict(doc.front)
    front["source_sections"] = {s: recorded[s] for s in digests if s in recorded}
    untranslated = [s for s in (doc.front.get("untranslated") or []) if s not in chosen]  # type: ignore[attr-defined]
    if sections is None:
        untranslated = []
    if untranslated:
        front["untranslated"] = untranslated
    else:
        front.pop("untranslated", None)
    write_atomically(path, with_front_matter(doc, front))
    return chosen


def display_name(lang: str) -> str:
    try:
        name = Locale.parse(lang).get_display_name(lang) or lang
    except (UnknownLocaleError, ValueError) as err:
        raise NoticeError(f"'{lang}' is not a language Babel knows ({err})") from None
    return name[:1].upper() + name[1:]


#: What a language has of its own in mkdocs.yml: its site name (the <title>, feed title, PDF author)
#: and description. A new language starts with the source's, shown with the source's ``lang``.
SITE_KEYS = ("site_name", "site_description")


def language_list(lines: list[str], config: Path, purpose: str = "") -> tuple[int, int, int]:
    """Where the i18n plugin's ``- locale:`` entries stand in mkdocs.yml's ``lines``: the first
    entry's line, the line after the last entry's keys (blank lines after the list stay after
    it), and the entries' indent."""
    items = [n for n, line in enumerate(lines) if re.match(r"^\s+- locale:\s*\S", line)]
    if not items:
        raise NoticeError(f"{config}: no i18n 'languages' list with '- locale:' entries{purpose}")
    indent = lines[items[-1]].index("-")
    end = items[-1] + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    while end > items[-1] + 1 and not lines[end - 1].strip():
        end -= 1
    return items[0], end, indent


def add_to_mkdocs(config: Path, lang: str) -> None:
    """Append ``lang`` to the i18n plugin's language list, keeping the file's own layout, with its
    own ``site_name`` and ``site_description`` to translate (the source's until then)."""
    text = config.read_text(encoding="utf-8")
    top = project.parse_config(text)
    lines = text.splitlines()
    _, end, indent = language_list(lines, config, f" to add {lang} to")
    if any(re.match(rf"^\s+- locale:\s*{re.escape(lang)}\s*$", line) for line in lines):
        raise NoticeError(f"{config}: language {lang} is already configured")
    pad = " " * indent
    entry = [f"{pad}- locale: {lang}", f"{pad}  name: {display_name(lang)}", f"{pad}  build: true"]
    site = {key: str(top[key]) for key in SITE_KEYS if isinstance(top, dict) and top.get(key)}
    if site:
        entry.append(f"{pad}  # translate: until then the site shows these in the source language")
        entry += [f"{pad}  {key}: {json.dumps(value, ensure_ascii=False)}" for key, value in site.items()]
    write_atomically(config, "\n".join(lines[:end] + entry + lines[end:]) + "\n")


def init_catalog(locales: Path, lang: str) -> Path:
    pot = locales / f"{catalog.DOMAIN}.pot"
    target = locales / lang / "LC_MESSAGES" / f"{catalog.DOMAIN}.po"
    if target.exists():
        return target
    with pot.open("rb") as fh:
        template = read_po(fh)
    template.locale = Locale.parse(lang)
    template.fuzzy = False
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as fh:  # wrapped as `pybabel update` wraps it, so `make locale-check` passes at once
        write_po(fh, template, ignore_obsolete=True, include_previous=False)
    return target


def untranslated_copy(source: Doc, lang: str) -> str:
    """The source notice as ``lang`` still to be translated: every part listed untranslated, so the
    site shows it in the source language, labelled, never passed off as ``lang``."""
    front = dict(source.front)
    front["lang"] = lang
    front.pop("effective_label", None)  # the source's own wording; the catalog's label is this language's
    front["source_sections"] = source_digests(source)
    front["untranslated"] = [TITLE, PREAMBLE] + [s.id for s in source.sections]
    return with_front_matter(source, front)


def new_language(root: Path, lang: str, source_lang: str) -> list[Path]:
    """docs/<lang>/ as an untranslated copy of every notice of the source, its home and status
    pages, its catalog, and its mkdocs.yml entry."""
    display_name(lang)
    docs = root / "docs"
    folder = docs / lang
    if folder.exists():
        raise NoticeError(f"{folder}: the language already exists")
    notices = project.settings(root).notices
    sources = {n.slug: load_doc(docs / source_lang / n.slug / "index.md", source_lang) for n in notices}
    written = []
    folder.mkdir()
    for page in sorted((docs / source_lang).glob("*.md")):  # the home and status pages: stubs the hooks fill
        write_atomically(folder / page.name, page.read_text(encoding="utf-8"))
        written.append(folder / page.name)
    for slug, source in sources.items():
        written += untranslated_notice(docs, slug, source, lang, source_lang)
    written.append(init_catalog(root / "locales", lang))
    add_to_mkdocs(root / "mkdocs.yml", lang)
    written.append(root / "mkdocs.yml")
    return written


def untranslated_notice(docs: Path, slug: str, source: Doc, lang: str, source_lang: str) -> list[Path]:
    """docs/<lang>/<slug>/: the notice still to be translated, its current version's snapshot (as
    this language has it now) and the notice's own pages (its change log)."""
    folder = docs / lang / slug
    folder.mkdir(parents=True)
    text = untranslated_copy(source, lang)
    write_atomically(folder / "index.md", text)
    written = [folder / "index.md"]
    effective = source.front.get("effective")
    if effective is not None and (docs / source_lang / slug / str(effective) / "index.md").exists():
        snapshot = folder / str(effective) / "index.md"
        snapshot.parent.mkdir()
        write_atomically(snapshot, text)
        written.append(snapshot)
    for page in sorted((docs / source_lang / slug).glob("*.md")):
        if page.name != "index.md":
            write_atomically(folder / page.name, page.read_text(encoding="utf-8"))
            written.append(folder / page.name)
    return written
