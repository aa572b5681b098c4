"""The Markdown writer: text that looks like syntax stays text, on the page and when read back."""

from __future__ import annotations

import markdown as python_markdown
from notice.markdown import render_list, render_spans
from notice.model import ListBlock, ListItem, Span
from notice.reader import parse_inline

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
