"""Extraction of PDFs nobody has seen (issue #10): each class of defect found on real documents is
reproduced on a generated PDF of that class, so the rule that fixes it is general, not tuned."""

from __future__ import annotations

from pathlib import Path

import pytest
from notice import markdown
from notice.extraction import extract
from notice.extraction.pdf import read_pdf

from .conftest import ROOT
from .pdfgen import Line, make_pdf, named_font

BODY = [
    "We keep your data only as long as we need it for the purpose you gave it to us for.",
    "You may ask us at any time what we hold about you and have it corrected or erased.",
]


def extracted(tmp_path: Path, pages: list[list[Line]], name: str = "notice.pdf", **kwargs: object) -> str:
    source = make_pdf(tmp_path / name, pages, **kwargs)  # type: ignore[arg-type]
    return markdown.to_markdown(extract.extract(source, "en", ROOT / "locales").notice)


def headings(text: str) -> list[str]:
    return [line.split(" {#")[0] for line in text.splitlines() if line.startswith("#")]


@pytest.mark.parametrize("descriptor", ["/FontWeight 700", "/StemV 140", "/Flags 262176"],
                         ids=["FontWeight", "StemV", "ForceBold"])
def test_a_bold_face_named_f2_is_told_by_its_descriptor(tmp_path: Path, descriptor: str) -> None:
    """Print-to-PDF names fonts F1, F2: the weight is in the font descriptor (the body face F3 has
    StemV 80, so a stem of 140 is heavier; Flags 262176 sets ForceBold)."""
    bold = named_font("F2", descriptor.replace("/Flags 262176", "/StemV 80") if "Flags" not in descriptor
                      else "/StemV 80")
    if "Flags" in descriptor:
        bold = bold.replace(b"/Flags 32", b"/Flags 262176")
    body = named_font("F3", "/StemV 80")
    pages: list[list[Line]] = [[("Privacy notice", 18.0, "F3"), (BODY[0], 11.0, "F3"),
                                ("Storage", 11.0, "F2"), (BODY[1], 11.0, "F3"),
                                ("Your rights", 11.0, "F2"), (BODY[0], 11.0, "F3")]]
    text = extracted(tmp_path, pages, fonts={"F2": bold, "F3": body})
    assert headings(text) == ["# Privacy notice", "## Storage", "## Your rights"]


def test_a_regular_face_named_f2_stays_plain(tmp_path: Path) -> None:
    plain = named_font("F2", "/FontWeight 400 /StemV 140")  # a stated weight outranks the stem
    pages: list[list[Line]] = [[("Privacy notice", 18.0), BODY[0], ("Storage", 11.0, "F2"), BODY[1]]]
    assert headings(extracted(tmp_path, pages, fonts={"F2": plain})) == ["# Privacy notice"]


def test_a_variable_font_instance_names_its_weight() -> None:
    from notice.extraction.pdf import is_bold
    assert is_bold("AAAAAB+.SFNS-Regular_wdth_opsz110000_GRAD_wght2BC0000")  # 0x2BC = 700
    assert not is_bold("AAAAAC+.SFNS-Regular_wdth_opsz110000_GRAD_wght")
    assert not is_bold("AAAAAC+.SFNS-Regular_wdth_opsz110000_GRAD_wght1900000")  # 400


def test_read_pdf_marks_words_of_a_heavy_descriptor_bold(tmp_path: Path) -> None:
    fonts = {"F2": named_font("F2", "/FontWeight 700"), "F3": named_font("F3", "/FontWeight 400")}
    source = make_pdf(tmp_path / "w.pdf", [[("Heading", 11.0, "F2"), ("Body text here", 11.0, "F3")]], fonts=fonts)
    words = read_pdf(source)[0].words
    assert [(w.text, w.bold) for w in words] == [("Heading", True), ("Body", False), ("text", False), ("here", False)]
