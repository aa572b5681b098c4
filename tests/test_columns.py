"""Pages set in several columns (a gazette, a journal, a newsletter): each class reproduced on a
generated page whose every run of text is placed where a layout program would put it."""

from __future__ import annotations

from pathlib import Path

from notice import markdown
from notice.extraction import extract, layout
from notice.extraction.pdf import read_pdf

from .conftest import ROOT
from .pdfgen import Placed, make_placed_pdf, named_font, text_width, wrap

VOCABULARY = "data notice purpose consent storage rights request period erase correct object transfer".split()
SHORT_WORDS = "we keep the data of our members on a server in the union for as long as the law asks us to do so".split()
#: Three columns as a gazette sets them: left edges, measure, body size and line pitch.
LEFTS = (45.0, 222.0, 399.0)
WIDTH = 167.0
SIZE = 9.0
PITCH = 10.0
TITLE = "Privacy notice"


def prose(count: int, seed: int = 7) -> list[str]:
    """``count`` words of the vocabulary in an order in which no line repeats."""
    return [VOCABULARY[(n * seed + n // 13) % len(VOCABULARY)] for n in range(count)]


def flow(lines: list[str], top: float, bottom: float, size: float = SIZE, pitch: float = PITCH,
         start: int = 0) -> tuple[list[Placed], int]:
    """``lines`` poured into the columns from column ``start``, from ``top`` down to ``bottom``; the
    runs placed, and the column the last line stands in."""
    runs: list[Placed] = []
    column, y = start, top
    for line in lines:
        if y > bottom:
            column, y = column + 1, top
        runs.append((LEFTS[column], y, line, size, "F1"))
        y += pitch
    return runs, column


def notice_text(source: Path) -> str:
    return markdown.to_markdown(extract.extract(source, "en", ROOT / "locales").notice)


def paragraphs(text: str) -> list[str]:
    return [block.strip() for block in text.split("\n\n")]


def test_a_word_set_into_the_gutter_stays_on_its_line(tmp_path: Path) -> None:
    """Ragged-right columns of plain English: few lines reach the measure's end, so the strip no text
    crosses starts inside the measure, and a short last word ("a", "of") set there is the end of its
    line, not text of the next column."""
    words = [SHORT_WORDS[(n * 7 + n // 23) % len(SHORT_WORDS)] for n in range(1900)]
    lines = wrap(["First", *words, "last."], WIDTH, SIZE)
    runs, _ = flow(lines, 60.0, 740.0)
    source = make_placed_pdf(tmp_path / "gutter.pdf", [runs])
    page = read_pdf(source)[0]
    gutters = layout.find_gutters(list(page.words))
    assert any(a <= w.x0 < (a + b) / 2 for w in page.words for a, b in gutters)  # words start in a gutter
    assert " ".join(lines) in paragraphs(notice_text(source))


def test_a_ruled_table_over_the_columns_comes_first_and_the_columns_stay_whole(tmp_path: Path) -> None:
    """A ruled table across the page's width above three columns: the table is read first, then each
    column top to bottom (sorting everything by height would read across the columns)."""
    lines = wrap(["First", *prose(800), "last."], WIDTH, SIZE)
    runs, _ = flow(lines, 160.0, 730.0)
    cells = [("Name", "Provider", "Lifetime"), ("consent", "Example Ltd", "1 year"), ("session", "Example Ltd", "Session")]
    table = [(45.0 + 174 * col + 4, 92.0 + 20 * row, text, SIZE, "F1")
             for row, texts in enumerate(cells) for col, text in enumerate(texts)]
    rules = " ".join(f"45 {792 - y} m 567 {792 - y} l S" for y in (88, 108, 128, 148))
    rules += " " + " ".join(f"{x} {792 - 88} m {x} {792 - 148} l S" for x in (45, 219, 393, 567))
    source = make_placed_pdf(tmp_path / "table.pdf", [[(LEFTS[0], 50.0, TITLE, 16.0, "F1"), *table, *runs]],
                             graphics=f"0.5 w {rules}")
    text = notice_text(source)
    assert " ".join(lines) in paragraphs(text)
    assert text.index("| consent | Example Ltd | 1 year |") < text.index("First ")


def test_a_title_across_the_columns_does_not_widen_the_first_column(tmp_path: Path) -> None:
    """A title set across all three columns: the first column's lines still end at its own edge, so its
    paragraphs stay paragraphs (measured against the title, every line would break early)."""
    title = "Notice on the processing of personal data of our members and visitors"
    first = wrap(["Start", *prose(300), "end."], WIDTH, SIZE)
    second = wrap(["Then", *prose(500, seed=5), "done."], WIDTH, SIZE)
    runs, _ = flow([*first, "", *second], 110.0, 730.0)
    assert text_width(title, 18.0) > LEFTS[2] - LEFTS[0]  # the title crosses both gutters
    source = make_placed_pdf(tmp_path / "title.pdf", [[(LEFTS[0], 60.0, title, 18.0, "F1"),
                                                       *[run for run in runs if run[2]]]])
    found = paragraphs(notice_text(source))
    assert " ".join(first) in found
    assert " ".join(second) in found


def test_footnotes_at_the_foot_of_each_column_are_read_after_the_columns(tmp_path: Path) -> None:
    """Notes set small under the text of each column (a gazette's footnotes, one running on into the
    next column): the text goes on from column to column as if they were not there, and each note is
    one paragraph after it."""
    text = wrap(["First", *prose(720), "last."], WIDTH, SIZE)
    note_one = wrap(["1", "The", *prose(60, seed=5), "noted."], WIDTH, 7.0)
    note_two = wrap(["2", "Another", *prose(30, seed=11), "too."], WIDTH, 7.0)
    foot = 600.0  # where the notes begin under each column's text
    runs, _ = flow(text, 60.0, foot - 15)
    split = len(note_one) // 2
    notes = [(LEFTS[0], foot + 8 * n, line, 7.0, "F1") for n, line in enumerate(note_one[:split])]
    notes += [(LEFTS[1], foot + 8 * n, line, 7.0, "F1") for n, line in enumerate([*note_one[split:], *note_two])]
    source = make_placed_pdf(tmp_path / "notes.pdf", [[(LEFTS[0], 40.0, TITLE, 16.0, "F1"), *runs, *notes]])
    found = paragraphs(notice_text(source))
    assert " ".join(text) in found
    assert " ".join(note_one) in found and " ".join(note_two) in found
    assert found.index(" ".join(text)) < found.index(" ".join(note_one)) < found.index(" ".join(note_two))


def test_a_masthead_above_a_rule_across_the_columns_is_read_before_them(tmp_path: Path) -> None:
    """A title at the top left and a masthead of three small lines at the top right, a rule across
    the page under both, then the columns: the masthead comes before the columns, and the text that
    goes on from the second column into the third is not cut by it."""
    text = wrap(["First", *prose(880), "last."], WIDTH, SIZE)
    masthead = ["Example Gazette", "Volume 12, Number 3", "Published every week"]
    runs, _ = flow(text, 120.0, 740.0)
    head = [(LEFTS[0], 55.0, "Proposed Rules", 18.0, "F1")]
    head += [(LEFTS[2], 58.0 + 15 * n, line, 8.0, "F1") for n, line in enumerate(masthead)]
    source = make_placed_pdf(tmp_path / "masthead.pdf", [[*head, *runs]], graphics="0.5 w 45 682 m 567 682 l S")
    text_found = notice_text(source)
    found = paragraphs(text_found)
    assert " ".join(text) in found
    assert all(text_found.index(line) < text_found.index("First ") for line in masthead)


def test_a_side_bar_and_a_side_panel_beside_the_text_keep_their_own_lines(tmp_path: Path) -> None:
    """A web application printed from the browser: a side bar of links at the left, a side panel at
    the right, the text under them. A side-bar link and a panel title standing on one row in other
    sizes are not one line (which would be taken for a heading and lose the link), and a row that
    runs from the side bar to the panel does not widen the text column under its gap."""
    bar = ["Dashboard", "Consent", "Policies", "Privacy Policy", "Cookie Policy", "Terms of use", "Settings"]
    runs: list[Placed] = [(60.0, 60.0 + 23 * n, item, 7.0, "F1") for n, item in enumerate(bar)]
    runs += [(430.0, 60.0 + 23 * 4, "Customize the style", 9.0, "F1"), (430.0, 60.0 + 23 * 6, "Upgrade now", 7.5, "F1")]
    text = wrap(["First", *prose(220), "last."], 200.0, SIZE)
    runs += [(200.0, 230.0 + 11 * n, line, SIZE, "F1") for n, line in enumerate(text)]
    source = make_placed_pdf(tmp_path / "app.pdf", [[(200.0, 30.0, TITLE, 16.0, "F1"), *runs]],
                             links=[(runs[4], "https://example.com/cookies")])
    found = paragraphs(notice_text(source))
    assert "[Cookie Policy](https://example.com/cookies)" in found
    assert " ".join(text) in found


def test_a_footer_cut_apart_by_one_page_s_columns_is_still_furniture(tmp_path: Path) -> None:
    """A typesetter's slug at the foot of every page, its fields a little more than a word space
    apart: one line on the one-column pages, cut in two on the page whose gutter falls between two
    fields. It is furniture there too (as a row it repeats, though neither piece does alone)."""
    def slug(page: int) -> list[Placed]:
        left = f"Printed by press 14 Job 250001 Sheet {page:05d}"
        return [(213.0 - text_width(left, 7.0), 770.0, left, 7.0, "F1"), (223.0, 770.0, "Form 4702 File notice.sgm", 7.0, "F1")]

    single = wrap(prose(500), 500.0, SIZE)
    pages = [[(45.0, 60.0 + PITCH * n, line, SIZE, "F1") for n, line in enumerate(single[k * 60:(k + 1) * 60])] + slug(k + 1)
             for k in range(2)]
    runs, _ = flow(wrap(prose(560, seed=5), WIDTH, SIZE), 60.0, 700.0)
    source = make_placed_pdf(tmp_path / "slug.pdf", [*pages, runs + slug(3)])
    text = notice_text(source)
    assert "Printed" not in text and "Form 4702" not in text


#: A table of three columns as a word processor sets it when the text of its cells is justified:
#: a short label, prose filling the second column to its edge, a list in the narrow third.
CELL_SIZE = 10.0
CELL_PITCH = 16.5
LABEL_X, TEXT_X = 52.0, 167.0
HEAD = ("Category of", "personal data")
KINDS, PURPOSES = "Kinds of personal data", "Purposes"


def justified(words: list[str], left: float, right: float, top: float, font: str = "F1") -> list[Placed]:
    """One line of ``words`` stretched from ``left`` to ``right`` (a justified line), a run per word."""
    spare = right - left - sum(text_width(w, CELL_SIZE) for w in words)
    space = spare / (len(words) - 1) if len(words) > 1 else 0.0
    runs, x = [], left
    for word in words:
        runs.append((x, top, word, CELL_SIZE, font))
        x += text_width(word, CELL_SIZE) + space
    return runs


def justified_lines(words: list[str], left: float, right: float, top: float) -> tuple[list[Placed], float]:
    """``words`` wrapped to ``left``..``right`` and justified (the last line ragged); the runs and the
    top under them."""
    lines = wrap(words, right - left, CELL_SIZE)
    runs: list[Placed] = []
    for n, line in enumerate(lines):
        y = top + n * CELL_PITCH
        runs += justified(line.split(), left, right, y) if n + 1 < len(lines) else [(left, y, line, CELL_SIZE, "F1")]
    return runs, top + len(lines) * CELL_PITCH


def header_runs(top: float) -> tuple[list[Placed], float, float]:
    """The bold header row, its second and third cells one word space apart (the third set left of its
    column, as the header row's own cell widths put it); the runs, the second column's right edge
    (where the header's second cell ends) and the third column's left edge."""
    kinds_end = TEXT_X + text_width(KINDS, CELL_SIZE)
    runs: list[Placed] = [(LABEL_X, top, HEAD[0], CELL_SIZE, "F2"), (LABEL_X, top + 16.6, HEAD[1], CELL_SIZE, "F2"),
                          (TEXT_X, top + 8.3, KINDS, CELL_SIZE, "F2"),
                          (kinds_end + 4, top + 8.3, PURPOSES, CELL_SIZE, "F2")]
    return runs, kinds_end, kinds_end + 24


def items_runs(items: list[list[str]], left: float, right: float, top: float) -> tuple[list[Placed], float]:
    """List items in a cell: a bullet at ``left``, each item's lines justified from 14 points in."""
    runs: list[Placed] = []
    for item in items:
        runs.append((left, top, "\u2022", CELL_SIZE, "F1"))
        placed, top = justified_lines(item, left + 14, right, top)
        runs += placed
    return runs, top


def test_a_table_under_its_repeated_header_row_is_no_page_of_columns(tmp_path: Path) -> None:
    """A table of three unruled columns over two pages, its bold header row repeated atop the second
    and the header's third cell set a word space after its second, left of the column under it. The
    columns come from the body rows, so the header has three cells; on the second page the third
    column's justified list leaves a white strip like a page gutter, but a row of header cells over
    it makes it a table's column: one table, its header once, every item in a cell."""
    fonts = {"F2": named_font("Sans-Bold", "/FontWeight 700")}  # bold, in the widths text_width measures
    head, text_right, list_x = header_runs(130.0)
    list_right = list_x + 130
    rows = [("Identity", prose(60), [prose(12, seed=3), prose(9, seed=5), prose(14, seed=11)]),
            ("Contact", prose(40, seed=5), [prose(10, seed=3) for _ in range(9)])]
    intro = wrap(["We", *prose(40, seed=17), "keep:"], 430, CELL_SIZE)
    first: list[Placed] = [(LABEL_X, 40.0, TITLE, 16.0, "F2"),
                           *[(LABEL_X, 70.0 + CELL_PITCH * n, line, CELL_SIZE, "F1") for n, line in enumerate(intro)]]
    first += head
    top = 180.0
    for label, text, items in rows[:1]:
        cell, under_text = justified_lines(text, TEXT_X, text_right, top)
        listed, under_list = items_runs(items, list_x, list_right, top)
        first += [(LABEL_X, top, label, CELL_SIZE, "F1"), *cell, *listed]
        top = max(under_text, under_list) + 10
    second, _, _ = header_runs(60.0)
    label, text, items = rows[1]
    cell, _ = justified_lines(text, TEXT_X, text_right, 110.0)
    listed, _ = items_runs(items, list_x, list_right, 110.0)
    second += [(LABEL_X, 110.0, label, CELL_SIZE, "F1"), *cell, *listed]
    source = make_placed_pdf(tmp_path / "headed.pdf", [first, second], fonts=fonts)
    page = read_pdf(source)[1]
    assert layout.find_gutters(list(page.words))  # the second page alone looks like page columns
    text = notice_text(source)
    assert text.count(f"| **{' '.join(HEAD)}** | **{KINDS}** | **{PURPOSES}** |") == 1
    assert [line for line in text.splitlines() if line.startswith("#")] == [f"# {TITLE}"]  # the header is no heading
    table = [line for line in text.splitlines() if line.startswith("|")]
    for label, words, items in rows:
        row = next(line for line in table if line.startswith(f"| {label} |"))
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[1] == " ".join(words)
        assert cells[2] == "<br>".join(f"- {' '.join(item)}" for item in items)


def test_two_columns_opened_by_heads_at_one_height_stay_page_columns(tmp_path: Path) -> None:
    """Two page columns each opening with a bold head at the same height (a numbered head whose
    number a tab sets apart in the first): heads of columns, not a table's header row of cells."""
    fonts = {"F2": named_font("Helvetica-Bold", "/FontWeight 700")}
    lefts, width = (45.0, 320.0), 245.0
    first = wrap(["Start", *prose(500), "end."], width, SIZE)
    second = wrap(["Then", *prose(500, seed=5), "done."], width, SIZE)
    runs: list[Placed] = [(lefts[0], 60.0, "1.", SIZE, "F2"), (lefts[0] + 24, 60.0, "Data we keep", SIZE, "F2"),
                          (lefts[1], 60.0, "Your rights", SIZE, "F2")]
    runs += [(lefts[0], 80.0 + PITCH * n, line, SIZE, "F1") for n, line in enumerate(first)]
    runs += [(lefts[1], 80.0 + PITCH * n, line, SIZE, "F1") for n, line in enumerate(second)]
    source = make_placed_pdf(tmp_path / "heads.pdf", [runs], fonts=fonts)
    page = read_pdf(source)[0]
    gutters = layout.find_gutters(list(page.words))
    assert gutters and not layout.table_header_atop(list(page.words), gutters)
    found = paragraphs(notice_text(source))
    assert " ".join(first) in found
    assert " ".join(second) in found


def test_a_row_going_on_in_the_last_column_only_under_the_repeated_header_stays_in_the_table(
        tmp_path: Path) -> None:
    """The page break cut a row whose list in the third column goes on alone atop the next page,
    under the repeated header, before the text that follows the table: with no line of the second
    column there to show its edge, the header's third cell is the one after its widest space, and
    the lines are the rest of the table (not the header as headings and the items as a list), and
    the items go on in the cell of the row the break cut."""
    fonts = {"F2": named_font("Sans-Bold", "/FontWeight 700")}
    head, text_right, list_x = header_runs(130.0)
    list_right = list_x + 130
    intro = wrap(["We", *prose(40, seed=17), "keep:"], 430, CELL_SIZE)
    text = prose(50)
    items = [prose(10, seed=3), prose(12, seed=5), prose(9, seed=11)]
    first: list[Placed] = [(LABEL_X, 40.0, TITLE, 16.0, "F2"),
                           *[(LABEL_X, 70.0 + CELL_PITCH * n, line, CELL_SIZE, "F1") for n, line in enumerate(intro)]]
    cell, _ = justified_lines(text, TEXT_X, text_right, 180.0)
    listed, _ = items_runs(items[:1], list_x, list_right, 180.0)
    first += [*head, (LABEL_X, 180.0, "Identity", CELL_SIZE, "F1"), *cell, *listed]
    second, _, _ = header_runs(60.0)
    rest, under = items_runs(items[1:], list_x, list_right, 110.0)
    after = wrap(["Then", *prose(40, seed=5), "done."], 430, CELL_SIZE)
    second += [*rest, *[(LABEL_X, under + 20 + CELL_PITCH * n, line, CELL_SIZE, "F1") for n, line in enumerate(after)]]
    text_md = notice_text(make_placed_pdf(tmp_path / "rest.pdf", [first, second], fonts=fonts))
    assert [line for line in text_md.splitlines() if line.startswith("#")] == [f"# {TITLE}"]
    assert text_md.count(f"| **{' '.join(HEAD)}** | **{KINDS}** | **{PURPOSES}** |") == 1
    row = next(line for line in text_md.splitlines() if line.startswith("| Identity |"))
    assert row.split("|")[3].strip() == "<br>".join(f"- {' '.join(item)}" for item in items)  # the list goes on
    assert " ".join(after) in paragraphs(text_md)


def test_a_header_cell_atop_two_pages_in_two_tables_is_no_running_head(tmp_path: Path) -> None:
    """Two unruled tables, each going on over a page under its repeated bold header row, whose
    headers both name a column "Purpose" (the third column of one, the first of the other): atop
    two pages, in the margin band, the word repeats, but not where it stands, so it is a header
    cell of each table and no running head set aside as furniture."""
    fonts = {"F2": named_font("Sans-Bold", "/FontWeight 700")}
    cookies_x, basis_x = (52.0, 170.0, 270.0, 480.0), (52.0, 214.0, 320.0)
    # cells of many widths, as real ones: no strip between two columns looks like a page gutter
    cookies = [("Name", "Provider", "Purpose", "Lifetime")] + [
        (f"{VOCABULARY[n % 12]}{n}", ("Example Ltd", "Vendor", "A Large Provider")[n % 3],
         " ".join(prose(2 + n % 4, seed=n + 1)), f"{n + 1} days") for n in range(44)]
    basis = [("Purpose", "Legal basis", "Data used")] + [
        (" ".join(prose(2 + n % 3, seed=n + 2)), ("Contract", "Consent", "Legal duty")[n % 3], f"Record {n}")
        for n in range(30)]

    def row(texts: tuple[str, ...], xs: tuple[float, ...], top: float, bold: bool = False) -> list[Placed]:
        return [(x, top, text, CELL_SIZE, "F2" if bold else "F1") for x, text in zip(xs, texts)]

    # every row above the foot's margin band, where a cell repeated with other digits is furniture
    first: list[Placed] = [(52.0, 50.0, TITLE, 16.0, "F2"), (52.0, 270.0, "Cookies we set:", CELL_SIZE, "F1"),
                           *row(cookies[0], cookies_x, 300.0, bold=True)]
    first += [run for n, texts in enumerate(cookies[1:21]) for run in row(texts, cookies_x, 325.0 + 17 * n)]
    second = row(cookies[0], cookies_x, 50.0, bold=True)
    second += [run for n, texts in enumerate(cookies[21:]) for run in row(texts, cookies_x, 75.0 + 17 * n)]
    second += [(52.0, 500.0, "Why we process data:", CELL_SIZE, "F1"), *row(basis[0], basis_x, 530.0, bold=True)]
    second += [run for n, texts in enumerate(basis[1:10]) for run in row(texts, basis_x, 555.0 + 17 * n)]
    third = row(basis[0], basis_x, 50.0, bold=True)
    third += [run for n, texts in enumerate(basis[10:]) for run in row(texts, basis_x, 75.0 + 17 * n)]
    third.append((52.0, 600.0, "That is all we keep.", CELL_SIZE, "F1"))
    text = notice_text(make_placed_pdf(tmp_path / "purpose.pdf", [first, second, third], fonts=fonts))
    assert text.count("| **Name** | **Provider** | **Purpose** | **Lifetime** |") == 1
    assert text.count("| **Purpose** | **Legal basis** | **Data used** |") == 1
    assert sum(line.startswith("|---") for line in text.splitlines()) == 2  # one table each, over its pages
    assert [line for line in text.splitlines() if line.startswith("#")] == [f"# {TITLE}"]
    assert all(f"| {' | '.join(texts)} |" in text for texts in cookies[1:] + basis[1:])


def test_a_paragraph_cut_after_an_abbreviation_the_document_uses_goes_on_in_the_next_column(tmp_path: Path) -> None:
    """A column ends in "bzw.", the next opens with a capitalised noun; the text writes "bzw. die"
    inside a sentence higher up, so that period shortens a word and the paragraph goes on."""
    rows = int((740.0 - 60.0) / PITCH) + 1  # the lines one column holds
    head = wrap(["First", *prose(100), "bzw.", "die", *prose(900)], WIDTH, SIZE)[:rows - 1] + ["notice bzw."]
    tail = wrap(["Vereinbarungen", *prose(300, seed=5), "last."], WIDTH, SIZE)
    runs, column = flow(head + tail, 60.0, 740.0)
    assert column == 1 and runs[rows][0] == LEFTS[1]  # the break falls right after "bzw."
    source = make_placed_pdf(tmp_path / "abbreviation.pdf", [runs])
    assert " ".join(head + tail) in paragraphs(notice_text(source))
