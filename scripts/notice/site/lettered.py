"""Lettered and Roman lists: items that print their own marks in, a list that shows them out.

Input: the element tree Python-Markdown built from a page. Output: the same tree, where a list
whose every item opens with the next mark of one sequence ("a)" "b)" "c)", "i." "ii." "iii.",
"A." "B.") is an ``<ol type="a">`` (or ``"i"``, ``"A"``, ``"I"``, with ``start`` when it does
not begin at the first mark) and the marks are taken out of the items' text.

Markdown numbers its lists with digits only, so a notice writes a lettered item as "1. a) …" or
"- a) …". Shown as written, a reader sees two marks on every item ("1. a)", "2. b)" …) and a
screen reader reads both. Registered in ``mkdocs.yml`` as ``notice.site.lettered``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from notice.numerals import roman_value
from notice.site.treeext import TreeExtension

#: An item's own mark at the start of its text: a letter or a Roman numeral, then "." or ")".
MARK = re.compile(r"^\s*([A-Za-z]|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})([.)])\s+")
def sequence_of(marks: list[str]) -> tuple[str, int] | None:
    """The marks that open a list's items ("b", "c", "d") -> the ``type`` of an ``<ol>`` that shows
    them ("a") and the number of its first (2); None unless they count up by one in one system.
    Letters are tried first unless the list opens with "i" ("c" "d" are letters, "i" "ii" Roman)."""
    if not marks or any(m.isupper() != marks[0].isupper() for m in marks):
        return None
    upper = marks[0].isupper()
    letters = [ord(m.lower()) - ord("a") + 1 if len(m) == 1 else 0 for m in marks]
    romans = [roman_value(m) or 0 for m in marks]
    tries = [(romans, "I" if upper else "i"), (letters, "A" if upper else "a")]
    for values, kind in tries if marks[0].lower() == "i" else tries[::-1]:
        if values[0] and values == list(range(values[0], values[0] + len(values))):
            return kind, values[0]
    return None


def text_holder(item: etree.Element) -> etree.Element:
    """The element whose text opens a list item: the item, or its first paragraph (a loose list)."""
    if not (item.text or "").strip() and len(item) and item[0].tag == "p":
        return item[0]
    return item


def letter_list(element: etree.Element) -> None:
    """Give every list in ``element`` whose items open with one sequence of marks the ``<ol>`` type
    of that sequence and take the marks out of the text, recursively, in place."""
    for child in element:
        letter_list(child)
    if element.tag not in ("ol", "ul"):
        return
    items = [item for item in element if item.tag == "li"]
    found = [MARK.match(text_holder(item).text or "") for item in items]
    if not items or any(m is None for m in found) or len({m.group(2) for m in found if m}) != 1:
        return
    sequence = sequence_of([m.group(1) for m in found if m])
    if sequence is None:
        return
    kind, start = sequence
    element.tag = "ol"
    element.set("type", kind)
    if start != 1:
        element.set("start", str(start))
    for item, match in zip(items, found):
        holder = text_holder(item)
        holder.text = (holder.text or "")[match.end():] if match else holder.text


def makeExtension(**kwargs: Any) -> TreeExtension:  # noqa: N802 - Python-Markdown's entry point
    return TreeExtension("notice_lettered", letter_list, 14, **kwargs)
