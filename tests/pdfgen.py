"""Tiny, dependency-free PDF writer for tests: pages of Helvetica text lines, optional link
annotations (well-formed or deliberately broken). Enough to make the bad inputs we need."""

from __future__ import annotations

from pathlib import Path


def escape(text: str) -> str:
    return text.replace("\\\\", "\\\\\\\\").replace("(", "\\\\(").replace(")", "\\\\)")


def show(line: str | tuple[str, float]) -> str:
    """Operators for one line: 11 pt, 14 pt apart; a (text, size) pair sets its own size."""
    text, size = (line, 11.0) if isinstance(line, str) else line
    return f"/F1 {size:g} Tf {size * 1.3:.1f} TL ({escape(text)}) Tj T*"


def make_pdf(path: Path, pages: list[list[str | tuple[str, float]]], annotation: bytes | None = None,
             graphics: str = "", title: str | None = None) -> Path:
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
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >>"
                       b" /Contents %d 0 R%s >>" % (font_id, content_id, annots))
        page_ids.append(len(objects))
    info = b""
    if title is not None:
        objects.append(b"<< /Title (%s) >>" % escape(title).encode("latin-1"))
        info = b" /Info %d 0 R" % len(objects)
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
