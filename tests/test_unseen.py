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
from .pdfgen import Line, Placed, make_pdf, make_placed_pdf, named_font, text_width, unmapped_font, wrap

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


def test_an_unmapped_ligature_is_read_from_a_known_stem_with_another_ending(tmp_path: Path) -> None:
    """'Au(cid)ewahrung' twice, and 'aufbewahren' once in readable words: no known word holds the
    glyph whole and 'auf' is too short a compound head, but the word shares 'aufbewahr' with a known
    word, through the glyph and five letters on, so the glyph is read 'fb' everywhere."""
    glyph = "<01AF>"
    pages: list[list[Line]] = [[("Datenschutz", 18.0), "Wir aufbewahren Ihre Daten nur so lange wie noetig.",
                                ([("Die Au", "F1"), (glyph, "F9"), ("ewahrung endet nach zwei Jahren.", "F1")], 11.0),
                                ([("Gesetzliche Au", "F1"), (glyph, "F9"), ("ewahrungsfristen bleiben.", "F1")], 11.0)]]
    source = make_pdf(tmp_path / "stem.pdf", pages, fonts={"F9": unmapped_font()})
    result = extract.extract(source, "de", ROOT / "locales", vocabulary=())
    text = markdown.to_markdown(result.notice)
    assert "Die Aufbewahrung endet" in text and "Gesetzliche Aufbewahrungsfristen bleiben." in text
    assert result.unreadable == () and result.report.lost == ()


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


GAP: Line = ("", 6.0, "")  # an empty line of 6 pt: the space between two paragraphs
RAGGED = [  # one paragraph set ragged right: every line ends where the next word did not fit
    "Personal data that you give us when you sign up for the newsletter, when you",
    "write to us or when you order, is stored on our servers in the European Union",
    "and can be deleted directly by us",
    "at any time when you ask for it by letter or by e-mail.",
]


def paragraphs(text: str) -> list[str]:
    body = text.split("\n---\n", 1)[1]
    return [p for p in body.strip().split("\n\n") if not p.startswith("#")]


def test_a_ragged_double_spaced_paragraph_ends_at_gaps_not_at_short_lines(tmp_path: Path) -> None:
    """In a document that ends its paragraphs with a gap, a short line ('…directly by us') is no
    paragraph end: the sentence goes on ('at any time …')."""
    short = ["We answer within a month.", "Ask us anything.", "We are glad to help.", "That is all."]
    pages: list[list[Line]] = [[("Privacy notice", 18.0), GAP, *RAGGED, GAP, *BODY, GAP, *RAGGED, GAP,
                                *[line for s in short for line in (s, GAP)]]]
    found = paragraphs(extracted(tmp_path, pages))
    assert found == [" ".join(RAGGED), " ".join(BODY), " ".join(RAGGED), *short]


ADDRESS = ["Example Services AB", "Box 123", "111 22 Stockholm", "privacy@example.com"]
#: As written: a printed e-mail address becomes its mailto link.
ADDRESS_MD = "  \n".join(ADDRESS[:-1] + ["[privacy@example.com](mailto:privacy@example.com)"])


def test_an_address_is_one_block_with_line_breaks(tmp_path: Path) -> None:
    """Gapped document: the address lines (no gap between them) are one paragraph whose lines break
    early; each break is kept as a hard line break (two spaces ending the line: <br>)."""
    pages: list[list[Line]] = [[("Privacy notice", 18.0), GAP, BODY[0], GAP, "Write to us:", GAP, *ADDRESS, GAP,
                                *[line for s in ("We answer within a month.", "Ask us.", "That is all.") for line in (s, GAP)]]]
    text = extracted(tmp_path, pages)
    assert ADDRESS_MD + "\n\n" in text
    assert "Example Services AB<br />\nBox 123<br />" in __import__("markdown").markdown(text)


def test_an_address_in_a_document_without_paragraph_gaps(tmp_path: Path) -> None:
    """No gaps anywhere (paragraphs end at short lines): a run of short lines without closing
    punctuation is still one block with line breaks, and the paragraphs around it stay apart."""
    pages: list[list[Line]] = [[("Privacy notice", 18.0), "Write to us:", *ADDRESS, BODY[1]]]
    found = paragraphs(extracted(tmp_path, pages))
    assert found == ["Write to us:", ADDRESS_MD, BODY[1]]


def test_a_paragraph_goes_on_over_the_page_break_but_a_heading_atop_the_page_does_not(tmp_path: Path) -> None:
    pages: list[list[Line]] = [
        [("Privacy notice", 18.0), GAP, *BODY, GAP, *RAGGED, GAP,
         "We keep the data you give us for as long as the law asks us to keep it, and for"],
        ["no longer than that, unless you ask us to keep it.", GAP, *BODY, GAP, *RAGGED, GAP,
         "and then a paragraph that the previous page left open, without a full stop"],
        ["Storage", GAP, *BODY],
    ]
    found = paragraphs(extracted(tmp_path, pages))
    assert ("We keep the data you give us for as long as the law asks us to keep it, and for no longer than that,"
            " unless you ask us to keep it.") in found
    assert "Storage" in found and not any(p.endswith("full stop Storage") for p in found)


def test_a_footer_block_taller_than_the_margin_is_furniture_whole(tmp_path: Path) -> None:
    """A letterhead footer of five lines on every page, its bold first line (the firm's name) above
    the bottom margin band: the whole block is furniture on every page, so the sentence the page
    break cuts goes on, and the firm's name is no heading in the middle of it."""
    fonts = {"F2": named_font("Helvetica-Bold", "/FontWeight 700")}
    footer = ["Example Services GmbH", "Sample Street 30A", "94060 Sampletown", "Germany", "VAT: DE361926228"]

    def page(lines: list[str], top: float) -> list[Placed]:
        body: list[Placed] = [(LEFT, top + PITCH * n, line, SIZE, "F1") for n, line in enumerate(lines)]
        return body + [(LEFT, 700.0 + 10.5 * n, line, 8.0, "F2" if n == 0 else "F1") for n, line in enumerate(footer)]

    first = wrap(("We keep the data you send us with your request until you ask us to delete it, "
                  "until you withdraw your consent to keep it, or until").split(), RIGHT - LEFT, SIZE)
    rest = wrap("the purpose for keeping it no longer applies.".split(), RIGHT - LEFT, SIZE)
    pages = [[(LEFT, 60.0, "Privacy notice", 18.0, "F2"), *page([*BODY, *first], 100.0)], page([*rest, *BODY], 60.0)]
    source = make_placed_pdf(tmp_path / "footer.pdf", pages, fonts=fonts)
    result = extract.extract(source, "en", ROOT / "locales")
    text = markdown.to_markdown(result.notice)
    assert headings(text) == ["# Privacy notice"]
    assert " ".join(first + rest) in " ".join(paragraphs(text))
    assert not any(line in text for line in footer)
    assert sum(r.kind == "furniture" for r in result.notice.removed) == 2 * len(footer)


def test_a_paragraph_goes_on_over_a_column_break(tmp_path: Path) -> None:
    import weasyprint

    vocabulary = "data notice purpose consent storage rights request period erase correct object transfer".split()
    words = " ".join(vocabulary[(n * 7 + n // 13) % len(vocabulary)] for n in range(900))  # no line repeats
    html = (f'<html lang="en"><body style="font: 10pt DejaVu Sans"><h1>Privacy notice</h1>'
            f'<div style="columns: 2; column-gap: 30pt"><p>First {words} last.</p></div></body></html>')
    source = tmp_path / "columns.pdf"
    weasyprint.HTML(string=html).write_pdf(source)
    text = markdown.to_markdown(extract.extract(source, "en", ROOT / "locales").notice)
    assert f"First {words} last." in paragraphs(text)


def test_hard_line_breaks_survive_the_writer_and_the_reader() -> None:
    from notice.model import Notice, Paragraph, Span
    from notice.reader import read_notice

    para = Paragraph((Span("Example AB\nBox 123\n"), Span("privacy@example.com", "mailto:privacy@example.com")))
    notice = Notice(title="Notice", lang="en", effective=None, source="x.pdf", source_sha256="0" * 64,
                    preamble=(para,), sections=())
    text = markdown.to_markdown(notice)
    assert "Example AB  \nBox 123  \n[privacy@example.com](mailto:privacy@example.com)\n" in text
    assert read_notice(text).preamble[0].spans == para.spans


def test_a_face_used_only_on_short_standalone_lines_is_a_heading_face(tmp_path: Path) -> None:
    """Neither name ('F4') nor descriptor says bold (an italic, or a driver's copy of the body font),
    but the face sets nothing except short lines standing alone: those lines are headings."""
    fonts = {"F3": named_font("F3", "/StemV 80"), "F4": named_font("F4", "/StemV 80")}
    pages: list[list[Line]] = [[("Privacy notice", 18.0, "F3"), GAP, *[(t, 11.0, "F3") for t in BODY], GAP,
                                ("What data do we keep?", 11.0, "F4"), GAP, *[(t, 11.0, "F3") for t in RAGGED], GAP,
                                ("Who sees your data?", 11.0, "F4"), GAP, *[(t, 11.0, "F3") for t in BODY]]]
    assert headings(extracted(tmp_path, pages, fonts=fonts)) == [
        "# Privacy notice", "## What data do we keep?", "## Who sees your data?"]
    inline = [*pages[0][:-2], ([("Who sees ", "F3"), ("your data", "F4"), (" and why?", "F3")], 11.0)]
    assert headings(extracted(tmp_path, [inline], name="inline.pdf", fonts=fonts)) == ["# Privacy notice"]


@pytest.mark.parametrize("line", ["Signed:", "privacy@example.com", "Last updated on 16 April 2026"])
def test_labels_addresses_and_the_date_line_are_not_headings(tmp_path: Path, line: str) -> None:
    fonts = {"F2": named_font("F2", "/FontWeight 700")}
    pages: list[list[Line]] = [[("Privacy notice", 18.0), GAP, *BODY, GAP, ("Storage", 11.0, "F2"), GAP, *RAGGED,
                                GAP, (line, 11.0, "F2"), GAP, *BODY]]
    text = extracted(tmp_path, pages, fonts=fonts)
    assert headings(text) == ["# Privacy notice", "## Storage"]


def test_a_stray_glyph_alone_on_a_line_is_dropped_and_accounted(tmp_path: Path) -> None:
    """A lone '!' (a glyph hidden under a rule) or a zero-width space on a line of its own is no
    paragraph; it goes to the removed text, so the conservation report still accounts for it."""
    pages: list[list[Line]] = [[("Privacy notice", 18.0), GAP, BODY[0], GAP, "!", GAP, BODY[1]]]
    result = extract.extract(make_pdf(tmp_path / "stray.pdf", pages), "en", ROOT / "locales")
    assert [b.text for b in result.notice.preamble] == BODY
    assert [(r.kind, r.text) for r in result.notice.removed] == [("stray-glyph", "!")]
    assert not result.report.failed


@pytest.mark.parametrize("texts, dropped", [(("\u200b",), True), (("\u200b", "\u200b"), True), (("!",), True),
                                            (("\u2022",), False), (("§",), False), (("a",), False), (("1.",), False)])
def test_what_counts_as_a_stray_glyph(texts: tuple[str, ...], dropped: bool) -> None:
    from notice.extraction.layout import Line, stray
    from notice.extraction.pdf import Word
    line = Line(tuple(Word(t, 72.0 + 10 * n, 76.0 + 10 * n, 100.0, 110.0, 11.0, False, 1) for n, t in enumerate(texts)))
    assert stray(line) is dropped


def test_a_numbered_heading_in_a_face_named_f2_is_a_heading_not_a_one_item_list(tmp_path: Path) -> None:
    fonts = {"F2": named_font("F2", "/FontWeight 700")}
    pages: list[list[Line]] = [[("Privacy notice", 18.0), GAP, *BODY, GAP, ("1. Definitions", 11.0, "F2"), GAP,
                                *RAGGED, GAP, ("2. Storage", 11.0, "F2"), GAP, *BODY]]
    text = extracted(tmp_path, pages, fonts=fonts)
    assert headings(text) == ["# Privacy notice", "## 1. Definitions", "## 2. Storage"]
    assert "\n1. " not in text


def test_a_long_numbered_heading_next_in_its_numbering_is_a_heading(tmp_path: Path) -> None:
    """Bold numbered headings at body size; one of them runs to two lines and 22 words (it names
    two legal bases in full). Its number comes next after the heading before it, in that heading's
    style: it is a section heading however long. A long bold paragraph whose number does not come
    next (a quoted clause) stays a paragraph."""
    fonts = {"F2": named_font("F2", "/FontWeight 700")}
    long_head = ["2.2 On the basis of legal requirements under Art. 6 para. 1 lit. c GDPR or in the",
                 "public interest under Art. 6 para. 1 lit. e GDPR as the law sets them"]
    quoted = ["7.4 Any processing of personal data under this agreement shall be carried out",
              "only on documented instructions from the controller and never for other ends"]
    pages: list[list[Line]] = [[("Privacy notice", 18.0), GAP, *BODY, GAP, ("2.1 On the basis of a contract", 11.0, "F2"),
                                GAP, *RAGGED, GAP, *((line, 11.0, "F2") for line in long_head), GAP, *BODY, GAP,
                                *((line, 11.0, "F2") for line in quoted), GAP, *RAGGED]]
    found = headings(extracted(tmp_path, pages, fonts=fonts))
    assert found == ["# Privacy notice", "## 2.1 On the basis of a contract", "## " + " ".join(long_head)]


@pytest.mark.parametrize("separator", ["", ":", ",", " -"])
def test_the_date_line_under_the_first_heading_is_the_effective_date(tmp_path: Path, separator: str) -> None:
    """Brand name as the title, the document's name as the first heading, then 'Last updated on …':
    the date line goes to the front matter (the site shows it beside the title), not into the body;
    what separated the label from the date is no part of the label."""
    pages: list[list[Line]] = [[("Example", 20.0), GAP, ("Privacy policy", 15.0), GAP,
                                f"Last updated on{separator} 16 April 2026", GAP, *BODY, GAP, ("Storage", 13.0), GAP,
                                *RAGGED]]
    text = extracted(tmp_path, pages)
    assert "effective: 2026-04-16\neffective_label: Last updated on\n" in text
    assert "16 April 2026" not in text.split("\n---\n", 1)[1]


def test_list_items_do_not_count_against_the_paragraph_gaps(tmp_path: Path) -> None:
    """Items set at line pitch end sentences without a gap; they are no paragraphs, so the document
    still ends its paragraphs at gaps and the ragged paragraph stays whole."""
    items = [f"- {text}" for text in ("We keep your name.", "We keep your e-mail.", "We keep your orders.",
                                       "We keep your letters.", "We keep your calls.")]
    short = ["We answer within a month.", "Ask us anything.", "We are glad to help.", "That is all."]
    pages: list[list[Line]] = [[("Privacy notice", 18.0), GAP, *RAGGED, GAP, *items, GAP, *BODY, GAP,
                                *[line for s in short for line in (s, GAP)]]]
    found = paragraphs(extracted(tmp_path, pages))
    assert found[0] == " ".join(RAGGED) and found[2:] == [" ".join(BODY), *short]


def test_a_heading_set_on_two_lines_is_one_heading(tmp_path: Path) -> None:
    fonts = {"F2": named_font("F2", "/FontWeight 700")}
    pages: list[list[Line]] = [[("Privacy notice", 18.0), GAP, *BODY, GAP,
                                ("5. Which security measures protect your personal data and", 13.0, "F2"),
                                ("who checks them?", 13.0, "F2"), GAP, *RAGGED, GAP, ("6. Storage", 13.0, "F2"), GAP, *BODY]]
    assert headings(extracted(tmp_path, pages, fonts=fonts)) == [
        "# Privacy notice", "## 5. Which security measures protect your personal data and who checks them?",
        "## 6. Storage"]


def test_items_numbered_in_roman_numerals_are_all_items(tmp_path: Path) -> None:
    """A list numbered i., ii., iii., iv. (Word's third level) is one list: "ii." is not a word."""
    pages: list[list[Line]] = [[("Privacy notice", 18.0), "We process your data:",
                                "i. when you subscribe to the newsletter,",
                                "ii. when you register for a webinar,",
                                "iii. when you write to us,",
                                "iv. when the law requires it.", BODY[0]]]
    items = [line for line in extracted(tmp_path, pages).splitlines() if line.lstrip()[:2] in ("1.", "- ")]
    assert len(items) == 4, items


def test_a_box_narrower_than_the_column_does_not_split_at_its_own_right_edge(tmp_path: Path) -> None:
    """A call-out set narrower than the text column: its lines break at the box's edge, short of the
    column's, and a line that ends mid-sentence there goes on on the next line."""
    box = ["We collect only the data that we need to run all our services well, and we can promise you that we will never",
           "share the personal details of our users with anyone for marketing, or for any other kind of website",
           "advertising at all."]  # "advertising" would fit on the line above in the column, not in the box
    pages: list[list[Line]] = [[("Privacy notice", 18.0), BODY[0] + " We never sell it.", *box,
                                BODY[1] + " We answer within a month."]]
    assert " ".join(box) in paragraphs(extracted(tmp_path, pages))


def test_a_heading_styled_line_that_ends_the_document_heads_nothing_and_is_text(tmp_path: Path) -> None:
    """A signature set like a heading at the very end ("Example Ltd, managing director Jane Doe")
    has no section under it: it is the last paragraph, not an empty section."""
    pages: list[list[Line]] = [[("Privacy notice", 18.0), BODY[0], ("Storage", 14.0), BODY[1],
                                ("Changes", 14.0), BODY[0], ("Example Ltd, managing director Jane Doe", 14.0)]]
    text = extracted(tmp_path, pages)
    assert headings(text) == ["# Privacy notice", "## Storage", "## Changes"]
    assert text.rstrip().endswith("Example Ltd, managing director Jane Doe")


def test_a_numbered_capitals_heading_set_on_two_lines_is_one_heading(tmp_path: Path) -> None:
    """In capitals the second line of a heading cannot begin in lower case: where headings are
    numbered, an unnumbered line in the same style right under a numbered one is its rest."""
    fonts = {"F2": named_font("F2", "/FontWeight 700")}
    pages: list[list[Line]] = [[("Privacy notice", 18.0), GAP, *BODY, GAP,
                                ("3. WHEN AND WITH WHOM DO WE SHARE YOUR", 13.0, "F2"),
                                ("PERSONAL INFORMATION?", 13.0, "F2"), GAP, *RAGGED, GAP,
                                ("4. HOW LONG DO WE KEEP IT?", 13.0, "F2"), GAP, *BODY]]
    assert headings(extracted(tmp_path, pages, fonts=fonts)) == [
        "# Privacy notice", "## 3. WHEN AND WITH WHOM DO WE SHARE YOUR PERSONAL INFORMATION?",
        "## 4. HOW LONG DO WE KEEP IT?"]


def test_a_label_over_a_larger_heading_heads_its_section(tmp_path: Path) -> None:
    """Notices of several firms bound in one PDF: each firm's name, then a smaller subtitle line
    ("Information under Art. 14 GDPR (as of 12/2023)"), then the notice's sections, set larger than
    the subtitle. By size the subtitle would head an empty section; it labels what follows, so the
    sections go under it, down to the next firm's name. Only right under a heading: a run of small
    lines before larger headings with no heading over them is not a subtitle (the second case)."""
    pages: list[list[Line]] = [[("Privacy notices", 22.0), ("Example Bank", 18.0),
                                ("Information under Art. 14 GDPR for customers", 12.5),
                                ("1. Who we are", 15.0), BODY[0], ("2. What we keep", 15.0), BODY[1],
                                ("Example Credit", 18.0), BODY[0], ("1. Contact", 15.0), BODY[1]]]
    assert headings(extracted(tmp_path, pages)) == [
        "# Privacy notices", "## Example Bank", "### Information under Art. 14 GDPR for customers",
        "#### 1. Who we are", "#### 2. What we keep", "## Example Credit", "### 1. Contact"]
    # with no heading over it (a web app's tab line, a register's docket line), a small line before a
    # larger heading says nothing of what it heads: the levels stay those of the sizes
    untitled: list[list[Line]] = [[("Privacy notices", 22.0), BODY[0], ("Tab line", 12.5),
                                   ("1. Who we are", 15.0), BODY[0], ("2. What we keep", 15.0), BODY[1]]]
    assert headings(extracted(tmp_path, untitled, name="tabs.pdf")) == [
        "# Privacy notices", "## Tab line", "## 1. Who we are", "## 2. What we keep"]


def test_the_first_of_two_headings_of_one_style_heads_the_second(tmp_path: Path) -> None:
    """A firm's name and, right under it in the same style with no text between, its notice's
    title: by style they are siblings and the name heads an empty section; the name heads the
    title, and the title's sections go with it, down to the next firm's name. Three or more such
    lines in a row (a web app's tabs) say nothing of which heads which and keep their level; nor do
    two set far apart."""
    pages: list[list[Line]] = [[("Privacy notices", 22.0), BODY[0], ("Example Bank", 16.0), ("Privacy notice", 16.0),
                                ("1. Who we are", 13.0), BODY[0], ("2. What we keep", 13.0), BODY[1],
                                ("Example Credit", 16.0), BODY[0], ("1. Contact", 13.0), BODY[1]]]
    assert headings(extracted(tmp_path, pages)) == [
        "# Privacy notices", "## Example Bank", "### Privacy notice", "#### 1. Who we are", "#### 2. What we keep",
        "## Example Credit", "### 1. Contact"]
    tabs: list[list[Line]] = [[("Privacy notices", 22.0), BODY[0], ("Settings", 16.0), ("Policies", 16.0),
                               ("Branding", 16.0), BODY[0], ("Contact", 16.0), BODY[1]]]
    assert headings(extracted(tmp_path, tabs, name="tabs.pdf")) == [
        "# Privacy notices", "## Settings", "## Policies", "## Branding", "## Contact"]
    # far apart (a table or a column break between them, read elsewhere), the two are not set as one
    apart: list[list[Line]] = [[("Privacy notices", 22.0), BODY[0], ("Who we share data with", 16.0), ("", 40.0, ""),
                                ("How to contact us", 16.0), BODY[1]]]
    assert headings(extracted(tmp_path, apart, name="apart.pdf")) == [
        "# Privacy notices", "## Who we share data with", "## How to contact us"]


def test_three_or_more_heads_over_nothing_are_one_block_of_lines(tmp_path: Path) -> None:
    """A register's agency lines (or a web app's tabs) set as heads one under the other over a
    rule's title: each would head an empty section, and none heads the next. Three or more such
    heads in a row are one paragraph with a line break after each; the title under them heads the
    text. A run of heads that goes deeper at every step (a part, its first section, its first
    subsection) heads at every step and stays."""
    agency = ["DEPARTMENT OF EXAMPLES", "Office of Samples", "Docket No. 2020-17"]
    pages: list[list[Line]] = [[("Proposed rules", 22.0), BODY[0],
                                *(line for head in agency for line in (GAP, (head, 13.0))),
                                ("Rules for sample airplanes", 16.0), BODY[0], ("Background", 13.0), BODY[1]]]
    text = extracted(tmp_path, pages)
    assert headings(text) == ["# Proposed rules", "## Rules for sample airplanes", "### Background"]
    assert "  \n".join(agency) in paragraphs(text)
    deeper: list[list[Line]] = [[("Proposed rules", 22.0), BODY[0], ("Part A", 16.0), ("Scope", 13.0),
                                 ("Terms", 12.0), BODY[0], ("Part B", 16.0), BODY[1]]]
    assert headings(extracted(tmp_path, deeper, name="deeper.pdf")) == [
        "# Proposed rules", "## Part A", "### Scope", "#### Terms", "## Part B"]


LEFT, RIGHT, PITCH, SIZE = 72.0, 540.0, 15.0, 11.0
BULLET_X, ITEM_X = 100.0, 112.0


def item_at_margin(text: str, top: float) -> list[Placed]:
    """A bulleted item whose first line starts after its bullet and whose wrapped lines go back to
    the text's left margin, left of the bullet (as a word processor sets an item without hanging indent)."""
    first = wrap(text.split(), RIGHT - ITEM_X, SIZE)[0]
    rest = wrap(text.split()[len(first.split()):], RIGHT - LEFT, SIZE)
    runs: list[Placed] = [(BULLET_X, top, "\u2022", SIZE, "F1"), (ITEM_X, top, first, SIZE, "F1")]
    return runs + [(LEFT, top + PITCH * (n + 1), line, SIZE, "F1") for n, line in enumerate(rest)]


def placed_paragraph(text: str, top: float) -> list[Placed]:
    return [(LEFT, top + PITCH * n, line, SIZE, "F1") for n, line in enumerate(wrap(text.split(), RIGHT - LEFT, SIZE))]


ITEMS = [
    "Use the function that deletes your account in the settings of the app, which removes your account and "
    "all the data that belongs to it. We keep nothing of it afterwards, except what the law tells us to keep.",
    "Or write us an e-mail with the subject line that names your request and tell us which data you want "
    "erased and from which of our services",
]
AFTER_ITEMS = "We answer every request within one month."


def test_an_item_whose_lines_wrap_back_to_the_margin_stays_one_item(tmp_path: Path) -> None:
    """Wrapped lines that go back to the margin left of the bullet go on with the item when the line
    above was full and ran on (a sentence ended inside the item's text does not end it); after an
    item's last, short line, text at the margin is a paragraph of its own."""
    runs: list[Placed] = [(LEFT, 72.0, "Privacy notice", 18.0, "F1"), (LEFT, 110.0, "How to use your right:", SIZE, "F1")]
    top = 110.0 + PITCH
    for text in ITEMS:
        item = item_at_margin(text, top)
        assert len(item) >= 3  # the bullet, its first line and at least one line at the margin
        runs += item
        top = item[-1][1] + PITCH
    runs += placed_paragraph(AFTER_ITEMS, top + PITCH)
    text = markdown.to_markdown(extract.extract(make_placed_pdf(tmp_path / "items.pdf", [runs]), "en",
                                                ROOT / "locales").notice)
    assert f"- {ITEMS[0]}\n- {ITEMS[1]}" in paragraphs(text)
    assert AFTER_ITEMS in paragraphs(text)


def test_an_item_cut_inside_a_reference_goes_on_at_the_margin(tmp_path: Path) -> None:
    """An item whose first line ends in "Art." and whose text goes on at the margin with "33 and
    34": the line end cut a reference to a numbered provision, not a sentence, so the line at the
    margin is the item's."""
    item = ("If the security of your data is ever breached, we tell you without undue delay under Art. 33 and 34"
            " GDPR and take measures to limit the harm it may do.")
    runs: list[Placed] = [(LEFT, 72.0, "Privacy notice", 18.0, "F1")] + placed_paragraph(" ".join(BODY * 2), 110.0)
    top = runs[-1][1] + 2 * PITCH
    placed = item_at_margin(item, top)
    assert placed[1][2].endswith("under Art.") and placed[2][2].startswith("33 and 34")  # the cut this is about
    runs += placed + placed_paragraph(AFTER_ITEMS, placed[-1][1] + 2 * PITCH)
    text = markdown.to_markdown(extract.extract(make_placed_pdf(tmp_path / "reference.pdf", [runs]), "en",
                                                ROOT / "locales").notice)
    assert f"- {item}" in paragraphs(text)
    assert AFTER_ITEMS in paragraphs(text)


def test_an_item_goes_on_at_the_margin_atop_the_next_page(tmp_path: Path) -> None:
    """The page break falls after the item's first, full line; its text goes on at the margin."""
    body = wrap(" ".join(BODY * 12).split(), RIGHT - LEFT, SIZE)
    first = [(LEFT, 72.0, "Privacy notice", 18.0, "F1")] + [(LEFT, 110.0 + PITCH * n, line, SIZE, "F1")
                                                            for n, line in enumerate(body)]
    item = item_at_margin(ITEMS[1], 110.0 + PITCH * (len(body) + 1))
    second = [(LEFT, 72.0 + PITCH * n, run[2], SIZE, "F1") for n, run in enumerate(item[2:])]
    second += placed_paragraph(AFTER_ITEMS, 72.0 + PITCH * (len(second) + 1))
    source = make_placed_pdf(tmp_path / "break.pdf", [first + item[:2], second])
    text = markdown.to_markdown(extract.extract(source, "en", ROOT / "locales").notice)
    assert f"- {ITEMS[1]}" in paragraphs(text) and AFTER_ITEMS in paragraphs(text)


def test_a_numbered_item_wrapped_back_to_its_number_goes_on_when_the_next_word_had_no_room(tmp_path: Path) -> None:
    """A contents list set as an ordered list whose wrapped lines go back under the number (a
    browser's "list-style-position: inside"): item 2 breaks before "ONLINE?" with room left on
    its line, but not room for that word; its rest is the item's, not a paragraph between items."""
    items = ["1. WHAT INFORMATION DO WE COLLECT?", "2. WHEN AND WITH WHOM DO WE SHARE THE PERSONAL DATA YOU GIVE TO US",
             "ONLINE?", "3. HOW LONG DO WE KEEP YOUR INFORMATION?"]
    room = RIGHT - LEFT - text_width(items[1], SIZE)
    assert text_width(" ONLINE?", SIZE) > room > 0.05 * (RIGHT - LEFT)  # not full, yet no room for the word
    runs = [(LEFT, 60.0, "Privacy notice", 18.0, "F1"), *placed_paragraph(" ".join(BODY * 3), 100.0)]
    top = runs[-1][1] + 2 * PITCH
    runs += [(LEFT, top + PITCH * n, line, SIZE, "F1") for n, line in enumerate(items)]
    runs += placed_paragraph(AFTER_ITEMS, top + PITCH * (len(items) + 1))
    source = make_placed_pdf(tmp_path / "inside.pdf", [runs])
    text = markdown.to_markdown(extract.extract(source, "en", ROOT / "locales").notice)
    assert "\n".join([items[0], f"{items[1]} {items[2]}", items[3]]) in paragraphs(text)


def test_an_item_cut_after_a_quoted_name_goes_on_atop_the_next_page(tmp_path: Path) -> None:
    """The page break falls after a quoted name that ends the item's line ('the "Data Security
    Terms"'): a closing quote with no sentence mark before it closes the name, not the sentence,
    so the item goes on atop the next page, at its text's indent."""
    body = wrap(" ".join(BODY * 12).split(), RIGHT - LEFT, SIZE)
    top = 110.0 + PITCH * (len(body) + 1)
    first = [(LEFT, 72.0, "Privacy notice", 18.0, "F1")] + [(LEFT, 110.0 + PITCH * n, line, SIZE, "F1")
                                                            for n, line in enumerate(body)]
    first += [(BULLET_X, top, "\u2022", SIZE, "F1"),
              (ITEM_X, top, 'Social plugins: we share event data with the provider under the "Data Security', SIZE, "F1"),
              (ITEM_X, top + PITCH, 'Terms"', SIZE, "F1")]
    rest = "and the standard contractual clauses for transfers to the United States."
    second = [(ITEM_X, 72.0, rest, SIZE, "F1"), *placed_paragraph(AFTER_ITEMS, 72.0 + 2 * PITCH)]
    source = make_placed_pdf(tmp_path / "quoted.pdf", [first, second])
    text = markdown.to_markdown(extract.extract(source, "en", ROOT / "locales").notice)
    item = 'Social plugins: we share event data with the provider under the "Data Security Terms" ' + rest
    assert f"- {item}" in paragraphs(text) and AFTER_ITEMS in paragraphs(text)


@pytest.mark.parametrize(("end", "start"), [("z.", "B. für optionale Funktionen, können Sie sie widerrufen."),
                                             ("u.", "U. auch für andere Zwecke, können Sie sie widerrufen.")],
                         ids=["z. B.", "u. U."])
def test_an_abbreviation_broken_over_the_page_break_does_not_end_the_paragraph(
        tmp_path: Path, end: str, start: str) -> None:
    """'z.' closing a page and 'B. für …' opening the next is one abbreviation broken at its space:
    its period ends no sentence, so the paragraph goes on. (A lower-case second letter, 'e.' over
    'g.', opens an ordered list item and stays one: that case is ambiguous on its own.)"""
    opening = f"Falls Sie uns eine Einwilligung zur Verarbeitung Ihrer Daten gegeben haben, {end}"
    pages: list[list[Line]] = [[("Privacy notice", 18.0), GAP, *BODY, GAP, opening], [start, GAP, *BODY]]
    found = paragraphs(extracted(tmp_path, pages))
    assert any(p.endswith(f"{opening} {start}") for p in found)


def test_a_sentence_ended_by_a_one_letter_word_ends_its_paragraph_over_the_page_break(tmp_path: Path) -> None:
    """A period after a capital letter that the next page does not go on from ('Annex A.' over
    'The …') ends the sentence: the page's first line starts a paragraph."""
    opening = "The categories of data we process are listed in Annex A."
    pages: list[list[Line]] = [[("Privacy notice", 18.0), GAP, *BODY, GAP, opening], [BODY[1], GAP, *BODY]]
    found = paragraphs(extracted(tmp_path, pages))
    assert any(p.endswith(opening) for p in found) and not any(f"{opening} {BODY[1]}" in p for p in found)


#: A German paragraph cut by a page break after "bzw.", the next page opening on a capitalised noun.
CUT_AT_ABBREVIATION = ("In solchen Fällen schließen wir mit den Empfängern entsprechende Verträge bzw.",
                       "Vereinbarungen, die dem Schutz Ihrer Daten dienen.")
#: A line that writes "bzw." inside a sentence, a lower-case word after it on the same line.
USES_ABBREVIATION = "Wir speichern Ihre Daten bzw. die Daten Ihrer Kinder nur so lange wie nötig."
#: The same line without the abbreviation.
NO_ABBREVIATION = "Wir speichern Ihre Daten und die Daten Ihrer Kinder nur so lange wie nötig."


def test_a_paragraph_cut_after_an_abbreviation_the_document_uses_goes_on_over_the_page_break(tmp_path: Path) -> None:
    """The document writes "bzw." inside a sentence elsewhere, so "bzw." closing a page ends no
    sentence, though the next page opens with a capital (a German noun): one paragraph."""
    pages: list[list[Line]] = [[("Datenschutz", 18.0), GAP, USES_ABBREVIATION, GAP, *BODY, GAP, CUT_AT_ABBREVIATION[0]],
                               [CUT_AT_ABBREVIATION[1], GAP, *BODY]]
    found = paragraphs(extracted(tmp_path, pages))
    assert any(p.endswith(" ".join(CUT_AT_ABBREVIATION)) for p in found)


def test_a_word_the_document_never_writes_mid_sentence_ends_its_paragraph_at_the_page_break(tmp_path: Path) -> None:
    """Without "bzw." inside a sentence anywhere, nothing tells it from a sentence's last word: the
    page's last line ends its paragraph as before; so does "Germany." in a document that writes
    "Germany. We" but never "Germany. we"."""
    pages: list[list[Line]] = [[("Datenschutz", 18.0), GAP, NO_ABBREVIATION, GAP, *BODY, GAP, CUT_AT_ABBREVIATION[0]],
                               [CUT_AT_ABBREVIATION[1], GAP, *BODY]]
    found = paragraphs(extracted(tmp_path, pages))
    assert any(p.endswith(CUT_AT_ABBREVIATION[0]) for p in found)
    assert any(p.startswith(CUT_AT_ABBREVIATION[1]) for p in found)
    ended = "Our servers stand in Germany."
    pages = [[("Privacy notice", 18.0), GAP, "We host your data in Germany. We never move it elsewhere.", GAP,
              *BODY, GAP, ended], [BODY[1], GAP, *BODY]]
    found = paragraphs(extracted(tmp_path, pages, name="germany.pdf"))
    assert any(p.endswith(ended) for p in found) and any(p.startswith(BODY[1]) for p in found)


def test_an_item_cut_after_an_abbreviation_the_document_uses_goes_on_at_the_margin(tmp_path: Path) -> None:
    """A list item whose full line ends in "bzw." wraps back to the margin with a capitalised noun:
    the document writes "bzw." mid-sentence elsewhere, so the item goes on."""
    filler = "Wir geben Ihre Daten nur an beauftragte Dienstleister weiter, mit denen wir Verträge".split()
    while text_width(" ".join([*filler, "Daten", "bzw."]), SIZE) < RIGHT - ITEM_X - 20:
        filler.append("Daten")
    first = " ".join([*filler, "bzw."])
    rest = "Vereinbarungen zum Schutz Ihrer Daten geschlossen haben."
    runs: list[Placed] = [(LEFT, 72.0, "Datenschutz", 18.0, "F1"), *placed_paragraph(USES_ABBREVIATION, 110.0),
                          (LEFT, 140.0, "Empfänger:", SIZE, "F1"), (BULLET_X, 155.0, "\u2022", SIZE, "F1"),
                          (ITEM_X, 155.0, first, SIZE, "F1"), (LEFT, 170.0, rest, SIZE, "F1"),
                          *placed_paragraph(AFTER_ITEMS, 200.0)]
    text = markdown.to_markdown(extract.extract(make_placed_pdf(tmp_path / "bzw.pdf", [runs]), "de",
                                                ROOT / "locales").notice)
    assert f"- {first} {rest}" in paragraphs(text)


def test_what_a_document_teaches_as_its_abbreviations() -> None:
    """A short word needs one use inside a sentence, a longer one two; a period followed by a list
    mark, an address or a capital teaches nothing, nor does an item's own mark."""
    from notice.extraction.layout import Line as TextLine
    from notice.extraction.layout import lines_to_abbreviations
    from notice.extraction.pdf import Word

    def line(text: str, top: float) -> TextLine:
        words = text.split()
        return TextLine(tuple(Word(w, 72.0 + 40 * n, 100.0 + 40 * n, top, top + 10, 10.0, False, 1)
                              for n, w in enumerate(words)))

    texts = ["Daten bzw. die Kinder", "Abs. 1 DSGVO", "rund 30 approx. ten days", "in Germany. Then more",
             "see the list: first. b) second", "visit our site. www.example.org today", "a. the first item",
             "(vgl. unten) und dies", "about 5 approx. five hours", "it moved to Germany. iPhone users"]
    found = lines_to_abbreviations([line(text, 100.0 + 20 * n) for n, text in enumerate(texts)])
    assert found == {"bzw.", "Abs.", "approx.", "vgl."}


def test_an_item_line_ending_in_an_abbreviation_that_introduces_an_example_goes_on(tmp_path: Path) -> None:
    """'z. B.' (or 'e.g.') at the end of a full line introduces what the next line holds, though
    that begins with a capital (a German noun): the item goes on at the margin."""
    filler = "Dabei werden nur pseudonymisierte Daten übertragen und".split()
    while text_width(" ".join([*filler, "Daten", "z.", "B."]), SIZE) < RIGHT - ITEM_X - 20:
        filler.append("Daten")
    first = " ".join([*filler, "z.", "B."])
    rest = "Geräteinformationen und Fehlerberichte, keine direkten personenbezogenen Daten."
    runs: list[Placed] = [(LEFT, 72.0, "Datenschutz", 18.0, "F1"), (LEFT, 110.0, "Fehleranalyse:", SIZE, "F1"),
                          (BULLET_X, 125.0, "\u2022", SIZE, "F1"), (ITEM_X, 125.0, first, SIZE, "F1"),
                          (LEFT, 140.0, rest, SIZE, "F1"), *placed_paragraph(AFTER_ITEMS, 170.0)]
    text = markdown.to_markdown(extract.extract(make_placed_pdf(tmp_path / "zb.pdf", [runs]), "de",
                                                ROOT / "locales").notice)
    assert f"- {first} {rest}" in paragraphs(text)


def test_line_end_hyphens_of_a_document_that_does_not_hyphenate_all_stay(tmp_path: Path) -> None:
    """Two lines that end at a compound's own hyphen, in a document whose lines end in a hyphen no
    more often than its compounds explain: both stay, though the patterns allow a break there."""
    lines: list[Line] = [("Privacy Notice", 18.0), "Our service keeps a record of every daily-",
                         "mission log, and each service-", "asset list, for one year only. We delete them then."]
    text = extracted(tmp_path, [lines])
    assert "daily-mission log, and each service-asset list" in text


def test_line_end_hyphens_of_a_document_that_hyphenates_join_its_broken_words(tmp_path: Path) -> None:
    """German lines broken inside words at a hyphen-minus, more often than compounds would be: the
    words are whole again ("aktuellen"), the compound "E-Mail" keeps its hyphen."""
    lines: list[Line] = [("Datenschutz", 18.0), "Wir speichern Ihre ak-", "tuellen Daten nur so lange wie nö-",
                         "tig und löschen sie danach unver-", "züglich; Fragen beantworten wir per E-",
                         "Mail an die angegebene Adresse."]
    text = markdown.to_markdown(extract.extract(make_pdf(tmp_path / "de.pdf", [lines]), "de", ROOT / "locales").notice)
    assert ("Wir speichern Ihre aktuellen Daten nur so lange wie nötig und löschen sie danach unverzüglich;"
            " Fragen beantworten wir per E-Mail an die angegebene Adresse.") in text


@pytest.mark.parametrize("abbreviation", ["z. B.", "d. h.", "e. V.", "i. d. R.", "u. a."])
def test_a_line_opened_by_an_abbreviation_of_letters_goes_on_with_its_sentence(
        tmp_path: Path, abbreviation: str) -> None:
    """A wrapped line that begins with "z. B." or "d. h." is not a lettered list item ("z.", "d.")."""
    lines = ["Zu den Protokolldaten gehören die Adresse der abgerufenen Seite und der Zeitpunkt. Sie dienen",
             f"{abbreviation} der Abwehr von Angriffen und werden nach dreißig Tagen gelöscht."]
    runs: list[Placed] = [(LEFT, 72.0, "Datenschutzerklärung", 18.0, "F1")]
    runs += [(LEFT, 110.0 + PITCH * n, line, SIZE, "F1") for n, line in enumerate(lines)]
    runs += placed_paragraph(AFTER_ITEMS, 110.0 + PITCH * 3)
    text = markdown.to_markdown(extract.extract(make_placed_pdf(tmp_path / "abbr.pdf", [runs]), "de",
                                                ROOT / "locales").notice)
    assert " ".join(lines) in paragraphs(text)


def test_a_letter_that_goes_on_with_the_sentence_above_is_no_list_item(tmp_path: Path) -> None:
    """"… die Stellen nach Ziffer" over "c) sowie …": no list is open, and "c)" is no list's first mark."""
    lines = ["Die Daten erhalten nur die Stellen, die in den Vereinbarungen nach Ziffer 4 Buchstabe",
             "c) genannt sind, sowie unsere Auftragsverarbeiter innerhalb der Europäischen Union."]
    runs: list[Placed] = [(LEFT, 72.0, "Datenschutzerklärung", 18.0, "F1")]
    runs += [(LEFT, 110.0 + PITCH * n, line, SIZE, "F1") for n, line in enumerate(lines)]
    text = markdown.to_markdown(extract.extract(make_placed_pdf(tmp_path / "letter.pdf", [runs]), "de",
                                                ROOT / "locales").notice)
    assert " ".join(lines) in paragraphs(text)


def test_a_lettered_list_without_sentence_marks_stays_a_list_around_its_roman_sublist(tmp_path: Path) -> None:
    """Items that end in no punctuation are still items: "b)" after "a)" and its "i)" "ii)", and
    "c)" after "b)", each the next of an earlier mark."""
    marks = [("a)", 100.0, "Name und Anschrift"), ("i)", 124.0, "Vorname"), ("ii)", 124.0, "Nachname"),
             ("b)", 100.0, "Kontaktdaten"), ("c)", 100.0, "Vertragsdaten")]
    runs: list[Placed] = [(LEFT, 72.0, "Datenschutzerklärung", 18.0, "F1"),
                          (LEFT, 110.0, "Wir verarbeiten folgende Daten:", SIZE, "F1")]
    for n, (mark, x, words) in enumerate(marks, 1):
        runs += [(x, 110.0 + PITCH * n, mark, SIZE, "F1"), (x + 18, 110.0 + PITCH * n, words, SIZE, "F1")]
    text = markdown.to_markdown(extract.extract(make_placed_pdf(tmp_path / "lettered.pdf", [runs]), "de",
                                                ROOT / "locales").notice)
    items = [line.strip() for line in text.splitlines() if line.lstrip().startswith(("1. ", "- "))]
    assert [item.split(" ", 1)[1] for item in items] == [f"{mark} {words}" for mark, _, words in marks]


def ligature_as_mark_font(name: str, mark: str) -> bytes:
    """Helvetica as ``name``, but code 127 is a glyph 500 units wide ("t" and "i" side by side)
    that the font names like the mark ``mark`` ("period", "ampersand"): the text layer reads the
    ligature as that mark, as Pages and Quartz do to "ti"."""
    encoding = f"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [127 /{mark}] >>"
    return named_font(name, encoding=encoding).replace(b"/LastChar 126", b"/LastChar 127").replace(
        b" 584] /FontDescriptor", b" 584 500] /FontDescriptor")


def test_a_ligature_the_font_maps_to_a_mark_is_read_as_its_letters(tmp_path: Path) -> None:
    """"condi.ons" and "applica.on": a glyph named like the period but twice as wide, set between
    letters where the font's own period ends sentences, is read as the letters that make the
    document's words ("application" is printed readably in another font); "example.org" keeps its
    period, the font's own. A second font maps the same ligature to "&" ("Condi&ons"): the words
    read through the first font vouch for it."""
    pages: list[list[Line]] = [[("Terms of use", 18.0), "These rules apply to every application we run.",
                                ([("General condi\x7fons", "F8")], 11.0),
                                ([("The condi\x7fons of each applica\x7fon are below.", "F9")], 11.0),
                                ([("Each condi\x7fon holds for example.org and its users.", "F9")], 11.0),
                                ([("Further condi\x7fons", "F8")], 11.0), "We keep to them."]]
    source = make_pdf(tmp_path / "ligature.pdf", pages, fonts={"F8": ligature_as_mark_font("F8", "ampersand"),
                                                               "F9": ligature_as_mark_font("F9", "period")})
    with pdfplumber.open(source) as doc:
        printed = [w["text"] for w in doc.pages[0].extract_words()]
        assert "condi.ons" in printed and "condi&ons" in printed
    result = extract.extract(source, "en", ROOT / "locales")
    text = markdown.to_markdown(result.notice)
    assert "The conditions of each application are below." in text, text
    assert "Each condition holds for example.org and its users." in text
    assert "General conditions" in text and "Further conditions" in text
    assert result.letters == {"F8@0.500": "ti", "F9@0.500": "ti"} and not result.report.failed


def test_a_link_to_a_file_on_the_authors_disk_is_no_link_and_a_printed_address_is_linked(tmp_path: Path) -> None:
    """Word resolves "www.example.org", typed without "https://", against the document's folder:
    the annotation says "file:///C:/Users/x/www.example.org". A reader cannot follow it and the
    site refuses it; the printed address is linked over https, other text keeps no link."""
    address: Placed = (LEFT, 110.0, "www.example.org", SIZE, "F1")
    form: Placed = (LEFT, 110.0 + 2 * PITCH, "our form", SIZE, "F1")
    runs: list[Placed] = [(LEFT, 72.0, "Privacy notice", 18.0, "F1"), address,
                          (LEFT + text_width("www.example.org ", SIZE), 110.0, "is our website.", SIZE, "F1"),
                          form, (LEFT + text_width("our form ", SIZE), 110.0 + 2 * PITCH, "asks for your name.", SIZE, "F1")]
    source = make_placed_pdf(tmp_path / "local.pdf", [runs], links=[(address, "file:///C:/Users/x/www.example.org"),
                                                                    (form, "file:///C:/Users/x/form.docx")])
    text = markdown.to_markdown(extract.extract(source, "en", ROOT / "locales").notice)
    assert "[www.example.org](https://www.example.org) is our website." in text, text
    assert "our form asks for your name." in text and "file:" not in text
