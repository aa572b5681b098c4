"""Checks: the Markdown of every language in, problems with file:line out.

Each check is one function returning ``Problem`` records; ``notice check`` and the mkdocs hook
print them as ``file:line: message (expected X, found Y)``. Errors refuse a notice; warnings
(vague link text, outdated translations) inform, and ``--strict-freshness`` makes outdated an error.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.pofile import PoFileError, read_po

from notice import catalog
from notice.catalog import N_
from notice.document import Doc, Problem, SectionText, freshness, load_doc, read_text, translation_in_progress
from notice.lint.blocks import check_blocks
from notice.lint.markup import CONTROL, MarkdownSettings, check_characters, check_markup, site_markdown

#: Front-matter keys a notice page may carry (ours, then the mkdocs/Material ones editors use).
KNOWN_KEYS = frozenset({
    "title", "lang", "effective", "effective_label", "source", "source_sha256", "notice_page",
    "source_sections", "untranslated", "version", "archived", "effective_until", "description",
    "template", "hide", "search", "status", "icon",
})
REQUIRED_KEYS = ("title", "lang", "effective", "source", "source_sha256")
#: msgid of the '|'-separated list of link texts that say nothing out of context (per language).
# Translators: a list, not a phrase: link texts that say nothing out of context, each between "|".
# Give your language's (as many as it has, e.g. "klicka här|här|läs mer|mer|länk"), keep the "|".
VAGUE_LINKS = N_("click here|here|read more|more|link")
LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
#: A word holding U+FFFD, the replacement character (with what surrounds it up to the spaces).
UNREADABLE_WORD = re.compile(r"\S*\ufffd\S*")
AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def front_line(doc: Doc, key: str) -> int:
    for number, line in enumerate(doc.text.splitlines()[: doc.body_start], 1):
        if line.startswith(f"{key}:"):
            return number
    return 1


# ---------------------------------------------------------------- one document


def check_front_matter(doc: Doc, notice: bool = True) -> list[Problem]:
    """Known keys on every page; the notice page (``notice``) also needs its own keys and dates."""
    if doc.error:
        return [Problem(doc.name, doc.body_start, doc.error)]
    problems = []
    for key in doc.front:
        if key not in KNOWN_KEYS:
            problems.append(Problem(doc.name, front_line(doc, key), f"unknown front-matter key '{key}' "
                                    f"(expected one of {', '.join(sorted(KNOWN_KEYS))})"))
    if doc.front.get("notice_page") or not notice:
        return problems
    for key in REQUIRED_KEYS:
        if key not in doc.front:
            problems.append(Problem(doc.name, 1, f"front matter lacks '{key}'"))
    effective = doc.front.get("effective")
    if "effective" in doc.front and not isinstance(effective, dt.date):
        problems.append(Problem(doc.name, front_line(doc, "effective"),
                                f"'effective' is not a valid date (expected YYYY-MM-DD, found {effective!r})"))
    if doc.front.get("lang") not in (None, doc.lang):
        problems.append(Problem(doc.name, front_line(doc, "lang"),
                                f"'lang' does not match the folder (expected {doc.lang}, found {doc.front.get('lang')})"))
    return problems


#: What a front-matter value may not hold: the theme writes values such as ``title`` and
#: ``description`` into the page's head unescaped, so these would make markup of them.
FRONT_MATTER_MARKUP = re.compile(r'[<>"]')


def front_values(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from front_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from front_values(item)


def check_front_values(doc: Doc) -> list[Problem]:
    """Front-matter values are text: no markup characters, no control characters."""
    problems = []
    for key, value in doc.front.items():
        for text in front_values(value):
            found = FRONT_MATTER_MARKUP.search(text) or CONTROL.search(text)
            if found:
                problems.append(Problem(doc.name, front_line(doc, str(key)), f"front-matter value of '{key}' holds "
                                        f"{found.group(0)!r} (expected plain text: the page's head writes it "
                                        f"unescaped; write quotes as “ ”)"))
                break
    return problems


def check_duplicate_ids(doc: Doc) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for heading in doc.headings:
        if heading.id is None:
            if heading.level >= 2:
                problems.append(Problem(doc.name, heading.line, f"heading '{heading.text}' has no {{#id}}"))
            continue
        if heading.id in seen:
            problems.append(Problem(doc.name, heading.line,
                                    f"duplicate id '{heading.id}' (first used on line {seen[heading.id]})"))
        seen.setdefault(heading.id, heading.line)
    return problems


def body_lines(doc: Doc) -> list[tuple[int, str]]:
    lines = doc.text.splitlines()
    return [(n, lines[n - 1]) for n in range(doc.body_start, len(lines) + 1)]


def check_unreadable(doc: Doc) -> list[Problem]:
    """U+FFFD is what extraction leaves where the PDF maps a glyph to no character."""
    problems = []
    for number, line in body_lines(doc):
        for word in UNREADABLE_WORD.findall(line):
            problems.append(Problem(doc.name, number, f"'{word}' holds an unreadable character: the PDF maps this "
                                    f"glyph to no character (often a ligature such as tt, ft or fb); write the letters"))
    return problems


def check_anchors(doc: Doc) -> list[Problem]:
    ids = {h.id for h in doc.headings if h.id} | {"top"}
    problems = []
    for number, line in body_lines(doc):
        for _, target in LINK.findall(line):
            if target.startswith("#") and target[1:] not in ids:
                problems.append(Problem(doc.name, number, f"link to '{target}' goes nowhere "
                                        f"(no heading has id '{target[1:]}')"))
    return problems


#: An address with a scheme (``https:``, ``mailto:``), from the site root, or a fragment of the page itself.
NOT_RELATIVE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")
DATE_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def notice_folder(doc: Doc) -> Path:
    """The folder a notice's relative links start from: its own, also for a dated snapshot, whose
    page the build shows with its links rebased (``docs/<lang>/<slug>/``)."""
    folder = doc.path.parent
    return folder.parent if DATE_FOLDER.match(folder.name) else folder


def linked_notice(doc: Doc, target: str) -> tuple[Path, str] | None:
    """The notice a relative page link of ``doc`` leads to (its ``index.md``) and the section it
    names ('' for none); None for a link that is not to a page (a file, an address elsewhere)."""
    path, _, fragment = target.partition("#")
    if NOT_RELATIVE.match(target) or not path or Path(path).suffix not in ("", ".md"):
        return None
    resolved = Path(posixpath.normpath((notice_folder(doc) / path).as_posix()))
    return (resolved if resolved.suffix == ".md" else resolved / "index.md"), fragment


def check_notice_links(doc: Doc) -> list[Problem]:
    """Links to another notice (``[cookie notice](../cookies/#retention)``) lead to a notice that
    exists and, when they name one, to a section it has: like ``#section`` links in one notice."""
    problems = []
    headings: dict[Path, set[str]] = {}
    for number, line in body_lines(doc):
        for _, target in LINK.findall(line):
            found = linked_notice(doc, target)
            if found is None:
                continue
            path, fragment = found
            if not path.is_file():
                problems.append(Problem(doc.name, number, f"link to '{target}' goes nowhere (expected a notice "
                                        f"at {path}, found none)"))
                continue
            if path not in headings:
                headings[path] = {h.id for h in load_doc(path, doc.lang).headings if h.id} | {"top"}
            if fragment and fragment not in headings[path]:
                problems.append(Problem(doc.name, number, f"link to '{target}' goes nowhere "
                                        f"(no heading of {path} has id '{fragment}')"))
    return problems


def check_vague_links(doc: Doc, phrases: tuple[str, ...]) -> list[Problem]:
    vague = {p.casefold() for p in phrases}
    problems = []
    for number, line in body_lines(doc):
        for text, target in LINK.findall(line):
            if text.strip().casefold() in vague:
                problems.append(Problem(doc.name, number, f"link text '{text}' says nothing out of context "
                                        f"(WCAG 2.4.4): name where {target} leads", "warning"))
    return problems


# ---------------------------------------------------------------- a translation against the source


def check_section_parity(source: Doc, doc: Doc) -> list[Problem]:
    """Every section of the source, with the same id, level and order, in the other language."""
    want = [h for h in source.headings if h.level >= 2]
    have = [h for h in doc.headings if h.level >= 2]
    problems: list[Problem] = []
    have_ids = [h.id for h in have]
    want_ids = [h.id for h in want]
    end_line = doc.text.count("\n") + 1
    for n, heading in enumerate(want):
        if heading.id not in have_ids:
            after = next((h for h in reversed(have) if h.id in want_ids[:n]), None)
            line = after.line if after else (have[0].line if have else end_line)
            problems.append(Problem(doc.name, line, f"section '{heading.id}' is missing "
                                    f"(present in {source.name}:{heading.line})"))
    for heading in have:
        if heading.id is not None and heading.id not in want_ids:
            problems.append(Problem(doc.name, heading.line, f"section '{heading.id}' is not in {source.name} "
                                    "(an extra section, or an id that was changed)"))
    common = [h for h in have if h.id in want_ids]
    order = [h.id for h in want if h.id in {c.id for c in common}]
    for heading, expected in zip(common, order):
        if heading.id != expected:
            problems.append(Problem(doc.name, heading.line,
                                    f"section order differs (expected '{expected}', found '{heading.id}')"))
            break
    by_id = {h.id: h for h in want}
    for heading in common:
        if heading.level != by_id[heading.id].level:
            problems.append(Problem(doc.name, heading.line,
                                    f"section '{heading.id}' is at the wrong level "
                                    f"(expected {by_id[heading.id].level}, found {heading.level})"))
    return problems


def link_targets(section: SectionText) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for number, line in section.body:
        found.extend((number, target) for _, target in LINK.findall(line))  # #anchors too: same sections
        found.extend((number, target) for target in AUTOLINK.findall(line))
    return found


def paired_sections(source: Doc, doc: Doc) -> Iterator[tuple[SectionText, SectionText]]:
    """Each section of ``doc`` with the source section of the same id (missing ones are reported
    by the parity check, not again here)."""
    for section in doc.sections:
        original = source.section(section.id)
        if original is not None:
            yield section, original


def check_links(source: Doc, doc: Doc) -> list[Problem]:
    """The same link targets and e-mail addresses in every section."""
    problems = []
    for section, original in paired_sections(source, doc):
        want = sorted({t for _, t in link_targets(original)})
        have = link_targets(section)
        have_set = {t for _, t in have}
        for target in want:
            if target not in have_set:
                problems.append(Problem(doc.name, section.line, f"section '{section.id}' lacks the link to {target} "
                                        f"(present in {source.name}:{original.line})"))
        for number, target in have:
            if target not in want:
                problems.append(Problem(doc.name, number, f"link to {target} differs from the source "
                                        f"(expected one of: {', '.join(want) or 'no links'}; found {target})"))
    return problems


def table_shapes(section: SectionText) -> list[tuple[int, int, int]]:
    """(line, rows, columns) of each table in the section."""
    shapes: list[tuple[int, int, int]] = []
    rows = 0
    start = 0
    columns = 0
    for number, line in section.body + ((0, ""),):
        if line.lstrip().startswith("|"):
            if rows == 0:
                start = number
                columns = len(re.findall(r"(?<!\\)\|", line.strip())) - 1
            if not TABLE_RULE.match(line.strip()):
                rows += 1
        elif rows:
            shapes.append((start, rows, columns))
            rows = 0
    return shapes


def check_tables(source: Doc, doc: Doc) -> list[Problem]:
    problems = []
    for section, original in paired_sections(source, doc):
        want = [(r, c) for _, r, c in table_shapes(original)]
        have = table_shapes(section)
        found = [(r, c) for _, r, c in have]
        if found != want:
            line = have[0][0] if have else section.line
            problems.append(Problem(doc.name, line, f"tables in section '{section.id}' differ in shape "
                                    f"(expected {want or 'none'} rows x columns, found {found or 'none'})"))
    return problems


def check_effective(source: Doc, doc: Doc) -> list[Problem]:
    want, have = source.front.get("effective"), doc.front.get("effective")
    if want != have and isinstance(have, dt.date):
        return [Problem(doc.name, front_line(doc, "effective"),
                        f"effective date differs from the source (expected {want}, found {have})")]
    return []


def check_freshness(source: Doc, doc: Doc, strict: bool = False) -> list[Problem]:
    problems = []
    for section_id, state in freshness(source, doc).items():
        section = doc.section(section_id)
        if state == "outdated" and section is not None:
            problems.append(Problem(doc.name, section.line, f"section '{section_id}' is outdated: its source "
                                    f"{source.name}:{source.section(section_id).line} changed since it was translated "  # type: ignore[union-attr]
                                    f"(run: notice check --update-freshness {doc.lang} after review)",
                                    "error" if strict else "warning"))
    return problems


# ---------------------------------------------------------------- catalogs


PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')


def check_po_syntax(path: Path) -> list[Problem]:
    """Babel's reader forgives an unterminated string; msgfmt and translators' tools do not."""
    text, bad_bytes = read_text(path)
    if bad_bytes is not None:
        return [Problem(str(path), *bad_bytes)]
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not PO_LINE.match(stripped):
            problems.append(Problem(str(path), number, f"malformed catalog line (expected keyword \"text\" "
                                    f"or a quoted continuation, found {stripped[:60]!r})"))
    return problems


def check_catalog(path: Path, lang: str, template_ids: list[tuple[str, str | None]]) -> list[Problem]:
    syntax = check_po_syntax(path)
    if syntax:
        return syntax
    try:
        with path.open("rb") as fh:
            po = read_po(fh, locale=lang, abort_invalid=True)
    except (PoFileError, ValueError) as err:
        line = re.search(r"line (\d+)", str(err))
        return [Problem(str(path), int(line.group(1)) if line else 1, f"malformed catalog ({err})")]
    problems: list[Problem] = []
    if lang.split("_")[0] == "en":
        return problems
    for msgid, context in template_ids:
        message = po.get(msgid, context)
        strings = message.string if message is not None and isinstance(message.string, tuple) else (
            (message.string,) if message is not None else ("",))
        if not all(strings):
            where = f" (context '{context}')" if context else ""
            problems.append(Problem(str(path), 1, f"language '{lang}' lacks a translation of '{msgid}'{where}"))
    return problems


def template_ids(locales: Path) -> list[tuple[str, str | None]]:
    """Every message of the template as (msgid, msgctxt); a plural message by its singular."""
    pot = locales / f"{catalog.DOMAIN}.pot"
    if not pot.exists():
        return []
    with pot.open("rb") as fh:
        return [(m.id[0] if isinstance(m.id, tuple) else str(m.id), m.context) for m in read_po(fh) if m.id]


# ---------------------------------------------------------------- everything


def languages_in(docs: Path) -> list[str]:
    return sorted(p.parent.name for p in docs.glob("*/index.md"))


def notices_in(docs: Path, source_lang: str) -> tuple[str, ...]:
    """The notices of the source language's folder, when mkdocs.yml is not at hand to list them."""
    return tuple(sorted(p.parent.name for p in (docs / source_lang).glob("*/index.md")
                        if not DATE_FOLDER.match(p.parent.name)))


def published_files(docs: Path, lang: str) -> list[Path]:
    """Every Markdown file the site publishes for ``lang``: its home page, then every notice with
    its archived snapshots, redline stubs and change log, and the status page."""
    folder = docs / lang
    return sorted(folder.rglob("*.md"), key=lambda p: (p != folder / "index.md", str(p)))


def is_notice(doc: Doc) -> bool:
    """A notice (current or archived) rather than a page the hooks fill (change log, status, redline)."""
    return doc.path.name == "index.md" and not doc.front.get("notice_page")


def check_file(doc: Doc, markup: MarkdownSettings) -> list[Problem]:
    """The checks of one published file on its own. A file that cannot be read (bad bytes, broken
    front matter or date) gets that one problem: what would follow is its consequence."""
    problems = check_front_matter(doc, notice=is_notice(doc))
    if doc.error:
        return problems
    problems += check_characters(doc)
    problems += check_front_values(doc)
    problems += check_markup(doc, markup)
    problems += check_unreadable(doc)
    problems += check_duplicate_ids(doc)
    problems += check_anchors(doc)
    if is_notice(doc):
        problems += check_notice_links(doc)
    return problems


@dataclass(frozen=True)
class LintSettings:
    """What the lint reads from mkdocs.yml: the Markdown the site renders with, and per language
    the reviewed block counts of sections its own original lays out differently."""

    markup: MarkdownSettings = field(default_factory=MarkdownSettings)
    reviewed_blocks: Mapping[str, Mapping[str, int]] = field(default_factory=dict)


def lint_settings(config: Mapping[str, Any]) -> LintSettings:
    """From a loaded mkdocs.yml (``lint.markup.read_config``) or the hook's config."""
    notice = (config.get("extra") or {}).get("notice") or {}
    reviewed = notice.get("reviewed_blocks") or {}
    counts = {str(lang): {str(k): v for k, v in sections.items() if isinstance(v, int)}
              for lang, sections in (reviewed.items() if isinstance(reviewed, dict) else ())
              if isinstance(sections, dict)}  # anything else reviews nothing: the blocks are compared
    return LintSettings(site_markdown(config), counts)


def check_all(docs: Path, locales: Path, source_lang: str, strict_freshness: bool = False,
              languages: list[str] | None = None, settings: LintSettings | None = None,
              notices: tuple[str, ...] | None = None) -> list[Problem]:
    """All checks over every published Markdown file, every notice (``notices``: their folders,
    by default those of the source language) of every language, and every language's catalog,
    with what mkdocs.yml says (``lint_settings``)."""
    langs = languages or languages_in(docs)
    slugs = notices if notices is not None else notices_in(docs, source_lang)
    settings = settings or LintSettings()
    problems: list[Problem] = []
    ids = template_ids(locales)
    for lang in langs:
        po = locales / lang / "LC_MESSAGES" / f"{catalog.DOMAIN}.po"
        if po.exists():
            found = check_catalog(po, lang, ids)
            if any(translation_in_progress(docs / lang / slug / "index.md") for slug in slugs):
                # a language being added may preview
                found = [p if "malformed" in p.message else Problem(p.file, p.line, p.message, "warning")
                         for p in found]
            problems.extend(found)
        else:
            problems.append(Problem(str(po), 1, f"language '{lang}' has no catalog (run: make locale-init LANG={lang})"))
    catalog_broken = {p.file for p in problems}
    for lang in langs:
        for path in published_files(docs, lang):
            problems.extend(check_file(load_doc(path, lang), settings.markup))
    for slug in slugs:
        problems.extend(check_notice(docs, locales, source_lang, slug, langs, settings, strict_freshness,
                                     catalog_broken))
    return problems


def check_notice(docs: Path, locales: Path, source_lang: str, slug: str, langs: list[str],
                 settings: LintSettings, strict_freshness: bool, catalog_broken: set[str]) -> list[Problem]:
    """One notice in every language against its source-language text."""
    problems: list[Problem] = []
    source = load_doc(docs / source_lang / slug / "index.md", source_lang)
    for lang in langs:
        doc = source if lang == source_lang else load_doc(docs / lang / slug / "index.md", lang)
        if not doc.path.exists():
            problems.append(Problem(doc.name, 1, f"language '{lang}' has no notice '{slug}' (expected {doc.name})"))
            continue
        po = locales / lang / "LC_MESSAGES" / f"{catalog.DOMAIN}.po"
        if str(po) not in catalog_broken and not doc.error:
            problems.extend(check_vague_links(doc, vague_phrases(locales, lang)))
        if lang == source_lang or doc.error or source.error:
            continue  # a notice that cannot be read is not compared: every difference would be false
        reviewed = settings.reviewed_blocks.get(f"{lang}/{slug}") or settings.reviewed_blocks.get(lang)
        problems.extend(check_section_parity(source, doc))
        problems.extend(check_blocks(source, doc, reviewed))
        problems.extend(check_links(source, doc))
        problems.extend(check_tables(source, doc))
        problems.extend(check_effective(source, doc))
        problems.extend(check_freshness(source, doc, strict_freshness))
    return problems


def vague_phrases(locales: Path, lang: str) -> tuple[str, ...]:
    try:
        return catalog.phrases(locales, lang, VAGUE_LINKS)
    except Exception:  # noqa: BLE001 - a missing translation is reported by check_catalog
        return ()
