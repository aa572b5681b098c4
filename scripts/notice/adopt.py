"""Adopt the project for an organisation: its notice PDFs in, a site that builds out (``notice init``).

Input: a checkout of this project (its example site included), the organisation's name, the site's
address, the source-language PDF, the PDFs of languages that have their own, and the languages still
to be translated. Output, in place: ``sources/`` (the PDFs), ``docs/<lang>/<slug>/`` (the notice
extracted; a language without a PDF is an untranslated copy of the source, labelled on the site),
each language's home and status pages, the catalogs a language lacks, ``mkdocs.yml`` (name,
address, languages, source language, the notice) and ``versions/<slug>.yml`` with the first version
released. ``notice add`` adds one more notice to such a site the same way (``add_notice``). Every PDF
is extracted before anything is written, so a PDF that fails leaves the checkout as it was.

Orchestration on top of the parts (extraction, versions, site), as ``cli`` is.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from notice import catalog, markdown, project
from notice.document import load_doc
from notice.errors import NoticeError
from notice.extraction.extract import Extraction, extract
from notice.files import write_atomically
from notice.lint.checks import check_front_values
from notice.lint.markup import check_characters, check_markup, read_config, site_markdown
from notice.site import languages
from notice.slugs import slugify
from notice.versions import release

#: msgid of the change-log summary of the first version; each language's catalog words it.
FIRST_VERSION = catalog.N_("First published version.")
FIRST_LABEL = "1.0"
#: What the example site holds that an adoption replaces (the rest — overrides, locales — is the tool's).
REPLACED = ("docs", "sources", "versions", "versions.yml")
#: Where a notice's versions file goes, relative to mkdocs.yml.
VERSIONS_FILE = "versions/{slug}.yml"
VERSIONS_HEADER = (
    "# Every published version of each notice, newest first. Legal writes one summary per language.\n"
    "# `notice release --version LABEL` adds an entry when a notice's `effective` date is new.\n"
)
#: Pages of a language (its home lists the notices) and of a notice; the hooks fill them.
LANGUAGE_STUBS = {"index.md": "home", "status.md": "translation-status"}
NOTICE_STUBS = {"changelog.md": "changelog"}


@dataclass(frozen=True)
class Plan:
    """What ``notice init`` was asked for, validated before anything is read or written."""

    organisation: str
    site_url: str
    source: tuple[str, Path]  # (language, PDF)
    translations: tuple[tuple[str, Path], ...] = ()  # languages with a PDF of their own
    untranslated: tuple[str, ...] = ()  # languages to be translated from the source
    effective: dt.date | None = None  # when the PDFs do not print the date they took effect
    replace: bool = False
    slug: str = ""  # the notice's folder; '' for the rule of ``default_slug``

    @property
    def languages(self) -> tuple[str, ...]:
        return (self.source[0], *(lang for lang, _ in self.translations), *self.untranslated)

    @property
    def notice_slug(self) -> str:
        return self.slug or default_slug(self.source[1])


@dataclass(frozen=True)
class Addition:
    """What ``notice add`` was asked for: one more notice of an existing site."""

    slug: str
    source: tuple[str, Path]  # (the site's source language, PDF)
    translations: tuple[tuple[str, Path], ...] = ()
    effective: dt.date | None = None


def default_slug(pdf: Path) -> str:
    """A notice's folder when none is given: its PDF's file name in URL-safe words
    (``Datenschutzerklärung.pdf`` → ``datenschutzerklarung``), which its authors know it by; a name a
    language's root keeps for itself, or a date, gets ``-notice``."""
    slug = slugify(pdf.stem)
    if slug in project.RESERVED_SLUGS or project.DATE_NAME.match(slug):
        slug += "-notice"
    return slug


def parse_pdf_option(value: str) -> tuple[str, Path]:
    """``de=path/to/file.pdf`` as (language, path)."""
    lang, sep, path = value.partition("=")
    if not sep or not lang or not path:
        raise NoticeError(f"'{value}': expected LANG=PDF, for example de=datenschutz.pdf")
    return lang.strip(), Path(path.strip())


def validate(plan: Plan, root: Path) -> None:
    seen: set[str] = set()
    for lang in plan.languages:
        languages.display_name(lang)  # raises for a code Babel does not know
        if lang in seen:
            raise NoticeError(f"language {lang} is given twice")
        seen.add(lang)
    for lang, pdf in (plan.source, *plan.translations):
        if not pdf.is_file():
            raise NoticeError(f"{pdf}: no such PDF (given for {lang})")
    project.parse_notices([{"slug": plan.notice_slug, "versions": VERSIONS_FILE.format(slug=plan.notice_slug)}],
                          "--slug")
    if not plan.organisation.strip():
        raise NoticeError("--org: the organisation's name is empty")
    if not re.match(r"^https?://[^/\s]+(/\S*)?$", plan.site_url):
        raise NoticeError(f"--site-url '{plan.site_url}': expected the public address, e.g. https://notices.example.org/")
    existing = sorted(p for p in (root / "docs").glob("*/*/index.md")) if (root / "docs").is_dir() else []
    if existing and not plan.replace:
        title = load_doc(existing[0], existing[0].parent.name).front.get("title", "")
        raise NoticeError(f"{existing[0]}: this checkout already holds a site ('{title}'); pass --replace to start "
                          f"over (it deletes {', '.join(REPLACED)} and writes them anew)")


def extract_all(source_pdf: tuple[str, Path], translations: tuple[tuple[str, Path], ...],
                effective: dt.date | None, root: Path, scratch: Path) -> dict[str, Extraction]:
    """Every PDF extracted, the source first (its ids name every translation's sections)."""
    locales = root / "locales"
    source_lang, pdf = source_pdf
    source = whole(dated(extract(pdf, source_lang, locales), effective, pdf), pdf, "nothing written")
    source_md = scratch / f"{source_lang}.md"
    source_md.write_text(markdown.to_markdown(source.notice), encoding="utf-8")
    extracted = {source_lang: source}
    for lang, path in translations:
        result = dated(extract(path, lang, locales, ids_from=source_md), effective, path)
        extracted[lang] = whole(result, path, "nothing written")
    return extracted


def whole(result: Extraction, pdf: Path, consequence: str) -> Extraction:
    """``result``, unless words of the PDF are not accounted for: then what happens instead is said."""
    if result.report.lost:
        word, page = result.report.lost[0]
        raise NoticeError(f"{pdf} page {page}: {len(result.report.lost)} words not accounted for "
                          f"(first: {word!r}); {consequence}")
    return result


def dated(result: Extraction, effective: dt.date | None, pdf: Path) -> Extraction:
    """The extraction with the date the notice took effect: the one given, else the one the PDF prints."""
    if effective is not None:
        return replace(result, notice=replace(result.notice, effective=effective))
    if result.notice.effective is None:
        raise NoticeError(f"{pdf}: no effective date found in the PDF; give it with --effective YYYY-MM-DD")
    return result


def unsafe(texts: dict[str, str], root: Path, scratch: Path, slug: str) -> list[str]:
    """What the lint would refuse to publish in the extracted notices (markup, characters, front matter
    values: a PDF's text is as untrusted as a pull request), checked before anything is written."""
    markup = site_markdown(read_config(root / "mkdocs.yml"))
    found = []
    for lang, text in texts.items():
        path = scratch / lang / "index.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        doc = load_doc(path, lang)
        problems = check_characters(doc) + check_front_values(doc) + check_markup(doc, markup)
        found += [str(p).replace(str(path), f"docs/{lang}/{slug}/index.md") for p in problems if p.severity == "error"]
    return found


def i18n_block(plan: Plan, titles: dict[str, str], indent: str) -> list[str]:
    """The i18n plugin's ``languages`` entries, the source language first and default."""
    lines = []
    for lang in plan.languages:
        lines += [f"{indent}- locale: {lang}", f"{indent}  name: {languages.display_name(lang)}"]
        if lang == plan.source[0]:
            lines.append(f"{indent}  default: true")
        lines.append(f"{indent}  build: true")
        if lang != plan.source[0]:
            lines.append(f"{indent}  site_name: {yaml_scalar(plan.organisation)}")
            # a language still to be translated has no title of its own: the organisation describes it
            lines.append(f"{indent}  site_description: {yaml_scalar(titles.get(lang, plan.organisation))}")
    return lines


def yaml_scalar(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, width=10_000, default_style='"').strip()


def set_key(lines: list[str], key_path: tuple[str, ...], value: str, config: Path) -> None:
    """Set the scalar at ``key_path`` (top-level key, then nested ones) in place, comments kept."""
    depth, start, end = 0, 0, len(lines)
    for n, key in enumerate(key_path):
        pattern = re.compile(rf"^(\s*){re.escape(key)}:(\s*)(.*?)(\s+#.*)?$")
        for i in range(start, end):
            match = pattern.match(lines[i])
            if match and len(match.group(1)) >= depth:
                if n == len(key_path) - 1:
                    comment = match.group(4) or ""
                    lines[i] = f"{match.group(1)}{key}: {value}{comment}"
                    return
                depth = len(match.group(1)) + 1
                start = i + 1
                end = next((j for j in range(start, len(lines))
                            if lines[j].strip() and len(lines[j]) - len(lines[j].lstrip()) < depth), len(lines))
                break
        else:
            raise NoticeError(f"{config}: no '{': '.join(key_path[: n + 1])}' to set")
    raise NoticeError(f"{config}: no '{'.'.join(key_path)}' to set")


def configure(config: Path, plan: Plan, titles: dict[str, str]) -> str:
    """``mkdocs.yml`` for the organisation: every line the example does not own kept as it is."""
    lines = config.read_text(encoding="utf-8").splitlines()
    source_lang = plan.source[0]
    set_key(lines, ("site_name",), yaml_scalar(plan.organisation), config)
    set_key(lines, ("site_url",), plan.site_url, config)
    set_key(lines, ("site_description",), yaml_scalar(titles[source_lang]), config)
    set_key(lines, ("theme", "language"), source_lang, config)
    set_key(lines, ("extra", "notice", "source_language"), source_lang, config)
    first, end, indent = languages.language_list(lines, config)
    lines[first:end] = i18n_block(plan, titles, " " * indent)
    first, end, indent = notice_list(lines, config)
    lines[first:end] = notice_entry(plan.notice_slug, " " * indent)
    text = "\n".join(lines) + "\n"
    check_configured(text, plan, config)
    return text


def notice_list(lines: list[str], config: Path) -> tuple[int, int, int]:
    """Where the entries of ``extra.notice.notices`` stand in mkdocs.yml's ``lines``: the first
    entry's line, the line after the last entry, and the entries' indent."""
    head = next((n for n, line in enumerate(lines) if re.match(r"^\s+notices:\s*(#.*)?$", line)), None)
    if head is None:
        raise NoticeError(f"{config}: no 'notices:' list under extra.notice (expected "
                          f"'notices:' with entries such as '- slug: privacy')")
    depth = len(lines[head]) - len(lines[head].lstrip())
    end = head + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > depth
                                or lines[end].lstrip().startswith("- ")):
        end += 1
    while end > head + 1 and not lines[end - 1].strip():
        end -= 1
    first = next((n for n in range(head + 1, end) if lines[n].lstrip().startswith("- ")), head + 1)
    indent = len(lines[first]) - len(lines[first].lstrip()) if first < end else depth + 2
    return first, end, indent


def notice_entry(slug: str, indent: str) -> list[str]:
    return [f"{indent}- slug: {slug}", f"{indent}  versions: {VERSIONS_FILE.format(slug=slug)}"]


def check_configured(text: str, plan: Plan, config: Path) -> None:
    """Read the written configuration back: a layout the line edits did not expect fails here, not in mkdocs."""
    data = project.parse_config(text)
    i18n: dict[str, Any] = next((p["i18n"] for p in data.get("plugins") or [] if isinstance(p, dict) and "i18n" in p), {})
    found = [str(lang.get("locale")) for lang in i18n.get("languages") or []]
    wanted = {"site_name": plan.organisation, "site_url": plan.site_url,
              "languages": list(plan.languages), "source_language": plan.source[0],
              "notices": [(plan.notice_slug, Path(VERSIONS_FILE.format(slug=plan.notice_slug)))]}
    got = {"site_name": data.get("site_name"), "site_url": data.get("site_url"), "languages": found,
           "source_language": ((data.get("extra") or {}).get("notice") or {}).get("source_language"),
           "notices": [(e.slug, e.versions) for e in project.notices_of(data, str(config))]}
    if got != wanted:
        raise NoticeError(f"{config}: could not configure it (expected {wanted}, found {got}); edit it by hand")


def summaries(root: Path, langs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """The first version's summary in every language whose catalog words it (the build asks the others)."""
    worded = {}
    for lang in langs:
        try:
            worded[lang] = catalog.phrase(root / "locales", lang, FIRST_VERSION)
        except NoticeError:
            continue
    return worded


def adopt(root: Path, plan: Plan) -> list[str]:
    """Turn the checkout at ``root`` into the site of ``plan``; returns one line per thing done."""
    validate(plan, root)
    slug = plan.notice_slug
    with tempfile.TemporaryDirectory(prefix="notice-init-") as scratch:
        extracted = extract_all(plan.source, plan.translations, plan.effective, root, Path(scratch))  # before writing
        texts = {lang: markdown.to_markdown(result.notice) for lang, result in extracted.items()}
        source_lang = plan.source[0]
        source = load_doc(Path(scratch) / f"{source_lang}.md", source_lang)  # written by extract_all
        for lang in plan.untranslated:
            texts[lang] = languages.untranslated_copy(source, lang)
        refused = unsafe(texts, root, Path(scratch), slug)
        if refused:
            raise NoticeError("\n".join(refused) + f"\nnotice init: {len(refused)} errors; nothing written")
    titles = {lang: str(result.notice.title) for lang, result in extracted.items()}
    config_text = configure(root / "mkdocs.yml", plan, titles)
    done = []
    for name in REPLACED:
        path = root / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    (root / "sources").mkdir()
    for lang, pdf in (plan.source, *plan.translations):
        shutil.copyfile(pdf, root / "sources" / pdf.name)
        done.append(f"sources/{pdf.name}: the {lang} source")
    for lang in plan.languages:
        done += write_notice(root, lang, slug, texts[lang], lang in plan.untranslated)
        folder = root / "docs" / lang
        for page, role in LANGUAGE_STUBS.items():
            write_atomically(folder / page, f"---\nnotice_page: {role}\n---\n")
        po = root / "locales" / lang / "LC_MESSAGES" / f"{catalog.DOMAIN}.po"
        if not po.exists():
            languages.init_catalog(root / "locales", lang)
            done.append(f"{po.relative_to(root)}: started; translate its interface strings")
    write_atomically(root / "mkdocs.yml", config_text)
    done.append(f"mkdocs.yml: {plan.organisation}, {plan.site_url}, languages {', '.join(plan.languages)}, "
                f"notice {slug}")
    return done + release_first(root, slug, summaries(root, plan.languages))


def write_notice(root: Path, lang: str, slug: str, text: str, untranslated: bool) -> list[str]:
    """docs/<lang>/<slug>/: the notice and its change-log page."""
    folder = root / "docs" / lang / slug
    folder.mkdir(parents=True)
    write_atomically(folder / "index.md", text)
    for page, role in NOTICE_STUBS.items():
        write_atomically(folder / page, f"---\nnotice_page: {role}\n---\n")
    state = "untranslated copy of the source" if untranslated else "extracted"
    return [f"docs/{lang}/{slug}/index.md: {state}"]


def release_first(root: Path, slug: str, worded: dict[str, str]) -> list[str]:
    """An empty versions file for the notice, then its version 1.0 released."""
    versions = root / VERSIONS_FILE.format(slug=slug)
    versions.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(versions, VERSIONS_HEADER + "versions: []\n")
    config = release.read_configs(root / "mkdocs.yml", slug)[0]
    return release.release(config, FIRST_LABEL, worded)


def add_notice(root: Path, added: Addition) -> list[str]:
    """One more notice in the site at ``root``: extracted from its PDFs (the site's other languages
    get an untranslated copy), configured after the others, and released as version 1.0."""
    settings = project.settings(root)
    source_lang = added.source[0]
    if source_lang != settings.source_language:
        raise NoticeError(f"--source {source_lang}: a notice is written in the site's source language "
                          f"(expected {settings.source_language}=PDF, found {source_lang})")
    for lang, pdf in (added.source, *added.translations):
        if lang not in settings.languages:
            raise NoticeError(f"{lang}: not a language of this site ({', '.join(settings.languages)}); "
                              f"add it first with: notice new-language {lang}")
        if not pdf.is_file():
            raise NoticeError(f"{pdf}: no such PDF (given for {lang})")
    entries = [{"slug": e.slug, "versions": e.versions.as_posix()} for e in settings.notices]
    project.parse_notices(entries + [{"slug": added.slug, "versions": VERSIONS_FILE.format(slug=added.slug)}],
                          f"notice add {added.slug}")
    taken = [root / "docs" / lang / added.slug for lang in settings.languages if (root / "docs" / lang / added.slug).exists()]
    if taken:
        raise NoticeError(f"{taken[0]}: already exists (expected a new folder for notice '{added.slug}')")
    for _, pdf in (added.source, *added.translations):
        there = root / "sources" / pdf.name
        if there.exists() and there.read_bytes() != pdf.read_bytes():
            raise NoticeError(f"{there}: another PDF of that name is already a source (rename {pdf})")
    with tempfile.TemporaryDirectory(prefix="notice-add-") as scratch:
        extracted = extract_all(added.source, added.translations, added.effective, root, Path(scratch))
        texts = {lang: markdown.to_markdown(result.notice) for lang, result in extracted.items()}
        source = load_doc(Path(scratch) / f"{source_lang}.md", source_lang)
        untranslated = [lang for lang in settings.languages if lang not in texts]
        for lang in untranslated:
            texts[lang] = languages.untranslated_copy(source, lang)
        refused = unsafe(texts, root, Path(scratch), added.slug)
        if refused:
            raise NoticeError("\n".join(refused) + f"\nnotice add: {len(refused)} errors; nothing written")
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    _, end, indent = notice_list(lines, config)
    lines[end:end] = notice_entry(added.slug, " " * indent)
    done = []
    (root / "sources").mkdir(exist_ok=True)
    for lang, pdf in (added.source, *added.translations):
        shutil.copyfile(pdf, root / "sources" / pdf.name)
        done.append(f"sources/{pdf.name}: the {lang} source of {added.slug}")
    for lang in settings.languages:
        done += write_notice(root, lang, added.slug, texts[lang], lang in untranslated)
    write_atomically(config, "\n".join(lines) + "\n")
    done.append(f"mkdocs.yml: notice {added.slug} added after {', '.join(e.slug for e in settings.notices)}")
    return done + release_first(root, added.slug, summaries(root, tuple(settings.languages)))


def reextract(root: Path) -> list[str]:
    """Extract every notice of every language again from the PDF it names (``source:``, under
    ``sources/``): the source language first, each translation with the source's ids. A language
    without a PDF of its own (translated by hand: its ``source`` is the source language's PDF) is
    left alone."""
    settings = project.settings(root)
    done: list[str] = []
    for notice in settings.notices:
        done += reextract_notice(root, settings, notice.slug)
    return done


def reextract_notice(root: Path, settings: project.Settings, slug: str) -> list[str]:
    docs, done = root / "docs", []
    order = [settings.source_language] + [lang for lang in settings.languages if lang != settings.source_language]
    source_pdf = None
    for lang in order:
        path = docs / lang / slug / "index.md"
        name = load_doc(path, lang).front.get("source") if path.exists() else None
        pdf = root / "sources" / str(name)
        if lang == settings.source_language:
            source_pdf = name
        elif name == source_pdf:
            done.append(f"{path}: translated by hand from {name}; left as it is")
            continue
        if not name or not pdf.is_file():
            done.append(f"{path}: no PDF under sources/ ({name or 'no source'}); left as it is")
            continue
        ids_from = docs / settings.source_language / slug / "index.md" if lang != settings.source_language else None
        result = extract(pdf, lang, root / "locales", ids_from=ids_from, vocabulary=[docs / lang])
        current = load_doc(path, lang).front.get("effective")
        if result.notice.effective is None and isinstance(current, dt.date):  # given at init: the PDF has none
            result = replace(result, notice=replace(result.notice, effective=current))
        result = whole(result, pdf, f"{path} left as it is")
        write_atomically(path, markdown.to_markdown(result.notice))
        done.append(f"{path}: extracted from {pdf.relative_to(root)}")
    return done
