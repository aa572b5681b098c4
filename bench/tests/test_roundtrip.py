"""Unit tests for the round trip: the source reader, the gold writer, the scorer (a perfect and a
broken extraction of a tiny document) and one real producer (WeasyPrint, which the project ships)."""

from __future__ import annotations

from pathlib import Path

import metrics as m
import pytest
from roundtrip import gold, page, presence, producers, run, source

TINY = """---
title: Tiny
lang: en
effective: 2026-03-01
running_head: Tiny Ltd notice
---

# Tiny Notice

Effective date: 1 March 2026

See [Contact](#contact) or https://example.org printed as text.

## Data {#data}

- name
    - e-mail
- phone

1. first step
2. second step

| Name | Purpose |
|---|---|
| _ga | - tells visitors apart<br>- counts visits |

|   |   |
|---|---|
| **Hosting**<br>Sweden | **Mail**<br>Finland |

Tiny Ltd<br>Box 1<br>111 22 Stockholm

## Contact {#contact}

Write to [privacy@tiny.example](mailto:privacy@tiny.example).
"""


@pytest.fixture
def tiny(tmp_path: Path) -> source.Document:
    path = tmp_path / "tiny.md"
    path.write_text(TINY, encoding="utf-8")
    return source.read_document(path)


NUMBERED = source.Style("numbered", numbered=True)
PLAIN = source.Style("plain")


# --- source and gold ----------------------------------------------------------------------------


def test_read_document_keeps_blocks_in_order(tiny: source.Document) -> None:
    kinds = [type(b).__name__ for b in tiny.blocks]
    assert kinds == ["Paragraph", "Paragraph", "Heading", "ListBlock", "ListBlock", "Table", "Table",
                     "Paragraph", "Heading", "Paragraph"]
    assert (tiny.title, tiny.name, tiny.effective, tiny.running_head) == (
        "Tiny Notice", "tiny", "2026-03-01", "Tiny Ltd notice")
    items = next(b for b in tiny.blocks if isinstance(b, source.ListBlock))
    assert [(i.level, i.text) for i in items.items] == [(0, "name"), (1, "e-mail"), (0, "phone")]
    grid = [b for b in tiny.blocks if isinstance(b, source.Table)][1]
    assert grid.header is None


def test_numbered_style_renumbers_headings_and_follows_links(tiny: source.Document) -> None:
    gold = source.gold_markdown(source.styled(tiny, NUMBERED))
    assert "## 1. Data {#1-data}" in gold and "## 2. Contact {#2-contact}" in gold
    assert "[Contact](#2-contact)" in gold
    assert "[Contact](#contact)" in source.gold_markdown(source.styled(tiny, PLAIN))


def test_gold_drops_cell_list_markers_and_writes_a_grid_with_a_header_row(tiny: source.Document) -> None:
    gold = source.gold_markdown(tiny)
    assert "| _ga | tells visitors apart<br>counts visits |" in gold
    assert "| **Hosting**<br>Sweden | **Mail**<br>Finland |\n|---|---|\n" in gold
    assert "effective: 2026-03-01" in gold.split("---")[1]


def test_lines_ending_in_a_hard_break_are_one_paragraph_with_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "address.md"
    path.write_text("# Address\n\nWrite to:\n\nTiny Ltd  \nBox 1  \n111 22 Stockholm\n\nor\n\nCall us.\n",
                    encoding="utf-8")
    document = source.read_document(path)
    assert [b.text for b in document.blocks if isinstance(b, source.Paragraph)] == [
        "Write to:", "Tiny Ltd<br>Box 1<br>111 22 Stockholm", "or", "Call us."]
    assert "<p>Tiny Ltd<br>Box 1<br>111 22 Stockholm</p>" in page.document_html(document, PLAIN)
    assert "\n\nTiny Ltd<br>Box 1<br>111 22 Stockholm\n\nor\n\n" in source.gold_markdown(document)


def test_page_nests_lists_and_draws_bullets_as_shapes(tiny: source.Document) -> None:
    html = page.document_html(tiny, source.Style("shapes", vector_bullets=True))
    assert "<ul><li>name<ul><li>e-mail</li></ul></li><li>phone</li></ul>" in html
    assert "<td>_ga<br><ul><li>tells visitors apart</li>" not in html  # the list opens the cell
    assert "<td><ul><li>tells visitors apart</li><li>counts visits</li></ul></td>" in html
    assert "list-style: none" in html and "@top-center" in html
    assert "@top-center" not in page.document_html(tiny, PLAIN, margin_boxes=False)
    assert "<title>tiny.docx</title>" in html and "<h1>Tiny Notice</h1>" in html


def test_a_table_too_wide_for_its_page_column_spans_the_columns(tiny: source.Document) -> None:
    two_columns = source.Style("two", serif=False, columns=2)
    narrow = next(b for b in tiny.blocks if isinstance(b, source.Table))
    long_word = "Personaluppgiftsbehandlingsansvarig"  # 35 letters: three such columns pass 234 pt
    wide = source.Table(None, ((tuple([long_word]),) * 3,))
    assert not page.spans_columns(narrow, two_columns) and page.spans_columns(wide, two_columns)
    assert not page.spans_columns(wide, PLAIN)  # one column: the table has the page's width
    assert page.column_width_pt(two_columns) == pytest.approx(233.9, abs=0.1)
    spanned = page.block_html(wide, two_columns)
    assert spanned.startswith('<div class="span"><table class="grid">') and spanned.endswith("</table></div>")
    assert page.block_html(narrow, two_columns).startswith('<table class="data">')
    assert "div.span { column-span: all; }" in page.stylesheet(tiny, two_columns)


# --- scorer -------------------------------------------------------------------------------------


def test_perfect_extraction_scores_one(tiny: source.Document) -> None:
    gold = source.gold_markdown(source.styled(tiny, NUMBERED))
    scores = run.score(gold, gold, ("Tiny Ltd notice",))
    assert scores.block_f1 == 1.0
    assert set(scores.per_kind_f1.values()) == {1.0}
    assert (scores.word_similarity, scores.heading_level_accuracy) == (1.0, 1.0)
    assert (scores.garbled, scores.furniture) == (0, 0)


def test_broken_extraction_scores_below_one(tiny: source.Document) -> None:
    gold = source.gold_markdown(source.styled(tiny, NUMBERED))
    broken = (
        gold.replace("## 2. Contact", "### 2. Contact")  # wrong level
        .replace("- phone", "phone")  # an item read as a paragraph
        .replace("Tiny Ltd<br>Box 1<br>111 22 Stockholm", "Tiny Ltd\n\nBox 1\n\n111 22 Stockholm")
        .replace("[Contact](#2-contact)", "Contact")  # link lost
        .replace("first step", "fi\ufffdrst step")
        + "\nTiny Ltd notice\n\nPage 2 of 3\n"
    )
    scores = run.score(gold, broken, ("Tiny Ltd notice",))
    assert scores.block_f1 < 1.0
    assert scores.per_kind_f1["heading"] < 1.0 and scores.per_kind_f1["link"] < 1.0
    assert scores.per_kind_f1["item"] < 1.0 and scores.per_kind_f1["paragraph"] < 1.0
    assert scores.heading_level_accuracy == pytest.approx(2 / 3)  # title, Data right; Contact not
    assert scores.word_similarity < 1.0
    assert (scores.garbled, scores.furniture) == (1, 2)


def test_block_scores_pair_headings_only_at_the_same_level() -> None:
    gold = "# T\n\n## A\n\n### B\n"
    assert m.block_scores(gold, "# T\n\n## A\n\n## B\n").per_kind["heading"].f1 == pytest.approx(2 / 3)
    assert m.block_scores(gold, "## T\n\n### A\n\n#### B\n").overall.f1 == 1.0  # levels are re-based


def test_count_furniture_strings_finds_merged_and_browser_margins() -> None:
    md = "Body text.\n\n11/29/26, 2:05 PM notice.docx\n\n2/3\n\nfile:///tmp/x.html 1/3\n\nText Tiny Ltd notice more\n"
    assert m.count_furniture_strings(md, ["Tiny Ltd notice", "file:///tmp/x.html"]) == 4
    assert m.count_furniture_strings("Body text.\n\nOne / two\n", ["Tiny Ltd notice"]) == 0


def test_count_garbled() -> None:
    assert m.count_garbled("Dri\ufffde \ue000 (cid:12) fine\tand\nok") == 3


def test_effective_line_in_front_matter_is_credited_only_with_the_right_date(tiny: source.Document) -> None:
    gold = source.gold_markdown(tiny)
    moved = gold.replace("effective: 2026-03-01", "effective: 2026-03-01\neffective_label: Effective date")
    moved = moved.replace("Effective date: 1 March 2026\n\n", "")
    assert run.score(gold, moved, ()).block_f1 == 1.0
    wrong = moved.replace("effective: 2026-03-01", "effective: 2026-04-01")
    assert run.score(gold, wrong, ()).per_kind_f1["paragraph"] < 1.0


# --- one producer end to end ----------------------------------------------------------------------


def test_weasyprint_rendering_has_the_gold_words_and_named_destinations(
    tiny: source.Document, tmp_path: Path
) -> None:
    import pdfplumber

    styled = source.styled(tiny, NUMBERED)
    rendering = run.render(tiny, NUMBERED, "weasyprint", tmp_path)
    assert rendering.pages == 1 and rendering.furniture == ("Tiny Ltd notice",)
    with pdfplumber.open(rendering.pdf) as pdf:
        text = pdf.pages[0].extract_text()
        names = pdf.doc.catalog.get("Dests") or pdf.doc.catalog.get("Names")
    assert "Tiny Ltd notice" in text and "Page 1 of 1" in text
    assert "1. Data" in text and "2. Contact" in text
    assert names is not None
    # the gold scored is the source's, with printed addresses linked as our writer and the site link them
    assert rendering.gold.read_text(encoding="utf-8") == gold.linked_gold(source.gold_markdown(styled))
    assert producers.furniture_strings("libreoffice-odt", styled, rendering.pdf) == ()


def test_the_scored_gold_escapes_underscores_as_our_writer_does(tiny: source.Document) -> None:
    scored = gold.linked_gold(source.gold_markdown(tiny))
    assert "| \\_ga |" in scored  # "_ga" printed in a cell is "_ga" read back, not an emphasis opened
    assert "[privacy@tiny.example](mailto:privacy@tiny.example)" in scored  # links are left alone
    assert "_ga" in m.table_cells(m.parse_markdown(scored).tables)


def test_the_scored_gold_links_a_printed_address_with_its_printed_text() -> None:
    scored = gold.linked_gold("---\ntitle: T\n---\nSee www.tiny.example/cookies; or https://tiny.example/a.\n")
    # as the extractor writes it: the text as printed, the link over https when no scheme is printed
    assert "See [www.tiny.example/cookies](https://www.tiny.example/cookies); or <https://tiny.example/a>." in scored


def test_a_tool_whose_program_is_missing_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(run.TOOLS, "ours", "no-such-extractor-here {pdf} {out}")
    assert run.missing_tool("ours") == "no-such-extractor-here not found"
    monkeypatch.setattr(run.shutil, "which", lambda name: None if name == "java" else "/bin/true")
    assert "java not on PATH" in (run.missing_tool("opendataloader") or "")


def test_gold_links_printed_addresses_as_the_extractor_writes_them() -> None:
    """An address printed with its scheme is an autolink; one printed as ``www.…`` keeps its printed
    text over https (``notice.markdown.render_span``), so the link block's text is what the page shows."""
    line = "See https://example.org/a, www.example.org/cookies; or write to privacy@example.org."
    assert gold.link_printed_addresses(line) == (
        "See <https://example.org/a>, [www.example.org/cookies](https://www.example.org/cookies); or write to"
        " [privacy@example.org](mailto:privacy@example.org).")


def test_gold_escapes_printed_underscores_but_not_those_of_addresses() -> None:
    """A cookie named ``_ga`` is written ``\\_ga`` as the extractor writes it, which the scorer reads
    as the name (a bare ``_`` it takes for emphasis); an address keeps its underscores."""
    line = "| _ga | see https://example.org/a_b or [x](https://example.org/c_d) {#e_f} |"
    assert gold.link_printed_addresses(line) == (
        "| \\_ga | see <https://example.org/a_b> or [x](https://example.org/c_d) {#e_f} |")
    assert m.inline_to_normal(gold.link_printed_addresses("_ga")) == "_ga"


# --- every producer prints the whole gold -------------------------------------------------------


def test_a_pdf_that_lost_its_title_is_told_from_one_that_prints_it(tiny: source.Document, tmp_path: Path) -> None:
    """The check that every rendering holds its gold: the tiny page printed whole, and printed
    without its title (as LibreOffice's Writer/Web export left the English example's page)."""
    import weasyprint

    styled = source.styled(tiny, NUMBERED)
    scored = gold.linked_gold(source.gold_markdown(styled))
    html = page.document_html(styled, NUMBERED)
    whole, untitled = tmp_path / "whole.pdf", tmp_path / "untitled.pdf"
    weasyprint.HTML(string=html).write_pdf(whole)
    weasyprint.HTML(string=html.replace("<h1>Tiny Notice</h1>", "")).write_pdf(untitled)
    assert presence.gold_missing_from_pdf(scored, whole) == []
    assert presence.gold_missing_from_pdf(scored, untitled) == ["Tiny Notice"]


def test_a_block_is_found_in_pieces_but_not_from_words_it_shares() -> None:
    """Lines drawn apart (a cell's lines between another cell's, hyphenated words) are found; a
    block whose words all occur elsewhere, but not together, is not."""
    stream = "HostingServers in Sweden andPaymentsA licensed paymentFinlandinstitution per-\nsonal data"
    assert presence.missing_blocks(["A licensed payment institution", "Servers in Sweden and Finland",
                                    "personal data"], stream) == []
    assert presence.missing_blocks(["Sweden Payments Hosting"], stream) == ["Sweden Payments Hosting"]


@pytest.mark.parametrize("producer", list(producers.PRODUCERS))
def test_every_producer_prints_every_block_of_the_gold(
    producer: str, tiny: source.Document, tmp_path: Path
) -> None:
    """A producer that loses text makes a test input no tool can read whole; the round trip would
    charge every tool for it. (LibreOffice's .odt lost the title before it imported the page as a
    Writer document.)"""
    try:
        rendering = run.render(tiny, NUMBERED, producer, tmp_path)
    except producers.Unavailable as exc:
        pytest.skip(str(exc))
    assert rendering.missing == ()
    assert run.missing_text_notes([rendering]) == []


def test_keep_pdf_reuses_a_cached_pdf_whose_key_is_stale(tiny: source.Document, tmp_path: Path) -> None:
    """A change to the bench's code rekeys every producer's PDFs; ``keep_pdf`` takes the cached one
    as it is (and stamps it), where a plain render makes it again."""
    first = run.render(tiny, PLAIN, "weasyprint", tmp_path)
    key_file = first.pdf.with_suffix(".key")
    current = key_file.read_text()
    first.pdf.write_bytes(first.pdf.read_bytes() + b"%kept\n")  # marks the cached file
    key_file.write_text("stale")
    kept = run.render(tiny, PLAIN, "weasyprint", tmp_path, keep_pdf=True)
    assert kept.pdf.read_bytes().endswith(b"%kept\n") and key_file.read_text() == current
    key_file.write_text("stale")
    remade = run.render(tiny, PLAIN, "weasyprint", tmp_path)
    assert not remade.pdf.read_bytes().endswith(b"%kept\n") and key_file.read_text() == current
