"""A damaged PDF (issue #13): the PDF reader repairs what it can and reads on in silence, so a
stream that does not decompress, or a cross-reference table that points an object to the wrong
place, loses words while the conservation report says "0 lost". Such a file is refused in one
line naming the pages, nothing written; ``--allow-damaged`` writes and lists the pages; pdfminer's
own diagnostics go to the log, not the terminal."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import run_notice
from .pdfgen import write_objects

PAGES = [
    ["Privacy notice", "We keep your data safe and tell you how."],
    ["Your rights", "You may ask for a copy of your data at any time."],
    ["Contact", "Write to the data protection officer by post."],
]


def compressed_pdf(path: Path, damage: Callable[[int, bytes], bytes] = lambda n, data: data) -> Path:
    """Three pages of text in Flate-compressed content streams; ``damage(page, compressed)``
    may change a page's compressed bytes (the /Length follows them)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for n, lines in enumerate(PAGES, 1):
        text = "BT /F1 11 Tf 14 TL 72 640 Td " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
        data = damage(n, zlib.compress(text.encode("latin-1")))
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
                       b" /Contents %d 0 R >>" % len(objects))
        kids.append(len(objects))
    return write_objects(path, objects, kids)


def cut_short(page: int) -> Callable[[int, bytes], bytes]:
    return lambda n, data: data[: len(data) // 2] if n == page else data


def bad_checksum(page: int) -> Callable[[int, bytes], bytes]:
    """pdfminer recovers the text and logs 'Data-loss while decompressing corrupted data'."""
    return lambda n, data: data[:-2] + bytes(b ^ 0xFF for b in data[-2:]) if n == page else data


def misplaced_xref(path: Path) -> Path:
    """The table entry of page 2's content stream (object 6) shifted into the object before it."""
    data = path.read_bytes()
    entries = list(re.finditer(rb"(\d{10}) 00000 n", data))
    target = entries[5]  # objects are numbered from 1: entry 6
    shifted = b"%010d 00000 n" % (int(target.group(1)) - 30)
    path.write_bytes(data[: target.start()] + shifted + data[target.end():])
    return path


def test_an_intact_compressed_pdf_extracts(tmp_path: Path) -> None:
    pdf = compressed_pdf(tmp_path / "intact.pdf")
    result = run_notice("extract", str(pdf), "--lang", "en", "--out", str(tmp_path / "out.md"))
    assert result.returncode == 0, result.stderr
    assert "at any time" in (tmp_path / "out.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("make, page", [
    (lambda p: compressed_pdf(p, cut_short(2)), 2),
    (lambda p: compressed_pdf(p, bad_checksum(3)), 3),
    (lambda p: misplaced_xref(compressed_pdf(p)), None),
], ids=["stream-cut-short", "stream-checksum", "xref-misplaced"])
def test_a_damaged_pdf_is_refused_in_one_line(tmp_path: Path, make: Callable[[Path], Path], page: int | None) -> None:
    pdf = make(tmp_path / "damaged.pdf")
    out = tmp_path / "out.md"
    out.write_text("previous\n", encoding="utf-8")
    result = run_notice("extract", str(pdf), "--lang", "en", "--out", str(out))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr  # pdfminer's own lines do not reach the terminal
    assert "damaged PDF" in lines[0] and "nothing written (use --allow-damaged" in lines[0]
    assert re.search(rf"on pages? {page}\b" if page else r"on pages? \d", lines[0]), lines[0]
    assert out.read_text(encoding="utf-8") == "previous\n"


def test_allow_damaged_writes_and_lists_the_pages(tmp_path: Path) -> None:
    pdf = compressed_pdf(tmp_path / "damaged.pdf", cut_short(2))
    out = tmp_path / "out.md"
    result = run_notice("extract", str(pdf), "--lang", "en", "--out", str(out), "--allow-damaged")
    assert result.returncode == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if "damaged, extracted anyway" in line]
    assert warned and warned[0].startswith(f"{pdf} page 2: "), result.stderr
    assert "Write to the data protection officer" in out.read_text(encoding="utf-8")
