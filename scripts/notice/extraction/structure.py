"""Structure: layout blocks in, the document model (``Notice``) out.

Decides which blocks are headings and at what level, removes the back-to-top phrase and
the effective-date line (both rendered by the site), re-joins words across line ends, maps
link runs and bold runs to spans, and cuts the body into sections with ids.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from notice import dates
from notice.errors import StructureError
from notice.extraction import hyphenation, layout, pdf
from notice.extraction.layout import Layout, TableBlock, TextBlock
from notice.extraction.pdf import Word
from notice.model import (
    Block,
    Cell,
    ListBlock,
    ListItem,
    Notice,
    Paragraph,
    Removed,
    Section,
    SourceRef,
    Span,
    Table,
)
from notice.slugs import unique_ids

log = logging.getLogger(__name__)

#: A bold heading at body size is at most this many words (twice that for larger type); longer
#: bold text is an emphasised paragraph.
HEADING_MAX_WORDS = 16
#: Markdown's deepest heading: a nesting that would go past it is not made.
DEEPEST_LEVEL = 6
NUMBERED_HEADING = re.compile(r"^(?:§\s*)?(\d+(?:\.\d+)*)\.?\s+\S")
#: A line that ends inside a number joined by a hyphen or en dash (a phone number, a reference).
NUMBER_BEFORE_DASH = re.compile(r"\d[-–]$")


@dataclass(frozen=True)
class Options:
    lang: str
    back_to_top: tuple[str, ...] = ()
    ids: tuple[tuple[int, str], ...] | None = None  # (level, id) per section, from the source language
    ids_origin: str = ""


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


# ---------------------------------------------------------------- headings


def is_heading(block: TextBlock, body_size: float, body_color: str = "") -> bool:
    numbered_item = block.kind == "item" and block.ordered and (
        all(w.bold for w in block.words[1:]) or block.lines[0].size >= body_size + 0.9
        or len({w.color for w in block.words}) == 1 and block.words[0].color != body_color)
    if block.kind != "para" and not numbered_item or len(block.lines) > 3:
        return False
    words = block.text.split()
    bigger = block.lines[0].size >= body_size + 0.9
    bold = all(line.bold for line in block.lines) or colored(block, body_color)
    if len(words) > HEADING_MAX_WORDS * (2 if bigger else 1) or not any(ch.isalpha() for ch in block.text):
        return False
    if not (bigger or bold):
        return False
    return bigger or not block.text.rstrip().endswith((".", ",", ";")) or bool(NUMBERED_HEADING.match(block.text))


#: A face set on at least this many short standalone lines, and on nothing else, is a heading face.
HEADING_FACE_MIN = 2


def heading_faces(blocks: list[TextBlock | TableBlock]) -> set[str]:
    """Fonts used only for whole one-line paragraphs of a few words without a closing full stop or
    comma, at least HEADING_FACE_MIN of them, and not the body's font: the heading face of a document
    whose font names and descriptors say nothing ("CIDFont+F3", an italic used for nothing else)."""
    chars: Counter[str] = Counter()
    standalone: Counter[str] = Counter()
    elsewhere: set[str] = set()
    for block in blocks:
        words = list(block.words) if isinstance(block, TextBlock) else [
            w for row in block.rows for cell in row for b in cell for w in b.words]
        for word in words:
            chars[word.font] += len(word.text)
        fonts = {w.font for w in words}
        alone = (isinstance(block, TextBlock) and block.kind == "para" and len(block.lines) == 1 and len(fonts) == 1
                 and len(words) <= HEADING_MAX_WORDS and not block.text.rstrip().endswith((".", ",", ";")))
        if alone:
            standalone[fonts.pop()] += 1
        else:
            elsewhere.update(fonts)
    body = chars.most_common(1)[0][0] if chars else ""
    return {f for f, n in standalone.items() if n >= HEADING_FACE_MIN and f and f != body and f not in elsewhere}


def in_heading_face(block: TextBlock, faces: set[str]) -> bool:
    return (bool(faces) and len(block.lines) == 1 and any(ch.isalpha() for ch in block.text)
            and all(w.font in faces for w in block.words))


def label_like(block: TextBlock, lang: str) -> bool:
    """Short lines that look like headings but are not: an e-mail address or a web address, a form
    label ("Name:", "Signed:"), the effective-date line (the site shows it beside the title)."""
    text = block.text.strip()
    if "@" in text or "://" in text or text.lower().startswith("www."):
        return True
    if len(text.split()) == 1 and text.endswith(":"):
        return True
    return len(text.split()) <= 12 and dates.find_date(text, lang) is not None


def labels_over_larger(blocks: list[TextBlock | TableBlock], heading_ids: set[int]) -> set[int]:
    """ids of the subtitles: heading-styled blocks set right under a larger heading and followed at
    once, with no text between, by a larger heading again (a notice's subtitle "Information under
    Art. 14 GDPR (as of 12/2023)" between a firm's name and the notice's larger section headings).
    By size such a line would head an empty section; it labels what follows. A run of such lines
    with no heading over them (a web app's tabs, a register's docket lines) is not one."""
    def larger(a: TextBlock | TableBlock, b: TextBlock | TableBlock) -> bool:
        return (isinstance(a, TextBlock) and isinstance(b, TextBlock) and id(a) in heading_ids
                and id(b) in heading_ids and style(a)[0] > style(b)[0])
    return {id(b) for a, b, c in zip(blocks, blocks[1:], blocks[2:]) if larger(a, b) and larger(c, b)}


def nested_under_labels(headings: list[TextBlock], levels: list[int], labels: set[int]) -> list[int]:
    """``levels`` with the section a subtitle (``labels_over_larger``) stands over put under it: the
    larger heading right after it and every heading after that down to the next one of a higher
    level go one level below the subtitle, unless that would take one past level 6."""
    out = list(levels)
    for k, label in enumerate(headings[:-1]):
        if id(label) not in labels:
            continue
        first = out[k + 1]
        shift = out[k] + 1 - first  # the larger heading is at the label's level or above it
        stop = k + 1
        while stop < len(headings) and out[stop] >= first:
            stop += 1
        if shift > 0 and max(out[k + 1 : stop]) + shift <= DEEPEST_LEVEL:
            out[k + 1 : stop] = [level + shift for level in out[k + 1 : stop]]
    return out


def paired_heads(blocks: list[TextBlock | TableBlock], heading_ids: set[int]) -> set[int]:
    """ids of the first of exactly two headings of one style set one right after the other, with no
    text between and the second right below the first ("LBS Landesbausparkasse Süd" over
    "Datenschutzhinweise", a firm's name over its notice's title): the first heads the second.
    Three or more in a row (a web app's tabs, a register's agency lines) say nothing of which
    heads which."""
    def same(a: TextBlock | TableBlock | None, b: TextBlock | TableBlock | None) -> bool:
        return (isinstance(a, TextBlock) and isinstance(b, TextBlock) and id(a) in heading_ids
                and id(b) in heading_ids and style(a) == style(b))
    padded: list[TextBlock | TableBlock | None] = [None, *blocks, None, None]
    return {id(b) for a, b, c, d in zip(padded, padded[1:], padded[2:], padded[3:])
            if same(b, c) and right_below(b, c) and not same(a, b) and not same(c, d)}


#: The second heading of a pair stands at most this many of the first's sizes below it.
PAIR_GAP = 2.0


def right_below(first: TextBlock | TableBlock | None, second: TextBlock | TableBlock | None) -> bool:
    """True when ``second`` starts on ``first``'s page, under it, within PAIR_GAP of its size: a
    pair read across a column or page break, or apart by content read elsewhere (a table), is not
    set as one."""
    if not isinstance(first, TextBlock) or not isinstance(second, TextBlock):
        return False
    a, b = first.lines[-1], second.lines[0]
    return a.page == b.page and b.x0 < a.x1 and 0 <= b.top - a.bottom <= PAIR_GAP * a.size


def nested_pairs(headings: list[TextBlock], levels: list[int], heads: set[int]) -> list[int]:
    """``levels`` with the second heading of each pair (``paired_heads``) one level under the first,
    its own subsections with it, unless that would take one past level 6."""
    out = list(levels)
    for k, head in enumerate(headings[:-1]):
        if id(head) not in heads or out[k + 1] != out[k]:
            continue
        stop = k + 2
        while stop < len(headings) and out[stop] > out[k + 1]:
            stop += 1
        if max(out[k + 1 : stop]) < DEEPEST_LEVEL:
            out[k + 1 : stop] = [level + 1 for level in out[k + 1 : stop]]
    return out


def section_number(block: TextBlock) -> tuple[int, ...]:
    """The section number a block opens with ("3.4 Aufgrund …" gives (3, 4)); () when none."""
    found = NUMBERED_HEADING.match(block.text)
    return tuple(int(part) for part in found.group(1).split(".")) if found else ()


def follows(before: tuple[int, ...], number: tuple[int, ...]) -> bool:
    """``number`` comes next after ``before`` in a numbering: the next sibling (3.3 → 3.4), the
    first subsection (3 → 3.1) or the next section up (3.4 → 4)."""
    return any(number == (*before[:depth - 1], before[depth - 1] + 1) for depth in range(1, len(before) + 1)) or (
        number == (*before, 1))


def numbered_in_sequence(blocks: list[TextBlock | TableBlock], heading_ids: set[int]) -> set[int]:
    """ids of the paragraphs of at most three lines, set in the style of the numbered heading before
    them and numbered as that heading's next ("3.4 Aufgrund gesetzlicher Vorgaben (Art. 6 Abs. 1
    Buchst. c DSGVO) oder im öffentlichen Interesse (…)" after "3.3 …"): headings, however many
    words they have, since the numbering places them among the sections."""
    found: set[int] = set()
    last: tuple[tuple[int, ...], tuple[float, bool, str]] | None = None
    for block in blocks:
        if not isinstance(block, TextBlock) or not section_number(block):
            continue
        number = section_number(block)
        if id(block) in heading_ids:
            last = (number, style(block))
        elif (block.kind == "para" and last is not None and len(block.lines) <= 3 and style(block) == last[1]
              and follows(last[0], number)):
            found.add(id(block))
            last = (number, style(block))
    return found


#: At least this many heads over nothing in a row are a stack (two are a pair: ``paired_heads``).
STACK_MIN = 3


def stacked_heads(blocks: list[TextBlock | TableBlock], levels: dict[int, int]) -> list[list[TextBlock]]:
    """Stacks of heads over nothing, each as its blocks in order. In a run of headings with no text
    between, a heading heads nothing when a later one of the run is at its level or a higher one
    (its section ends before any text); STACK_MIN or more such heads in a row (a web app's tab
    lines, a register's agency lines "DEPARTMENT OF TRANSPORTATION" / "Federal Aviation
    Administration" / "RIN 2120-AA64" over each rule's title) say nothing of which heads which. A
    run that only goes deeper (a title, a part, its first section) heads at every step."""
    runs: list[list[TextBlock]] = [[]]
    for block in blocks:
        if isinstance(block, TextBlock) and id(block) in levels:
            runs[-1].append(block)
        elif runs[-1]:
            runs.append([])
    stacks: list[list[TextBlock]] = []
    for run in runs:
        stack: list[TextBlock] = []
        for k, head in enumerate(run):
            if any(levels[id(later)] <= levels[id(head)] for later in run[k + 1 :]):
                stack.append(head)
                continue
            if len(stack) >= STACK_MIN:
                stacks.append(stack)
            stack = []
        if len(stack) >= STACK_MIN:
            stacks.append(stack)
    return stacks


def folded_stacks(blocks: list[TextBlock | TableBlock], stacks: list[list[TextBlock]]) -> list[TextBlock | TableBlock]:
    """``blocks`` with each stack of heads (``stacked_heads``) made one paragraph with a hard line
    break after each head: a reader sees the lines as printed, none of them a section of nothing."""
    firsts = {id(stack[0]): stack for stack in stacks}
    inside = {id(b) for stack in stacks for b in stack}
    out: list[TextBlock | TableBlock] = []
    for block in blocks:
        if id(block) in firsts:
            stack = firsts[id(block)]
            starts = [sum(len(b.lines) for b in stack[:k]) for k in range(1, len(stack))]
            out.append(TextBlock("para", tuple(ln for b in stack for ln in b.lines), breaks=tuple(starts)))
        elif id(block) not in inside:
            out.append(block)
    return out


def title_continues(first: TextBlock | TableBlock, second: TextBlock | TableBlock) -> bool:
    """The second heading block is the rest of the title: same style, close below, not numbered."""
    if not isinstance(first, TextBlock) or not isinstance(second, TextBlock) or style(first) != style(second):
        return False
    a, b = first.lines[-1], second.lines[0]
    return a.page == b.page and b.top - a.top < 3 * a.size and not NUMBERED_HEADING.match(second.text)


def heading_goes_on(first: TextBlock, second: TextBlock) -> bool:
    """The second heading block is the first's next line: same style, right below, after a line
    that ends without punctuation, and begun in lower case, or (in capitals, where case says
    nothing) unnumbered under a numbered first line."""
    a, b = first.lines[-1], second.lines[0]
    rest = second.text[:1].islower() or (bool(NUMBERED_HEADING.match(first.text))
                                         and not NUMBERED_HEADING.match(second.text))
    return (style(first) == style(second) and a.page == b.page and 0 < b.top - a.top < 2.5 * a.size
            and rest and not first.text.rstrip().endswith((".", ":", ";", "?", "!")))


def colored(block: TextBlock, body_color: str) -> bool:
    """Every word in one colour that is not the body text's (links aside)."""
    colors = {line.color for line in block.lines}
    return len(colors) == 1 and "" not in colors and colors != {body_color}


def style(block: TextBlock) -> tuple[float, bool, str]:
    size = max(w.size for w in block.lines[0].words)  # small caps: the capitals give the size
    return (round(size), all(line.bold for line in block.lines), block.lines[0].color)


def cluster_styles(counts: Counter[tuple[float, bool, str]]) -> dict[tuple[float, bool, str], tuple[float, bool, str]]:
    """Map each heading style to its level's representative. A style used once, a point off a
    common style of the same weight and colour, is that style (a source that set one sibling
    in 12 pt among many in 11 pt); styles both used repeatedly stay distinct levels."""
    mapping = {s: s for s in counts}
    for s, n in counts.items():
        near = [r for r in counts if r != s and r[1:] == s[1:] and abs(r[0] - s[0]) <= 1 and counts[r] >= 3 * n]
        if n == 1 and near:
            mapping[s] = max(near, key=lambda r: counts[r])
    return mapping


def heading_levels(headings: list[TextBlock], first_is_title: bool = False) -> list[int]:
    """Level per heading: the largest style used once at the start is the title (1); other styles
    rank by size then weight from 2; numbered headings of one style nest by their numbering; no
    level skips one (:func:`without_skips`)."""
    return without_skips(style_levels(headings, first_is_title))


def style_levels(headings: list[TextBlock], first_is_title: bool = False) -> list[int]:
    """Level per heading as its style and numbering rank it (see :func:`heading_levels`), skips
    left open."""
    if not headings:
        return []
    styles = cluster_styles(Counter(style(h) for h in headings))
    first_seen: dict[tuple[float, bool, str], int] = {}
    for n, heading in enumerate(headings):
        first_seen.setdefault(styles[style(heading)], n)
    # ties (same size and weight) go to the style met first; never to set order, which varies by run
    order = sorted(first_seen, key=lambda s: (-s[0], not s[1], first_seen[s]))
    top = order[0]
    unique_top = sum(1 for h in headings if styles[style(h)] == top) == 1 and styles[style(headings[0])] == top
    first_style = styles[style(headings[0])]
    numbered_like_others = bool(NUMBERED_HEADING.match(headings[0].text)) and any(
        NUMBERED_HEADING.match(h.text) and styles[style(h)] == first_style for h in headings[1:]
    )  # "1. Overview" opening a document of "2. ...", "3. ...": the first section, not the title
    has_title = (unique_top or first_is_title) and (len(headings) > 1 or first_is_title) and not numbered_like_others
    ranked = order[1:] if unique_top and has_title else order
    levels = []
    for i, heading in enumerate(headings):
        s = styles[style(heading)]
        if has_title and i == 0:
            levels.append(1)
            continue
        level = 2 + ranked.index(s)
        numbered = NUMBERED_HEADING.match(heading.text)
        same_style_numbered = all(NUMBERED_HEADING.match(h.text) for h in headings if style(h) == s)
        if numbered and same_style_numbered:
            level = level + numbered.group(1).count(".")
        levels.append(min(level, 6))
    return levels


#: A heading heads the text set in from its left edge by this many of its font size or more.
INSET_MIN = 0.75
#: A heading within this many points of a label's left edge stands at its margin, not in its inset.
MARGIN_SLACK = 2.0


def lines_of(block: TextBlock | TableBlock) -> list[layout.Line]:
    """A block -> its lines, those of a table's cells included."""
    if isinstance(block, TextBlock):
        return list(block.lines)
    return [line for row in block.rows for cell in row for b in cell for line in b.lines]


def set_in_under(label: TextBlock, block: TextBlock | TableBlock) -> bool:
    """True when every line of ``block`` stands set in from ``label``'s left edge, in its page
    column, by INSET_MIN of the label's size or more."""
    start = layout.indent(label.lines[0]) + INSET_MIN * label.lines[0].size
    lines = lines_of(block)
    return bool(lines) and all(layout.indent(line) >= start for line in lines)


def nested_in_insets(blocks: list[TextBlock | TableBlock], headings: list[TextBlock], levels: list[int]) -> list[int]:
    """Style levels (:func:`style_levels`, skips open) -> the same with each run of headings set in
    under a heading put under it: a heading followed at once, with no text between, by one its
    style ranks at its level or above, where that one and everything after it down to the next
    heading back at the first one's margin (or the end) is set in from it (a generator's notice
    copy indented under "Textversion der Datenschutzerklärung", the copy's own title set larger
    than that label). The run keeps its levels among itself, one under the heading it is set in
    under; by style alone the label would head an empty section beside the copy."""
    out = list(levels)
    index = {id(h): k for k, h in enumerate(headings)}
    for n, label in enumerate(blocks[:-1]):
        k = index.get(id(label))
        if k is None or not isinstance(label, TextBlock) or index.get(id(blocks[n + 1])) != k + 1 or out[k + 1] > out[k]:
            continue
        margin = layout.indent(label.lines[0]) + MARGIN_SLACK
        stop = n + 1
        while stop < len(blocks) and not (id(blocks[stop]) in index and layout.indent(lines_of(blocks[stop])[0]) <= margin):
            stop += 1
        run = blocks[n + 1 : stop]
        if not run or not all(set_in_under(label, b) for b in run):
            continue  # the next heading stands at the label's margin, or text of the run does
        inner = [index[id(b)] for b in run if id(b) in index]
        base = min(out[j] for j in inner)
        for j in inner:
            out[j] = out[k] + 1 + out[j] - base
    return out


def without_skips(levels: list[int]) -> list[int]:
    """Levels that never go more than one deeper than the enclosing heading, starting under the page
    title (WCAG 1.3.1: a reader moving by headings must not meet a level 5 right under a level 3).
    A heading that skips takes the level under its parent, and so do its siblings, so headings of
    one style under one parent stay at one level; where nothing skips, nothing changes."""
    out: list[int] = []
    open_: list[tuple[int, int]] = [(1, 1)]  # (level found, level given) of the enclosing headings
    for level in levels:
        while open_ and open_[-1][0] >= level:
            open_.pop()
        given = open_[-1][1] + 1 if open_ else level
        open_.append((level, given))
        out.append(given)
    return out


# ---------------------------------------------------------------- words to spans


def join_words(words: list[Word], vocabulary: set[str], lang: str = "",
               printed: set[str] | None = None) -> list[tuple[str, Word]]:
    """(text-with-leading-separator, word) pairs: a space between words, nothing after a hyphen
    that a line break split; a line-end hyphen stays when the word is a real compound (see
    :func:`hyphen_kept`; ``lang`` names the hyphenation patterns it may consult); an address goes
    on over a line break (:func:`address_goes_on`; ``printed`` holds the document's words in the
    case they are printed in, ``vocabulary`` casefolded)."""
    out: list[tuple[str, Word]] = []
    for i, word in enumerate(words):
        text = word.text.replace("\u00ad", "")
        if i == 0:
            out.append((text, word))
            continue
        prev = words[i - 1]
        if word.glued:
            out.append((text, word))
            continue
        new_line = word.top > prev.bottom - 1 or word.x0 < prev.x0
        prev_text = out[-1][0]
        if new_line and prev.text.endswith("\u00ad") and text[:1].isalpha():
            out.append((text, word))  # a soft hyphen shown at the line end: the word goes on
            continue
        if new_line and prev_text.endswith("\u2010") and prev_text[-2:-1].isalpha() and text[:1].islower():
            head = prev_text.strip()[:-1].split("-")[-1]
            if (head + "-" + text).casefold() not in vocabulary:
                out[-1] = (prev_text[:-1], out[-1][1])  # U+2010 is what hyphenation inserts
                out.append((text, word))
                continue
        if new_line and prev_text.endswith("-") and prev_text[-2:-1].isalpha() and text[:1].isupper():
            out.append((text, word))  # "Datenschutz-" + "Grundverordnung": a compound across lines
            continue
        if new_line and prev_text.endswith("-") and text[:1].islower() and (
                len(prev_text.strip()) > 2 or prev_text[-2:-1].isalpha()):
            token = prev_text.split()[-1]
            head = re.sub(r"^\W+", "", token.rstrip("-").split("-")[-1])
            tail = re.sub(r"\W+$", "", text).split("-")[0]  # "Shi-" + "eld-ramverken"
            if any(mark in token + text for mark in "/@"):  # an address: "datasub-" + "ject@example.com"
                kept = address_hyphen_kept(token, text, prev.href, vocabulary)
            else:
                kept = hyphen_kept(head, tail, vocabulary, lang)
            if not kept:
                out[-1] = (prev_text[:-1], out[-1][1])  # a word split by hyphenation: re-join it
            elif (head + "-" + tail).casefold() not in vocabulary and len(head) > 1 and len(text) <= 4 \
                    and text.casefold() in vocabulary:
                out.append((" " + text, word))  # "sälj- och": a suspended compound, not a split
                continue
            out.append((text, word))
            continue
        if new_line and prev_text.endswith(("/", "-")) and prev.href and prev.href == word.href:
            out.append((text, word))  # a URL wrapped inside its link
            continue
        if new_line and unbreakable(prev_text, text):
            out.append((text, word))
            continue
        unlinked = prev.href is None and word.href is None
        if new_line and unlinked and address_goes_on(last_token(out), text, vocabulary, printed or set()):
            out.append((text, word))
            continue
        out.append((" " + text, word))
    return out


#: The shortest piece of a word broken at a line-end hyphen that counts as a compound's part when
#: the document prints it alone, and the shortest word it closes up with: shorter ones are as often
#: a prefix, a syllable or an ending ("in", "be", "den", "s").
COMPOUND_HEAD_MIN = 4


def hyphen_kept(head: str, tail: str, vocabulary: set[str], lang: str) -> bool:
    """(the letters before a line-end hyphen, the letters after it, the document's words, its
    language) -> True when the hyphen is the word's own ("E-Mail", "opt-out", "well-known"), False
    when hyphenation put it there ("ak-" + "tuellen").

    What the document prints decides first: the word hyphenated within a line keeps the hyphen,
    the word whole within a line loses it. Otherwise the break is hyphenation's when the language's
    patterns allow it there and neither piece is a word of the document (:func:`compound_part`):
    a compound's parts usually are ("non-" + "personal", "service-" + "asset", "palavras-" +
    "chave" beside "palavras-chaves"), syllables are not ("ak-" + "tuellen"). A head that does not
    end in a lower-case letter ("DS-" + "gvo", "U.S.-" + "controlled") keeps its hyphen."""
    if (head + "-" + tail).casefold() in vocabulary or not head[-1:].isalpha() or not head[-1].islower():
        return True
    if (head + tail).casefold() in vocabulary:
        return False
    words = vocabulary | {part for word in vocabulary if "-" in word for part in word.split("-")}
    if compound_part(head.casefold(), words, True) or compound_part(tail.casefold(), words, False):
        return True
    return not hyphenation.is_hyphenation_point(head, tail, lang)


def address_hyphen_kept(before: str, after: str, href: str | None, vocabulary: set[str]) -> bool:
    """(an address up to a line-end hyphen, what the next line begins with, the link it is under,
    the document's words) -> False when the hyphen is hyphenation's: the address without it is the
    link's target or printed whole elsewhere, and with it is neither ("https://www.alle-" +
    "gisgroup.com/en/brands"); True otherwise ("…/for-eu-" + "consumers")."""
    whole = re.sub(r"\W+$", "", before[:-1] + after)
    hyphenated = re.sub(r"\W+$", "", before + after)
    if hyphenated.casefold() in vocabulary or href and hyphenated.split("://")[-1] in href:
        return True
    return not (whole.casefold() in vocabulary or href and whole.split("://")[-1] in href)


def compound_part(piece: str, words: set[str], first: bool) -> bool:
    """(one piece of a word a line-end hyphen broke, the document's words, whether it is the first
    piece) -> True when it reads as a compound's part: a word the document prints, at least
    COMPOUND_HEAD_MIN letters long (a shorter one is as often a syllable: "in-", "den"), that the
    document never closes up with another word on that side ("till" beside "tillgängliga",
    "auftragten" ending "datenschutzbeauftragten": a language that writes its compounds closed
    breaks them by hyphenation only)."""
    if len(piece) < COMPOUND_HEAD_MIN or piece not in words:
        return False
    closed = (w for w in words if w != piece and (w.startswith(piece) if first else w.endswith(piece)))
    return not any(len(w) - len(piece) >= COMPOUND_HEAD_MIN and w.isalpha() for w in closed)


def unbreakable(before: str, after: str) -> bool:
    """True when a line break between ``before`` and ``after`` fell inside one token that has no
    space in it: a number broken at its dash ("737–" + "9", "109-" + "8000"), an address after its
    scheme ("https://" + "www.example.org"), an e-mail address after its "@", or an identifier after
    its underscore ("personalization_" + "id")."""
    if NUMBER_BEFORE_DASH.search(before) and after[:1].isdigit():
        return True
    return before.endswith(("://", "@", "_")) and len(before.split()[-1]) > 3 and after[:1].isalnum()


def last_token(pieces: list[tuple[str, Word]]) -> str:
    """Joined pieces so far -> the text since the last space (an address already joined over a line
    break, "https://" + "status.example.org/", is one token)."""
    token = ""
    for text, _ in reversed(pieces):
        token = text.lstrip() + token
        if text.startswith(" "):
            break
    return token


def address_goes_on(before: str, after: str, vocabulary: set[str], printed: set[str]) -> bool:
    """True when a line break cut a printed address with no hyphen and the two are one: the
    document prints the whole address elsewhere ("…/privacy-polic" + "y" in a narrow cell), or the
    address ends in a "/" where a browser breaks a long one ("https://status.example.org/" +
    "incidents;") and what follows is no word the document prints, in that case, anywhere else: an
    address followed by a word of the sentence is followed by a word the text uses ("to", "for"),
    while "cookies" is the rest of an address in a text that prints only "Cookies"."""
    head = before.split()[-1] if before.split() else ""
    if not PRINTED_ADDRESS.fullmatch(head) or not after[:1].isalnum():
        return False
    if re.sub(r"\W+$", "", head + after).casefold() in vocabulary:
        return True
    rest = re.sub(r"\W+$", "", after)
    return head.endswith("/") and ADDRESS_PATH.fullmatch(rest) is not None and rest not in printed


#: What an address's path goes on with after a "/": lower-case letters, digits and -_.~/?=&#%.
ADDRESS_PATH = re.compile(r"[a-z0-9][a-z0-9\-_.~/?=&#%]*")


def to_spans(words: list[Word], vocabulary: set[str], lang: str = "", printed: set[str] | None = None) -> tuple[Span, ...]:
    """Runs of words with the same link and weight become spans; a link whose text is its own
    address becomes an autolink (text == href) so the address is never printed twice."""
    spans: list[Span] = []
    for piece, word in join_words(words, vocabulary, lang, printed):
        lead = " " if piece.startswith(" ") else ""
        text = piece[len(lead):]
        href = word.href
        bold = word.bold and not href
        if spans and spans[-1].href == href and spans[-1].bold == bold:
            spans[-1] = Span(spans[-1].text + piece, href, bold)
            continue
        if lead:
            if spans and spans[-1].href is None and not spans[-1].bold:
                spans[-1] = Span(spans[-1].text + lead, None, False)
            else:
                spans.append(Span(lead))
        if spans and spans[-1].href is None and not spans[-1].bold and href is None and not bold:
            spans[-1] = Span(spans[-1].text + text)
        else:
            spans.append(Span(text, href, bold))
    out: list[Span] = []
    for span in spans:
        for part in autolink(unlink_local_file(span)):
            out.extend(trim_link(part))
    return tuple(normalise_link(s) for s in out)


def unlink_local_file(span: Span) -> Span:
    """``span`` without its link when the link goes to a file on the author's disk ("file:///…": a
    word processor resolves an address typed without "https://" against the document's folder, so
    "www.shopify.de" links to "file:////tmp/www.shopify.de"). No reader can follow it and the site
    refuses it; the text stays, and an address in it is linked as printed (``autolink``)."""
    if span.href is not None and span.href.lower().startswith("file:"):
        return Span(span.text)
    return span


#: A web address or an e-mail address printed as text: a scheme or "www." and no space, or
#: name@domain.tld (not inside a longer word or address).
PRINTED_ADDRESS = re.compile(
    r"(?<![\w@/.-])(?:https?://|www\.)[^\s<>\"]+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w@-])"
)
#: What may close a sentence or a bracket right after an address, and so is not part of it.
ADDRESS_TRAIL = ".,;:!?'\"»”’"


def autolink(span: Span) -> list[Span]:
    """``span`` with each address printed in it (no link annotation over it) as a link of its own:
    ``https://…`` as it is, ``www.…`` over https, an e-mail address over mailto. Words already
    under a link annotation keep it, so an annotated address is never linked twice."""
    if span.href is not None:
        return [span]
    out: list[Span] = []
    pos = 0
    for match in PRINTED_ADDRESS.finditer(span.text):
        address = match.group(0)
        while address and (address[-1] in ADDRESS_TRAIL or address[-1] in ")]" and address.count(
                "(" if address[-1] == ")" else "[") < address.count(address[-1])):
            address = address[:-1]
        host = address.split("://", 1)[-1].split("/", 1)[0]
        if "." not in host.strip(".") or address.endswith("://"):
            continue
        if match.start() > pos:
            out.append(Span(span.text[pos:match.start()], None, span.bold))
        if "@" in address and "://" not in address and not address.startswith("www."):
            href = f"mailto:{address}"
        else:
            href = address if "://" in address else f"https://{address}"
        out.append(Span(address, href))
        pos = match.start() + len(address)
    if not out:
        return [span]
    if pos < len(span.text):
        out.append(Span(span.text[pos:], None, span.bold))
    return out


def trim_link(span: Span) -> list[Span]:
    """Move trailing sentence punctuation, and an unbalanced ')', out of a link's text: a link
    rectangle drawn a little wide must not make the full stop part of the link."""
    if span.href is None:
        return [span]
    text = span.text.rstrip()
    cut = len(text)
    while cut > 0 and (text[cut - 1] in ".,;:" or text[cut - 1] == ")" and text[:cut].count("(") < text[:cut].count(")")):
        cut -= 1
    if cut == len(text) or cut == 0:
        return [span]
    return [Span(text[:cut], span.href), Span(text[cut:] + span.text[len(text):])]


def normalise_link(span: Span) -> Span:
    if span.href is None:
        return span
    bare = span.text.replace(" ", "")
    target = span.href.removeprefix("mailto:")
    if bare.rstrip(".,;") in (target, target.rstrip("/")) or bare == span.href:
        return Span(target if not span.href.startswith("mailto:") else bare, span.href)
    return span


def item_number(block: TextBlock) -> int | None:
    """The printed number of a numbered item ("2." -> 2); None for bullets and letters."""
    mark = block.words[0].text.rstrip(".)")
    return int(mark) if block.ordered and mark.isdigit() else None


def strip_mark(block: TextBlock) -> list[Word]:
    words = list(block.words)
    if block.kind == "item" and not block.lines[0].contents:
        first = words[0]
        if block.ordered and item_number(block) is None:
            return words  # "a)": Markdown has no lettered lists, so the letter stays in the text
        if layout.is_bullet_token(first.text) or block.ordered:
            return words[1:]
        return [Word(first.text[1:], first.x0, first.x1, first.top, first.bottom, first.size, first.bold,
                     first.page, first.href)] + words[1:]
    return words


# ---------------------------------------------------------------- blocks to the model


class Builder:
    def __init__(self, source: str, options: Options, vocabulary: set[str], hyphenation_lang: str = "",
                 printed: set[str] | None = None) -> None:
        self.source = source
        self.options = options
        self.vocabulary = vocabulary
        self.printed = printed or set()  # the same words in the case they are printed in
        self.hyphenation_lang = hyphenation_lang  # whose patterns tell a broken word, "" for none

    def ref(self, block: TextBlock | TableBlock) -> SourceRef:
        page = block.page if isinstance(block, TableBlock) else block.lines[0].page
        return SourceRef(self.source, page)

    def text_blocks(self, blocks: tuple[TextBlock, ...] | list[TextBlock],
                    out: list[Block] | None = None) -> list[Block]:
        """Model blocks for ``blocks``, appended to ``out``; consecutive items join one list."""
        out = [] if out is None else out
        for block in blocks:
            spans = to_spans(strip_mark(block), self.vocabulary, self.hyphenation_lang, self.printed)
            if block.kind == "item" and not "".join(s.text for s in spans).strip():
                continue  # a bullet with nothing after it: an empty item says nothing
            if block.kind == "item":
                number = item_number(block)
                ordered = number is not None
                item = ListItem(spans, block.level, self.ref(block), number)
                if out and isinstance(out[-1], ListBlock) and (out[-1].ordered == ordered or block.level > 0):
                    out[-1] = ListBlock(out[-1].items + (item,), out[-1].ordered, out[-1].source)
                else:
                    out.append(ListBlock((item,), ordered, self.ref(block)))
            else:
                out.append(Paragraph(self.broken(block) if block.breaks else spans, self.ref(block)))
        return out

    def broken(self, block: TextBlock) -> tuple[Span, ...]:
        """The spans of a block with hard line breaks (an address): a "\n" at each break."""
        cuts = [0, *block.breaks, len(block.lines)]
        spans: list[Span] = []
        for start, stop in zip(cuts, cuts[1:]):
            words = [w for line in block.lines[start:stop] for w in line.words]
            for span in (Span("\n"),) * bool(spans) + to_spans(words, self.vocabulary, self.hyphenation_lang, self.printed):
                if spans and spans[-1].href is None and not spans[-1].bold and span.href is None and not span.bold:
                    spans[-1] = Span(spans[-1].text + span.text)
                else:
                    spans.append(span)
        return tuple(spans)

    def cell(self, blocks: tuple[TextBlock, ...]) -> Cell:
        """A table cell's text blocks -> the model's cell, each word its edge broke whole (:func:`welded`)."""
        return Cell(tuple(self.text_blocks([welded(b, self.vocabulary) for b in blocks])))  # type: ignore[arg-type]

    def table(self, block: TableBlock) -> Table:
        rows = tuple(tuple(self.cell(cell) for cell in row) for row in block.rows)
        if block.header:
            return Table(rows[0], rows[1:], self.ref(block))
        return Table(None, rows, self.ref(block))


#: A line's last word ending in a hyphen after a letter: maybe a word that hyphenation broke.
BROKEN_HEAD = re.compile(r"[^\W\d_][-\u2010]$")
#: A hyphen between a letter and a lower-case letter within a word: a compound that a line could
#: break at as well ("third-party", "e-mail").
INNER_HYPHEN = re.compile(r"[^\W\d_]-(?=[^\W\d_])")
#: A document hyphenates when its lines end in a broken word at least this many times, and this
#: many times more often than its compounds' own hyphens would fall at line ends.
HYPHENATED_MIN_BREAKS = 3
HYPHENATED_EXCESS = 3.0


def text_blocks_of(layout_: Layout) -> list[TextBlock]:
    """A layout -> its text blocks, those in table cells included, in reading order."""
    out: list[TextBlock] = []
    for block in layout_.blocks:
        out += [block] if isinstance(block, TextBlock) else [b for row in block.rows for cell in row for b in cell]
    return out


def line_end_breaks(lines: list[list[str]]) -> list[int]:
    """A block's lines as word texts -> the indices of the lines that end in a word a hyphen may
    have broken (a letter and a hyphen, the next line begun in lower case)."""
    return [n for n in range(len(lines) - 1)
            if lines[n] and lines[n + 1] and BROKEN_HEAD.search(lines[n][-1]) and lines[n + 1][0][:1].islower()]


def hyphenates(layout_: Layout) -> bool:
    """A layout -> True when its typesetter hyphenated: lines end in a broken word far more often
    than the document's own hyphenated compounds, set at the rate its lines end, would. A document
    that does not hyphenate breaks lines at hyphens of compounds only ("service-" + "asset"), so
    its line-end hyphens all stay whatever the language's patterns say."""
    breaks = compounds = words = lines = 0
    for block in text_blocks_of(layout_):
        texts = [[w.text for w in line.words] for line in block.lines]
        breaks += len(line_end_breaks(texts))
        lines += len(texts)
        words += sum(len(line) for line in texts)
        compounds += sum(1 for line in texts for w in line for m in INNER_HYPHEN.finditer(w)
                         if w[m.end():m.end() + 1].islower())
    expected = compounds * lines / words if words else 0.0
    return breaks >= HYPHENATED_MIN_BREAKS and breaks > HYPHENATED_EXCESS * expected


def printed_words(layout_: Layout) -> set[str]:
    """A layout -> the words it prints as printed (closing punctuation off), each line's words
    except the two pieces of a word a line-end hyphen may have broken ("ak-" + "tuellen"), the
    word after a line-end "/" (an address's rest, maybe) and the pieces of a word a cell's edge may
    have broken (:func:`broken_at_edge`): those are no words of the document, and
    :func:`hyphen_kept`, :func:`address_goes_on` and :func:`welded` ask whether a piece is one."""
    words: set[str] = set()
    for block in text_blocks_of(layout_):
        lines = [[w.text for w in line.words] for line in block.lines]
        pieces = {piece for n in line_end_breaks(lines) for piece in ((n, len(lines[n]) - 1), (n + 1, 0))}
        pieces |= {(n + 1, 0) for n in range(len(lines) - 1) if lines[n] and lines[n + 1] and lines[n][-1].endswith("/")}
        pieces |= {piece for n in edge_breaks(block.lines) for piece in ((n, 0), (n + 1, 0))}
        printed = [re.sub(r"\W+$", "", w) for n, line in enumerate(lines) for i, w in enumerate(line)
                   if (n, i) not in pieces]
        words.update(printed)
    return words


#: A word that a table cell's edge broke filled the cell to within one more letter of its right
#: edge, give or take this many points (the typesetter's rounding of where the padding begins).
EDGE_SLACK = 1.0


def broken_at_edge(line: layout.Line, after: layout.Line) -> bool:
    """Two consecutive lines of a ruled table cell -> True when ``line`` may be a word too wide for
    the cell, broken with no hyphen where it met the cell's edge (CSS ``overflow-wrap: break-word``,
    a word processor's emergency break): the word stands alone on ``line`` (a word that fits goes
    to the next line whole, so only one wider than the cell is broken), ends in a letter, and
    leaves no room for one more letter of ``after``'s first word, which goes on in lower case.
    ``line.right`` is the cell's edge; it is 0 outside ruled cells, where no edge is drawn."""
    if not line.right or len(line.words) != 1 or not after.words:
        return False
    head, tail = line.words[0], after.words[0]
    if not (head.text[-1:].isalpha() and tail.text[:1].isalpha() and tail.text[:1].islower()):
        return False
    letter = (tail.x1 - tail.x0) / len(tail.text)
    return head.x1 + letter > line.right - EDGE_SLACK


def edge_breaks(lines: tuple[layout.Line, ...]) -> list[int]:
    """A block's lines -> the indices of those that may end in a word the cell's edge broke."""
    return [n for n in range(len(lines) - 1) if broken_at_edge(lines[n], lines[n + 1])]


def welded(block: TextBlock, vocabulary: set[str]) -> TextBlock:
    """A cell's text block and the document's words (casefolded, the pieces of possibly broken
    words left out: :func:`printed_words`) -> the same block with each word a cell's edge broke
    whole again (its later pieces glued to the first): the pieces run over lines that each broke at
    the edge (:func:`broken_at_edge`), the word they make is printed whole elsewhere in the document
    and the first piece is not printed alone ("Partenair" + "e" where a wider cell prints
    "Partenaire"). A piece that is a word of its own ("Pays" over "destinataire") stays apart."""
    lines = list(block.lines)
    breaks = set(edge_breaks(block.lines))
    n = 0
    while n < len(lines):
        end = n
        while end in breaks:
            end += 1
        if end > n:
            first = re.sub(r"^\W+", "", lines[n].words[0].text)
            whole = first + "".join(line.words[0].text for line in lines[n + 1 : end + 1])
            if re.sub(r"\W+$", "", whole).casefold() in vocabulary and first.casefold() not in vocabulary:
                for k in range(n + 1, end + 1):
                    glued = replace(lines[k].words[0], glued=True)
                    lines[k] = replace(lines[k], words=(glued, *lines[k].words[1:]))
        n = end + 1
    return replace(block, lines=tuple(lines)) if breaks else block


def build_notice(layout_: Layout, source: Path, sha256: str, options: Options, metadata_title: str = "") -> Notice:
    name = source.name
    removed = [Removed(f.kind, f.text, f.page) for f in layout_.furniture]
    back_to_top = {normalise(p) for p in options.back_to_top}
    blocks: list[TextBlock | TableBlock] = []
    for block in layout_.blocks:
        if isinstance(block, TextBlock) and normalise(block.text) in back_to_top:
            removed.append(Removed("back-to-top", block.text, block.lines[0].page))
        else:
            blocks.append(block)

    faces = heading_faces(blocks)

    def heading(block: object) -> bool:
        return isinstance(block, TextBlock) and not label_like(block, options.lang) and not leads_out(block) and (
            is_heading(block, layout_.body_size, layout_.body_color) or in_heading_face(block, faces))

    if len(blocks) > 1 and heading(blocks[0]) and heading(blocks[1]) and title_continues(blocks[0], blocks[1]):
        first, second = blocks[0], blocks[1]  # a title set on two lines far apart is still one title
        blocks[:2] = [TextBlock(first.kind, first.lines + second.lines, first.level, first.ordered)]  # type: ignore[union-attr]
    n = 1
    while n < len(blocks):  # a heading's second line set apart ("… hangi güvenlik önlemleri" / "uygulanmaktadır?")
        a, b = blocks[n - 1], blocks[n]
        if (isinstance(a, TextBlock) and isinstance(b, TextBlock) and heading(a) and heading(b)
                and heading_goes_on(a, b)):
            blocks[n - 1 : n + 1] = [TextBlock(a.kind, a.lines + b.lines, a.level, a.ordered)]
            continue
        n += 1
    heading_blocks = [b for b in blocks if isinstance(b, TextBlock) and heading(b)]
    long_numbered = numbered_in_sequence(blocks, {id(b) for b in heading_blocks})
    heading_blocks = [b for b in blocks if isinstance(b, TextBlock) and (heading(b) or id(b) in long_numbered)]
    if len(heading_blocks) > 1 and blocks[-1] is heading_blocks[-1]:
        heading_blocks.pop()  # a heading-styled line that ends the document heads nothing: a signature
    first_is_title = bool(heading_blocks) and blocks[0] is heading_blocks[0]
    shown = metadata_title if usable_title(metadata_title) and on_first_page(metadata_title, blocks) else ""
    if not shown and heading_blocks and leads(heading_blocks):
        first_is_title = True  # no title line and no title the page shows: the first, largest heading
    levels = section_levels(blocks, heading_blocks, first_is_title)
    stacks = stacked_heads(blocks, levels)
    if stacks:  # the heads left rank among themselves, as if the stacks had been text all along
        stacked = {id(b) for stack in stacks for b in stack}
        blocks = folded_stacks(blocks, stacks)
        heading_blocks = [b for b in heading_blocks if id(b) not in stacked]
        first_is_title = first_is_title and bool(heading_blocks) and blocks[0] is heading_blocks[0]
        levels = section_levels(blocks, heading_blocks, first_is_title)
    # the language's hyphenation patterns are asked only about a document that hyphenates
    printed = printed_words(layout_)
    builder = Builder(name, options, {w.casefold() for w in printed}, options.lang if hyphenates(layout_) else "",
                      printed)

    title = ""
    preamble: list[Block] = []
    raw_sections: list[tuple[int, str, SourceRef, list[Block]]] = []
    places: list[tuple[int, float]] = []  # (page, top) of each section heading, for internal links
    title_place: tuple[int, float] | None = None
    for block in blocks:
        if isinstance(block, TextBlock) and id(block) in levels:
            text = " ".join(w.text for w in block.words)
            if levels[id(block)] == 1 and not title and not raw_sections:
                title = text
                title_place = (block.lines[0].page, block.lines[0].top)
            else:
                raw_sections.append((max(levels[id(block)], 2), text, builder.ref(block), []))
                places.append((block.lines[0].page, block.lines[0].top))
            continue
        target = raw_sections[-1][3] if raw_sections else preamble
        if isinstance(block, TableBlock):
            target.append(builder.table(block))
        else:
            builder.text_blocks([block], target)

    effective, label, preamble = take_effective(preamble, options.lang, removed)
    if effective is None and raw_sections and raw_sections[0][3]:  # the date line under the first heading
        level, heading_text, ref, body = raw_sections[0]
        effective, label, rest = take_effective(body[:1], options.lang, removed)
        raw_sections[0] = (level, heading_text, ref, rest + body[1:])
    ids = assign_ids([(level, heading) for level, heading, _, _ in raw_sections], options, name)
    anchors = [(page, top, section_id) for (page, top), section_id in zip(places, ids)]
    if title_place is not None:
        anchors.append((title_place[0], title_place[1], "top"))
    titles: dict[str, str] = {}
    for (_, heading_text, _, _), section_id in zip(raw_sections, ids):
        titles.setdefault(normalise(heading_text), section_id)
    links = [link for block in preamble + [b for _, _, _, body in raw_sections for b in body] for link in dest_links(block)]
    page_first: dict[int, float] = {}  # the top of each page's first text block
    for block in blocks:
        if isinstance(block, TextBlock):
            page_first.setdefault(block.lines[0].page, block.lines[0].top)
    first_on_page = [a for a in anchors if abs(page_first.get(a[0], -1.0) - a[1]) < 1]
    by_height = functools.partial(internal_target, anchors, titles, dest_calibration(links, anchors, titles),
                                  first_on_page)
    by_name = links_by_name(links, anchors, titles)

    def resolve(href: str | None) -> str | None:
        return f"#{by_name[href]}" if href in by_name else by_height(href)
    preamble = [relink(block, resolve) for block in preamble]
    sections = tuple(
        Section(section_id, level, heading, tuple(relink(b, resolve) for b in body), ref)
        for section_id, (level, heading, ref, body) in zip(ids, raw_sections)
    )
    return Notice(
        title=title or shown or largest_line(blocks) or source.stem,
        lang=options.lang,
        effective=effective,
        source=name,
        source_sha256=sha256,
        preamble=tuple(preamble),
        sections=sections,
        effective_label=label,
        removed=tuple(removed),
    )


def section_levels(blocks: list[TextBlock | TableBlock], heading_blocks: list[TextBlock],
                   first_is_title: bool) -> dict[int, int]:
    """Level per heading block id: by style (``heading_levels``), with subtitles and pairs of heads
    nesting what they label (``nested_under_labels``, ``nested_pairs``)."""
    heading_ids = {id(b) for b in heading_blocks}
    by_style = style_levels(heading_blocks, first_is_title)
    levels = without_skips(nested_in_insets(blocks, heading_blocks, by_style))
    if levels and max(levels) > DEEPEST_LEVEL:
        levels = without_skips(by_style)  # nesting the inset run would take it past Markdown's deepest level
    ranked = nested_under_labels(heading_blocks, levels, labels_over_larger(blocks, heading_ids))
    return dict(zip(map(id, heading_blocks), nested_pairs(heading_blocks, ranked, paired_heads(blocks, heading_ids))))


def first_page_lines(blocks: list[TextBlock | TableBlock]) -> list[layout.Line]:
    lines = [ln for b in blocks for ln in (b.lines if isinstance(b, TextBlock) else
                                          [ln for row in b.rows for cell in row for tb in cell for ln in tb.lines])]
    first = min((ln.page for ln in lines), default=0)
    return [ln for ln in lines if ln.page == first]


def on_first_page(text: str, blocks: list[TextBlock | TableBlock]) -> bool:
    """True when the first page shows ``text`` (a document-information title is often a file name,
    a template's name or a run-on string that no page shows)."""
    return normalise(text) in normalise(" ".join(ln.text for ln in first_page_lines(blocks)))


def largest_line(blocks: list[TextBlock | TableBlock]) -> str:
    """The first of the largest lines on the first page: what a reader takes for the title."""
    lines = [ln for ln in first_page_lines(blocks) if any(ch.isalpha() for ch in ln.text)]
    return max(lines, key=lambda ln: ln.size).text if lines else ""


def leads(headings: list[TextBlock]) -> bool:
    """True when the first heading is set as large as any and is not one of a numbered series."""
    first = headings[0]
    numbered = NUMBERED_HEADING.match(first.text) and any(
        NUMBERED_HEADING.match(h.text) and style(h) == style(first) for h in headings[1:])
    return not numbered and style(first)[0] >= max(style(h)[0] for h in headings)


def prints_its_link(word: Word) -> bool:
    """True for a linked word that is its own address ("privacy.kisa.or.kr" over https://privacy.kisa.or.kr/)."""
    text = word.text.strip(".,;:()[]")
    return bool(word.href) and "." in text and text.casefold() in (word.href or "").casefold()


def leads_out(block: TextBlock) -> bool:
    """True for a line that is one link out of the document ("Stripe Privacy Policy →" set bold) or
    that holds a web or e-mail address ("Email: info@example.org" set bold): a heading cannot carry
    a link, and such a line's content is where it leads."""
    if any(PRINTED_ADDRESS.search(w.text) or prints_its_link(w) for w in block.words):
        return True
    hrefs = {w.href for w in block.words if any(ch.isalnum() for ch in w.text)}  # an arrow may miss it
    href = hrefs.pop() if len(hrefs) == 1 else None
    return href is not None and not href.startswith((pdf.DEST_PREFIX, layout.CONTENTS_LINK))


#: A document-information title that is a file name ("Microsoft Word - notice.docx"), not a title.
FILE_NAME = re.compile(r"\S\.(?:docx?|odt|pages|rtf|txt|pdf|indd|html?)\b", re.IGNORECASE)


def usable_title(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and not FILE_NAME.search(text)


#: Points between an internal link's destination and the heading it means.
DEST_SLACK = 24.0
#: A destination this close to a page's top edge means the page itself.
PAGE_TOP = 2.0


def dest_place(href: str) -> tuple[int, float]:
    """(page, top) of a ``pdf-dest:<page>:<top>`` link."""
    page_text, _, top_text = href.removeprefix(pdf.DEST_PREFIX).partition(":")
    return int(page_text), float(top_text)


def dest_links(block: Block) -> list[tuple[str, str]]:
    """(href, text) of every ``pdf-dest:`` link in ``block``, table cells included."""
    if isinstance(block, Table):
        cells = [c for row in ((block.header or ()),) + block.rows for c in row]
        return [link for c in cells for b in c.blocks for link in dest_links(b)]
    spans = block.spans if isinstance(block, Paragraph) else tuple(s for i in block.items for s in i.spans)
    return [(s.href, s.text) for s in spans if s.href is not None and s.href.startswith(pdf.DEST_PREFIX)]


def heading_key(text: str) -> str:
    """A heading's or a link's text without its section numbers: a contents list often numbers
    its entries as a list ("1." stripped as the item's number) while the heading keeps it, and a
    heading may carry two ("5. § 5 Your rights")."""
    key, previous = normalise(text), ""
    while key != previous:
        previous, key = key, re.sub(r"^(?:§\s*)?\d+(?:\.\d+)*\.?\s+", "", key)
    return key


def links_by_name(links: list[tuple[str, str]], anchors: list[tuple[int, float, str]],
                  titles: dict[str, str]) -> dict[str, str]:
    """href -> section id for the ``pdf-dest:`` links whose text names a heading on the page they
    lead to: the name decides, whatever height the producer wrote."""
    places = {section_id: page for page, _, section_id in anchors}
    named: dict[str, str] = {}
    for title, section_id in titles.items():
        named.setdefault(heading_key(title), section_id)
    found = {}
    for href, text in links:
        target = named.get(heading_key(text))
        if target is not None and places[target] == dest_place(href)[0]:
            found[href] = target
    return found


def dest_calibration(links: list[tuple[str, str]], anchors: list[tuple[int, float, str]],
                     titles: dict[str, str]) -> tuple[float, float] | None:
    """(scale, offset) that puts the document's destinations on its headings: (1, 0) when they
    already land there. Chromium writes a named destination's height in the page's content box,
    before the margin and the print scale ("fit to page") are applied, so every destination of its
    PDFs sits the same way off; the links whose text is a heading's name show by how much. None
    when those links show the destinations are off in no consistent way: heights then mean nothing."""
    places = {section_id: (page, top) for page, top, section_id in anchors}
    named: dict[str, str] = {}
    for title, section_id in titles.items():
        named.setdefault(heading_key(title), section_id)
    pairs = []
    for href, text in links:
        found = named.get(heading_key(text))
        if found is None:
            continue
        page, top = dest_place(href)
        if places[found][0] == page and top > PAGE_TOP:
            pairs.append((top, places[found][1]))
    dests = [dest for dest, _ in pairs]
    if len(set(dests)) < 2 or all(abs(dest - head) <= DEST_SLACK for dest, head in pairs):
        return 1.0, 0.0  # one link cannot tell an offset from a link to the text under a heading
    mean_d, mean_h = statistics.fmean(dests), statistics.fmean(head for _, head in pairs)
    scale = sum((d - mean_d) * (h - mean_h) for d, h in pairs) / sum((d - mean_d) ** 2 for d in dests)
    offset = statistics.median(head - scale * dest for dest, head in pairs)
    fitting = sum(abs(scale * dest + offset - head) <= DEST_SLACK for dest, head in pairs)
    return (scale, offset) if scale > 0 and fitting * 3 >= len(pairs) * 2 else None


def internal_target(anchors: list[tuple[int, float, str]], titles: dict[str, str],
                    calibration: tuple[float, float] | None, first_on_page: list[tuple[int, float, str]],
                    href: str | None) -> str | None:
    """``#section-id`` for a ``pdf-dest:`` link that lands on a heading (once ``calibration``
    (scale, offset) is applied to its height) or on the top edge of a page that opens with a
    heading (``first_on_page``: Word and hyperref link whole pages), or for a contents entry whose
    title is a heading's (the first section of that name); None drops the link (its words stay as
    text) when it leads anywhere else, or when the document's heights cannot be trusted."""
    if href is not None and href.startswith(layout.CONTENTS_LINK):
        found = titles.get(normalise(href.removeprefix(layout.CONTENTS_LINK)))
        return f"#{found}" if found else None
    if href is None or not href.startswith(pdf.DEST_PREFIX):
        return href
    if calibration is None:
        return None  # a wrong section is worse than plain text
    page, top = dest_place(href)
    if top <= PAGE_TOP:
        opening = [section_id for a_page, _, section_id in first_on_page if a_page == page]
        if opening:
            return f"#{opening[0]}"
    top = calibration[0] * top + calibration[1]
    near = [(abs(a_top - top), section_id) for a_page, a_top, section_id in anchors
            if a_page == page and abs(a_top - top) <= DEST_SLACK]
    return f"#{min(near)[1]}" if near else None


def relink_spans(spans: tuple[Span, ...], resolve: Callable[[str | None], str | None]) -> tuple[Span, ...]:
    out = []
    for span in spans:
        href = resolve(span.href)
        out.append(span if href == span.href else Span(span.text, href, span.bold and href is None))
    return tuple(out)


def relink(block: Block, resolve: Callable[[str | None], str | None]) -> Block:
    """``block`` with every internal link resolved to a section id (or dropped)."""
    if isinstance(block, Paragraph):
        return Paragraph(relink_spans(block.spans, resolve), block.source)
    if isinstance(block, ListBlock):
        items = tuple(ListItem(relink_spans(i.spans, resolve), i.level, i.source, i.number) for i in block.items)
        return ListBlock(items, block.ordered, block.source)
    def cell(c: Cell) -> Cell:
        return Cell(tuple(relink(b, resolve) for b in c.blocks))  # type: ignore[misc]
    header = tuple(cell(c) for c in block.header) if block.header is not None else None
    return Table(header, tuple(tuple(cell(c) for c in row) for row in block.rows), block.source)


#: What separates a date's label from the date ("Version, 2 March 2019", "Stand: …", "Updated – …"):
#: the site sets the label and the date apart itself.
LABEL_END = ":,;\u2013\u2014- "


def take_effective(preamble: list[Block], lang: str, removed: list[Removed]) -> tuple:  # type: ignore[type-arg]
    """Find the effective date in the first short paragraph before the first section that has one,
    and lift that line out of the body (the site shows it beside the title)."""
    for i, block in enumerate(preamble):
        if not isinstance(block, Paragraph) or len(block.text.split()) > 12:
            continue
        found = dates.find_date(block.text, lang)
        if found is None:
            continue
        date, start, _ = found
        label = block.text[:start].strip().rstrip(LABEL_END).strip() or None
        page = block.source.page if block.source else 0
        removed.append(Removed("effective-line", block.text, page))
        return date, label, preamble[:i] + preamble[i + 1:]
    return None, None, preamble


def assign_ids(headings: list[tuple[int, str]], options: Options, name: str) -> list[str]:
    if options.ids is None:
        return unique_ids([heading for _, heading in headings])
    expected = options.ids
    origin = options.ids_origin
    if len(expected) != len(headings):
        raise StructureError(
            f"{name}: {len(headings)} sections found, but {origin} has {len(expected)}; "
            "ids are assigned by position, so the section counts must match")
    for n, ((level, heading), (want_level, section_id)) in enumerate(zip(headings, expected), 1):
        if level != want_level:
            raise StructureError(
                f"{name}: section {n} '{heading}' is at level {level}, but section {n} '{section_id}' "
                f"in {origin} is at level {want_level}")
    return [section_id for _, section_id in expected]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
