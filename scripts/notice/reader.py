"""Reader: notice Markdown in, the document model (``Notice``) out — the inverse of ``markdown.py``.

The archive, the redline and the exports start here, so that JSON, PDF and the compare view are
renderings of the same typed model the extractor produces, never of loose dicts or of HTML.

The grammar is the one the writer emits, which is also what legal editors keep when they edit:
front matter, one ``# title``, headings with ``{#id}``, paragraphs, ``-``/``1.`` lists nested by
four spaces, pipe tables with ``<br>`` inside cells ("- item" parts are a list; an empty header
row means no header), ``**bold**``, ``[text](href)`` and
``<https://…>``. Anything else (block quotes, code, rules, raw HTML blocks) has no place in the
model and is refused with ``file:line`` rather than dropped. ``to_markdown(read_notice(text))``
gives back ``text`` byte for byte for every notice the writer made (tests/test_versions_reader.py).

Every block's ``SourceRef`` is ``(file, 0, line)``: page 0, because a Markdown file has no pages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from notice.errors import StructureError
from notice.markdown import FENCE, HEADING_LINE, split_front_matter
from notice.model import (
    Block,
    Cell,
    CellBlock,
    ListBlock,
    ListItem,
    Notice,
    Paragraph,
    Section,
    SourceRef,
    Span,
    Table,
)

LIST_ITEM = re.compile(r"^( *)([-+*]|\d{1,9}[.)])\s+(.*)$")
TABLE_DELIMITER = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$")
#: Characters Python-Markdown lets a backslash escape; before anything else a backslash is text.
ESCAPABLE = set("\\`*_{}[]()>#+-.!|")
#: A list level is four spaces, as Python-Markdown (and so the site) reads it.
LIST_INDENT = 4
REFUSED = (
    (re.compile(r"^\s{0,3}>"), "a block quote"),
    (re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$"), "a horizontal rule"),
    (re.compile(r"^\s{0,3}<(?:div|table|p|section|details|pre|blockquote|ul|ol|h[1-6])\b", re.IGNORECASE), "raw HTML"),
    (re.compile(r"^ {4,}\S"), "an indented code block"),
)


class MarkdownError(StructureError):
    """The notice Markdown does not fit the model; says which file and line."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message


@dataclass
class _Cursor:
    """The lines of the body and where reading has got to (1-based line numbers in the file)."""

    path: str
    lines: list[str]
    first_line: int
    index: int = 0

    def done(self) -> bool:
        return self.index >= len(self.lines)

    @property
    def line(self) -> str:
        return self.lines[self.index]

    @property
    def number(self) -> int:
        return self.first_line + self.index

    def ref(self) -> SourceRef:
        return SourceRef(self.path, 0, self.number)

    def error(self, message: str, number: int | None = None) -> MarkdownError:
        return MarkdownError(self.path, number or self.number, message)


# ---------------------------------------------------------------- inline


#: Where inline markup can start; the text between two of these is plain and copied whole.
INLINE_SPECIAL = re.compile(r"[\\&*\[<]")


def parse_inline(text: str) -> tuple[Span, ...]:
    """Spans of one line of inline Markdown: plain text, ``**bold**``, links and autolinks."""
    spans: list[Span] = []
    i = 0
    plain: list[str] = []

    def flush() -> None:
        if plain:
            spans.append(Span("".join(plain)))
            plain.clear()

    while i < len(text):
        special = INLINE_SPECIAL.search(text, i)
        if special is None:
            plain.append(text[i:])
            break
        if special.start() > i:
            plain.append(text[i : special.start()])
        i = special.start()
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in ESCAPABLE:
            plain.append(text[i + 1])
            i += 2
            continue
        if text.startswith("&lt;", i):  # the writer's spelling of '<' (Markdown has no escape for it)
            plain.append("<")
            i += 4
            continue
        if text.startswith("&amp;", i):  # and of an '&' that would start a character reference
            plain.append("&")
            i += 5
            continue
        if text.startswith("**", i):
            end = _closing(text, "**", i + 2)
            if end > i + 2:
                flush()
                spans.append(Span(unescape(text[i + 2 : end]), bold=True))
                i = end + 2
                continue
        if char == "[":
            link = _link_at(text, i)
            if link is not None:
                flush()
                label, href, i = link
                spans.append(Span(unescape(label), href))
                continue
        if char == "<":
            match = re.match(r"<((?:https?|mailto):[^\s<>]+)>", text[i:])
            if match:
                flush()
                spans.append(Span(match.group(1), match.group(1)))
                i += match.end()
                continue
        plain.append(char)
        i += 1
    flush()
    return _merge(spans)


def unescape(text: str) -> str:
    text = re.sub(r"\\(.)", lambda m: m.group(1) if m.group(1) in ESCAPABLE else m.group(0), text)
    return text.replace("&lt;", "<").replace("&amp;", "&")


def _closing(text: str, marker: str, start: int) -> int:
    """Index of the unescaped ``marker`` that closes a run opened before ``start``, or -1."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(marker, i):
            return i
        i += 1
    return -1


def _link_at(text: str, start: int) -> tuple[str, str, int] | None:
    """``[label](href)`` at ``start``: the raw label, the href and the index after the link."""
    depth = 0
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "[":
            depth += 1
        elif text[i] == "]":
            depth -= 1
            if depth == 0:
                break
        i += 1
    else:
        return None
    match = re.match(r"\(\s*<?([^\s()<>]*)>?\s*\)", text[i + 1 :])
    if match is None or not match.group(1):
        return None
    return text[start + 1 : i], match.group(1), i + 1 + match.end()


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for span in spans:
        if out and out[-1].href is None and span.href is None and out[-1].bold == span.bold:
            out[-1] = Span(out[-1].text + span.text, None, span.bold)
        elif span.text:
            out.append(span)
    return tuple(out)


# ---------------------------------------------------------------- blocks


def _is_block_start(line: str) -> bool:
    return bool(HEADING_LINE.match(line) or LIST_ITEM.match(line) or line.lstrip().startswith("|"))


def _refuse(cursor: _Cursor) -> None:
    if FENCE.match(cursor.line.lstrip()):
        raise cursor.error("a fenced code block has no place in a notice (paragraphs, lists and tables only)")
    for pattern, what in REFUSED:
        if pattern.match(cursor.line):
            raise cursor.error(f"{what} has no place in a notice (paragraphs, lists and tables only)")


def read_paragraph(cursor: _Cursor) -> Paragraph:
    ref = cursor.ref()
    parts: list[str] = []
    while not cursor.done() and cursor.line.strip() and (not parts or not _is_block_start(cursor.line)):
        parts.append(cursor.line.strip() + ("\n" if cursor.line.endswith("  ") else " "))
        cursor.index += 1
    return Paragraph(parse_inline("".join(parts).rstrip()), ref)


def read_list(cursor: _Cursor) -> ListBlock:
    ref = cursor.ref()
    first = LIST_ITEM.match(cursor.line)
    assert first is not None
    ordered = first.group(2)[0].isdigit()
    items: list[tuple[int, int | None, list[str], SourceRef]] = []
    while not cursor.done() and cursor.line.strip():
        match = LIST_ITEM.match(cursor.line)
        if match:
            marker = match.group(2)
            number = int(marker[:-1]) if ordered and marker[0].isdigit() else None
            items.append((len(match.group(1)) // LIST_INDENT, number, [match.group(3).strip()], cursor.ref()))
        elif HEADING_LINE.match(cursor.line) or cursor.line.lstrip().startswith("|"):
            break
        else:  # a continuation line of the item above, indented or lazy
            items[-1][2].append(cursor.line.strip())
        cursor.index += 1
    return ListBlock(
        tuple(
            ListItem(parse_inline(" ".join(text)), level, source, number)
            for level, number, text, source in items
        ),
        ordered,
        ref,
    )


def split_row(line: str) -> list[str]:
    """The cells of one pipe-table row, split at unescaped ``|``."""
    body = line.strip()
    body = body.removeprefix("|")
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    cells, current, i = [], [], 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body) and body[i + 1] == "|":
            current.append("|")
            i += 2
            continue
        if body[i] == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(body[i])
        i += 1
    cells.append("".join(current))
    return [c.strip() for c in cells]


def read_cell(text: str) -> Cell:
    """A cell's ``<br>``-separated parts: runs of "- item" (or "1. item") parts are one list."""
    parts = [p.strip() for p in re.split(r"<br\s*/?>", text) if p.strip()]
    blocks: list[CellBlock] = []
    for part in parts:
        item = LIST_ITEM.match(part)
        if item is None:
            blocks.append(Paragraph(parse_inline(part)))
            continue
        ordered = item.group(2)[0].isdigit()
        number = int(item.group(2)[:-1]) if ordered else None
        entry = ListItem(parse_inline(item.group(3)), 0, None, number)
        last = blocks[-1] if blocks else None
        if isinstance(last, ListBlock) and last.ordered == ordered:
            blocks[-1] = ListBlock(last.items + (entry,), ordered)
        else:
            blocks.append(ListBlock((entry,), ordered))
    return Cell(tuple(blocks))


def read_table(cursor: _Cursor) -> Table:
    """A pipe table; an empty header row means the table has none (a layout grid)."""
    ref = cursor.ref()
    header: tuple[Cell, ...] | None = tuple(read_cell(c) for c in split_row(cursor.line))
    if header is not None and not any(cell.blocks for cell in header):
        header = None
    cursor.index += 2  # the header row and the delimiter row
    rows = []
    while not cursor.done() and cursor.line.lstrip().startswith("|"):
        rows.append(tuple(read_cell(c) for c in split_row(cursor.line)))
        cursor.index += 1
    return Table(header, tuple(rows), ref)


def read_block(cursor: _Cursor) -> Block:
    _refuse(cursor)
    if LIST_ITEM.match(cursor.line):
        return read_list(cursor)
    if cursor.line.lstrip().startswith("|"):
        if cursor.index + 1 >= len(cursor.lines) or not TABLE_DELIMITER.match(cursor.lines[cursor.index + 1]):
            raise cursor.error("a table row without the |---| row under the header")
        return read_table(cursor)
    return read_paragraph(cursor)


# ---------------------------------------------------------------- the document


def _front_date(front: dict[str, object], key: str, path: str) -> dt.date | None:
    value = front.get(key)
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise MarkdownError(path, 1, f"front matter '{key}' must be a date like 2019-12-13, found {value!r}")


def read_notice(text: str, path: str | Path = "<notice>") -> Notice:
    """The ``Notice`` written in ``text``; ``path`` only names the file in error messages."""
    name = str(path)
    try:
        front, body_start = split_front_matter(text)
    except StructureError as err:
        raise MarkdownError(name, 1, str(err)) from None
    for key in ("title", "lang"):
        if not str(front.get(key) or "").strip():
            raise MarkdownError(name, 1, f"front matter has no '{key}'")
    cursor = _Cursor(name, text.splitlines()[body_start - 1 :], body_start)
    title: str | None = None
    preamble: list[Block] = []
    sections: list[tuple[int, str, str, SourceRef, list[Block]]] = []
    while not cursor.done():
        if not cursor.line.strip():
            cursor.index += 1
            continue
        heading = HEADING_LINE.match(cursor.line)
        if heading:
            level, words, anchor = len(heading.group(1)), heading.group(2), heading.group(3)
            if level == 1:
                if title is not None or sections or preamble:
                    raise cursor.error("a second '# ' title: sections start at '## '")
                title = "".join(s.text for s in parse_inline(words))
            elif anchor is None:
                raise cursor.error(f"heading '{words}' has no {{#id}} (every section keeps a fixed id)")
            else:
                sections.append(
                    (level, anchor, "".join(s.text for s in parse_inline(words)), cursor.ref(), [])
                )
            cursor.index += 1
            continue
        (sections[-1][4] if sections else preamble).append(read_block(cursor))
    if title is None:
        raise MarkdownError(name, body_start, "no '# ' title line")
    seen: dict[str, int] = {}
    for _, anchor, _, ref, _ in sections:
        if anchor in seen:
            raise MarkdownError(
                name, ref.line, f"section id '{anchor}' is used twice (first at line {seen[anchor]})"
            )
        seen[anchor] = ref.line
    label = front.get("effective_label")
    followed = front.get("source_sections") or {}
    untranslated = front.get("untranslated") or []
    return Notice(
        title=str(front.get("title") or title),
        lang=str(front["lang"]),
        effective=_front_date(front, "effective", name),
        source=str(front.get("source") or ""),
        source_sha256=str(front.get("source_sha256") or ""),
        preamble=tuple(preamble),
        sections=tuple(
            Section(anchor, level, heading, tuple(blocks), ref)
            for level, anchor, heading, ref, blocks in sections
        ),
        effective_label=str(label) if label else None,
        source_sections=tuple((str(k), str(v)) for k, v in followed.items())
        if isinstance(followed, dict)
        else (),
        untranslated=tuple(str(part) for part in untranslated) if isinstance(untranslated, list) else (),
    )


def read_notice_file(path: Path) -> Notice:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise MarkdownError(str(path), 1, f"cannot read ({err.strerror})") from None
    return read_notice(text, path)


def front_matter_line(text: str, key: str) -> int:
    """The 1-based line of ``key:`` in the front matter (1 when it is not there), for messages."""
    for number, line in enumerate(text.splitlines()[1:], 2):
        if line.strip() == "---":
            break
        if line.startswith(f"{key}:"):
            return number
    return 1
