"""The ``notice`` command: argv in, library calls out. No behaviour lives here."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import logging
import sys
from pathlib import Path

from notice import markdown
from notice.catalog import count
from notice.document import Problem, complete_languages
from notice.errors import NoticeError
from notice.extraction.conservation import Report
from notice.extraction.extract import extract
from notice.extraction.pdf import page_count
from notice.files import write_atomically
from notice.progress import Progress

log = logging.getLogger("notice")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="notice", description="Publish legal notices from PDF to a multilingual site.")
    parser.add_argument("--locales", type=Path, default=Path("locales"), help="gettext catalogs folder (default: locales)")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors")
    sub = parser.add_subparsers(dest="command", required=True)

    ext = sub.add_parser("extract", help="PDF to structured Markdown (one file, several, or a folder)")
    ext.add_argument("sources", nargs="+", type=Path, metavar="SOURCE", help="PDF files or folders of PDFs")
    ext.add_argument("--lang", required=True, help="language of the PDFs (Babel code, e.g. sv)")
    out = ext.add_mutually_exclusive_group()
    out.add_argument("--out", type=Path, help="output Markdown file for one PDF (default: standard output)")
    out.add_argument("--out-dir", type=Path, help="folder for one Markdown file per PDF (several PDFs)")
    ext.add_argument("--ids-from", type=Path, help="source-language Markdown whose section ids to reuse by position")
    ext.add_argument("--password", default="", help="user password of an encrypted PDF")
    ext.add_argument("--allow-loss", action="store_true",
                     help="write the Markdown even when words of the PDF are not accounted for (they are listed)")
    ext.add_argument("--allow-damaged", action="store_true",
                     help="write the Markdown even when the PDF reader had to repair the file or could not "
                          "decompress part of it (the damaged pages are listed)")
    ext.add_argument("--report", type=Path, help="write the conservation report of the run as JSON")
    ext.add_argument("--vocabulary", type=Path, action="append", metavar="PATH",
                     help="Markdown or text (files or folders) in the PDFs' language, to read glyphs the PDF maps "
                          "to no character, such as ligatures (repeatable; default: docs/LANG when it exists)")

    chk = sub.add_parser("check", help="lint every language's notice and catalog (run from the repository root)")
    chk.add_argument("--strict-freshness", action="store_true", help="outdated translated sections are errors")
    chk.add_argument("--update-freshness", metavar="LANG",
                     help="mark LANG's sections as reviewed against the current source (all, or --section)")
    chk.add_argument("--section", action="append", dest="sections", metavar="ID", help="with --update-freshness")
    chk.add_argument("--notice", dest="slug", metavar="SLUG",
                     help="with --update-freshness: only this notice (default: every notice)")

    new = sub.add_parser("new-language", help="add a language: untranslated copy, catalog, mkdocs.yml entry")
    new.add_argument("lang", help="Babel language code, e.g. de")

    init = sub.add_parser("init", help="start the site of an organisation from its notice PDFs (replaces the example)")
    init.add_argument("--org", required=True, help="the organisation's name, as the site shows it")
    init.add_argument("--site-url", required=True, help="the site's public address, e.g. https://notices.example.org/")
    init.add_argument("--source", required=True, metavar="LANG=PDF", help="the notice in its source language")
    init.add_argument("--translation", action="append", default=[], metavar="LANG=PDF",
                      help="the same notice in another language, from its own PDF (repeatable)")
    init.add_argument("--language", action="append", default=[], metavar="LANG",
                      help="a language still to be translated: published labelled, in the source language (repeatable)")
    init.add_argument("--effective", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                      help="the date the notice took effect, when the PDF does not print it")
    init.add_argument("--replace", action="store_true", help="replace the site this checkout holds (the example)")
    init.add_argument("--slug", help="the notice's folder and URL segment (default: from the source PDF's file name)")

    sub.add_parser("reextract", help="extract every language again from the PDF under sources/ its notice names")

    rel = sub.add_parser("release", help="snapshot the current notice of every language as a published version")
    rel.add_argument("--version", dest="label", help="label of a new version, e.g. 2.0 (needed when 'effective' is new)")
    rel.add_argument("--summary", action="append", default=[], metavar="LANG=TEXT",
                     help="change-log summary of a new version in one language (repeat per language)")
    rel.add_argument("--correct", metavar="WHY",
                     help="correct a released version on purpose (the newest, or the one named by --version): "
                          "its files are made anew and WHY is recorded in the notice's versions file")
    rel.add_argument("--notice", dest="slug", metavar="SLUG",
                     help="release only this notice (default: every notice whose text changed)")
    rel.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml (default: mkdocs.yml)")

    add = sub.add_parser("add", help="add one more notice to this site from its PDFs (released as version 1.0)")
    add.add_argument("slug", metavar="SLUG", help="the notice's folder and URL segment, e.g. cookies")
    add.add_argument("--source", required=True, metavar="LANG=PDF", help="the notice in the site's source language")
    add.add_argument("--translation", action="append", default=[], metavar="LANG=PDF",
                     help="the same notice in another language of the site, from its own PDF (repeatable); "
                          "the site's other languages get it untranslated, labelled")
    add.add_argument("--effective", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                     help="the date the notice took effect, when the PDF does not print it")
    return parser


def pdfs_in(sources: list[Path]) -> list[Path]:
    found: list[Path] = []
    for source in sources:
        found.extend(sorted(source.glob("*.pdf")) if source.is_dir() else [source])
    if not found:
        raise NoticeError(f"{', '.join(map(str, sources))}: no PDF files found")
    return found


def extract_one(source: Path, args: argparse.Namespace, target: Path | None, progress: Progress | None) -> Report:
    result = extract(source, args.lang, args.locales, ids_from=args.ids_from, password=args.password,
                     on_page=progress.page_done if progress else None, vocabulary=args.vocabulary,
                     allow_damaged=args.allow_damaged)
    report = result.report
    if result.letters:
        log.info("%s: %d unmapped glyph(s) read from the words around them: %s", source, len(result.letters),
                 ", ".join(sorted(set(result.letters.values()))))
    for unread in result.unreadable:
        log.warning("%s page %d: %r holds a glyph the PDF maps to no character; write it out in the Markdown "
                    "(notice check refuses it)", source, unread.page, unread.word)
    if report.lost:
        pages = sorted({page for _, page in report.lost})
        words = ", ".join(repr(word) for word, _ in report.lost[:5])
        message = (f"{source} page {pages[0]}: {len(report.lost)} words not accounted for "
                   f"(pages {', '.join(map(str, pages))}; first: {words})")
        if not args.allow_loss:
            raise NoticeError(message + "; nothing written (use --allow-loss to write anyway)")
        for word, page in report.lost:
            log.warning("%s page %d: word not accounted for: %r", source, page, word)
    if report.invented or report.garbled:
        message = (f"{source}: the Markdown holds words that are on no page ({', '.join(report.invented[:5]) or 'none'})"
                   f" or hold an unreadable glyph ({', '.join(report.garbled[:5]) or 'none'})")
        if not args.allow_loss:
            raise NoticeError(message + "; nothing written (use --allow-loss to write anyway)")
        log.warning("%s", message)
    text = markdown.to_markdown(result.notice)
    if target is None:
        sys.stdout.write(text)
    else:
        write_atomically(target, text)
    return report


def cmd_extract(args: argparse.Namespace) -> int:
    sources = pdfs_in(args.sources)
    default_vocabulary = Path("docs") / args.lang
    args.vocabulary = args.vocabulary or ([default_vocabulary] if default_vocabulary.is_dir() else [])
    if len(sources) > 1 and args.out_dir is None:
        raise NoticeError(f"{len(sources)} PDFs given: name a folder for them with --out-dir")
    if args.out_dir is not None and not args.out_dir.is_dir():
        raise NoticeError(f"{args.out_dir}: the output folder does not exist")
    progress = Progress(sum(page_count(s, args.password) for s in sources), len(sources)) if len(sources) > 1 else None
    reports = []
    failed = 0
    for source in sources:
        target = args.out_dir / f"{source.stem}.md" if args.out_dir is not None else args.out
        try:
            report = extract_one(source, args, target, progress)
        except NoticeError as err:
            if progress is None:
                raise
            failed += 1
            progress.file_done(source.name, f"error: {err}")
            continue
        reports.append(report)
        log.info("%s", report.summary())
        if progress is not None:
            progress.file_done(source.name, f"{len(report.lost)} words lost")
    if args.report is not None:
        write_atomically(args.report, json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2) + "\n")
    if progress is not None:
        log.info("%d of %d PDFs extracted, %d failed", len(reports), len(sources), failed)
    return 1 if failed else 0


def cmd_release(args: argparse.Namespace) -> int:
    summaries = dict(item.split("=", 1) for item in args.summary if "=" in item)
    if len(summaries) != len(args.summary):
        raise NoticeError("--summary takes LANG=TEXT, for example --summary en='Adds a section on cookies.'")
    from notice.versions import release

    configs = release.read_configs(args.config, args.slug)
    if len(configs) > 1 and args.correct is not None:
        raise NoticeError(f"--correct: name the notice to correct with --notice "
                          f"({', '.join(c.layout.slug for c in configs)})")
    languages = configs[0].layout.languages
    check = functools.partial(lint, args.config, args.locales, languages[0], list(languages), versions=False)
    written: list[str] = []
    released: list[str] = []
    try:
        for config in configs:
            # a label and summaries name a new version: of the notices that have one (all, or the one named)
            new = len(configs) == 1 or release.has_new_version(config)
            written += release.release(config, args.label if new else None, summaries if new else None,
                                       args.correct, quiet=args.quiet, check=check)
            released.append(config.layout.slug)
    except KeyboardInterrupt:  # each notice's release is all or nothing: the one cut short wrote nothing
        before = f" of the notice it was releasing (released before it: {', '.join(released)})" if released else ""
        print(f"notice: release interrupted: nothing was written{before}", file=sys.stderr)
        return 130
    for line in written:
        log.info("%s", line)
    return 0


def source_language(root: Path) -> str:
    from notice.project import settings

    return settings(root).source_language


def lint(mkdocs_yml: Path, locales: Path, source_lang: str, languages: list[str],
         strict_freshness: bool = False, versions: bool = True) -> list[Problem]:
    """``notice check``: every published Markdown file, every catalog and (``versions``)
    every notice's versions file; a release checks that file itself (before the first one it may be empty)."""
    from notice.lint import checks
    from notice.lint.markup import read_config
    from notice.project import notices_of
    from notice.versions import moved
    from notice.versions.archive import read_site_config
    from notice.versions.versions import check_versions

    config = read_config(mkdocs_yml)
    root = mkdocs_yml.parent
    notice = (config.get("extra") or {}).get("notice") or {}
    docs = root / str(config.get("docs_dir") or "docs")
    locales = root / str(notice["locales"]) if notice.get("locales") and locales == Path("locales") else locales
    entries = notices_of(config, str(mkdocs_yml))
    problems = checks.check_all(docs, locales, source_lang, strict_freshness, languages, checks.lint_settings(config),
                                tuple(e.slug for e in entries))
    if versions:
        for entry in entries:
            problems += check_versions(root / entry.versions, complete_languages(docs, languages, entry.slug))
        problems += moved.check_moves(read_site_config(mkdocs_yml))
    return problems


def cmd_check(args: argparse.Namespace) -> int:
    from notice.project import settings
    from notice.site import languages

    project = settings(Path("."))
    if args.update_freshness:
        slugs = [n.slug for n in project.notices if args.slug in (None, n.slug)]
        if not slugs:
            raise NoticeError(f"--notice {args.slug}: no such notice (expected one of: "
                              f"{', '.join(n.slug for n in project.notices)})")
        if args.sections and len(slugs) > 1:
            raise NoticeError(f"--section: name its notice with --notice ({', '.join(slugs)})")
        for slug in slugs:
            done = languages.update_freshness(Path("docs"), project.source_language, args.update_freshness, slug,
                                              args.sections)
            log.info("%s/%s: %s against %s", args.update_freshness, slug,
                     count(len(done), "%(num)d section marked current", "%(num)d sections marked current"),
                     project.source_language)
        return 0
    problems = lint(Path("mkdocs.yml"), args.locales, project.source_language, project.languages,
                    args.strict_freshness)
    problems += check_released_files(Path("mkdocs.yml"))
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    log.info("notice check: %s, %s", count(errors, "%(num)d error", "%(num)d errors"),
             count(len(problems) - errors, "%(num)d warning", "%(num)d warnings"))
    return 1 if errors else 0


def check_released_files(mkdocs_yml: Path) -> list[Problem]:
    """Every released file (text, JSON, PDF) against the SHA-256 its notice's versions file records for it."""
    from notice.versions import archive

    return [problem for notice in archive.read_site_config(mkdocs_yml) if notice.versions_file.exists()
            for problem in archive.check_recorded_files(notice.layout, notice.versions_file)]


def cmd_new_language(args: argparse.Namespace) -> int:
    from notice.site import languages

    written = languages.new_language(Path("."), args.lang, source_language(Path(".")))
    for path in written:
        log.info("wrote %s", path)
    if written:  # its copy of each current version is published with it: its JSON and PDF, recorded
        from notice.versions import release

        for config in release.read_configs(Path("mkdocs.yml")):
            for line in release.release(config, quiet=args.quiet):
                log.info("%s", line)
    log.info("next: translate docs/%s/*/index.md section by section, fill locales/%s/LC_MESSAGES/messages.po, "
             "then run: notice check --update-freshness %s", args.lang, args.lang, args.lang)
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from notice import adopt

    plan = adopt.Plan(
        organisation=args.org,
        site_url=args.site_url if args.site_url.endswith("/") else args.site_url + "/",
        source=adopt.parse_pdf_option(args.source),
        translations=tuple(adopt.parse_pdf_option(value) for value in args.translation),
        untranslated=tuple(args.language),
        effective=args.effective,
        replace=args.replace,
        slug=args.slug or "",
    )
    for line in adopt.adopt(Path("."), plan):
        log.info("%s", line)
    log.info("next: make site (builds it), then review docs/*/*/index.md and versions/ in a pull request")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from notice import adopt

    added = adopt.Addition(
        slug=args.slug,
        source=adopt.parse_pdf_option(args.source),
        translations=tuple(adopt.parse_pdf_option(value) for value in args.translation),
        effective=args.effective,
    )
    for line in adopt.add_notice(Path("."), added):
        log.info("%s", line)
    log.info("next: make site (builds it), then review docs/*/%s/index.md and versions/%s.yml in a pull request",
             args.slug, args.slug)
    return 0


def cmd_reextract(args: argparse.Namespace) -> int:
    from notice import adopt

    for line in adopt.reextract(Path(".")):
        log.info("%s", line)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.ERROR if args.quiet else logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        commands = {"extract": cmd_extract, "release": cmd_release, "check": cmd_check, "new-language": cmd_new_language,
                    "init": cmd_init, "add": cmd_add, "reextract": cmd_reextract}
        return commands[args.command](args)
    except NoticeError as err:
        print(f"notice: error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
