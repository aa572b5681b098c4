"""Classes of PDF the round-trip benchmark (bench/roundtrip/) reads wrong, each reproduced on a
generated PDF (WeasyPrint HTML+CSS with real fonts), so the rule that fixes it is general."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
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


def unruled_table_pdf(tmp_path: Path, rows: list[tuple[str, str, str, str]], header_gap: float = 0) -> Path:
    """A table as a word processor's import leaves it: no borders, no cell padding, rows set solid,
    tall enough to take half the page; ``header_gap`` points of white under the header row."""
    import weasyprint

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
    weasyprint.HTML(string=html).write_pdf(source, stylesheets=[weasyprint.CSS(string=css)])
    return source


def table_rows(text: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("|").split("|")] for line in text.splitlines()
            if line.startswith("|") and not line.startswith("|---") and line.strip("| ")]


def test_an_unruled_solid_table_is_a_grid_with_a_row_per_table_row(tmp_path: Path) -> None:
    source = unruled_table_pdf(tmp_path, ROWS)
    text = markdown.to_markdown(extract.extract(source, "en", ROOT / "locales").notice)
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
    text = markdown.to_markdown(extract.extract(source, "en", ROOT / "locales").notice)
    body = [[c.replace("\\_", "_").replace("<br>", " ") for c in row] for row in table_rows(text)
            if "**" not in "".join(row)]
    assert body == [list(row) for row in ROWS]  # one grid row per table row, wrapped cells whole


def test_two_columns_of_prose_are_still_read_column_by_column(tmp_path: Path) -> None:
    import weasyprint

    vocabulary = "data notice purpose consent storage rights request period erase correct object transfer".split()
    left = " ".join(vocabulary[(n * 5 + n // 11) % len(vocabulary)] for n in range(500))
    html = (f'<html lang="en"><body style="font: 10pt/1.5 DejaVu Sans"><h1>Privacy notice</h1>'
            f'<div style="columns: 2; column-gap: 24pt; text-align: left"><p>Start {left} end.</p></div></body></html>')
    source = tmp_path / "prose.pdf"
    weasyprint.HTML(string=html).write_pdf(source)
    text = markdown.to_markdown(extract.extract(source, "en", ROOT / "locales").notice)
    assert "|" not in text
    assert f"Start {left} end." in text


def two_column_pdf(tmp_path: Path, title: str, head: str, pages: int) -> Path:
    """A notice set in two columns under a full-width title, a centred running head on every page."""
    import weasyprint

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
    weasyprint.HTML(string=html).write_pdf(source, stylesheets=[weasyprint.CSS(string=css)])
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
    import weasyprint

    sentence = ("Organisations processing personal information internationally demonstrate accountability "
                "through comprehensive documentation, transparent communication and independent verification. ")
    html = ('<html lang="en"><body style="font: 11pt DejaVu Serif; width: 150pt; hyphens: auto; text-align: justify">'
            f"<h1>Notice</h1><p>{sentence * 3}</p></body></html>")
    source = tmp_path / "hyphenated.pdf"
    weasyprint.HTML(string=html).write_pdf(source)
    with pdfplumber.open(source) as pdf:  # the class: WeasyPrint ends hyphenated lines with U+2010
        assert any(line["text"].endswith("\u2010") for line in pdf.pages[0].extract_text_lines())
    text = markdown.to_markdown(extract.extract(source, "en", ROOT / "locales").notice)
    assert (sentence * 3).strip() in text


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
    import weasyprint

    body = "".join(f"<p>{p}</p>" for p in DOUBLE_SPACED)
    html = ('<html lang="en"><body style="font: 10.5pt/2.3 DejaVu Sans; margin: 0; width: 330pt">'
            f'<h1 style="font-size: 20pt; line-height: 1.2">Privacy notice</h1>{body}</body></html>')
    source = tmp_path / "double.pdf"
    weasyprint.HTML(string=html).write_pdf(source, stylesheets=[weasyprint.CSS(string="p { margin: 0 0 7pt }")])
    text = markdown.to_markdown(extract.extract(source, "en", ROOT / "locales").notice)
    found = [p for p in text.split("\n---\n", 1)[1].strip().split("\n\n") if not p.startswith("#")]
    assert found == DOUBLE_SPACED


def test_an_address_whose_lines_a_justified_paragraph_stretched_keeps_its_lines(tmp_path: Path) -> None:
    """A word processor justifies the lines of a paragraph that end in a line break too
    ("Example        Ltd" from margin to margin, spaces all alike): each is one line that broke early,
    not cells of a table, so the address is one paragraph with a line break after each line."""
    import weasyprint

    address = ["Example Ltd", "Attn: Data Protection Officer", "Storgatan 12", "111 22 Stockholm", "Sweden"]
    html = ('<html lang="en"><body style="font: 10.5pt/1.35 DejaVu Serif; margin: 0; width: 420pt">'
            "<h1>Privacy notice</h1><p>We are the controller of your data; write to us at this address:</p>"
            f'<p style="text-align: justify; text-align-last: justify">{"<br>".join(address)}</p>'
            "<p>We answer within a month.</p></body></html>")
    source = tmp_path / "justified.pdf"
    weasyprint.HTML(string=html).write_pdf(source)
    text = markdown.to_markdown(extract.extract(source, "en", ROOT / "locales").notice)
    assert "  \n".join(address) + "\n\n" in text
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
    import weasyprint

    html = ('<html lang="en"><body style="font: 10.5pt/1.35 DejaVu Serif; margin: 0; width: 420pt">'
            "<h1>Privacy notice</h1><p>The table below links each purpose with the data it needs.</p>"
            '<table style="border-collapse: collapse"><tr><td style="width: 150pt">Marketing by e-mail</td>'
            '<td style="width: 120pt">Consent</td><td>\u2022 Contact data</td></tr></table>'
            "<p>We never sell your personal data.</p></body></html>")
    source = tmp_path / "bullet.pdf"
    weasyprint.HTML(string=html).write_pdf(source)
    text = markdown.to_markdown(extract.extract(source, "en", ROOT / "locales").notice)
    assert "\u2022" not in text
    assert "\n- Contact data\n" in text
    assert "Marketing by e-mail Consent\n" in text
