"""Every word of the text layer is accounted for; a dropped word is caught and named with its page."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from notice.extraction import conservation, layout, pdf, structure
from notice.model import Paragraph, Removed, Span

from .conftest import SOURCES, run_notice

SV = SOURCES / "allegis-privacy-notice-sv.pdf"


def extracted() -> tuple[tuple[pdf.PageContent, ...], structure.Notice]:
    pages = pdf.read_pdf(SV)
    options = structure.Options(lang="sv", back_to_top=("Tillbaka till början",))
    return pages, structure.build_notice(layout.analyse(pages), SV, "0" * 64, options)


def test_swedish_notice_loses_nothing() -> None:
    pages, notice = extracted()
    report = conservation.account(pages, notice)
    assert report.lost == ()
    assert report.words > 4000 and report.removed["back-to-top"] == 75  # 25 phrases of three words
    assert report.body + sum(report.removed.values()) == report.words


def test_a_dropped_section_is_reported_with_its_page() -> None:
    pages, notice = extracted()
    dropped = notice.sections[5]
    report = conservation.account(pages, dataclasses.replace(notice, sections=notice.sections[:5] + notice.sections[6:]))
    assert len(report.lost) >= len(dropped.heading.split())
    assert {page for _, page in report.lost} == {dropped.source.page}


def test_the_run_prints_and_writes_the_report(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = run_notice("extract", str(SV), "--lang", "sv", "--out", str(tmp_path / "sv.md"), "--report", str(report))
    assert result.returncode == 0
    assert "allegis-privacy-notice-sv.pdf: 4231 words: 4153 body" in result.stderr and "; 0 lost" in result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data[0]["lost"] == [] and data[0]["words"] == 4231


def test_batch_of_files_with_progress_lines(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.pdf", "b.pdf"):
        (folder / name).write_bytes(SV.read_bytes())
    (folder / "c.pdf").write_bytes(b"not a pdf")
    out = tmp_path / "out"
    out.mkdir()
    result = run_notice("extract", str(folder), "--lang", "sv", "--out-dir", str(out))
    assert result.returncode == 1  # one of three failed
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "b.md"]
    assert "[1/3] a.pdf: 0 words lost (15/30 pages" in result.stderr
    assert "[3/3] c.pdf: error:" in result.stderr and "2 of 3 PDFs extracted, 1 failed" in result.stderr


def test_a_title_that_is_on_no_page_fails_the_check() -> None:
    """A document-information title the page never shows is invented text, not conserved text."""
    pages, notice = extracted()
    report = conservation.account(pages, dataclasses.replace(notice, title="Microsoft Word - Integritetspolicy2019"))
    assert report.failed and report.invented == ("microsoft", "word", "integritetspolicy2019")
    assert "3 invented" in report.summary()
    assert not conservation.account(pages, notice).failed


def test_a_garbled_word_fails_the_check() -> None:
    """'Dri\ufffde' matches the text layer token for token, but the reader cannot read it."""
    pages, notice = extracted()
    first = notice.sections[0]
    para = next(b for b in first.blocks if isinstance(b, Paragraph))
    garbled = Paragraph((Span("Personuppgi\ufffder och (cid:431) "),) + para.spans, para.source)
    blocks = tuple(garbled if b is para else b for b in first.blocks)
    report = conservation.account(pages, dataclasses.replace(
        notice, sections=(dataclasses.replace(first, blocks=blocks),) + notice.sections[1:]))
    assert report.failed and report.garbled == ("Personuppgi\ufffder", "(cid:431)")


def test_a_table_header_repeated_on_the_next_page_is_dropped_and_accounted(tmp_path: Path) -> None:
    """A browser print repeats a long table's header row on every page; the extractor keeps it once,
    and the check counts the repeats as removed on purpose, not lost."""
    import weasyprint

    cell = 'style="border: 1px solid black"'
    rows = "".join(f"<tr><td {cell}>Cookie number {i}</td><td {cell}>Keeps session {i} open</td></tr>" for i in range(60))
    html = (f'<html lang="en"><body style="font: 11pt DejaVu Sans"><h1>Cookie notice</h1><p>We use these.</p>'
            f'<table style="border-collapse: collapse"><thead><tr><th {cell}>Name</th><th {cell}>Purpose</th></tr>'
            f"</thead><tbody>{rows}</tbody></table><p>That is all.</p></body></html>")
    source = tmp_path / "table.pdf"
    weasyprint.HTML(string=html).write_pdf(source)
    pages = pdf.read_pdf(source)
    assert len(pages) == 2 and sum(w.text == "Purpose" for p in pages for w in p.words) == 2
    notice = structure.build_notice(layout.analyse(pages), source, "0" * 64, structure.Options(lang="en"))
    report = conservation.account(pages, notice)
    assert report.lost == () and not report.failed
    assert [r.text for r in notice.removed if "Purpose" in r.text] == ["Name Purpose"]


def _words(page: int, text: str) -> tuple[pdf.Word, ...]:
    return tuple(pdf.Word(w, 0, 1, 0, 1, 10, False, page) for w in text.split())


def _accounted(pages_text: list[str], body: str, furniture: list[tuple[str, int]]) -> conservation.Report:
    """Pages of printed words, the paragraph the extractor wrote and the furniture it removed in ->
    the check's report."""
    pages = tuple(pdf.PageContent(n, 595, 842, _words(n, text), ()) for n, text in enumerate(pages_text, 1))
    notice = structure.Notice(
        title="Hinweis", lang="de", effective=None, source="x.pdf", source_sha256="0" * 64,
        preamble=(Paragraph((Span(body),)),), sections=(),
        removed=tuple(Removed("furniture", text, page) for text, page in furniture))
    return conservation.account(pages, notice)


def test_a_word_hyphenated_over_a_page_break_is_accounted_as_one_word() -> None:
    """The rest of a word hyphenated at a page's last line comes after the running foot and head;
    its pieces are neither lost nor the joined word invented."""
    report = _accounted(["Hinweis Wir arbeiten mit Dienst- Seite 1 von 2",
                         "Kopf leistern zusammen und mit Partnern."],
                        "Wir arbeiten mit Dienstleistern zusammen und mit Partnern.",
                        [("Seite 1 von 2", 1), ("Kopf", 2)])
    assert report.lost == () and report.invented == () and not report.failed


def test_a_word_cut_twice_in_a_narrow_cell_is_accounted_as_one_word() -> None:
    """A narrow table cell breaks "Weiterbildungsangebote" twice; the row's other cell is read
    between the pieces."""
    report = _accounted(["Hinweis Weiter- Kurse bildungs- angebote"],
                        "Weiterbildungsangebote Kurse", [])
    assert report.lost == () and report.invented == () and not report.failed


def test_a_piece_that_is_a_word_of_its_own_elsewhere_still_accounts_for_its_head() -> None:
    """"Dienst-" "leistung" in a cell read out of order: the body also has "Leistung" on its own,
    which took the piece before pieces are paired; the head is part of the joined word all the same."""
    report = _accounted(["Hinweis Dienst- Kurse leistung"], "Leistung Kurse Dienstleistung", [])
    assert report.lost == () and report.invented == ()


def test_a_head_with_no_word_to_complete_is_still_lost() -> None:
    report = _accounted(["Hinweis Wir arbeiten mit Dienst- Seite 1 von 2", "Kopf zusammen."],
                        "Wir arbeiten mit zusammen.", [("Seite 1 von 2", 1), ("Kopf", 2)])
    assert [word for word, _ in report.lost] == ["dienst"]


def test_a_piece_that_is_no_word_pairs_before_a_running_head_takes_the_joined_word() -> None:
    """The next page's running head prints the whole word the body has joined ("Alle-" "gis" over a
    page break under the head "Allegis"): the head is furniture, the pieces are the body's word."""
    report = _accounted(["Hinweis Wir danken Alle-", "Allegis gis für alles"],
                        "Für alles danken wir Allegis", [("Allegis", 2)])
    assert report.lost == () and report.invented == () and report.removed == {"furniture": 1}


def test_a_piece_is_not_charged_to_the_removed_text_of_another_page() -> None:
    """Page 3 repeats a table header, which is removed ("Kategorie der Personen- gruppe"); the body's
    "Personen-" "daten" on page 1 has a piece the removed header also holds. The piece pairs on its
    own page, and page 3's header keeps its words."""
    report = _accounted(["Hinweis Wir verarbeiten Personen daten sorgfältig",
                         "Kategorie der Personengruppe Adresse",
                         "Kategorie der Personen gruppe Telefon"],
                        "Wir verarbeiten Personendaten sorgfältig Kategorie der Personengruppe Adresse Telefon",
                        [("Kategorie der Personen gruppe", 3)])
    assert report.lost == () and report.invented == () and report.removed == {"furniture": 4}
