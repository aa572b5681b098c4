"""Classes of PDF the round-trip benchmark (bench/roundtrip/) reads wrong, each reproduced on a
generated PDF (WeasyPrint HTML+CSS with real fonts), so the rule that fixes it is general."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from notice import markdown
from notice.extraction import extract, layout
from notice.extraction.layout import Line
from notice.extraction.pdf import PageContent, Word

from .conftest import ROOT

#: Cookie-table-like rows: short cells in four columns, the Purpose cell of one row wrapped.
ROWS = [
    ("_ga", "Google", "Distinguishes visitors", "2 years"),
    ("_gid", "Google", "Distinguishes visitors per day", "24 hours"),
    ("consent", "Example Ltd", "Stores your cookie choices", "1 year"),
    ("session", "Example Ltd", "Keeps you signed in", "Session"),
    ("csrftoken", "Example Ltd", "Protects forms against forgery", "1 year"),
    ("lang", "Example Ltd", "Remembers the language you chose", "1 year"),
    ("cf_bm", "Cloudflare", "Tells people from automated traffic", "30 minutes"),
    ("fr", "Meta", "Delivers and measures advertisements to people who visit", "3 months"),
    ("lidc", "LinkedIn", "Chooses a data centre", "24 hours"),
    ("bcookie", "LinkedIn", "Identifies the browser", "1 year"),
    ("YSC", "YouTube", "Counts views of embedded videos", "Session"),
    ("tz", "Example Ltd", "Shows times in your time zone", "Session"),
]


def typeset(source: Path, html: str, css: str = "") -> Path:
    """HTML and CSS in -> ``source``, printed by WeasyPrint with real fonts."""
    import weasyprint

    weasyprint.HTML(string=html).write_pdf(source, stylesheets=[weasyprint.CSS(string=css)] if css else [])
    return source


def markdown_of(source: Path, lang: str = "en") -> str:
    """A PDF -> the Markdown the extractor writes for it."""
    return markdown.to_markdown(extract.extract(source, lang, ROOT / "locales").notice)


def unruled_table_pdf(tmp_path: Path, rows: list[tuple[str, str, str, str]], header_gap: float = 0) -> Path:
    """A table as a word processor's import leaves it: no borders, no cell padding, rows set solid,
    tall enough to take half the page; ``header_gap`` points of white under the header row."""
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    html = ('<html lang="en"><body style="font: 11pt/1.5 DejaVu Serif; margin: 0">'
            "<h1>Privacy notice</h1><p>The following cookies and similar technologies may be set on your device"
            " when you visit.</p>"
            '<table style="border-collapse: collapse; width: 100%">'
            '<tr style="font-weight: bold"><td>Name</td><td>Provider</td><td>Purpose</td><td>Lifetime</td></tr>'
            f"{cells}</table><p>You can change your choices at any time.</p></body></html>")
    source = tmp_path / "unruled.pdf"
    css = ("td { padding: 0 8pt 0 0; vertical-align: top } td:nth-child(3) { width: 40% }"
           f" tr:first-child td {{ padding-bottom: {header_gap}pt }}")
    typeset(source, html, css)
    return source


def table_rows(text: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("|").split("|")] for line in text.splitlines()
            if line.startswith("|") and not line.startswith("|---") and line.strip("| ")]


def test_an_unruled_solid_table_is_a_grid_with_a_row_per_table_row(tmp_path: Path) -> None:
    source = unruled_table_pdf(tmp_path, ROWS)
    text = markdown_of(source)
    assert "### Name" not in text and "## Name" not in text  # the header row is no heading
    rows = table_rows(text)
    body = [[c.replace("\\_", "_") for c in row] for row in rows if "**" not in "".join(row)]
    assert [row[0] for row in body] == [r[0] for r in ROWS]  # one grid row per table row, in order
    wrapped = next(row for row in body if row[0] == "fr")
    assert wrapped[2].replace("<br>", " ") == ROWS[7][2]  # the wrapped cell stays one cell
    assert [row[3] for row in body] == [r[3] for r in ROWS]
    assert "The following cookies and similar technologies may be set on your device when you visit." in text


def test_an_unruled_solid_table_whose_header_row_stands_apart_is_split_at_its_rows(tmp_path: Path) -> None:
    """A gap under the header row alone (LibreOffice's header row is taller) leaves the body set
    solid on its own: it is still split at its rows, not read as one row of stacked lines."""
    source = unruled_table_pdf(tmp_path, ROWS, header_gap=14)
    text = markdown_of(source)
    body = [[c.replace("\\_", "_").replace("<br>", " ") for c in row] for row in table_rows(text)
            if "**" not in "".join(row)]
    assert body == [list(row) for row in ROWS]  # one grid row per table row, wrapped cells whole


def test_two_columns_of_prose_are_still_read_column_by_column(tmp_path: Path) -> None:
    vocabulary = "data notice purpose consent storage rights request period erase correct object transfer".split()
    left = " ".join(vocabulary[(n * 5 + n // 11) % len(vocabulary)] for n in range(500))
    html = (f'<html lang="en"><body style="font: 10pt/1.5 DejaVu Sans"><h1>Privacy notice</h1>'
            f'<div style="columns: 2; column-gap: 24pt; text-align: left"><p>Start {left} end.</p></div></body></html>')
    source = tmp_path / "prose.pdf"
    typeset(source, html)
    text = markdown_of(source)
    assert "|" not in text
    assert f"Start {left} end." in text


def two_column_pdf(tmp_path: Path, title: str, head: str, pages: int) -> Path:
    """A notice set in two columns under a full-width title, a centred running head on every page."""
    vocabulary = "data notice purpose consent storage rights request period erase correct object transfer".split()
    sections = "".join(
        f"<h2>Section {n} on {vocabulary[n % len(vocabulary)]}</h2><p>"
        + " ".join(vocabulary[(n * 13 + k * 5 + k // 7) % len(vocabulary)] for k in range(90)) + ".</p>"
        for n in range(1, 9 * pages))
    css = (f'@page {{ size: A4; margin: 60pt 50pt; @top-center {{ content: "{head}"; font: 8pt DejaVu Sans }} }}'
           " body { font: 10pt/1.6 DejaVu Sans } h1 { font-size: 24pt; text-align: left }"
           " h2 { font-size: 12pt } main { columns: 2; column-gap: 36pt }")
    html = f'<html lang="en"><body><h1>{title}</h1><main>{sections}</main></body></html>'
    source = tmp_path / "two-columns.pdf"
    typeset(source, html, css)
    return source


def test_a_full_width_title_and_running_head_over_two_columns_stay_whole(tmp_path: Path) -> None:
    title = "Privacy statement of the Example Company Group"
    head = "Example Company Group Privacy statement"
    source = two_column_pdf(tmp_path, title, head, pages=3)
    result = extract.extract(source, "en", ROOT / "locales")
    text = markdown.to_markdown(result.notice)
    assert f"# {title}" in text.splitlines()
    assert head not in text and "Example Company" not in text.replace(title, "")  # no part of the head left
    assert [h for h in (line.split(" {#")[0] for line in text.splitlines()) if h.startswith("## ")][:3] == [
        "## Section 1 on notice", "## Section 2 on purpose", "## Section 3 on consent"]


def test_a_hyphen_the_typesetter_put_at_a_line_end_is_taken_out(tmp_path: Path) -> None:
    sentence = ("Organisations processing personal information internationally demonstrate accountability "
                "through comprehensive documentation, transparent communication and independent verification. ")
    html = ('<html lang="en"><body style="font: 11pt DejaVu Serif; width: 150pt; hyphens: auto; text-align: justify">'
            f"<h1>Notice</h1><p>{sentence * 3}</p></body></html>")
    source = tmp_path / "hyphenated.pdf"
    typeset(source, html)
    with pdfplumber.open(source) as pdf:  # the class: WeasyPrint ends hyphenated lines with U+2010
        assert any(line["text"].endswith("\u2010") for line in pdf.pages[0].extract_text_lines())
    text = markdown_of(source)
    assert (sentence * 3).strip() in text


#: Prose no word of which the text prints twice, so only the language's hyphenation patterns can tell
#: a broken word ("Vertragserfül-" + "lung") from a compound's own hyphen ("E-Mail", "well-known").
HYPHENATED_PROSE = {
    "de": ("Wir verarbeiten Ihre personenbezogenen Daten ausschließlich zur Vertragserfüllung, zur Beantwortung "
           "Ihrer Anfragen per E-Mail und zur Erfüllung gesetzlicher Aufbewahrungspflichten. Eine Weitergabe an "
           "Drittanbieter erfolgt nur, soweit dies zur Abwicklung erforderlich ist oder Sie ausdrücklich "
           "eingewilligt haben. Sie können jederzeit unentgeltlich Auskunft über die gespeicherten Informationen "
           "verlangen, ebenso deren Berichtigung, Einschränkung oder Löschung; die Aufsichtsbehörde Ihres "
           "gewöhnlichen Aufenthaltsortes nimmt Beschwerden entgegen."),
    "en": ("We process personal information only for contractual obligations, for answering enquiries sent by "
           "e-mail and for statutory record-keeping. Nothing is disclosed to third-party advertisers unless "
           "processing is necessary or you consented explicitly. A well-known opt-out mechanism lets you "
           "withdraw consent whenever you like; independent supervisory authorities investigate complaints "
           "about unauthorised disclosure, inadequate safeguards or disproportionate retention."),
}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("width", [120, 150, 180])
def test_a_hyphen_minus_that_hyphenation_put_at_a_line_end_goes_and_a_compounds_stays(
        tmp_path: Path, lang: str, width: int) -> None:
    """A word processor or a browser told to hyphenate with the hyphen-minus (as real notices are
    set): the broken word is whole again, "E-Mail", "well-known", "opt-out" keep their hyphen."""
    html = (f'<html lang="{lang}"><body style="font: 11pt DejaVu Serif; width: {width}pt; hyphens: auto;'
            f" hyphenate-character: '-'; text-align: justify\"><h1>Notice</h1><p>{HYPHENATED_PROSE[lang]}</p>"
            "</body></html>")
    source = tmp_path / "hyphenated.pdf"
    typeset(source, html)
    with pdfplumber.open(source) as pdf:  # the class: lines broken inside words at a hyphen-minus
        ends = [line["text"] for line in pdf.pages[0].extract_text_lines() if line["text"].endswith("-")]
    assert len(ends) >= 8
    text = markdown_of(source, lang)
    assert " ".join(HYPHENATED_PROSE[lang].split()) in " ".join(text.split())


@pytest.mark.parametrize("width", [150, 170, 190, 210])
def test_an_address_a_browser_broke_after_a_slash_is_one_address(tmp_path: Path, width: int) -> None:
    """Addresses printed as text, too long for the line: the browser breaks them after a "/". The
    rest on the next line belongs to the address; a word after an address ending in "/" does not."""
    html = (f'<html lang="en"><body style="font: 11pt DejaVu Serif; width: {width}pt"><h1>Notice</h1>'
            "<p>Our status page is https://status.example.org/incidents; no address here is a link. Past reports"
            " stay at https://status.example.org/archive/reports-2024, and the list of our processors is at"
            " https://www.example.org/ for anyone who asks us.</p></body></html>")
    source = tmp_path / "addresses.pdf"
    typeset(source, html)
    with pdfplumber.open(source) as pdf:  # the class: a line ends inside an address, after a "/"
        assert any(line["text"].endswith("/") and not line["text"].endswith("://")
                   for line in pdf.pages[0].extract_text_lines())
    text = markdown_of(source)
    assert "<https://status.example.org/incidents>;" in text
    assert "<https://status.example.org/archive/reports-2024>," in text
    assert "<https://www.example.org/> for anyone" in text


def test_a_word_of_the_text_after_an_address_ending_in_a_slash_stays_a_word(tmp_path: Path) -> None:
    from .pdfgen import make_pdf

    lines = [("Notice", 18.0), "Our processors are listed for you at https://www.example.org/",
             "for anyone who asks, and reports stay at https://status.example.org/",
             "archive pages. We keep the archive for a year."]
    source = make_pdf(tmp_path / "slash.pdf", [lines])
    text = markdown_of(source)
    assert "<https://www.example.org/> for anyone" in text
    assert "<https://status.example.org/> archive pages" in text


# ---------------------------------------------------------------- the round trip's two-column style

#: The round trip's two-column style (bench/roundtrip/page.py): sans, ragged, double-spaced, two
#: columns 9 mm apart under a full-width title, a centred running head whose middle falls in the gutter.
TWO_COLUMN_CSS = (
    '@page { size: A4; margin: 22mm 18mm; @top-center { content: "Example Ltd · Privacy Notice";'
    " font: 8pt DejaVu Sans } }"
    " body { font: 10.5pt/2.0 DejaVu Sans; margin: 0 } p, li { text-align: left }"
    " h1 { font-size: 20pt; margin: 0 0 12pt; line-height: 1.2; text-align: center }"
    " h2 { font-size: 13.5pt; margin: 14pt 0 6pt; line-height: 1.25 } p { margin: 0 0 7pt }"
    " main { columns: 2; column-gap: 9mm }"
    " table { border-collapse: collapse; font-size: 8pt; line-height: 1.3; margin: 4pt 0 10pt }"
    " table.data td { border: 0.6pt solid #555; padding: 3pt 4pt; vertical-align: top }"
    " table.grid td { padding: 4pt 8pt 4pt 0; vertical-align: top }"
)
#: Bullets drawn as CSS shapes, placed from the top of the (double-spaced) line box; rings one level down.
DRAWN_BULLETS_CSS = (
    " ul { list-style: none; padding-left: 16pt } ul li { position: relative }"
    " ul li::before { content: ''; position: absolute; left: -11pt; top: 0.55em; width: 4.5pt; height: 4.5pt;"
    " background: #222; border-radius: 50% }"
    " ul ul li::before { background: none; border: 0.8pt solid #222; width: 3.5pt; height: 3.5pt }"
)
WORDS = ("we keep your data only as long as the law asks and then delete it from every system we run "
         "including the copies made for safety").split()


def sentences(seed: int, count: int) -> str:
    """``count`` plain sentences of ten to seventeen words, different for each ``seed``."""
    out = []
    for n in range(count):
        length = 10 + (seed * 7 + n * 3) % 8
        words = [WORDS[(seed * 11 + n * 5 + k * 3) % len(WORDS)] for k in range(length)]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def two_column_notice(tmp_path: Path, body: str, css: str = "") -> str:
    """A notice set in the round trip's two-column style from ``body`` (HTML) -> its Markdown."""
    html = (f'<html lang="en"><body><h1>Example Ltd · Privacy Notice</h1><main>{body}</main></body></html>')
    source = tmp_path / "two-column-notice.pdf"
    typeset(source, html, TWO_COLUMN_CSS + css)
    return markdown_of(source)


def test_double_spaced_paragraphs_under_a_title_over_two_columns_stay_whole(tmp_path: Path) -> None:
    paragraphs = [sentences(n, 2 + n % 3) for n in range(10)]
    address = ["Example Ltd", "Attn: Data Protection Officer", "Storgatan 12", "111 22 Stockholm"]
    contact = f"<p>{'<br>'.join(address)}</p><p>Telephone: +46 8 123 456</p>"
    body = "".join(f"<h2>Part {n}</h2><p>{p}</p>" if n % 3 == 0 else f"<p>{p}</p>" for n, p in enumerate(paragraphs))
    text = two_column_notice(tmp_path, contact + body)
    lines = text.splitlines()
    assert "# Example Ltd · Privacy Notice" in lines  # a word of the title in the gutter keeps it whole
    assert text.split("\n---\n", 1)[1].count("Example Ltd · Privacy Notice") == 1  # the running head gone
    for paragraph in paragraphs:  # a title over the columns is no measure of where their lines end
        assert paragraph in lines
    assert "  \n".join(address) in text  # double spacing: lines 21 pt apart, paragraphs 28 pt apart
    assert "Telephone: +46 8 123 456" in lines


def test_bullets_drawn_high_on_double_spaced_lines_are_list_items(tmp_path: Path) -> None:
    body = (f"<p>{sentences(1, 8)}</p><p>We keep these kinds of data:</p><ul><li>Identity data, such as your name"
            " and date of birth</li><li>Contact data:<ul><li>your e-mail address</li><li>your telephone number"
            "</li></ul></li><li>Payment data</li></ul><p>That is all we keep.</p>")
    text = two_column_notice(tmp_path, body, DRAWN_BULLETS_CSS)
    assert ("- Identity data, such as your name and date of birth\n- Contact data:\n    - your e-mail address\n"
            "    - your telephone number\n- Payment data\n") in text  # a ring drawn edge by edge is one bullet
    assert "\u2022" not in text


def data_table(rows: int, first: int = 0) -> str:
    body = "".join(f"<tr><td>cookie_{n}</td><td>Provider {n}</td><td>Keeps setting {n}</td><td>{n} days</td></tr>"
                   for n in range(first, first + rows))
    return ('<table class="data" style="width: 100%"><thead><tr><td><b>Name</b></td><td><b>Provider</b></td>'
            f"<td><b>Purpose</b></td><td><b>Lifetime</b></td></tr></thead><tbody>{body}</tbody></table>")


def test_a_table_in_one_column_is_read_in_its_place_in_that_column(tmp_path: Path) -> None:
    before, after, right = sentences(2, 3), sentences(3, 3), sentences(4, 12)
    body = (f"<p>{before}</p>{data_table(4)}<p>{after}</p>"
            f'<h2 style="break-before: column">Your rights</h2><p>{right}</p>')
    text = two_column_notice(tmp_path, body)
    lines = text.splitlines()
    assert before in lines and after in lines and right in lines  # the columns' lines not interleaved
    assert lines.index(before) < lines.index("| **Name** | **Provider** | **Purpose** | **Lifetime** |") \
        < lines.index(after) < lines.index("## Your rights {#your-rights}") < lines.index(right)


def test_a_table_reaching_into_the_gutter_goes_on_in_the_next_column_as_one_table(tmp_path: Path) -> None:
    # each part of the table is wider than its column, so the two parts stand 2 pt apart: pdfplumber
    # joins their rules into one table of eight columns unless they are told apart
    css = " table.data { width: 258pt !important }"
    text = two_column_notice(tmp_path, f"<p>{sentences(5, 6)}</p>{data_table(40)}<p>{sentences(6, 2)}</p>", css)
    rows = table_rows(text)
    assert rows[0] == ["**Name**", "**Provider**", "**Purpose**", "**Lifetime**"]
    assert [row[0] for row in rows[1:]] == [f"cookie\\_{n}" for n in range(40)]  # the header repeated is dropped
    assert all(len(row) == 4 for row in rows)


def test_a_grid_in_small_type_keeps_its_rows_and_the_heading_after_it(tmp_path: Path) -> None:
    grid = ('<table class="grid"><tr><td><b>Hosting</b><br>Servers in Sweden and Finland</td><td><b>Payments</b>'
            "<br>A licensed payment institution</td></tr><tr><td><b>E-mail delivery</b><br>A provider inside the"
            " European Union</td><td><b>Support tools</b><br>A ticketing system hosted in Ireland</td></tr></table>")
    text = two_column_notice(tmp_path, f"<p>{sentences(7, 4)}</p>{grid}<h2>Your rights</h2><p>{sentences(8, 3)}</p>")
    assert "## Your rights {#your-rights}" in text.splitlines()  # set larger after a gap: no row of the grid
    rows = table_rows(text)
    assert [row[0].split("<br>")[0] for row in rows] == ["**Hosting**", "**E-mail delivery**"]  # rows by their gap


CAPITALISED = "Kunden Daten Zwecke Rechte Auskunft Verträge Dienste Anbieter Fristen Konten Nachrichten".split()


@pytest.mark.parametrize("kind", ["paragraph", "item"])
def test_a_block_cut_at_the_end_of_the_last_column_goes_on_atop_the_next_page(tmp_path: Path, kind: str) -> None:
    # the last column of page 1 ends mid-sentence; page 2 goes on at the left margin with a capital,
    # as the first line of a new paragraph would: only the column geometry tells them apart
    long = " ".join(CAPITALISED[(k * 7) % len(CAPITALISED)] for k in range(230)) + "."
    block = f"<ul><li>{long}</li></ul>" if kind == "item" else f"<p>{long}</p>"
    filler = f'<p style="break-after: column">{sentences(9, 5)}</p>'
    text = two_column_notice(tmp_path, f"{filler}{block}<p>{sentences(10, 2)}</p>", DRAWN_BULLETS_CSS)
    assert (f"- {long}" if kind == "item" else long) in text.splitlines()


def test_a_bold_lead_in_ending_in_a_dash_runs_into_its_item(tmp_path: Path) -> None:
    lead, rest = "Business transfers and reorganisation \u2013", "When we sell or buy a business, data may pass to the buyer."
    body = (f"<p>{sentences(11, 3)}</p><ul><li><b>Compliance with the law \u2013</b> We may disclose data when a court"
            f" orders it.</li><li><b>{lead}</b><br>{rest}</li></ul><p>{sentences(12, 2)}</p>")
    text = two_column_notice(tmp_path, body, DRAWN_BULLETS_CSS)
    assert f"- **{lead}** {rest}" in text.splitlines()  # the bold line is no title over a text of its own


def test_justified_text_in_a_narrow_cell_keeps_its_grid_whole(tmp_path: Path) -> None:
    # long words in a narrow justified cell: a word space wider than two font sizes splits the line
    left = ("Supervised, project-based and outsourced delivery services within engineering, telecommunications,"
            " pharmaceuticals and marketing campaigns produce measurable results for your organisation.")
    right = "Permanent and temporary workforce solutions, including recruitment process outsourcing."
    grid = (f'<table style="width: 100%"><tr><td><b>Recruitment</b><br>{sentences(13, 1)}</td><td><b>Search</b><br>'
            f"{sentences(14, 1)}</td></tr><tr><td><b>Supervised delivery</b><br>{left}</td><td><b>Workforce</b>"
            f"<br>{right}</td></tr></table>")
    css = ("body { font: 9pt/1.3 DejaVu Serif } p, td { text-align: justify } td { padding: 4pt 8pt 4pt 0;"
           " vertical-align: top } td:first-child { width: 30% }")
    html = f'<html lang="en"><body><h1>Notice</h1><p>{sentences(15, 3)}</p>{grid}<p>{sentences(16, 2)}</p></body></html>'
    source = tmp_path / "justified-grid.pdf"
    typeset(source, html, css)
    with pdfplumber.open(source) as pdf:  # the class: a line of the cell split by a wide word space
        words = [w for w in pdf.pages[0].extract_words() if w["x1"] < 200]
        gaps = [b["x0"] - a["x1"] for a, b in zip(words, words[1:]) if abs(a["top"] - b["top"]) < 1]
        assert max(gaps) > 18
    rows = table_rows(markdown_of(source))
    assert [row[0].split("<br>")[0] for row in rows] == ["**Recruitment**", "**Supervised delivery**"]
    assert rows[1] == [f"**Supervised delivery**<br>{left}", f"**Workforce**<br>{right}"]


def test_an_address_with_one_longer_line_is_one_block_where_paragraphs_have_no_gap(tmp_path: Path) -> None:
    address = ["Example Ltd", "Attn: Data Protection Officer", "Storgatan 12", "111 22 Stockholm", "Sweden"]
    html = (f'<html lang="en"><body><h1>Notice</h1><p>{sentences(17, 3)}</p><p>{"<br>".join(address)}</p>'
            f"<p>{sentences(18, 2)}</p></body></html>")
    css = "body { font: 10pt/1.4 DejaVu Sans; width: 220pt } p { margin: 0; text-align: left }"
    source = tmp_path / "address.pdf"
    typeset(source, html, css)
    with pdfplumber.open(source) as pdf:  # the class: the second line is longer than 0.6 of the column
        lines = {line["text"]: line for line in pdf.pages[0].extract_text_lines()}
        assert 0.6 < (lines[address[1]]["x1"] - lines[address[1]]["x0"]) / 220 < 0.75
    text = markdown_of(source)
    assert "  \n".join(address) in text


def test_a_table_clipped_at_the_print_area_keeps_its_last_column(tmp_path: Path) -> None:
    from .pdfgen import make_pdf

    # a browser prints a table too wide for the page clipped at its print area: the row rules run on
    # past the last column line and stop there, and no line closes the last column
    rows = [("Name", "Provider", "Purpose", "Lifetime"), ("_ga", "Google", "Distinguishes visitors", "2 years"),
            ("lidc", "LinkedIn", "Chooses a data centre", "24 hours"), ("YSC", "YouTube", "Counts views", "Session")]
    lefts, tops = (72, 170, 270, 420), (560, 535, 510, 485, 460)
    rules = [f"{x} {tops[-1]} m {x} {tops[0]} l S" for x in lefts] + [f"72 {y} m 540 {y} l S" for y in tops]
    cells = [f"BT /F1 9 Tf {x + 4} {top - 15} Td ({text}) Tj ET"
             for row, top in zip(rows, tops) for x, text in zip(lefts, row)]
    graphics = "0.6 w 0 G " + " ".join(rules + cells)
    pages: list[list[str | tuple[str, float]]] = [["Privacy notice", "The cookies we set are these."]]
    source = make_pdf(tmp_path / "clipped.pdf", pages, graphics=graphics)
    text = markdown_of(source)
    assert [[c.replace("\\_", "_") for c in row] for row in table_rows(text)] == [list(row) for row in rows]


#: Paragraphs of several lines each, ragged, so that a short line inside one is no paragraph end.
DOUBLE_SPACED = [
    "We collect only the data we need to provide the service you asked for. The exact set depends on how"
    " you use our services, whether you book as a guest or hold an account, and the choices you make.",
    "When you create an account, book a time or write to our support team, you give us data directly."
    " This happens through forms on our website, through the mobile app and by post.",
    "We keep these records in a form that does not show your name, and we delete them when they are no"
    " longer needed for the purposes described here, which for most records is after ninety days.",
    "You can change your mind at any time in the cookie settings at the foot of every page.",
]


def test_double_spaced_paragraphs_part_at_their_small_margin_not_at_every_line(tmp_path: Path) -> None:
    """Double spacing (a line pitch of 2.3 type sizes, as LibreOffice sets it) with paragraphs
    parted by a margin of two thirds of the type size: the margin is the gap, the line spacing is
    none, so each paragraph is one block however its lines wrap."""
    body = "".join(f"<p>{p}</p>" for p in DOUBLE_SPACED)
    html = ('<html lang="en"><body style="font: 10.5pt/2.3 DejaVu Sans; margin: 0; width: 330pt">'
            f'<h1 style="font-size: 20pt; line-height: 1.2">Privacy notice</h1>{body}</body></html>')
    source = tmp_path / "double.pdf"
    typeset(source, html, "p { margin: 0 0 7pt }")
    text = markdown_of(source)
    found = [p for p in text.split("\n---\n", 1)[1].strip().split("\n\n") if not p.startswith("#")]
    assert found == DOUBLE_SPACED


def test_an_address_whose_lines_a_justified_paragraph_stretched_keeps_its_lines(tmp_path: Path) -> None:
    """A word processor justifies the lines of a paragraph that end in a line break too
    ("Example        Ltd" from margin to margin, spaces all alike): each is one line that broke early,
    not cells of a table, so the address is one paragraph with a line break after each line."""
    address = ["Example Ltd", "Attn: Data Protection Officer", "Storgatan 12", "111 22 Stockholm", "Sweden"]
    html = ('<html lang="en"><body style="font: 10.5pt/1.35 DejaVu Serif; margin: 0; width: 420pt">'
            "<h1>Privacy notice</h1><p>We are the controller of your data; write to us at this address:</p>"
            f'<p style="text-align: justify; text-align-last: justify">{"<br>".join(address)}</p>'
            "<p>We answer within a month.</p></body></html>")
    source = tmp_path / "justified.pdf"
    typeset(source, html)
    text = markdown_of(source)
    assert "  \n".join(address) + "\n\n" in text
    assert "|" not in text


def test_two_stretched_addresses_whose_lines_end_in_one_word_keep_their_lines(tmp_path: Path) -> None:
    """Two addresses of one page, each paragraph justified to the last line as a word processor
    sets lines ending in a line break: a line of each ends in the same postcode word, flush right,
    so that word starts at one x in both. A word two stretched lines share by chance is no table
    column: each address keeps a line break after each line."""
    first = ["Example Ltd", "Harbour Road Bracknell RG12 1RT", "Attn: Legal Team"]
    second = ["Example Holdings c/o Legal Department", "Maxis 2 Western Road Bracknell RG12 1RT", "Attn: The Officer"]
    stretched = 'style="text-align: justify; text-align-last: justify"'
    html = ('<html lang="en"><body style="font: 10.5pt/1.35 DejaVu Serif; margin: 0; width: 420pt">'
            "<h1>Privacy notice</h1><p>If you have a question about how we handle your personal data, or wish to use"
            " one of your rights, write to us at this address:</p>"
            f'<p {stretched}>{"<br>".join(first)}</p><p>Or, if you live in the European Union, the United'
            " Kingdom or Switzerland, write to our European office at this address:</p>"
            f'<p {stretched}>{"<br>".join(second)}</p><p>We answer within a month.</p></body></html>')
    source = tmp_path / "two-addresses.pdf"
    typeset(source, html)
    text = markdown_of(source)
    assert "  \n".join(first) + "\n\n" in text
    assert "  \n".join(second) + "\n\n" in text
    assert "|" not in text


def cells_page() -> list[Line]:
    """Three rows of two one-word cells, 14 pt apart, the second column at x 480; the last row's
    second cell ends at the text's right edge (x 520)."""
    lines = []
    for n, (first, second) in enumerate(zip(("Hosting", "Payments", "Delivery"), ("Sweden", "Ireland", "Finland"))):
        x0 = 480.0
        top = 100.0 + 14 * n
        x1 = 520.0 if n == 2 else x0 + 35
        lines.append(Line((Word(first, 72.0, 120.0, top, top + 10, 10.0, False, 1),)))
        lines.append(Line((Word(second, x0, x1, top, top + 10, 10.0, False, 1),)))
    return lines


def test_a_row_of_cells_from_margin_to_margin_stays_a_row_of_its_table() -> None:
    """Two one-word cells that happen to reach from the left to the right edge of the text are no
    stretched line: the second starts where the other cells of its column start."""
    page = PageContent(1, 600, 800, (), ())
    table = layout.page_items(page, cells_page(), 14.0)
    assert [type(item).__name__ for item in table] == ["TableBlock"]
    second = [block.text for row in table[0].rows for block in row[1]]  # type: ignore[union-attr]
    assert "Finland" in " ".join(second)  # the last cell stays in its column


def test_a_bullet_after_a_wide_gap_opens_an_item_not_a_glyph_in_the_text(tmp_path: Path) -> None:
    """A lone row of an unruled table whose last cell is a list ("Consent    • Contact data"): no
    grid is found for one row, and its bullet, after a wide gap, opens a list item; it is never
    written into the text of the cells before it."""
    html = ('<html lang="en"><body style="font: 10.5pt/1.35 DejaVu Serif; margin: 0; width: 420pt">'
            "<h1>Privacy notice</h1><p>The table below links each purpose with the data it needs.</p>"
            '<table style="border-collapse: collapse"><tr><td style="width: 150pt">Marketing by e-mail</td>'
            '<td style="width: 120pt">Consent</td><td>\u2022 Contact data</td></tr></table>'
            "<p>We never sell your personal data.</p></body></html>")
    source = tmp_path / "bullet.pdf"
    typeset(source, html)
    text = markdown_of(source)
    assert "\u2022" not in text
    assert "\n- Contact data\n" in text
    assert "Marketing by e-mail Consent\n" in text


@pytest.mark.parametrize("reach", [0.0, 24.0])
def test_a_coloured_link_whose_rectangle_reaches_into_the_word_before_links_only_its_own_text(
    tmp_path: Path, reach: float
) -> None:
    """ReportLab measures a link's rectangle on the line before justifying it, so in a justified
    line the rectangle begins inside the words before the link ("ange[s här klicka här]"). The
    link's own text is set in its colour; the words in the text's colour are not part of it."""
    from .pdfgen import make_placed_pdf, text_width

    before, link, after = "Read more about the rules that apply", "in our notice", "before you sign up."
    x_link = 72 + text_width(before + " ", 11)
    runs = [(72.0, 60.0, "Privacy notice", 16.0, "F1"), (72.0, 100.0, before, 11.0, "F1"),
            (x_link, 100.0, link, 11.0, "F1"), (x_link + text_width(link + " ", 11), 100.0, after, 11.0, "F1")]
    source = make_placed_pdf(tmp_path / "reach.pdf", [runs], links=[(runs[2], "https://example.org/notice")],
                             fills={2: "0.02 0.27 0.68 rg"}, link_reach=reach)
    text = markdown_of(source)
    assert "Read more about the rules that apply [in our notice](https://example.org/notice) before you sign up." in text


def test_a_grid_whose_rows_only_its_cell_padding_parts_keeps_its_rows(tmp_path: Path) -> None:
    """A header-less grid in 9 pt type with lines 11.7 pt apart, its rows parted by nothing but 3 pt
    of cell padding above and below (ReportLab's table): a row's first line stands 17.7 pt under the
    last line of the row before, less than a paragraph's gap on the text's pitch but half a type size
    more than the grid's own pitch."""
    cells = [("Hosting", "Servers in Sweden and Finland that keep every copy of the data inside the Union"),
             ("Payments", "A licensed payment institution"), ("E-mail delivery", "A provider inside the Union"),
             ("Support tools", "A ticketing system hosted in Ireland for the questions you send us")]
    rows = "".join(f"<tr><td style=\"width: 38%\"><b>{a}</b><br>{b}</td><td><b>{c}</b><br>{d}</td></tr>"
                   for (a, b), (c, d) in zip(cells[::2], cells[1::2]))
    html = (f'<html lang="en"><body><h1>Privacy notice</h1><p>{sentences(3, 4)}</p><p>We work with:</p>'
            f'<table>{rows}</table><p>{sentences(4, 3)}</p></body></html>')
    css = ("@page { size: A4; margin: 22mm 18mm } body { font: 10.5pt/1.35 'DejaVu Serif' }"
           " table { border-collapse: collapse; width: 100%; font-size: 9pt; line-height: 1.3 }"
           " td { padding: 3pt 4pt; vertical-align: top; width: 50% }")
    source = tmp_path / "padded-grid.pdf"
    typeset(source, html, css)
    text = markdown_of(source)
    assert [row[0].split("<br>")[0] for row in table_rows(text)] == ["**Hosting**", "**E-mail delivery**"]


def test_two_columns_over_a_grid_that_spans_them_are_read_column_by_column(tmp_path: Path) -> None:
    """Text in two columns over a header-less grid set across both (the round trip's services grid
    under the Swedish notice's opening): the grid's cells cross the columns' gutter, so no gutter
    runs from the top of the page to its foot. The columns above the grid are still read one after
    the other, each paragraph whole, the grid after them keeps its rows, and the columns going on
    under the grid are read as columns again."""
    left, right, under = sentences(11, 9), sentences(12, 6), sentences(17, 4)
    cells = [(name, sentences(20 + n, 2)) for n, name in enumerate(("Staffing", "Search", "Advice", "Training",
                                                                     "Delivery", "Workforce", "Change", "Outsourcing"))]
    rows = "".join(f"<tr><td style=\"width: 38%\"><b>{a}</b><br>{b}</td><td><b>{c}</b><br>{d}</td></tr>"
                   for (a, b), (c, d) in zip(cells[::2], cells[1::2]))
    body = (f'<p>{left}</p><h2 style="break-before: column">Who we are</h2><p>{right}</p>'
            f'<div style="column-span: all"><table class="grid" style="width: 100%">{rows}</table></div>'
            f"<p>{under}</p>")
    text = two_column_notice(tmp_path, body)
    lines = text.splitlines()
    assert left in lines and right in lines and under in lines
    assert lines.index(left) < lines.index("## Who we are {#who-we-are}") < lines.index(right) \
        < lines.index("|---|---|") < lines.index(under)
    assert [row[0].split("<br>")[0] for row in table_rows(text)] == ["**Staffing**", "**Advice**", "**Delivery**", "**Change**"]


def test_bullets_under_a_numbered_heading_stay_at_the_first_level_before_the_next_one(tmp_path: Path) -> None:
    """Numbered section headings set larger than the text ("8. Sharing", "9. Keeping") are items
    while the layout is read; the bullets of section 8 stand indented from the margin the "9."
    stands at, and once made them its sub-items (then all but the first were nested under it)."""
    items = [sentences(30 + n, 1) for n in range(4)]
    html = ('<html lang="en"><body><h1>Privacy notice</h1><h2>8. Sharing your data</h2>'
            f"<p>{sentences(28, 2)}</p><ul>{''.join(f'<li>{item}</li>' for item in items)}</ul>"
            f"<h2>9. Keeping your data</h2><p>{sentences(29, 2)}</p></body></html>")
    css = ("@page { size: A4; margin: 22mm 18mm } body { font: 10.5pt/1.35 'DejaVu Serif' }"
           " h2 { font-size: 13.5pt } p, li { text-align: justify }")
    source = tmp_path / "numbered-sections.pdf"
    typeset(source, html, css)
    text = markdown_of(source)
    assert "\n".join(f"- {item}" for item in items) + "\n" in text


def test_an_item_whose_bold_lead_in_a_page_break_cuts_goes_on_atop_the_next_page(tmp_path: Path) -> None:
    """The last line of page 1 is the first half of an item's bold lead-in; page 2 goes on with its
    second half and the item's text in the body face. The line atop page 2 is not bold as a whole,
    but the words either side of the break are, so the item goes on (it was cut in two)."""
    lead = "Customers, suppliers, service providers and other partners of ours:"
    rest = "employees, agents and representatives of our customers and suppliers, and other people we deal with."
    html = ('<html lang="en"><body><h1>Privacy notice</h1><div style="height: 215mm"></div><p>We collect data about:</p>'
            f'<ul style="width: 60%"><li><b>{lead}</b> {rest}</li><li>Visitors of our website.</li></ul>'
            "<p>That is all.</p></body></html>")
    css = "@page { size: A4; margin: 22mm 18mm } body { font: 10.5pt/1.35 'DejaVu Sans' } li { orphans: 1; widows: 1 }"
    source = tmp_path / "lead-in-over-a-page-break.pdf"
    typeset(source, html, css)
    with pdfplumber.open(source) as pdf:  # the break falls inside the lead-in
        assert pdf.pages[1].extract_text().startswith("other partners of ours:")
    text = markdown_of(source)
    assert f"- **{lead}** {rest}\n- Visitors of our website.\n" in text


def test_an_address_that_ends_a_page_does_not_take_the_paragraph_atop_the_next(tmp_path: Path) -> None:
    """An address block (one paragraph with line breaks) ends at the foot of page 1 with an e-mail
    address; page 2 begins with the next paragraph. An address's lines end unpunctuated, which says
    nothing of a sentence going on over the page break: the paragraph stays a paragraph."""
    address = ["Example Group, Inc.", "7301 Parkway Drive, 5th Floor, Hanover, MD 21076", "ATTN: Privacy Officer",
               "privacy@example.com"]
    after = "Or if you live in the European Economic Area, the United Kingdom or Switzerland:"
    body = "".join(f"<p>{sentences(40 + n, 3)}</p>" for n in range(8))
    html = (f'<html lang="en"><body><h1>Privacy notice</h1>{body}<p>You can write to us at:</p>'
            f'<div style="height: 65mm"></div><p>{"<br>".join(address)}</p><p>{after}</p>'
            f"<p>Example Group Limited<br>Maxis 2, Western Road<br>Bracknell RG12 1RT</p>{body}</body></html>")
    css = ("@page { size: A4; margin: 22mm 18mm } body { font: 10.5pt/1.35 'DejaVu Serif' }"
           " p { margin: 0 0 7pt; orphans: 1; widows: 1 }")
    source = tmp_path / "address-at-a-page-foot.pdf"
    typeset(source, html, css)
    with pdfplumber.open(source) as pdf:  # the address ends page 1, the paragraph begins page 2
        assert pdf.pages[1].extract_text().startswith(after)
    text = markdown_of(source)
    assert "\n\n" + after + "\n\n" in text
    assert "ATTN: Privacy Officer  \n[privacy@example.com](mailto:privacy@example.com)\n\n" in text


def test_a_grid_whose_rows_part_by_a_small_padding_keeps_its_rows(tmp_path: Path) -> None:
    """A header-less layout grid as ReportLab sets one: a bold label over a line of text per cell,
    3 pt of padding above and below, so its rows part by two thirds of the type size only."""
    cells = [("Hosting", "Servers in Sweden and Finland"), ("Payments", "A licensed payment institution"),
             ("E-mail delivery", "A provider inside the European Union"),
             ("Support tools", "A ticketing system hosted in Ireland")]
    rows = "".join("<tr>" + "".join(f"<td><b>{label}</b><br>{text}</td>" for label, text in cells[k:k + 2]) + "</tr>"
                   for k in (0, 2))
    html = ('<html lang="en"><body style="font: 10.5pt/1.35 DejaVu Serif; margin: 0"><h1>Privacy notice</h1>'
            "<p>We share your data only with the processors that help us run the service.</p>"
            '<table style="border-collapse: collapse; width: 100%; font-size: 9pt; line-height: 1.3">'
            f"{rows}</table><p>We never sell your personal data to anyone.</p></body></html>")
    source = tmp_path / "grid.pdf"
    typeset(source, html, "td { padding: 3pt 6pt 3pt 0 }")
    text = markdown_of(source)
    assert [cell for row in table_rows(text) for cell in row] == [
        "**Hosting**<br>Servers in Sweden and Finland", "**Payments**<br>A licensed payment institution",
        "**E-mail delivery**<br>A provider inside the European Union",
        "**Support tools**<br>A ticketing system hosted in Ireland"]


#: Rows of a purposes table: a first cell that wraps, a one-line middle cell, a list in the last.
PURPOSES = [
    ("Providing the booking service", "Contract", ["Identity data", "Contact data", "Payment data"]),
    ("Keeping the service secure", "Legitimate interest", ["Technical data", "Log files"]),
    ("Marketing by e-mail", "Consent", ["Contact data"]),
]


def centred_table_pdf(tmp_path: Path) -> Path:
    """An unruled table as LibreOffice exports a word processor's table: a bold header row, cells
    centred vertically with padding between the rows, a justified first cell wrapping to two
    lines beside one-line cells, and a list in the last cell indented from its column's start."""
    body = "".join(f"<tr><td>{first}</td><td>{second}</td><td><ul>{''.join(f'<li>{i}</li>' for i in items)}</ul></td></tr>"
                   for first, second, items in PURPOSES)
    html = (f'<html lang="en"><body><h1>Privacy notice</h1><p>{sentences(19, 6)}</p><p>{sentences(20, 5)}</p>'
            '<p>The table below links each purpose with its legal basis and with the data it needs.</p>'
            '<table><tr style="font-weight: bold"><td>Purpose</td>'
            f"<td>Legal basis</td><td>Data used</td></tr>{body}</table>"
            f"<p>{sentences(21, 2)}</p></body></html>")
    css = ("body { font: 10.5pt/1.35 DejaVu Serif; margin: 0; width: 440pt } table { border-collapse: collapse }"
           " td { padding: 7pt 8pt 7pt 0; vertical-align: middle; text-align: justify }"
           " td:first-child { width: 140pt } td:nth-child(2) { width: 95pt } ul { margin: 0; padding-left: 16pt }")
    source = tmp_path / "centred.pdf"
    typeset(source, html, css)
    return source


def test_an_unruled_table_with_cells_centred_vertically_keeps_its_rows_and_header(tmp_path: Path) -> None:
    """Cells centred in their row put a one-line cell half a line lower than a two-line cell beside
    it and the first item of a list above both: each row's lines stay one grid row, the list stays
    in its column, and the bold row on top is the table's header, no heading."""
    source = centred_table_pdf(tmp_path)
    with pdfplumber.open(source) as pdf:  # the class: the one-line cell sits between the lines of the other
        tops = {w["text"]: w["top"] for w in pdf.pages[0].extract_words()}
        assert tops["Providing"] < tops["Contract"] < tops["service"]
    text = markdown_of(source)
    assert "# Purpose" not in text
    lines = text.splitlines()
    at = lines.index(next(line for line in lines if "Purpose" in line))
    assert lines[at + 1].startswith("|---")  # the bold row is the header row
    assert [c.replace("*", "") for c in table_rows(lines[at])[0]] == ["Purpose", "Legal basis", "Data used"]
    body = table_rows("\n".join(lines[at + 2:]))
    assert [row[:2] for row in body] == [[first, second] for first, second, _ in PURPOSES]
    for row, (_, _, items) in zip(body, PURPOSES):
        assert [part.lstrip("- ") for part in row[2].split("<br>")] == items


def test_a_cell_filled_to_the_next_column_parts_at_a_plain_word_space(tmp_path: Path) -> None:
    """A table laid out at its content's width may leave as little as the cell padding (less than a
    word space) between the widest cell of a column and the next column: the word that starts
    where the header's next cell starts opens that cell."""
    rows = [("_ga", "Google Analytics", "Distinguishes visitors", "2 years"),
            ("consent", "Example Ltd", "Stores your cookie choices", "1 year"),
            ("_fbp", "Meta", "Measures advertising delivery", "3 months")]
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    html = (f'<html lang="en"><body><h1>Privacy notice</h1><p>{sentences(23, 6)}</p>'
            '<p>The following cookies may be set on your device.</p>'
            '<table><tr style="font-weight: bold"><td>Name</td><td>Provider</td><td>Purpose</td><td>Lifetime</td></tr>'
            f"{cells}</table><p>{sentences(22, 2)}</p></body></html>")
    css = ("body { font: 10.5pt/1.35 DejaVu Serif; margin: 0; width: 460pt } table { border-collapse: collapse }"
           " td { padding: 6pt 30pt 6pt 0; white-space: nowrap } td:nth-child(2) { padding-right: 2.5pt }")
    source = tmp_path / "tight.pdf"
    typeset(source, html, css)
    with pdfplumber.open(source) as pdf:  # the class: less than a plain word space between the columns
        words = pdf.pages[0].extract_words(x_tolerance=1)
        analytics = next(w for w in words if w["text"] == "Analytics")
        after = next(w for w in words if w["text"] == "Distinguishes")
        assert after["x0"] - analytics["x1"] < 0.3 * 10.5
    body = [[c.replace("\\_", "_") for c in row] for row in table_rows(
        markdown_of(source)) if "**" not in "".join(row)]
    assert body == [list(row) for row in rows]


def test_text_beside_a_side_bar_at_another_pitch_is_no_table_row() -> None:
    """Two runs of lines side by side whose lines step down half a pitch apart now and then (a side
    bar beside a page's text) are not cells centred in one row: their middles differ, so each line
    stays a line."""
    page = PageContent(1, 600, 800, (), ())
    words = [Word(text, 72.0, 130.0, top, top + 10, 10.0, False, 1) for text, top in
             (("Overview", 100.0), ("Settings", 121.0), ("Billing", 142.0))]
    words += [Word(text, 220.0, 520.0, top, top + 10, 10.0, False, 1) for text, top in
              (("Body text of the page that runs on", 107.0), ("over several lines beside the bar", 121.0 + 7),
               ("and on again here at its own pitch", 149.0), ("until it ends", 163.0))]
    lines = layout.words_to_lines(words)
    items = layout.page_items(page, lines, 14.0)
    assert all(isinstance(item, Line) for item in items)
    assert sorted(item.text for item in items if isinstance(item, Line)) == sorted(w.text for w in words)


def test_rows_of_an_unruled_table_part_at_their_padding_not_only_at_a_blank_line(tmp_path: Path) -> None:
    """Cells padded by 3 pt put a row a pitch and 6 pt below the one before, less than a blank
    line: the rows still part there, so a cell wrapped over three lines beside one-line cells stays
    one cell of its own row, and cell titles in bold over two columns head cells, not the table."""
    rows = [("Payment provider", "Processing of payments", "Ireland"),
            ("Tax adviser", "Bookkeeping and annual accounts for the year", "Germany"),
            ("Certification body", "Audit to ISO 27001", "Austria")]
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    titles = ("<table><tr><td><b>Hosting</b><br>Servers in Sweden and Finland</td><td><b>Payments</b><br>A licensed"
              " payment institution</td></tr><tr><td><b>E-mail delivery</b><br>A provider inside the European"
              " Union</td><td><b>Support tools</b><br>A ticketing system in Ireland</td></tr></table>")
    html = (f'<html lang="en"><body><h1>Privacy notice</h1><p>{sentences(24, 6)}</p><p>{sentences(25, 2)}</p>'
            '<table class="three"><tr style="font-weight: bold"><td>Recipient</td><td>Purpose</td><td>Seat</td></tr>'
            f"{body}</table><p>{sentences(26, 2)}</p>{titles}<p>{sentences(27, 2)}</p></body></html>")
    css = ("body { font: 10.5pt/1.35 DejaVu Serif; margin: 0; width: 440pt } table { border-collapse: collapse }"
           " td { padding: 3pt 8pt 3pt 0; vertical-align: middle } .three td:nth-child(2) { width: 110pt }"
           " td:first-child { width: 150pt }")
    source = tmp_path / "padded.pdf"
    typeset(source, html, css)
    with pdfplumber.open(source) as pdf:  # the class: rows a pitch and less than half a type size apart
        tops = {w["text"]: w["top"] for w in pdf.pages[0].extract_words()}
        assert 14.2 + 0.5 * 10.5 < tops["Bookkeeping"] - tops["payments"] < 1.62 * 14.2
    text = markdown_of(source)
    grid = [[c.replace("<br>", " ") for c in row] for row in table_rows(text)]
    assert [c.replace("*", "") for c in grid[0]] == ["Recipient", "Purpose", "Seat"]
    assert grid[1:4] == [list(row) for row in rows]
    assert [row[0].split(" ", 1)[0] for row in grid[4:]] == ["**Hosting**", "**E-mail"]
    assert "| **Hosting** |" not in text  # titles head their cells, not the table


def test_justified_cells_set_edge_to_edge_and_centred_keep_their_grid(tmp_path: Path) -> None:
    """Two columns of cells 3 pt apart, every line justified to the cell's edges (as a word
    processor justifies lines ending in a line break too) and centred vertically, as LibreOffice
    exports a services grid: in the first row the cells' lines interleave (one line more on the
    left); in the second the right cell has two more, so their lines stand side by side and run
    from one cell into the next with a plain word space between. The line parts where the first
    cell's lines all end and the next column starts, and every cell stays whole."""
    first = (["Recruitment and staffing", "solutions for contract hiring", "and direct hiring which secure",
              "the best candidates for a need."],
             ["Search services", "help you to find the people who", "drive your business forward."])
    second = (["Managed delivery", "services across engineering and", "campaigns with measurable ends."],
              ["Workforce management", "solutions including outsourcing", "of recruitment and the managed",
               "delivery of services and vendor", "systems for the human capital."])
    rows = "".join("<tr>" + "".join(f"<td><b>{cell[0]}</b><br>{'<br>'.join(cell[1:])}</td>" for cell in row) + "</tr>"
                   for row in (first, second))
    html = (f'<html lang="en"><body><h1>Notice</h1><p>{sentences(37, 6)}</p><p>{sentences(38, 4)}</p>'
            f"<table>{rows}</table><p>{sentences(39, 3)}</p></body></html>")
    css = ("body { font: 10.5pt/1.5 DejaVu Serif; margin: 0; width: 400pt } p { text-align: justify }"
           " td { text-align: justify; text-align-last: justify; width: 50%; padding: 6pt 1.5pt;"
           " vertical-align: middle } table { border-collapse: collapse; width: 100% }")
    source = tmp_path / "edge-to-edge.pdf"
    typeset(source, html, css)
    with pdfplumber.open(source) as pdf:  # the class: a left cell's line ends a plain space before the right cell's
        words = pdf.pages[0].extract_words(x_tolerance=1)
        right = next(w for w in words if w["text"] == "of")  # "... engineering and | of recruitment ..."
        left = max((w for w in words if abs(w["top"] - right["top"]) < 1 and w["x1"] < right["x0"]), key=lambda w: w["x1"])
        assert left["text"] == "and" and right["x0"] - left["x1"] < 0.3 * 10.5
    grid = table_rows(markdown_of(source))
    assert grid == [[f"**{cell[0]}**<br>{' '.join(cell[1:])}" for cell in row] for row in (first, second)]


def test_bullets_hung_left_of_a_tables_last_column_are_no_page_column(tmp_path: Path) -> None:
    """A table filling the page whose last column holds lists: the bullets stand a few points left
    of the items' text, and every line beside them ends before them, so a strip runs down the page
    between bullets and text that no word crosses. It is no gutter between page columns: the
    bullets stay with their items, never as glyphs at the end of the cells on their left."""
    from .pdfgen import make_placed_pdf

    runs: list[tuple[float, float, str, float, str]] = [(72, 60, "Privacy notice", 16, "F1")]
    cell = ["Identifying data: the name,", "user name and the password", "of your account"]
    items = ["To create and manage the services.", "To match candidates with positions.",
             "To meet our legal duties as employer.", "To reach you in an emergency."]
    top = 100.0
    for row in range(6):
        runs.append((72, top, f"Category {row + 1}", 10, "F1"))
        runs += [(190, top + 14 * k, text, 10, "F1") for k, text in enumerate(cell)]
        for k, text in enumerate(items):
            runs += [(340, top + 14 * k, "\u2022", 10, "F1"), (354, top + 14 * k, text, 10, "F1")]
        top += 14 * len(items) + 14
    source = make_placed_pdf(tmp_path / "bullets.pdf", [runs])
    with pdfplumber.open(source) as pdf:  # the class: a strip no word crosses between bullets and items
        words = pdf.pages[0].extract_words()
        assert not any(w["x0"] < 350 < w["x1"] for w in words)
    text = markdown_of(source)
    assert "\u2022" not in text
    for item in items:
        assert text.count(f"- {item}") == 6  # an item of its list in every row
    assert text.count(" ".join(cell)) == 6


def test_a_grid_row_the_page_break_cut_is_made_whole(tmp_path: Path) -> None:
    """An unruled grid whose last row on a page breaks mid-sentence in both cells goes on atop the
    next page with the rest of those cells (lower case, after words that end no sentence): one row
    again, each cell one paragraph, and the rows after it rows of the same table."""
    from .pdfgen import make_placed_pdf

    rows = [[("Staffing and hiring for", "contract and direct roles."), ("Search services that", "find the right people.")],
            [("Recruitment for every", "kind of business that", "needs it."),
             ("Interim staffing for", "projects of every size", "and length.")],
            [("Advisory on how to attract", "and keep a workforce."), ("Training for candidates", "ahead of assignments.")]]

    def cell_runs(top: float, row: list[tuple[str, ...]], lines: slice) -> list[tuple[float, float, str, float, str]]:
        return [(x, top + 14 * k, text, 10, "F1") for x, cell in zip((72, 300), row) for k, text in enumerate(cell[lines])]

    first = [(72.0, 60.0, "Privacy notice", 16.0, "F1"), (72.0, 90.0, "Our services include the following.", 10.0, "F1")]
    first += cell_runs(650, rows[0], slice(None)) + cell_runs(694, rows[1], slice(0, 2))  # the page ends here
    second = cell_runs(60, rows[1], slice(2, None)) + cell_runs(90, rows[2], slice(None))
    second.append((72, 140, "We never sell the data you give us, and we keep it only as long as the law asks.", 10, "F1"))
    source = make_placed_pdf(tmp_path / "cut-row.pdf", [first, second])
    grid = table_rows(markdown_of(source))
    assert grid == [[" ".join(cell) for cell in row] for row in rows]


def processors_table(first_width: float) -> str:
    """A ruled table of processors whose first column is ``first_width`` points wide."""
    rows = [("Processor", "Hosting of web servers and databases", "France"),
            ("Newsletters", "Sending of e-mail newsletters", "Germany")]
    head = "<tr><td><b>Processor</b></td><td><b>Processing carried out</b></td><td><b>Recipient country</b></td></tr>"
    body = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    return (f'<table><colgroup><col style="width: {first_width}pt"><col><col style="width: 80pt"></colgroup>'
            f"{head}{body}</table>")


def test_a_word_a_narrow_cell_broke_without_a_hyphen_is_one_word(tmp_path: Path) -> None:
    """A browser breaks a word too wide for its cell where it meets the cell's edge, with no hyphen
    (``overflow-wrap: break-word``: "Proce" over "ssor"). Where the document prints the word whole
    (the same table with a wider column) and not its first piece alone, it is one word again; a
    cell wrapped between words ("Recipient" over "country") keeps its space."""
    html = ('<html lang="en"><body style="font: 11pt/1.4 DejaVu Sans; margin: 0">'
            "<h1>Privacy notice</h1><h2>Processors of the service</h2><p>We share data with these processors.</p>"
            + processors_table(90) + "<h2>Processors of the app</h2><p>The app shares data with the same processors.</p>"
            + processors_table(42) + "<p>We review these processors every year.</p></body></html>")
    css = ("table { border-collapse: collapse; table-layout: fixed; width: 100% }"
           " td { border: 0.5pt solid black; padding: 2pt; vertical-align: top; overflow-wrap: break-word }")
    source = typeset(tmp_path / "narrow-cell.pdf", html, css)
    with pdfplumber.open(source) as pdf:
        printed = {w["text"] for w in pdf.pages[0].extract_words()}
    assert {"Proce", "ssor", "Newsl", "etters"} <= printed  # the narrow column broke its words
    run = extract.extract(source, "en", ROOT / "locales")
    assert not run.report.failed  # the joined word accounts for both pieces of the text layer
    tables = [table_rows(part) for part in markdown.to_markdown(run.notice).split("## ")[1:]]
    assert tables[0] == tables[1] == [["**Processor**", "**Processing carried out**", "**Recipient country**"],
                                      ["Processor", "Hosting of web servers and databases", "France"],
                                      ["Newsletters", "Sending of e-mail newsletters", "Germany"]]


def test_headings_set_in_under_a_label_nest_under_it_whatever_their_size(tmp_path: Path) -> None:
    """A notice generator prints its copy of the notice set in under a label ("Text version of the
    notice …"), the copy's own title larger than the label, and the next part ("HTML source …")
    back at the label's margin. The indent says the copy is the label's: its headings nest one
    level under the label, keeping their order among themselves, and the next part at the
    margin is the label's sibling, not a section of the copy."""
    body = "We use your data only to answer your questions and to run this website safely."
    html = ('<html lang="en"><body style="font: 10pt/1.4 DejaVu Sans; margin: 0">'
            '<h1 style="font-size: 18pt">Your privacy notice</h1>'
            f"<p>Below is the text of your privacy notice, made from your answers. {body}</p>"
            '<h2 style="font-size: 16pt">Text version of the notice for your website</h2>'
            '<div style="margin-left: 20pt"><h1 style="font-size: 18pt">Privacy notice</h1>'
            f'<h2 style="font-size: 16pt">1. Overview</h2><h3 style="font-size: 13pt">General</h3><p>{body}</p>'
            f'<h3 style="font-size: 13pt">Who is responsible</h3><p>{body}</p>'
            f'<h2 style="font-size: 16pt">2. Hosting</h2><p>{body}</p></div>'
            '<h2 style="font-size: 16pt">HTML source of the notice</h2>'
            "<p>Copy the source below into your website if its editor takes HTML.</p></body></html>")
    text = markdown_of(typeset(tmp_path / "inset-copy.pdf", html))
    outline = [line.split(" {#")[0] for line in text.splitlines() if line.startswith("#")]
    assert outline == ["# Your privacy notice", "## Text version of the notice for your website",
                       "### Privacy notice", "#### 1. Overview", "##### General", "##### Who is responsible",
                       "#### 2. Hosting", "## HTML source of the notice"]
