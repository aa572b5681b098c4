"""Typeset: the HTML of one version (rendered from the ``Notice`` by ``partials/notice-pdf.html``)
in; a PDF out, as bytes. The only module that imports WeasyPrint. ``notice release`` typesets each
version once, many at a time on a process pool (``typeset_all``); the build typesets nothing.

The PDF is tagged, carries the document language and title, links where the page links, and
numbers its pages. Fonts come from the system (Debian's fonts-dejavu-core, see the Makefile's
``sysdeps``); WeasyPrint is given no way to fetch anything, so the PDF can use nothing else.
"""

from __future__ import annotations

import logging
import os
import re
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
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
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    # a line per step and page, from the import on (it parses its own stylesheets)
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    try:
        import weasyprint
    except OSError as err:
        raise NoticeError(f"WeasyPrint cannot load its system libraries ({err}): {SYSDEPS_HINT}") from None
    return weasyprint


def typeset_all(
    documents: Sequence[tuple[str, str]], workers: int | None = None, on_done: Callable[[str], None] | None = None
) -> dict[str, bytes]:
    """Every ``(name, html)`` typeset into PDF bytes, by name. On a pool of ``workers`` processes
    (default: one per core): WeasyPrint is CPU-bound and keeps no state shared between documents
    of one process that would be safe across threads. ``on_done(name)`` follows each PDF. An error
    or Ctrl-C cancels what has not started and is raised; nothing is written anywhere."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(documents)))
    if workers == 1:
        out = {}
        for name, html in documents:
            out[name] = typeset(html, name)
            if on_done:
                on_done(name)
        return out
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)
    try:
        futures = {pool.submit(typeset, html, name): name for name, html in documents}
        results = {}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            if on_done:
                on_done(futures[future])
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return {name: results[name] for name, _ in documents}


def _worker_start() -> None:
    """Ctrl-C is the parent's to handle: it cancels the pool and undoes nothing, as nothing is written."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def typeset(html: str, name: str = "the PDF") -> bytes:
    """One document typeset; the same HTML with the same WeasyPrint, pango and fonts gives the same
    bytes (WeasyPrint writes no creation date or random identifier)."""
    weasyprint = _weasyprint()
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=("data",))
    try:
        document = weasyprint.HTML(string=html, url_fetcher=fetcher).render(pdf_tags=True)
        return bytes(document.write_pdf(pdf_tags=True))
    except OSError as err:
        raise NoticeError(f"{name}: cannot typeset the PDF ({err})") from None
