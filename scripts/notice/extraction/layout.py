"""Layout: ``PageContent`` records in, a reading-ordered stream of layout blocks out.

Words become lines; a line with a wide gap splits into segments; runs of segments that
stand in columns become either text read column by column (a multi-column page) or a grid
(an unruled table); ruled tables take their words cell by cell; running headers, footers and
page numbers are set aside. Lines then become text blocks: paragraphs, list items and heading
candidates. Nothing here knows about sections, languages or Markdown.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from notice.extraction.pdf import UNREADABLE, PageContent, RuledTable, Word
from notice.numerals import roman_value

#: A gap wider than this many font sizes between two words splits a line into segments.
SEGMENT_GAP = 2.0
#: Points within which two column starts count as the same column.
COLUMN_SLACK = 6.0
#: A vertical gap wider than this many line pitches starts a new block (or grid row).
BLOCK_GAP = 1.35
# ... or, whichever is less, this many body sizes of white more than the line pitch: in a
# double-spaced text a paragraph's margin adds a third of the body size to a pitch of 2.3 sizes,
# well under 1.35 pitches, while in single spacing the two limits are the same.
GAP_EXTRA = 0.5
#: A document separates its paragraphs by vertical gaps when at least this share of its lines that
#: end a paragraph (a sentence ended well short of the right edge) are followed by such a gap, and
#: there are at least GAPPED_MIN of them. Its short lines then end no paragraph.
GAPPED_SHARE = 0.7
GAPPED_MIN = 3
#: ... or by indenting a paragraph's first line by this many font sizes (least, most): its short
#: lines that end mid-sentence then end no paragraph either.
INDENT_SIZES = (0.5, 4.0)
#: A line break is a hard one (an address, a contact block) when the next line's first word would
#: have fitted with this share of the column to spare: ragged-right text never breaks that early.
HARD_BREAK_SPARE = 0.15
#: Short lines (under this share of the column), three or more in a run with no closing punctuation
#: and no gap, are one block with line breaks (an address) in a document that ends paragraphs at
#: short lines.
SHORT_LINE = 0.6
ADDRESS_MIN_LINES = 3
#: Among those, a line of an address may be longer, up to this share of the column (still short of
#: filling it, as running text does).
ADDRESS_LINE = 0.75
#: Share of the page height at the top and bottom where running headers and footers live.
MARGIN_SHARE = 0.09
#: A columnar region taller than this share of the page is multi-column text, not a grid.
FLOW_SHARE = 0.4
#: Footnotes: a run of lines at the foot of a page column set at most this share of the body size,
#: one of them opening with a note number or mark, starting below this share of the page's height
#: (notes may fill most of a column, but small print from the top down is not a foot).
NOTE_SIZE_SHARE = 0.9
NOTE_FOOT_SHARE = 0.33
NOTE_MARK = re.compile(r"^(?:\d{1,3}|[*\u2020\u2021]{1,3})$")
#: Glyphs that mark a bullet when they stand first on a line.
BULLETS = frozenset(
    "\uf0b7\uf0a7\uf0a8\uf076\uf0d8\uf0fc"  # Symbol and Wingdings private-use bullets
    "\u2022\u25cf\u00b7\u25aa\u25a0\u25e6\u25cb\u2023\u2043\u27a2\u2219\u25ba\u25b8"  # Unicode bullets
    "\u2794\u2799\u279c\u27a4"  # dingbat arrows (Word's arrow bullets: ➔ ➙ ➜ ➤)
    "\u2013\u2014-*o\u00a7"  # dashes, asterisk, 'o', Wingdings square as '§'
    "\ufffd"  # a symbol-font bullet whose font maps it to no character (alone, before the text)
)
#: Of those, glyphs that are also ordinary text and need more evidence (a following space).
AMBIGUOUS_BULLETS = frozenset("\u2013\u2014-*o\u00a7")
#: "3.", "b)" and lower-case Roman numerals "ii.", "xiv)" (a list's third level in Word and LibreOffice)
ORDERED_MARK = re.compile(r"^(\d{1,2}|[a-z]|x{0,3}(?:ix|iv|v?i{1,3}|v))[.)]$")
#: A contents entry's leader: dots (or similar) running to the page number, alone or after the title.
LEADER = re.compile(r"(?:[.·…_]\s?){4,}$")
LEADER_ONLY = re.compile(r"^[.·…_]+$")
#: A leader's first dots at the end of the title word it touches, and how close it touches (points).
LEADER_TAIL = re.compile(r"[.·…_]+$")
LEADER_ABUTS = 0.5
#: The page number that ends a contents entry.
PAGE_REF = re.compile(r"^\d{1,4}$")
#: Where a contents entry's title may link until the structure stage finds the section it names.
CONTENTS_LINK = "pdf-contents:"
#: A clause number that hangs left of its paragraph's text ("3.1.", "3.1.2", "(2)").
CLAUSE_LABEL = re.compile(r"^(?:\d{1,3}\.){1,4}\d{0,3}$|^\(\d{1,3}\)$|^\([a-z]\)$")
PAGE_NUMBER = re.compile(
    r"^(?:(?:page|seite|sida|sidan|pagina|página|page|blz\.?|p\.)\s*)?\d{1,4}(?:\s*(?:/|of|von|av|di|de|sur|van)\s*\d{1,4})?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]
    contents: bool = False  # an entry of the document's own contents list (leader and page taken off)
    column: int = 0  # the page column it stands in, left to right; SPANNING for a line over the columns
    margin: float = 0.0  # where that column begins: the leftmost start of the document's lines in it
    right: float = 0.0  # right edge of the text column it stands in, found among its page column's lines (0: not yet)
    note: bool = False  # a line of a footnote, read after the page's text

    @property
    def page(self) -> int:
        return self.words[0].page

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        """The size that most characters are set in (short small-caps words do not pull it down)."""
        counts = Counter()  # type: Counter[float]
        for word in self.words:
            counts[word.size] += len(word.text)
        return counts.most_common(1)[0][0]

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words if any(ch.isalnum() for ch in w.text))

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def color(self) -> str:
        """The colour of every word when they share one (links aside), else ''."""
        colors = {w.color for w in self.words if not w.href and not is_bullet_token(w.text)}
        return colors.pop() if len(colors) == 1 else ""


@dataclass(frozen=True)
class TextBlock:
    """Lines that read as one unit. ``kind`` is "para", "item" or "heading"; ``level`` is the list
    nesting level of an item, or the style rank of a heading."""

    kind: str
    lines: tuple[Line, ...]
    level: int = 0
    ordered: bool = False
    breaks: tuple[int, ...] = ()  # indices of the lines that follow a hard line break

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for line in self.lines for w in line.words)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


@dataclass(frozen=True)
class TableBlock:
    """A table from ruling lines or from aligned columns; each cell holds text blocks."""

    rows: tuple[tuple[tuple[TextBlock, ...], ...], ...]
    header: bool
    ruled: bool
    columns: tuple[float, ...]
    page: int
    open_end: bool = False  # the page break cut its last row, which goes on in the next page's table


LayoutBlock = TextBlock | TableBlock


@dataclass(frozen=True)
class Furniture:
    text: str
    page: int
    kind: str = "furniture"  # or "page-reference" (a contents entry's leader and page number), "stray-glyph"


@dataclass(frozen=True)
class Layout:
    blocks: tuple[LayoutBlock, ...]
    furniture: tuple[Furniture, ...]
    body_size: float
    body_color: str = ""
    heading_styles: tuple[tuple[float, bool], ...] = field(default=())


# ---------------------------------------------------------------- words to lines


def words_to_lines(words: list[Word]) -> list[Line]:
    """Group words whose vertical centres fall within one another's extent, then split at wide gaps."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        centre = (word.top + word.bottom) / 2
        for row in reversed(rows[-3:]):
            top = min(w.top for w in row)
            bottom = max(w.bottom for w in row)
            if top <= centre <= bottom:
                row.append(word)
                break
        else:
            rows.append([word])
    lines: list[Line] = []
    for row in rows:
        lines.extend(split_segments(sorted(row, key=lambda w: w.x0)))
    return sorted(lines, key=lambda line: (round(line.top), line.x0))


def split_segments(row: list[Word]) -> list[Line]:
    segments: list[list[Word]] = [[row[0]]]
    for word in row[1:]:
        prev = segments[-1][-1]
        if word.x0 - prev.x1 > SEGMENT_GAP * max(prev.size, word.size):
            segments.append([word])
        else:
            segments[-1].append(word)
    return [Line(tuple(seg)) for seg in segments]


# ---------------------------------------------------------------- page columns

#: A vertical gutter is at least this wide (points) and crossed by at most this share of words.
GUTTER_MIN_WIDTH = 6.0
GUTTER_CROSSING_SHARE = 0.02
#: Each side of a gutter holds at least this share of the page's words.
COLUMN_MIN_SHARE = 0.15
#: Text columns are filled: at least this share of the lines left of a page gutter end within
#: COLUMN_FULL of the column's width from it. The columns of a table without rules (short cells,
#: "Name  Provider  Purpose") stay far from it, so they are no page columns but a grid.
COLUMN_FILLED_SHARE = 0.4
COLUMN_FULL = 0.2


def text_end(words: list[Word]) -> float:
    """Where a line's run of text ends: a gap of SEGMENT_GAP (the next cell of a table row)
    ends it early, so only a line of running text can reach its column's far edge."""
    ordered = sorted(words, key=lambda w: w.x0)
    end = ordered[0].x1
    for word in ordered[1:]:
        if word.x0 - end > SEGMENT_GAP * word.size:
            break
        end = max(end, word.x1)
    return end


def column_filled(lines_right: list[float], left: float, gutter: float) -> bool:
    """True when the lines of a column (their right ends) fill it up to ``gutter`` like text does."""
    if not lines_right:
        return False
    width = gutter - left
    full = sum(1 for right in lines_right if gutter - right <= COLUMN_FULL * width)
    return full >= COLUMN_FILLED_SHARE * len(lines_right)


def find_gutters(words: list[Word]) -> list[tuple[float, float]]:
    """Vertical strips no (or almost no) word covers, with text on both sides: page columns.
    A grid in part of the page is crossed by full-width lines above or below, so it has none."""
    if len(words) < 40:
        return []
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    bins = [0] * (int(right - left) + 2)
    for word in words:
        for x in range(int(word.x0 - left), int(word.x1 - left) + 1):
            bins[x] += 1
    limit = max(1, int(len(words) * GUTTER_CROSSING_SHARE))
    gutters: list[tuple[float, float]] = []
    start = None
    for x, count in enumerate(bins + [limit + 1]):
        if count <= limit and start is None:
            start = x
        elif count > limit and start is not None:
            if x - start >= GUTTER_MIN_WIDTH and start > 0 and x < len(bins):
                gutters.append((left + start, left + x))
            start = None
    kept: list[tuple[float, float]] = []
    for a, b in gutters:
        share_left = sum(1 for w in words if w.x1 <= a) / len(words)
        share_right = sum(1 for w in words if w.x0 >= b) / len(words)
        column_left = kept[-1][1] if kept else left
        by_line: dict[int, list[Word]] = {}
        for w in words:
            if w.x1 <= a and w.x0 >= column_left:
                by_line.setdefault(round(w.top), []).append(w)
        filled = column_filled([text_end(line) for line in by_line.values()], column_left, a)
        if share_left >= COLUMN_MIN_SHARE and share_right >= COLUMN_MIN_SHARE and filled \
                and not hangs_bullets(words, a):
            kept.append((a, b))
    return kept


def table_header_atop(words: list[Word], gutters: list[tuple[float, float]]) -> bool:
    """True when the page's first lines are a table's header row set over the ``gutters``: lines
    bold throughout in one size, down to the first that is not, with a piece over a gutter (across
    it, or from its white into the column after it) or pieces either side of it, and pieces at two
    or more starts in one column (the cells of the table's first columns; a number or letter that
    labels a heading is no cell). A word processor repeats a table's header row atop each page the
    table goes on to; under it, a narrow last column of justified text leaves a white strip like a
    page gutter. Page columns are not headed by a row of cells: a title over them is one piece,
    and the heads that open two columns at one height are one piece each."""
    lines = sorted(by_top(words), key=lambda line: min(w.top for w in line))
    head: list[Word] = []
    for line in lines:
        lettered = [w for w in line if any(ch.isalnum() for ch in w.text)]
        if not lettered or not all(w.bold for w in lettered) or \
                (head and abs(max(w.size for w in lettered) - head[0].size) > 0.6):
            break
        head.extend(lettered)
    if not head:
        return False
    pieces = [piece for line in by_top(head) for piece in split_segments(sorted(line, key=lambda w: w.x0))
              if not (ORDERED_MARK.match(piece.text) or CLAUSE_LABEL.match(piece.text))]
    over = any(p.x0 < b < p.x1 for p in pieces for _, b in gutters)
    if not (over or crosses(head, gutters) or either_side(head, gutters)):
        return False
    edges = [min(w.x0 for w in words), *(b for _, b in gutters), max(w.x1 for w in words)]
    for left, right in zip(edges, edges[1:]):
        starts = sorted(p.x0 for p in pieces if left <= p.x0 < right)  # pieces by the column they open in
        if len([x for k, x in enumerate(starts) if k == 0 or x - starts[k - 1] > COLUMN_SLACK]) >= 2:
            return True
    return False


def hangs_bullets(words: list[Word], gutter_left: float) -> bool:
    """True when every word ending at a strip's left edge (within a type size of it) is a bullet
    glyph: the strip is the space between a list's bullets and its items' text (a list in a table's
    last column, whose justified lines fill it like a page column), not a gutter."""
    edge = [w for w in words if 0 <= gutter_left - w.x1 <= w.size]
    return bool(edge) and all(is_bullet_token(w.text) for w in edge)


#: Two words either side of a gutter closer than this many font sizes are one line of text: a head
#: over the columns whose word space happens to fall in the gutter.
BRIDGE_GAP = 0.6
#: The column of a line that runs over the page's columns (a full-width title, a running head).
SPANNING = -1


def bridged_lines(words: list[Word], gutters: list[tuple[float, float]]) -> set[int]:
    """Tops of the lines that run over a gutter: a run of words in one size, no more than a word
    space apart, that starts left of a gutter and ends right of it (a word across it takes the rest
    of its line with it; a centred head may have words inside the gutter)."""
    by_top: dict[int, list[Word]] = {}
    for word in words:
        by_top.setdefault(round(word.top), []).append(word)
    bridged = set()
    for top, line in by_top.items():
        for run in word_runs(sorted(line, key=lambda w: w.x0)):
            if any(run[0].x0 < a and max(w.x1 for w in run) > b for a, b in gutters):
                bridged.add(top)
    return bridged


def word_runs(ordered: list[Word]) -> list[list[Word]]:
    """A line's words (left to right) in runs: a gap wider than BRIDGE_GAP font sizes, or a change
    of size, starts a new run."""
    runs: list[list[Word]] = []
    for word in ordered:
        last = runs[-1][-1] if runs else None
        if last is not None and last.size == word.size and word.x0 - last.x1 < BRIDGE_GAP * min(last.size, word.size):
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def horizontal_bands(words: list[Word]) -> list[list[Word]]:
    """A page's words in bands from top to bottom, cut wherever white runs across the whole page."""
    bands: list[list[Word]] = []
    bottom = float("-inf")
    for word in sorted(words, key=lambda w: w.top):
        if not bands or word.top >= bottom:
            bands.append([])
            bottom = word.bottom
        bands[-1].append(word)
        bottom = max(bottom, word.bottom)
    return bands


#: Bands of text side by side in the columns before a band that crosses their gutter begins a block
#: under them (a running head's date and title stand apart on one band at the top of the page).
COLUMN_ROWS_MIN = 3


def crosses(band: list[Word], gutters: list[tuple[float, float]]) -> bool:
    """Whether a band of words has a line running over one of the ``gutters``."""
    return bool(bridged_lines(band, gutters)) or any(w.x0 < a and w.x1 > b for w in band for a, b in gutters)


def either_side(band: list[Word], gutters: list[tuple[float, float]]) -> bool:
    """Whether a band of words has text on both sides of one of the ``gutters`` (lines set in columns)."""
    return any(any(w.x1 <= a for w in band) and any(w.x0 >= b for w in band) for a, b in gutters)


def widest_white(bands: list[list[Word]], first: int, last: int) -> int:
    """The index in ``first..last`` of the band with the widest white above it."""
    def white_above(k: int) -> float:
        return min(w.top for w in bands[k]) - max(w.bottom for w in bands[k - 1])
    return max(range(first, last + 1), key=white_above)


def row_of_cells_across(band: list[Word], gutters: list[tuple[float, float]]) -> bool:
    """Whether a band holds a line in two or more runs apart (a row of cells) that crosses a gutter:
    a grid set across the columns, not a head over them (one run)."""
    return any(len(split_segments(sorted(line, key=lambda w: w.x0))) >= 2 and crosses(line, gutters)
               for line in by_top(band))


def by_top(words: list[Word]) -> list[list[Word]]:
    rows: dict[int, list[Word]] = {}
    for word in words:
        rows.setdefault(round(word.top), []).append(word)
    return list(rows.values())


def block_bounds(bands: list[list[Word]], gutters: list[tuple[float, float]]) -> tuple[int, int] | None:
    """Where a grid set across the columns begins and ends (band indices, the end exclusive): it
    begins with the first band that crosses their ``gutters`` after COLUMN_ROWS_MIN bands of text
    stood side by side in them, moved up to the widest white between it and the last band set side
    by side (the grid's first line may stand left of the gutter); it ends after its last band that
    crosses them before COLUMN_ROWS_MIN bands stand side by side again, moved down to the widest
    white before those. None when no band crosses them under the columns, or what crosses them
    holds no row of cells (a head over the columns, which :func:`columns_by_gutters` reads)."""
    beside = {i for i, band in enumerate(bands) if either_side(band, gutters) and not crosses(band, gutters)}
    across = [i for i, band in enumerate(bands) if crosses(band, gutters)]
    start = next((i for i in across if len([k for k in beside if k < i]) >= COLUMN_ROWS_MIN), None)
    if start is None:
        return None
    resume = next((k for k in range(start + 1, len(bands))
                   if all(j in beside for j in range(k, min(k + COLUMN_ROWS_MIN, len(bands))))), len(bands))
    last = max(i for i in across if i < resume)
    if not any(row_of_cells_across(bands[i], gutters) for i in range(start, last + 1)):
        return None
    begin = widest_white(bands, max(k for k in beside if k < start) + 1, start)
    return begin, (widest_white(bands, last + 1, resume) if resume < len(bands) else len(bands))


def point_counts(bands: list[list[Word]], left: float, width: int) -> list[int]:
    """Bands of words -> how many words cover each point across the page from ``left``."""
    steps = [0] * (width + 1)
    for word in (w for band in bands for w in band):
        steps[int(word.x0 - left)] += 1
        steps[int(word.x1 - left) + 1] -= 1
    counts, running = [], 0
    for step in steps[:width]:
        running += step
        counts.append(running)
    return counts


def open_strip(bins: list[int], limit: int) -> bool:
    """Whether words counted per point across the page (``bins``) leave a strip GUTTER_MIN_WIDTH
    wide, crossed by at most ``limit`` of them, with words on both sides."""
    filled = [x for x, n in enumerate(bins) if n]
    if not filled:
        return False
    run = 0
    for n in bins[filled[0]:filled[-1] + 1]:
        run = run + 1 if n <= limit else 0
        if run >= GUTTER_MIN_WIDTH:
            return True
    return False


def columns_over_a_block(
    words: list[Word], height: float
) -> tuple[list[Word], list[Word], list[Word], list[tuple[float, float]]] | None:
    """A page on which no gutter runs from top to bottom -> (its part in columns, the block under
    them, the columns going on under the block, their gutters), when white across the page parts
    them and the columns above fill more than FLOW_SHARE of the page's height: text in columns over
    a grid that spans them (its cells cross the gutter, so the whole page has none). None else."""
    bands = horizontal_bands(words)
    if len(bands) < 2:
        return None

    top = min(w.top for w in bands[0])
    reach = list(itertools.accumulate((max(w.bottom for w in band) for band in bands), max))

    def tall(part: list[list[Word]]) -> bool:  # part: the first len(part) bands
        return bool(part) and reach[len(part) - 1] - top > FLOW_SHARE * height

    left = min(w.x0 for w in words)
    width = int(max(w.x1 for w in words) - left) + 2

    def white_strip(k: int) -> bool:  # the first k bands leave a strip white enough for a gutter
        part = bands[:k]
        return open_strip(point_counts(part, left, width), max(1, int(sum(map(len, part)) * GUTTER_CROSSING_SHARE)))

    def gutters_of(k: int) -> list[tuple[float, float]]:
        return find_gutters([w for band in bands[:k] for w in band])

    # the columns take the top of the page: the smallest top part tall enough has their gutters
    # (a cheap look for white first: most pages have one column, and find_gutters is slower)
    smallest = next((k for k in range(1, len(bands)) if tall(bands[:k])), None)
    if smallest is None or not white_strip(smallest) or not (gutters := gutters_of(smallest)):
        return None
    low, high = smallest, len(bands) - 1  # the largest top part that has them: the block begins under it
    while low < high:
        mid = (low + high + 1) // 2
        found = gutters_of(mid)
        low, high, gutters = (mid, high, found) if found else (low, mid - 1, gutters)
    bounds = block_bounds(bands, gutters)
    if bounds is None or not tall(bands[:bounds[0]]):
        return None
    begin, end = bounds
    return words_in(bands[:begin]), words_in(bands[begin:end]), words_in(bands[end:]), gutters


def split_columns(words: list[Word], rules: tuple[tuple[float, float, float], ...] = (),
                  height: float = 0.0) -> list[tuple[int, list[Word]]]:
    """The page's words in reading order groups, each with its column (0 on a page of one column):
    runs of columns left to right, cut by lines that cross a gutter (a full-width head), which stand
    on their own between the runs (column SPANNING), and by drawn ``rules`` (x0, top, x1) across every
    gutter: what stands above such a rule (a masthead beside the title) is read before the columns
    under it. With the page's ``height``, columns over a block that spans them (a grid whose cells
    cross their gutter) are found on their own; the block is SPANNING, and the columns going on
    under it are read as columns of the same gutters."""
    gutters = find_gutters(words)
    if gutters and table_header_atop(words, gutters):
        return [(0, words)]  # a table's columns under its repeated header row: page_items reads the grid
    if gutters:
        return columns_around_grids(words, gutters, rules) if height else columns_by_gutters(words, gutters, rules)
    parts = columns_over_a_block(words, height) if height else None
    if parts is None:
        return [(0, words)]
    above, block, below, gutters = parts
    return [*columns_by_gutters(above, gutters, rules), (SPANNING, block),
            *(columns_around_grids(below, gutters, rules) if below else [])]


def columns_around_grids(words: list[Word], gutters: list[tuple[float, float]],
                         rules: tuple[tuple[float, float, float], ...]) -> list[tuple[int, list[Word]]]:
    """Words in columns of ``gutters`` -> the reading-order groups of :func:`columns_by_gutters`, a
    grid set across the columns (:func:`block_bounds`) one SPANNING group between them: read line
    by line with the columns' cuts, its cells would fall apart."""
    bands = horizontal_bands(words)
    bounds = block_bounds(bands, gutters)
    if bounds is None:
        return columns_by_gutters(words, gutters, rules)
    begin, end = bounds
    above, block, below = (words_in(bands[:begin]), words_in(bands[begin:end]), words_in(bands[end:]))
    return [*columns_by_gutters(above, gutters, rules), (SPANNING, block),
            *(columns_around_grids(below, gutters, rules) if below else [])]


def words_in(bands: list[list[Word]]) -> list[Word]:
    return [w for band in bands for w in band]


def columns_by_gutters(words: list[Word], gutters: list[tuple[float, float]],
                       rules: tuple[tuple[float, float, float], ...]) -> list[tuple[int, list[Word]]]:
    """Words and the page's ``gutters`` -> the reading-order groups of :func:`split_columns`."""
    bridged = bridged_lines(words, gutters)

    def column(word: Word) -> int | None:
        if any(word.x0 < a and word.x1 > b for a, b in gutters) or round(word.top) in bridged:
            return None  # runs across a whole gutter: a head over several columns
        # a long word poking into a gutter stays home, and so does one begun in its left half: the
        # last word of a ragged line set into the gutter (its right half: a mark hung left of a column)
        return sum(1 for a, b in gutters if word.x0 >= (a + b) / 2)

    crossing = {float(round(w.top)) for w in words if column(w) is None}
    ruled = {top for x0, top, x1 in rules if x0 < gutters[0][0] and x1 > gutters[-1][1]}
    cuts = [float("-inf")] + sorted(crossing | ruled) + [float("inf")]
    groups: list[tuple[int, list[Word]]] = []
    for upper, lower in zip(cuts, cuts[1:]):
        band = [w for w in words if upper <= round(w.top) < lower]
        spanning = [w for w in band if column(w) is None]
        if spanning:
            groups.append((SPANNING, spanning))
        rest = [w for w in band if column(w) is not None]
        for col in range(len(gutters) + 1):
            members = [w for w in rest if column(w) == col]
            if members:
                groups.append((col, members))
    return groups


# ---------------------------------------------------------------- furniture


def furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def find_furniture(pages: list[tuple[PageContent, list[Line]]]) -> set[tuple[int, float, str]]:
    """Lines in the top or bottom margin that repeat across pages (digits ignored), alone or with the
    rest of their row (a footer whose fields the page's columns cut apart on some pages only), or
    page numbers."""
    marginal: list[tuple[int, Line]] = []
    for page, lines in pages:
        for line in lines:
            if line.bottom < page.height * MARGIN_SHARE or line.top > page.height * (1 - MARGIN_SHARE):
                marginal.append((page.number, line))
    rows: dict[tuple[int, int], list[Line]] = {}
    for number, line in marginal:
        rows.setdefault((number, round(line.top)), []).append(line)
    row_keys = {place: furniture_key(" ".join(ln.text for ln in sorted(row, key=lambda ln: ln.x0)))
                for place, row in rows.items()}
    counts = Counter(furniture_key(line.text) for _, line in marginal)
    row_counts = Counter(row_keys.values())
    repeat_floor = max(2, (len(pages) + 1) // 2)
    found = set()
    for number, line in marginal:
        key, row_key = furniture_key(line.text), row_keys[(number, round(line.top))]
        alone = counts[key]
        if len(rows[(number, round(line.top))]) >= DENSE_COLUMNS_MIN:
            # a cell of a row of cells (a table's header repeated atop a page) repeats as a running
            # head only where it stands: another header naming the same thing elsewhere is no repeat
            alone = sum(1 for _, other in marginal if furniture_key(other.text) == key and same_place(line, other))
        repeated = alone >= repeat_floor or row_counts[row_key] >= repeat_floor
        if PAGE_NUMBER.match(line.text.strip()) or (len(pages) > 1 and repeated):
            found.add((number, round(line.top, 1), line.text))
    return found | furniture_block_rest(pages, found, repeat_floor)


def same_place(a: Line, b: Line) -> bool:
    """True when two lines stand at one place across the page: their left edges, right edges or
    middles within COLUMN_SLACK (left-aligned, right-aligned or centred with other digits)."""
    return abs(a.x0 - b.x0) <= COLUMN_SLACK or abs(a.x1 - b.x1) <= COLUMN_SLACK \
        or abs((a.x0 + a.x1) - (b.x0 + b.x1)) / 2 <= COLUMN_SLACK


#: A line of a repeated footer or header block stands at most this many of its sizes from the next.
FURNITURE_BLOCK_GAP = 2.0


def furniture_block_rest(pages: list[tuple[PageContent, list[Line]]], found: set[tuple[int, float, str]],
                         repeat_floor: int) -> set[tuple[int, float, str]]:
    """The lines of a footer (or header) block taller than the margin band: a line printed at the
    same height with the same text (digits aside) on as many pages as furniture repeats, that
    stands right next to a line already found furniture on its page (a letterhead footer whose
    bold first line, the firm's name, sits above the band). Without it, that first line is the only
    one kept, read as a heading in the middle of the sentence the page break cuts."""
    if len(pages) < 2:
        return set()
    def place(line: Line) -> tuple[str, int]:
        return furniture_key(line.text), round(line.top)
    printed = Counter(place(line) for _, lines in pages for line in lines)
    grown: set[tuple[int, float, str]] = set()
    for page, lines in pages:
        inside = [ln for ln in lines if (page.number, round(ln.top, 1), ln.text) in found]
        todo = [ln for ln in lines if (page.number, round(ln.top, 1), ln.text) not in found
                and printed[place(ln)] >= repeat_floor]
        while True:
            near = [ln for ln in todo if any(
                max(ln.top - other.bottom, other.top - ln.bottom) <= FURNITURE_BLOCK_GAP * ln.size for other in inside)]
            if not near:
                break
            inside += near
            todo = [ln for ln in todo if ln not in near]
            grown.update((page.number, round(ln.top, 1), ln.text) for ln in near)
    return grown


# ---------------------------------------------------------------- columns and grids


def physical_rows(lines: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for line in lines:
        if rows and abs(rows[-1][0].top - line.top) < 2.0:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda s: s.x0) for row in rows]


#: Physical rows this much of a line pitch apart or less, their pieces side by side and none over
#: another, are lines of one table row whose cells a word processor centred vertically: a cell of
#: two lines beside cells of one puts their line half a pitch lower.
INTERLEAVE_SHARE = 0.75


def side_by_side(row: list[Line], other: list[Line]) -> bool:
    """True when no piece of ``row`` stands over or under a piece of ``other`` (their x spans are apart)."""
    return all(a.x1 < b.x0 or b.x1 < a.x0 for a in row for b in other)


#: The cells of a row centred vertically share their middle within this many type sizes.
CENTRE_SLACK = 0.3


def line_spans(row: list[Line]) -> list[tuple[float, float, float, float]]:
    """The pieces of a row as (x0, x1, top, bottom) spans, pieces of one physical line joined where
    no piece of the row starts between them (a justified cell line its wide spaces split)."""
    starts = [seg.x0 for seg in row]
    spans: list[tuple[float, float, float, float]] = []
    for seg in sorted(row, key=lambda s: (round(s.top), s.x0)):
        if spans and abs(spans[-1][2] - seg.top) < 2.0 and not any(spans[-1][1] < x < seg.x0 for x in starts):
            x0, _, top, bottom = spans[-1]
            spans[-1] = (x0, seg.x1, min(top, seg.top), max(bottom, seg.bottom))
        else:
            spans.append((seg.x0, seg.x1, seg.top, seg.bottom))
    return spans


def x_clusters(row: list[Line]) -> list[list[tuple[float, float, float, float]]]:
    """The pieces of a row grouped into columns: line spans whose x spans overlap, left to right."""
    clusters: list[list[tuple[float, float, float, float]]] = []
    for span in sorted(line_spans(row)):
        if clusters and span[0] <= max(s[1] for s in clusters[-1]):
            clusters[-1].append(span)
        else:
            clusters.append([span])
    return clusters


def centred_together(row: list[Line]) -> bool:
    """True when every column of a row (its pieces grouped by x span) has its middle at the same
    height: cells centred vertically in one table row, and not two runs of text side by side at
    different pitches (a side bar beside a page's text), which only meet now and then."""
    middles = [(min(s[2] for s in c) + max(s[3] for s in c)) / 2 for c in x_clusters(row)]
    return max(middles) - min(middles) <= CENTRE_SLACK * row[0].size


def interleaved_rows(rows: list[list[Line]], pitch: float) -> list[list[list[Line]]]:
    """Physical rows -> runs of them to read as one row each: a run of rows in one type size that
    step down by less than INTERLEAVE_SHARE of the pitch, their pieces side by side and centred on
    one height, is one run (a table row whose cells are centred vertically); any other row is a run
    of its own. Running text never steps down by less than a pitch, nor sets lines side by side
    but across a gutter; the cells of a row centred vertically do both."""
    runs: list[list[list[Line]]] = []
    for row in rows:
        last = runs[-1][-1] if runs else None
        if last is not None and row[0].top - last[0].top < INTERLEAVE_SHARE * pitch and side_by_side(row, last) \
                and abs(row[0].size - last[0].size) <= 0.6:
            runs[-1].append(row)
        else:
            runs.append([row])
    out: list[list[list[Line]]] = []
    for run in runs:
        merged = [seg for row in run for seg in row]
        if len(run) > 1 and centred_together(merged) and max(s.size for s in merged) - min(s.size for s in merged) <= 0.6:
            out.append(run)
        else:
            out.extend([row] for row in run)
    return out


def column_index(starts: list[float], x0: float, headed: bool = False) -> int | None:
    """The column a piece starting at ``x0`` opens: the one whose start it shares. Under a header
    row (``headed``), whose cells name every column, a piece starting inside a column (a list
    indented in its cell) is that column's too."""
    for i, start in enumerate(starts):
        if abs(x0 - start) <= COLUMN_SLACK:
            return i
    if headed and starts and x0 > starts[0]:
        return max(i for i, start in enumerate(starts) if start < x0)
    return None


def fits_columns(row: list[Line], starts: list[float], headed: bool = False) -> bool:
    """Every segment starts at a known column and ends before the next column begins."""
    for seg in row:
        i = column_index(starts, seg.x0, headed)
        if i is None:
            return False
        if i + 1 < len(starts) and seg.x1 > starts[i + 1] - 2:
            return False
    return True


def column_rights(region: list[list[Line]], starts: list[float]) -> list[float]:
    """How far right each column's pieces reach in the rows of ``region`` so far (its start when none)."""
    rights = list(starts)
    for row in region:
        for seg in row:
            col = column_index(starts, seg.x0)
            if col is not None:
                rights[col] = max(rights[col], seg.x1)
    return rights


def resplit(row: list[Line], starts: list[float], headed: bool = False, rights: list[float] | None = None) -> list[Line]:
    """Split segments at a known column start even where the gutter is narrower than SEGMENT_GAP.
    A word starting exactly where a column starts opens that cell even after a plain word space
    when the columns are those of a bold header row (``headed``), or when the word before it ends
    exactly where the lines of its own column end (``rights``: justified cells set edge to edge)."""
    out: list[Line] = []
    for seg in row:
        pieces: list[list[Word]] = [[seg.words[0]]]
        for word in seg.words[1:]:
            prev = pieces[-1][-1]
            gap = word.x0 - prev.x1
            at_column = any(abs(word.x0 - s) <= 2.0 and s > seg.x0 + COLUMN_SLACK for s in starts)
            # a cell filled to its right edge leaves no more than a word space before the next
            # column; without a header or such an edge a line of running text may have a word
            # there by chance
            on_column = any(abs(word.x0 - s) <= CELL_ALIGN and s > seg.x0 + COLUMN_SLACK for s in starts) \
                and (headed or at_cell_edge(prev, pieces[-1][0].x0, starts, rights))
            if (at_column and gap > 0.4 * word.size) or (on_column and gap > 0):
                pieces.append([word])
            else:
                pieces[-1].append(word)
        out.extend(replace(seg, words=tuple(p)) for p in pieces)
    return out


def at_cell_edge(word: Word, piece_x0: float, starts: list[float], rights: list[float] | None) -> bool:
    """True when ``word``, in the piece starting at ``piece_x0`` (at or inside a column), ends where
    that column's lines end."""
    col = column_index(starts, piece_x0, headed=True)
    return rights is not None and col is not None and abs(word.x1 - rights[col]) <= CELL_ALIGN


def rejoin(row: list[Line], starts: list[float], rights: list[float] | None = None) -> list[Line]:
    """``row`` with the segments a wide word space split inside one column joined again (justified
    text in a narrow cell spreads its words wider than SEGMENT_GAP): a segment that starts at no
    known column and ends before the next one, or in the last column within the width its lines
    already reach (``rights``), belongs to the segment before it."""
    out: list[Line] = []
    for seg in row:
        col = column_index(starts, out[-1].x0) if out else None
        if col is None or column_index(starts, seg.x0) is not None or abs(seg.top - out[-1].top) >= 2.0:
            out.append(seg)
            continue
        inside_next = col + 1 < len(starts) and seg.x1 < starts[col + 1] - 2
        inside_last = col + 1 == len(starts) and rights is not None and seg.x1 <= rights[col] + CELL_ALIGN
        if inside_next or inside_last:
            out[-1] = replace(out[-1], words=out[-1].words + seg.words)
        else:
            out.append(seg)
    return out


#: A first column this narrow holding only short tokens is a column of hanging labels ("3.1.", "a)").
LABEL_WIDTH = 45.0


def hanging_labels(region: list[list[Line]], starts: list[float]) -> bool:
    """True when the first 'column' only holds numbers or bullets hung left of the text."""
    labels = [r[0] for r in region if column_index(starts, r[0].x0) == 0 and len(r) >= 2]
    return bool(labels) and all(len(seg.words) <= 2 and seg.x1 - seg.x0 <= LABEL_WIDTH for seg in labels) \
        and len(starts) == 2 and starts[1] - starts[0] <= 2 * LABEL_WIDTH


#: Word spaces of one justified line differ by at most this much (points): the typesetter shares
#: the line's spare width out evenly.
JUSTIFIED_SPACE_SPREAD = 1.0
#: Cells of one column start within this distance of one another (points); the last words of
#: stretched lines land wherever their width puts them.
CELL_ALIGN = 1.0
#: A plain word space, in type sizes (Helvetica's is 0.278, DejaVu's 0.318).
PLAIN_SPACE = 0.3


def justified_line(row: list[Line], left: float, right: float, starts: Counter[float]) -> bool:
    """True when a physical row split at wide gaps is one line stretched from margin to margin: it
    is ``evenly_spread`` and no piece after the first starts where another line does (``starts``:
    how many lines start at each x). A word processor justifies the lines that end in a line break
    too (an address in a justified paragraph: "Example      Ltd"); the cells of a table start at
    their column, which its other rows share."""
    if not evenly_spread(row, left, right):
        return False
    shared = [sum(n for x, n in starts.items() if abs(x - seg.x0) <= CELL_ALIGN) for seg in row[1:]]
    return all(n <= 1 for n in shared)


def evenly_spread(row: list[Line], left: float, right: float) -> bool:
    """True when a physical row split at wide gaps starts at the text's left edge, ends at its
    right edge, and every space between its words is the same width (what a stretched line looks
    like, whether or not its pieces line up with another row's)."""
    if len(row) < 2 or abs(row[0].x0 - left) > 1 or abs(row[-1].x1 - right) > 1:
        return False
    words = [w for seg in row for w in seg.words]
    spaces = [b.x0 - a.x1 for a, b in zip(words, words[1:])]
    return max(spaces) - min(spaces) <= JUSTIFIED_SPACE_SPREAD


def unstretched_rows(rows: list[list[Line]]) -> list[list[Line]]:
    """Physical rows -> the same, each line a justified paragraph stretched from margin to margin
    (split at its wide spaces) made one line again, at its natural width."""
    lines = [ln for row in rows for ln in row]
    if not lines:
        return rows
    left, right = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    # The inner pieces of rows that look stretched are not counted as column starts: two stretched
    # lines of one page may put a word at the same x by chance (an address's last word "1RT" set
    # flush right on two lines); a table's column is shared by rows that are not stretched.
    spread = {id(seg) for row in rows if evenly_spread(row, left, right) for seg in row[1:]}
    line_starts = Counter(round(ln.x0, 1) for ln in lines if id(ln) not in spread)
    return [[unstretched(row)] if justified_line(row, left, right, line_starts) else row for row in rows]


def unstretched(row: list[Line]) -> Line:
    """A justified line's segments -> one line with its words set at a plain word space from its
    first: the width it had before the typesetter stretched it, so that it reads as a line that
    broke early (a hard line break) and not as a full line of running text."""
    words: list[Word] = []
    x = row[0].x0
    for word in (w for seg in row for w in seg.words):
        words.append(replace(word, x0=x, x1=x + word.x1 - word.x0))
        x = words[-1].x1 + PLAIN_SPACE * word.size
    return Line(tuple(words))


def row_to_lines(row: list[Line], page_width: float) -> list[Line]:
    """A physical row that is no table row -> its text as lines: one, except that a piece opened by
    a bullet glyph after a wide gap opens a line of its own (a list in a table cell whose row the
    grid rules did not take: the bullet is that item's, not a character of the text before it)."""
    groups: list[list[Line]] = []
    for seg in row:
        if not groups or (bullet_of(seg) is not None and is_bullet_token(seg.words[0].text)
                          and seg.words[0].text not in AMBIGUOUS_BULLETS):
            groups.append([])
        groups[-1].append(seg)
    return [line for group in groups for line in merge_row(group, page_width)]


#: Segments of one row set in different sizes and further apart than this share of the page's width
#: are text of different regions (a web page's side bar and its side panel), not one line; in one
#: type they may be one line spread out (a letterhead's name and its manager).
REGION_GAP_SHARE = 1 / 3


def merge_row(row: list[Line], page_width: float) -> list[Line]:
    """The segments of a row as one line, or as several where they stand a region apart."""
    parts: list[list[Line]] = [[row[0]]]
    for seg in row[1:]:
        last = parts[-1][-1]
        if seg.x0 - last.x1 > REGION_GAP_SHARE * page_width and abs(seg.size - last.size) > 0.6:
            parts.append([seg])
        else:
            parts[-1].append(seg)
    return [replace(part[0], words=tuple(w for seg in part for w in seg.words)) for part in parts]


def row_starts(row: list[Line]) -> list[float]:
    """Where the pieces of a row start, left to right, one x for pieces that start together. In a
    row read from several lines (cells centred vertically) a piece after the first of its line
    starts a column only where another piece starts too: alone, it is a word a justified line of
    its cell spread out."""
    firsts = {id(min((s for s in row if abs(s.top - seg.top) < 2.0), key=lambda s: s.x0)) for seg in row}
    several = max(seg.top for seg in row) - min(seg.top for seg in row) >= 2.0  # as physical_rows parts lines
    xs = [seg.x0 for seg in row if not several or id(seg) in firsts
          or sum(1 for other in row if abs(other.x0 - seg.x0) <= COLUMN_SLACK) >= 2]
    starts: list[float] = []
    for x0 in sorted(xs):
        if not starts or x0 - starts[-1] > COLUMN_SLACK:
            starts.append(x0)
    return starts


def header_row(row: list[Line], starts: list[float]) -> bool:
    """True when a row of two or more columns is set bold throughout in one type size: the header
    of a table, whose cells name every column (the rows under it may leave one empty, or indent a
    list in one). Bold pieces of different sizes side by side are a page's navigation, not a header."""
    sizes = [seg.size for seg in row]
    return len(starts) >= 2 and all(seg.bold for seg in row) and max(sizes) - min(sizes) <= 0.6


#: A column start the body rows show must be shared by at least this many of them.
BODY_START_ROWS = 2


def table_body(header: list[Line], rows: list[list[Line]], starts: list[float]) -> list[list[Line]]:
    """The rows under a header row of ``starts`` down to the first with a line from left of the
    second column that runs past the header's right end: text under the table."""
    end = max(seg.x1 for seg in header)
    return list(itertools.takewhile(
        lambda row: not any(seg.x0 < starts[1] - COLUMN_SLACK and seg.x1 > end for seg in row), rows))


def body_column_starts(header: list[Line], body: list[list[Line]], starts: list[float]) -> list[float]:
    """Rows under a bold header row -> the x where pieces of at least BODY_START_ROWS of them
    start, right of the header's last column start, inside one of the header's pieces (a
    header cell set close to the cell before it, no more than a word space after it, is read
    with it as one piece) and over no body line of a column after the first, left to right."""
    xs = sorted({seg.x0 for row in body for seg in row if seg.x0 > starts[-1] + COLUMN_SLACK})
    found: list[float] = []
    for x in xs:
        shared = sum(1 for row in body if any(abs(seg.x0 - x) <= CELL_ALIGN for seg in row))
        inside = any(seg.x0 < x < seg.x1 for seg in header)
        # a column's edge: no line of a later column runs over it (words a justified line spread
        # out meet at one x by chance, inside the lines of their column); a bullet hung before
        # the text of its item, within SEGMENT_GAP type sizes, is the column's own, and a line
        # from the first column's start may be text under the table
        clear = not any(starts[0] + COLUMN_SLACK < seg.x0 < x - SEGMENT_GAP * seg.size and seg.x1 > x
                        for row in body for seg in row)
        if shared >= BODY_START_ROWS and inside and clear and (not found or x - found[-1] > COLUMN_SLACK):
            found.append(x)
    return found


def header_split_by_body(header: list[Line], body: list[list[Line]],
                         starts: list[float]) -> tuple[list[Line], list[float]]:
    """A bold header row, the rows under it and the header's column starts -> the header split
    where the body shows a column its pieces ran together, and the starts with that column's.
    Column positions come from the body: a word processor may set a header cell left of its
    column (the header row's own cell widths), only a word space after the cell before. The
    header piece is cut before its first word that starts right of every body line of the
    column before (those lines end at that column's edge); that word opens the new column (a
    piece of its own already when a wider space parted it, but not counted as a start: after
    the first piece of its line, a header row centred on several lines shares it with no other)."""
    body = table_body(header, body, starts)
    for x in body_column_starts(header, body, starts):
        for k, seg in enumerate(header):
            col = column_index(starts, seg.x0, headed=True)
            if col is None or not seg.x0 < x < seg.x1:
                continue
            edge = max((s.x1 for row in body for s in row if column_index(starts, s.x0, headed=True) == col
                        and s.x0 < x and s.x1 < x), default=None)
            cut = next((i for i, w in enumerate(seg.words) if edge is not None and edge < w.x0 <= x
                        and (i > 0 or w.x0 > starts[col] + COLUMN_SLACK)), None)
            if edge is None:  # no body line in the column before (the page goes on in the last only)
                cut = widest_space_before(seg.words, x)
            if cut is None:
                continue
            if cut > 0:
                header = [*header[:k], replace(seg, words=seg.words[:cut]), replace(seg, words=seg.words[cut:]),
                          *header[k + 1:]]
            starts = sorted([*starts, seg.words[cut].x0])
            break
    return header, starts


def widest_space_before(words: tuple[Word, ...], x: float) -> int | None:
    """The index of the word after the widest space between ``words`` that start before ``x``
    (where a header cell set a word space after the one before it ends); None for one word."""
    before = [i for i in range(1, len(words)) if words[i].x0 <= x]
    return max(before, key=lambda i: words[i].x0 - words[i - 1].x1) if before else None


def page_items(page: PageContent, lines: list[Line], pitch: float) -> list[LayoutBlock | Line]:
    """Reading-ordered items of one page: plain lines and grids, with columns resolved."""
    items: list[LayoutBlock | Line] = []
    runs = interleaved_rows(unstretched_rows(physical_rows(lines)), pitch)
    rows = [[seg for row in run for seg in row] for run in runs]
    i = 0
    while i < len(rows):
        row = rows[i]
        if len(row) < 2:
            items.append(row[0])
            i += 1
            continue
        starts = row_starts(row)
        headed = header_row(row, starts)
        if headed:
            row, starts = header_split_by_body(row, rows[i + 1:], starts)
        region = [rejoin(row, starts, column_rights([row], starts))]  # words a justified line spread out
        j = i + 1
        while j < len(rows):
            rights = column_rights(region, starts)
            nxt = rejoin(resplit(rows[j], starts, headed, rights), starts, rights)
            if len(nxt) >= 2 and not headed:
                new_starts = [s.x0 for s in nxt if column_index(starts, s.x0) is None]
                if new_starts and not all(s > starts[-1] for s in new_starts):
                    break
                starts = sorted(starts + new_starts)
            if not fits_columns(nxt, starts, headed):
                break
            gap = nxt[0].top - region[-1][0].top
            # a bold line after a gap may be the next row of a grid with bold labels, unless it is set larger
            bold_row = nxt[0].bold and region[0][0].bold and nxt[0].size <= region[0][0].size + 0.6
            # under a header, a line in a later column alone is a cell's (a cell centred lower than its row)
            in_cell = headed and column_index(starts, nxt[0].x0, headed) not in (None, 0)
            if len(nxt) == 1 and gap > BLOCK_GAP * region_pitch(region, pitch) * 1.2 and not bold_row \
                    and not in_cell:
                break
            region.append(nxt)
            j += 1
        multi = sum(1 for r in region if len(r) >= 2)
        # a header of three or more cells over lines in some of its columns only: the rest of a
        # table's row that a page break cut
        headed_rest = headed and len(starts) >= DENSE_COLUMNS_MIN and len(region) > 1
        if (multi < 2 and not headed_rest) or hanging_labels(region, starts):
            # rows read as one for their centred cells are lines of their own again outside a grid
            parts = [runs[i + k] if len(runs[i + k]) > 1 else [r] for k, r in enumerate(region)]
            items.extend(line for part in parts for sub in part for line in row_to_lines(sub, page.width))
        elif not headed and region[-1][0].bottom - region[0][0].top > page.height * FLOW_SHARE and column_filled(
            [seg.x1 for r in region for seg in r if column_index(starts, seg.x0) == 0], starts[0], starts[1]
        ):
            for col in range(len(starts)):
                items.extend(seg for r in region for seg in r if column_index(starts, seg.x0) == col)
        else:
            items.append(region_to_grid(region, starts, pitch, headed))
        i = j
    return items


#: A grid of at least this many physical rows and no gap between any is split at its cell rows.
DENSE_ROWS_MIN = 3
#: ... and of at least this many columns: two solid columns are as often prose set side by side.
DENSE_COLUMNS_MIN = 3


def cell_row(row: list[Line], starts: list[float]) -> bool:
    """True when a physical row fills the first column and at least half of all: a table row of
    its own (a wrapped cell's next line fills only its own column)."""
    cols = {column_index(starts, seg.x0) for seg in row}
    return 0 in cols and 2 * len(cols) >= len(starts)


def continues_cells(prev: list[Line], row: list[Line], starts: list[float], rights: list[float]) -> bool:
    """True when ``row`` carries on the cells of ``prev``: in every column both fill, the first word
    of ``row`` would not have fitted at the end of ``prev`` (before the next column, or the last
    column's widest line), so the line wrapped there; where one would have fitted, ``row`` is a new table row."""
    if len({column_index(starts, seg.x0) for seg in row}) == len(starts):
        return False  # every cell of a row wrapping at once is unlikely: a full row is a new one
    before = {column_index(starts, seg.x0): seg for seg in prev}
    shared = 0
    for seg in row:
        col = column_index(starts, seg.x0)
        above = before.get(col)
        if col is None or above is None:
            continue
        shared += 1
        first = seg.words[0]
        if above.x1 + 0.3 * first.size + (first.x1 - first.x0) <= rights[col]:
            return False
    return shared > 0


def region_pitch(region: list[list[Line]], pitch: float) -> float:
    """The line pitch of a columnar region: the document's, or the region's own when its lines stand
    closer (a grid set in smaller type than the text, whose rows a smaller gap then separates)."""
    steps = [b[0].top - a[0].top for a, b in zip(region, region[1:]) if b[0].top > a[0].top]
    return min(pitch, statistics.median(steps)) if steps else pitch


def region_to_grid(region: list[list[Line]], starts: list[float], pitch: float, headed: bool = False) -> TableBlock:
    """Split a columnar region into grid rows at wide vertical gaps; each cell becomes text blocks.
    ``headed``: the region's first row is a bold header naming every column (it becomes the
    table's header row when the rows under it are not all bold too)."""
    widest = [max((seg.x1 for r in region for seg in r if column_index(starts, seg.x0, headed) == col), default=start)
              for col, start in enumerate(starts)]
    size = region[0][0].words[0].size
    rights = [max(widest[col], starts[col + 1] - size) if col + 1 < len(starts) else widest[col]
              for col in range(len(starts))]  # a column's text may run up to the next one's start
    # bold rows on top that a gap parts from the rest are the table's header, unless bold lines open
    # cells of the first column further down too: then they are lead-ins of each cell's text (titles)
    top_rows = next((k for k, r in enumerate(region) if not all(seg.bold for seg in r)), len(region))
    heads = headed and 0 < top_rows < len(region) and not any(
        seg.bold and column_index(starts, seg.x0) == 0 for r in region[top_rows:] for seg in r)
    bands: list[list[list[Line]]] = []
    last_top: float | None = None
    # rows part where a step down is a paragraph's gap, not the line spacing
    row_gap = gap_limit(region_pitch(region, pitch), size)
    for row in region:
        top = row[0].top
        if last_top is None or top - last_top > row_gap:
            bands.append([])
        bands[-1].append(row)
        last_top = max(s.top for s in row)
    grid_rows: list[list[list[Line]]] = []
    for band in bands:
        dense = [cell_row(row, starts) for row in band]
        # a grid set solid (no gap between its rows: cells without padding) splits at its cell rows;
        # a gap may still part its header row from its body, which is then solid on its own
        header_apart = len(bands) == 2 and len(bands[0]) == 1 and band is bands[1]
        split = (len(bands) == 1 or header_apart) and len(starts) >= DENSE_COLUMNS_MIN \
            and len(band) >= DENSE_ROWS_MIN and sum(dense) >= 2
        for k, row in enumerate(band):
            if k == 0 or (split and dense[k] and not continues_cells(band[k - 1], row, starts, rights)):
                grid_rows.append([[] for _ in starts])
            for seg in row:
                col = column_index(starts, seg.x0, headed)
                grid_rows[-1][col if col is not None else 0].append(seg)
    rows = tuple(tuple(tuple(lines_to_blocks(cell, pitch, in_cell=True)) for cell in grid_row) for grid_row in grid_rows)
    header = heads and len(bands) > 1 and len(bands[0]) == top_rows
    return TableBlock(rows=rows, header=header, ruled=False, columns=tuple(starts), page=region[0][0].page)


# ---------------------------------------------------------------- ruled tables


def inside(word: Word, bbox: tuple[float, float, float, float]) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


#: A ruled box whose text all stands in one column this share of its width wide is a frame.
FRAME_SHARE = 0.75


def without_frames(page: PageContent) -> PageContent:
    """``page`` without the ruled "tables" that are frames: boxes whose text all stands in one
    column that takes nearly all their width (a printed web page boxed beside a thin empty side
    bar), read as the page's text. A table with an empty column of its own size stays a table."""
    tables = tuple(t for t in page.tables if not is_frame(t, page.words))
    return page if len(tables) == len(page.tables) else replace(page, tables=tables)


def is_frame(table: RuledTable, words: tuple[Word, ...]) -> bool:
    inner = [w for w in words if inside(w, table.bbox)]
    filled = {(round(bbox[0]), round(bbox[2])) for row in table.rows for bbox in row
              if bbox is not None and any(inside(w, bbox) for w in inner)}
    if len({x0 for x0, _ in filled}) > 1:
        return False
    width = table.bbox[2] - table.bbox[0]
    return not filled or width > 0 and max(x1 - x0 for x0, x1 in filled) >= FRAME_SHARE * width


def ruled_to_table(table: RuledTable, words: list[Word], pitch: float, page: int) -> TableBlock:
    rows = []
    inset = cell_inset(table, words)
    for row in table.rows:
        cells = []
        for bbox in row:
            cell_words = [w for w in words if bbox is not None and inside(w, bbox)]
            blocks = lines_to_blocks(words_to_lines(cell_words), pitch, in_cell=True) if cell_words else []
            cells.append(tuple(with_right(b, bbox[2] - inset) for b in blocks) if bbox is not None else ())
        rows.append(tuple(cells))
    first = [b for cell in rows[0] for b in cell]
    header = bool(first) and all(line.bold for b in first for line in b.lines)
    columns = tuple(bbox[0] for bbox in table.rows[0] if bbox is not None)
    return TableBlock(rows=tuple(rows), header=header, ruled=True, columns=columns, page=page,
                      open_end=table.open_end)


def cell_inset(table: RuledTable, words: list[Word]) -> float:
    """A ruled table and the page's words -> how far its text stands in from the left rule of its
    cell at the least: the cells' padding, which a typesetter leaves on the right side as well."""
    insets = [w.x0 - bbox[0] for row in table.rows for bbox in row if bbox is not None
              for w in words if inside(w, bbox)]
    return max(0.0, min(insets)) if insets else 0.0


def with_right(block: TextBlock, right: float) -> TextBlock:
    """A cell's text block -> the same with each line's ``right`` set to where the cell's text
    must stop (its right rule less its padding). Set after the block is formed, so the cell's
    paragraphs stay as its own lines shape them; what reads it is whether a line filled the cell."""
    return replace(block, lines=tuple(replace(line, right=right) for line in block.lines))


# ---------------------------------------------------------------- lines to text blocks


def is_bullet_token(text: str) -> bool:
    return len(text) == 1 and text in BULLETS


def bullet_of(line: Line) -> str | None:
    """The bullet or number that opens ``line``, or None."""
    first = line.words[0].text
    if is_bullet_token(first) and len(line.words) > 1:
        if first == "\u00a7" and re.match(r"^\d", line.words[1].text):
            return None  # "§ 3" is a section sign, not a Wingdings square
        if first in AMBIGUOUS_BULLETS and first not in "\u2013\u2014-" and first != "\u00a7":
            return None  # '*' and 'o' open lists only in plain-text PDFs; too risky elsewhere
        return first
    if (len(first) > 1 and first[0] in BULLETS and first[0] not in AMBIGUOUS_BULLETS and first[0] != UNREADABLE
            and first[1].isalnum()):
        return first[0]
    if ORDERED_MARK.match(first) and len(line.words) > 1:
        return first
    return None


#: A lettered or Roman item mark: one lower-case letter or a Roman numeral, then its period or bracket.
LETTER_MARK = re.compile(r"^([a-z]|x{0,3}(?:ix|iv|v?i{1,3}|v))([.)])$")


def goes_on_from(mark: str, before: str) -> bool:
    """Two lettered or Roman item marks -> True when ``mark`` is the one after ``before`` ("c)"
    after "b)", "iv." after "iii.")."""
    this, prior = LETTER_MARK.match(mark), LETTER_MARK.match(before)
    if this is None or prior is None or prior.group(2) != this.group(2):
        return False
    text, last = this.group(1), prior.group(1)
    if len(text) == 1 and len(last) == 1 and ord(text) == ord(last) + 1:
        return True
    value, prior_value = roman_value(text), roman_value(last)
    return value is not None and prior_value is not None and value == prior_value + 1


def in_sequence(mark: str, before: tuple[str, ...]) -> bool:
    """A lettered or Roman item mark and the marks of the items read before it -> True when it
    opens a list ("a)", "i.") or is the next after one of them (a level further out included)."""
    return mark[0] in "ai" or any(goes_on_from(mark, earlier) for earlier in before)


def letter_mark_is_text(line: Line, prev: Line | None, before: tuple[str, ...],
                        abbreviations: frozenset[str] = frozenset()) -> bool:
    """True when the lettered mark that opens ``line`` is text: an abbreviation of letters ("z. B.",
    "d. h.", "i. d. R.": the next word is one letter and its period too), or a letter that is next
    to none of the marks read before (``before``) on a line that goes on with the sentence of the
    line above (``prev``): "… können" over "z. B. sein:"."""
    mark = line.words[0].text
    if not LETTER_MARK.match(mark):
        return False
    if mark.endswith(".") and LETTER_ABBREVIATION.match(line.words[1].text):
        return True
    return prev is not None and not closes_sentence(prev.text, abbreviations) and not in_sequence(mark, before)


#: How a bold lead-in that runs into its text ends ("Business transfers –", "Note:").
RUN_IN = (":", "\u2013", "\u2014", " -")


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ":", ";", "»", "”", '"'))


#: A word that is one letter and its period, after an opening bracket or quote ("(z.", "e.", "B.").
LETTER_ABBREVIATION = re.compile(r"^[(\[„“\"']?[^\W\d_]\.$")


#: A line ending in a quoted word with no sentence mark inside or before the closing quote
#: ('der "Datensicherheitsbedingungen"'): the quote closes a name, not the sentence ('… ends."' does).
QUOTED_WORD_END = re.compile(r"[^\W_][\"”»]$")


#: A word that may shorten another: letters (with inner periods: "d.h.", "z.B.") and a closing
#: period, after an opening bracket or quote; no digit, slash or "@" (a number, a date, a URL).
ABBREVIATION_WORD = re.compile(r"^[(\[„“\"']?([^\W\d_]+(?:\.[^\W\d_]+)*\.)$")
#: A word that goes on with a sentence: it begins with a lower-case letter or a digit and holds no
#: period, slash, "@" or colon before a letter (not "www.example.org", not "mailto:x").
GOES_ON_WORD = re.compile(r"^(?:[^\W\d_]|\d)(?!.*[./@:][^\W_])")
#: Abbreviations of at most this many letters need one use mid-sentence to be known as such ("bzw.",
#: "inkl."); a longer word ("approx.", "Germany.") needs ABBREVIATION_EVIDENCE of them.
SHORT_ABBREVIATION = 4
ABBREVIATION_EVIDENCE = 2


def abbreviation_of(word: str) -> str | None:
    """A word as printed ("(bzw.") -> the abbreviation it may be ("bzw."), or None when it cannot
    be one (no closing period, a number, a URL, an ellipsis)."""
    found = ABBREVIATION_WORD.match(word)
    return found.group(1) if found else None


def shows_sentence_going_on(after: str) -> bool:
    """The word after a period on the same line -> True when it goes on with the sentence: it begins
    in lower case or with a digit, and is neither a list mark ("b)", "ii.") nor an address."""
    if ORDERED_MARK.match(after) or LETTER_MARK.match(after):
        return False  # "… first. b) second": the period closed an item, the next one begins
    return (after[:1].islower() or after[:1].isdigit()) and GOES_ON_WORD.match(after) is not None


def lines_to_abbreviations(lines: list[Line]) -> frozenset[str]:
    """Every line of a document -> the words it writes with a period inside a sentence elsewhere (a
    lower-case word or a number follows on the same line): its own abbreviations ("bzw.", "Abs.",
    "approx."), which close no sentence at a line or page end whatever comes next. A short word
    needs one such use, a longer one ABBREVIATION_EVIDENCE (a sentence's last word followed by a
    brand name written in lower case, once, is not an abbreviation)."""
    uses: Counter[str] = Counter()
    for line in lines:
        words = [w.text for w in line.words]
        first = 1 if bullet_of(line) is not None else 0  # an item's mark ("a.") shortens nothing
        for word, after in zip(words[first:], words[first + 1:]):
            short = abbreviation_of(word)
            if short is not None and shows_sentence_going_on(after):
                uses[short] += 1
    return frozenset(word for word, count in uses.items()
                     if count >= ABBREVIATION_EVIDENCE or letters_in(word) <= SHORT_ABBREVIATION)


def letters_in(word: str) -> int:
    return sum(ch.isalpha() for ch in word)


def ends_in_abbreviation(text: str, abbreviations: frozenset[str]) -> bool:
    """The text of a line and the document's abbreviations (:func:`lines_to_abbreviations`) -> True
    when its last word is one of them ("… bzw."): its period shortens the word, not the sentence."""
    words = text.split()
    short = abbreviation_of(words[-1]) if words else None
    return short is not None and short in abbreviations


def closes_sentence(text: str, abbreviations: frozenset[str] = frozenset()) -> bool:
    """The text of a line and the document's abbreviations -> True when the line ends a sentence:
    closing punctuation (:func:`ends_sentence`) that is not the period of one of those abbreviations."""
    return ends_sentence(text) and not ends_in_abbreviation(text, abbreviations)


def sentence_goes_on(text: str, after: str, abbreviations: frozenset[str] = frozenset()) -> bool:
    """The text of a line, the first word of the next and the document's abbreviations -> True when
    the sentence runs over the line end: no closing punctuation, the period of an abbreviation the
    document writes inside its sentences elsewhere ("bzw." over "Dienste", whatever follows), or a
    period that shortens a word the next line goes on from (it begins in lower case, or "z." over
    "B.": an abbreviation of letters broken at its space)."""
    if not closes_sentence(text, abbreviations) or QUOTED_WORD_END.search(text.rstrip()):
        return True
    words = text.split()
    last = words[-1] if words else ""
    if not last.endswith(".") or last.endswith(".."):
        return False
    # "e.g." or "z. B." introduce what follows: two letters, each with its period, the first in lower case
    pair = "".join(words[-2:]) if len(words) > 1 and LETTER_ABBREVIATION.match(words[-2]) else last
    introduces = bool(re.match(r"^[(\[„“\"']?[^\W\d_A-Z]\.[^\W\d_]\.$", pair)) and pair.lstrip("([„“\"'")[:1].islower()
    return after[:1].islower() or introduces or bool(LETTER_ABBREVIATION.match(last) and LETTER_ABBREVIATION.match(after))


def lines_to_blocks(lines: list[Line], pitch: float, in_cell: bool = False, gapped: bool = False,
                    indented: bool = False, abbreviations: frozenset[str] = frozenset()) -> list[TextBlock]:
    """Paragraphs and list items from lines in reading order (headings are found later). In a
    table cell, lines centred on one axis are one paragraph ("First/Third" over "party"). In a
    ``gapped`` document only gaps end paragraphs; a block where at least half the lines break early
    (an address, whose first line may be long) keeps a line break after each line. A line ending in
    one of the document's ``abbreviations`` ends no sentence."""
    if not lines:
        return []
    rights = right_edges(lines)
    blocks: list[TextBlock] = []
    current: list[Line] = []
    breaks: list[int] = []
    kind = "para"
    ordered = False
    text_x = 0.0

    def flush() -> None:
        nonlocal current, breaks
        if current:  # where most lines break early (an address) every line is one; running text has none
            kept = tuple(range(1, len(current))) if breaks and 2 * len(breaks) >= len(current) - 1 else ()
            blocks.append(TextBlock(kind, tuple(current), 0, ordered, kept))
        current, breaks = [], []

    for line in lines:
        if line.contents:  # each entry of a contents list is an item of its own
            flush()
            kind, ordered, text_x = "item", False, line.x0
            current = [line]
            continue
        mark = bullet_of(line)
        prev = current[-1] if current else None
        if len(line.words) == 1 and is_bullet_token(line.text) and line.text not in AMBIGUOUS_BULLETS:
            flush()  # a bullet alone: its text is on the next line, indented, or it is an empty item
            kind, ordered, text_x = "item", False, line.x1 + 1
            current = [line]
            continue
        if mark is not None and mark in "\u2013\u2014-" and prev is not None and kind == "para":
            if not closes_sentence(prev.text, abbreviations) and abs(line.x0 - prev.x0) < 2:
                mark = None  # a dash that continues a sentence, not a bullet
        # the marks read before are gathered only for a lettered mark: a bulleted list must not rescan
        # every block at each of its items
        if mark is not None and LETTER_MARK.match(mark) and letter_mark_is_text(
                line, prev, item_marks(blocks, current, kind), abbreviations):
            mark = None
        if mark is not None:
            flush()
            kind, ordered = "item", not is_bullet_token(mark) and bool(ORDERED_MARK.match(mark))
            text_x = line.words[1].x0 if is_bullet_token(line.words[0].text) or ordered else line.x0
            current = [line]
            continue
        if kind == "item" and prev is not None and len(current) == 1 and len(prev.words) == 1 \
                and is_bullet_token(prev.text) and line.x0 >= text_x - 3 \
                and 0 < line.top - prev.top <= BLOCK_GAP * max(pitch, 1.25 * line.size):
            current.append(line)  # the text of a bullet that stands alone on the line above
            continue
        if kind == "item" and prev is not None and item_runs_on(current[0], prev, line, rights[id(prev)], pitch, abbreviations):
            current.append(line)  # the item's bullet stands in its text: it wraps back to the bullet
            continue
        wide = max(rights[id(prev)], rights[id(line)]) if prev is not None else 0.0
        if kind == "item" and prev is not None and item_wraps_to_margin(current[0], prev, line, wide, pitch, abbreviations):
            current.append(line)  # the item's text wraps back to the margin left of its bullet
            continue
        if in_cell and prev is not None and kind == "para" and centred_continuation(prev, line, pitch):
            current.append(line)
            continue
        if prev is None or (starts_new_block(prev, line, kind, text_x, rights[id(prev)], pitch, gapped, indented,
                                             abbreviations)
                            and not (kind == "para" and runs_on(prev, line, rights[id(prev)], pitch, abbreviations))):
            flush()
            kind, ordered = "para", False
            hung = len(line.words) > 1 and CLAUSE_LABEL.match(line.words[0].text)
            text_x = line.words[1].x0 if hung else line.x0
        elif gapped and kind == "para" and hard_break(prev, line, rights[id(prev)]):
            breaks.append(len(current))
        current.append(line)
    flush()
    return nest_items(blocks if in_cell else address_blocks(blocks, rights, pitch, gapped))


def item_marks(blocks: list[TextBlock], current: list[Line], kind: str) -> tuple[str, ...]:
    """The first words of the list items read so far (the blocks done and the one being read)."""
    done = tuple(block.words[0].text for block in blocks if block.kind == "item")
    return done + ((current[0].words[0].text,) if current and kind == "item" else ())


def runs_on(prev: Line, line: Line, right: float, pitch: float, abbreviations: frozenset[str] = frozenset()) -> bool:
    """True when ``prev`` fills three quarters of its column or more, ends mid-sentence, and
    ``line``, right under it in the same type and indent, begins in lower case: the sentence goes
    on (a box set narrower than the column breaks its lines short of the column's edge)."""
    close = 0 < line.top - prev.top <= BLOCK_GAP * max(pitch, 1.25 * line.size)
    same = abs(line.size - prev.size) <= 0.6 and line.bold == prev.bold and abs(line.x0 - prev.x0) < 2
    full = prev.x1 - prev.x0 >= 0.75 * (right - prev.x0)
    return close and same and full and line.words[0].text[:1].islower() and not closes_sentence(prev.text, abbreviations)


#: A line fills its column when it ends within this share of the column's width from its right edge.
FULL_LINE_SLACK = 0.05


def item_runs_on(first: Line, prev: Line, line: Line, right: float, pitch: float,
                 abbreviations: frozenset[str] = frozenset()) -> bool:
    """True when ``line`` goes on with a list item whose bullet is set in the text like a letter
    (its wrapped lines come back to the bullet, not to the text after it): right under ``prev``, at
    the item's left edge, in its size, after a line that ends mid-sentence and fills the column or
    had no room left for ``line``'s first word (a wrapped contents entry: "… YOUR PERSONAL" over
    "INFORMATION?")."""
    close = 0 < line.top - prev.top <= BLOCK_GAP * max(pitch, 1.25 * line.size)
    at_bullet = abs(line.x0 - first.x0) < 2 and first.words[0].x1 < line.words[0].x1
    full = right - prev.x1 <= FULL_LINE_SLACK * (right - first.x0) or no_room_for(prev, line, right)
    return (close and at_bullet and full and abs(line.size - prev.size) <= 0.6
            and not closes_sentence(prev.text, abbreviations))


#: A line's last word, an abbreviation of one to three letters and its period ("Art.", "Abs.",
#: "Nr.", "No."), and the next line's first word, a bare number: a reference ("Art. 33") the
#: line end cut at its space, not a sentence that ended.
CUT_REFERENCE = re.compile(r"(?:^|\s)[^\W\d_]{1,3}\.$")
REFERENCE_NUMBER = re.compile(r"^\d+[,;:)]?$")


def cuts_reference(text: str, after: str) -> bool:
    """The text of a line and the first word of the next -> True when the line end falls inside a
    reference to a numbered provision ("gemäß Art." over "33 und 34 DSGVO")."""
    return CUT_REFERENCE.search(text.rstrip()) is not None and REFERENCE_NUMBER.match(after) is not None


def item_wraps_to_margin(first: Line, prev: Line, line: Line, right: float, pitch: float,
                         abbreviations: frozenset[str] = frozenset()) -> bool:
    """True when ``line`` goes on with a list item whose wrapped lines go back to the text's margin,
    left of the bullet: at the document's line pitch under ``prev``, in its type, after a line that
    ends mid-sentence (or inside a reference: :func:`cuts_reference`) and had no room left for
    ``line``'s first word (a line broken early, or ended by its sentence, is the item's last; the
    text at the margin after it is a paragraph). ``right`` is the wider of the two lines' column
    edges: a short item with nothing beside it is not full."""
    close = 0 < line.top - prev.top <= gap_limit(max(pitch, 1.25 * line.size), line.size)
    left = bullet_indent(first, line, right)
    # once the item has come back to the margin, its text reads as a paragraph there: a full line goes on
    wrapped = prev is not first and abs(prev.x0 - line.x0) < 2
    return (close and left and same_type_size(prev, line) and line.bold == prev.bold
            and no_room_for(prev, line, right)
            and (wrapped or sentence_goes_on(prev.text, line.words[0].text, abbreviations)
                 or cuts_reference(prev.text, line.words[0].text)))


#: A bullet stands at most this share of the column's width in from the margin its item wraps back
#: to (farther in, it is a list in a cell or a side column, and the text at the margin is not its).
ITEM_INDENT_SHARE = 0.2


def bullet_indent(first: Line, line: Line, right: float) -> bool:
    """True when ``line`` starts left of the bullet of the item whose first line is ``first``, and
    within ITEM_INDENT_SHARE of the column (from ``line`` to ``right``) of it."""
    return 2 < first.x0 - line.x0 <= ITEM_INDENT_SHARE * (right - line.x0)


def room_after(prev: Line, line: Line, right: float) -> float:
    """The width left on ``prev`` (up to ``right``, the column's right edge) once ``line``'s first
    word and a space were set after it: negative when that word would not have fitted."""
    first_width = line.words[0].x1 - line.words[0].x0
    return right - (prev.x1 + prev.words[-1].size * 0.3 + first_width)


def no_room_for(prev: Line, line: Line, right: float) -> bool:
    """True when ``line``'s first word would not have fitted at the end of ``prev`` (``right`` is
    the column's right edge): ``prev`` was broken because it was full."""
    return room_after(prev, line, right) <= 2


def hard_break(prev: Line, line: Line, right: float) -> bool:
    """True when ``prev`` ends where the next line's first word would have fitted with room to spare."""
    return line.top > prev.top and room_after(prev, line, right) > HARD_BREAK_SPARE * (right - prev.x0)


def address_blocks(blocks: list[TextBlock], rights: dict[int, float], pitch: float,
                   gapped: bool = False) -> list[TextBlock]:
    """Runs of one-line paragraphs, ADDRESS_MIN_LINES or more of them short, the first and the last
    short, and none filling its column (ADDRESS_LINE: "Attn: Data Protection Officer" between the
    short lines of an address; a longer line before them is a name or lead-in of its own), in one
    style and one margin, without closing punctuation (nor the colon of a lead-in line) or a gap
    between them, as one block with line breaks. A document that spaces its paragraphs may space
    such lines evenly too (up to two line pitches, every step the same)."""
    def width(block: TextBlock, share: float) -> bool:
        line = block.lines[0]
        return (block.kind == "para" and len(block.lines) == 1 and not block.text.rstrip().endswith((".", "!", "?", ";", ":"))
                and line.x1 - line.x0 < share * (rights[id(line)] - line.x0))

    def short(block: TextBlock) -> bool:
        return width(block, ADDRESS_LINE)

    out: list[TextBlock] = []
    run: list[TextBlock] = []

    def close() -> None:
        shorts = [k for k, b in enumerate(run) if width(b, SHORT_LINE)]
        if len(shorts) >= ADDRESS_MIN_LINES:
            first, last = shorts[0], shorts[-1] + 1
            out.extend(run[:first])
            out.append(TextBlock("para", tuple(b.lines[0] for b in run[first:last]),
                                 breaks=tuple(range(1, last - first))))
            out.extend(run[last:])
        else:
            out.extend(run)
        run.clear()

    def close_enough(a: Line, b: Line) -> bool:
        step = b.top - a.top
        # measured on the document's pitch alone: lines set larger than the text (tabs, headings) are
        # farther apart than its pitch, and no address
        if 0 < step <= gap_limit(pitch, b.size):
            return True
        first = run[1].lines[0].top - run[0].lines[0].top if len(run) > 1 else step
        return gapped and 0 < step <= 2 * pitch and abs(step - first) < 1.5

    for block in blocks:
        if short(block) and run:
            a, b = run[-1].lines[0], block.lines[0]
            if (abs(a.x0 - b.x0) < 2 and a.page == b.page and close_enough(a, b)
                    and abs(a.size - b.size) <= 0.6 and a.bold == b.bold and (a.color == b.color or not a.color or not b.color)):
                run.append(block)
                continue
        close()
        if short(block):
            run.append(block)
        else:
            out.append(block)
    close()
    return out


def right_edges(lines: list[Line]) -> dict[int, float]:
    """Each line's text column right edge: the one found among its page column's lines when it has
    one (a head or a table row across the columns would widen the columns under it), else the
    furthest right of the lines whose words overlap it horizontally by at least half the shorter
    one (lines in other columns do not count, nor does the gap inside a row that joins a side bar
    to a side panel)."""
    edges = {}
    for line in lines:
        if line.right:
            edges[id(line)] = line.right
            continue
        right = line.x1
        for other in lines:
            overlap = sum(max(0.0, min(line.x1, w.x1) - max(line.x0, w.x0)) for w in other.words)
            if overlap > 0.5 * min(line.x1 - line.x0, other.x1 - other.x0):
                right = max(right, other.x1)
        edges[id(line)] = right
    return edges


def centred_continuation(prev: Line, line: Line, pitch: float) -> bool:
    """True for the next line of centred text: same centre, same type, close below, and the line
    before does not end a sentence."""
    offset = abs(line.x0 - prev.x0) > 2
    same_centre = abs((line.x0 + line.x1) / 2 - (prev.x0 + prev.x1) / 2) < 2
    close = 0 < line.top - prev.top <= BLOCK_GAP * max(pitch, 1.25 * line.size)
    same_type = abs(line.size - prev.size) <= 0.6 and line.bold == prev.bold
    return offset and same_centre and close and same_type and not ends_sentence(prev.text)


def starts_new_block(prev: Line, line: Line, kind: str, text_x: float, right: float, pitch: float,
                     gapped: bool = False, indented: bool = False, abbreviations: frozenset[str] = frozenset()) -> bool:
    gap = line.top - prev.top
    if gap < 0 and next_column(prev, line, abbreviations):
        return False  # the paragraph goes on at the top of the next column
    if gap > gap_limit(max(pitch, 1.25 * line.size), line.size) or gap < 0:
        return True
    if not same_type_size(prev, line):
        return True
    if prev.bold and not line.words[0].bold and len(prev.words) < 12 and not prev.text.endswith(RUN_IN):
        return True  # a bold title line over its text (a grid cell), unless a colon or dash runs it in
    if line.bold and not prev.bold and closes_sentence(prev.text, abbreviations):
        return True  # a bold line after a finished sentence: a heading set without space above it
    if prev.color and prev.color != line.words[0].color and not line.words[0].href and len(prev.words) < 12:
        return True  # a coloured title line over text of another colour
    if kind == "item":
        return line.x0 < text_x - 3
    hung = abs(line.x0 - text_x) < 3  # the next line of a paragraph hung from a clause number
    if line.x0 > prev.x0 + 4 and not hung:
        return True
    if gapped:
        return False  # paragraphs end at gaps; a short line is at most a hard line break
    if indented and not closes_sentence(prev.text, abbreviations):
        return False  # paragraphs begin indented: a line at the margin after an unfinished one goes on
    return not no_room_for(prev, line, right) and not prev.text.endswith("-")


def gap_limit(pitch: float, size: float) -> float:
    """The line pitch and the type size -> the step down to the next line beyond which the two
    lines are parted by a gap (a new paragraph), not just the document's line spacing."""
    return min(BLOCK_GAP * pitch, pitch + GAP_EXTRA * size)


def letter_sizes(line: Line) -> set[float]:
    """The sizes of a line's words that hold letters (a superscript note number says nothing)."""
    return {w.size for w in line.words if any(ch.isalpha() for ch in w.text)}


def same_type_size(prev: Line, line: Line) -> bool:
    """True when two lines are set in one size: their main sizes agree, or a size of words both hold
    (small capitals, as in "the FOR FURTHER INFORMATION CONTACT section", pull a line's main size down)."""
    if abs(line.size - prev.size) <= 0.6:
        return True
    return any(abs(a - b) <= 0.6 for a in letter_sizes(prev) for b in letter_sizes(line))


def next_column(prev: Line, line: Line, abbreviations: frozenset[str] = frozenset()) -> bool:
    """True when ``line`` opens the next column to the right, in the same type, and ``prev`` ended
    mid-sentence: a paragraph broken by a column break."""
    return (line.x0 >= prev.x1 - 1 and abs(line.size - prev.size) <= 0.6 and line.bold == prev.bold
            and not closes_sentence(prev.text, abbreviations) and not prev.text.endswith(":"))


def nest_items(blocks: list[TextBlock]) -> list[TextBlock]:
    """Set each list item's nesting level from its bullet's indent within its run of items (from
    its column's start: a list goes on in the next column)."""
    out: list[TextBlock] = []
    run: list[TextBlock] = []

    def close() -> None:
        if run:
            indents = sorted({round(indent(b.lines[0])) for b in run})
            levels: dict[int, int] = {}
            for x in indents:
                deeper = [levels[y] for y in levels if x - y >= 8]
                levels[x] = max(deeper) + 1 if deeper else 0
            out.extend(TextBlock(b.kind, b.lines, levels[round(indent(b.lines[0]))], b.ordered) for b in run)
            run.clear()

    for block in blocks:
        if block.kind == "item":
            if run and not same_type_size(run[-1].lines[0], block.lines[0]):
                close()  # a numbered line set larger (a section heading) opens no deeper level for the bullets above
            run.append(block)
        else:
            close()
            out.append(block)
    close()
    return out


# ---------------------------------------------------------------- the whole document


# The widest step taken for a line pitch, in body sizes: double spacing of a font whose line
# height is 1.15-1.2 sizes steps 2.3-2.4 sizes.
PITCH_MAX = 2.6


def line_pitch(lines: list[Line], body_size: float) -> float:
    steps = [
        b.top - a.top
        for a, b in zip(lines, lines[1:])
        if a.page == b.page and abs(a.size - body_size) < 0.6 and 0 < b.top - a.top < PITCH_MAX * body_size
    ]
    return statistics.median(steps) if steps else body_size * 1.3


def body_color(words: list[Word]) -> str:
    counts = Counter()  # type: Counter[str]
    for word in words:
        counts[word.color] += len(word.text)
    return counts.most_common(1)[0][0] if counts else ""


def body_font_size(words: list[Word]) -> float:
    counts = Counter()  # type: Counter[float]
    for word in words:
        counts[word.size] += len(word.text)
    return counts.most_common(1)[0][0] if counts else 10.0


#: One page on its way through ``analyse``: its content, the words of its ruled tables, and its lines
#: in column groups in reading order.
PageGroups = tuple[PageContent, list[Word], list[list[Line]]]


def analyse(pages: tuple[PageContent, ...]) -> Layout:
    """The whole document's layout blocks in reading order, with furniture set aside."""
    all_words = [w for page in pages for w in page.words]
    body_size = body_font_size(all_words)
    per_page: list[PageGroups] = []
    sideways: list[Furniture] = []
    for page in map(without_frames, pages):
        in_table = [any(inside(w, t.bbox) for t in page.tables) for w in page.words]
        table_words = [w for w, hit in zip(page.words, in_table) if hit]
        free = [w for w, hit in zip(page.words, in_table) if not hit and w.upright]
        rotated = [w for w in page.words if not w.upright]
        if rotated:  # side labels running up the margin are furniture, kept in the account
            sideways.extend(Furniture(line.text, page.number) for line in words_to_lines(rotated))
        groups = [[replace(ln, column=col) for ln in words_to_lines(group)]
                  for col, group in split_columns(free, page.rules, page.height)]
        per_page.append((page, table_words, groups))
    per_page = with_margins(per_page)
    furniture = find_furniture([(page, [ln for group in groups for ln in group]) for page, _, groups in per_page])
    pitch = line_pitch([ln for _, _, groups in per_page for group in groups for ln in group], body_size)
    gapped = separates_by_gaps([group for _, _, groups in per_page for group in groups], pitch, body_size)
    indented = indents_paragraphs([group for _, _, groups in per_page for group in groups], pitch, body_size)

    stream: list[LayoutBlock | Line] = []
    removed: list[Furniture] = sideways
    for page, table_words, groups in per_page:
        items: list[LayoutBlock | Line] = []
        notes: list[LayoutBlock | Line] = []
        for group in groups:  # columns in reading order: each is laid out on its own
            kept = []
            for line in group:
                if (page.number, round(line.top, 1), line.text) in furniture:
                    removed.append(Furniture(line.text, page.number))
                elif stray(line):
                    removed.append(Furniture(line.text, page.number, "stray-glyph"))
                else:
                    kept.append(line)
            kept, foot = split_footnotes(contents_entries(kept, removed), page, body_size)
            items.extend(with_column_edges(page_items(page, kept, pitch)))
            notes.extend(replace(item, note=True) if isinstance(item, Line) else item
                         for item in with_column_edges(page_items(page, foot, pitch)))
        tables = [(table.bbox, ruled_to_table(table, table_words, pitch, page.number)) for table in page.tables]
        stream.extend(place_tables(items + notes, tables))  # the notes of every column after all the text
    abbreviations = lines_to_abbreviations([ln for _, _, groups in per_page for group in groups for ln in group])
    blocks = stream_to_blocks(stream, pitch, removed, gapped, indented, abbreviations)
    return Layout(blocks=tuple(blocks), furniture=tuple(removed), body_size=body_size, body_color=body_color(all_words))


def split_footnotes(lines: list[Line], page: PageContent, body_size: float) -> tuple[list[Line], list[Line]]:
    """(text, footnotes) of one page column's lines: the footnotes are the run of lines at its foot
    set smaller than the body (NOTE_SIZE_SHARE), in the page's lower part (NOTE_FOOT_SHARE), under
    text of the body's size, one of them opening with a note number or mark. Read where they stand,
    they would cut a paragraph that goes on in the next column or on the next page."""
    start = len(lines)
    while start > 0 and lines[start - 1].size <= NOTE_SIZE_SHARE * body_size:
        start -= 1
    foot = lines[start:]
    marked = any(len(line.words) > 1 and NOTE_MARK.match(line.words[0].text) for line in foot)
    if not foot or not marked or start == 0 or foot[0].top < NOTE_FOOT_SHARE * page.height:
        return lines, []
    return lines[:start], foot


def with_column_edges(items: list[LayoutBlock | Line]) -> list[LayoutBlock | Line]:
    """The items of one page column, each line knowing its column's right edge."""
    edges = right_edges([item for item in items if isinstance(item, Line)])
    return [replace(item, right=edges[id(item)]) if isinstance(item, Line) else item for item in items]


def item_span(item: LayoutBlock | Line) -> tuple[float, float, float]:
    """(left, top, right) of a line or a block."""
    if isinstance(item, Line):
        return item.x0, item.top, item.x1
    lines = [ln for ln in item.lines] if isinstance(item, TextBlock) else [
        ln for row in item.rows for cell in row for b in cell for ln in b.lines]
    if not lines:
        return 0.0, block_top(item), 0.0
    return min(ln.x0 for ln in lines), block_top(item), max(ln.x1 for ln in lines)


def place_tables(items: list[LayoutBlock | Line],
                 tables: list[tuple[tuple[float, float, float, float], TableBlock]]) -> list[LayoutBlock | Line]:
    """The page's reading-ordered ``items`` with each ruled table (its bbox, its block) put before the
    first item below its top that shares some of its width: at the head of its own column on a
    multi-column page (sorting everything by height would read across the columns), above all
    columns when it spans them; when nothing under it shares its width, after the last item above
    it that does (or, with none, after the last item above it)."""
    out = list(items)
    for bbox, table in sorted(tables, key=lambda pair: pair[0][1]):
        left, top, right = bbox[0], bbox[1], bbox[2]
        spans = [item_span(item) for item in out]
        shared = [i for i, (x0, _, x1) in enumerate(spans) if min(x1, right) - max(x0, left) > 0]
        below = [i for i in shared if spans[i][1] >= top]
        above = [i for i in shared if spans[i][1] < top] or [i for i in range(len(out)) if spans[i][1] < top]
        at = below[0] if below else (above[-1] + 1 if above else len(out))
        out.insert(at, table)
    return out


def with_margins(pages: list[PageGroups]) -> list[PageGroups]:
    """Every page's lines with their ``margin``: where their column begins, the leftmost start of the
    document's lines in that column (a column may hold nothing but the indented rest of an item)."""
    margins: dict[int, float] = {}
    for _, _, groups in pages:
        for line in (ln for lines in groups for ln in lines):
            margins[line.column] = min(margins.get(line.column, line.x0), line.x0)
    return [(page, words, [[replace(ln, margin=margins[ln.column]) for ln in lines] for lines in groups])
            for page, words, groups in pages]


def separates_by_gaps(groups: list[list[Line]], pitch: float, body_size: float) -> bool:
    """True when the document ends its paragraphs with vertical gaps: most lines that end a sentence
    well short of the right edge (a paragraph's last line, list items aside) are followed by a gap
    (GAPPED_SHARE)."""
    ends = gaps = 0
    for group in groups:
        right = max((ln.x1 for ln in group), default=0.0)
        for a, b in zip(group, group[1:]):
            step = b.top - a.top
            if (abs(a.size - body_size) > 0.6 or abs(b.size - body_size) > 0.6 or abs(a.x0 - b.x0) > 2
                    or not 0 < step < 4 * pitch or a.bold or b.bold or bullet_of(a) or bullet_of(b)):
                continue  # list items end no paragraph
            if a.text.rstrip().endswith((".", "!", "?")) and right - a.x1 > 0.2 * (right - a.x0):
                ends += 1
                gaps += step > gap_limit(pitch, body_size)
    return ends >= GAPPED_MIN and gaps >= GAPPED_SHARE * ends


def indents_paragraphs(groups: list[list[Line]], pitch: float, body_size: float) -> bool:
    """True when the document begins its paragraphs with an indented first line and no gap: most
    lines that end a sentence well short of the column's edge (GAPPED_SHARE, GAPPED_MIN of them) are
    followed closely by a line indented from the column's margin by INDENT_SIZES font sizes."""
    ends = indents = 0
    for group in groups:
        if not group:
            continue
        right = max(ln.x1 for ln in group)
        margin = Counter(round(ln.x0) for ln in group).most_common(1)[0][0]
        for a, b in zip(group, group[1:]):
            step = b.top - a.top
            if (abs(a.size - body_size) > 0.6 or abs(b.size - body_size) > 0.6 or not 0 < step <= BLOCK_GAP * pitch
                    or a.bold or b.bold or bullet_of(a) or bullet_of(b)):
                continue
            if a.text.rstrip().endswith((".", "!", "?")) and right - a.x1 > 0.2 * (right - a.x0):
                ends += 1
                indents += INDENT_SIZES[0] * b.size <= b.x0 - margin <= INDENT_SIZES[1] * b.size
    return ends >= GAPPED_MIN and indents >= GAPPED_SHARE * ends


def stray(line: Line) -> bool:
    """A line of one or two glyphs that are neither letters, digits nor a bullet: an invisible
    format character (a zero-width space) or a stray mark (a lone "!" under a rule)."""
    text = line.text.strip()
    if all(unicodedata.category(ch) == "Cf" or ch.isspace() for ch in text):
        return True
    return not any(ch.isalnum() for ch in text) and len(line.words) == 1 and len(text) <= 2 and not is_bullet_token(text)


def contents_entries(lines: list[Line], removed: list[Furniture]) -> list[Line]:
    """``lines`` with the entries of a contents list (two or more on the page: title, leader,
    page number, the numbers never going back) cut to their titles, which will link to the sections they name; the leaders
    and page numbers, which mean nothing on a web page, go to ``removed``."""
    entries = [contents_entry(line) for line in lines]
    numbers = [int(line.words[-1].text) for line, entry in zip(lines, entries) if entry is not None]
    if len(numbers) < 2 or numbers != sorted(numbers):  # a contents list runs forward (a price list need not)
        return lines
    out = []
    for line, entry in zip(lines, entries):
        if entry is None:
            out.append(line)
            continue
        title, rest = entry
        out.append(title)
        removed.append(Furniture(rest, line.page, "page-reference"))
    return out


def contents_entry(line: Line) -> tuple[Line, str] | None:
    """(the title as a contents line, the leader and page reference) of a contents entry, such as
    "Cookies ........ Seite 4" or "Cookies . . . . 4"; None for any other line."""
    words = list(line.words)
    if len(words) < 2 or not PAGE_REF.match(words[-1].text):
        return None
    found = leader_at(words[:-1])
    if found is None:
        return None
    lead, after = found
    if len(words) - 1 - after > 1:  # at most one word ("Seite", "p.") between the leader and the number
        return None
    glued = LEADER.search(words[lead].text)
    if (glued is None or glued.start() == 0) and leader_begun_before(words, lead):
        lead -= 1
        glued = LEADER_TAIL.search(words[lead].text)
    cut = glued.start() if glued else 0
    head = words[lead].text[:cut].rstrip()
    title = words[:lead] + ([replace(words[lead], text=head)] if head else [])
    if not title or not any(ch.isalpha() for w in title for ch in w.text):
        return None
    name = " ".join(w.text for w in title)
    linked = tuple(w if w.href else replace(w, href=CONTENTS_LINK + name) for w in title)
    rest = " ".join([words[lead].text[cut:]] + [w.text for w in words[lead + 1 :]])
    return replace(line, words=linked, contents=True), rest


def leader_begun_before(words: list[Word], lead: int) -> bool:
    """True when the word before a leader standing alone ends in its dots and touches it: the
    leader's first dot was set back over the space after the title, so the title's word took it
    ("Datenschutzerklärung." then "……"); cut there, like dots glued to the title."""
    return (lead > 0 and bool(LEADER_TAIL.search(words[lead - 1].text))
            and words[lead].x0 - words[lead - 1].x1 < LEADER_ABUTS)


def leader_at(words: list[Word]) -> tuple[int, int] | None:
    """(index of the word where a leader starts, index just after it): dots glued to a title word
    or standing alone ("........"), or a run of spaced dots (". . . ."), four dots at least."""
    for i, word in enumerate(words):
        if LEADER.search(word.text):
            return i, i + 1
        run = i
        while run < len(words) and LEADER_ONLY.match(words[run].text):
            run += 1
        if run > i and sum(len(w.text) for w in words[i:run]) >= 4:
            return i, run
    return None


def block_top(block: LayoutBlock) -> float:
    if isinstance(block, TextBlock):
        return block.lines[0].top
    return min((ln.top for row in block.rows for cell in row for b in cell for ln in b.lines), default=0.0)


def stream_to_blocks(stream: list[LayoutBlock | Line], pitch: float,
                     removed: list[Furniture] | None = None, gapped: bool = False,
                     indented: bool = False, abbreviations: frozenset[str] = frozenset()) -> list[LayoutBlock]:
    """Cut the page-ordered stream into text blocks, keeping tables whole and merging
    tables that continue on the next page (a header row repeated there goes to ``removed``)."""
    blocks: list[LayoutBlock] = []
    pending: list[Line] = []

    def flush() -> None:
        if pending:
            blocks.extend(join_across_pages(pending, pitch, gapped, indented, abbreviations))
            pending.clear()

    for item in stream:
        if isinstance(item, Line):
            pending.append(item)
            continue
        flush()
        if isinstance(item, TableBlock) and blocks and isinstance(blocks[-1], TableBlock):
            merged = merge_tables(blocks[-1], item, abbreviations)
            if merged is not None:
                if len(merged.rows) < len(blocks[-1].rows) + len(item.rows) and removed is not None:
                    removed.append(Furniture(" ".join(cell_texts(item.rows[0])), item.page))
                blocks[-1] = merged
                continue
        blocks.append(item)
    flush()
    return blocks


def join_across_pages(lines: list[Line], pitch: float, gapped: bool = False, indented: bool = False,
                      abbreviations: frozenset[str] = frozenset()) -> list[TextBlock]:
    """Blocks from lines; a paragraph cut by a page break continues when its sentence does (a line
    ending in one of the document's ``abbreviations`` ends none)."""
    by_page: list[list[Line]] = []
    for line in lines:
        if by_page and by_page[-1][-1].page == line.page:
            by_page[-1].append(line)
        else:
            by_page.append([line])
    blocks: list[TextBlock] = []
    for page_lines in by_page:
        page_blocks = lines_to_blocks(page_lines, pitch, gapped=gapped, indented=indented, abbreviations=abbreviations)
        # the page before may end with its footnotes: the text goes on from the block above them
        last = next((k for k in range(len(blocks) - 1, -1, -1) if not all(ln.note for ln in blocks[k].lines)), None)
        if last is not None and page_blocks and continues(blocks[last], page_blocks[0], abbreviations):
            head, before = page_blocks.pop(0), blocks[last]
            shift = len(before.lines)
            blocks[last] = TextBlock(before.kind, before.lines + head.lines, before.level, before.ordered,
                                     before.breaks + tuple(i + shift for i in head.breaks))
        blocks.extend(page_blocks)
    return blocks


def continues(before: TextBlock, after: TextBlock, abbreviations: frozenset[str] = frozenset()) -> bool:
    """True when ``after``, atop a page, goes on with ``before``, the last block of the page before."""
    if after.kind != "para" or before.kind == "heading":
        return False
    if before.breaks and not after.breaks:
        return False  # an address's lines end unpunctuated, so its last says nothing of a sentence going on
    last, first = before.lines[-1], after.lines[0]
    # an item's bold lead-in may run over the break, its text after it in the body face: for an
    # item the type is compared where the break cuts, on the words either side of it
    ends = (last.words[-1], first.words[0]) if before.kind == "item" else (last, first)
    if abs(ends[0].size - ends[1].size) > 0.6 or ends[0].bold != ends[1].bold:
        return False
    # from the last column of a page to the first of the next, indents count from each column's start
    moved = first.column != last.column
    goes_on = sentence_goes_on(last.text, first.words[0].text, abbreviations)
    if before.kind == "item":
        indented = first.x0 > before.lines[0].x0 or moved and indent(first) > indent(before.lines[0])
        # or its wrapped lines go back to the margin left of the bullet, after a line that was full
        right = max(item_right(before), first.right)
        at_margin = not moved and bullet_indent(before.lines[0], first, right) and no_room_for(last, first, right)
        return goes_on and (indented or at_margin)
    if len(after.lines) == 1 and not first.words[0].text[:1].islower() and (
            first.x1 - first.x0 < SHORT_LINE * (last.x1 - before.lines[0].x0)):
        return False  # a short line standing alone atop the page: a heading, not the sentence's end
    same_margin = any(abs(first.x0 - line.x0) < 2 or moved and abs(indent(first) - indent(line)) < 2
                      for line in (before.lines[-1], before.lines[0]))
    return goes_on and (first.words[0].text[:1].islower() or same_margin)


def item_right(block: TextBlock) -> float:
    """The right edge of a list item's column: the one found for its page column, else its widest line."""
    last = block.lines[-1]
    return last.right or max(line.x1 for line in block.lines)


def indent(line: Line) -> float:
    return line.x0 - line.margin


def merge_tables(first: TableBlock, second: TableBlock, abbreviations: frozenset[str] = frozenset()) -> TableBlock | None:
    """One table when ``second`` continues ``first`` with the same columns on the next page, or in
    the next column of the page (all of it right of ``first``); the columns may stand elsewhere on
    the page, but as wide as before."""
    next_page = second.page == first.page + 1
    next_column = second.page == first.page and second.columns[0] > first.columns[-1]
    if not (next_page or next_column) or len(first.columns) != len(second.columns) or first.ruled != second.ruled:
        return None
    shift = second.columns[0] - first.columns[0]
    if any(abs(a + shift - b) > COLUMN_SLACK for a, b in zip(first.columns, second.columns)):
        return None
    rows = list(second.rows)
    if rows and len(first.rows) > 1 and cell_texts(rows[0]) == cell_texts(first.rows[0]):
        rows.pop(0)  # the first row repeated on the new page: a running header row, bold or not
    head = first.rows
    if first.open_end and rows and len(rows[0]) == len(head[-1]):  # the row the break cut, made whole
        rows[0] = tuple(a + b for a, b in zip(head[-1], rows[0]))
        head = head[:-1]
    elif not first.ruled and rows and head and cut_row(head[-1], rows[0], abbreviations):  # no rule shows the cut: the text does
        rows[0] = tuple(joined_cell(a, b) for a, b in zip(head[-1], rows[0]))
        head = head[:-1]
    return TableBlock(head + tuple(rows), first.header, first.ruled, first.columns, second.page,
                      second.open_end)


def cut_row(last: tuple[tuple[TextBlock, ...], ...], first: tuple[tuple[TextBlock, ...], ...],
            abbreviations: frozenset[str] = frozenset()) -> bool:
    """True when ``first``, the first row of a grid going on from one whose last row is ``last``,
    carries on that row's cells: every cell it fills goes on, in lower case, from a cell above that
    ends no sentence (a page break cut the row)."""
    pairs = [(" ".join(b.text for b in above), " ".join(b.text for b in below))
             for above, below in zip(last, first) if below]
    goes_on = all(above and not closes_sentence(above, abbreviations) and below[:1].islower() for above, below in pairs)
    return bool(pairs) and (goes_on or list_goes_on(last, first))


def list_goes_on(last: tuple[tuple[TextBlock, ...], ...], first: tuple[tuple[TextBlock, ...], ...]) -> bool:
    """True when ``first`` leaves the first cell empty and every cell it fills opens with a list
    item under a cell of ``last`` that ends with one: the next items of a list the page break cut
    (a new row names what it is about in its first cell, or goes on with text in a later one)."""
    filled = [(above, below) for above, below in zip(last, first) if below]
    return bool(filled) and not first[0] and all(
        above and above[-1].kind == "item" and below[0].kind == "item" for above, below in filled)


def joined_cell(above: tuple[TextBlock, ...], below: tuple[TextBlock, ...]) -> tuple[TextBlock, ...]:
    """A cell cut by a page break, made whole: its paragraph cut in two is one paragraph again."""
    if above and below and above[-1].kind == "para" and below[0].kind == "para":
        return above[:-1] + (replace(above[-1], lines=above[-1].lines + below[0].lines),) + below[1:]
    return above + below


def cell_texts(row: tuple[tuple[TextBlock, ...], ...]) -> tuple[str, ...]:
    return tuple(" ".join(b.text for b in cell) for cell in row)
