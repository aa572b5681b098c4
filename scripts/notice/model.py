"""The typed document model: the only hand-off between extraction, Markdown, HTML and JSON.

Every object is frozen; a stage that changes something builds a new object.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceRef:
    """Where a piece of content came from: the file, the 1-based page, and the line on that page."""

    file: str
    page: int
    line: int = 0


@dataclass(frozen=True)
class Span:
    """A run of text; ``href`` is set when the run is the text of a link, ``bold`` for strong text."""

    text: str
    href: str | None = None
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]
    source: SourceRef | None = None

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class ListItem:
    spans: tuple[Span, ...]
    level: int = 0
    source: SourceRef | None = None
    number: int | None = None  # the printed number of an ordered item

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class ListBlock:
    items: tuple[ListItem, ...]
    ordered: bool = False
    source: SourceRef | None = None


CellBlock = Paragraph | ListBlock


@dataclass(frozen=True)
class Cell:
    blocks: tuple[CellBlock, ...]

    @property
    def text(self) -> str:
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            else:
                parts.extend(item.text for item in block.items)
        return " ".join(parts)


@dataclass(frozen=True)
class Table:
    """A table; ``header`` is None when the source shows no header row (an unruled grid)."""

    header: tuple[Cell, ...] | None
    rows: tuple[tuple[Cell, ...], ...]
    source: SourceRef | None = None

    @property
    def columns(self) -> int:
        return len(self.header) if self.header is not None else len(self.rows[0]) if self.rows else 0


Block = Paragraph | ListBlock | Table


@dataclass(frozen=True)
class Section:
    """A heading and the blocks up to the next heading; sections are flat, ``level`` gives the tree."""

    id: str
    level: int
    heading: str
    blocks: tuple[Block, ...]
    source: SourceRef | None = None


@dataclass(frozen=True)
class Removed:
    """Text deliberately left out of the body, kept so that every source word is accounted for."""

    kind: str  # "furniture" (page header/footer/number), "back-to-top", "effective-line" or "page-reference"
    text: str
    page: int


@dataclass(frozen=True)
class Notice:
    title: str
    lang: str
    effective: dt.date | None
    source: str
    source_sha256: str
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]
    effective_label: str | None = None
    removed: tuple[Removed, ...] = field(default=())
    #: (section id, hash of the source-language section) this translation follows, when known
    source_sections: tuple[tuple[str, str], ...] = field(default=())
    #: parts still shown in the source language ("title", "preamble", section ids): a translation being made
    untranslated: tuple[str, ...] = field(default=())
