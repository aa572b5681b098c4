"""Translation state on the page: source-language HTML and freshness in, marked-up HTML out.

Untranslated sections keep the source language's ``lang`` and carry a visible label; outdated
ones get a banner linking to the same section in the source language. The status page lists,
per language, which sections are current, outdated, untranslated or missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from notice.catalog import N_
from notice.document import Doc, freshness, load_doc
from notice.site.languages import PREAMBLE, TITLE
from notice.site.site import split_sections

Render = Callable[..., str]
HEADING_END = re.compile(r"</h[23]>")
H1 = re.compile(r"<h1\b([^>]*)>(.*?)</h1>", re.DOTALL)
# Translators: title of the page that lists which sections of each language are translated.
STATUS_TITLE = N_("Translation status")


@dataclass(frozen=True)
class LanguageStatus:
    lang: str
    name: str
    counts: dict[str, int]
    sections: tuple[tuple[str, str, str], ...]  # (id, heading in the source, state)


def mark_sections(html: str, states: dict[str, str], untranslated_parts: set[str], source_lang: str,
                  source_href: str, render: Render, page_lang: str, back_to_top: str = "") -> str:
    """Wrap untranslated sections in ``lang`` of the source with a label; put a banner under the
    heading of every outdated section. A section's closing ``back_to_top`` link is interface text
    in the page's language: it stays after the wrapper, never inside the next section's."""
    head, sections = split_sections(html)
    out: list[str] = []
    if TITLE in untranslated_parts:
        head = H1.sub(lambda m: f'<h1{m.group(1)} lang="{source_lang}">{m.group(2)}</h1>', head, count=1)
    if PREAMBLE in untranslated_parts:
        title = H1.search(head)
        if title is not None and head[title.end():].strip():
            body = head[title.end():]
            head = head[: title.end()] + wrap_untranslated(body, source_lang, source_href + "#top", render, page_lang)
    out.append(head)
    for section_id, chunk in sections:
        state = states.get(section_id)
        if state == "untranslated":
            body, trailer = split_trailer(chunk, back_to_top)
            chunk = wrap_untranslated(body, source_lang, f"{source_href}#{section_id}", render, page_lang) + trailer
        elif state == "outdated":
            banner = render("partials/notice-outdated.html", href=f"{source_href}#{section_id}", source_lang=source_lang)
            heading_end = HEADING_END.search(chunk)
            cut = heading_end.end() if heading_end else 0
            chunk = chunk[:cut] + banner + chunk[cut:]
        out.append(chunk)
    return "".join(out)


def split_trailer(chunk: str, trailer: str) -> tuple[str, str]:
    """``chunk`` as its content and the ``trailer`` it ends with (empty when it does not)."""
    stripped, mark = chunk.rstrip(), trailer.strip()
    if mark and stripped.endswith(mark):
        return stripped[: -len(mark)], mark + "\n"
    return chunk, ""


def wrap_untranslated(chunk: str, source_lang: str, href: str, render: Render, page_lang: str) -> str:
    stripped = chunk.rstrip()
    label = render("partials/notice-untranslated.html", href=href, source_lang=source_lang, page_lang=page_lang)
    return f'<div class="notice-untranslated" lang="{source_lang}">\n{label}{stripped}\n</div>\n'


def page_states(source: Doc, meta: Mapping[str, object], lang: str, path: Path) -> dict[str, str]:
    doc = Doc(path, lang, "", dict(meta), 1, (), source.sections)  # the page has the source's sections (parity holds)
    return freshness(source, doc)


@dataclass(frozen=True)
class NoticeStatus:
    """One notice on the status page: its folder, its title in the source language, and the state
    of its translation in every other language."""

    slug: str
    title: str
    languages: tuple[LanguageStatus, ...]


def notice_status(docs: Path, source_lang: str, languages: list[tuple[str, str]], slug: str) -> NoticeStatus:
    source = load_doc(docs / source_lang / slug / "index.md", source_lang)
    return NoticeStatus(slug, str(source.front.get("title") or slug), statuses(docs, source_lang, languages, slug))


def statuses(docs: Path, source_lang: str, languages: list[tuple[str, str]],
             slug: str) -> tuple[LanguageStatus, ...]:
    """The state of every section of notice ``slug`` in every language but the source."""
    source = load_doc(docs / source_lang / slug / "index.md", source_lang)
    out = []
    for lang, name in languages:
        if lang == source_lang:
            continue
        path = docs / lang / slug / "index.md"
        states = freshness(source, load_doc(path, lang)) if path.exists() else {s.id: "missing" for s in source.sections}
        counts = {state: list(states.values()).count(state) for state in ("current", "outdated", "untranslated", "missing")}
        sections = tuple((s.id, s.heading, states[s.id]) for s in source.sections)
        out.append(LanguageStatus(lang, name, counts, sections))
    return tuple(out)


def relative_root(page_url: str) -> str:
    """The link from a page to the site root (the source language lives there)."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth or "./"
