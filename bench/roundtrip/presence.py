"""Whether a producer's PDF holds the whole gold: gold Markdown and a PDF -> the gold blocks whose
text the PDF's text layer lacks.

A test input that lost text (a title a producer never printed) charges every extractor for words
no extractor can read, so the round trip checks each rendering before it scores one. The check
must hold for every producer and style, so it asks for no reading order: the PDF's characters are
taken in content-stream order, folded (case, compatibility forms, everything but letters and
digits dropped, so hyphenation and line ends vanish), and a gold block is present when most of its
folded text is covered by runs of :data:`RUN_CHARS` characters found in that stream. Columns,
tables and page breaks cut the stream into pieces, but each line's characters stay together.

Does not import pdfplumber at module level (the page and producer modules do not need it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

import metrics

RUN_CHARS = 12
"""Folded characters a run must have to count as found: longer than most words (a single word is
found anywhere), shorter than a line of the narrowest column, so a line's text holds whole runs."""
MIN_COVERED = 0.75
"""The share of a block's folded text that must be found for the block to count as printed. Measured
on the round trip's 54 renderings: every printed block 1.0; a lost one is covered only by runs it
shares by chance with other text (the lost title "Example Ltd Privacy Notice": 0.52, its first run
"exampleltdpr" in a cell "Example Ltd" above a line "Protects forms")."""
LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def fold(text: str) -> str:
    """Text -> its letters and digits, compatibility-decomposed (ligatures split) and case-folded."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def gold_blocks(gold_md: str) -> list[str]:
    """Gold Markdown -> the visible text of each heading, paragraph, list item and table cell, cut
    at its line breaks (``<br>``): a producer may draw the lines of one cell apart (a bold first line
    after the rest), and a line shorter than a run is then found only on its own."""
    parsed = metrics.parse_markdown(gold_md)
    texts = [h.text for h in parsed.headings]
    texts += [" ".join(lines) for lines in parsed.paragraphs]
    texts += [item.text for item in parsed.list_items]
    texts += [metrics.cell_without_bullets(cell) for table in parsed.tables for row in table for cell in row]
    lines = [metrics.inline_to_normal(line) for text in texts for line in LINE_BREAK.split(text)]
    return [line for line in lines if fold(line)]


def runs_of(stream: str) -> frozenset[str]:
    """A folded text stream -> every run of :data:`RUN_CHARS` characters in it."""
    return frozenset(stream[i:i + RUN_CHARS] for i in range(len(stream) - RUN_CHARS + 1))


def covered_share(block: str, stream: str, runs: frozenset[str]) -> float:
    """A folded block -> the share of its characters inside a run found in the stream, or inside a
    stretch between such runs that the stream holds whole (a line of a cell cut shorter than a run,
    as "institution" under "A licensed payment"; a block shorter than a run is such a stretch)."""
    covered = [False] * len(block)
    for i in range(len(block) - RUN_CHARS + 1):
        if block[i:i + RUN_CHARS] in runs:
            covered[i:i + RUN_CHARS] = [True] * RUN_CHARS
    for start, end in uncovered_stretches(covered):
        if block[start:end] in stream:
            covered[start:end] = [True] * (end - start)
    return sum(covered) / len(block)


def uncovered_stretches(covered: Sequence[bool]) -> list[tuple[int, int]]:
    """Flags per character -> the (start, end) of each maximal run of unflagged characters."""
    stretches: list[tuple[int, int]] = []
    start = None
    for i, flag in enumerate([*covered, True]):
        if not flag and start is None:
            start = i
        elif flag and start is not None:
            stretches.append((start, i))
            start = None
    return stretches


def missing_blocks(blocks: Iterable[str], stream_text: str) -> list[str]:
    """Gold block texts and the PDF's text in stream order -> the blocks the text does not hold."""
    stream = fold(stream_text)
    runs = runs_of(stream)
    return [block for block in blocks if covered_share(fold(block), stream, runs) < MIN_COVERED]


def pdf_stream_text(pdf: Path) -> str:
    """A PDF -> its characters in content-stream order, page after page."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return "".join(char["text"] for page in document.pages for char in page.chars)


def gold_missing_from_pdf(gold_md: str, pdf: Path) -> list[str]:
    """Gold Markdown and its PDF -> the gold blocks the PDF does not print (empty when it holds all)."""
    return missing_blocks(gold_blocks(gold_md), pdf_stream_text(pdf))


def describe(blocks: Sequence[str], limit: int = 3) -> str:
    """Missing blocks -> a short quote of the first few, for a one-line note."""
    shown = "; ".join(repr(b[:60]) for b in blocks[:limit])
    return shown + (f" and {len(blocks) - limit} more" if len(blocks) > limit else "")
