"""Scoring functions for PDF->Markdown extraction: Markdown strings in, numbers out.

Input: a gold Markdown string (hand-checked) and a predicted one (a converter's output).
Output: a :class:`DocumentScores` with text similarity, heading/list/table-cell/link F1 and counts of
defects that should be zero. Everything here is pure (no I/O, no printing) so it can be unit-tested.

The Markdown reader is deliberately small: ATX headings, ``-``/``*``/``+``/``1.`` lists (nesting by
indentation), GFM pipe tables, paragraphs, optional front matter. That is all our extractor and
pymupdf4llm emit; anything else is read as paragraph text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from rapidfuzz.distance import Indel

MATCH_THRESHOLD = 0.9
"""Minimum normalised Indel similarity for a predicted heading or list item to match a gold one."""

# --- text normalisation -------------------------------------------------------------------------

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2039\u203a"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_CHAR_MAP: dict[int, str | None] = {
    **{ord(c): "-" for c in _DASHES},
    **{ord(c): "'" for c in _SINGLE_QUOTES},
    **{ord(c): '"' for c in _DOUBLE_QUOTES},
    **{ord(c): None for c in _INVISIBLE},
}


def normalise_text(text: str) -> str:
    """Plain text -> NFC text with one kind of hyphen and quote, whitespace collapsed to single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_CHAR_MAP)
    return " ".join(text.split())


_ATTR_LIST_RE = re.compile(r"\s*\{:?\s*[#.][^{}]*\}")
_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK_RE = re.compile(
    r"(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?"
    r"(?:\s+[\"'][^\"']*[\"'])?\s*\)"
)
_AUTOLINK_RE = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)|(?:[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+))>")
_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:[ \t][^<>\n]*)?/?>")
_EMPHASIS_RE = re.compile(r"(?<!\\)\*+|(?<![\w\\])_+|_+(?!\w)|(?<!\\)~~")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


def inline_to_plain(text: str) -> str:
    """Inline Markdown -> visible text: links keep their text, autolinks their URI; tags and emphasis go."""
    text = _ATTR_LIST_RE.sub("", text)
    text = _IMAGE_RE.sub(r"\1", text)
    text = _LINK_RE.sub(r"\1", text)
    text = _AUTOLINK_RE.sub(r"\1", text)
    text = _BR_RE.sub(" ", text)
    text = _HTML_TAG_RE.sub("", text)
    text = _EMPHASIS_RE.sub("", text)
    return _ESCAPE_RE.sub(r"\1", text)


def inline_to_normal(text: str) -> str:
    """Inline Markdown -> normalised visible text (the form every comparison here uses)."""
    return normalise_text(inline_to_plain(text))


# --- Markdown structure -------------------------------------------------------------------------

_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_LIST_RE = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
_TABLE_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_THEMATIC_BREAK_RE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_CELL_SPLIT_RE = re.compile(r"(?<!\\)\|")
_CELL_BULLET_RE = re.compile(r"(^|<br\s*/?>)\s*[-*+][ \t]+", re.IGNORECASE)


@dataclass(frozen=True)
class Heading:
    """An ATX heading: ``level`` 1-6 and its raw inline text (attribute list removed)."""

    level: int
    text: str


@dataclass(frozen=True)
class ListItem:
    """A list item (nested ones included): nesting ``level`` from 1 and its raw inline text."""

    level: int
    text: str


@dataclass(frozen=True)
class Link:
    """A link as (normalised anchor text, target URI); ``<uri>`` autolinks use the URI as text."""

    text: str
    target: str


@dataclass(frozen=True)
class ParsedMarkdown:
    """The parts of a Markdown document that the metrics look at."""

    front_matter: dict[str, str]
    body: str
    headings: tuple[Heading, ...]
    list_items: tuple[ListItem, ...]
    tables: tuple[tuple[tuple[str, ...], ...], ...]
    paragraphs: tuple[tuple[str, ...], ...]
    """Each paragraph as its physical lines, so wrapped lines stay visible."""


def split_front_matter(markdown: str) -> tuple[dict[str, str], str]:
    """Markdown -> (``key: value`` pairs of a leading ``---`` block, the rest). No YAML parser needed."""
    lines = markdown.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, markdown
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            pairs = (line.split(":", 1) for line in lines[1:end] if ":" in line)
            meta = {k.strip(): v.strip().strip("'\"") for k, v in pairs if not k.startswith((" ", "\t"))}
            return meta, "\n".join(lines[end + 1 :])
    return {}, markdown


def is_table_start(lines: Sequence[str], i: int) -> bool:
    """True when ``lines[i]`` is a GFM table header row (it has a pipe and a separator row follows)."""
    return "|" in lines[i] and i + 1 < len(lines) and bool(_TABLE_SEPARATOR_RE.match(lines[i + 1]))


def cell_without_bullets(cell: str) -> str:
    """A cell's raw Markdown -> the same without the bullet marker that opens a ``<br>``-separated
    line ("- a<br>- b" -> "a<br>b"): a list in a cell is written so, and its marker is syntax, as a
    list line's is; ordered numbers stay, as they are printed."""
    return _CELL_BULLET_RE.sub(r"\1", cell)


def row_to_cells(line: str) -> tuple[str, ...]:
    """One GFM table row -> its raw cell strings (outer pipes dropped, escaped pipes kept)."""
    line = line.strip()
    line = line.removeprefix("|")
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return tuple(cell.strip() for cell in _CELL_SPLIT_RE.split(line))


def is_block_start(lines: Sequence[str], i: int) -> bool:
    """True when ``lines[i]`` opens a heading, list item, table or thematic break."""
    line = lines[i]
    return bool(
        _HEADING_RE.match(line) or _LIST_RE.match(line) or _THEMATIC_BREAK_RE.match(line)
    ) or is_table_start(lines, i)


def indent_width(line: str) -> int:
    """A line -> the width of its leading whitespace in columns (a tab counts as 4)."""
    line = line.expandtabs(4)
    return len(line) - len(line.lstrip())


def parse_markdown(markdown: str) -> ParsedMarkdown:
    """Markdown string -> :class:`ParsedMarkdown` (front matter, headings, list items, tables, paragraphs)."""
    meta, body = split_front_matter(markdown)
    lines = body.splitlines()
    headings: list[Heading] = []
    items: list[ListItem] = []
    tables: list[tuple[tuple[str, ...], ...]] = []
    paragraphs: list[tuple[str, ...]] = []
    indents: list[int] = []  # marker columns of the open list items, outermost first
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() or _THEMATIC_BREAK_RE.match(line):
            i += 1
        elif heading := _HEADING_RE.match(line):
            headings.append(Heading(len(heading.group(1)), _ATTR_LIST_RE.sub("", heading.group(2) or "")))
            indents, i = [], i + 1
        elif is_table_start(lines, i):
            table, i = take_table(lines, i)
            tables.append(table)
            indents = []
        elif item := _LIST_RE.match(line):
            indents = [col for col in indents if col < indent_width(item.group(1))]
            indents.append(indent_width(item.group(1)))
            text_lines, i = take_lines(lines, i + 1)
            items.append(ListItem(len(indents), " ".join([item.group(3) or "", *text_lines]).strip()))
        elif indents and indent_width(line) > indents[-1]:
            text_lines, i = take_lines(lines, i)  # loose item's next paragraph
            last = items[-1]
            items[-1] = ListItem(last.level, " ".join([last.text, *text_lines]).strip())
        else:
            rest, i = take_lines(lines, i + 1)
            paragraphs.append((line.strip(), *rest))
            indents = []
    return ParsedMarkdown(meta, body, tuple(headings), tuple(items), tuple(tables), tuple(paragraphs))


def take_table(lines: Sequence[str], i: int) -> tuple[tuple[tuple[str, ...], ...], int]:
    """Lines and the index of a table header -> (its rows of cells without the separator, index after)."""
    rows = [row_to_cells(lines[i])]
    i += 2
    while i < len(lines) and lines[i].strip() and "|" in lines[i]:
        rows.append(row_to_cells(lines[i]))
        i += 1
    return tuple(rows), i


def take_lines(lines: Sequence[str], i: int) -> tuple[list[str], int]:
    """Lines from ``i`` on -> (the stripped lines up to a blank line or block start, index after them).

    Used for paragraph lines and an item's lazy continuation lines; ``parse_markdown`` adds a paragraph
    indented past the marker after a blank line, which is how CommonMark continues a loose item.
    """
    taken: list[str] = []
    while i < len(lines) and lines[i].strip() and not is_block_start(lines, i):
        taken.append(lines[i].strip())
        i += 1
    return taken, i


def links_in(body: str) -> list[Link]:
    """Markdown body -> every ``[text](uri)`` and ``<uri>`` link, text normalised, in document order."""
    found: list[tuple[int, Link]] = []
    for match in _LINK_RE.finditer(body):
        found.append((match.start(), Link(inline_to_normal(match.group(1)), normalise_target(match.group(2).strip()))))
    masked = _LINK_RE.sub(lambda match: " " * len(match.group()), body)  # no autolinks inside links
    for match in _AUTOLINK_RE.finditer(masked):
        uri = match.group(1)
        target = uri if ":" in uri.split("@")[0] else f"mailto:{uri}"
        found.append((match.start(), Link(normalise_text(uri), normalise_target(target))))
    return [link for _, link in sorted(found, key=lambda pair: pair[0])]


def normalise_target(uri: str) -> str:
    """A link target -> the same address in one spelling: a web address with an empty path gets "/"
    (RFC 3986, 6.2.3: ``https://example.org`` and ``https://example.org/`` are one address; Chromium
    writes the second for the first)."""
    parts = urlsplit(uri)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not parts.path:
        return urlunsplit(parts._replace(path="/"))
    return uri


def markdown_to_words(markdown: str) -> list[str]:
    """Markdown -> the normalised words a reader sees, in order (all syntax and front matter stripped)."""
    _, body = split_front_matter(markdown)
    lines = body.splitlines()
    kept = [
        strip_block_syntax(line)
        for i, line in enumerate(lines)
        if not (_THEMATIC_BREAK_RE.match(line) or (i > 0 and is_table_start(lines, i - 1)))
    ]
    return normalise_text(inline_to_plain("\n".join(kept))).split()  # joined first: links may wrap


def strip_block_syntax(line: str) -> str:
    """One Markdown line -> its inline content (heading hashes, bullet markers and table pipes removed).

    Ordered-list numbers are kept: they are visible text in the PDF, unlike bullet glyphs.
    """
    if heading := _HEADING_RE.match(line):
        return heading.group(2) or ""
    if (item := _LIST_RE.match(line)) and item.group(2) in "-*+":
        return item.group(3) or ""
    if line.lstrip().startswith("|"):
        return " ".join(cell_without_bullets(cell) for cell in row_to_cells(line))
    return line


def line_to_plain(line: str) -> str:
    """One Markdown line -> its normalised visible text."""
    return normalise_text(inline_to_plain(strip_block_syntax(line)))


# --- metrics ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 in [0, 1]. Both sides empty counts as perfect (1, 1, 1)."""

    precision: float
    recall: float
    f1: float


def prf(matched: int, n_gold: int, n_pred: int) -> PRF:
    """(matched count, gold count, predicted count) -> :class:`PRF`."""
    if n_gold == 0 and n_pred == 0:
        return PRF(1.0, 1.0, 1.0)
    precision = matched / n_pred if n_pred else 0.0
    recall = matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def multiset_prf(gold: Iterable[object], pred: Iterable[object]) -> PRF:
    """Two bags of hashable things -> :class:`PRF` of their exact multiset overlap."""
    gold_bag, pred_bag = Counter(gold), Counter(pred)
    return prf(sum((gold_bag & pred_bag).values()), sum(gold_bag.values()), sum(pred_bag.values()))


def greedy_match(
    gold: Sequence[str], pred: Sequence[str], threshold: float = MATCH_THRESHOLD
) -> list[tuple[int, int]]:
    """Two lists of strings -> one-to-one (gold index, pred index) pairs, most similar first.

    Pairs below ``threshold`` (normalised Indel similarity of the characters) are never matched.
    """
    candidates = sorted(
        (-score, g, p)
        for g, gold_text in enumerate(gold)
        for p, pred_text in enumerate(pred)
        if (score := Indel.normalized_similarity(gold_text, pred_text, score_cutoff=threshold)) >= threshold
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return pairs


def word_similarity(gold_md: str, pred_md: str) -> float:
    """Gold and predicted Markdown -> Indel normalised similarity of their normalised word sequences."""
    return float(Indel.normalized_similarity(markdown_to_words(gold_md), markdown_to_words(pred_md)))


@dataclass(frozen=True)
class HeadingScores:
    """Heading text P/R/F1 and the share of matched headings whose (re-based) level is right."""

    prf: PRF
    level_accuracy: float


def rebased_levels(headings: Sequence[Heading]) -> list[int]:
    """Headings -> their levels shifted so the smallest one is 1 (``##``/``###`` becomes 1/2)."""
    lowest = min((h.level for h in headings), default=1)
    return [h.level - lowest + 1 for h in headings]


def heading_scores(gold: Sequence[Heading], pred: Sequence[Heading]) -> HeadingScores:
    """Gold and predicted headings -> :class:`HeadingScores` (greedy text match at >= 0.9 similarity).

    Level accuracy is 1.0 when neither side has headings and 0.0 when nothing matched.
    """
    pairs = greedy_match([inline_to_normal(h.text) for h in gold], [inline_to_normal(h.text) for h in pred])
    gold_levels, pred_levels = rebased_levels(gold), rebased_levels(pred)
    same = sum(gold_levels[g] == pred_levels[p] for g, p in pairs)
    accuracy = same / len(pairs) if pairs else float(not gold and not pred)
    return HeadingScores(prf(len(pairs), len(gold), len(pred)), accuracy)


def list_item_prf(gold: Sequence[ListItem], pred: Sequence[ListItem]) -> PRF:
    """Gold and predicted list items (nested included) -> :class:`PRF` matched at >= 0.9 similarity."""
    pairs = greedy_match([inline_to_normal(i.text) for i in gold], [inline_to_normal(i.text) for i in pred])
    return prf(len(pairs), len(gold), len(pred))


def table_cells(tables: Iterable[Sequence[Sequence[str]]]) -> list[str]:
    """Parsed tables -> every non-empty cell's normalised text (``<br>`` read as a space)."""
    cells = (inline_to_normal(cell_without_bullets(cell)) for table in tables for row in table for cell in row)
    return [cell for cell in cells if cell]


def table_cell_prf(gold: ParsedMarkdown, pred: ParsedMarkdown) -> PRF:
    """Gold and predicted documents -> multiset :class:`PRF` over their table cell texts."""
    return multiset_prf(table_cells(gold.tables), table_cells(pred.tables))


def link_prf(gold: ParsedMarkdown, pred: ParsedMarkdown) -> PRF:
    """Gold and predicted documents -> multiset :class:`PRF` over (normalised text, target) link pairs."""
    return multiset_prf(links_in(gold.body), links_in(pred.body))


# --- defect counts (should be zero) -------------------------------------------------------------

_BULLET_GLYPH_RE = re.compile(
    r"^(?:[\uf0b7\uf0a7\u2022\u25cf\u00b7\u25aa\u25a0]|\u00a7(?=\s+\D)|\u2013(?=\s))"
)
_MARKER_PREFIX_RE = re.compile(r"^\s*(?:#{1,6}\s+|(?:[-*+]|\d{1,9}[.)])\s+)?[*_]*")
_DOUBLED_RE = re.compile(
    r"^[*_]*(?:[-*+](?=\s)|[\uf0b7\uf0a7\u2022\u25cf\u00b7\u25aa\u25a0\u2013]|\u00a7(?=\s+\D))"
)
_SENTENCE_END = ".!?:;"
_CLOSERS = "*_\"')]}\u2019\u201d\u00bb>"
_PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*$")
_PAGE_OF_RE = re.compile(
    r"\b(?:page|seite|sida|sidan|pagina|página|pag\.|p\.|blz\.)\s*\d{1,4}\s*"
    r"(?:of|von|av|di|de|sur|van|/)\s*\d{1,4}\b|(?:^|\s)\d{1,4} / \d{1,4}\s*$",
    re.IGNORECASE,
)
_LEADING_NUMBER_RE = re.compile(r"^\d{1,5}\s+")
_TRAILING_NUMBER_RE = re.compile(r"\s+\d{1,5}(?:\s*/\s*\d{1,5})?$")


def count_bullet_glyphs(markdown: str) -> int:
    """Markdown -> number of lines or list items whose text starts with a leftover bullet glyph.

    Glyphs: U+F0B7, U+F0A7, U+2022, U+25CF, U+00B7, U+25AA, U+25A0, U+00A7 when followed by space and a
    non-digit (Wingdings square; "§ 1" is a section sign) and U+2013 followed by space. Table rows skipped.
    """
    _, body = split_front_matter(markdown)
    return sum(
        bool(_BULLET_GLYPH_RE.match(_MARKER_PREFIX_RE.sub("", line, count=1)))
        for line in body.splitlines()
        if not line.lstrip().startswith("|")
    )


def count_doubled_markers(items: Iterable[ListItem]) -> int:
    """List items -> how many start with a second marker, as in ``- • text`` or ``- - text``."""
    return sum(bool(_DOUBLED_RE.match(item.text)) for item in items)


def ends_sentence(line: str) -> bool:
    """A physical line -> True when it ends in . ! ? : ; (closing quotes, brackets, emphasis ignored)."""
    return line.rstrip().rstrip(_CLOSERS).endswith(tuple(_SENTENCE_END))


def count_hard_breaks(paragraphs: Iterable[Sequence[str]]) -> int:
    """Paragraphs as physical lines -> number of lines that continue a line not ending a sentence."""
    return sum(not ends_sentence(prev) for lines in paragraphs for prev in lines[:-1])


def furniture_keys(plain: str) -> set[str]:
    """A normalised line -> itself, without a leading page number and without a trailing one."""
    return {plain, _LEADING_NUMBER_RE.sub("", plain), _TRAILING_NUMBER_RE.sub("", plain)}


def count_furniture(markdown: str, running_heads: Iterable[str] = ()) -> int:
    """Markdown and known running heads -> number of lines that are page furniture.

    Furniture: bare page numbers (1-3 digits), "Page n of m"-style lines and ``n / m`` at a line end,
    and lines equal to a running head once page numbers at either end are dropped.
    """
    _, body = split_front_matter(markdown)
    heads = {key for key in map(line_to_plain, running_heads) if key}
    count = 0
    for line in body.splitlines():
        if line.lstrip().startswith("|") or not line.strip():
            continue
        plain = line_to_plain(line)
        count += bool(
            _PAGE_NUMBER_RE.match(plain) or _PAGE_OF_RE.search(plain) or furniture_keys(plain) & heads
        )
    return count


# --- one document -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentScores:
    """All quality metrics of one predicted document against its gold.

    Scores are in [0, 1], higher is better. Counts are defects in excess of the gold's own count
    (so a legitimately multi-line address in the gold is not charged), lower is better.
    """

    word_similarity: float
    heading_precision: float
    heading_recall: float
    heading_f1: float
    heading_level_accuracy: float
    list_f1: float
    table_f1: float
    link_f1: float
    bullet_glyphs: int
    doubled_markers: int
    hard_breaks: int
    furniture: int


SCORE_FIELDS = (
    "word_similarity",
    "heading_precision",
    "heading_recall",
    "heading_f1",
    "heading_level_accuracy",
    "list_f1",
    "table_f1",
    "link_f1",
)
COUNT_FIELDS = ("bullet_glyphs", "doubled_markers", "hard_breaks", "furniture")


def defect_counts(markdown: str, parsed: ParsedMarkdown, running_heads: Sequence[str]) -> tuple[int, ...]:
    """A document -> its (bullet glyphs, doubled markers, hard breaks, furniture) counts."""
    return (
        count_bullet_glyphs(markdown),
        count_doubled_markers(parsed.list_items),
        count_hard_breaks(parsed.paragraphs),
        count_furniture(markdown, running_heads),
    )


def score_document(gold_md: str, pred_md: str, running_heads: Sequence[str] = ()) -> DocumentScores:
    """Gold Markdown, predicted Markdown and the gold's running heads -> :class:`DocumentScores`."""
    gold, pred = parse_markdown(gold_md), parse_markdown(pred_md)
    headings = heading_scores(gold.headings, pred.headings)
    pred_counts = defect_counts(pred_md, pred, running_heads)
    gold_counts = defect_counts(gold_md, gold, running_heads)
    excess = [max(0, p - g) for p, g in zip(pred_counts, gold_counts, strict=True)]
    return DocumentScores(
        word_similarity(gold_md, pred_md),
        headings.prf.precision,
        headings.prf.recall,
        headings.prf.f1,
        headings.level_accuracy,
        list_item_prf(gold.list_items, pred.list_items).f1,
        table_cell_prf(gold, pred).f1,
        link_prf(gold, pred).f1,
        *excess,
    )


# --- blocks (the round trip's exact ground truth) -----------------------------------------------

BLOCK_KINDS = ("heading", "paragraph", "item", "cell", "link")


@dataclass(frozen=True)
class Block:
    """One scored unit: ``kind`` (one of :data:`BLOCK_KINDS`), a ``key`` that must be equal to match
    (a heading's re-based level, a link's target) and the normalised ``text`` matched at >= 0.9."""

    kind: str
    key: str
    text: str


@dataclass(frozen=True)
class BlockScores:
    """Block P/R/F1 per kind and over all blocks (micro: every block counts once)."""

    per_kind: dict[str, PRF]
    overall: PRF


def blocks_of(markdown: str) -> list[Block]:
    """Markdown -> its blocks: headings (with level), paragraphs, list items, table cells, links.

    A heading's level is re-based (the highest heading is 1), so ``#``/``##`` and ``##``/``###``
    documents compare equal. A paragraph is its lines joined: an address with line breaks is one block.
    """
    parsed = parse_markdown(markdown)
    levels = rebased_levels(parsed.headings)
    blocks = [Block("heading", str(lvl), inline_to_normal(h.text)) for h, lvl in zip(parsed.headings, levels)]
    blocks += [Block("paragraph", "", inline_to_normal(" ".join(lines))) for lines in parsed.paragraphs]
    blocks += [Block("item", "", inline_to_normal(item.text)) for item in parsed.list_items]
    blocks += [Block("cell", "", cell) for cell in table_cells(parsed.tables)]
    blocks += [Block("link", link.target, link.text) for link in links_in(parsed.body)]
    return [b for b in blocks if b.text or b.kind == "link"]


def block_scores(gold_md: str, pred_md: str) -> BlockScores:
    """Gold and predicted Markdown -> :class:`BlockScores`; blocks pair one-to-one within (kind, key)."""
    gold, pred = blocks_of(gold_md), blocks_of(pred_md)
    per_kind: dict[str, PRF] = {}
    total = [0, 0, 0]
    for kind in BLOCK_KINDS:
        counts = [0, 0, 0]
        for key in {b.key for b in gold + pred if b.kind == kind}:
            g = [b.text for b in gold if (b.kind, b.key) == (kind, key)]
            p = [b.text for b in pred if (b.kind, b.key) == (kind, key)]
            for i, n in enumerate((len(greedy_match(g, p)), len(g), len(p))):
                counts[i] += n
        per_kind[kind] = prf(*counts)
        total = [t + c for t, c in zip(total, counts, strict=True)]
    return BlockScores(per_kind, prf(*total))


_BROWSER_MARGIN_RE = re.compile(
    r"^\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}(?: ?[AP]M)?\b|^\d{1,4}/\d{1,4}$", re.IGNORECASE
)
_GARBLED_RE = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]|\(cid:\d+\)")


def count_garbled(markdown: str) -> int:
    """Markdown -> characters no reader can read: U+FFFD, private-use glyphs, control characters,
    and ``(cid:n)`` placeholders (each counts once)."""
    return len(_GARBLED_RE.findall(markdown))


def count_furniture_strings(markdown: str, strings: Iterable[str]) -> int:
    """Markdown and what a producer prints in the margins -> lines that are, or hold, furniture.

    A line counts when it is a page-number line (as :func:`count_furniture`, and a browser's ``n/m``
    or ``11/29/26, 2:05 PM`` date), or contains one of ``strings`` (normalised), so a header merged
    into a line of body text is found too.
    """
    _, body = split_front_matter(markdown)
    needles = [s for s in (normalise_text(x) for x in strings) if s]
    count = 0
    for line in body.splitlines():
        if not line.strip():
            continue
        plain = line_to_plain(line) if not line.lstrip().startswith("|") else normalise_text(line)
        count += bool(
            _PAGE_NUMBER_RE.match(plain)
            or _PAGE_OF_RE.search(plain)
            or _BROWSER_MARGIN_RE.match(plain)
            or any(n in plain for n in needles)
        )
    return count
