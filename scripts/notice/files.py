"""Files: outputs written whole or not at all, by every command that writes (extract, release,
new-language) — one file (``write_atomically``) or several together (``write_all``, a release) —,
and fingerprints of inputs, by which the site hooks keep what they computed from
them across the i18n plugin's builds. Kept apart from extraction so that the hooks can use it
without loading the PDF reader."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TextIO

from notice.errors import OutputError


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path`` and rename it into place, so a failed
    run never leaves a half-written or emptied output."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise OutputError(f"{path}: cannot write in {folder} ({err.strerror})") from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; the output is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({err.strerror})") from None


Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(paths: Iterable[Path]) -> Fingerprint:
    """Names, sizes and modification times of the existing ``paths``: a result computed from
    them stays valid while this is unchanged (``mkdocs serve`` rebuilds after every edit)."""
    return tuple(sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths if p.exists()))


# ---------------------------------------------------------------- several files, all or none

#: One line per step of a commit in progress, written before the step, so that a commit cut short
#: (an error, Ctrl-C, a killed process) can be undone: by ``write_all`` itself, or by ``recover``.
JOURNAL_LOG = "journal.jsonl"


def write_all(changes: Mapping[Path, bytes], journal: Path) -> None:
    """Write every file of ``changes`` or, if anything fails or interrupts, none: the tree is left
    exactly as it was (files that existed keep their bytes, new files and folders are gone).
    ``journal`` is a folder that exists only while the files are being written."""
    recover(journal)
    try:
        journal.mkdir(parents=True)
    except OSError as err:
        raise OutputError(f"{journal}: cannot start writing ({err.strerror})") from None
    target = journal
    try:
        with (journal / JOURNAL_LOG).open("a", encoding="utf-8") as log:
            for n, (target, data) in enumerate(changes.items()):
                _apply(target, data, journal / f"backup-{n}", log)
    except OSError as err:
        _undo(journal)
        raise OutputError(f"{target}: cannot write ({err.strerror}); nothing was written") from None
    except BaseException:
        _undo(journal)
        raise
    shutil.rmtree(journal)  # the commit point: from here on the new files are the tree


def recover(journal: Path) -> bool:
    """Undo a commit that was cut short (its journal is still there); True when there was one."""
    if not journal.exists():
        return False
    _undo(journal)
    return True


def _record(log: TextIO, **step: str) -> None:
    log.write(json.dumps(step) + "\n")
    log.flush()
    os.fsync(log.fileno())


def _apply(target: Path, data: bytes, backup: Path, log: TextIO) -> None:
    missing = []
    folder = target.parent
    while not folder.exists():
        missing.append(folder.absolute())
        folder = folder.parent
    for folder in reversed(missing):
        _record(log, folder=str(folder))
        folder.mkdir()
    if target.exists():
        shutil.copy2(target, backup)
        _record(log, replaced=str(target.absolute()), backup=str(backup.absolute()))
    else:
        _record(log, created=str(target.absolute()))
    _put(target, data)


def _temporary(target: Path) -> Path:
    return target.with_name(f".{target.name}.partial")


def _put(target: Path, data: bytes) -> None:
    """One file, whole: written beside the target, then renamed over it."""
    tmp = _temporary(target)
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write ({err.strerror})") from None


def _undo(journal: Path) -> None:
    """Every step of the journal undone, newest first, then the journal removed."""
    log = journal / JOURNAL_LOG
    steps = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()] if log.exists() else []
    for step in reversed(steps):
        if "replaced" in step:
            target = Path(step["replaced"])
            _temporary(target).unlink(missing_ok=True)
            os.replace(step["backup"], target)
        elif "created" in step:
            target = Path(step["created"])
            _temporary(target).unlink(missing_ok=True)
            target.unlink(missing_ok=True)
        elif "folder" in step and Path(step["folder"]).is_dir() and not any(Path(step["folder"]).iterdir()):
            Path(step["folder"]).rmdir()
    shutil.rmtree(journal, ignore_errors=True)
