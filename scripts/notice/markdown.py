"""Markdown: the document model in, Markdown text out; and the few facts read back from it.

The writer is deterministic: the same ``Notice`` always gives the same bytes. One paragraph
or list item per line, so a diff shows exactly the sentence that changed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from notice.errors import StructureError
from notice.model import Cell, ListBlock, Notice, Paragraph, Span, Table

HEADING_LINE = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*#([A-Za-z0-9_-]+)[^}]*\})?\s*$")
FENCE = re.compile(r"^(```|~~~)")
#: How a hard line break inside a paragraph is written: two spaces ending the line.
HARD_BREAK = "  \n"


# ---------------------------------------------------------------- writing


#: An '&' that Python-Markdown would read as the start of a character reference.
ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def escape(text: str) -> str:
    """Markdown-safe text: what a PDF prints is shown as printed, never read as markup. Python-Markdown
    has no backslash escape for '<' (it would show the backslash), so '<' becomes an entity, and so
    does an '&' that would start one ('&#106;' stays those six characters); the others take a
    backslash ('{' too, so a printed '{: onclick=…}' is no attribute list)."""
    text = re.sub(r"([\\`*_\[\]>{])", r"\\\1", text)
    return ENTITY_START.sub("&amp;", text).replace("<", "&lt;")


def escape_line_start(text: str) -> str:
    """Keep a paragraph that begins like a list, heading or quote from turning into one."""
    return re.sub(r"^(\s*)(#|>|[-+*]\s|\d{1,9}[.)]\s)", lambda m: m.group(1) + "\\" + m.group(2), text)


def render_span(span: Span) -> str:
    if span.href is None:
        return f"**{escape(span.text.strip())}**".join(_edges(span.text)) if span.bold else escape(span.text)
    if span.text == span.href and re.match(r"^https?://\S+$", span.href):
        return f"<{span.href}>"
    text = escape(span.text.strip()).join(_edges(span.text))
    return f"[{text.strip()}]({span.href.replace(' ', '%20').replace(')', '%29')})".join(_edges(span.text))


def _edges(text: str) -> tuple[str, str]:
    """The whitespace around ``text``, so emphasis and link markers hug the words."""
    return (" " if text[:1].isspace() else "", " " if text[-1:].isspace() else "")


def render_spans(spans: tuple[Span, ...]) -> str:
    """One line of Markdown; a "\n" in the text (a hard line break, as in an address) ends a line
    with two spaces, which Python-Markdown renders as <br> and the reader reads back as "\n"."""
    text = "".join(render_span(s) for s in spans)
    lines = [escape_line_start(re.sub(r"\s+", " ", part).strip()) for part in text.split("\n")]
    return HARD_BREAK.join(line for line in lines if line)


def render_list(block: ListBlock) -> list[str]:
    """One item per line; nesting never deeper than one level below the item before, so an
    orphan sub-item cannot turn into an indented code block."""
    lines = []
    depth = -1
    for item in block.items:
        depth = min(item.level, depth + 1)
        marker = f"{item.number or 1}." if block.ordered else "-"
        lines.append("    " * depth + f"{marker} {render_spans(item.spans)}")
    return lines


def render_cell(cell: Cell) -> str:
    """A cell's blocks on one line, ``<br>`` between them; a list keeps its items' markers
    ("- a<br>- b", "1. a<br>2. b": the site makes them a list again), while a paragraph that
    only looks like an item is escaped. Lists in a cell are one level deep."""
    parts: list[str] = []
    for block in cell.blocks:
        if isinstance(block, Paragraph):
            parts.append(render_spans(block.spans))
        else:
            for n, item in enumerate(block.items, 1):
                marker = f"{item.number or n}." if block.ordered else "-"
                parts.append(f"{marker} {render_spans(item.spans)}")
    return "<br>".join(p.replace("|", "\\|") for p in parts) or " "


def render_table(table: Table) -> list[str]:
    """A pipe table. Markdown needs a header row; a table without one (a layout grid) gets an empty
    header row, which the reader and the site read as "no header"."""
    body = table.rows
    width = max([len(table.header or ())] + [len(row) for row in body])
    header = table.header if table.header is not None else tuple(Cell(()) for _ in range(width))

    def row_line(cells: tuple[Cell, ...]) -> str:
        texts = [render_cell(c) for c in cells] + [" "] * (width - len(cells))
        return "| " + " | ".join(texts) + " |"

    return [row_line(header), "|" + "---|" * width] + [row_line(row) for row in body]


def render_blocks(blocks: tuple) -> list[str]:  # type: ignore[type-arg]
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(render_spans(block.spans))
        elif isinstance(block, ListBlock):
            out.append("\n".join(render_list(block)))
        elif isinstance(block, Table):
            out.append("\n".join(render_table(block)))
    return out


def front_matter(notice: Notice) -> str:
    data: dict[str, object] = {"title": notice.title, "lang": notice.lang}
    if notice.effective is not None:
        data["effective"] = notice.effective
    if notice.effective_label:
        data["effective_label"] = notice.effective_label
    data["source"] = notice.source
    data["source_sha256"] = notice.source_sha256
    if notice.source_sections:
        data["source_sections"] = dict(notice.source_sections)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{text}---\n"


def to_markdown(notice: Notice) -> str:
    parts = [front_matter(notice).rstrip("\n"), f"# {escape(notice.title)}"]
    parts.extend(render_blocks(notice.preamble))
    for section in notice.sections:
        parts.append(f"{'#' * section.level} {escape(section.heading)} {{#{section.id}}}")
        parts.extend(render_blocks(section.blocks))
    return "\n\n".join(p for p in parts if p) + "\n"


# ---------------------------------------------------------------- reading back


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str | None
    line: int


#: libyaml's safe loader when PyYAML was built with it (the same values, ten times faster: front
#: matter is read for every page of every language), else PyYAML's own.
YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split_front_matter(text: str) -> tuple[dict[str, object], int]:
    """The front matter as a dict and the 1-based line number where the body starts."""
    if not text.startswith("---\n"):
        return {}, 1
    end = text.find("\n---\n", 4)
    if end < 0:
        raise StructureError("front matter opened with '---' is never closed")
    data = yaml.load(text[4:end], Loader=YAML_LOADER) or {}
    if not isinstance(data, dict):
        raise StructureError("front matter is not a mapping of keys to values")
    return data, text[: end + 5].count("\n") + 1


def read_headings(text: str) -> list[Heading]:
    """Every ATX heading outside code fences, with its explicit ``{#id}`` if any."""
    _, body_start = split_front_matter(text)
    headings = []
    in_fence = False
    for number, line in enumerate(text.splitlines(), 1):
        if number < body_start:
            continue
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else HEADING_LINE.match(line)
        if match:
            headings.append(Heading(len(match.group(1)), match.group(2), match.group(3), number))
    return headings


def section_ids(text: str) -> tuple[tuple[int, str], ...]:
    """(level, id) of every section heading (level 2 and deeper), in order."""
    out = []
    for heading in read_headings(text):
        if heading.level < 2:
            continue
        if heading.id is None:
            raise StructureError(f"line {heading.line}: heading '{heading.text}' has no {{#id}}")
        out.append((heading.level, heading.id))
    return tuple(out)


def effective_of(front: dict[str, object]) -> dt.date | None:
    value = front.get("effective")
    return value if isinstance(value, dt.date) else None
