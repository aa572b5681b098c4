"""ReportLab producer: (document, style) -> PDF typeset with platypus, not through HTML.

Headings and paragraphs are ``Paragraph`` flowables (links as ``<a href>``, anchors as ``<a name>``,
which ReportLab writes as named destinations), lists ``ListFlowable`` (nested, numbered or bulleted),
tables ``Table`` with ``repeatRows=1`` so a header row repeats over a page break. Two columns are two
frames; the running head and ``Page n of m`` are drawn on the canvas of every page.
"""

from __future__ import annotations

import re
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
from reportlab.platypus import BaseDocTemplate, Frame, ListFlowable, ListItem, PageTemplate, Spacer, TableStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from roundtrip.page import inline_html
from roundtrip.source import Document, Heading, ListBlock, Paragraph, Style, Table

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
MARGIN = 20 * mm


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


def styles(style: Style) -> dict[str, ParagraphStyle]:
    family = "Serif" if style.serif else "Sans"
    leading = 2.0 if style.double_spaced else 1.35
    body = ParagraphStyle("body", fontName=family, fontSize=10.5, leading=10.5 * leading, spaceAfter=6,
                          alignment=TA_JUSTIFY if style.justified else TA_LEFT)
    return {
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0,
                               alignment=TA_LEFT),
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


def table_flowable(block: Table, sheet: dict[str, ParagraphStyle], width: float) -> RLTable:
    rows = ([block.header] if block.header is not None else []) + list(block.rows)
    data = [[cell_flowables(cell, sheet) for cell in row] for row in rows]
    columns = max(len(r) for r in rows)
    commands: list[Any] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if block.header is not None:
        commands += [("GRID", (0, 0), (-1, -1), 0.6, colors.grey),
                     ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]
    return RLTable(data, colWidths=[width / columns] * columns,
                   repeatRows=1 if block.header is not None else 0, style=TableStyle(commands))


def story(document: Document, style: Style, width: float) -> list[Any]:
    sheet = styles(style)
    flow: list[Any] = [RLParagraph(markup(document.title), sheet["h1"])]
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


def numbered_canvas(running_head: str, font: str) -> type[rl_canvas.Canvas]:
    """A canvas class that draws the running head and ``Page n of m`` once the page count is known."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, 8)
                self.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, running_head)
                self.drawRightString(A4[0] - MARGIN, 10 * mm, f"Page {self._pageNumber} of {len(self._pages)}")
                super().showPage()
            super().save()

    return NumberedCanvas


def typeset(document: Document, style: Style, out: Path) -> None:
    register_fonts()
    width = A4[0] - 2 * MARGIN
    height = A4[1] - 2 * MARGIN
    gap = 8 * mm
    column = (width - gap * (style.columns - 1)) / style.columns
    frames = [Frame(MARGIN + i * (column + gap), MARGIN, column, height, id=f"c{i}")
              for i in range(style.columns)]
    doc = BaseDocTemplate(str(out), pagesize=A4, title=document.metadata_title, author="",
                          pageTemplates=[PageTemplate(id="page", frames=frames)])
    font = "Serif" if style.serif else "Sans"
    doc.build(story(document, style, column), canvasmaker=numbered_canvas(document.running_head, font))
