"""Conservation: the PDF's text layer and the extracted ``Notice`` in, an account of every word out.

Each word of the text layer must turn up as body text, or as something removed on purpose
(page furniture, the back-to-top phrase, the effective-date line the site shows beside the
title, the header row a table repeats on each new page, which layout records). Words are compared as runs of letters
and digits, so re-joined lines, hyphenated compounds and punctuation moved out of a link do not
count as losses.

The check also runs the other way: a body word that is on no page (a document-information title
the page never shows) is invented, and a body word holding a glyph nobody could read (U+FFFD, or
pdfminer's "(cid:N)") is garbled. Either fails the check, as a lost word does.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from notice.extraction.pdf import LIGATURES, UNREADABLE, PageContent
from notice.model import Block, Cell, ListBlock, Notice, Paragraph, Table

TOKEN = re.compile(r"[^\W_]+")
#: A word holding a glyph that maps to no character, as the body would carry it.
GARBLED = re.compile(r"\S*(?:" + UNREADABLE + r"|\(cid:\d+\))\S*")


@dataclass(frozen=True)
class Report:
    source: str
    words: int
    body: int
    removed: dict[str, int]
    lost: tuple[tuple[str, int], ...]  # (word, page)
    invented: tuple[str, ...] = ()  # body words on no page
    garbled: tuple[str, ...] = ()  # body words holding an unreadable glyph

    @property
    def failed(self) -> bool:
        return bool(self.lost or self.invented or self.garbled)

    def summary(self) -> str:
        removed = ", ".join(f"{n} {kind}" for kind, n in sorted(self.removed.items()) if n)
        wrong = "".join(f", {len(found)} {what}" for what, found in (("invented", self.invented),
                                                                     ("garbled", self.garbled)) if found)
        return (f"{self.source}: {self.words} words: {self.body} body"
                + (f", {removed} removed" if removed else "") + f"; {len(self.lost)} lost" + wrong)

    def as_dict(self) -> dict[str, object]:
        return {"source": self.source, "words": self.words, "body": self.body, "removed": self.removed,
                "lost": [{"word": w, "page": p} for w, p in self.lost],
                "invented": list(self.invented), "garbled": list(self.garbled)}


def tokens(text: str) -> list[str]:
    return TOKEN.findall(unicodedata.normalize("NFC", text.translate(LIGATURES)).casefold())


def block_texts(block: Block | Cell) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, ListBlock):
        return [item.text + (f" {item.number}" if item.number is not None else "") for item in block.items]
    if isinstance(block, Table):
        cells = list(block.header or ()) + [cell for row in block.rows for cell in row]
        return [text for cell in cells for b in cell.blocks for text in block_texts(b)]
    return []


def body_texts(notice: Notice) -> list[str]:
    """The notice's texts in reading order."""
    texts = [notice.title, notice.effective_label or ""]
    for block in notice.preamble:
        texts.extend(block_texts(block))
    for section in notice.sections:
        texts.append(section.heading)
        for block in section.blocks:
            texts.extend(block_texts(block))
    return texts


def body_tokens(notice: Notice) -> list[str]:
    """The notice's tokens in reading order."""
    return [token for text in body_texts(notice) for token in tokens(text)]


def invented(source: list[str], notice: Notice, joined: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Body words found on no page, whole or as two neighbours joined (a word split by hyphenation),
    or as the two pieces ``account`` paired across what lies between them (``joined``)."""
    known = set(source) | {a + b for a, b in zip(source, source[1:])} | joined
    return tuple(dict.fromkeys(t for t in body_tokens(notice) if t not in known))


def garbled(notice: Notice) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.group(0) for text in body_texts(notice) for m in GARBLED.finditer(text)))


def take_removed(pool: dict[int, dict[str, Counter[str]]], token: str, pages: list[int]) -> str | None:
    """The removed text's words by page and kind, a token and the pages to look on, nearest first ->
    the kind of the first removed text that still holds the token, which gives that word up; None
    when none does (the pool is unchanged)."""
    for page in pages:
        for kind, words in pool.get(page, {}).items():
            if words[token] > 0:
                words[token] -= 1
                return kind
    return None


#: How many leftovers after the first piece of a word cut twice its last piece may stand.
PIECE_REACH = 40


def rest_of_broken_word(token: str, page: int, later: list[tuple[int, str, int]],
                        spare: Counter[str]) -> tuple[tuple[int, str, int], ...]:
    """A leftover source token, the leftovers after it (index, token, page) and the body words not
    yet matched in -> the one or two later leftovers that complete a body word it begins, read on
    its page or the next: a word cut in a table cell (its rest comes after the row's other cells),
    at a page's foot (its rest opens the next page, after the running foot and head), or twice in a
    narrow cell ("ut-" "bildningsrelate-" "rad"). () when there are none."""
    # only body words the token begins can be completed (few): a page of losses stays quick
    begun = {w for w, n in spare.items() if n > 0 and len(w) > len(token) and w.startswith(token)}
    if not begun:
        return ()
    near = [m for m in later if m[2] in (page, page + 1)]
    for m in near:
        if token + m[1] in begun:
            return (m,)
    for i, m in enumerate(near):
        head = token + m[1]
        if not any(w.startswith(head) for w in begun):
            continue
        for last in near[i + 1:i + 1 + PIECE_REACH]:
            if head + last[1] in begun:
                return (m, last)
    return ()


def account(pages: tuple[PageContent, ...], notice: Notice) -> Report:
    """Align the source tokens with the body in reading order (so a loss is charged to the page it
    happened on); what is left matches the body anywhere (blocks read in another order), then
    what was removed on purpose; a pair of neighbours the body has as one word (a word split by
    hyphenation) matches last, or two leftovers of one page (a word cut in a table cell, whose
    rest comes after the row's other cells) or of one page and the next (a word hyphenated at a
    page's last line, whose rest comes after the running foot and head)."""
    body = body_tokens(notice)
    source = [(token, page.number) for page in pages for word in page.words for token in tokens(word.text)]
    # autojunk: very common words do not anchor the alignment (near-linear on long documents);
    # they still match by extension or in the multiset pass below
    matcher = difflib.SequenceMatcher(None, [t for t, _ in source], body, autojunk=True)
    aligned = [False] * len(source)
    spare: Counter[str] = Counter(body)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            aligned[block.a + k] = True
            spare[body[block.b + k]] -= 1
    # what was removed on purpose, by the page it was removed from: a word of the body's own page is not
    # charged to a running head three pages on, which then has nothing left for its own words
    removed_pool: dict[int, dict[str, Counter[str]]] = {}
    for item in notice.removed:
        removed_pool.setdefault(item.page, {}).setdefault(item.kind, Counter()).update(tokens(item.text))
    counts = {item.kind: 0 for item in notice.removed}
    matched = sum(aligned)
    joined: set[str] = set()
    # a piece that is no word of the body nor of anything removed ("Alle-" "gis") pairs first, before a
    # whole word elsewhere (on a running head, say) takes the body's joined word; two pieces that are
    # words of their own ("person-" "uppgifter") are left to the passes below, as "Allegis Group" is
    # not the address "allegisgroup"
    leftovers = [(index, token, page) for index, (token, page) in enumerate(source) if not aligned[index]]
    for n, (index, token, page) in enumerate(leftovers):
        if aligned[index] or spare[token] > 0 or any(
                words[token] > 0 for words in removed_pool.get(page, {}).values()):
            continue
        pieces: tuple[tuple[int, str, int], ...] = rest_of_broken_word(
            token, page, [m for m in leftovers[n + 1:] if not aligned[m[0]]], spare)
        if pieces:
            word = token + "".join(piece[1] for piece in pieces)
            spare[word] -= 1
            matched += 1 + len(pieces)
            for i in (index, *(piece[0] for piece in pieces)):
                aligned[i] = True
            joined.add(word)
    unmatched: list[tuple[int, str, int]] = []
    for index, (token, page) in enumerate(source):
        if aligned[index]:
            continue
        if spare[token] > 0:
            spare[token] -= 1
            matched += 1
            continue
        kind = take_removed(removed_pool, token, [page])
        if kind is not None:
            counts[kind] += 1
            continue
        unmatched.append((index, token, page))
    lost = []
    skip: set[int] = set()
    page_tokens: dict[int, set[str]] = {}
    for token, page in source:
        page_tokens.setdefault(page, set()).add(token)
    for n, (index, token, page) in enumerate(unmatched):
        if index in skip:
            continue
        following = unmatched[n + 1] if n + 1 < len(unmatched) else None
        if following and following[0] == index + 1 and spare[token + following[1]] > 0:
            pieces = (following,)
        else:
            pieces = rest_of_broken_word(token, page, [m for m in unmatched[n + 1:] if m[0] not in skip], spare)
        if pieces:
            word = token + "".join(piece[1] for piece in pieces)
            spare[word] -= 1
            matched += 1 + len(pieces)
            skip.update(piece[0] for piece in pieces)
            joined.add(word)
            continue
        # the rest is also a word of its own, which the body has elsewhere and matched there
        near = page_tokens.get(page, set()) | page_tokens.get(page + 1, set())
        whole = next((w for w in spare if spare[w] > 0 and len(w) > len(token) and w.startswith(token)
                      and w[len(token):] in near), None)
        if whole is not None:
            spare[whole] -= 1
            matched += 1
            joined.add(whole)
            continue
        # removed on purpose, but recorded on another page (a block that runs over a page break)
        kind = take_removed(removed_pool, token, sorted(removed_pool, key=lambda p: abs(p - page)))
        if kind is not None:
            counts[kind] += 1
            continue
        lost.append((token, page))
    return Report(notice.source, len(source), matched, counts, tuple(lost),
                  invented([t for t, _ in source], notice, frozenset(joined)), garbled(notice))
