"""Checks: the Markdown of every language in, problems with file:line out.

Each check is one function returning ``Problem`` records; ``notice check`` and the mkdocs
hook print them as ``file:line: message (expected X, found Y)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .markdown import Heading, read_headings


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def sections_of(text: str) -> list[Heading]:
    return [h for h in read_headings(text) if h.level >= 2]


def check_section_parity(source: Path, source_text: str, other: Path, other_text: str) -> list[Problem]:
    """Every section of the source, with the same id, level and order, in the other language."""
    want = sections_of(source_text)
    have = sections_of(other_text)
    problems: list[Problem] = []
    have_ids = [h.id for h in have]
    want_ids = [h.id for h in want]
    end_line = other_text.count("\n") + 1
    for n, heading in enumerate(want):
        if heading.id not in have_ids:
            after = next((h for h in reversed(have) if h.id in want_ids[:n]), None)
            line = after.line if after else (have[0].line if have else end_line)
            problems.append(Problem(str(other), line, f"section '{heading.id}' is missing "
                                    f"(present in {source}:{heading.line})"))
    for heading in have:
        if heading.id is None:
            problems.append(Problem(str(other), heading.line, f"heading '{heading.text}' has no {{#id}}"))
        elif heading.id not in want_ids:
            problems.append(Problem(str(other), heading.line, f"section '{heading.id}' is not in {source}"))
    common = [h for h in have if h.id in want_ids]
    by_id = {h.id: h for h in want}
    order = [h.id for h in want if h.id in {c.id for c in common}]
    for heading, expected in zip(common, order):
        if heading.id != expected:
            problems.append(Problem(str(other), heading.line,
                                    f"section order differs (expected '{expected}', found '{heading.id}')"))
            break
    for heading in common:
        source_heading = by_id[heading.id]
        if heading.level != source_heading.level:
            problems.append(Problem(str(other), heading.line,
                                    f"section '{heading.id}' is at the wrong level "
                                    f"(expected {source_heading.level}, found {heading.level})"))
    return problems
