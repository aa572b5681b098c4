"""The Swedish and English notices extract to the committed Markdown, byte for byte,
carry every word of the source, and keep every link of the PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from notice.extraction import fidelity
from notice.extraction.layout import Line, lines_to_blocks
from notice.extraction.pdf import PARALLEL_FROM, Word, read_pdf
from notice.extraction.structure import join_words, without_skips
from notice.markdown import read_headings, section_ids

from .conftest import FIXTURES, ROOT, SOURCES, run_notice
from .pdfgen import Placed, make_pdf, make_placed_pdf, text_width

CASES = [
    ("allegis-privacy-notice-sv.pdf", "sv", "docs/sv/privacy/index.md", []),
    ("allegis-privacy-notice-en.pdf", "en", "docs/en/privacy/index.md", ["--ids-from", "docs/sv/privacy/index.md"]),
]


@pytest.mark.parametrize("pdf, lang, golden, extra", CASES, ids=["sv", "en"])
def test_extract_matches_golden(tmp_path: Path, update_golden: bool, pdf: str, lang: str, golden: str,
                                extra: list[str]) -> None:
    out = tmp_path / "out.md"
    result = run_notice("extract", str(SOURCES / pdf), "--lang", lang, "--out", str(out), *extra)
    assert result.returncode == 0, result.stderr
    if update_golden:
        (ROOT / golden).write_bytes(out.read_bytes())
    assert out.read_bytes() == (ROOT / golden).read_bytes(), f"{golden} differs; review with --update-golden and git diff"


def test_extract_is_deterministic(tmp_path: Path) -> None:
    """Identical bytes on every run, whatever the interpreter's hash seed (set order varies with it)."""
    outputs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"run{seed}.md"
        result = run_notice("extract", str(SOURCES / CASES[0][0]), "--lang", "sv", "--out", str(out),
                            env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_front_matter_and_headings() -> None:
    text = (ROOT / "docs/sv/privacy/index.md").read_text(encoding="utf-8")
    assert re.search(r"^effective: 2019-12-13$", text, re.MULTILINE)
    assert re.search(r"^source: allegis-privacy-notice-sv.pdf$", text, re.MULTILINE)
    assert re.search(r"^source_sha256: [0-9a-f]{64}$", text, re.MULTILINE)
    ids = [section_id for _, section_id in section_ids(text)]
    assert len(ids) == 26 and len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    assert [h.level for h in read_headings(text)].count(1) == 1


def test_swedish_words_survive_in_markdown() -> None:
    """Fidelity against the original text layer; the back-to-top phrase is removed on purpose
    (the site renders it), so it is removed from the reference too."""
    reference = fidelity.words((FIXTURES / "allegis-sv.seed.txt").read_text(encoding="utf-8").replace("Tillbaka till början", ""))
    extracted = fidelity.markdown_words((ROOT / "docs/sv/privacy/index.md").read_text(encoding="utf-8"))
    score = fidelity.similarity(reference, extracted)
    assert score >= 0.99, f"word-sequence similarity {score:.4f} < 0.99"


def test_no_bullet_glyphs_or_hard_breaks() -> None:
    for golden in ("docs/sv/privacy/index.md", "docs/en/privacy/index.md"):
        text = (ROOT / golden).read_text(encoding="utf-8")
        assert not re.search("[\uf0b7\u2022\u25cf]", text), golden
        assert "Tillbaka till början" not in text and "Back to top" not in text, golden
        body = text.split("\n---\n", 1)[1]
        paragraphs = [p for p in body.split("\n\n") if p and p[0].isalpha()]
        assert len(paragraphs) > 50
        # one paragraph is one line, but for hard line breaks (two spaces ending the line: an address)
        assert all("\n" not in p.strip().replace("  \n", "") for p in paragraphs), f"{golden}: a paragraph spans lines"
        assert sum(p.count("  \n") > 0 for p in paragraphs) == 5, f"{golden}: the five address blocks"


@pytest.mark.parametrize("pdf, golden", [(c[0], c[2]) for c in CASES], ids=["sv", "en"])
def test_every_pdf_link_is_kept_once(pdf: str, golden: str) -> None:
    with pdfplumber.open(SOURCES / pdf) as doc:
        uris = {link["uri"] for page in doc.pages for link in page.hyperlinks}
    text = (ROOT / golden).read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r"<((?:https?|mailto):[^>]+)>", text)
    assert uris and uris <= set(targets), f"links lost: {uris - set(targets)}"
    for uri in uris:
        shown = uri.removeprefix("mailto:")
        assert text.count(f"[{shown}]({uri})") + text.count(f"<{uri}>") <= text.count(uri), uri
        assert text.count(f"{shown} [{shown}]") == 0, f"{uri} printed twice"


def test_internal_pdf_links_point_at_their_sections() -> None:
    """The PDF's links into itself (other than back-to-top) land on the heading they point at."""
    expected = [("klicka här", "information-om-allegis-group"), ("Kontakta oss", "kontakta-oss"),
                ("klicka här", "eu-usa-och-schweiz-usa-privacy"), ("Cookies och onlinespårning", "cookies-och-onlinesparning"),
                ("Kontakta oss", "kontakta-oss"), ("Kontakta oss", "kontakta-oss")]
    text = (ROOT / "docs/sv/privacy/index.md").read_text(encoding="utf-8")
    assert re.findall(r"\[([^\]]+)\]\(#([a-z0-9-]+)\)", text) == expected
    ids = {section_id for _, section_id in section_ids(text)}
    assert {target for _, target in expected} <= ids


def lines_of(*lines: str) -> list[Word]:
    """Words laid out one printed line per argument, 12 pt apart."""
    return [Word(text, 72.0 + 40 * i, 100.0 + 40 * i, 100.0 + 12 * n, 110.0 + 12 * n, 10.0, False, 1)
            for n, line in enumerate(lines) for i, text in enumerate(line.split())]


@pytest.mark.parametrize(
    "lines, joined",
    [
        (("Model 737–", "9 airplanes"), "Model 737–9 airplanes"),  # a reference broken at its en dash
        (("Fax: +49 2131 109-", "8000"), "Fax: +49 2131 109-8000"),  # a phone number at its hyphen
        (("go to https://", "www.example.org today"), "go to https://www.example.org today"),
        (("write to dpo@", "example.org"), "write to dpo@example.org"),
        (("cookie personalization_", "id"), "cookie personalization_id"),  # an identifier at its underscore
        (("from 1 to", "9 May"), "from 1 to 9 May"),  # no dash: an ordinary line break
        (("Mitarbeiter-", "2 Gruppen"), "Mitarbeiter- 2 Gruppen"),  # a dash after a word, not a number
        (("mail @", "example"), "mail @ example"),  # a lone '@' is a word of its own
    ],
)
def test_line_breaks_inside_a_token_join_without_space(lines: tuple[str, ...], joined: str) -> None:
    assert "".join(text for text, _ in join_words(lines_of(*lines), set())) == joined


@pytest.mark.parametrize(
    "lines, vocabulary, lang, joined",
    [
        (("die ak-", "tuellen Daten"), {"die", "daten"}, "de", "die aktuellen Daten"),  # hyphenation's break
        (("die ak-", "tuellen Daten"), {"die", "daten"}, "", "die ak-tuellen Daten"),  # no patterns: kept
        (("by e-", "mail, then"), {"by", "then"}, "en", "by e-mail, then"),  # a one-letter head: a compound
        (("a well-", "known firm"), {"a", "firm"}, "en", "a well-known firm"),  # no hyphenation point there
        (("our non-", "personal data"), {"our", "data", "personal"}, "en", "our non-personal data"),  # a word's tail
        (("the service-", "asset list"), {"the", "service", "list"}, "en", "the service-asset list"),  # a word's head
        (("as palavras-", "chave"), {"as", "palavras-chaves"}, "pt", "as palavras-chave"),  # a part of a compound
        (("uns per-", "sönlich"), {"uns", "persönlich"}, "", "uns persönlich"),  # printed whole elsewhere
        (("sälj-", "och marknad"), {"och", "marknad"}, "sv", "sälj- och marknad"),  # a suspended compound
        (("U.S.-", "controlled firms"), {"firms"}, "en", "U.S.-controlled firms"),
        (("see https://x.example/for-eu-", "consumers"), set(), "en", "see https://x.example/for-eu-consumers"),
        (("see https://www.exam-", "ple.org/a"), {"https://www.example.org/a"}, "en",
         "see https://www.example.org/a"),  # an address hyphenated, printed whole elsewhere
        (("mail datasub-", "ject@example.org."), {"mail", "datasubject@example.org"}, "en",
         "mail datasubject@example.org."),
        (("as Shi-", "eld-ramverken"), {"as", "shield"}, "sv", "as Shield-ramverken"),  # the tail's first part
    ],
)
def test_a_line_end_hyphen_goes_when_hyphenation_put_it_there(
        lines: tuple[str, ...], vocabulary: set[str], lang: str, joined: str) -> None:
    assert "".join(text for text, _ in join_words(lines_of(*lines), vocabulary, lang)) == joined


def boxes(paint: str) -> str:
    """A two-column grid of boxes, one row per text line of ``make_pdf``, painted with ``paint``."""
    rows = [f"{x} {640 - 14 * i - 4} {w} 14 re" for i in range(6) for x, w in ((66, 234), (300, 240))]
    return "\n".join(rows) + f"\n{paint}"


@pytest.mark.parametrize(
    "paint, table",
    [
        ("1 1 1 rg f", False),  # white on the white page: the layout boxes of Google Docs
        ("0 0 0 RG 0.5 w S", True),  # black rules: a table
        ("0.85 g f", True),  # grey cells: a table
    ],
)
def test_only_boxes_that_can_be_seen_make_a_table(tmp_path: Path, paint: str, table: bool) -> None:
    lines = ["Privacy Notice", "We keep your data safe and we keep it short.", "We never sell it to anyone at all.",
             "Ask us what we hold about you.", "We answer within one month.", "Write to us at any time."]
    pdf = make_pdf(tmp_path / "boxes.pdf", [lines], graphics=boxes(paint))
    out = tmp_path / "boxes.md"
    result = run_notice("extract", str(pdf), "--lang", "en", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert ("| We keep your data safe" in out.read_text(encoding="utf-8")) is table


@pytest.mark.parametrize(
    "found, given",
    [
        ([2, 3, 4, 3, 2], [2, 3, 4, 3, 2]),  # nothing skips: nothing changes
        ([2, 3, 5, 5, 3, 4, 2, 5], [2, 3, 4, 4, 3, 4, 2, 3]),  # siblings that skipped stay siblings
        ([1, 3, 3, 4], [1, 2, 2, 3]),  # under the title
        ([3, 4, 2], [2, 3, 2]),  # the first section starts under the page title
    ],
)
def test_heading_levels_never_skip(found: list[int], given: list[int]) -> None:
    assert without_skips(found) == given


def centred(*lines: tuple[str, float, float]) -> list[Line]:
    """One word per line: (text, x0, x1), 12 pt apart, bold like a header cell."""
    return [Line((Word(text, x0, x1, 100.0 + 12 * n, 110.0 + 12 * n, 10.0, True, 1),))
            for n, (text, x0, x1) in enumerate(lines)]


def test_centred_lines_in_a_cell_are_one_paragraph() -> None:
    header = centred(("First/Third", 245.0, 300.4), ("party", 259.0, 286.2))  # the Enel cookie tables
    assert [len(b.lines) for b in lines_to_blocks(header, 12.0, in_cell=True)] == [2]
    assert [len(b.lines) for b in lines_to_blocks(header, 12.0)] == [1, 1]  # on the page: an indent
    address = centred(("Allegis Group.", 245.0, 310.0), ("Hanover", 259.0, 296.0))  # a sentence ended
    assert [len(b.lines) for b in lines_to_blocks(address, 12.0, in_cell=True)] == [1, 1]


def test_reading_in_two_processes_gives_the_same_pages(tmp_path: Path) -> None:
    """Documents from PARALLEL_FROM pages on are read by two processes, each an even run of pages."""
    pages = [[f"Page {n} line {i} of the notice." for i in range(30)] for n in range(1, PARALLEL_FROM + 3)]
    source = make_pdf(tmp_path / "long.pdf", pages)
    assert read_pdf(source, workers=2) == read_pdf(source, workers=1)


def test_a_contents_list_links_its_entries_to_their_sections(tmp_path: Path) -> None:
    """Title, dot leader, page: each entry becomes a list item linking to the section of that
    name; the leaders and page numbers (meaningless on a web page) are accounted as removed."""
    pages: list[list[str | tuple[str, float]]] = [
        [("Privacy Notice", 20.0), "This notice explains what we do with your data.",
         "Cookies ....................................... 2", "Your rights . . . . . . . . . . . . Page 2",
         "Not a section ................................ 2"],
        [("Cookies", 16.0), "We use cookies sparingly and only when they are needed.",
         ("Your rights", 16.0), "You may ask us what we hold about you."],
    ]
    out = tmp_path / "contents.md"
    result = run_notice("extract", str(make_pdf(tmp_path / "contents.pdf", pages)), "--lang", "en", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "- [Cookies](#cookies)\n- [Your rights](#your-rights)\n- Not a section\n" in text
    assert "....." not in text and "Page 2" not in text
    assert "page-reference removed; 0 lost" in result.stderr


def test_a_leader_whose_first_dot_went_into_the_title_word_is_cut_whole(tmp_path: Path) -> None:
    """A word processor sets the leader's first dot back over the space after the entry's title,
    so the text layer reads "Cookies." and "……" touching it: the dot is the leader's, not the
    title's, and no entry keeps a stray full stop after its link."""
    runs: list[Placed] = [(72.0, 60.0, "Privacy Notice", 20.0, "F1")]
    for n, (title, page) in enumerate([("Cookies", 2), ("Your rights", 2)]):
        top, start = 100.0 + 15 * n, 72.0 + text_width(title, 11.0) - 1.0
        dots = "." * int((518.0 - start) / text_width(".", 11.0))  # up to the page number, as a tab leader runs
        runs += [(72.0, top, f"{title} ", 11.0, "F1"), (start, top, dots, 11.0, "F1"),
                 (520.0, top, str(page), 11.0, "F1")]
    second: list[Placed] = [(72.0, 60.0, "Cookies", 16.0, "F1"), (72.0, 90.0, "We use cookies sparingly.", 11.0, "F1"),
                            (72.0, 120.0, "Your rights", 16.0, "F1"), (72.0, 150.0, "You may ask us.", 11.0, "F1")]
    out = tmp_path / "contents.md"
    source = make_placed_pdf(tmp_path / "contents.pdf", [runs, second])
    result = run_notice("extract", str(source), "--lang", "en", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "- [Cookies](#cookies)\n- [Your rights](#your-rights)\n" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "lines",
    [
        ["Signed ............................ 2024", "By the board."],  # one leader line
        ["Copy of your data ........ 20", "Letter by post ............ 5"],  # numbers going back: prices, not pages
    ],
)
def test_leader_lines_that_are_not_a_contents_list_stay(tmp_path: Path, lines: list[str]) -> None:
    out = tmp_path / "not-contents.md"
    pages: list[list[str | tuple[str, float]]] = [list(lines)]
    assert run_notice("extract", str(make_pdf(tmp_path / "x.pdf", pages)), "--lang", "en", "--out", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert all(line in text for line in lines) and "](" not in text


@pytest.mark.parametrize(
    "info, title",
    [
        ("Your rights", "Your rights"),  # the document information names it, and the page shows it
        ("Datenschutzerklärung", "1. Overview"),  # a title no page shows: the largest line on page 1
        ("Microsoft Word - notice.docx", "1. Overview"),  # a file name is never a title
    ],
)
def test_a_numbered_first_heading_is_the_first_section_not_the_title(tmp_path: Path, info: str, title: str) -> None:
    """'1. Overview' opening a document whose other headings of that style are '2. …' is its first
    section; the title comes from the document information when the page shows it, else it is the
    largest line of page 1, never the file name."""
    pages: list[list[str | tuple[str, float]]] = [[
        ("1. Overview", 16.0), ("Scope", 13.0), "This notice explains what we do with your data.",
        ("2. Your rights", 16.0), "You may ask us what we hold about you.",
    ]]
    out = tmp_path / "numbered.md"
    source = make_pdf(tmp_path / "numbered.pdf", pages, title=info)
    assert run_notice("extract", str(source), "--lang", "en", "--out", str(out)).returncode == 0
    headings = [line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert headings == [f"# {title}", "## 1. Overview {#1-overview}", "### Scope {#scope}",
                        "## 2. Your rights {#2-your-rights}"]


@pytest.mark.parametrize(
    "lines, printed, joined",
    [
        (("auf www.example.de/", "cookies; mehr"), {"auf", "Cookies", "mehr"}, "auf www.example.de/cookies; mehr"),
        (("at https://example.org/", "for anyone"), {"at", "for", "anyone"}, "at https://example.org/ for anyone"),
        (("at https://example.org/", "Cookies"), {"at"}, "at https://example.org/ Cookies"),  # no path: capitals
    ],
)
def test_an_address_goes_on_after_a_line_end_slash_unless_a_word_of_the_text_follows(
        lines: tuple[str, ...], printed: set[str], joined: str) -> None:
    vocabulary = {w.casefold() for w in printed}
    assert "".join(text for text, _ in join_words(lines_of(*lines), vocabulary, "", printed)) == joined
