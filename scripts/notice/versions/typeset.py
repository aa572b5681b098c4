"""Typeset: the HTML of one version (rendered from the ``Notice`` by ``partials/notice-pdf.html``)
in; a PDF out. The only module that imports WeasyPrint.

The PDF is tagged, carries the document language and title, links where the page links, and
numbers its pages. Fonts come from the system (Debian's fonts-dejavu-core, see the Makefile's
``sysdeps``); WeasyPrint is given no way to fetch anything, so the PDF can use nothing else.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notice.errors import NoticeError
from notice.model import ListBlock, ListItem, Paragraph, Span, Table

log = logging.getLogger(__name__)
SYSDEPS_HINT = "run `make sysdeps` (it installs pango and fonts-dejavu-core with apt-get)"


@dataclass(frozen=True)
class Node:
    """A list item and the items nested under it, for the template's recursive list macro."""

    item: ListItem
    children: tuple[Node, ...]


def nest(block: ListBlock) -> tuple[Node, ...]:
    """The flat, levelled items of ``block`` as a tree; a level skipped nests under the last item."""

    def take(items: list[ListItem], level: int) -> tuple[Node, ...]:
        out = []
        while items and items[0].level >= level:
            item = items.pop(0)
            out.append(Node(item, take(items, item.level + 1)))
        return tuple(out)

    items = list(block.items)
    nodes = take(items, min((i.level for i in items), default=0))
    return nodes


def is_bare(span: Span) -> bool:
    """A link whose text is its own address (or an in-page link): print adds no address after it."""
    href = span.href or ""
    return href.startswith("#") or span.text.strip() in (href, href.removeprefix("mailto:"))


#: Jinja tests for the template: ``{% if block is paragraph %}``, ``{% if span is bare_link %}``.
JINJA_TESTS = {
    "paragraph": lambda block: isinstance(block, Paragraph),
    "listblock": lambda block: isinstance(block, ListBlock),
    "table": lambda block: isinstance(block, Table),
    "bare_link": is_bare,
}


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


def page_counter(phrase: str) -> str:
    """A translated "Page %(page)s of %(pages)s" as a CSS ``content`` value with page counters."""
    parts = []
    for piece in re.split(r"(%\((?:page|pages)\)s)", phrase):
        if piece == "%(page)s":
            parts.append("counter(page)")
        elif piece == "%(pages)s":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def _weasyprint() -> Any:
    try:
        import weasyprint
    except OSError as err:
        raise NoticeError(f"WeasyPrint cannot load its system libraries ({err}): {SYSDEPS_HINT}") from None
    return weasyprint


def write_pdf(html: str, target: Path, cache: Path | None = None) -> int:
    """Typeset ``html`` into ``target``; returns the number of pages. With ``cache``, a PDF typeset
    before from the same HTML by the same WeasyPrint is copied instead (typesetting is most of a
    build's time; the cache key is the content, so a changed notice is always typeset anew)."""
    engine = importlib.metadata.version("weasyprint")  # not an import: that alone takes a second
    key = hashlib.sha256(f"{engine}\n{html}".encode()).hexdigest()[:32]
    if cache is not None:
        hit = next(cache.glob(f"{key}-*.pdf"), None)
        if hit is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(hit, target)
            return int(hit.stem.rsplit("-", 1)[1])
    pages = _typeset(_weasyprint(), html, target)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, cache / f"{key}-{pages}.pdf")
    return pages


def _typeset(weasyprint: Any, html: str, target: Path) -> int:
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=("data",))
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    try:
        document = weasyprint.HTML(string=html, url_fetcher=fetcher).render(pdf_tags=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(target, pdf_tags=True)
    except OSError as err:
        raise NoticeError(f"{target}: cannot write the PDF ({err})") from None
    return len(document.pages)
