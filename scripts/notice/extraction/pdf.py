"""PDF reading: a PDF file in, plain ``PageContent`` records out (words, links, ruled tables).

This is the only module that imports pdfplumber. It turns every low-level failure (missing
file, not a PDF, encrypted, truncated, no text layer, malformed annotations) into a
``SourceError`` or a logged warning, so later stages only ever see clean data.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFDestinationNotFound, PDFEncryptionError, PDFPasswordIncorrect, PDFXRefFallback
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1
from pdfminer.psparser import PSException, PSLiteral
from pdfplumber.utils.exceptions import PdfminerException

from notice.errors import SourceError

log = logging.getLogger(__name__)

#: Font-name fragments that mean a heavier weight (PDFs spell them many ways).
BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demibold", "demi", ",b")
#: What a font descriptor says of a heavier face (PDF 32000-1, 9.8): a FontWeight from 600, or the
#: ForceBold flag; without either, a stem this many times as thick as the page's main font's stem
#: (StemV units vary by producer, so only a comparison within one page means anything).
BOLD_WEIGHT = 600
FORCE_BOLD = 1 << 18
STEM_RATIO = 1.3
#: A variable-font instance names its weight axis in 16.16 fixed point ("…_wght2BC0000" is 700).
VARIABLE_WEIGHT = re.compile(r"wght([0-9A-Fa-f]{5,8})$")
#: What pdfminer writes for a glyph it cannot map at all: the same as UNREADABLE for what follows.
CID_TEXT = re.compile(r"^\(cid:\d+\)$")
#: Horizontal distance (as a share of the font size) under which two glyphs belong to one word.
#: Measured on the real PDFs: gaps inside words stay under 0.03 em, gaps between words that
#: have no space glyph start at 0.19 em.
X_TOLERANCE_RATIO = 0.1
#: Presentation-form ligatures that some producers leave in the text layer.
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                           "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
#: What pdfminer reads for a glyph its font maps to no character (often a ligature: "Dri�e").
UNREADABLE = "\ufffd"
#: Kinds of page objects that draw, and the colour key of white (the page).
GRAPHICS = ("rect", "line", "curve")
WHITE = "1.00"
#: Documents of this many pages or more are read in parallel, at most CHUNK_PAGES pages per task.
PARALLEL_FROM = 6
CHUNK_PAGES = 6
#: Worker processes for long documents (the target machine has two cores).
WORKERS = min(2, os.cpu_count() or 1)
#: Points a word's centre may lie outside a link rectangle and still count as covered.
LINK_SLACK = 1.5
#: What a list bullet drawn as a shape (Chromium, Canva, mPDF draw small filled circles or squares
#: instead of a glyph) reads as: the text bullet that the layout stage already knows.
DRAWN_BULLET = "\u2022"
#: A drawn bullet's size as a share of its line's font size (about an x-height: 0.27 to 0.33 on the
#: real PDFs), how far from square it may be, and its gap before the first word (0.5 to 0.9 em seen).
BULLET_SIZE_RANGE = (0.12, 0.7)
BULLET_SQUARENESS = 0.35
BULLET_MAX_GAP = 2.0
#: How high on its line's letters a lone bullet's centre may sit, as a share of the line's height
#: from its top (a CSS bullet placed from the top of a double-spaced line box sits at 0.19, level
#: with the capitals); a mark higher still is not on the line ...
BULLET_HIGHEST = 0.15
#: ... unless two or more such shapes sit the same way on their lines (their tops at the same share
#: of the height, within this much): a list's bullets (0.12 seen, in a print scaled to fit the page).
BULLET_ALIGN = 0.1
#: pdfminer's loggers whose warnings mean the file itself is damaged: streams it could not
#: decompress, objects, page boxes or content operators it could not parse. Font warnings are
#: producer quirks (one of the 33 shared real PDFs has one), not damage.
DAMAGE_LOGGERS = ("pdfminer.pdftypes", "pdfminer.pdfdocument", "pdfminer.pdfparser", "pdfminer.psparser",
                  "pdfminer.pdfinterp", "pdfminer.pdfpage")
XREF_REBUILT = "cross-reference table damaged (rebuilt by scanning the file)"


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    href: str | None = None
    glued: bool = False  # True when no space separates this word from the one before it
    color: str = ""  # fill colour of the glyphs, as a short key ("0", "0.91,0.44,0.2")
    upright: bool = True  # False for rotated text (a side label running up the margin)
    glyphs: tuple[str, ...] = ()  # a key per UNREADABLE in text, in order: the glyph's font and advance
    font: str = ""  # the font most of its letters are set in
    inner: tuple[tuple[str, str], ...] = ()  # (glyph key, character) of each mark between letters, in order


@dataclass(frozen=True)
class RuledTable:
    """A table drawn with lines: ``rows`` holds each cell's bbox (None where a cell is merged).
    ``open_end``: its last row has no bottom line, the page cut it (it goes on on the next page)."""

    bbox: tuple[float, float, float, float]
    rows: tuple[tuple[tuple[float, float, float, float] | None, ...], ...]
    open_end: bool = False


@dataclass(frozen=True)
class PageContent:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    tables: tuple[RuledTable, ...]
    rules: tuple[tuple[float, float, float], ...] = ()  # visible horizontal rules: (x0, top, x1)
    marks: tuple[tuple[str, str, int], ...] = ()  # (glyph key, character, times set) of each mark's glyph


def is_bold(fontname: str) -> bool:
    name = fontname.split("+", 1)[-1].lower()
    weight = VARIABLE_WEIGHT.search(fontname)
    if weight is not None and int(weight.group(1), 16) / 65536 >= BOLD_WEIGHT:
        return True
    return any(marker in name for marker in BOLD_MARKERS)


def number(value: object) -> float | None:
    value = resolve1(value)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def descriptor_of(font: dict) -> dict:  # type: ignore[type-arg]
    """The font descriptor of a simple font, or of a composite font's descendant."""
    found = resolve1(font.get("FontDescriptor"))
    if not isinstance(found, dict):
        kids = resolve1(font.get("DescendantFonts"))
        kid = resolve1(kids[0]) if isinstance(kids, list) and kids else None
        found = resolve1(kid.get("FontDescriptor")) if isinstance(kid, dict) else None
    return found if isinstance(found, dict) else {}


def heavy_fonts(page: pdfplumber.page.Page) -> frozenset[str]:
    """Names of the page's fonts whose descriptor says they are bold, whatever the name says: printer
    drivers and Print-to-PDF name fonts "F2", "TT5F6t00" or "CIDFont+F2"."""
    try:
        fonts = resolve1(page.page_obj.resources.get("Font")) or {}
        described: dict[str, tuple[float | None, int, float | None]] = {}
        for ref in fonts.values() if isinstance(fonts, dict) else ():
            font = resolve1(ref)
            name = getattr(resolve1(font.get("BaseFont")), "name", None) if isinstance(font, dict) else None
            if not isinstance(name, str):
                continue
            desc = descriptor_of(font)
            described[name] = (number(desc.get("FontWeight")), int(number(desc.get("Flags")) or 0),
                               number(desc.get("StemV")))
    except Exception:  # noqa: BLE001 - a malformed font dictionary only loses weight evidence
        return frozenset()
    counts: dict[str, int] = {}
    for char in page.chars:
        counts[char["fontname"]] = counts.get(char["fontname"], 0) + 1
    main = max((n for n in counts if n in described), key=lambda n: counts[n], default=None)
    main_stem = described[main][2] if main is not None else None
    heavy = set()
    for name, (weight, flags, stem) in described.items():
        if weight is not None:
            bold = weight >= BOLD_WEIGHT
        else:
            bold = bool(flags & FORCE_BOLD) or (
                stem is not None and bool(main_stem) and name != main and stem >= STEM_RATIO * (main_stem or 0))
        if bold:
            heavy.add(name)
    return frozenset(heavy)


def check_signature(path: Path) -> None:
    """Refuse what is obviously not a PDF before pdfminer spends time on it."""
    if not path.exists():
        raise SourceError(str(path), "no such file")
    if path.is_dir():
        raise SourceError(str(path), "is a folder, not a PDF file")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        raise SourceError(str(path), "empty file (0 bytes), not a PDF")
    if b"%PDF-" not in head:
        kind = "HTML" if b"<html" in head.lower() or b"<!doctype" in head.lower() else "unknown data"
        raise SourceError(str(path), f"not a PDF (starts with {kind}, no %PDF- header)")


class _Diagnostics(logging.Handler):
    """pdfminer's own messages while a file is read: to our log at debug level, never to the
    terminal; the damage among them is kept by page (0: while opening the file)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.page = 0
        self.damage: dict[int, list[str]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        log.debug("pdfminer (page %d): %s", self.page, message)
        if record.name.startswith(DAMAGE_LOGGERS):
            self.damage.setdefault(self.page, []).append(message)


@contextmanager
def diagnostics() -> Iterator[_Diagnostics]:
    pdfminer_log = logging.getLogger("pdfminer")
    handler = _Diagnostics()
    saved = pdfminer_log.propagate, pdfminer_log.level
    pdfminer_log.addHandler(handler)
    pdfminer_log.propagate = False
    pdfminer_log.setLevel(logging.WARNING)
    try:
        yield handler
    finally:
        pdfminer_log.removeHandler(handler)
        pdfminer_log.propagate, pdfminer_log.level = saved


def page_count(path: Path, password: str = "") -> int:
    """Pages in ``path`` (0 when it cannot be opened; ``read_pdf`` then says why)."""
    try:
        with diagnostics(), pdfplumber.open(path, password=password) as pdf:
            return len(pdf.pages)
    except Exception:  # noqa: BLE001 - only an estimate for progress; read_pdf reports the real error
        return 0


def document_title(path: Path, password: str = "") -> str:
    """The Title of the document information dictionary ("" when absent or unreadable)."""
    try:
        with diagnostics(), pdfplumber.open(path, password=password) as pdf:
            title = pdf.metadata.get("Title", "")
    except Exception:  # noqa: BLE001 - only a fallback for a document without a title heading
        return ""
    return " ".join(title.split()) if isinstance(title, str) else ""


def xref_damage(xrefs: list[Any], data: bytes) -> list[str]:
    """Entries of the cross-reference table that do not point at their object. pdfminer then
    reads on to the next object it finds, in silence: a page may draw another page's stream."""
    wrong = []
    for xref in xrefs:
        for objid in xref.get_objids():
            try:
                stream_id, pos, genno = xref.get_pos(objid)
            except KeyError:
                continue
            if pos == 0:
                continue  # no object there: some producers list unused numbers so (one shared real PDF)
            if stream_id is None and not re.match(rb"\s*%d\s+%d\s+obj\b" % (objid, genno), data[pos: pos + 40]):
                wrong.append(objid)
    if not wrong:
        return []
    return [f"cross-reference table damaged (it misplaces {len(wrong)} object{'s' if len(wrong) > 1 else ''}, "
            f"first {wrong[0]})"]


def stream_damage(page: pdfplumber.page.Page) -> list[str]:
    """Compressed streams of ``page`` (its contents and the forms it draws) that do not
    decompress whole. pdfminer reads such a stream as what it could get, or as nothing, and
    says so at most at debug level: the words in the rest are lost in silence."""
    found = []
    pending = [resolve1(c) for c in page.page_obj.contents]
    xobjects = resolve1((resolve1(page.page_obj.resources) or {}).get("XObject")) or {}
    forms = [resolve1(x) for x in xobjects.values()] if isinstance(xobjects, dict) else []
    pending += [f for f in forms if isinstance(f, PDFStream) and getattr(f.get("Subtype"), "name", "") == "Form"]
    for stream in pending:
        if isinstance(stream, PDFStream):
            problem = undecodable(stream)
            if problem:
                found.append(problem)
    return found


def undecodable(stream: PDFStream) -> str:
    """Why a Flate stream does not decompress whole ('' when it does, or cannot be tested here)."""
    filters = stream.get_filters()
    if not filters or filters[0][0] not in LITERALS_FLATE_DECODE or stream.rawdata is None or stream.decipher:
        return ""
    decompressor = zlib.decompressobj()
    try:
        decompressor.decompress(stream.rawdata)
    except zlib.error as err:
        return f"stream {stream.objid} does not decompress ({err})"
    return "" if decompressor.eof else f"stream {stream.objid} is cut short (its compressed data ends early)"


Damage = tuple[tuple[int, str], ...]  # (page, what the PDF reader had to repair or could not read)


def read_range(path: Path, password: str, start: int, stop: int) -> tuple[tuple[PageContent, ...], Damage]:
    """Pages ``start`` to ``stop`` (0-based, exclusive) of ``path``, and the damage met on each.
    Each page's parsed objects are released as soon as its words are taken, so memory stays
    flat in the page count."""
    name = str(path)
    try:
        with diagnostics() as seen, pdfplumber.open(path, password=password) as pdf:
            content = []
            rebuilt = any(isinstance(xref, PDFXRefFallback) for xref in pdf.doc.xrefs)
            misplaced = [] if rebuilt else xref_damage(pdf.doc.xrefs, path.read_bytes())
            targets = page_targets(pdf)  # resolves every page object: their damage shows here
            opening = seen.damage.pop(0, [])
            for page in pdf.pages[start:stop]:
                seen.page = page.page_number
                if rebuilt or opening or misplaced:
                    seen.damage.setdefault(page.page_number, []).extend(
                        ([XREF_REBUILT] if rebuilt else []) + misplaced + opening)
                seen.damage.setdefault(page.page_number, []).extend(stream_damage(page))
                content.append(read_page(page, name, targets, pdf.doc.get_dest))
                page.close()
            damage = tuple((number, message) for number, messages in sorted(seen.damage.items()) if number
                           for message in dict.fromkeys(messages))
            return tuple(content), damage
    except (PdfminerException, PDFSyntaxError, PSException, PDFPasswordIncorrect, PDFEncryptionError,
            ValueError, KeyError, TypeError, AssertionError) as err:
        raise SourceError(name, describe(err, password)) from None


def read_pdf(path: Path, password: str = "", on_page: Callable[[int], None] | None = None,
             workers: int = WORKERS, allow_damaged: bool = False) -> tuple[PageContent, ...]:
    """Read every page of ``path``; raise ``SourceError`` when the file cannot give text, or
    when the reader had to repair it or could not decompress part of it (``allow_damaged``:
    read it anyway and list the damaged pages as warnings).
    Long documents are read in ``workers`` processes, each taking runs of consecutive pages."""
    check_signature(path)
    name = str(path)
    total = page_count(path, password)
    if total < PARALLEL_FROM or workers < 2:
        pages, damage = read_range(path, password, 0, total or 10**9)
        for page in pages:
            if on_page is not None:
                on_page(page.number)
    else:
        size = min(CHUNK_PAGES, -(-total // workers))  # short documents: one even run per worker
        ranges = [(start, min(start + size, total)) for start in range(0, total, size)]
        chunks: list[tuple[PageContent, ...]] = []
        damage = ()
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for chunk, chunk_damage in pool.map(read_range, *zip(*[(path, password, a, b) for a, b in ranges])):
                chunks.append(chunk)
                damage += chunk_damage
                for page in chunk:
                    if on_page is not None:
                        on_page(page.number)
        pages = tuple(page for chunk in chunks for page in chunk)
    if not pages:
        raise SourceError(name, "the PDF has no pages")
    if not any(page.words for page in pages):
        also = f" (the file is damaged too: {damage_kinds(damage)})" if damage else ""
        raise SourceError(name, f"no text layer: the pages look scanned or outlined and need OCR first{also}")
    if damage:
        refuse_damage(name, damage, allow_damaged)
    return pages


def refuse_damage(name: str, damage: Damage, allow: bool) -> None:
    """One line naming the damaged pages; with ``allow``, one warning per page instead."""
    pages = sorted({page for page, _ in damage})
    what = damage_kinds(damage)
    if not allow:
        raise SourceError(name, f"damaged PDF: the reader had to repair it or could not read part of it on "
                                f"page{'s' if len(pages) > 1 else ''} {page_list(pages)} ({what}); nothing written "
                                f"(use --allow-damaged to write anyway)")
    for page in pages:
        found = "; ".join(dict.fromkeys(m for p, m in damage if p == page))
        log.warning("%s page %d: damaged, extracted anyway (--allow-damaged): %s", name, page, found[:200])


def damage_kinds(damage: Damage) -> str:
    kinds = list(dict.fromkeys(message.split(":")[0][:80] for _, message in damage))
    return "; ".join(kinds[:3]) + (f"; and {len(kinds) - 3} more" if len(kinds) > 3 else "")


def page_list(pages: list[int]) -> str:
    """1, 3-7, 9: the pages as runs."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def describe(err: BaseException, password: str) -> str:
    """One phrase for why pdfminer could not read the file (pdfplumber wraps the real cause)."""
    cause = err.args[0] if isinstance(err, PdfminerException) and err.args else err
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        if password:
            return "encrypted, and the --password given does not open it"
        return "encrypted with a user password: give it with --password"
    return f"damaged or truncated PDF ({type(cause).__name__})"


#: Internal links point into the document: ``pdf-dest:<page>:<top>`` until structure names the section.
DEST_PREFIX = "pdf-dest:"


def page_targets(pdf: pdfplumber.pdf.PDF) -> dict[int, tuple[int, float]]:
    """Page object id -> (page number, height), to resolve where an internal link leads."""
    targets = {}
    for page in pdf.pages:
        pageid = page.page_obj.pageid
        if isinstance(pageid, int):
            targets[pageid] = (page.page_number, float(page.height))
    return targets


#: Looks a named destination up in the document's name tree (pdfminer's ``get_dest``).
NamedDests = Callable[[str | bytes], object]


def destination(data: dict, targets: dict[int, tuple[int, float]],  # type: ignore[type-arg]
                named: NamedDests | None = None) -> str | None:
    """``pdf-dest:<page>:<top>`` for a GoTo destination: explicit ([page /XYZ left top zoom]) or
    named (WeasyPrint, Chromium and hyperref name theirs; ``named`` looks the name up); None for
    anything unusual (the words then stay plain text)."""
    dest = resolve1(data.get("Dest"))
    action = resolve1(data.get("A"))
    if dest is None and isinstance(action, dict) and str(resolve1(action.get("S"))).endswith("GoTo"):
        dest = resolve1(action.get("D"))
    if isinstance(dest, (PSLiteral, bytes, str)) and named is not None:
        try:
            dest = resolve1(named(dest.name if isinstance(dest, PSLiteral) else dest))
        except (PDFDestinationNotFound, KeyError, TypeError, ValueError):
            return None
    if isinstance(dest, dict):  # a name may map to a dictionary whose D is the array
        dest = resolve1(dest.get("D"))
    if not isinstance(dest, list) or len(dest) < 2:
        return None
    page_ref = dest[0]
    target = targets.get(getattr(page_ref, "objid", -1))
    if target is None:
        return None
    number, height = target
    kind = getattr(resolve1(dest[1]), "name", "")
    y = resolve1(dest[3]) if len(dest) > 3 and kind in ("XYZ", "FitH", "FitBH") else None
    if kind in ("FitH", "FitBH"):
        y = resolve1(dest[2])
    top = height - float(y) if isinstance(y, (int, float)) else 0.0
    return f"{DEST_PREFIX}{number}:{top:.0f}"


def read_page(page: pdfplumber.page.Page, name: str, targets: dict[int, tuple[int, float]] | None = None,
              named: NamedDests | None = None) -> PageContent:
    number = page.page_number
    raw = [
        w for w in page.extract_words(
            x_tolerance_ratio=X_TOLERANCE_RATIO,
            keep_blank_chars=False,
            use_text_flow=False,
            return_chars=True,
        )
        if w["text"].strip()
    ]
    links = read_links(page, name, targets or {}, named)
    heavy = heavy_fonts(page)
    colours = link_colours(links, page.chars)
    words = tuple(word for w in raw for word in split_at_links(w, links, number, heavy, colours))
    words += drawn_bullets(page.curves + page.rects, words, number)
    return PageContent(number, float(page.width), float(page.height), words, read_tables(page), read_rules(page),
                       mark_uses(page.chars))


def is_mark(text: str) -> bool:
    """A character that is neither a letter, a digit nor a space: punctuation or a symbol."""
    return len(text) == 1 and not text.isalnum() and not text.isspace()


def mark_uses(chars: list[dict]) -> tuple[tuple[str, str, int], ...]:  # type: ignore[type-arg]
    """A page's characters -> how often each glyph of a mark is set: (glyph key, character, times).
    Two glyphs for one mark tell a ligature a producer mapped to it ("Condi.ons") from the mark."""
    marks: Counter[tuple[str, str]] = Counter()
    for char in chars:
        if is_mark(char["text"]):
            marks[glyph_key(char), char["text"]] += 1
    return tuple((key, text, n) for (key, text), n in sorted(marks.items()))


def inner_marks(chars: list[dict]) -> tuple[tuple[str, str], ...]:  # type: ignore[type-arg]
    """(glyph key, character) of each mark set between a letter and a lower-case letter in a run of
    characters."""
    return tuple((glyph_key(chars[i]), chars[i]["text"]) for i in range(1, len(chars) - 1)
                 if is_mark(chars[i]["text"]) and chars[i - 1]["text"][-1:].isalpha()
                 and chars[i + 1]["text"][:1].islower())


#: A drawn line or box this thin (points) is a horizontal rule.
RULE_THICKNESS = 3.0


def read_rules(page: pdfplumber.page.Page) -> tuple[tuple[float, float, float], ...]:
    """Visible horizontal rules, as (x0, top, x1): lines, and boxes no thicker than RULE_THICKNESS."""
    found = {(round(float(g["x0"]), 1), round(float(g["top"]), 1), round(float(g["x1"]), 1))
             for g in page.lines + page.rects
             if float(g["bottom"]) - float(g["top"]) <= RULE_THICKNESS and visible(g)}
    return tuple(sorted(found, key=lambda rule: (rule[1], rule[0])))


def drawn_bullets(shapes: list[dict], words: tuple[Word, ...], page: int) -> tuple[Word, ...]:  # type: ignore[type-arg]
    """A ``DRAWN_BULLET`` word for each small visible, roughly square shape that stands just left of
    a word, about x-height in size and centred on its line's letters (BULLET_HIGHEST; higher when
    several sit alike, BULLET_ALIGN), with no word close before it on that line (a dot between two
    words is a separator, not a bullet). Shapes drawn one inside the other (a ring painted as its
    outer and inner edge) are one bullet."""
    found: list[tuple[Word, float, float]] = []  # the bullet, its centre's and its top's share of the line
    for shape in shapes:
        bullet = shape_bullet(shape, words, page)
        if bullet is None:
            continue
        word, centre, top = bullet
        if not any(b.x0 <= (word.x0 + word.x1) / 2 <= b.x1 and b.top == word.top for b, _, _ in found):
            found.append(bullet)  # else the inner edge of a ring already taken
    return tuple(word for word, centre, top in found
                 if centre >= BULLET_HIGHEST or sum(abs(top - other) <= BULLET_ALIGN for _, _, other in found) >= 2)


def shape_bullet(shape: dict, words: tuple[Word, ...], page: int) -> tuple[Word, float, float] | None:  # type: ignore[type-arg]
    """One shape -> (the bullet word it would be, its centre's and its top's height on the line as a
    share of the line's height), or None when it is no bullet wherever it sits on its line."""
    width, height = shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]
    if not visible(shape):  # filled (a disc, a square) or only outlined (a circle, the second level)
        return None
    if width <= 0.5 or height <= 0.5 or abs(width - height) > BULLET_SQUARENESS * max(width, height):
        return None
    centre = (shape["top"] + shape["bottom"]) / 2
    level = [w for w in words if w.top <= centre <= w.bottom]
    after = [w for w in level if w.x0 >= shape["x1"] - 0.5]
    if not after:
        return None
    first = min(after, key=lambda w: w.x0)
    low, high = BULLET_SIZE_RANGE
    if not low * first.size <= max(width, height) <= high * first.size:
        return None
    if first.x0 - shape["x1"] > BULLET_MAX_GAP * first.size:
        return None
    if any(w.x1 <= shape["x0"] + 0.5 and shape["x0"] - w.x1 < BULLET_MAX_GAP * w.size for w in level):
        return None
    line = first.bottom - first.top or 1.0
    word = Word(DRAWN_BULLET, float(shape["x0"]), float(shape["x1"]), first.top, first.bottom, first.size, False, page)
    return word, (centre - first.top) / line, (shape["top"] - first.top) / line


def color_key(color: object) -> str:
    """A stable key for a fill colour; greys and black of any colour space compare equal."""
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not color or not all(isinstance(c, (int, float)) for c in color):
        return ""
    values = [float(c) for c in color]
    if len(values) == 4:  # CMYK to RGB, enough to tell colours apart
        c, m, y, k = values
        values = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    if len(values) == 3 and max(values) - min(values) < 0.02:
        values = values[:1]
    return ",".join(f"{v:.2f}" for v in values)


Link = tuple[tuple[float, float, float, float], str]


def covers(bbox: tuple[float, float, float, float], x: float, y: float) -> bool:
    """Whether a link rectangle covers the point (x, y), give or take LINK_SLACK."""
    x0, top, x1, bottom = bbox
    return x0 - LINK_SLACK <= x <= x1 + LINK_SLACK and top - LINK_SLACK <= y <= bottom + LINK_SLACK


def centre(char: dict) -> tuple[float, float]:  # type: ignore[type-arg]
    return (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2


def link_colours(links: list[Link], chars: list[dict]) -> list[str | None]:  # type: ignore[type-arg]
    """Each link of a page -> the colour its text is set in, when its rectangle also covers letters
    in the page's text colour (a producer that measured the rectangle on the unjustified line reaches
    into the words or the colon before the link: ReportLab); None when the covered glyphs are all of one colour,
    or when the link is set in the text colour (then the rectangle is all there is to go by)."""
    letters = [c for c in chars if c["text"].strip()]
    if not links or not letters:
        return [None] * len(links)
    keys = [color_key(c.get("non_stroking_color")) for c in letters]
    text_colour = max(set(keys), key=keys.count)
    colours: list[str | None] = []
    for bbox, _ in links:
        covered = [key for c, key in zip(letters, keys) if covers(bbox, *centre(c))]
        own = [key for key in covered if key != text_colour]
        colours.append(max(set(own), key=own.count) if own and len(own) < len(covered) else None)
    return colours


def link_at(links: list[Link], colours: list[str | None], char: dict) -> str | None:  # type: ignore[type-arg]
    """The link a character belongs to: one whose rectangle covers its centre and, when the link
    has a colour of its own, whose colour it is set in."""
    for ((bbox, uri), colour) in zip(links, colours):
        if covers(bbox, *centre(char)) and (colour is None or color_key(char.get("non_stroking_color")) == colour):
            return uri
    return None


def split_at_links(
    raw: dict, links: list[Link], page: int,  # type: ignore[type-arg]
    heavy: frozenset[str] = frozenset(), colours: list[str | None] | None = None,
) -> list[Word]:
    """One pdfplumber word as one or more ``Word``s: it splits where a link rectangle begins or
    ends inside it, so "webbplatser)" links "webbplatser" and leaves ")" as plain text. A glyph
    pdfminer could not map ("(cid:431)") is UNREADABLE, like one the font maps to U+FFFD."""
    chars = [dict(c, text=UNREADABLE) if CID_TEXT.match(c["text"]) else c for c in raw["chars"]]
    if links:
        hrefs = [link_at(links, colours or [None] * len(links), c) for c in chars]
    else:
        hrefs = [None] * len(chars)
    runs: list[tuple[int, int]] = []
    for i, href in enumerate(hrefs):
        if runs and hrefs[runs[-1][0]] == href:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    words = []
    for n, (start, end) in enumerate(runs):
        part = chars[start:end]
        text = "".join(c["text"] for c in part).translate(LIGATURES)
        if not text.strip():
            continue
        letters = [c for c in part if c["text"].isalnum()] or part
        words.append(Word(
            text=text,
            x0=min(c["x0"] for c in part),
            x1=max(c["x1"] for c in part),
            top=raw["top"],
            bottom=raw["bottom"],
            size=round(max(c["size"] for c in part), 1),  # small caps: the capital carries the size
            bold=sum(is_bold(c["fontname"]) or c["fontname"] in heavy for c in letters) * 2 > len(letters),
            page=page,
            href=hrefs[start],
            glued=n > 0,
            color=color_key(part[0].get("non_stroking_color")),
            upright=all(c.get("upright", True) for c in part),
            glyphs=tuple(glyph_key(c) for c in part if c["text"] == UNREADABLE),
            font=max((c["fontname"] for c in letters), key=[c["fontname"] for c in letters].count),
            inner=inner_marks(part),
        ))
    return words


def visible(graphic: dict) -> bool:  # type: ignore[type-arg]
    """False for a rectangle or line painted white on the white page, neither stroked nor filled in
    another colour: Google Docs lays text out on such boxes, which would otherwise read as a table."""
    stroked = graphic.get("stroke", True) and color_key(graphic.get("stroking_color")) != WHITE
    filled = graphic.get("fill", False) and color_key(graphic.get("non_stroking_color")) != WHITE
    return bool(stroked or filled)


def glyph_key(char: dict) -> str:  # type: ignore[type-arg]
    """One glyph of one font: its font name and its advance as a share of the font size."""
    return f"{char['fontname']}@{char['width'] / char['size']:.3f}" if char["size"] else str(char["fontname"])


def read_links(page: pdfplumber.page.Page, name: str, targets: dict[int, tuple[int, float]],
               named: NamedDests | None = None) -> list[Link]:
    """Link annotations as (bbox, uri or internal destination); malformed ones are skipped with a warning."""
    try:
        annots = page.annots
    except Exception as err:  # noqa: BLE001 - pdfminer raises many types for broken annotations
        log.warning("%s page %d: link annotations are malformed and were skipped (%s)",
                    name, page.page_number, type(err).__name__)
        return []
    links = []
    for annot in annots:
        uri = annot.get("uri")
        if not isinstance(uri, str) or not uri.strip():
            try:
                uri = destination(annot.get("data") or {}, targets, named)
            except Exception:  # noqa: BLE001 - a broken destination is only a lost internal link
                uri = None
            if uri is None:
                continue
        try:
            bbox = (float(annot["x0"]), float(annot["top"]), float(annot["x1"]), float(annot["bottom"]))
        except (KeyError, TypeError, ValueError):
            log.warning("%s page %d: a link to %s has no usable rectangle", name, page.page_number, uri)
            continue
        links.append((bbox, uri.strip()))
    return links


def read_tables(page: pdfplumber.page.Page) -> tuple[RuledTable, ...]:
    """Tables drawn with ruling lines that can be seen; boxes of one row or one column are frames,
    not tables. Two tables side by side that pdfplumber took for one are two."""
    tables = []
    seen = page.filter(lambda obj: obj.get("object_type") not in GRAPHICS or visible(obj))
    found = [tuple(tuple(cell for cell in row.cells) for row in table.rows) for table in seen.find_tables()]
    for rows in (part for whole in found for part in side_by_side(whole, seen.edges)):
        if len(rows) < 2 or max(len(row) for row in rows) < 2:
            continue
        if sum(cell is not None for row in rows for cell in row) < 4:
            continue
        x0, top = min(c[0] for row in rows for c in row if c), min(c[1] for row in rows for c in row if c)
        x1, bottom = max(c[2] for row in rows for c in row if c), max(c[3] for row in rows for c in row if c)
        clipped = cut_column(rows, x1, seen.edges)
        if clipped is not None:
            rows, x1 = clipped, max(c[2] for row in clipped for c in row if c)
        cut = cut_row(rows[-1], bottom, seen.edges)
        if cut is not None:
            rows += (cut,)
            bottom = max(cell[3] for cell in cut if cell is not None)
        tables.append(RuledTable(bbox=(x0, top, x1, bottom), rows=rows, open_end=cut is not None))
    return tuple(tables)


Cells = tuple[tuple[tuple[float, float, float, float] | None, ...], ...]

#: Points by which the rules of two cells in one row may fall short of meeting and still be one rule.
RULE_JOIN = 0.5


def side_by_side(rows: Cells, edges: list[dict]) -> list[Cells]:  # type: ignore[type-arg]
    """The cells of a table found by pdfplumber -> the tables it holds: one, or two or more set side
    by side so close that pdfplumber joined their outer rules (two columns of a page, each with a
    table reaching into the gutter). They are split where no horizontal rule runs across a column
    line and the rows on either side are ruled at other heights; a table with separate cell borders
    has broken rules at every column line too, but its rows line up."""
    lefts = [min((cell[0] for row in rows if j < len(row) and (cell := row[j]) is not None), default=None)
             for j in range(max(len(row) for row in rows))]
    rules = joined_rules(edges)
    for j, x in enumerate(lefts[1:], start=1):
        if x is None or any(x0 < x - RULE_JOIN and x1 > x + RULE_JOIN for x0, x1, _ in rules):
            continue
        left = {round(c[k]) for row in rows for c in row[:j] if c is not None for k in (1, 3)}
        right = {round(c[k]) for row in rows for c in row[j:] if c is not None for k in (1, 3)}
        if left != right:
            before = tuple(row[:j] for row in rows if any(row[:j]))
            after = tuple(row[j:] for row in rows if any(row[j:]))
            return [before, *side_by_side(after, edges)]
    return [rows]


def joined_rules(edges: list[dict]) -> list[tuple[float, float, float]]:  # type: ignore[type-arg]
    """Horizontal edges -> (x0, x1, y) rules, the pieces of one height that meet or overlap joined
    (a browser draws a table's rules cell by cell)."""
    rules: list[tuple[float, float, float]] = []
    for edge in sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: (round(e["top"]), e["x0"])):
        y = round(edge["top"])
        if rules and rules[-1][2] == y and edge["x0"] <= rules[-1][1] + RULE_JOIN:
            rules[-1] = (rules[-1][0], max(rules[-1][1], edge["x1"]), y)
        else:
            rules.append((edge["x0"], edge["x1"], y))
    return rules


def cut_column(rows: Cells, right: float, edges: list[dict]) -> Cells | None:  # type: ignore[type-arg]
    """The table's rows with the column its right rule is missing from: row rules going on right of
    the last column line, all to one x where no column line stands (a browser prints a table too
    wide for the page clipped at the print area, its last column open). None when there is none."""
    top = min(c[1] for row in rows for c in row if c)
    bottom = max(c[3] for row in rows for c in row if c)
    runs = [(x0, x1) for x0, x1, y in joined_rules(edges)
            if top - 2 <= y <= bottom + 2 and x0 <= right + 2 and x1 > right + 4]
    ends = {round(x1) for _, x1 in runs}
    if len(runs) < 2 or len(ends) != 1:
        return None
    end = max(x1 for _, x1 in runs)
    if any(e["orientation"] == "v" and abs(e["x0"] - end) <= 1 and e["bottom"] - e["top"] > 4 for e in edges):
        return None  # a column line closes it: a table of its own, side by side
    out = []
    for row in rows:
        cells = [c for c in row if c is not None]
        out.append((*row, (right, min(c[1] for c in cells), end, max(c[3] for c in cells))))
    return tuple(out)


def cut_row(last: tuple[tuple[float, float, float, float] | None, ...], bottom: float,
            edges: list[dict]) -> tuple[tuple[float, float, float, float] | None, ...] | None:  # type: ignore[type-arg]
    """The row a page break cut: column lines going on below the table's last closed row with no
    line under them (pdfplumber finds no cell there). Its cells take the last row's columns."""
    downs = [e for e in edges if e["orientation"] == "v" and abs(e["top"] - bottom) <= 2 and e["bottom"] > bottom + 4]
    if not downs:
        return None
    end = max(e["bottom"] for e in downs)
    sides = {round(e["x0"]) for e in downs}
    cells = tuple((c[0], bottom, c[2], end) if c is not None and {round(c[0]), round(c[2])} <= sides | {
        s + d for s in sides for d in (-1, 1)} else None for c in last)
    closed = any(e["orientation"] == "h" and abs(e["top"] - end) <= 2 for e in edges)
    return cells if sum(c is not None for c in cells) >= 2 and not closed else None
