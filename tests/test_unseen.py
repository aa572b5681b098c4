"""Extraction of PDFs nobody has seen (issue #10): each class of defect found on real documents is
reproduced on a generated PDF of that class, so the rule that fixes it is general, not tuned."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from notice import markdown
from notice.extraction import extract
from notice.extraction.pdf import read_pdf

from .conftest import ROOT
from .pdfgen import Line, make_pdf, named_font, unmapped_font

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


def test_a_cid_placeholder_is_an_unreadable_glyph_and_is_read_back(tmp_path: Path) -> None:
    """A glyph pdfminer cannot map at all comes out as '(cid:431)'; it is repaired like U+FFFD: the
    document's own readable words tell which ligature it draws."""
    pages: list[list[Line]] = [[("Cookie notice", 18.0), "We use different cookies for different ends.",
                                ([("Some are di", "F1"), ("<01AF>", "F9"), ("erent from the rest.", "F1")], 11.0)]]
    source = make_pdf(tmp_path / "cid.pdf", pages, fonts={"F9": unmapped_font()})
    with pdfplumber.open(source) as doc:
        assert "di(cid:431)erent" in [w["text"] for w in doc.pages[0].extract_words()]
    result = extract.extract(source, "en", ROOT / "locales")
    text = markdown.to_markdown(result.notice)
    assert "Some are different from the rest." in text and "(cid:" not in text
    assert result.letters == {"CIDFont+F9@0.556": "ff"} and result.report.lost == ()


def test_an_unreadable_cid_glyph_is_reported_not_written(tmp_path: Path) -> None:
    pages: list[list[Line]] = [[("Cookie notice", 18.0), ([("Some are qu", "F1"), ("<01AF>", "F9"), ("xz.", "F1")], 11.0)]]
    result = extract.extract(make_pdf(tmp_path / "cid.pdf", pages, fonts={"F9": unmapped_font()}), "en", ROOT / "locales")
    assert [u.word for u in result.unreadable] == ["qu\ufffdxz."]
    assert "(cid:" not in markdown.to_markdown(result.notice)


def test_the_first_largest_heading_is_the_title_when_nothing_else_is(tmp_path: Path) -> None:
    """A contents page at body size first, then two headings of the largest style: the first of them
    is the title; the file name ('de_xyz_datenschutz') and a metadata title no page shows never are."""
    pages: list[list[Line]] = [
        ["Contents", "Your privacy notice", "Privacy notice as source code"],
        [("Your privacy notice", 16.0), BODY[0], ("Storage", 13.0), BODY[1],
         ("Privacy notice as source code", 16.0), BODY[0]],
    ]
    text = extracted(tmp_path, pages, name="de_xyz_datenschutz.pdf", title="Microsoft Word - Vorlage 3")
    assert headings(text)[:2] == ["# Your privacy notice", "## Storage"]
    assert "xyz" not in text.split("---")[2] and "Vorlage" not in text


def test_a_document_without_headings_is_titled_by_its_largest_line(tmp_path: Path) -> None:
    pages: list[list[Line]] = [[BODY[0], ("Terms of use", 12.0), BODY[1]]]
    assert headings(extracted(tmp_path, pages, name="de_xyz_agb.pdf"))[0] == "# Terms of use"
