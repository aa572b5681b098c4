"""A notice file read as a document: Markdown in, its front matter, headings and sections out.

The core every part reads notices through: the lint (``notice.lint``), translation state, the
version archive and ``--ids-from`` in extraction. ``Problem`` is the one file:line diagnostic record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from notice.markdown import Heading, read_headings, split_front_matter


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.file}:{self.line}: {prefix}{self.message}"


@dataclass(frozen=True)
class SectionText:
    id: str
    level: int
    heading: str
    line: int
    body: tuple[tuple[int, str], ...]  # (line number, text) up to the next heading

    def digest(self) -> str:
        """A short content hash of the section as the source language has it."""
        text = "\n".join(line.strip() for _, line in self.body if line.strip())
        return hashlib.sha256(f"{self.level}|{self.heading}\n{text}".encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Doc:
    path: Path
    lang: str
    text: str
    front: dict[str, object]
    body_start: int
    headings: tuple[Heading, ...]
    sections: tuple[SectionText, ...] = field(default=())
    error: str | None = None

    @property
    def name(self) -> str:
        return str(self.path)

    def section(self, section_id: str) -> SectionText | None:
        return next((s for s in self.sections if s.id == section_id), None)


def read_text(path: Path) -> tuple[str, tuple[int, str] | None]:
    """The text of ``path``, and (line, message) when it is not UTF-8: the text then holds U+FFFD
    for the bad bytes, so that nothing reading it raises."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        line_start = data.rfind(b"\n", 0, err.start) + 1
        line = data.count(b"\n", 0, err.start) + 1
        message = f"not UTF-8 (byte 0x{data[err.start]:02x} at column {err.start - line_start + 1})"
        return data.decode("utf-8", errors="replace"), (line, message)


def load_doc(path: Path, lang: str) -> Doc:
    try:
        text, bad_bytes = read_text(path)
    except OSError as err:
        return Doc(path, lang, "", {}, 1, (), (), f"cannot read the notice ({err.strerror})")
    if bad_bytes is not None:
        return Doc(path, lang, text, {}, bad_bytes[0], (), (), bad_bytes[1])
    try:
        front, body_start = split_front_matter(text)
    except Exception as err:  # noqa: BLE001 - yaml raises many error types; all mean the same to an editor
        line, message = diagnose_front_matter(text, err)
        return Doc(path, lang, text, {}, line, (), (), message)
    headings = tuple(read_headings(text))
    lines = text.splitlines()
    sections = []
    marks = [h for h in headings]
    for n, heading in enumerate(marks):
        if heading.level < 2 or heading.id is None:
            continue
        end = marks[n + 1].line - 1 if n + 1 < len(marks) else len(lines)
        body = tuple((i + 1, lines[i]) for i in range(heading.line, end))
        sections.append(SectionText(heading.id, heading.level, heading.text, heading.line, body))
    return Doc(path, lang, text, front, body_start, headings, tuple(sections))


def diagnose_front_matter(text: str, err: Exception) -> tuple[int, str]:
    """(line, message) for front matter that does not load: a bad date is named by its key."""
    lines = text.splitlines()
    for number, line in enumerate(lines[1:], 2):
        if line.strip() == "---":
            break
        key, _, value = line.partition(":")
        value = value.strip().strip("'\"")
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                return number, f"'{key.strip()}' is not a valid date (expected YYYY-MM-DD, found {value!r})"
    mark = getattr(err, "problem_mark", None)
    return (mark.line + 1 if mark is not None else 1), f"front matter is not valid YAML ({err})".replace("\n", " ")


UNTRANSLATED_KEY = re.compile(r"^untranslated:[ \t]*(?P<inline>[^\n]*)\n(?P<items>(?:[ \t]*- [^\n]*\n)*)", re.M)


def translation_in_progress(path: Path) -> bool:
    """A notice whose front matter still lists untranslated parts: a language being added. Read
    with a pattern, not YAML: every language's build asks this of every notice."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False  # a missing or unreadable notice is reported by the other checks
    end = text.find("\n---\n", 4) if text.startswith("---\n") else -1
    match = UNTRANSLATED_KEY.search(text[: end + 1]) if end > 0 else None
    if match is None:
        return False
    inline = match.group("inline").split("#")[0].strip()
    return bool(match.group("items")) or inline not in ("", "[]", "null", "~")


def complete_languages(docs: Path, languages: list[str], slug: str) -> list[str]:
    """The languages whose notice ``slug`` owes everything a published one owes (summaries among them)."""
    return [lang for lang in languages if not translation_in_progress(docs / lang / slug / "index.md")]


def freshness(source: Doc, doc: Doc) -> dict[str, str]:
    """Per section of the translation: 'current', 'outdated', 'untranslated' or 'missing'."""
    recorded = doc.front.get("source_sections") or {}
    listed = doc.front.get("untranslated")
    untranslated = set(listed) if isinstance(listed, list) else set()
    state = {}
    for section in source.sections:
        if doc.section(section.id) is None:
            state[section.id] = "missing"
        elif section.id in untranslated:
            state[section.id] = "untranslated"
        elif isinstance(recorded, dict) and recorded.get(section.id) == section.digest():
            state[section.id] = "current"
        else:
            state[section.id] = "outdated"
    return state
