"""Tiny, dependency-free PDF writer for tests: pages of Helvetica text lines, optional link
annotations (well-formed or deliberately broken). Enough to make the bad inputs we need."""

from __future__ import annotations

from pathlib import Path


def escape(text: str) -> str:
    """``text`` as the inside of a PDF literal string: a backslash and both brackets escaped."""
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


Line = str | tuple[str, float] | tuple[str, float, str] | tuple[list[tuple[str, str]], float]


def show(line: Line) -> str:
    """Operators for one line: 11 pt, 14 pt apart; a (text, size) pair sets its own size, a
    (text, size, font) triple also its font (a resource name of ``fonts``); a (text, size, "")
    triple is an empty line of that size (a gap); a (runs, size) pair sets runs of (text, font) on
    one line, a run "<01AF>" being hex codes (for a font of two-byte codes)."""
    if not isinstance(line, str) and isinstance(line[0], list):  # runs of (text, font); "<01AF>" is hex
        size = float(line[1])
        runs = " ".join(f"/{font} {size:g} Tf " + (text if text.startswith("<") else f"({escape(text)})") + " Tj"
                        for text, font in line[0])
        return f"{size * 1.3:.1f} TL {runs} T*"
    if isinstance(line, str):
        text, size, font = line, 11.0, "F1"
    elif len(line) == 2:
        text, size, font = line[0], line[1], "F1"
    else:
        text, size, font = line  # type: ignore[misc]
    if not text:
        return f"{size * 1.3:.1f} TL T*"
    return f"/{font or 'F1'} {size:g} Tf {size * 1.3:.1f} TL ({escape(text)}) Tj T*"


#: Helvetica's advance widths (thousandths of an em) for codes 32-126, for fonts of our own names.
HELVETICA_WIDTHS = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 "
    "278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 "
    "611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 "
    "556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584")


def named_font(name: str, descriptor: str = "", flags: int = 32, encoding: str = "") -> bytes:
    """A Type1 font called ``name`` (as printer drivers call them: "F2", "TT5F6t00") with Helvetica's
    widths, and a font descriptor holding ``descriptor`` (such as "/FontWeight 700" or "/StemV 140")
    and ``flags`` (32: nonsymbolic; 262176 adds ForceBold); ``encoding`` is an /Encoding entry (a
    /Differences array naming a glyph no reader can map, such as /g431, makes pdfminer say "(cid:N)")."""
    desc = (f"/FontDescriptor << /Type /FontDescriptor /FontName /{name} /Flags {flags} /FontBBox [0 -200 1000 900]"
            f" /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 {descriptor} >>")
    return (f"<< /Type /Font /Subtype /Type1 /BaseFont /{name} /FirstChar 32 /LastChar 126"
            f" /Widths [{HELVETICA_WIDTHS}] {desc}{' /Encoding ' + encoding if encoding else ''} >>").encode("latin-1")


def unmapped_font() -> bytes:
    """A composite font of two-byte codes (Identity-H) without a ToUnicode map: pdfminer can map none
    of its glyphs and writes "(cid:N)", as it does for many printer-driver fonts."""
    desc = ("<< /Type /FontDescriptor /FontName /CIDFont+F9 /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0"
            " /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>")
    kid = ("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /CIDFont+F9 /CIDSystemInfo << /Registry (Adobe)"
           f" /Ordering (Identity) /Supplement 0 >> /FontDescriptor {desc} /DW 556 >>")
    return f"<< /Type /Font /Subtype /Type0 /BaseFont /CIDFont+F9 /Encoding /Identity-H /DescendantFonts [{kid}] >>".encode()


def make_pdf(path: Path, pages: list[list[Line]], annotation: bytes | None = None,
             graphics: str = "", title: str | None = None, fonts: dict[str, bytes] | None = None) -> Path:
    """Write ``pages`` (lines of text per page, from y=640 down, 14 pt apart; a (text, size) pair
    is a line in its own size) to ``path``;
    ``annotation`` is the raw dictionary of one link annotation put on the first page (pass a broken
    one to test malformed annotations); ``graphics`` are content-stream operators drawn on every
    page under the text (rectangles, lines); ``title`` goes into the document information."""
    objects: list[bytes] = []
    page_ids = []
    font_id = 3
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # pages tree, filled below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    resources = b"/F1 %d 0 R" % font_id
    for key, font in (fonts or {}).items():
        objects.append(font)
        resources += b" /%s %d 0 R" % (key.encode("ascii"), len(objects))
    annot_id = None
    if annotation is not None:
        objects.append(annotation)
        annot_id = len(objects)
    for n, lines in enumerate(pages):
        text = ["BT", "/F1 11 Tf", "14 TL", "72 640 Td"] + [show(line) for line in lines] + ["ET"]
        ops = ([graphics, "0 g"] if graphics else []) + text
        stream = "\n".join(ops).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        annots = b" /Annots [%d 0 R]" % annot_id if annot_id and n == 0 else b""
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << %s >> >>"
                       b" /Contents %d 0 R%s >>" % (resources, content_id, annots))
        page_ids.append(len(objects))
    info = b""
    if title is not None:
        objects.append(b"<< /Title (%s) >>" % escape(title).encode("latin-1"))
        info = b" /Info %d 0 R" % len(objects)
    return write_objects(path, objects, page_ids, info)


def write_objects(path: Path, objects: list[bytes], page_ids: list[int], info: bytes = b"") -> Path:
    """``objects`` (numbered from 1: the catalog, then the page tree, which is filled here from
    ``page_ids``) as a PDF file with its cross-reference table and trailer."""
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info, xref)
    path.write_bytes(bytes(out))
    return path


#: A run of text placed at (x, top) in points from the page's top-left, in a size and a font resource name.
Placed = tuple[float, float, str, float, str]


def text_width(text: str, size: float) -> float:
    """Width in points of ``text`` set in Helvetica at ``size`` (codes 32-126)."""
    widths = [int(w) for w in HELVETICA_WIDTHS.split()]
    return sum(widths[ord(ch) - 32] if 32 <= ord(ch) <= 126 else 556 for ch in text) * size / 1000


def wrap(words: list[str], width: float, size: float) -> list[str]:
    """``words`` broken greedily into lines no wider than ``width`` in Helvetica at ``size``: ragged right."""
    lines: list[str] = []
    for word in words:
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def make_placed_pdf(path: Path, pages: list[list[Placed]], graphics: str = "",
                    fonts: dict[str, bytes] | None = None, links: list[tuple[Placed, str]] | None = None,
                    fills: dict[int, str] | None = None, link_reach: float = 0.0) -> Path:
    """Write pages of text runs each placed where a layout program put it: (x, top, text, size, font),
    ``top`` measured down from the page's top edge and ``font`` a resource name ("F1" is Helvetica,
    others come from ``fonts``); ``graphics`` are content-stream operators drawn under the text of
    every page (rules, boxes); ``links`` are (run, address) pairs: a link annotation over that run
    (in Helvetica) on the first page, its rectangle reaching ``link_reach`` points further left;
    ``fills`` are fill-colour operators ("0 0 1 rg") of runs by their index on a page (others black)."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
                            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    resources = b"/F1 3 0 R"
    for key, font in (fonts or {}).items():
        objects.append(font)
        resources += b" /%s %d 0 R" % (key.encode("ascii"), len(objects))
    annots = []
    for (x, top, text, size, _), uri in links or []:
        objects.append(b"<< /Type /Annot /Subtype /Link /Rect [%.2f %.2f %.2f %.2f] /Border [0 0 0]"
                       b" /A << /S /URI /URI (%s) >> >>" % (x - link_reach, 792 - top - size, x + text_width(text, size),
                                                           792 - top, uri.encode("latin-1")))
        annots.append(b"%d 0 R" % len(objects))
    page_ids = []
    for n, runs in enumerate(pages):
        text = [f"BT {(fills or {}).get(i, '0 g')} /{font} {size:g} Tf 1 0 0 1 {x:.2f} {792 - top - size * 0.8:.2f} Tm"
                f" ({escape(run)}) Tj ET" for i, (x, top, run, size, font) in enumerate(runs)]
        stream = "\n".join(([graphics, "0 g"] if graphics else []) + text).encode("cp1252")  # Helvetica is set in WinAnsiEncoding
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        on_page = b" /Annots [%s]" % b" ".join(annots) if annots and n == 0 else b""
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << %s >> >>"
                       b" /Contents %d 0 R%s >>" % (resources, len(objects), on_page))
        page_ids.append(len(objects))
    return write_objects(path, objects, page_ids)
