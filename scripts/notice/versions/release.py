"""Release: the current notice in every language in; its snapshot, its JSON and PDF (made once,
here: see freeze.py), the redline stubs and the ``versions.yml`` entry with the SHA-256 of every
file out. Behind ``notice release`` (``make release VERSION=2.0``).

A site has several notices, each with its own versions file; a release works on one notice (the
command runs it for every notice, or the one named). Legal edits ``docs/<lang>/<slug>/index.md``.
When its ``effective`` date is new, the release adds the version to the notice's versions file
(newest first, comments kept) and snapshots every language into
``docs/<lang>/<slug>/<date>/index.md``; the version before it keeps its files and gains a redline page.
A released version never changes; a deliberate correction (``--correct 'why'``, of the newest
version or of an archived one with ``--version``) makes its files anew and records why.

A release is all or nothing. ``release`` runs in steps — plan (read and check), make the files,
record their SHA-256, write — and nothing touches the tree before the last, which writes every
file or, on any failure or Ctrl-C, none (``files.write_all``). A step that must come first (such as
running the checks) goes before the plan.

Nothing here reads git, so a fresh or shallow clone releases the same way.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from notice.document import Problem
from notice.errors import NoticeError
from notice.files import recover, write_all
from notice.markdown import YAML_LOADER
from notice.progress import Tally
from notice.reader import MarkdownError, front_matter_line, read_notice
from notice.versions.archive import (
    COMPARE_PAGE,
    Layout,
    Published,
    correct_hint,
    read_site_config,
    record_key,
    released_files,
    select,
)
from notice.versions.freeze import SiteInfo, as_released, digest, freeze, site_info, today
from notice.versions.versions import Correction, Version, parse_text, parse_versions

log = logging.getLogger(__name__)
#: The folder that exists only while a release writes its files (see files.write_all).
JOURNAL = ".notice-release"

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


@dataclass(frozen=True)
class Config:
    """Where a release reads and writes: the docs tree, versions.yml, and how the site renders."""

    layout: Layout
    versions_file: Path
    site: SiteInfo

    @property
    def journal(self) -> Path:
        """Exists only while a release writes its files; a release cut short is undone from it."""
        return self.site.root / JOURNAL


def read_configs(mkdocs_yml: Path, slug: str | None = None) -> tuple[Config, ...]:
    """The release configuration of every notice of the site, or of the one named ``slug``."""
    notices = select(read_site_config(mkdocs_yml), slug)
    return tuple(Config(n.layout, n.versions_file, site_info(mkdocs_yml, n.layout)) for n in notices)


def has_new_version(config: Config) -> bool:
    """Whether the notice's current text carries an ``effective`` date no version has yet: what a
    new label (``--version``) is for. A notice that cannot be read says so in ``release``."""
    try:
        date, _ = current_date(config.layout)
    except NoticeError:
        return True  # let the release itself say what is wrong
    versions, _ = parse_versions(config.versions_file, [], allow_empty=True)
    return not versions or date > versions[0].effective


@dataclass(frozen=True)
class Plan:
    """What a release writes, decided before anything is made or written."""

    versions_text: str  # versions.yml with any new entry (records are added once the files exist)
    snapshots: dict[Path, str]  # released text to write, new or corrected
    to_freeze: tuple[Published, ...]  # the versions and languages whose files are made now
    correction: tuple[Version, str] | None  # the version corrected on purpose, and why
    done: tuple[str, ...]  # what the plan itself says (a version added)


def release(
    config: Config,
    label: str | None = None,
    summaries: Mapping[str, str] | None = None,
    correct: str | None = None,
    quiet: bool = False,
    check: Callable[[], list[Problem]] | None = None,
) -> list[str]:
    """Publish the current notice of every language as a version (or correct a version on
    purpose, saying why); returns what was written. Every file is made first and then written
    all together or, on any failure or Ctrl-C, not at all. ``check`` is ``notice check`` (the
    lint stands beside this package, so the caller hands it in): a notice it refuses is not
    released, and nothing is written."""
    if recover(config.journal):
        log.warning("%s: a release that was cut short has been undone", config.journal)
    errors = [str(p) for p in (check() if check else []) if p.severity == "error"]
    if errors:
        raise NoticeError(
            "\n".join(errors) + f"\nnotice check: {len(errors)} errors; nothing released or written"
        )
    plan = plan_release(config, label, summaries, correct)  # reads and checks; makes nothing
    files = make_files(config, plan, quiet)  # JSON validated, PDFs typeset on every core
    changes = {**files, **compare_stubs(config.layout, plan)}
    changes[config.versions_file] = record(config, plan, files).encode()
    changes = {path: data for path, data in changes.items() if not _same(path, data)}
    if not changes:
        return [f"{config.layout.docs}/*/{config.layout.slug}: every version is released as it stands: nothing to write"]
    write_all(changes, config.journal)  # all or nothing
    return list(plan.done) + describe(config, changes)


def plan_release(
    config: Config, label: str | None, summaries: Mapping[str, str] | None, correct: str | None
) -> Plan:
    layout, versions_file = config.layout, config.versions_file
    summaries = dict(summaries or {})
    unknown = sorted(set(summaries) - set(layout.languages))
    if unknown:
        raise NoticeError(
            f"--summary for {', '.join(unknown)}: not a language of this site ({', '.join(layout.languages)})"
        )
    if correct is not None and not correct.strip():
        raise NoticeError("--correct needs the reason for the correction, in words: it is kept in versions.yml")
    date, texts = current_date(layout)
    # summaries are the build's to check; no list yet is the first release
    versions, problems = parse_versions(versions_file, [], allow_empty=True)
    if problems:
        raise NoticeError("\n".join(str(p) for p in problems))
    text = versions_file.read_text(encoding="utf-8") if versions_file.exists() else "versions: []\n"
    newest = versions[0] if versions else None
    done: list[str] = []
    snapshots: dict[Path, str] = {}
    corrected = next((v for v in versions if v.version == label), None) if correct is not None else None
    if corrected is not None and corrected is not newest:
        # an archived version corrected on purpose: its released text as it now stands
        return _plan(config, versions, text, {}, (corrected, correct or ""), done)
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
        if correct is not None:
            raise NoticeError(f"--correct: version {label} is not released yet; there is nothing to correct")
        text = add_version(
            text, lambda indent: version_entry(label, date, summaries, layout.languages, indent), versions_file
        )
        versions = (Version(label, date, dict(summaries)), *versions)
        done.append(f"{versions_file}: version {label} ({date}) added")
        for lang in layout.languages:
            if not summaries.get(lang, "").strip():
                log.warning(
                    "%s: write the %s summary of version %s before building (the build refuses it empty)",
                    versions_file, lang, label,
                )
        snapshots = {layout.snapshot(lang, date): texts[lang] for lang in layout.languages}
        return _plan(config, versions, text, snapshots, None, done)
    if date < newest.effective:
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
    if label and label != newest.version:
        raise NoticeError(f"{versions_file}:{newest.line}: {date} is version {newest.version}, not {label}")
    if summaries:
        raise NoticeError(
            f"{versions_file}:{newest.line}: version {newest.version} is already listed; edit its summaries there"
        )
    for lang in layout.languages:
        path = layout.snapshot(lang, date)
        if not path.exists():
            snapshots[path] = texts[lang]  # a language released for the first time (a new translation)
            continue
        released = path.read_text(encoding="utf-8")
        if released == texts[lang]:
            continue
        if correct is None:
            raise NoticeError(
                f"{layout.current(lang)}:{first_difference(released, texts[lang])}: differs from the released "
                f"text of version {newest.version} ({path}); {correct_hint(newest)}, or give 'effective' a "
                f"new date and run `notice release --version <label>` for a new version"
            )
        snapshots[path] = texts[lang]
    return _plan(config, versions, text, snapshots, (newest, correct) if correct is not None else None, done)


def _plan(
    config: Config,
    versions: tuple[Version, ...],
    text: str,
    snapshots: dict[Path, str],
    correction: tuple[Version, str] | None,
    done: list[str],
) -> Plan:
    """Which versions and languages get their files made: the ones whose text is released or
    corrected now, every language of a version corrected on purpose, and any released text whose
    files were never recorded (a translation placed later, or an archive from before records)."""
    layout = config.layout
    items = []
    for version in versions:
        for lang in layout.languages:
            path = layout.snapshot(lang, version.effective)
            if path in snapshots:
                released = snapshots[path]
            elif path.exists():
                released = path.read_text(encoding="utf-8")
            else:
                continue
            keys = [record_key(layout, f) for f in released_files(layout, lang, version.effective).values()]
            recorded = all(k in version.sha256 for k in keys)
            chosen = correction is not None and correction[0].effective == version.effective
            if path in snapshots or chosen or not recorded:
                items.append(as_released(version, lang, path, released))
    return Plan(text, snapshots, tuple(items), correction, tuple(done))


def make_files(config: Config, plan: Plan, quiet: bool = False) -> dict[Path, bytes]:
    """The released text, JSON and PDF of every version and language of the plan."""
    if not plan.to_freeze:
        return {}
    tally = Tally(len(plan.to_freeze), "PDFs typeset", quiet=quiet)
    files = freeze(list(plan.to_freeze), config.site, config.layout, on_typeset=lambda name: tally.step(Path(name).name))
    tally.finish(f" on {min(os.cpu_count() or 1, len(plan.to_freeze))} process(es)")
    for item in plan.to_freeze:
        released = plan.snapshots.get(item.path)
        files[item.path] = released.encode() if released is not None else item.path.read_bytes()
    return files


def record(config: Config, plan: Plan, files: Mapping[Path, bytes]) -> str:
    """versions.yml with the SHA-256 of every file made, and the correction with its reason."""
    layout = config.layout
    text = plan.versions_text
    by_date: dict[dt.date, dict[str, str]] = {}
    for item in plan.to_freeze:
        for path in released_files(layout, item.lang, item.date).values():
            by_date.setdefault(item.date, {})[record_key(layout, path)] = digest(files[path])
    for date, sha256 in by_date.items():
        old = next((v for v in parse_versions_text(text, config.versions_file) if v.effective == date), None)
        recorded = dict(old.sha256) if old else {}
        corrections = list(old.corrections) if old else []
        if plan.correction is not None and plan.correction[0].effective == date:
            changed = tuple(sorted(k for k, v in sha256.items() if recorded.get(k) not in (None, v)))
            if changed:
                corrections.append(Correction(today(), plan.correction[1].strip(), changed))
        recorded.update(sha256)
        text = set_records(text, date, dict(sorted(recorded.items())), corrections, config.versions_file)
    return text


def compare_stubs(layout: Layout, plan: Plan) -> dict[Path, bytes]:
    """A redline page for every version that has a next one, in every language that has both."""
    versions = parse_versions_text(plan.versions_text, Path("versions.yml"))
    out = {}
    for older, newer in zip(versions[1:], versions):
        for lang in layout.languages:
            stub = layout.compare_stub(lang, older.effective)
            both = all(
                p.exists() or p in plan.snapshots
                for p in (layout.snapshot(lang, older.effective), layout.snapshot(lang, newer.effective))
            )
            if both and not stub.exists():
                out[stub] = COMPARE_STUB.encode()
    return out


def describe(config: Config, changes: Mapping[Path, bytes]) -> list[str]:
    """What was written: one line per version folder, naming the languages (30 languages are one
    line, not thirty), and one per other file."""
    layout = config.layout
    by_folder: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    others = []
    for path in changes:
        try:
            lang, slug, folder, _ = path.relative_to(layout.docs).parts
        except ValueError:
            others.append(str(path))
            continue
        folder = f"{slug}/{folder}"
        names = tuple(sorted(n.replace(f"-{lang}-", "-<lang>-") for n in _names_in(changes, path.parent)))
        languages = by_folder.setdefault((folder, names), [])
        if lang not in languages:
            languages.append(lang)
    lines = sorted(others)
    for (folder, names), languages in sorted(by_folder.items()):
        where = f"{layout.docs}/{languages[0]}" if len(languages) == 1 else f"{layout.docs}/<lang>"
        which = "" if len(languages) == 1 else f" ({len(languages)} languages: {', '.join(languages)})"
        lines.append(f"{where}/{folder}/: {', '.join(names)}{which}")
    return lines


def _names_in(changes: Mapping[Path, bytes], folder: Path) -> list[str]:
    return [path.name for path in changes if path.parent == folder]


def _same(path: Path, data: bytes) -> bool:
    return path.exists() and path.read_bytes() == data


def parse_versions_text(text: str, path: Path) -> tuple[Version, ...]:
    versions, problems = parse_text(text, path, [], allow_empty=True)
    if problems:
        raise NoticeError("\n".join(str(p) for p in problems))
    return versions


def set_records(
    text: str, date: dt.date, sha256: Mapping[str, str], corrections: list[Correction], path: Path
) -> str:
    """``text`` of versions.yml with the ``sha256`` and ``corrections`` of the entry of ``date``
    written anew at the end of that entry; every other line as it was."""
    root = yaml.compose(text, Loader=YAML_LOADER)
    entries = next((v for k, v in root.value if k.value == "versions"), None) if root is not None else None
    entry = next(
        (
            e
            for e in (entries.value if isinstance(entries, yaml.SequenceNode) else [])
            if isinstance(e, yaml.MappingNode)
            and any(k.value == "effective" and v.value == date.isoformat() for k, v in e.value)
        ),
        None,
    )
    if entry is None:
        raise NoticeError(f"{path}: no entry with 'effective: {date}' to record the released files in")
    lines = text.splitlines(keepends=True)
    drop: set[int] = set()
    keep_last = entry.start_mark.line
    for key, value in entry.value:
        if key.value in ("sha256", "corrections"):
            drop.update(range(key.start_mark.line, _last_line(value) + 1))
        else:
            keep_last = max(keep_last, _last_line(value))
    indent = " " * entry.start_mark.column
    block = [f"{indent}sha256:\n"] + [f"{indent}  {json.dumps(k)}: {json.dumps(v)}\n" for k, v in sha256.items()]
    if corrections:
        block.append(f"{indent}corrections:\n")
        for c in corrections:
            block += [
                f"{indent}  - date: {c.date.isoformat()}\n",
                f"{indent}    reason: {json.dumps(c.reason, ensure_ascii=False)}\n",
                f"{indent}    files: {json.dumps(list(c.files))}\n",
            ]
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    out = []
    for number, line in enumerate(lines):
        if number not in drop:
            out.append(line)
        if number == keep_last:
            out += block
    return "".join(out)


def _last_line(node: yaml.Node) -> int:
    """The last line (0-based) holding part of ``node``: its last scalar's end."""
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark
        return int(end.line if end.column > 0 or end.line == node.start_mark.line else end.line - 1)
    children: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    return max((_last_line(c) for c in children), default=int(node.start_mark.line))


def first_difference(a: str, b: str) -> int:
    """The 1-based number of the first line where ``a`` and ``b`` differ."""
    lines_a, lines_b = a.splitlines(), b.splitlines()
    for number, (x, y) in enumerate(zip(lines_a, lines_b), 1):
        if x != y:
            return number
    return min(len(lines_a), len(lines_b)) + 1


