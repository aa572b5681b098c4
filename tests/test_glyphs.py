"""Glyphs a PDF maps to no character: ligatures read back from the words around them, one decision
per glyph of a font for the whole document; what cannot be told is reported, never guessed, and
`notice check` refuses it (tests/test_check.py, case 'unreadable-glyph')."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from notice.extraction import glyphs
from notice.extraction.layout import Line, bullet_of
from notice.extraction.pdf import UNREADABLE, PageContent, Word

from .conftest import ROOT, SHARED

TT, FT = "Font@0.634", "Font@0.616"  # two ligature glyphs of one font, told apart by their advance


def word(text: str, keys: tuple[str, ...] = (), x: float = 72.0) -> Word:
    return Word(text.replace("?", UNREADABLE), x, x + 40, 100, 110, 10, False, 1, glyphs=keys)


def page(*words: Word) -> tuple[PageContent, ...]:
    return (PageContent(1, 595, 842, words, ()),)


def test_each_glyph_is_read_as_the_ligature_its_words_agree_on() -> None:
    pages = page(word("Dri?e", (TT,)), word("Mi?eilung", (TT,)), word("Auskun?", (FT,)), word("Herkun?", (FT,)),
                 word("vorschri?lich", (FT,)), word("Mittel"))
    known = {"dritte", "mitteilung", "auskunft", "herkunft", "vorschrift"}  # 'vorschriftlich': a known part
    read = glyphs.resolve(pages, known)
    assert read.letters == {TT: "tt", FT: "ft"}
    assert [w.text for w in read.pages[0].words] == ["Dritte", "Mitteilung", "Auskunft", "Herkunft",
                                                      "vorschriftlich", "Mittel"]
    assert read.unresolved == ()


def test_a_word_with_two_unknown_glyphs_waits_for_one_of_them() -> None:
    pages = page(word("Dri?e", (TT,)), word("Au?ri?", (FT, TT)))
    read = glyphs.resolve(pages, {"dritte", "auftritt"})
    assert [w.text for w in read.pages[0].words] == ["Dritte", "Auftritt"]


def test_the_documents_own_words_count_as_known() -> None:
    read = glyphs.resolve(page(word("Dri?e", (TT,)), word("Dritte")))
    assert read.pages[0].words[0].text == "Dritte"


@pytest.mark.parametrize(
    "words, known",
    [
        ((word("Dri?e", (TT,)),), set()),  # nothing to go by
        ((word("Dri?e", (TT,)),), {"drifte", "dritte"}),  # two ligatures make known words: a tie
    ],
)
def test_what_cannot_be_told_stays_unreadable_and_is_reported(words: tuple[Word, ...], known: set[str]) -> None:
    read = glyphs.resolve(page(*words), known)
    assert read.letters == {}
    assert [(u.word, u.page) for u in read.unresolved] == [("Dri\ufffde", 1)]


def test_a_glyph_alone_is_a_symbol_not_letters() -> None:
    bullet = word("?", ("Symbol@0.460",))
    read = glyphs.resolve(page(bullet, word("Browsertyp", x=90)), {"st", "ff", "browsertyp"})
    assert read.pages[0].words[0].text == UNREADABLE and read.unresolved == ()
    assert bullet_of(Line((bullet, word("Browsertyp", x=90)))) == UNREADABLE  # it opens a list item
    assert bullet_of(Line((word("?nden", ("F@0.53",)), word("Sie", x=120)))) is None  # a word, not a bullet


def test_vocabulary_from_markdown_files_and_folders(tmp_path: Path) -> None:
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "index.md").write_text("# Datenschutz\n\nDie Dritte [hier](https://x.test).\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Auskunft", encoding="utf-8")
    assert glyphs.vocabulary_from([tmp_path / "de", tmp_path / "notes.txt"]) == {
        "datenschutz", "die", "dritte", "hier", "https", "x", "test", "auskunft"}


LIGATURE_PDF = SHARED / "realpdfs" / "de_lebenstraum_datenschutz.pdf"


@pytest.mark.skipif(not LIGATURE_PDF.exists(), reason="needs ../shared/realpdfs beside the clone")
def test_unmapped_ligatures_of_a_real_pdf(tmp_path: Path) -> None:
    """Affinity Publisher + PDFlib map Calibri's tt/ft/ti/tf/fb ligatures and the Symbol bullet to
    U+FFFD. With no vocabulary but its own words some stay unreadable: they are named, and fail the
    conservation check until --allow-loss. With the project's German notice as vocabulary every one
    is read back (the compounds 'Kontaktformular', 'entfällt' from their parts, 'Aufbewahrung' from
    the stem of 'aufbewahren')."""
    out = tmp_path / "de.md"
    command = [sys.executable, "-m", "notice.cli", "extract", str(LIGATURE_PDF), "--lang", "de", "--out", str(out)]
    (tmp_path / "none").mkdir()
    refused = subprocess.run(command + ["--vocabulary", str(tmp_path / "none")], cwd=ROOT, capture_output=True,
                             text=True)
    assert refused.returncode == 1 and "hold an unreadable glyph (" in refused.stderr
    assert not out.exists()
    left = [line for line in refused.stderr.splitlines() if "maps to no character" in line]
    assert left and all("page " in line and "\ufffd" in line for line in left)
    result = subprocess.run(command + ["--vocabulary", str(ROOT / "docs" / "de")], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    for spelled in ("Informationen", "Mitteilung", "Auskunft", "automatisch", "https://", "Dritte", "Kontaktformular",
                    "entfällt", "Aufbewahrung Ihrer Daten", "Aufbewahrungsfristen"):
        assert spelled in text
    assert "- Browsertyp und Browserversion\n- verwendetes Betriebssystem\n" in text  # the Symbol bullets
    assert UNREADABLE not in text


def test_a_ligature_joining_two_parts_of_a_compound_is_read_from_the_parts() -> None:
    """'Kontak?ormular': no known word holds the ligature, but the word splits inside it into the
    start of a known word and the end of another ('kontakt|formular'); 'kontakti|ormular' does not
    count ('ormular' is no word), so 'ti' does not tie with 'tf'. 'Dri?anbietern' splits at the
    ligature's edge into a known start and a whole known word."""
    tf, tt = "Font@0.612", "Font@0.634"
    pages = page(word("Kontak?ormular", (tf,)), word("Dri?anbietern", (tt,)))
    read = glyphs.resolve(pages, {"kontaktdaten", "kontaktieren", "anfrageformular", "dritten", "anbietern"})
    assert [w.text for w in read.pages[0].words] == ["Kontaktformular", "Drittanbietern"]
    assert glyphs.resolve(pages, {"kontaktdaten", "anbietern"}).unresolved != ()  # no tail: left for the editor


def test_whole_words_outvote_compound_parts() -> None:
    """Compound evidence is only heard for a glyph whole words leave open: one whole word for 'ti'
    decides it, though a compound split would vote 'tf' as often."""
    key = "Font@0.55"
    pages = page(word("Informa?onen", (key,)), word("Kontak?ormular", (key,)))
    read = glyphs.resolve(pages, {"informationen", "kontaktdaten", "anfrageformular"})
    assert read.letters == {key: "ti"}


def test_a_ligature_inside_a_known_stem_is_read_from_the_stem() -> None:
    """'Au?ewahrung': no known word holds it whole and 'auf|bewahrung' has no known head of five
    letters, but 'aufbewahren' is known: the word shares its start through the ligature and five
    letters on, so the glyph is 'fb' (another ending of one stem). Likewise a word that ends as a
    known word does from five letters before the ligature ('Bankgeschä?' beside 'Handelsgeschäft')."""
    fb = "Font@0.825"
    read = glyphs.resolve(page(word("Au?ewahrung", (fb,)), word("Au?ewahrungsfristen", (fb,))), {"aufbewahren"})
    assert read.letters == {fb: "fb"}
    assert [w.text for w in read.pages[0].words] == ["Aufbewahrung", "Aufbewahrungsfristen"]
    tail = glyphs.resolve(page(word("Bankgeschä?", ("Font@0.616",))), {"handelsgeschäft"})
    assert [w.text for w in tail.pages[0].words] == ["Bankgeschäft"]
    short = glyphs.resolve(page(word("Au?ewahrung", (fb,))), {"aufbewegen"})  # 2 letters on in common: too few
    assert short.letters == {} and [u.word for u in short.unresolved] == ["Au\ufffdewahrung"]
