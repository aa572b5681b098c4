"""Release: the current notice in every language in; its snapshot, the redline stubs and the
``versions.yml`` entry out. Behind ``notice release`` (``make release VERSION=2.0``).

Legal edits ``docs/<lang>/index.md``. When its ``effective`` date is new, the release adds the
version to ``versions.yml`` (newest first, comments kept) and snapshots every language into
``docs/<lang>/<date>/index.md``; the version before it keeps its snapshot and gains a redline page.
When the date is that of the newest version, the release re-snapshots it (a correction). Snapshots
of older versions are never written: the archive is what was published.

Nothing here reads git, so a fresh or shallow clone releases the same way.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from notice.document import Problem
from notice.errors import NoticeError
from notice.files import write_atomically
from notice.reader import MarkdownError, front_matter_line, read_notice
from notice.versions.archive import COMPARE_PAGE, Layout
from notice.versions.versions import Version, parse_versions

log = logging.getLogger(__name__)

COMPARE_STUB = (
    "---\n"
    "# Written by `notice release`: the redline of this version against the next one is made at build time.\n"
    f"notice_page: {COMPARE_PAGE}\n"
    "---\n"
)


def current_date(layout: Layout) -> tuple[dt.date, dict[str, str]]:
    """The ``effective`` date every language's current notice agrees on, and their texts."""
    texts: dict[str, str] = {}
    dates: dict[str, dt.date] = {}
    for lang in layout.languages:
        path = layout.current(lang)
        try:
            texts[lang] = path.read_text(encoding="utf-8")
            effective = read_notice(texts[lang], path).effective
        except OSError as err:
            raise NoticeError(f"{path}: cannot read the current notice ({err.strerror})") from None
        except MarkdownError as err:
            raise NoticeError(str(err)) from None
        if effective is None:
            raise NoticeError(
                f"{path}:{front_matter_line(texts[lang], 'effective')}: front matter has no "
                f"'effective' date; a release needs one"
            )
        dates[lang] = effective
    source = layout.languages[0]
    for lang, date in dates.items():
        if date != dates[source]:
            path = layout.current(lang)
            raise NoticeError(
                f"{path}:{front_matter_line(texts[lang], 'effective')}: effective {date} differs from "
                f"{layout.current(source)} ({dates[source]}); every language releases the same version"
            )
    return dates[source], texts


def version_entry(
    label: str, date: dt.date, summaries: Mapping[str, str], languages: tuple[str, ...], indent: str
) -> str:
    """One ``versions.yml`` entry as YAML text; JSON strings are valid YAML double-quoted scalars."""
    lines = [
        f"{indent}- version: {json.dumps(label)}",
        f"{indent}  effective: {date.isoformat()}",
        f"{indent}  summary:",
    ]
    lines += [
        f"{indent}    {lang}: {json.dumps(summaries.get(lang, ''), ensure_ascii=False)}" for lang in languages
    ]
    return "\n".join(lines) + "\n"


def add_version(text: str, entry: Callable[[str], str], path: Path) -> str:
    """``text`` of versions.yml with ``entry(indent)`` as the new first entry, indented as the
    entries already there, every comment and other entry untouched."""
    match = re.search(r"^versions:[ \t]*(\[\s*\])?[ \t]*(#.*)?\n", text, re.MULTILINE)
    if match is None:
        raise NoticeError(f"{path}: no top-level 'versions:' list to add the new version to")
    if match.group(1):  # "versions: []"
        return text[: match.start()] + "versions:\n" + entry("  ") + text[match.end() :]
    rest = text[match.end() :]
    first = re.search(r"^([ \t]*)- ", rest, re.MULTILINE)
    indent = first.group(1) if first else "  "
    at = match.end() + (first.start() if first else 0)
    return text[:at] + entry(indent) + text[at:]


def release(
    layout: Layout,
    versions_file: Path,
    label: str | None = None,
    summaries: Mapping[str, str] | None = None,
    check: Callable[[], list[Problem]] | None = None,
) -> list[str]:
    """Snapshot the current notice as a release; returns what was written, one line per file.
    ``check`` is ``notice check`` (the lint stands beside this package, so the caller hands it
    in): a notice it refuses is not released, and nothing is written."""
    errors = [str(p) for p in (check() if check else []) if p.severity == "error"]
    if errors:
        raise NoticeError(
            "\n".join(errors) + f"\nnotice check: {len(errors)} errors; nothing released or written"
        )
    summaries = dict(summaries or {})
    unknown = sorted(set(summaries) - set(layout.languages))
    if unknown:
        raise NoticeError(
            f"--summary for {', '.join(unknown)}: not a language of this site ({', '.join(layout.languages)})"
        )
    date, texts = current_date(layout)
    # summaries are the build's to check; no list yet is the first release
    versions, problems = parse_versions(versions_file, [], allow_empty=True)
    if problems:
        raise NoticeError("\n".join(str(p) for p in problems))
    done: list[str] = []
    newest = versions[0] if versions else None
    if newest is None or date > newest.effective:
        used = next((v for v in versions if label and v.version == label), None)
        if used is not None:
            raise NoticeError(
                f"{versions_file}:{used.line}: version label {label} is already used by the version "
                f"of {used.effective} (expected a new label, found {label})"
            )
        if not label:
            last = f" (the last is {newest.version})" if newest else ""
            raise NoticeError(
                f"{layout.current(layout.languages[0])}: effective {date} is a new version; "
                f"give it a label with --version{last}"
            )
        versions = _add_entry(versions_file, label, date, summaries, layout.languages) + versions
        done.append(f"{versions_file}: version {label} ({date}) added")
    elif date == newest.effective:
        if label and label != newest.version:
            raise NoticeError(
                f"{versions_file}:{newest.line}: {date} is version {newest.version}, not {label}"
            )
        if summaries:
            raise NoticeError(
                f"{versions_file}:{newest.line}: version {newest.version} is already listed; "
                f"edit its summaries there"
            )
    else:
        archived = next((v for v in versions if v.effective == date), None)
        what = (
            f"is archived version {archived.version}"
            if archived
            else f"is older than the newest version {newest.version} ({newest.effective})"
        )
        raise NoticeError(
            f"{layout.current(layout.languages[0])}: effective {date} {what}; released text "
            f"never changes, and a new version needs a date after {newest.effective}"
        )
    done += _write_snapshots(layout, versions[0], texts)
    done += _write_compare_stubs(layout, versions)
    return done or [
        f"version {versions[0].version} ({date}) is released in {', '.join(layout.languages)} "
        f"as it stands: nothing to write"
    ]


def _add_entry(
    versions_file: Path, label: str, date: dt.date, summaries: Mapping[str, str], languages: tuple[str, ...]
) -> tuple[Version, ...]:
    text = versions_file.read_text(encoding="utf-8") if versions_file.exists() else "versions: []\n"
    new_text = add_version(
        text, lambda indent: version_entry(label, date, summaries, languages, indent), versions_file
    )
    write_atomically(versions_file, new_text)
    for lang in languages:
        if not summaries.get(lang, "").strip():
            log.warning(
                "%s: write the %s summary of version %s before building (the build refuses it empty)",
                versions_file,
                lang,
                label,
            )
    return (Version(label, date, dict(summaries)),)


def first_difference(a: str, b: str) -> int:
    """The 1-based number of the first line where ``a`` and ``b`` differ."""
    lines_a, lines_b = a.splitlines(), b.splitlines()
    for number, (x, y) in enumerate(zip(lines_a, lines_b), 1):
        if x != y:
            return number
    return min(len(lines_a), len(lines_b)) + 1


def _write_snapshots(layout: Layout, version: Version, texts: Mapping[str, str]) -> list[str]:
    done = []
    for lang in layout.languages:
        path = layout.snapshot(lang, version.effective)
        if path.exists() and path.read_text(encoding="utf-8") == texts[lang]:
            continue
        what = "corrected" if path.exists() else "released"
        if path.exists():
            line = first_difference(path.read_text(encoding="utf-8"), texts[lang])
            what += f" from line {line}"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, texts[lang])
        done.append(f"{path}: version {version.version} ({version.effective}) {what}")
    return done


def _write_compare_stubs(layout: Layout, versions: tuple[Version, ...]) -> list[str]:
    """A redline page for every version that has a next one, in every language that has both."""
    done = []
    for older, newer in zip(versions[1:], versions):
        for lang in layout.languages:
            stub = layout.compare_stub(lang, older.effective)
            both = (
                layout.snapshot(lang, older.effective).exists()
                and layout.snapshot(lang, newer.effective).exists()
            )
            if both and not stub.exists():
                write_atomically(stub, COMPARE_STUB)
                done.append(f"{stub}: redline of version {older.version} against {newer.version}")
    return done
