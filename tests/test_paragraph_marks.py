"""How a document marks where its paragraphs begin and which type its text is set in, reproduced on
generated pages: paragraphs begun by an indented first line with no gap between them, and words set
in small capitals inside a line of ordinary text."""

from __future__ import annotations

from pathlib import Path

from notice import markdown
from notice.extraction import extract

from .conftest import ROOT
from .pdfgen import Placed, make_placed_pdf, text_width, wrap

VOCABULARY = "data notice purpose consent storage rights request period erase correct object transfer".split()
LEFT = 72.0
MEASURE = 300.0
SIZE = 10.0
PITCH = 12.0
INDENT = 12.0


def prose(count: int, seed: int) -> list[str]:
    return [VOCABULARY[(n * seed + n // 13) % len(VOCABULARY)] for n in range(count)]


def notice_paragraphs(source: Path) -> list[str]:
    text = markdown.to_markdown(extract.extract(source, "en", ROOT / "locales").notice)
    return [block.strip() for block in text.split("\n\n")]


def indented_paragraph(seed: int) -> list[tuple[float, str]]:
    """A paragraph as (indent, line): its first line indented, ragged right, and broken short twice
    where the typesetter chose to (the next word would have fitted)."""
    words = ["Opening", *prose(70, seed), "and", "then", "that", "is", "all."]
    first = wrap(words[:25], MEASURE - INDENT, SIZE)
    lines = [(INDENT, first[0])] + [(0.0, line) for line in wrap(" ".join(first[1:]).split(), MEASURE, SIZE)]
    return lines + [(0.0, line) for line in wrap(words[25:50], MEASURE, SIZE) + wrap(words[50:], MEASURE, SIZE)]


def test_paragraphs_begun_by_an_indent_go_on_over_lines_broken_short(tmp_path: Path) -> None:
    """A document that marks its paragraphs by indenting their first line, with no gap between them:
    a line that ends short mid-sentence is not a paragraph's end there (it would be in a document
    without such marks, where a short line is all that tells paragraphs apart)."""
    paragraphs = [indented_paragraph(seed) for seed in (5, 7, 11, 17)]
    runs: list[Placed] = [(LEFT, 60.0, "Privacy notice", 16.0, "F1")]
    top = 90.0
    for paragraph in paragraphs:
        for indent, line in paragraph:
            runs.append((LEFT + indent, top, line, SIZE, "F1"))
            top += PITCH
    lines = [line for paragraph in paragraphs for _, line in paragraph]
    short = [a for a, b in zip(lines, lines[1:])
             if not a.endswith(".") and text_width(f"{a} {b.split()[0]}", SIZE) < MEASURE - 20]
    assert short  # some lines break where the next word would have fitted
    found = notice_paragraphs(make_placed_pdf(tmp_path / "indented.pdf", [runs]))
    for paragraph in paragraphs:
        assert " ".join(line for _, line in paragraph) in found


def test_words_in_small_capitals_do_not_cut_their_paragraph(tmp_path: Path) -> None:
    """A paragraph naming a heading of the document in small capitals ("the FOR FURTHER INFORMATION
    CONTACT section"): the line that holds more small capitals than text is of the paragraph's type."""
    def runs_of(top: float, parts: list[tuple[str, float]]) -> list[Placed]:
        out: list[Placed] = []
        x = LEFT
        for text, size in parts:
            out.append((x, top + (SIZE - size) * 0.8, text, size, "F1"))
            x += text_width(text + " ", size)
        return out

    lines = [
        [("Send comments that hold business secrets to the", SIZE)],
        [("person named in the", SIZE), ("FOR FURTHER INFORMATION CONTACT", 7.5)],
        [("section. Any other comment we receive is placed in", SIZE)],
        [("the public docket of this rulemaking.", SIZE)],
    ]
    runs: list[Placed] = [(LEFT, 60.0, "Privacy notice", 16.0, "F1")]
    for n, parts in enumerate(lines):
        runs.extend(runs_of(90.0 + PITCH * n, parts))
    found = notice_paragraphs(make_placed_pdf(tmp_path / "small-caps.pdf", [runs]))
    assert " ".join(text for parts in lines for text, _ in parts) in found


def justified(text: str, x: float, top: float, width: float, size: float) -> list[Placed]:
    """A line set flush at both edges: its words spread so the last ends at ``x + width``."""
    words = text.split()
    spare = width - sum(text_width(w, size) for w in words)
    gap = spare / (len(words) - 1) if len(words) > 1 else 0.0
    runs: list[Placed] = []
    for word in words:
        runs.append((x, top, word, size, "F1"))
        x += text_width(word, size) + gap
    return runs


def test_an_item_whose_lines_wrap_back_to_its_bullet_is_one_item(tmp_path: Path) -> None:
    """Justified text whose list items set the bullet like a letter at the margin ("• La DGPR
    entre…"): the item's wrapped lines start under the bullet, not under its text, and go on with it."""
    items = [["\u2022", *prose(count, seed)] for count, seed in ((40, 5), (28, 7), (55, 11))]
    runs: list[Placed] = [(LEFT, 60.0, "Privacy notice", 16.0, "F1")]
    top = 90.0
    lines_of: list[list[str]] = []
    for words in items:
        lines = wrap(words, MEASURE, SIZE)
        lines_of.append(lines)
        for n, line in enumerate(lines):
            last = n == len(lines) - 1
            runs += [(LEFT, top, line, SIZE, "F1")] if last else justified(line, LEFT, top, MEASURE, SIZE)
            top += PITCH
        top += PITCH / 2  # the items are spaced a little apart
    text = markdown.to_markdown(extract.extract(make_placed_pdf(tmp_path / "inline.pdf", [runs]), "en",
                                                ROOT / "locales").notice)
    for lines in lines_of:
        assert "- " + " ".join(lines)[2:] in text.splitlines()
