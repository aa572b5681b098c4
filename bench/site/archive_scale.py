"""The archive at scale (issue #14): this project with N languages and V released versions, made
the way legal makes one (``notice release`` V-1 times after editing every language), then timed.

The fixture is generated, never committed, and kept under ``bench/out/`` keyed by the inputs it
is made from, so a second run only times the builds (``--fresh`` makes it again). Every version
changes a sentence in every translation and the date in every language; the source language's
text stays as it is, so the translations stay current and the strict build has nothing to warn
about."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import variants

ROOT = variants.ROOT
OUT = ROOT / "bench" / "out"
NOTICE = Path(sys.executable).parent / "notice"
FIRST_SECTION_PARAGRAPH = re.compile(r"(?m)^(## .*\n\n)([^-|#\n!<][^\n]*)$")
#: What the fixture is made from: a change to any of these makes it again (after a change to the
#: release code itself, pass --fresh).
INPUTS = ("docs", "locales", "overrides", "mkdocs.yml", "versions")
#: The notice whose versions are multiplied: the example site's.
NOTICE = "privacy"


@dataclass(frozen=True)
class Fixture:
    project: Path
    languages: int
    versions: int
    release_seconds: tuple[float, ...]  # wall time of each `notice release` that made it (empty: reused)


def inputs_key(languages: int, versions: int) -> str:
    digest = hashlib.sha256(f"{languages}x{versions}".encode())
    for name in INPUTS:
        path = ROOT / name
        for file in sorted(path.rglob("*") if path.is_dir() else [path]):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def fixture(languages: int, versions: int, fresh: bool = False) -> Fixture:
    """The project, made now or reused from an earlier run with the same inputs."""
    key = inputs_key(languages, versions)
    project = OUT / f"archive-{languages}x{versions}"
    stamp = project / ".bench-inputs"
    if not fresh and stamp.exists() and stamp.read_text() == key:
        return Fixture(project, languages, versions, ())
    if project.exists():
        shutil.rmtree(project)
    times = make(project, languages, versions)
    stamp.write_text(key)
    return Fixture(project, languages, versions, tuple(times))


def make(project: Path, count: int, versions: int) -> list[float]:
    langs = variants.languages(count)
    start = time.perf_counter()
    variants.ours(project, count)  # releases the added languages in the version already released
    times = [time.perf_counter() - start]
    effective = current_date(project / "docs" / langs[0] / NOTICE / "index.md")
    for n in range(2, versions + 1):
        effective = effective.replace(year=effective.year + 1)
        label = f"{n}.0"
        for lang in langs:
            edit(project / "docs" / lang / NOTICE / "index.md", effective, label, source=lang == langs[0])
        summaries = [arg for lang in langs for arg in ("--summary", f"{lang}=Version {label}.")]
        times.append(release(project, ["--version", label, *summaries]))
        print(f"  released {label} in {count} languages: {times[-1]:.1f} s", flush=True)
    return times


def current_date(path: Path) -> dt.date:
    found = re.search(r"(?m)^effective: (\d{4}-\d{2}-\d{2})$", path.read_text(encoding="utf-8"))
    assert found, path
    return dt.date.fromisoformat(found.group(1))


def edit(path: Path, effective: dt.date, label: str, source: bool) -> None:
    text = re.sub(r"(?m)^effective: .*$", f"effective: {effective.isoformat()}", path.read_text(encoding="utf-8"), count=1)
    if not source:
        text, changed = FIRST_SECTION_PARAGRAPH.subn(lambda m: f"{m.group(1)}{m.group(2)} ({label})", text, count=1)
        assert changed, f"{path}: no paragraph to change"
    path.write_text(text, encoding="utf-8")


def release(project: Path, args: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run([str(NOTICE), "release", *args], cwd=project, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{project}: notice release {' '.join(args[:2])} failed:\n{result.stderr}")
    return time.perf_counter() - start


def plain(project: Path, dest: Path, count: int) -> Path:
    """The plain stack on the same pages (every version, redline stub, change log and status page)."""
    if dest.exists():
        shutil.rmtree(dest)
    return variants.plain(dest, count, docs=project / "docs")
