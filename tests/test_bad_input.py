"""Bad input to ``notice extract``: one line naming the file and the problem, a non-zero exit,
no traceback, and an existing output file left byte for byte as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import SHARED, SOURCES, run_notice

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
    scanned = SHARED / "realpdfs" / "en_hebar_privacypolicy_no_text_layer.pdf"
    if scanned.exists():
        out["shared-scanned"] = (scanned, "no text layer")
    return out


CASES = ["zero-byte", "html-as-pdf", "truncated", "no-text-layer", "missing", "shared-scanned"]


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
