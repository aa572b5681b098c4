"""The Markdown writer: text that looks like syntax stays text, on the page and when read back."""

from __future__ import annotations

from xml.etree import ElementTree

import markdown as python_markdown
import pytest
from notice.lint.markup import read_config, site_markdown
from notice.markdown import render_list, render_spans
from notice.model import ListBlock, ListItem, Span
from notice.reader import parse_inline

from .conftest import ROOT

TRICKY = "a <b> c *d* [e] _f_ \\ g # h > i"


def test_syntax_characters_round_trip_and_render_as_text() -> None:
    written = render_spans((Span(TRICKY),))
    assert "".join(s.text for s in parse_inline(written)) == TRICKY
    html = python_markdown.markdown(written)
    assert html == "<p>a &lt;b&gt; c *d* [e] _f_ \\ g # h &gt; i</p>", html


def test_an_orphan_sub_item_does_not_become_a_code_block() -> None:
    block = ListBlock((ListItem((Span("first"),), level=1), ListItem((Span("second"),), level=2)))
    lines = render_list(block)
    assert lines == ["- first", "    - second"]
    assert "<code>" not in python_markdown.markdown("\n".join(lines))


#: What a PDF may print that Markdown, or one of the site's extensions, would read as markup.
PRINTED = [
    "Ends with an attribute list {: onclick=\"alert(1)\"}",
    "A heading id {#top} and a class {.hidden}",
    "Entities &#106;avascript: &amp; &lt;b&gt; R&D; & co",
    "<script>alert(1)</script> <img src=//example.com/p.png>",
    "[a link](javascript:alert(1)) and ![an image](//example.com/x.png)",
    "Autolink <https://example.com> and `code` and **bold**",
]


@pytest.mark.parametrize("text", PRINTED)
def test_printed_text_is_published_as_printed(text: str) -> None:
    """The writer's output, rendered with the site's own extensions, is one paragraph of exactly the
    printed text, and it reads back the same. The only element allowed in it is a printed web address
    linked to itself (the site links bare addresses)."""
    written = render_spans((Span(text),))
    assert "".join(s.text for s in parse_inline(written)) == text
    settings = site_markdown(read_config(ROOT / "mkdocs.yml"))
    html = python_markdown.markdown(written, extensions=list(settings.extensions),
                                    extension_configs={k: dict(v) for k, v in settings.configs.items()})
    paragraph = ElementTree.fromstring(html)
    assert paragraph.tag == "p" and not paragraph.attrib, html
    assert all(child.tag == "a" and child.attrib == {"href": child.text} for child in paragraph), html
    assert "".join(paragraph.itertext()) == text
