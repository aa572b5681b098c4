"""Lists as readers get them: the numbers and letters the notice prints, each shown once."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import markdown as python_markdown
import pytest
from notice import markdown
from notice.extraction import extract
from notice.lint.markup import read_config, site_markdown

from .conftest import ROOT
from .pdfgen import Placed, make_placed_pdf

LEFT, PITCH, SIZE = 72.0, 15.0, 11.0


def site_html(text: str) -> ElementTree.Element:
    """Markdown rendered with the site's own extensions (read from mkdocs.yml), as one element."""
    settings = site_markdown(read_config(ROOT / "mkdocs.yml"))
    html = python_markdown.markdown(text, extensions=list(settings.extensions),
                                    extension_configs={k: dict(v) for k, v in settings.configs.items()})
    return ElementTree.fromstring(f"<body>{html}</body>")


def items_of(element: ElementTree.Element) -> list[str]:
    """The text of each item of a list, without the text of the lists nested in it."""
    return [" ".join((item.text or "").split()) for item in element.findall("li")]


def test_a_numbered_list_that_goes_on_under_the_next_heading_keeps_its_numbers_and_letters(tmp_path: Path) -> None:
    """Points 1-2 under one heading and 3-4 under the next, point 3 with points a-b and those with
    i-ii (a Polish or German notice numbers its points through the document). The site shows 3 where
    the PDF prints 3, and each letter once: as the list's own mark, not as text after a number."""
    runs: list[Placed] = [(LEFT, 72.0, "Privacy notice", 18.0, "F1"), (LEFT, 110.0, "1 General", 14.0, "F1")]
    top = 130.0

    def item(mark: str, x: float, text: str) -> None:
        nonlocal top
        runs.extend([(x, top, mark, SIZE, "F1"), (x + 20, top, text, SIZE, "F1")])
        top += PITCH

    item("1.", LEFT, "We are the controller of your data.")
    item("2.", LEFT, "We keep your data safe.")
    runs.append((LEFT, top + 10, "2 Processing", 14.0, "F1"))
    top += 30
    item("3.", LEFT, "We process your data:")
    item("a.", LEFT + 20, "as the law requires,")
    item("b.", LEFT + 20, "as you agreed:")
    item("i.", LEFT + 40, "to the newsletter,")
    item("ii.", LEFT + 40, "to a webinar.")
    item("4.", LEFT, "We delete your data when you ask us.")
    written = markdown.to_markdown(extract.extract(make_placed_pdf(tmp_path / "points.pdf", [runs]), "en",
                                                   ROOT / "locales").notice)
    body = site_html(written.split("---\n", 2)[2])
    first, second = body.findall("ol")
    assert first.get("start") is None and items_of(first) == ["We are the controller of your data.",
                                                              "We keep your data safe."]
    assert second.get("start") == "3", written
    assert items_of(second) == ["We process your data:", "We delete your data when you ask us."]
    letters = second.find("li/ol")
    assert letters is not None and letters.get("type") == "a", written
    assert items_of(letters) == ["as the law requires,", "as you agreed:"]
    romans = letters.find("li/ol")
    assert romans is not None and romans.get("type") == "i"
    assert items_of(romans) == ["to the newsletter,", "to a webinar."]


@pytest.mark.parametrize(("written", "kind", "start", "items"), [
    ("- a) access;\n- b) erasure;", "a", None, ["access;", "erasure;"]),
    ("1. c. third\n1. d. fourth", "a", "3", ["third", "fourth"]),
    ("- i) one\n- ii) two\n- iii) three\n- iv) four", "i", None, ["one", "two", "three", "four"]),
    ("- A. Controller\n\n- B. Processor", "A", None, ["Controller", "Processor"]),
    ("- h) eighth\n- i) ninth\n- j) tenth", "a", "8", ["eighth", "ninth", "tenth"]),
])
def test_items_that_print_one_sequence_of_marks_are_a_list_of_that_type(
        written: str, kind: str, start: str | None, items: list[str]) -> None:
    body = site_html(written)
    lists = body.findall("ol")
    assert len(lists) == 1 and lists[0].get("type") == kind and lists[0].get("start") == start
    texts = [" ".join("".join(li.itertext()).split()) for li in lists[0].findall("li")]
    assert texts == items


@pytest.mark.parametrize("written", [
    "- a) access;\n- c) erasure;",   # a letter skipped
    "- a) access;\n- b. erasure;",   # two kinds of mark
    "- a) access;\n- the right to object",   # an item without a mark
    "- e.g. a booking\n- i.e. an order",   # abbreviations, not marks
])
def test_items_whose_marks_are_no_sequence_keep_their_text(written: str) -> None:
    body = site_html(written)
    assert body.find("ol") is None and body.find("ul") is not None
    texts = ["".join(li.itertext()) for li in body.iter("li")]
    assert texts == [line[2:] for line in written.splitlines()]
