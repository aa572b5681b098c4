"""ReportLab producer: (document, style) -> PDF typeset with platypus, not through HTML.

Headings and paragraphs are ``Paragraph`` flowables (links as ``<a href>``, anchors as ``<a name>``,
which ReportLab writes as explicit destinations), lists ``ListFlowable`` (nested, numbered or bulleted),
tables ``Table`` with ``repeatRows=1`` so a header row repeats over a page break. Two columns are two
frames under a title that spans them; the running head and ``Page n of m`` are drawn on every page.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from roundtrip.page import inline_html
from roundtrip.source import Document, Heading, ListBlock, Paragraph, Style, Table

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
MARGIN = 20 * mm
FRAME_PADDING = 6  # ReportLab's default padding on each side of a Frame
# Cells as the HTML page sets them (9 pt, 8 pt in two columns, line height 1.3, padding 3 pt 4 pt):
# ReportLab's default 6 pt side padding leaves a third of a narrow column too little for a word,
# which it then cuts between letters.
CELL_SIZE = 9.0
CELL_SIZE_COLUMNS = 8.0
CELL_LEADING = 1.3
CELL_SIZE_MIN = 5.0
CELL_SIZE_STEP = 0.25
CELL_PADDING_X = 4
CELL_PADDING_Y = 3
CELL_LIST_INDENT = 14.0  # ListFlowable's leftIndent for bullets, below


def register_fonts() -> None:
    """DejaVu Serif and Sans (regular and bold) as the families ``Serif`` and ``Sans``."""
    for family, stem in (("Serif", "DejaVuSerif"), ("Sans", "DejaVuSans")):
        pdfmetrics.registerFont(TTFont(family, str(DEJAVU / f"{stem}.ttf")))
        pdfmetrics.registerFont(TTFont(f"{family}-Bold", str(DEJAVU / f"{stem}-Bold.ttf")))
        pdfmetrics.registerFontFamily(family, normal=family, bold=f"{family}-Bold",
                                      italic=family, boldItalic=f"{family}-Bold")


def markup(text: str) -> str:
    """Inline Markdown -> ReportLab paragraph markup (its ``<a>``, ``<b>``, ``<br/>``)."""
    out = inline_html(text).replace("<br>", "<br/>")
    out = out.replace("<strong>", "<b>").replace("</strong>", "</b>")
    return re.sub(r'<a href="([^"]+)">', r'<a href="\1" color="#0645ad">', out)


def styles(style: Style, lang: str = "") -> dict[str, ParagraphStyle]:
    """A style (and the document's language, which hyphenates its body text when the style asks)
    -> the paragraph styles of the typeset."""
    family = "Serif" if style.serif else "Sans"
    leading = 2.0 if style.double_spaced else 1.35
    cell_size = CELL_SIZE_COLUMNS if style.columns > 1 else CELL_SIZE
    body = ParagraphStyle("body", fontName=family, fontSize=10.5, leading=10.5 * leading, spaceAfter=6,
                          alignment=TA_JUSTIFY if style.justified else TA_LEFT,
                          hyphenationLang=lang if style.hyphen_minus else "")
    return {
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=cell_size, leading=cell_size * CELL_LEADING,
                               spaceAfter=0, alignment=TA_LEFT),
        "h1": ParagraphStyle("h1", fontName=f"{family}-Bold", fontSize=20, leading=24, spaceAfter=12),
        "h2": ParagraphStyle("h2", fontName=f"{family}-Bold", fontSize=13.5, leading=17, spaceBefore=12,
                             spaceAfter=6, keepWithNext=True),
        "h3": ParagraphStyle("h3", fontName=f"{family}-Bold", fontSize=11.5, leading=14, spaceBefore=8,
                             spaceAfter=4, keepWithNext=True),
        "h4": ParagraphStyle("h4", fontName=f"{family}-Bold", fontSize=10.5, leading=13, spaceBefore=6,
                             spaceAfter=4, keepWithNext=True),
    }


def list_flowable(block: ListBlock, sheet: dict[str, ParagraphStyle], style_name: str = "body") -> Any:
    """Items with levels -> nested ListFlowables (a deeper item nests under the item before)."""

    def build(items: list[tuple[int, str]], level: int) -> ListFlowable:
        entries: list[Any] = []
        i = 0
        while i < len(items):
            _, text = items[i]
            children = []
            j = i + 1
            while j < len(items) and items[j][0] > level:
                children.append(items[j])
                j += 1
            flow: list[Any] = [RLParagraph(markup(text), sheet[style_name])]
            if children:
                flow.append(build(children, level + 1))
            entries.append(ListItem(flow))
            i = j
        if block.ordered:
            return ListFlowable(entries, bulletType="1", bulletFormat="%s.", leftIndent=16,
                                bulletFontName=sheet[style_name].fontName, bulletFontSize=10)
        return ListFlowable(entries, bulletType="bullet", start="\u2022" if level == 0 else "\u2013",
                            leftIndent=14, bulletFontName=sheet[style_name].fontName, bulletFontSize=9)

    return build([(item.level, item.text) for item in block.items], 0)


def cell_flowables(parts: tuple[str, ...], sheet: dict[str, ParagraphStyle]) -> list[Any]:
    items = [p[2:] for p in parts if p.startswith("- ")]
    texts = [p for p in parts if not p.startswith("- ")]
    flow: list[Any] = [RLParagraph(markup("<br>".join(texts)), sheet["cell"])] if texts else []
    if items:
        from roundtrip.source import Item

        flow.append(list_flowable(ListBlock(False, tuple(Item(0, t) for t in items)), sheet, "cell"))
    return flow


def cell_extent(parts: tuple[str, ...], cell: ParagraphStyle) -> tuple[float, float]:
    """A cell's parts -> (its widest word, its longest unbroken line) in points, padding and the
    list indent included: the min- and max-content widths of CSS."""
    words, lines = [0.0], [0.0]
    for part in parts:
        indent = CELL_LIST_INDENT if part.startswith("- ") else 0.0
        plain = re.sub(r"<[^>]+>", "", inline_html(part.removeprefix("- ")))
        text = html.unescape(plain)
        words += [indent + pdfmetrics.stringWidth(w, cell.fontName, cell.fontSize) for w in text.split()]
        lines.append(indent + pdfmetrics.stringWidth(text, cell.fontName, cell.fontSize))
    return max(words) + 2 * CELL_PADDING_X, max(lines) + 2 * CELL_PADDING_X


def column_widths(rows: list[tuple[tuple[str, ...], ...]], cell: ParagraphStyle, width: float) -> list[float]:
    """Rows of cells -> column widths filling ``width`` as a browser's automatic table layout does:
    every column gets its widest word, the rest is shared in proportion to what each column would
    take unbroken (so no word is cut while the table can hold it)."""
    columns = max(len(r) for r in rows)
    extents = [[cell_extent(row[c], cell) for row in rows if c < len(row)] for c in range(columns)]
    least = [max(e[0] for e in col) for col in extents]
    most = [max(max(e[1] for e in col), lo) for col, lo in zip(extents, least)]
    if sum(least) >= width:
        return [width * lo / sum(least) for lo in least]
    if sum(most) <= width:
        return [width * hi / sum(most) for hi in most]
    spare, wanted = width - sum(least), sum(hi - lo for lo, hi in zip(least, most))
    return [lo + spare * (hi - lo) / wanted for lo, hi in zip(least, most)]


def fitting_cell_style(rows: list[tuple[tuple[str, ...], ...]], cell: ParagraphStyle, width: float) -> ParagraphStyle:
    """The cell style, its size lowered in steps until every column holds its widest word within
    ``width`` (as a typesetter shrinks a table too wide for its column), not below ``CELL_SIZE_MIN``."""
    size = cell.fontSize
    while size > CELL_SIZE_MIN:
        trial = ParagraphStyle("cell-fit", parent=cell, fontSize=size, leading=size * CELL_LEADING)
        columns = max(len(r) for r in rows)
        least = [max(cell_extent(row[c], trial)[0] for row in rows if c < len(row)) for c in range(columns)]
        if sum(least) <= width:
            return trial
        size -= CELL_SIZE_STEP
    return ParagraphStyle("cell-fit", parent=cell, fontSize=CELL_SIZE_MIN, leading=CELL_SIZE_MIN * CELL_LEADING)


def table_flowable(block: Table, sheet: dict[str, ParagraphStyle], width: float) -> RLTable:
    rows = ([block.header] if block.header is not None else []) + list(block.rows)
    sheet = sheet | {"cell": fitting_cell_style(rows, sheet["cell"], width)}
    data = [[cell_flowables(cell, sheet) for cell in row] for row in rows]
    commands: list[Any] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING_X),
                           ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING_X),
                           ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING_Y),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING_Y)]
    if block.header is not None:
        commands += [("GRID", (0, 0), (-1, -1), 0.6, colors.grey),
                     ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]
    # splitInRow: a row taller than a column (a long cell in a narrow two-column page) goes on in the
    # next column, as in a browser, instead of failing the whole document with a LayoutError.
    return RLTable(data, colWidths=column_widths(rows, sheet["cell"], width),
                   repeatRows=1 if block.header is not None else 0, splitInRow=1, style=TableStyle(commands))


def title_flowable(document: Document, style: Style) -> RLParagraph:
    return RLParagraph(markup(document.title), styles(style)["h1"])


def story(document: Document, style: Style, width: float) -> list[Any]:
    """The title (and, in columns, the switch from the first page's frames to the others'), then the blocks."""
    sheet = styles(style, document.lang)
    flow: list[Any] = [title_flowable(document, style)]
    if style.columns > 1:
        flow += [NextPageTemplate("page"), FrameBreak()]
    for block in document.blocks:
        if isinstance(block, Heading):
            level = min(block.level, 4)
            flow.append(RLParagraph(f'<a name="{block.id}"/>{markup(block.text)}', sheet[f"h{level}"]))
        elif isinstance(block, Paragraph):
            flow.append(RLParagraph(markup(block.text), sheet["body"]))
        elif isinstance(block, ListBlock):
            flow += [list_flowable(block, sheet), Spacer(1, 6)]
        else:
            flow += [table_flowable(block, sheet, width), Spacer(1, 8)]
    return flow


def page_margins(running_head: str, font: str, pages: int) -> Callable[[rl_canvas.Canvas, Any], None]:
    """A page callback drawing the running head and ``Page n of m`` (``pages`` is m) on each page."""

    def draw(canvas: rl_canvas.Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, running_head)
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, f"Page {doc.page} of {pages}")
        canvas.restoreState()

    return draw


def column_frames(style: Style, column: float, gap: float, height: float) -> list[Frame]:
    """The page's columns, side by side, ``height`` tall from the bottom margin."""
    return [Frame(MARGIN + i * (column + gap), MARGIN, column, height, id=f"c{i}") for i in range(style.columns)]


def typeset(document: Document, style: Style, out: Path) -> None:
    """Typeset twice: the first run counts the pages for ``Page n of m``. (Deferring each page until
    the count is known, ReportLab's other recipe, points every link destination at page 1.)"""
    register_fonts()
    pages = build(document, style, io.BytesIO(), 0)
    build(document, style, out, pages)


def build(document: Document, style: Style, out: Path | io.BytesIO, pages: int) -> int:
    """One typeset of ``document`` to ``out`` -> its page count; ``pages`` is printed as the total."""
    width = A4[0] - 2 * MARGIN
    height = A4[1] - 2 * MARGIN
    gap = 8 * mm
    column = (width - gap * (style.columns - 1)) / style.columns
    margins = page_margins(document.running_head, "Serif" if style.serif else "Sans", pages)
    templates = [PageTemplate(id="page", frames=column_frames(style, column, gap, height), onPage=margins)]
    if style.columns > 1:  # the title spans the columns, as the HTML page's <h1> outside <main>
        _, title_height = title_flowable(document, style).wrap(width, height)
        top = title_height + styles(style)["h1"].spaceAfter + 2 * FRAME_PADDING
        title_frame = Frame(MARGIN, MARGIN + height - top, width, top, id="title")
        templates.insert(0, PageTemplate(id="first", frames=[title_frame,
                                                             *column_frames(style, column, gap, height - top)],
                                         onPage=margins))
    doc = BaseDocTemplate(out if isinstance(out, io.BytesIO) else str(out), pagesize=A4,
                          title=document.metadata_title, author="", pageTemplates=templates)
    doc.build(story(document, style, column))
    return int(doc.page)
