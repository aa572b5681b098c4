"""Fidelity: how much of a reference text's word sequence survives in extracted Markdown or HTML.

The measure is the normalised Indel similarity of the two word sequences,
``2 * matched / (len(a) + len(b))`` (difflib's ratio), so 1.0 means the same words in the same order.
"""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from html.parser import HTMLParser

from notice.markdown import split_front_matter

#: Glyphs that are list markers, not words.
MARKERS = set("\uf0b7\uf0a7\u2022\u25cf\u00b7\u25aa\u25a0\u25e6")
DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-"})
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                        "\u2018": "'", "\u2019": "'", "\u201a": "'"})


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).translate(DASHES).translate(QUOTES)
    return [w for w in text.split() if w not in MARKERS]


def markdown_words(markdown: str) -> list[str]:
    """The words a reader sees in ``markdown``: syntax stripped, link text kept, autolinks kept."""
    _, start = split_front_matter(markdown)
    body = "\n".join(markdown.splitlines()[start - 1:])
    body = re.sub(r"\s*\{#[^}]*\}\s*$", "", body, flags=re.MULTILINE)
    body = re.sub(r"^\s*#{1,6}\s+", "", body, flags=re.MULTILINE)
    body = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", body, flags=re.MULTILINE)
    body = re.sub(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*$", "", body, flags=re.MULTILINE)
    body = re.sub(r"<br\s*/?>", " ", body)
    body = body.replace("|", " ")
    body = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body)
    body = re.sub(r"<((?:https?|mailto):[^>]+)>", r"\1", body)
    body = re.sub(r"\*\*|__", "", body)
    body = re.sub(r"\\([\\`*_\[\]<>#|.\-+])", r"\1", body)
    return words(html.unescape(body))


class _TextOf(HTMLParser):
    """The text a reader reads: navigation and scripts skipped, no space added at inline tags."""

    SKIP = {"script", "style", "noscript", "template", "nav"}
    INLINE = {"a", "abbr", "b", "code", "del", "em", "i", "ins", "mark", "small", "span", "strong", "sub",
              "sup", "time", "u"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0
        self.hidden: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP or ("aria-hidden", "true") in attrs:  # hidden from readers: not text
            self.skipping += 1
            self.hidden.append(tag)
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden and tag == self.hidden[-1]:
            self.hidden.pop()
            self.skipping -= 1
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_words(markup: str) -> list[str]:
    parser = _TextOf()
    parser.feed(markup)
    return words(html.unescape("".join(parser.parts)))


def similarity(reference: list[str], candidate: list[str]) -> float:
    if not reference and not candidate:
        return 1.0
    return difflib.SequenceMatcher(None, reference, candidate, autojunk=False).ratio()
