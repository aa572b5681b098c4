"""Bad input to ``notice extract``: one line naming the file and the problem, a non-zero exit,
no traceback, and an existing output file left byte for byte as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED, SOURCES, run_notice
from .pdfgen import make_pdf

PDFS = ROOT / "tests" / "pdfs"

#: A one-page PDF whose only content is a filled rectangle: a page with no text layer.
NO_TEXT_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >> endobj
4 0 obj << /Length 24 >> stream
10 10 100 100 re f
endstream endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def make_bad_inputs(folder: Path) -> dict[str, tuple[Path, str]]:
    real = (SOURCES / "allegis-privacy-notice-sv.pdf").read_bytes()
    files = {
        "zero-byte": (b"", "empty file"),
        "html-as-pdf": (b"<!DOCTYPE html><html><body>Privacy</body></html>", "not a PDF"),
        "truncated": (real[:2000], "damaged or truncated"),
        "no-text-layer": (NO_TEXT_PDF, "no text layer"),
    }
    out = {}
    for name, (data, problem) in files.items():
        path = folder / f"{name}.pdf"
        path.write_bytes(data)
        out[name] = (path, problem)
    out["missing"] = (folder / "does-not-exist.pdf", "no such file")
    out["encrypted"] = (PDFS / "encrypted-user-password.pdf", "encrypted with a user password: give it with --password")
    scanned = SHARED / "realpdfs" / "en_hebar_privacypolicy_no_text_layer.pdf"
    if scanned.exists():
        out["shared-scanned"] = (scanned, "no text layer")
    return out


CASES = ["zero-byte", "html-as-pdf", "truncated", "no-text-layer", "missing", "encrypted", "shared-scanned"]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_fails_cleanly(tmp_path: Path, case: str) -> None:
    inputs = make_bad_inputs(tmp_path)
    if case not in inputs:
        pytest.skip("the shared real PDFs are not next to this clone")
    source, problem = inputs[case]
    out = tmp_path / "existing.md"
    out.write_bytes(b"previous content\n")
    result = run_notice("extract", str(source), "--lang", "sv", "--out", str(out))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(source) in lines[0] and problem in lines[0]
    assert "Traceback" not in result.stderr
    assert out.read_bytes() == b"previous content\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".existing")] == []


def test_wrong_password_is_refused(tmp_path: Path) -> None:
    result = run_notice("extract", str(PDFS / "encrypted-user-password.pdf"), "--lang", "sv", "--password", "nope")
    assert result.returncode == 1 and "the --password given does not open it" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("name, password", [("encrypted-user-password.pdf", "secret"), ("encrypted-owner-only.pdf", "")])
def test_encrypted_pdf_opens_with_its_password(tmp_path: Path, name: str, password: str) -> None:
    out = tmp_path / "out.md"
    result = run_notice("extract", str(PDFS / name), "--lang", "sv", "--password", password, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "# Meddelande om onlinesekretess från Allegis Group" in out.read_text(encoding="utf-8")


def test_malformed_annotations_extract_with_a_warning(tmp_path: Path) -> None:
    broken = b"<< /Type /Annot /Subtype /Link /Rect [1 2] /A << /S /URI /URI 7 >> >>"
    pdf = make_pdf(tmp_path / "broken-annots.pdf", [["Privacy notice", "We keep your data safe."]], annotation=broken)
    out = tmp_path / "out.md"
    result = run_notice("extract", str(pdf), "--lang", "en", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"{pdf} page 1: link annotations are malformed and were skipped" in result.stderr
    assert "We keep your data safe." in out.read_text(encoding="utf-8")


def test_shared_federal_register_with_malformed_annotations(tmp_path: Path) -> None:
    pdf = SHARED / "realpdfs" / "en_pdfplumber_federal_register.pdf"
    if not pdf.exists():
        pytest.skip("the shared real PDFs are not next to this clone")
    out = tmp_path / "out.md"
    result = run_notice("extract", str(pdf), "--lang", "en", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "link annotations are malformed and were skipped" in result.stderr
    assert "; 0 lost" in result.stderr


def test_a_500_page_pdf_extracts(tmp_path: Path) -> None:
    pages = [[f"Clause {n}", f"Paragraph {n} of the notice says something about data.", "It ends here."]
             for n in range(500)]
    pdf = make_pdf(tmp_path / "long.pdf", pages)
    out = tmp_path / "long.md"
    result = run_notice("extract", str(pdf), "--lang", "en", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "Paragraph 499 of the notice" in text and "; 0 lost" in result.stderr


@pytest.mark.parametrize("where", ["missing-folder", "read-only-folder"])
def test_unwritable_output_leaves_nothing(tmp_path: Path, where: str) -> None:
    if where == "missing-folder":
        target = tmp_path / "no" / "such" / "out.md"
        problem = "does not exist"
    elif os.geteuid() == 0:
        target = Path("/sys/notice-out.md")  # root ignores file modes; sysfs refuses new files even to root
        problem = "cannot write"
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = locked / "out.md"
        problem = "cannot write"
    result = run_notice("extract", str(SOURCES / "allegis-privacy-notice-sv.pdf"), "--lang", "sv", "--out", str(target))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [line for line in result.stderr.strip().splitlines() if str(target) in line]
    assert problem in result.stderr and "Traceback" not in result.stderr
    assert not target.exists()
