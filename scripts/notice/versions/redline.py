"""Redline: a version's ``Notice`` and the next version's in; what changed, section by section and
word by word, out (``Redline``). The compare page renders it with ``partials/notice-redline.html``.

Sections are matched by their fixed ids, so a renamed heading is a change inside one section, not
a section removed and another added. Inside a section, paragraphs, list items and table rows are
aligned first, then the words of each changed pair are diffed. A word is its text and its link
target, so a link whose address changed shows as changed even when its text did not.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from notice.model import Block, ListBlock, Notice, Paragraph, Section, Span, Table

Op = Literal["equal", "insert", "delete"]
Status = Literal["unchanged", "changed", "added", "removed"]
#: Below this word similarity a paragraph is shown as deleted and its replacement as inserted:
#: a word diff of two unrelated paragraphs is harder to read than both in full.
MIN_PAIR_SIMILARITY = 0.3
CELL_SEPARATOR = " | "


@dataclass(frozen=True)
class Word:
    text: str
    href: str | None
    space: bool  # whitespace before it

    @property
    def key(self) -> tuple[str, str | None]:
        return self.text, self.href


@dataclass(frozen=True)
class Run:
    """Consecutive words with the same fate and link; ``space``: whitespace before the run."""

    op: Op
    text: str
    href: str | None = None
    space: bool = False


@dataclass(frozen=True)
class Line:
    """A paragraph, a list item or a table row, as runs."""

    kind: Literal["paragraph", "item", "row"]
    runs: tuple[Run, ...]
    level: int = 0

    @property
    def changed(self) -> bool:
        return any(run.op != "equal" for run in self.runs)


@dataclass(frozen=True)
class SectionChange:
    id: str  # "" for the text between the title and the first section
    level: int
    heading: tuple[Run, ...]
    status: Status
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Redline:
    old: Notice
    new: Notice
    title: tuple[Run, ...]
    sections: tuple[SectionChange, ...]

    def count(self, status: Status) -> int:
        return sum(1 for s in self.sections if s.status == status)


# ---------------------------------------------------------------- words


def words(spans: tuple[Span, ...]) -> list[Word]:
    """Words and single punctuation marks, so "namn" and "namn," share the word and differ by the comma."""
    out: list[Word] = []
    space = False
    for span in spans:
        for piece in re.findall(r"\s+|\w+|[^\w\s]", span.text):
            if piece.isspace():
                space = True
            else:
                out.append(Word(piece, span.href, space and bool(out)))
                space = False
    return out


def _runs(items: list[tuple[Op, Word]]) -> tuple[Run, ...]:
    runs: list[Run] = []
    for op, word in items:
        last = runs[-1] if runs else None
        if last is not None and last.op == op and last.href == word.href:
            runs[-1] = Run(op, last.text + (" " if word.space else "") + word.text, last.href, last.space)
        else:
            runs.append(Run(op, word.text, word.href, word.space))
    return tuple(runs)


def diff_words(old: list[Word], new: list[Word]) -> tuple[Run, ...]:
    matcher = difflib.SequenceMatcher(None, [w.key for w in old], [w.key for w in new], autojunk=False)
    items: list[tuple[Op, Word]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            items += [("equal", w) for w in new[j1:j2]]
            continue
        items += [("delete", w) for w in old[i1:i2]]
        inserted = new[j1:j2]
        if inserted and i2 > i1:  # the replacement reads after the deletion, with a space between
            inserted = [Word(inserted[0].text, inserted[0].href, True)] + inserted[1:]
        items += [("insert", w) for w in inserted]
    return _runs(items)


def whole(op: Op, line_words: list[Word]) -> tuple[Run, ...]:
    return _runs([(op, w) for w in line_words])


# ---------------------------------------------------------------- lines


@dataclass(frozen=True)
class _Text:
    kind: Literal["paragraph", "item", "row"]
    words: tuple[Word, ...]
    level: int = 0

    @property
    def key(self) -> tuple[object, ...]:
        return (self.kind, self.level, tuple(w.key for w in self.words))


def lines_of(blocks: tuple[Block, ...]) -> list[_Text]:
    out: list[_Text] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(_Text("paragraph", tuple(words(block.spans))))
        elif isinstance(block, ListBlock):
            out.extend(_Text("item", tuple(words(item.spans)), item.level) for item in block.items)
        elif isinstance(block, Table):
            rows = ([block.header] if block.header is not None else []) + list(block.rows)
            for row in rows:
                spans: list[Span] = []
                for n, cell in enumerate(row):
                    if n:
                        spans.append(Span(CELL_SEPARATOR))
                    for part in cell.blocks:
                        parts = (
                            part.spans
                            if isinstance(part, Paragraph)
                            else tuple(s for item in part.items for s in item.spans)
                        )
                        spans.extend(parts + (Span(" "),))
                out.append(_Text("row", tuple(words(tuple(spans)))))
    return out


def similarity(a: _Text, b: _Text) -> float:
    return difflib.SequenceMatcher(
        None, [w.key for w in a.words], [w.key for w in b.words], autojunk=False
    ).ratio()


def diff_lines(old: list[_Text], new: list[_Text]) -> tuple[Line, ...]:
    matcher = difflib.SequenceMatcher(None, [t.key for t in old], [t.key for t in new], autojunk=False)
    out: list[Line] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [Line(t.kind, whole("equal", list(t.words)), t.level) for t in new[j1:j2]]
            continue
        olds, news = old[i1:i2], new[j1:j2]
        for a, b in zip(olds, news):
            if a.kind == b.kind and similarity(a, b) >= MIN_PAIR_SIMILARITY:
                out.append(Line(b.kind, diff_words(list(a.words), list(b.words)), b.level))
            else:
                out.append(Line(a.kind, whole("delete", list(a.words)), a.level))
                out.append(Line(b.kind, whole("insert", list(b.words)), b.level))
        out += [Line(t.kind, whole("delete", list(t.words)), t.level) for t in olds[len(news) :]]
        out += [Line(t.kind, whole("insert", list(t.words)), t.level) for t in news[len(olds) :]]
    return tuple(out)


# ---------------------------------------------------------------- sections


def heading_words(text: str) -> list[Word]:
    return words((Span(text),))


def compare_section(old: Section | None, new: Section | None) -> SectionChange:
    if old is None and new is not None:
        return SectionChange(
            new.id,
            new.level,
            whole("insert", heading_words(new.heading)),
            "added",
            diff_lines([], lines_of(new.blocks)),
        )
    if new is None and old is not None:
        return SectionChange(
            old.id,
            old.level,
            whole("delete", heading_words(old.heading)),
            "removed",
            diff_lines(lines_of(old.blocks), []),
        )
    assert old is not None and new is not None
    heading = diff_words(heading_words(old.heading), heading_words(new.heading))
    lines = diff_lines(lines_of(old.blocks), lines_of(new.blocks))
    changed = any(r.op != "equal" for r in heading) or any(line.changed for line in lines)
    return SectionChange(new.id, new.level, heading, "changed" if changed else "unchanged", lines)


def section_order(old: Notice, new: Notice) -> list[tuple[Section | None, Section | None]]:
    """Pairs by id in the new order; a removed section follows the old section it followed."""
    new_ids = {s.id for s in new.sections}
    old_by_id = {s.id: s for s in old.sections}
    removed_after: dict[str | None, list[Section]] = defaultdict(list)
    previous: str | None = None
    for section in old.sections:
        if section.id in new_ids:
            previous = section.id
        else:
            removed_after[previous].append(section)
    pairs: list[tuple[Section | None, Section | None]] = [(s, None) for s in removed_after[None]]
    for section in new.sections:
        pairs.append((old_by_id.get(section.id), section))
        pairs += [(s, None) for s in removed_after[section.id]]
    return pairs


def compare(old: Notice, new: Notice) -> Redline:
    preamble_lines = diff_lines(lines_of(old.preamble), lines_of(new.preamble))
    preamble = SectionChange(
        "", 1, (), "changed" if any(line.changed for line in preamble_lines) else "unchanged", preamble_lines
    )
    sections = [compare_section(a, b) for a, b in section_order(old, new)]
    title = diff_words(heading_words(old.title), heading_words(new.title))
    return Redline(old, new, title, tuple(([preamble] if preamble_lines else []) + sections))
