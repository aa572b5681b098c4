"""One exception hierarchy: every user-facing failure is a ``NoticeError`` with a one-line message."""

from __future__ import annotations


class NoticeError(Exception):
    """A problem the user can act on; the CLI prints ``str(err)`` as one line, never a traceback."""


class SourceError(NoticeError):
    """The input PDF cannot be read: missing, not a PDF, encrypted, truncated or without text."""

    def __init__(self, file: str, problem: str, page: int | None = None) -> None:
        where = f"{file} page {page}" if page is not None else file
        super().__init__(f"{where}: {problem}")
        self.file = file
        self.page = page
        self.problem = problem

    def __reduce__(self) -> tuple[type, tuple[str, str, int | None]]:
        # raised in worker processes: rebuild from the fields, not from the formatted message
        return (SourceError, (self.file, self.problem, self.page))


class StructureError(NoticeError):
    """The document's structure does not fit what was asked (for example ``--ids-from`` parity)."""


class OutputError(NoticeError):
    """The output file cannot be written."""


class CatalogError(NoticeError):
    """A locale catalog is missing, malformed or lacks a string."""
