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
