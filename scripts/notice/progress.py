"""Progress of a batch: pages done and time left, as a bar on a terminal, as plain lines elsewhere."""

from __future__ import annotations

import sys
import time
from typing import TextIO

BAR_WIDTH = 28


class Progress:
    def __init__(self, total_pages: int, total_files: int, stream: TextIO = sys.stderr) -> None:
        self.total_pages = max(total_pages, 1)
        self.total_files = total_files
        self.stream = stream
        self.tty = stream.isatty()
        self.pages = 0
        self.files = 0
        self.started = time.monotonic()

    def eta(self) -> str:
        elapsed = time.monotonic() - self.started
        if not self.pages:
            return "--:--"
        left = elapsed / self.pages * max(self.total_pages - self.pages, 0)
        return f"{int(left // 60):d}:{int(left % 60):02d}"

    def page_done(self, _page: int) -> None:
        self.pages += 1
        if self.tty:
            filled = int(BAR_WIDTH * self.pages / self.total_pages)
            self.stream.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.pages}/{self.total_pages} pages"
                              f"  {self.files}/{self.total_files} files  {self.eta()} left ")
            self.stream.flush()

    def file_done(self, name: str, status: str) -> None:
        self.files += 1
        if self.tty:
            self.stream.write("\r" + " " * (BAR_WIDTH + 50) + "\r")
        self.stream.write(f"[{self.files}/{self.total_files}] {name}: {status} "
                          f"({self.pages}/{self.total_pages} pages, {self.eta()} left)\n")
        self.stream.flush()


class Tally:
    """Progress of ``total`` like items (PDFs typeset, say): on a terminal a line redrawn with the
    count done and the time left; with ``quiet`` or off a terminal (a CI log) nothing until the one
    summary line of ``finish``."""

    def __init__(self, total: int, what: str, stream: TextIO = sys.stderr, quiet: bool = False) -> None:
        self.total = total
        self.what = what
        self.stream = stream
        self.live = stream.isatty() and not quiet
        self.done = 0
        self.started = time.monotonic()

    def left(self) -> str:
        if not self.done:
            return "--:--"
        seconds = (time.monotonic() - self.started) / self.done * max(self.total - self.done, 0)
        return f"{int(seconds // 60):d}:{int(seconds % 60):02d}"

    def step(self, name: str = "") -> None:
        self.done += 1
        if self.live:
            filled = int(BAR_WIDTH * self.done / max(self.total, 1))
            self.stream.write(f"\r\033[K[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total} "
                              f"{self.what}, {self.left()} left  {name}")
            self.stream.flush()

    def finish(self, detail: str = "") -> None:
        elapsed = time.monotonic() - self.started
        if self.live:
            self.stream.write("\r\033[K")
        self.stream.write(f"{self.done} {self.what} in {elapsed:.1f} s{detail}\n")
        self.stream.flush()
