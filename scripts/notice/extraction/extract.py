"""Extraction end to end: a PDF path in, a ``Notice`` and its Markdown out."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from notice import catalog, document, markdown
from notice.errors import CatalogError, StructureError
from notice.extraction import conservation, glyphs, layout, pdf, structure
from notice.model import Notice

log = logging.getLogger(__name__)

BACK_TO_TOP = catalog.N_("Back to top")


@dataclass(frozen=True)
class Extraction:
    notice: Notice
    report: conservation.Report
    letters: dict[str, str]  # unmapped glyph (font and advance) -> the letters it was read as
    unreadable: tuple[glyphs.Unresolved, ...]  # words left with a glyph no one could read


def extract(source: Path, lang: str, locales: Path, ids_from: Path | None = None, password: str = "",
            on_page: Callable[[int], None] | None = None, vocabulary: Iterable[Path] = (),
            allow_damaged: bool = False) -> Extraction:
    """``source`` as a ``Notice`` in ``lang``. The words of the ``vocabulary`` files (the same
    language, such as the project's notices) help read glyphs the PDF maps to no character."""
    ids = None
    origin = ""
    if ids_from is not None:
        try:
            ids = markdown.section_ids(ids_from.read_text(encoding="utf-8"))
        except OSError as err:
            raise StructureError(f"{ids_from}: cannot read the source-language Markdown ({err.strerror})") from None
        except StructureError as err:
            raise StructureError(f"{ids_from}: {err}") from None
        origin = str(ids_from)
    options = structure.Options(
        lang=lang,
        back_to_top=back_to_top_phrases(locales, lang),
        ids=ids,
        ids_origin=origin,
    )
    pages = pdf.read_pdf(source, password=password, on_page=on_page, allow_damaged=allow_damaged)
    pages = glyphs.misread_marks(pages)
    read = glyphs.resolve(pages, glyphs.vocabulary_from(vocabulary) if glyphs.any_unreadable(pages) else set())
    pages = read.pages
    notice = structure.build_notice(layout.analyse(pages), source, structure.sha256_of(source), options,
                                    pdf.document_title(source, password))
    if ids_from is not None:
        # a translation extracted against the source's ids follows that version of every section
        source_doc = document.load_doc(ids_from, "")
        notice = replace(notice, source_sections=tuple((s.id, s.digest()) for s in source_doc.sections))
    return Extraction(notice, conservation.account(pages, notice), read.letters, read.unresolved)


def back_to_top_phrases(locales: Path, lang: str) -> tuple[str, ...]:
    """The back-to-top phrase of ``lang`` from its catalog; none (with a warning) when the site has
    no catalog for that language yet, so any PDF still extracts."""
    try:
        return (catalog.phrase(locales, lang, BACK_TO_TOP),)
    except CatalogError as err:
        log.warning("%s; back-to-top phrases will be kept as text", err)
        return ()
