"""A round-trip document and a style -> one HTML page (for WeasyPrint, Chromium and LibreOffice).

The page carries everything the classes of the benchmark need: a printed title different from
``<title>``, ``id`` anchors that become named destinations, ``thead`` rows that repeat over a page
break, bullets drawn as CSS boxes (no glyph in the text layer) in the ``vector_bullets`` style, two
columns, and a running head and ``Page n of m`` in the page margins (WeasyPrint's margin boxes;
Chromium prints its own date/title header and URL/page footer instead).
"""

from __future__ import annotations

import html
import re

from roundtrip.source import Block, Document, Heading, ListBlock, Paragraph, Style, Table

_LINK_RE = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_AUTOLINK_RE = re.compile(r"&lt;((?:https?|mailto):[^&\s]+)&gt;")
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_MARKUP_RE = re.compile(r"\*\*|\]\([^)\s]*\)|[\[\]<>]")

PT_PER_MM = 72 / 25.4
TEXT_WIDTH_MM = 210 - 2 * 18
"""A4 less the side margins of the ``@page`` rule."""
COLUMN_GAP_MM = 9
TABLE_FONT_PT = {1: 9.0, 2: 8.0}
"""The tables' type size by the number of page columns (the stylesheet sets tables smaller in two)."""
CHAR_WIDTH_EM = 0.62
"""DejaVu's mean advance width of a letter in bold, the widest face a cell sets (measured: 0.60–0.63)."""
CELL_PADDING_PT = 8
"""A cell's padding left and right (``table.data``: 4 + 4; ``table.grid``: 0 + 8)."""
CELL_LIST_INDENT_PT = 12
"""``td ul``'s indent, which a cell holding a list adds to its longest word."""


def inline_html(text: str) -> str:
    """Inline Markdown (links, autolinks, bold, ``<br>``, backslash escapes) -> HTML."""
    out = html.escape(_ESCAPE_RE.sub(r"\1", text), quote=False)
    out = re.sub(r"&lt;br\s*/?&gt;", "<br>", out)
    out = _AUTOLINK_RE.sub(lambda m: f'<a href="{m.group(1)}">{m.group(1)}</a>', out)
    out = _LINK_RE.sub(lambda m: f'<a href="{html.escape(m.group(2))}">{m.group(1)}</a>', out)
    return _BOLD_RE.sub(r"<strong>\1</strong>", out)


def list_html(block: ListBlock) -> str:
    """Items with levels -> nested ``<ul>``/``<ol>`` (a deeper item opens a list in the item before)."""
    tag = "ol" if block.ordered else "ul"
    out = [f"<{tag}>"]
    depth = 0
    for n, item in enumerate(block.items):
        if n and item.level > depth:
            out.append(f"<{tag}>" * (item.level - depth))
            depth = item.level
        elif n:
            out.append("</li>")
            while depth > item.level:
                out.append(f"</{tag}></li>")
                depth -= 1
        out.append(f"<li>{inline_html(item.text)}")
    out.append("</li>")
    while depth > 0:
        out.append(f"</{tag}></li>")
        depth -= 1
    out.append(f"</{tag}>")
    return "".join(out)


def cell_html(parts: tuple[str, ...], tag: str) -> str:
    """Cell parts -> a cell; parts starting ``- `` become a ``<ul>`` inside it."""
    chunks: list[str] = []
    items: list[str] = []
    for part in parts:
        if part.startswith("- "):
            items.append(f"<li>{inline_html(part[2:])}</li>")
            continue
        if items:
            chunks.append(f"<ul>{''.join(items)}</ul>")
            items = []
        chunks.append(inline_html(part))
    if items:
        chunks.append(f"<ul>{''.join(items)}</ul>")
    return f"<{tag}>{'<br>'.join(chunks)}</{tag}>"


def column_width_pt(style: Style) -> float:
    """A style -> the width of one of its page columns, in points."""
    gaps = (style.columns - 1) * COLUMN_GAP_MM
    return (TEXT_WIDTH_MM - gaps) / style.columns * PT_PER_MM


def min_table_width_pt(block: Table, font_pt: float) -> float:
    """A table and its type size -> the least width it takes without breaking a word (each column
    as wide as its longest word, padding and list indent included), estimated from letter counts."""
    rows = ([block.header] if block.header is not None else []) + list(block.rows)
    width = 0.0
    for column in range(max(len(row) for row in rows)):
        parts = [part for row in rows if column < len(row) for part in row[column]]
        words = [w for part in parts for w in _MARKUP_RE.sub(" ", _ESCAPE_RE.sub(r"\1", part)).split()]
        longest = max((len(w) for w in words), default=0)
        indent = CELL_LIST_INDENT_PT if any(part.startswith("- ") for part in parts) else 0
        width += longest * CHAR_WIDTH_EM * font_pt + CELL_PADDING_PT + indent
    return width


def spans_columns(block: Table, style: Style) -> bool:
    """Whether a table is set across all page columns: when the page has several and the table's
    longest words do not fit one (a typesetter spans such a table rather than let it run over the
    next column, as WeasyPrint does, or shrink the page, as Chromium does)."""
    font_pt = TABLE_FONT_PT.get(style.columns, TABLE_FONT_PT[2])
    return style.columns > 1 and min_table_width_pt(block, font_pt) > column_width_pt(style)


def table_html(block: Table, style: Style) -> str:
    head = ""
    if block.header is not None:
        head = "<thead><tr>" + "".join(cell_html(c, "th") for c in block.header) + "</tr></thead>"
    body = "".join("<tr>" + "".join(cell_html(c, "td") for c in row) + "</tr>" for row in block.rows)
    css_class = "grid" if block.header is None else "data"
    out = f'<table class="{css_class}">{head}<tbody>{body}</tbody></table>'
    # a wrapper, as WeasyPrint spans a block across the columns but not a table box
    return f'<div class="span">{out}</div>' if spans_columns(block, style) else out


def block_html(block: Block, style: Style) -> str:
    if isinstance(block, Heading):
        return f'<h{block.level} id="{block.id}">{inline_html(block.text)}</h{block.level}>'
    if isinstance(block, Paragraph):
        return f"<p>{inline_html(block.text)}</p>"
    if isinstance(block, ListBlock):
        return list_html(block)
    return table_html(block, style)


def stylesheet(document: Document, style: Style, margin_boxes: bool = True) -> str:
    """The CSS of one style; without ``margin_boxes`` the page margins stay empty, so that Chromium
    prints its own header and footer there."""
    family = "'DejaVu Serif', serif" if style.serif else "'DejaVu Sans', sans-serif"
    head = document.running_head.replace('"', '\\"')
    boxes = (
        f' @top-center {{ content: "{head}"; font: 8pt {family}; }}'
        f' @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font: 8pt {family}; }}'
    )
    rules = [
        f"@page {{ size: A4; margin: 22mm 18mm 22mm 18mm;{boxes if margin_boxes else ''} }}",
        f"body {{ font: 10.5pt/{2.0 if style.double_spaced else 1.35} {family}; margin: 0; }}",
        f"p, li, td, th {{ text-align: {'justify' if style.justified else 'left'};"
        f" hyphens: {'auto' if style.justified else 'manual'}; }}",
        "h1 { font-size: 20pt; margin: 0 0 12pt; line-height: 1.2; }",
        "h2 { font-size: 13.5pt; margin: 14pt 0 6pt; line-height: 1.25; break-after: avoid; }",
        "h3 { font-size: 11.5pt; margin: 10pt 0 4pt; line-height: 1.25; break-after: avoid; }",
        "h4 { font-size: 10.5pt; margin: 8pt 0 4pt; break-after: avoid; }",
        "p { margin: 0 0 7pt; }",
        "a { color: #0645ad; text-decoration: underline; }",
        "table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt;"
        f" font-size: {TABLE_FONT_PT[1]:g}pt;"
        " line-height: 1.3; }",
        "table.data th, table.data td { border: 0.6pt solid #555; padding: 3pt 4pt; vertical-align: top; }",
        "table.data thead { display: table-header-group; } tr { break-inside: avoid; }",
        "table.grid td { padding: 4pt 8pt 4pt 0; vertical-align: top; }",
        "td ul { margin: 0; padding-left: 12pt; }",
    ]
    if style.hyphen_minus:
        rules.append("p, li, td, th { hyphenate-character: '-'; }")
    if style.columns > 1:
        rules.append(f"main {{ columns: {style.columns}; column-gap: 9mm; }}")
        rules.append(f"table {{ font-size: {TABLE_FONT_PT.get(style.columns, TABLE_FONT_PT[2]):g}pt; }}")
        rules.append("div.span { column-span: all; }")
    if style.vector_bullets:
        rules += [
            "ul { list-style: none; padding-left: 16pt; } ul li { position: relative; }",
            "ul li::before { content: ''; position: absolute; left: -11pt; top: 0.55em; width: 4.5pt;"
            " height: 4.5pt; background: #222; border-radius: 50%; }",
            "ul ul li::before { background: none; border: 0.8pt solid #222; width: 3.5pt; height: 3.5pt; }",
        ]
    return "\n".join(rules)


def document_html(document: Document, style: Style, margin_boxes: bool = True) -> str:
    """A styled document -> a complete HTML page; ``<title>`` is the metadata title, not the printed one."""
    body = "\n".join(block_html(b, style) for b in document.blocks)
    return (
        f'<!DOCTYPE html>\n<html lang="{document.lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(document.metadata_title)}</title>"
        f"<style>{stylesheet(document, style, margin_boxes)}</style></head>\n"
        f"<body><h1>{inline_html(document.title)}</h1>\n<main>{body}</main></body></html>\n"
    )
