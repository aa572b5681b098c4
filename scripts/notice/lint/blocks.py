"""Blocks: a translated section and its source section in, a problem where their blocks differ out.

A translation says what the source says, block for block: the same paragraphs, list items and
table rows in the same order. Sections, links and table shapes are compared elsewhere; this
catches a paragraph or list item deleted (or added) in one language, which leaves every section
and link in place. A section the translation lists as ``untranslated`` is a copy in waiting and
is not compared. Where a language's own original lays a section out differently (an address in
two lines rather than one), ``mkdocs.yml`` records the reviewed block count of that section
(``extra.notice.reviewed_blocks: {en: {kontakta-oss: 9}}``): any other count is still an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from notice.document import Doc, Problem, SectionText

LIST_ITEM = re.compile(r"^\s*(?:[-+*]|\d{1,9}[.)])\s+\S")
TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def section_blocks(section: SectionText) -> list[tuple[int, str]]:
    """(line, kind) of each block: 'paragraph', 'list item' or 'table row'. A line that follows
    another without a blank line continues its block, as in Markdown."""
    blocks: list[tuple[int, str]] = []
    open_block = False
    for number, line in section.body:
        stripped = line.strip()
        if not stripped:
            open_block = False
        elif stripped.startswith("|"):
            if not TABLE_RULE.match(stripped):
                blocks.append((number, "table row"))
            open_block = False
        elif LIST_ITEM.match(line):
            blocks.append((number, "list item"))
            open_block = True
        elif not open_block:
            blocks.append((number, "paragraph"))
            open_block = True
    return blocks


def untranslated(doc: Doc) -> set[str]:
    listed = doc.front.get("untranslated")
    return {str(item) for item in listed} if isinstance(listed, list) else set()


def check_blocks(source: Doc, doc: Doc, reviewed: Mapping[str, int] | None = None) -> list[Problem]:
    """The first block that differs in each section, naming both files and lines. ``reviewed``:
    section id -> the block count a review accepted for this language's layout of it."""
    problems = []
    skip = untranslated(doc)
    for section in doc.sections:
        original = source.section(section.id)
        if original is None or section.id in skip:
            continue  # a missing or extra section is the parity check's
        want, have = section_blocks(original), section_blocks(section)
        accepted = (reviewed or {}).get(section.id)
        if accepted is not None:
            if len(have) != accepted:
                problems.append(Problem(doc.name, section.line, f"section '{section.id}' has {len(have)} blocks "
                                        f"(expected {accepted}, the count reviewed against {source.name}:"
                                        f"{original.line} in mkdocs.yml extra.notice.reviewed_blocks)"))
            continue
        for n in range(max(len(want), len(have))):
            expected = want[n] if n < len(want) else None
            found = have[n] if n < len(have) else None
            if expected is not None and found is not None and expected[1] == found[1]:
                continue
            if expected is None:
                assert found is not None
                problems.append(Problem(doc.name, found[0], f"section '{section.id}' has an extra {found[1]} "
                                        f"(expected {len(want)} blocks as in {source.name}:{original.line}, "
                                        f"found {len(have)})"))
            else:
                where = found[0] if found else (have[-1][0] if have else section.line)
                problems.append(Problem(doc.name, where, f"section '{section.id}' lacks the {expected[1]} of "
                                        f"{source.name}:{expected[0]} (expected a {expected[1]}, found "
                                        f"{'a ' + found[1] if found else 'the end of the section'}; "
                                        f"{len(want)} blocks in the source, {len(have)} here)"))
            break
    return problems
