"""The suite drives Debian's Chromium (never a downloaded browser) with the project's flags and a
fresh profile, one browser for the whole session."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from playwright.sync_api import Browser

from . import support


def parent(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def descends_from(pid: int, ancestor: int) -> bool:
    while pid > 1:
        if pid == ancestor:
            return True
        pid = parent(pid)
    return False


def our_chromium_command_lines() -> list[list[str]]:
    """The browser processes (not renderers or helpers) started from this test session."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().decode().split("\0")
            mine = descends_from(int(entry.name), os.getpid())
        except (OSError, ValueError):
            continue
        if mine and args[0].endswith("/chromium") and not any(a.startswith("--type=") for a in args):
            found.append(args)
    return found


def test_debian_chromium_with_the_project_flags(browser: Browser) -> None:
    commands = [c for c in our_chromium_command_lines() if "--remote-debugging-pipe" in c]
    assert len(commands) == 1, f"expected one browser for the session, found {len(commands)}"
    args = commands[0]
    assert args[0] == "/usr/lib/chromium/chromium", args[0]  # what /usr/bin/chromium runs
    missing = [flag for flag in support.CHROMIUM_FLAGS if flag not in args]
    assert not missing, f"Chromium started without {missing}"
    profiles = [a.split("=", 1)[1] for a in args if a.startswith("--user-data-dir=")]
    assert len(profiles) == 1 and Path(profiles[0]).is_relative_to(tempfile.gettempdir()), profiles
    assert browser.version.split(".")[0].isdigit()
