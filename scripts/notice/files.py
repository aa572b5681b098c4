"""Files: outputs written whole or not at all, by every command that writes (extract, release,
new-language), and fingerprints of inputs, by which the site hooks keep what they computed from
them across the i18n plugin's builds. Kept apart from extraction so that the hooks can use it
without loading the PDF reader."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

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
