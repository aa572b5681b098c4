"""Bare web addresses and e-mail addresses in a notice's text become links on the site.

Input: the element tree Python-Markdown built from a page. Output: the same tree, where every
``https://…`` or ``name@host.tld`` written as plain text is an ``<a>`` to itself (``mailto:`` for
an address). Legal text often prints addresses bare ("see https://…/article?id=ANNEX-I"); a reader
must be able to follow them. Text already inside a link, code or preformatted block is left alone.
Registered in ``mkdocs.yml`` as the Markdown extension ``notice.site.autolink``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from notice.site.treeext import TreeExtension

#: An address as printed: a scheme, then anything up to a space, a quote or markup; what can
#: only be the sentence's punctuation is cut off its end (``trim``).
URL = r"https?://[^\s<>\"'\x00-\x1f\x7f]+"
EMAIL = r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"
ADDRESS = re.compile(rf"(?P<url>{URL})|(?P<email>{EMAIL})")
TRAILING = ".,;:!?»”’)]"
#: Elements whose text is never linked: already a link, or code shown as written.
SKIP = {"a", "code", "pre", "kbd", "samp", "script", "style"}


def trim(url: str) -> str:
    """``url`` without sentence punctuation at its end; a closing bracket stays when the address
    opened it (``…/Foo_(bar)``)."""
    while url and url[-1] in TRAILING:
        if url[-1] in ")]" and url.count("(" if url[-1] == ")" else "[") >= url.count(url[-1]):
            break
        url = url[:-1]
    return url


def split_addresses(text: str) -> list[tuple[str, str | None]]:
    """``text`` as (piece, href) pairs: href is None for plain text, the target for an address."""
    out: list[tuple[str, str | None]] = []
    at = 0
    for match in ADDRESS.finditer(text):
        found = trim(match.group("url")) if match.group("url") else match.group("email")
        if not found or "://" in found and len(found.split("://", 1)[1]) < 3:
            continue
        start = match.start()
        if start > at:
            out.append((text[at:start], None))
        out.append((found, found if match.group("url") else f"mailto:{found}"))
        at = start + len(found)
    if at < len(text):
        out.append((text[at:], None))
    return out


def link_text(text: str | None) -> tuple[str | None, list[etree.Element]]:
    """The text before the first address, and the links (each with its following text as tail)."""
    if not text:
        return text, []
    pieces = split_addresses(text)
    if not any(href for _, href in pieces):
        return text, []
    head = ""
    links: list[etree.Element] = []
    for piece, href in pieces:
        if href is None:
            if links:
                links[-1].tail = (links[-1].tail or "") + piece
            else:
                head += piece
            continue
        link = etree.Element("a", {"href": href})
        link.text = piece
        links.append(link)
    return head, links


def autolink(element: etree.Element) -> None:
    """Link the addresses in ``element``'s text and in its children's, recursively, in place."""
    if element.tag in SKIP:
        return
    element.text, links = link_text(element.text)
    for n, link in enumerate(links):
        element.insert(n, link)
    index = len(links)
    while index < len(element):
        child = element[index]
        autolink(child)
        child.tail, links = link_text(child.tail)
        for n, link in enumerate(links, 1):
            element.insert(index + n, link)
        index += 1 + len(links)


def makeExtension(**kwargs: Any) -> TreeExtension:  # noqa: N802 - Python-Markdown's entry point
    return TreeExtension("notice_autolink", autolink, 15, **kwargs)
