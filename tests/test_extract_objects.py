"""Objects a PDF draws or links rather than prints (issue #10, classes 4-6): bullets drawn as shapes,
internal links through named destinations, and addresses printed without a link annotation.
Each class is reproduced on a PDF generated here (WeasyPrint, Chromium when installed, or
tests/pdfgen.py), never on one particular document."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from notice.extraction import conservation
from notice.extraction.pdf import PageContent, Word
from notice.extraction.structure import dest_calibration, internal_target, join_words, links_by_name
from notice.markdown import render_table, to_markdown
from notice.model import Cell, ListBlock, ListItem, Notice, Paragraph, Span, Table
from notice.reader import read_notice

from .conftest import run_notice
from .pdfgen import make_pdf

CHROMIUM = Path("/usr/bin/chromium")
#: The flags the project gives every Chromium it starts (tests/browser/support.py), for printing.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")

#: A page with the lists and links of the classes under test, as design tools and browsers make it.
NOTICE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 11pt; }}
{style}
</style></head><body>
<h1>Privacy notice</h1>
<p>Read <a href="#rights">your rights</a> and <a href="#contact">how to reach us</a> first.</p>
<h2 id="data">Data we use</h2>
<p>We use these kinds of data:</p>
<ul class="drawn"><li>Your name and address</li><li>Your orders
<ul class="drawn"><li>What you bought</li><li>When you paid</li></ul></li>
<li>Messages you send us</li></ul>
<p>That is all we keep.</p>
<h2 id="rights">Your rights</h2>
<p>You may ask what we hold about you.</p>
<h2 id="contact">How to reach us</h2>
<p>Write to us.</p>
</body></html>"""

#: WeasyPrint and many design tools paint a CSS-made bullet as a small filled box.
DRAWN_BY_CSS = """ul.drawn { list-style: none; }
ul.drawn > li::before { content: ""; display: inline-block; width: .3em; height: .3em; border-radius: 50%;
  background: #222; margin: 0 .6em .15em -1em; }"""

EXPECTED_LIST = ("- Your name and address\n- Your orders\n    - What you bought\n    - When you paid\n"
                 "- Messages you send us\n")


def weasyprint_pdf(path: Path, html: str) -> Path:
    weasyprint = pytest.importorskip("weasyprint")
    weasyprint.HTML(string=html).write_pdf(path)
    return path


def chromium_pdf(path: Path, html: str) -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    page = path.with_suffix(".html")
    page.write_text(html, encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        f"--print-to-pdf={path}", page.as_uri()], capture_output=True, timeout=120, check=False)
    if not path.exists():
        pytest.skip("Chromium did not print the page")
    return path


def extract(tmp_path: Path, source: Path) -> str:
    out = tmp_path / "out.md"
    result = run_notice("extract", str(source), "--lang", "en", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out.read_text(encoding="utf-8")


# ---------------------------------------------------------------- class 4: bullets drawn as shapes


def test_bullets_drawn_as_boxes_are_list_items_nested_by_indent(tmp_path: Path) -> None:
    text = extract(tmp_path, weasyprint_pdf(tmp_path / "drawn.pdf", NOTICE_HTML.format(style=DRAWN_BY_CSS)))
    assert EXPECTED_LIST in text
    assert "\u2022" not in text


def test_chromium_disc_bullets_are_list_items(tmp_path: Path) -> None:
    """Chromium paints ``list-style-type: disc`` as filled circles (curves), not as a glyph."""
    text = extract(tmp_path, chromium_pdf(tmp_path / "chromium.pdf", NOTICE_HTML.format(style="")))
    assert EXPECTED_LIST in text


def square(x: float, y: float, side: float) -> str:
    return f"0 g {x} {y} {side} {side} re f"


@pytest.mark.parametrize(
    "graphics, why",
    [
        (square(64, 641.5, 3.5), "a box left of the first line's text is its bullet"),
    ],
)
def test_a_small_box_before_a_line_is_its_bullet(tmp_path: Path, graphics: str, why: str) -> None:
    pages: list[list[str | tuple[str, float]]] = [["First thing we keep", "Second line of text."]]
    text = extract(tmp_path, make_pdf(tmp_path / "box.pdf", pages, graphics=graphics))
    assert "- First thing we keep" in text, why


@pytest.mark.parametrize(
    "graphics, why",
    [
        (square(64, 641.5, 9), "a box as big as the letters is a check box or an icon, not a bullet"),
        (square(64, 646, 3.5), "a box above the letters' middle is not on the line"),
        (square(30, 641.5, 3.5), "a box far left of the text is a margin mark"),
        ("0 g 64 641.5 8 3 re f", "a bar is a rule, not a bullet"),
        ("0.9 g 0 0 612 792 re f", "a page-size tint is a background"),
    ],
)
def test_other_shapes_are_not_bullets(tmp_path: Path, graphics: str, why: str) -> None:
    pages: list[list[str | tuple[str, float]]] = [["First thing we keep", "Second line of text."]]
    text = extract(tmp_path, make_pdf(tmp_path / "shape.pdf", pages, graphics=graphics))
    assert "- " not in text and "\u2022" not in text, why


def test_a_dot_between_words_is_a_separator_not_a_bullet(tmp_path: Path) -> None:
    html = ('<html><body style="font-family: DejaVu Sans; font-size: 11pt"><p>Home <span style="display:'
            'inline-block;width:.3em;height:.3em;background:#000;margin:0 .3em .15em"></span> Privacy</p></body></html>')
    text = extract(tmp_path, weasyprint_pdf(tmp_path / "dot.pdf", html))
    assert "Home Privacy" in text and "- " not in text


def test_a_bullet_alone_on_its_line_takes_the_text_under_it_or_is_an_empty_item(tmp_path: Path) -> None:
    html = ('<html><body style="font-family: DejaVu Sans; font-size: 11pt"><h1>Notice</h1><p>Your rights are these:</p>'
            "<ul><li>To see your data</li><li><br>To correct your data</li><li></li></ul><p>Write to us to use them.</p>"
            "</body></html>")
    text = extract(tmp_path, weasyprint_pdf(tmp_path / "lone.pdf", html))
    assert "- To see your data\n- To correct your data\n\nWrite to us to use them." in text
    assert "\u2022" not in text


HANG = "padding-left: 1.2em; text-indent: -1.2em"  # a hanging indent: the wrapped line under the text


@pytest.mark.parametrize("arrow", ["\u2794", "\u279c", "\u27a4"])
def test_dingbat_arrow_bullets_are_list_items_and_keep_their_wrapped_lines(tmp_path: Path, arrow: str) -> None:
    """Word's arrow bullets (➔ ➜ ➤) open items like a disc; an item's second line goes on in it."""
    html = ('<html><body style="font-family: DejaVu Sans; font-size: 11pt; width: 16em"><h1>Notice</h1>'
            '<p>How long we keep your data:</p><ul style="list-style: none; padding-left: 0">'
            f'<li style="{HANG}">{arrow} Closed accounts: all data is erased seven days later.</li>'
            f'<li style="{HANG}">{arrow} Records: the payment provider keeps them under tax and money laundering laws.</li>'
            '</ul><p>Write to us to use them.</p></body></html>')
    text = extract(tmp_path, weasyprint_pdf(tmp_path / "arrows.pdf", html))
    assert ("- Closed accounts: all data is erased seven days later.\n"
            "- Records: the payment provider keeps them under tax and money laundering laws.\n") in text
    assert arrow not in text


# ---------------------------------------------------------------- class 6: named destinations


@pytest.mark.parametrize("producer", ["weasyprint", "chromium"])
def test_links_to_named_destinations_point_at_their_sections(tmp_path: Path, producer: str) -> None:
    make = weasyprint_pdf if producer == "weasyprint" else chromium_pdf
    text = extract(tmp_path, make(tmp_path / f"{producer}.pdf", NOTICE_HTML.format(style=DRAWN_BY_CSS)))
    assert "Read [your rights](#your-rights) and [how to reach us](#how-to-reach-us) first." in text


def test_a_named_destination_that_is_missing_leaves_plain_text(tmp_path: Path) -> None:
    annotation = b"<< /Type /Annot /Subtype /Link /Rect [70 630 300 652] /Dest (nowhere) >>"
    pages: list[list[str | tuple[str, float]]] = [[("Notice", 20.0), "See the part on cookies."]]
    text = extract(tmp_path, make_pdf(tmp_path / "missing.pdf", pages, annotation=annotation))
    assert "See the part on cookies." in text and "](" not in text



def test_a_destination_at_a_page_top_leads_to_the_heading_that_opens_the_page(tmp_path: Path) -> None:
    """Word and hyperref often link a page (its top edge), not the heading on it."""
    annotation = b"<< /Type /Annot /Subtype /Link /Rect [70 608 400 622] /Dest [8 0 R /XYZ 0 792 null] >>"
    pages: list[list[str | tuple[str, float]]] = [
        [("Notice", 20.0), "The part on cookies explains them.", ("Scope", 16.0), "All of our services."],
        [("Cookies", 16.0), "We use cookies sparingly and only when they are needed."],
    ]
    text = extract(tmp_path, make_pdf(tmp_path / "page-top.pdf", pages, annotation=annotation))
    assert "[The part on cookies explains them](#cookies)." in text


def test_destinations_off_by_the_producers_scale_and_margin_are_put_back_on_their_headings() -> None:
    """Chromium writes named destinations before the print scale and margin: learnt from two links
    that name their headings, the same (scale, offset) places a link that names none."""
    anchors = [(1, 130.0, "rights"), (1, 430.0, "contact"), (2, 100.0, "cookies")]
    titles = {"your rights": "rights", "how to reach us": "contact", "cookies": "cookies"}
    links = [("pdf-dest:1:80", "Your rights"), ("pdf-dest:1:280", "How to reach us ")]
    scale, offset = dest_calibration(links, anchors, titles)
    assert (round(scale, 2), round(offset, 1)) == (1.5, 10.0)
    assert internal_target(anchors, titles, (scale, offset), [], "pdf-dest:2:60") == "#cookies"
    assert internal_target(anchors, titles, (1.0, 0.0), [], "pdf-dest:2:60") is None


@pytest.mark.parametrize(
    "links",
    [
        [("pdf-dest:1:128", "Your rights"), ("pdf-dest:1:431", "How to reach us")],  # already on the headings
        [("pdf-dest:1:80", "Your rights")],  # one link: an offset or a link to the text under it
    ],
)
def test_destinations_are_left_as_written_without_evidence_of_an_offset(links: list[tuple[str, str]]) -> None:
    anchors = [(1, 130.0, "rights"), (1, 430.0, "contact")]
    titles = {"your rights": "rights", "how to reach us": "contact"}
    assert dest_calibration(links, anchors, titles) == (1.0, 0.0)


def test_destinations_off_in_no_consistent_way_link_nowhere_rather_than_to_a_wrong_section() -> None:
    """Links named like their headings land far off them, each by another amount: heights mean nothing."""
    anchors = [(1, 130.0, "rights"), (1, 430.0, "contact"), (1, 600.0, "cookies"), (1, 700.0, "changes")]
    titles = {"1. your rights": "rights", "2. how to reach us": "contact", "3. cookies": "cookies",
              "4. changes": "changes"}
    links = [("pdf-dest:1:400", "Your rights"), ("pdf-dest:1:100", "How to reach us"),  # numbers stripped
             ("pdf-dest:1:700", "Cookies"), ("pdf-dest:1:250", "Changes")]
    assert dest_calibration(links, anchors, titles) is None
    assert internal_target(anchors, titles, None, [], "pdf-dest:1:430") is None


# ---------------------------------------------------------------- class 6: printed addresses


@pytest.mark.parametrize(
    "printed, written",
    [
        ("Write to privacy@example.org.", "Write to [privacy@example.org](mailto:privacy@example.org)."),
        ("See https://example.org/privacy for more.", "See <https://example.org/privacy> for more."),
        ("Our site www.example.org/about, it says so.",
         "Our site [www.example.org/about](https://www.example.org/about), it says so."),
        ("Version 2.1 of e.g. the rules", "Version 2.1 of e.g. the rules"),  # dots, but no address
    ],
)
def test_an_address_printed_without_a_link_becomes_a_link(tmp_path: Path, printed: str, written: str) -> None:
    pages: list[list[str | tuple[str, float]]] = [[("Notice", 20.0), printed]]
    assert f"\n{written}\n" in extract(tmp_path, make_pdf(tmp_path / "printed.pdf", pages))


def test_an_annotated_address_is_linked_once_to_its_annotation(tmp_path: Path) -> None:
    annotation = (b"<< /Type /Annot /Subtype /Link /Rect [70 608 400 622] "
                  b"/A << /S /URI /URI (https://example.org/contact-form) >> >>")
    pages: list[list[str | tuple[str, float]]] = [[("Notice", 20.0), "Form: https://example.org/contact"]]
    text = extract(tmp_path, make_pdf(tmp_path / "annotated.pdf", pages, annotation=annotation))
    assert "(https://example.org/contact-form)" in text and "<https://example.org/contact>" not in text


def test_a_line_styled_like_a_heading_that_holds_an_address_stays_a_linked_paragraph(tmp_path: Path) -> None:
    pages: list[list[str | tuple[str, float]]] = [
        [("Notice", 20.0), ("Contact: dpo@example.org", 14.0), "We answer within a month."]]
    text = extract(tmp_path, make_pdf(tmp_path / "address-line.pdf", pages))
    assert "\nContact: [dpo@example.org](mailto:dpo@example.org)\n" in text and "## Contact" not in text


def test_a_line_that_is_one_link_out_is_not_a_heading(tmp_path: Path) -> None:
    """A bold or large "Stripe Privacy Policy →" under a service's name leads out; a heading would drop the link."""
    annotation = (b"<< /Type /Annot /Subtype /Link /Rect [70 600 300 622] "
                  b"/A << /S /URI /URI (https://stripe.example/privacy) >> >>")
    pages: list[list[str | tuple[str, float]]] = [
        [("Notice", 20.0), ("Stripe Privacy Policy", 14.0), "Stripe handles every payment we take."]]
    text = extract(tmp_path, make_pdf(tmp_path / "link-line.pdf", pages, annotation=annotation))
    assert "\n[Stripe Privacy Policy](https://stripe.example/privacy)\n" in text


# ---------------------------------------------------------------- class 5: tables

TABLES_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 10pt; }}
@page {{ size: A4; margin: 2cm; @top-center {{ content: "Example Ltd privacy notice"; font-size: 8pt; }} }}
table.data {{ border-collapse: collapse; }} .data td, .data th {{ border: .75pt solid #000; padding: 3pt; vertical-align: top; }}
table.grid {{ width: 100%; border-spacing: 24pt 14pt; }}
</style></head><body>
<h1>Privacy notice</h1>
<h2>Our services</h2>
<p>We are a staffing company that works for businesses of every size in many countries, and these are the
services we offer to them today:</p>
<table class="grid"><tr><td><b>Staffing</b><br>People for every need of a business.</td>
<td><b>Search</b><br>Executive search for leaders.</td></tr>
<tr><td><b>Advice</b><br>How to attract and keep staff.</td><td><b>Training</b><br>Courses online for new talent.</td></tr>
</table>
<p>Each of these services is offered by a company of our group, which is responsible for the data it needs.</p>
<h2>What we collect</h2>
<p>The kinds of data we collect:</p>
<table class="data"><thead><tr><th>Category</th><th>Kinds of data</th><th>Purposes</th></tr></thead>
<tbody>{rows}</tbody></table>
<p>That is all.</p>
</body></html>"""
ROWS = 30


@pytest.fixture(scope="module")
def tables_markdown(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A grid without a header row, then a ruled table over three pages whose header repeats on
    each page and whose rows hold lists; a running header on every page."""
    folder = tmp_path_factory.mktemp("tables")
    rows = "".join(f"<tr><td>Category {n}</td><td>Data of kind {n} that we keep</td><td><ul><li>To serve you {n}."
                   f"</li><li>To bill you {n}.</li></ul></td></tr>" for n in range(1, ROWS + 1))
    source = weasyprint_pdf(folder / "tables.pdf", TABLES_HTML.format(rows=rows))
    return extract(folder, source)


def test_a_table_over_page_breaks_is_one_table_with_its_header_once(tables_markdown: str) -> None:
    table = [line for line in tables_markdown.splitlines() if line.startswith("| **Category**") or
             line.startswith("| Category ")]
    assert table[0] == "| **Category** | **Kinds of data** | **Purposes** |"
    assert [line.split(" | ")[0] for line in table[1:]] == [f"| Category {n}" for n in range(1, ROWS + 1)]
    assert "Example Ltd" not in tables_markdown  # the page's running header is no row either


def test_a_row_cut_by_a_page_break_is_one_row(tables_markdown: str) -> None:
    for n in range(1, ROWS + 1):
        assert f"| Category {n} | Data of kind {n} that we keep | - To serve you {n}.<br>- To bill you {n}. |" \
            in tables_markdown


def test_a_grid_without_a_header_row_gets_none(tables_markdown: str) -> None:
    assert ("|   |   |\n|---|---|\n| **Staffing**<br>People for every need of a business. | **Search**<br>"
            "Executive search for leaders. |\n| **Advice**<br>") in tables_markdown


def test_the_table_forms_round_trip_through_the_reader(tables_markdown: str) -> None:
    notice = read_notice(tables_markdown)
    grid, data = [b for s in notice.sections for b in s.blocks if isinstance(b, Table)]
    assert grid.header is None and data.header is not None
    purposes = data.rows[0][2].blocks
    assert len(purposes) == 1 and isinstance(purposes[0], ListBlock) and len(purposes[0].items) == 2
    assert to_markdown(notice) == tables_markdown


def test_a_paragraph_that_starts_like_an_item_stays_a_paragraph_in_a_cell() -> None:
    cell = Cell((Paragraph((Span("- 5 °C is the limit"),)), ListBlock((ListItem((Span("one"),)),), ordered=True)))
    table = Table(None, ((cell, Cell(())),))
    text = "\n".join(render_table(table))
    assert text == "|   |   |\n|---|---|\n| \\- 5 °C is the limit<br>1. one |   |"
    notice = read_notice(f"---\ntitle: T\nlang: en\n---\n\n# T\n\n{text}\n")
    (table_read,) = notice.preamble
    assert isinstance(table_read, Table) and table_read.header is None
    assert table_read.rows == ((Cell((Paragraph((Span("- 5 °C is the limit"),)),
                                      ListBlock((ListItem((Span("one"),), number=1),), True))), Cell(())),)


def test_the_site_renders_a_grid_without_header_and_lists_in_cells(built_site: Path) -> None:
    """On the built Swedish page: the services grid has no <thead> (nor blank column headers), the
    data table's purposes are lists, and no item marker is left as text."""
    html = (built_site / "privacy" / "index.html").read_text(encoding="utf-8")
    tables = re.findall(r"<table>.*?</table>", html, re.DOTALL)
    grid = next(t for t in tables if "Bemanning och rekrytering" in t)
    data = next(t for t in tables if "Kategori av personuppgift" in t)
    assert "<thead>" not in grid and "<th>" not in grid
    assert '<th scope="col">' in data
    assert re.search(r"<td><ul><li>För att skapa, hantera", data)
    assert "<td>- " not in data and "<br>- " not in data


def test_a_box_whose_text_all_stands_in_one_column_is_a_frame_not_a_table(tmp_path: Path) -> None:
    """A printed web page: its text boxed in a bordered panel beside an empty side bar. The ruling
    makes a 2 x 2 'table', but nothing stands in its first column."""
    frame = "0 0 0 RG 0.5 w 40 400 530 260 re S 40 530 530 0 re S 60 400 0 260 re S"
    lines: list[str | tuple[str, float]] = [("Privacy Notice", 16.0), "We keep your data safe and short.",
                                            "We never sell it to anyone.", "Ask us what we hold about you."]
    text = extract(tmp_path, make_pdf(tmp_path / "frame.pdf", [lines], graphics=frame))
    assert "|" not in text and "We keep your data safe and short." in text


@pytest.mark.parametrize(
    "lines, vocabulary, joined",
    [
        (("see https://x.example/privacy-polic", "y now"), {"https://x.example/privacy-policy"},
         "see https://x.example/privacy-policy now"),  # printed whole elsewhere: one address
        (("see https://x.example/privacy", "or call"), {"https://x.example/privacy"},
         "see https://x.example/privacy or call"),  # an ordinary line break after an address
    ],
)
def test_an_address_cut_by_a_line_break_is_joined_when_printed_whole_elsewhere(
        lines: tuple[str, ...], vocabulary: set[str], joined: str) -> None:
    words = [Word(text, 72.0 + 40 * i, 100.0 + 40 * i, 100.0 + 12 * n, 110.0 + 12 * n, 10.0, False, 1)
             for n, line in enumerate(lines) for i, text in enumerate(line.split())]
    assert "".join(text for text, _ in join_words(words, vocabulary)) == joined


def test_an_address_joined_across_a_cell_line_is_accounted_for() -> None:
    """The cut address's rest is read after the row's other cells; the body has it whole."""
    texts = ["Scalingo", "https://scalingo.example/privacy-polic", "Hosting", "y"]
    page = PageContent(1, 600, 800, tuple(Word(t, 0, 10, 0, 10, 10, False, 1) for t in texts), ())
    body = Paragraph((Span("Scalingo https://scalingo.example/privacy-policy Hosting"),))
    notice = Notice("T", "en", None, "x.pdf", "0" * 64, (body,), ())
    report = conservation.account((page,), notice)
    assert report.lost == () and report.body == report.words


def test_a_link_that_names_a_heading_on_its_page_leads_there_whatever_its_height() -> None:
    """One link cannot calibrate a producer's heights; its name still says where it leads."""
    anchors = [(2, 384.0, "5-5-rights"), (2, 500.0, "6-6-complaints")]
    titles = {"5. § 5 your rights": "5-5-rights", "6. § 6 complaints": "6-6-complaints"}
    links = [("pdf-dest:2:320", "§ 5 Your rights"), ("pdf-dest:3:10", "§ 6 Complaints")]  # 2nd: wrong page
    assert links_by_name(links, anchors, titles) == {"pdf-dest:2:320": "5-5-rights"}
