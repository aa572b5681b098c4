"""Hyphenation: the two pieces of a word a line end broke at a hyphen, and the document's language,
in -> whether that language's hyphenation patterns allow a break there.

A typesetter that hyphenates (a word processor, a browser with ``hyphens: auto``) prints an
ordinary hyphen-minus at the break, the same glyph as the hyphen of a compound ("E-Mail",
"opt-out"). The patterns (pyphen's, the dictionaries LibreOffice and WeasyPrint hyphenate with)
say where a typesetter may break a word; whether it did, or a compound's own hyphen happens to
stand there, is for the caller to decide with what the document itself shows.
"""

from __future__ import annotations

import functools

import pyphen


@functools.lru_cache(maxsize=16)
def dictionary(lang: str) -> pyphen.Pyphen | None:
    """A language tag ("de", "en-GB", "sv_SE") -> its hyphenation patterns, or None when there are none."""
    found = pyphen.language_fallback(lang.replace("-", "_")) if lang else None
    return pyphen.Pyphen(lang=found) if found else None


def is_hyphenation_point(head: str, tail: str, lang: str) -> bool:
    """(letters before a line-end hyphen, letters after it, language) -> True when the patterns of
    ``lang`` allow a hyphenation break between ``head`` and ``tail`` in the word they make."""
    patterns = dictionary(lang)
    if patterns is None or not (head.isalpha() and tail.isalpha()):
        return False
    return len(head) in patterns.positions((head + tail).lower())
