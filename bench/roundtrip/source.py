"""Round-trip sources: a notice in our Markdown conventions -> ordered blocks -> the gold of one style.

Input: Markdown as ``notice.markdown`` writes it (front matter, ``# title``, ``## heading {#id}``,
one-line paragraphs, ``-``/``1.`` lists nested by four spaces, GFM tables with ``<br>`` inside cells).
Two additions that only a source needs: a cell part starting ``- `` is a list item inside the cell,
and a table whose header cells are all blank is a header-less layout grid.

Output: a :class:`Document` (frozen blocks in reading order) that the producers render, and
:func:`gold_markdown`, the exact Markdown a perfect extraction of that rendering gives back.
Nothing here reads or writes files except :func:`read_document`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+\{:?\s*#([\w-]+)\s*\})?\s*$")
_ITEM_RE = re.compile(r"^( *)(-|\d{1,9}\.)\s+(.*)$")
_SEPARATOR_RE = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_CELL_SPLIT_RE = re.compile(r"(?<!\\)\|")
_INTERNAL_LINK_RE = re.compile(r"\]\(#([\w-]+)\)")

HARD_BREAK = "  "
"""Markdown's hard line break: a paragraph line ending in two spaces goes on after a printed break."""

MAX_SLUG_WORDS = 6
"""As ``notice.slugs``: a section id is the first six ASCII words of its heading."""


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of inline Markdown; ``<br>`` marks a printed line break (an address block)."""

    text: str


@dataclass(frozen=True)
class Item:
    level: int
    text: str


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Table:
    """Cells are inline Markdown split at ``<br>``; ``header`` is None for a header-less grid."""

    header: tuple[tuple[str, ...], ...] | None
    rows: tuple[tuple[tuple[str, ...], ...], ...]


Block = Heading | Paragraph | ListBlock | Table


@dataclass(frozen=True)
class Document:
    """A source: name, language, title (the ``#`` line), the metadata title the producer is given
    (deliberately different from the printed one), the running head printed on every page, blocks."""

    name: str
    lang: str
    title: str
    metadata_title: str
    running_head: str
    blocks: tuple[Block, ...]
    effective: str = ""
    """The effective date (ISO) when the document prints an effective-date line."""


@dataclass(frozen=True)
class Style:
    """How one rendering looks. ``numbered`` prints ``1.``/``1.1`` before section headings;
    ``hyphen_minus`` hyphenates justified text with the hyphen-minus, as word processors do (a
    producer that hyphenates at all: WeasyPrint and ReportLab with pyphen's patterns; Chromium here
    has no hyphenation dictionaries, LibreOffice's HTML import does not hyphenate), instead of
    WeasyPrint's own U+2010."""

    name: str
    serif: bool = True
    justified: bool = True
    numbered: bool = False
    columns: int = 1
    vector_bullets: bool = False
    double_spaced: bool = False
    hyphen_minus: bool = False


STYLES = (
    Style("serif-justified-numbered", serif=True, justified=True, numbered=True),
    Style("sans-ragged-2col-shapes", serif=False, justified=False, columns=2, vector_bullets=True,
          double_spaced=True),
    Style("serif-hyphenated", serif=True, justified=True, hyphen_minus=True),
)


def slugify(text: str) -> str:
    """Heading text -> section id, as ``notice.slugs.slugify`` (the project's convention)."""
    plain = re.sub(r"\*\*|\\", "", text)
    ascii_text = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())[:MAX_SLUG_WORDS]) or "section"


def split_front_matter(text: str) -> tuple[dict[str, str], list[str]]:
    """Source text -> (flat ``key: value`` front matter, body lines). Nested keys are skipped."""
    lines = text.splitlines()
    if not lines or lines[0] != "---":
        return {}, lines
    end = lines.index("---", 1)
    meta = {}
    for line in lines[1:end]:
        if ":" in line and not line.startswith((" ", "\t")):
            key, value = line.split(":", 1)
            meta[key.strip()] = value.strip().strip("'\"")
    return meta, lines[end + 1 :]


def split_cell(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"<br\s*/?>", cell.strip()) if part.strip())


def split_row(line: str) -> tuple[tuple[str, ...], ...]:
    line = line.strip().removeprefix("|")
    line = line[:-1] if line.endswith("|") else line
    return tuple(split_cell(cell) for cell in _CELL_SPLIT_RE.split(line))


def parse_blocks(lines: list[str]) -> list[Block]:
    """Body lines -> blocks in order (the ``#`` title is a level-1 heading)."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif match := _HEADING_RE.match(line):
            text = match.group(2)
            blocks.append(Heading(len(match.group(1)), text, match.group(3) or slugify(text)))
            i += 1
        elif line.startswith("|") and i + 1 < len(lines) and _SEPARATOR_RE.match(lines[i + 1]):
            header = split_row(line)
            rows = []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(split_row(lines[i]))
                i += 1
            blocks.append(Table(header if any(header) else None, tuple(rows)))
        elif first := _ITEM_RE.match(line):
            ordered = first.group(2) != "-"
            items = []
            while i < len(lines) and (match := _ITEM_RE.match(lines[i])):
                items.append(Item(len(match.group(1)) // 4, match.group(3).strip()))
                i += 1
            blocks.append(ListBlock(ordered, tuple(items)))
        else:
            text, i = take_paragraph(lines, i)
            blocks.append(Paragraph(text))
    return blocks


def take_paragraph(lines: list[str], i: int) -> tuple[str, int]:
    """Lines and the index of a paragraph's first line -> (its text, the index after it).

    As Markdown reads it: the paragraph goes on to a blank line or the start of another block; a line
    ending in a hard break (two spaces) is followed by ``<br>`` (an address: one ``<p>`` with printed
    line breaks, not a paragraph per line), any other by a space.
    """
    text = lines[i].strip()
    while i + 1 < len(lines) and lines[i + 1].strip() and not starts_block(lines, i + 1):
        text += ("<br>" if lines[i].endswith(HARD_BREAK) else " ") + lines[i + 1].strip()
        i += 1
    return text, i + 1


def starts_block(lines: list[str], i: int) -> bool:
    """Whether line ``i`` opens a block of its own (a heading, a list item or a table)."""
    line = lines[i]
    return bool(_HEADING_RE.match(line) or _ITEM_RE.match(line) or line.startswith("|"))


def read_document(path: Path) -> Document:
    """A source Markdown file -> :class:`Document` (the title is the first ``#`` heading)."""
    meta, lines = split_front_matter(path.read_text(encoding="utf-8"))
    blocks = parse_blocks(lines)
    title = next(b.text for b in blocks if isinstance(b, Heading) and b.level == 1)
    body = tuple(b for b in blocks if not (isinstance(b, Heading) and b.level == 1 and b.text == title))
    default_name = path.stem if path.stem != "index" else f"{path.parent.name}-notice"
    return Document(
        name=meta.get("name", default_name),
        lang=meta.get("lang", "en"),
        title=title,
        metadata_title=meta.get("metadata_title", f"{default_name}.docx"),
        running_head=meta.get("running_head", title),
        blocks=body,
        effective=meta.get("effective", ""),
    )


def styled(document: Document, style: Style) -> Document:
    """A document as ``style`` prints it: with ``style.numbered``, section headings get ``1.``,
    ``1.1`` ... and new ids (internal links follow them)."""
    if not style.numbered:
        return document
    counters: list[int] = []
    top = min((b.level for b in document.blocks if isinstance(b, Heading)), default=2)
    renamed: dict[str, str] = {}
    seen: dict[str, int] = {}
    blocks: list[Block] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            depth = block.level - top + 1
            counters = (counters + [0] * depth)[:depth]
            counters[-1] += 1
            number = ".".join(map(str, counters)) + ("." if depth == 1 else "")
            text = f"{number} {block.text}"
            base = slugify(text)
            seen[base] = seen.get(base, 0) + 1
            new_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
            renamed[block.id] = new_id
            block = Heading(block.level, text, new_id)
        blocks.append(block)
    return replace(document, blocks=tuple(relink(b, renamed) for b in blocks))


def relink(block: Block, renamed: dict[str, str]) -> Block:
    """A block -> the same block with ``](#old)`` internal links pointing at the renamed ids."""

    def fix(text: str) -> str:
        return _INTERNAL_LINK_RE.sub(lambda m: f"](#{renamed.get(m.group(1), m.group(1))})", text)

    if isinstance(block, Paragraph):
        return Paragraph(fix(block.text))
    if isinstance(block, ListBlock):
        return ListBlock(block.ordered, tuple(Item(i.level, fix(i.text)) for i in block.items))
    if isinstance(block, Table):

        def cells(row: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
            return tuple(tuple(fix(part) for part in cell) for cell in row)

        header = cells(block.header) if block.header is not None else None
        return Table(header, tuple(cells(row) for row in block.rows))
    return block


def item_marker(part: str) -> str:
    """A cell part -> its text without a leading ``- `` list marker."""
    return part[2:] if part.startswith("- ") else part


def gold_cell(cell: tuple[str, ...]) -> str:
    return "<br>".join(item_marker(part) for part in cell) or " "


def gold_markdown(document: Document) -> str:
    """A (styled) document -> the Markdown a perfect extraction gives: our writer's conventions
    (address lines joined by ``<br>`` in one paragraph, list markers in cells dropped, the first row
    of a header-less grid written as GFM's header row)."""
    effective = f"\neffective: {document.effective}" if document.effective else ""
    parts = [f"---\ntitle: {document.title}\nlang: {document.lang}{effective}\n---", f"# {document.title}"]
    for block in document.blocks:
        if isinstance(block, Heading):
            parts.append(f"{'#' * block.level} {block.text} {{#{block.id}}}")
        elif isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, ListBlock):
            numbers: dict[int, int] = {}
            lines = []
            for item in block.items:
                numbers = {lvl: n for lvl, n in numbers.items() if lvl <= item.level}
                numbers[item.level] = numbers.get(item.level, 0) + 1
                marker = f"{numbers[item.level]}." if block.ordered else "-"
                lines.append("    " * item.level + f"{marker} {item.text}")
            parts.append("\n".join(lines))
        else:
            rows = ([block.header] if block.header is not None else []) + list(block.rows)
            width = max(len(r) for r in rows)
            lines = ["| " + " | ".join(gold_cell(c) for c in row) + " |" for row in rows]
            lines.insert(1, "|" + "---|" * width)
            parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"
