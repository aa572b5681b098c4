"""Versions: ``versions.yml`` in, the typed list of published versions (newest first) out, or every
problem in it as ``file:line: message``.

One file, two readers: the mkdocs hooks load it and stop at the first build with problems;
``notice check`` lists the same problems (``check_versions``) without stopping.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from notice.document import Problem, read_text
from notice.errors import NoticeError
from notice.markdown import YAML_LOADER


@dataclass(frozen=True)
class Correction:
    """A deliberate change to a released version's files, recorded with why (``notice release --correct``)."""

    date: dt.date
    reason: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class Version:
    version: str
    effective: dt.date
    summary: dict[str, str]
    line: int = 0  # where the entry starts in versions.yml, for messages
    #: The SHA-256 of every file released with this version (its snapshot, PDF and JSON per
    #: language), by path below the docs folder: written by ``notice release``, checked by the build.
    sha256: dict[str, str] = field(default_factory=dict)
    corrections: tuple[Correction, ...] = ()
    sha256_line: int = 0  # where ``sha256:`` starts, for messages (0: not there)


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


def _child(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return v if isinstance(v, yaml.Node) else None
    return None


def _key_line(node: yaml.Node | None, key: str) -> int:
    """The line of ``key:`` in a mapping node, 0 when it is not there."""
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if getattr(k, "value", None) == key:
                return k.start_mark.line + 1  # type: ignore[no-any-return]
    return 0


def parse_versions(
    path: Path, languages: list[str], allow_empty: bool = False
) -> tuple[tuple[Version, ...], list[Problem]]:
    """Every entry that has a date, and every problem found (order, duplicates, summaries).
    ``allow_empty``: a missing file or an empty list is no problem (before the first release)."""
    if allow_empty and not path.exists():
        return (), []
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        return (), [Problem(str(path), 1, f"cannot read the versions file ({err.strerror})")]
    except UnicodeDecodeError:
        bad = read_text(path)[1] or (1, "not UTF-8")
        return (), [Problem(str(path), bad[0], bad[1])]
    return parse_text(text, path, languages, allow_empty)


def parse_text(
    text: str, path: Path, languages: list[str], allow_empty: bool = False
) -> tuple[tuple[Version, ...], list[Problem]]:
    """``parse_versions`` of the text of ``path``."""
    file = str(path)
    try:
        data: Any = yaml.load(text, Loader=YAML_LOADER) or {}
        root = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return (), [Problem(file, mark.line + 1 if mark else 1, f"not valid YAML ({err})")]
    entries = data.get("versions") if isinstance(data, dict) else None
    if allow_empty and not entries:
        return (), []
    if not isinstance(entries, list) or not entries:
        return (), [Problem(file, 1, "expected a 'versions' list with at least one entry")]
    nodes = _child(root, "versions") if root is not None else None
    assert isinstance(nodes, yaml.SequenceNode)
    problems: list[Problem] = []
    found: list[Version] = []
    for n, (entry, node) in enumerate(zip(entries, nodes.value), 1):
        line = _line(node)
        if not isinstance(entry, dict):
            problems.append(
                Problem(
                    file, line, f"version entry {n}: expected a mapping, found {type(entry).__name__}"
                )
            )
            continue
        effective = entry.get("effective")
        if not isinstance(effective, dt.date) or isinstance(effective, dt.datetime):
            problems.append(
                Problem(
                    file,
                    _line(_child(node, "effective") or node),
                    f"version entry {n}: 'effective' must be a date like 2019-12-13, found {effective!r}",
                )
            )
            continue
        label = str(entry.get("version") or "").strip()
        if not label:
            problems.append(
                Problem(file, line, f"version entry {n} ({effective}): 'version' is missing")
            )
        if re.search(r'[<>"&\x00-\x1f]', label):
            problems.append(
                Problem(file, line, f"version entry {n} ({effective}): the label {label!r} holds markup or "
                                    "control characters (expected a plain label such as 2.0)")
            )
        summary = entry.get("summary") or {}
        summary = {str(k): str(v) for k, v in summary.items()} if isinstance(summary, dict) else {}
        missing = [lang for lang in languages if not summary.get(lang, "").strip()]
        if missing:
            where = _key_line(_child(node, "summary"), missing[0]) or _key_line(node, "summary") or line
            problems.append(
                Problem(
                    file,
                    where,
                    f"version {label or n} ({effective}): summary missing "
                    f"for {', '.join(missing)} (legal writes one per language)",
                )
            )
        sha256, corrections, sha_problems = _records(file, n, entry, node)
        problems += sha_problems
        found.append(
            Version(label, effective, summary, line, sha256, corrections, _key_line(node, "sha256"))
        )
    first_use: dict[str, Version] = {}
    for version in reversed(found):  # oldest first: the later use of a label is the mistake
        if version.version and version.version in first_use:
            used = first_use[version.version]
            problems.append(
                Problem(
                    file,
                    version.line,
                    f"version label {version.version} is used twice (expected a new label for "
                    f"{version.effective}, found the label of {used.effective}, line {used.line})",
                )
            )
        first_use.setdefault(version.version, version)
    for newer, older in zip(found, found[1:]):
        if newer.effective == older.effective:
            problems.append(
                Problem(
                    file,
                    older.line,
                    f"two versions have the same effective date "
                    f"{older.effective} (lines {newer.line} and {older.line})",
                )
            )
        elif newer.effective < older.effective:
            problems.append(
                Problem(
                    file,
                    newer.line,
                    f"version {newer.version} is effective {newer.effective}, "
                    f"before version {older.version} ({older.effective}) that it follows: "
                    f"versions go newest first, each effective after the one below it",
                )
            )
    return tuple(found), problems


SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _records(
    file: str, n: int, entry: dict[str, Any], node: yaml.Node
) -> tuple[dict[str, str], tuple[Correction, ...], list[Problem]]:
    """The ``sha256`` and ``corrections`` of one entry, both written by ``notice release``."""
    problems = []
    raw = entry.get("sha256") or {}
    sha256 = {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
    for path, digest in sha256.items():
        if not SHA256.match(digest):
            problems.append(
                Problem(
                    file,
                    _key_line(_child(node, "sha256"), path) or _line(node),
                    f"version entry {n}: sha256 of {path} is not a SHA-256 (expected 64 hex digits, found {digest!r})",
                )
            )
    corrections = []
    for item in entry.get("corrections") or []:
        on = item.get("date") if isinstance(item, dict) else None
        if not isinstance(on, dt.date) or not str(item.get("reason") or "").strip():
            problems.append(
                Problem(
                    file,
                    _key_line(node, "corrections") or _line(node),
                    f"version entry {n}: a correction needs a 'date' and a 'reason' (found {item!r})",
                )
            )
            continue
        corrections.append(Correction(on, str(item["reason"]), tuple(map(str, item.get("files") or ()))))
    return sha256, tuple(corrections), problems


def check_versions(path: Path, languages: list[str]) -> list[Problem]:
    """Every problem in ``versions.yml``: for ``notice check``."""
    return parse_versions(path, languages)[1]


def load_versions(path: Path, languages: list[str]) -> tuple[Version, ...]:
    """The change-log data, newest first; refused with every problem, file:line each, if any."""
    versions, problems = parse_versions(path, languages)
    if problems:
        raise NoticeError("\n".join(str(p) for p in problems))
    return versions
