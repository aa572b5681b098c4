"""Unreadable glyphs: the pages as read, with words that hold glyphs the PDF maps to no character,
in; the same pages with every such glyph whose letters can be told, and an account of the rest, out.

Some producers draw ligatures ("tt", "ft", "ti" ...) as glyphs of their own and map them to
U+FFFD or to nothing, so the text layer says "Dri�e" where the page shows "Dritte". One glyph of
one font is always the same letters, so each (font, advance) is decided once for the whole
document: the ligature that turns the most of its words into known words wins, if no other
ligature does as well. Known words are the document's own readable words and any vocabulary the
caller passes (the project's notices in the same language). A ligature may also join two parts of
a compound ("Kontak�ormular": "Kontakt" + "formular"): it fits when the word splits inside it into
a known head (the start of a known word) and a known tail (the end of one), both MIN_KNOWN_PART
letters or more, or at its edge into such a part and a whole known word ("Dri�anbietern"). A word
may also share a known word's start through the ligature and MIN_KNOWN_PART letters on
("Au�ewahrung" beside "aufbewahren": one stem, another ending), or likewise its end. This weaker
evidence only decides glyphs that whole words leave open. A glyph that cannot be decided stays
U+FFFD and is reported by page and word: ``notice check`` refuses it until an editor writes it out.

Other producers map such a ligature to a mark instead ("Condi.ons", "u&lisa&on"): ``misread_marks``
finds those glyphs by where they stand (between letters, where the mark's own glyph does not) and
makes them unreadable first, so the same repair reads them.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from notice.extraction.pdf import UNREADABLE, PageContent, Word, is_mark

log = logging.getLogger(__name__)

#: The letters a font may draw as one glyph, the common typographic ligatures first.
LIGATURE_LETTERS = ("ff", "fi", "fl", "ffi", "ffl", "ft", "fb", "fh", "fj", "fk", "tt", "ti", "tf", "tz", "st", "ct",
                    "th", "Th", "fft", "ffb", "ffh", "ffk", "tti")
#: A known word must be at least this long to vouch for a ligature inside a longer word (a compound).
MIN_KNOWN_PART = 5
LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Unresolved:
    word: str
    page: int


@dataclass(frozen=True)
class Resolution:
    pages: tuple[PageContent, ...]
    letters: dict[str, str]  # glyph key -> the letters it was read as
    unresolved: tuple[Unresolved, ...]


def vocabulary_of(texts: Iterable[str]) -> set[str]:
    """Every word of ``texts``, in lower case (not case-folded: "ß" must keep its length)."""
    return {token.lower() for text in texts for token in LETTERS.findall(text)}


def vocabulary_from(paths: Iterable[Path]) -> set[str]:
    """The words of Markdown and text files, and of every such file in folders, among ``paths``."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".md", ".txt")) if path.is_dir() else [path])
    texts = []
    for file in files:
        try:
            texts.append(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as err:
            log.warning("%s: not read for the vocabulary (%s)", file, err)
    return vocabulary_of(texts)


#: Marks that join two lower-case letters in ordinary text: compounds, elisions, paths, addresses,
#: abbreviations ("e-mail", "l'usage", "und/oder", "e.g", "name@host").
WORD_MARKS = frozenset("-\u2010\u2011\u2013'\u2019/.@_:\u00b7")
#: A mark's glyph stands for letters when at least this share of its uses sits between two letters.
INNER_SHARE = 0.75
#: ... and the character's own glyph sits between letters in less than this share of its uses.
OWN_GLYPH_INNER_SHARE = 0.5
#: Words that are addresses: a mark between letters there is the address's own.
ADDRESS_LIKE = re.compile(r"://|www\.|@|[=?]")


def stands_for_letters(char: str, uses: int, inside: int, others: list[tuple[int, int]]) -> bool:
    """A mark's glyph: its character, how often it is set, how often between a letter and a
    lower-case letter, and (uses, between letters) of the other glyphs the same font sets for the same
    character -> True when the glyph is a ligature the producer mapped to a mark ("Condi.ons",
    "u&lisa&on"): it sits between letters nearly always, while another glyph of the character
    stands where the mark does (after a word, "fin."), or it sits between letters every time and
    the character is no mark that joins words."""
    if uses < 2 or inside < INNER_SHARE * uses:
        return False
    if any(between < OWN_GLYPH_INNER_SHARE * n for n, between in others):
        return True
    return inside == uses and char not in WORD_MARKS


def misread_marks(pages: tuple[PageContent, ...]) -> tuple[PageContent, ...]:
    """``pages`` with every mark that stands for letters (``stands_for_letters``) made an
    unreadable glyph, which ``resolve`` then reads like one the PDF maps to no character."""
    uses: Counter[tuple[str, str]] = Counter()
    for page in pages:
        for key, char, n in page.marks:
            uses[key, char] += n
    inside = Counter(mark for page in pages for word in page.words if not ADDRESS_LIKE.search(word.text)
                     for mark in word.inner)
    font = {mark: mark[0].rpartition("@")[0] for mark in uses}
    suspects = {mark for mark, n in uses.items() if stands_for_letters(
        mark[1], n, inside[mark], [(m, inside[other]) for other, m in uses.items()
                                   if other[1] == mark[1] and other != mark and font[other] == font[mark]])}
    if not suspects:
        return pages
    for key, char in sorted(suspects):
        log.info("glyph %s (mapped to %r) is set between letters like a ligature: read as unreadable", key, char)
    return tuple(replace(page, words=tuple(unmask(w, suspects) if set(w.inner) & suspects else w
                                           for w in page.words)) for page in pages)


def unmask(word: Word, suspects: set[tuple[str, str]]) -> Word:
    """``word`` with each of its inner marks whose glyph is a suspect written as UNREADABLE, its key
    kept in order among the word's unreadable glyphs."""
    text = word.text
    places = [i for i in range(1, len(text) - 1)
              if is_mark(text[i]) and text[i - 1].isalpha() and text[i + 1].islower()]
    if len(places) != len(word.inner) or ADDRESS_LIKE.search(text):
        return word  # the marks cannot be told apart in the text: leave the word as printed
    new = {i: mark[0] for i, mark in zip(places, word.inner) if mark in suspects}
    old = iter(word.glyphs)
    letters, keys = [], []
    for i, char in enumerate(text):
        if i in new:
            letters.append(UNREADABLE)
            keys.append(new[i])
            continue
        if char == UNREADABLE:
            keys.append(next(old, ""))
        letters.append(char)
    return replace(word, text="".join(letters), glyphs=tuple(keys))


def any_unreadable(pages: Iterable[PageContent]) -> bool:
    return any(w.glyphs for page in pages for w in page.words)


def resolve(pages: tuple[PageContent, ...], known: Iterable[str] = ()) -> Resolution:
    """``pages`` with every decidable unreadable glyph replaced by its letters."""
    words = [w for page in pages for w in page.words if w.glyphs]
    if not words:
        return Resolution(pages, {}, ())
    vocabulary = set(known) | vocabulary_of(w.text for page in pages for w in page.words if not w.glyphs)
    letters: dict[str, str] = {}
    while True:  # a word read through one font's glyph vouches for the same word in another font
        read = (text for text in (spelled(w, letters)[0] for w in words) if UNREADABLE not in text)
        found = decide(words, vocabulary | vocabulary_of(read), letters)
        if found == letters:
            break
        letters = found
    out = tuple(replace(page, words=tuple(spell(w, letters) for w in page.words)) for page in pages)
    unresolved = tuple(Unresolved(w.text, w.page) for page in out for w in page.words
                       if UNREADABLE in w.text and w.text != UNREADABLE)  # alone, it is a symbol (a bullet)
    for key, value in sorted(letters.items()):
        log.info("unmapped glyph %s read as '%s'", key, value)
    return Resolution(out, letters, unresolved)


def decide(words: list[Word], vocabulary: set[str], decided: dict[str, str] | None = None) -> dict[str, str]:
    """Glyph key -> letters (those ``decided`` before kept), deciding keys in rounds: a word with
    two unknown glyphs counts once all but one of them are decided. Compounds split inside a
    ligature are weaker evidence: they are heard only for the keys whole known words left open."""
    letters: dict[str, str] = dict(decided or {})
    seen: dict[tuple[str, tuple[str, ...]], Word] = {}
    occurrences: Counter[tuple[str, tuple[str, ...]]] = Counter()
    for word in words:  # each spelling once, with its count: a long document repeats its words
        seen.setdefault((word.text, word.glyphs), word)
        occurrences[word.text, word.glyphs] += 1
    for parts in ((set(), set()), compound_parts(vocabulary)):
        while True:
            votes: dict[str, Counter[str]] = defaultdict(Counter)
            for spelling, word in seen.items():
                open_keys = {k for k in word.glyphs if k not in letters}
                if len(open_keys) != 1:
                    continue
                key = open_keys.pop()
                for candidate in LIGATURE_LETTERS:
                    if fits(word, {**letters, key: candidate}, key, vocabulary, parts):
                        votes[key][candidate] += occurrences[spelling]
            decided = {}
            for key, counts in votes.items():
                ranked = counts.most_common(2)
                if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                    decided[key] = ranked[0][0]
            if not decided:
                break
            letters.update(decided)
    return letters


def spelled(word: Word, letters: dict[str, str], key: str = "") -> tuple[str, list[tuple[int, int]]]:
    """The text of ``word`` with decided glyphs written out, and where the letters of ``key`` went."""
    parts = word.text.split(UNREADABLE)
    if len(parts) != len(word.glyphs) + 1:
        return word.text, []
    text, spans = parts[0], []
    for glyph, part in zip(word.glyphs, parts[1:]):
        value = letters.get(glyph, UNREADABLE)
        if glyph == key:
            spans.append((len(text), len(text) + len(value)))
        text += value + part
    return text, spans


def spell(word: Word, letters: dict[str, str]) -> Word:
    """``word`` with each unreadable glyph whose key is decided written as its letters."""
    text, _ = spelled(word, letters)
    return replace(word, text=text) if text != word.text else word


def compound_parts(vocabulary: set[str]) -> tuple[set[str], set[str]]:
    """(heads, tails): the starts and ends of known words, MIN_KNOWN_PART letters or more."""
    heads = {w[:n] for w in vocabulary for n in range(MIN_KNOWN_PART, len(w) + 1)}
    tails = {w[-n:] for w in vocabulary for n in range(MIN_KNOWN_PART, len(w) + 1)}
    return heads, tails


def fits(word: Word, letters: dict[str, str], key: str, vocabulary: set[str],
         parts: tuple[set[str], set[str]] = (set(), set())) -> bool:
    """True when, written with ``letters``, every place of ``key`` in ``word`` lies in a known word,
    or in a known part of MIN_KNOWN_PART letters or more (compounds rarely appear whole elsewhere)."""
    text, spans = spelled(word, letters, key)
    if not spans:
        return False
    tokens = [(m.start(), m.end()) for m in LETTERS.finditer(text)]
    for start, stop in spans:
        token = next(((a, b) for a, b in tokens if a <= start and stop <= b), None)
        if token is None or token == (start, stop):  # a glyph standing alone (a bullet) says nothing
            return False
        if not known_around(text.lower(), token, (start, stop), vocabulary) and not compound_around(
                text.lower(), token, (start, stop), parts, vocabulary) and not stem_around(
                text.lower(), token, (start, stop), parts):
            return False
    return True


def known_around(text: str, token: tuple[int, int], span: tuple[int, int], vocabulary: set[str]) -> bool:
    if text[token[0] : token[1]] in vocabulary:
        return True
    for a in range(token[0], span[0] + 1):
        for b in range(max(span[1], a + MIN_KNOWN_PART), token[1] + 1):
            if text[a:b] in vocabulary:
                return True
    return False


def stem_around(text: str, token: tuple[int, int], span: tuple[int, int], parts: tuple[set[str], set[str]]) -> bool:
    """True when the token shares a known word's start from its own first letter through the ligature
    and MIN_KNOWN_PART letters past it ("aufbewahr|ung" beside "aufbewahr|en"), or a known word's end
    from MIN_KNOWN_PART letters before the ligature to its own last letter: the same stem in another
    inflection or compound, which whole words and compound parts both miss."""
    heads, tails = parts
    word = text[token[0] : token[1]]
    start, stop = span[0] - token[0], span[1] - token[0]
    if any(word[:n] in heads for n in range(stop + MIN_KNOWN_PART, len(word) + 1)):
        return True
    return any(word[n:] in tails for n in range(0, start - MIN_KNOWN_PART + 1))


def compound_around(text: str, token: tuple[int, int], span: tuple[int, int], parts: tuple[set[str], set[str]],
                    vocabulary: set[str]) -> bool:
    """True when the token splits inside the ligature into a known head and a known tail
    ("kontakt|formular"), or at its edge into a known head or tail and a whole known word
    ("dritt|anbietern"; "kontakti|ormular" is not: "ormular" is no word)."""
    heads, tails = parts
    word = text[token[0] : token[1]]
    for cut in range(span[0], span[1] + 1):
        head, tail = word[: cut - token[0]], word[cut - token[0] :]
        if len(head) < MIN_KNOWN_PART or len(tail) < MIN_KNOWN_PART or head not in heads or tail not in tails:
            continue
        if span[0] < cut < span[1] or (cut == span[1] and tail in vocabulary) or (
                cut == span[0] and head in vocabulary):
            return True
    return False
