"""Markup: one published Markdown file in, the problems of what it would publish out.

A notice is text, and a pull request is read as a diff, not as rendered HTML, so what a file
publishes is decided on the tree Python-Markdown builds from it with the site's own extensions
(read from ``mkdocs.yml``), never on a second parser of our own that could disagree with it on
malformed input. Everything is refused unless allowed: raw HTML (Python-Markdown keeps it in
``md.htmlStash``) except a bare ``<br>``, attributes other than those Markdown itself writes and
a heading's ``{#id}``, addresses other than https, http, mailto, tel, in-page ``#…`` and paths of
this site, resources (images) from another host (a raster ``data:`` image is in the page
itself), and ``[``/``]`` left as literal text (a link that did not parse, published as its source).

Findings are mapped back to the first source line, at or after the previous finding, that holds
the text they came from.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import yaml
from markdown.treeprocessors import Treeprocessor

from notice import project
from notice.document import Doc, Problem

#: Extensions mkdocs always loads before those of ``markdown_extensions``
#: (``mkdocs.config.defaults.MkDocsConfig.markdown_extensions``).
MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")
#: The one raw tag a notice needs: a line break inside a table cell (Markdown has no other way).
ALLOWED_RAW_TAGS = frozenset({"br"})
#: Attributes Markdown itself writes, per element; a heading's id comes from ``{#id}``.
ALLOWED_ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"style", "align"}),
    "td": frozenset({"style", "align"}),
    **{f"h{n}": frozenset({"id"}) for n in range(1, 7)},
}
#: The only values of those attributes that are not free text: a table column's alignment.
ALIGNMENT = re.compile(r"^(?:text-align: (?:left|right|center);|left|right|center)$")
ID = re.compile(r"^[A-Za-z0-9_-]+$")
SCHEMES = ("https", "http", "mailto", "tel")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
#: An image carried in the page (the CSP allows img-src data:); raster types only.
INLINE_IMAGE = re.compile(r"^data:image/(?:png|jpeg|gif|webp)[;,]", re.IGNORECASE)
#: What browsers drop from an address before reading its scheme (C0 controls, space, DEL).
URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")
ENTITY = re.compile(r"^&#?[A-Za-z0-9]+;$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
PLACEHOLDER = re.compile("\x02[^\x03]*\x03")
NOT_TEXT = frozenset({"code", "pre"})


@dataclass(frozen=True)
class MarkdownSettings:
    """The Markdown extensions (and their settings) the site renders pages with."""

    extensions: tuple[str | markdown.Extension, ...] = MKDOCS_BUILTINS
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def read_config(mkdocs_yml: Path) -> dict[str, Any]:
    try:
        config = project.parse_config(mkdocs_yml.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}  # project.settings reports an unreadable mkdocs.yml
    return config if isinstance(config, dict) else {}


def site_markdown(config: Mapping[str, Any]) -> MarkdownSettings:
    """``markdown_extensions`` of a loaded mkdocs.yml (plain names or ``{name: settings}``),
    after mkdocs' built-in ones, as mkdocs itself combines them."""
    entries = config.get("markdown_extensions") or []
    return markdown_settings(entries if isinstance(entries, list) else [], config.get("mdx_configs"))


def markdown_settings(entries: list[Any], configs: Mapping[str, Any] | None = None) -> MarkdownSettings:
    """``configs``: mkdocs' validated ``mdx_configs``, when the entries come from the hook's config."""
    names: list[Any] = list(MKDOCS_BUILTINS)
    settings: dict[str, Mapping[str, Any]] = dict(configs or {})
    for entry in entries:
        if isinstance(entry, dict):
            for name, options in entry.items():
                names.append(str(name))
                settings[str(name)] = dict(options or {})
        else:
            names.append(entry if isinstance(entry, markdown.Extension) else str(entry))
    return MarkdownSettings(tuple(dict.fromkeys(names)), settings)


@dataclass(frozen=True)
class Finding:
    """What would be published wrong, and the source text it came from (to find its line)."""

    message: str
    needles: tuple[str, ...]


class _Collect(Treeprocessor):  # type: ignore[misc]  # markdown ships no types
    """Runs after inline parsing and ``attr_list`` but before ``unescape``: backslash escapes are
    still placeholders, so a literal ``[`` in the tree is one the source did not escape."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.findings: list[Finding] = []

    def run(self, root: etree.Element) -> None:
        self.findings = list(walk(root))


def walk(root: etree.Element) -> Iterator[Finding]:
    for element in root.iter():
        yield from element_findings(element)
        if element.tag not in NOT_TEXT:
            yield from bracket_findings(element.text)
        yield from bracket_findings(element.tail)


def element_findings(element: etree.Element) -> Iterator[Finding]:
    tag = str(element.tag)
    allowed = ALLOWED_ATTRIBUTES.get(tag, frozenset())
    text = "".join(element.itertext())[:40]
    for key, value in element.attrib.items():
        if key not in allowed or (key in ("style", "align") and not ALIGNMENT.match(value)) or (
                key == "id" and not ID.match(value)) or (key == "start" and not value.isdigit()):
            shown = key if value is None else f"{key}={value!r}"
            yield Finding(f"attribute list key '{key}' is not allowed (expected only {{#id}} on a heading, "
                          f"found {shown} on <{tag}>)",
                          (rf"re:\{{[^}}]*(?<![\w-]){re.escape(key)}(?![\w-])", f"{key}=",
                           rf"re:\{{[^}}]*[.#]{re.escape(str(value).split()[0] if value else key)}", text))
    if tag == "a" and "href" in element.attrib:
        problem = address_problem(element.attrib["href"], resource=False)
        if problem:
            yield Finding(f"link to {element.attrib['href']!r} is not allowed ({problem})",
                          (element.attrib["href"], html.unescape(element.attrib["href"]), text))
    if tag == "img":
        src = element.attrib.get("src", "")
        problem = address_problem(src, resource=True)
        if problem:
            yield Finding(f"image {src!r} is not allowed ({problem})", (src, html.unescape(src), "!["))


def address_problem(address: str, resource: bool) -> str:
    """Why an address may not be published ('' when it may): decided on what a browser reads,
    entities decoded and control characters dropped."""
    url = URL_IGNORED.sub("", html.unescape(PLACEHOLDER.sub(_unescape_placeholder, address))).replace("\\", "/")
    scheme = SCHEME.match(url)
    if resource:
        if INLINE_IMAGE.match(url):
            return ""  # the picture is in the page itself: no request, and an <img> runs no script
        if url.startswith("//") or (scheme and scheme.group(1).lower() in ("http", "https")):
            return "expected a file of this site, found another host's address"
        if scheme:
            return f"expected a file of this site, found a {scheme.group(1).lower()}: address"
        return ""
    if scheme and scheme.group(1).lower() not in SCHEMES:
        return f"expected {', '.join(s + ':' for s in SCHEMES)} or #anchor, found {scheme.group(1).lower()}:"
    if not scheme and url.startswith("//"):
        return "expected https:// before another host's name, found an address that starts with //"
    return ""


def _unescape_placeholder(match: re.Match[str]) -> str:
    code = match.group(0)[1:-1]
    return chr(int(code)) if code.isdigit() else ""


def bracket_findings(text: str | None) -> Iterator[Finding]:
    if not text:
        return
    plain = PLACEHOLDER.sub("\x00", text)
    for match in re.finditer(r"[\[\]]", plain):
        snippet = plain[max(0, match.start() - 12): match.start() + 28].split("\x00")
        context = max(snippet, key=len).strip()
        yield Finding(f"unbalanced link syntax: '{context}' is published as literal text "
                      f"(expected [text](address), or \\{match.group(0)} for a bracket)", (context, match.group(0)))
        return  # one per text run: the rest of it is the same mistake


class _RawHTML(HTMLParser):
    """The tags and attributes of one piece of raw HTML, as a browser would tokenise them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.end_tags = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self.end_tags += 1  # harmless alone; its start tag is what is refused

    def handle_comment(self, data: str) -> None:
        self.found.append(("!--", []))

    def handle_decl(self, decl: str) -> None:
        self.found.append(("!" + decl.split()[0].lower() if decl.split() else "!", []))

    def handle_pi(self, data: str) -> None:
        self.found.append(("?", []))

    def unknown_decl(self, data: str) -> None:
        self.found.append(("![", []))


def stash_findings(raw: str) -> Iterator[Finding]:
    if ENTITY.match(raw.strip()):
        decoded = html.unescape(raw.strip())
        if CONTROL.search(decoded):
            yield Finding(f"character reference {raw.strip()} stands for the control character "
                          f"U+{ord(decoded):04X} (expected text)", (raw.strip(),))
        return
    parser = _RawHTML()
    parser.feed(raw)
    parser.close()
    first = raw.strip().splitlines()[0] if raw.strip() else raw
    tags = [(tag, attrs) for tag, attrs in parser.found if tag not in ALLOWED_RAW_TAGS or attrs]
    if tags or not (parser.found or parser.end_tags):
        tag = tags[0][0] if tags else raw.strip()[:1] + raw.strip().lstrip("<")[:10]
        name = f"<{tag}>" if tags else repr(raw.strip()[:20])
        yield Finding(f"raw {name} is not allowed in a notice (expected Markdown text; the only HTML "
                      f"allowed is a bare <br>, found {first[:60]!r})", (first, f"<{tag}", "<"))


def render(text: str, settings: MarkdownSettings) -> list[Finding]:
    """Everything ``text`` would publish that is not allowed, in source order."""
    md = markdown.Markdown(extensions=list(settings.extensions),
                           extension_configs={k: dict(v) for k, v in settings.configs.items()})
    collect = _Collect(md)
    md.treeprocessors.register(collect, "notice_lint", 6)  # after attr_list (8), before toc (5)
    md.convert(text)
    stash = [str(raw) for raw in md.htmlStash.rawHtmlBlocks]
    return [finding for raw in stash for finding in stash_findings(raw)] + collect.findings


class Locator:
    """Source lines of the body, searched in order: repeated text maps to successive lines."""

    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.lines = lines
        self.last: dict[str, int] = {}

    def line_of(self, needles: tuple[str, ...]) -> int:
        for needle in (n for n in needles if n.strip()):
            after = self.last.get(needle, 0)
            pattern = re.compile(needle[3:] if needle.startswith("re:") else re.escape(needle), re.IGNORECASE)
            hits = [n for n, line in self.lines if pattern.search(line)]
            hit = next((n for n in hits if n > after), hits[0] if hits else None)
            if hit is not None:
                self.last[needle] = hit
                return hit
        return self.lines[0][0] if self.lines else 1


def check_markup(doc: Doc, settings: MarkdownSettings) -> list[Problem]:
    """What ``doc`` would publish, refused unless allowed, with the source line of each finding."""
    lines = doc.text.splitlines()
    body = [(n, lines[n - 1]) for n in range(doc.body_start, len(lines) + 1)]
    text = "\n".join(line for _, line in body)
    locate = Locator(body)
    return [Problem(doc.name, locate.line_of(f.needles), f.message) for f in render(text, settings)]


def check_characters(doc: Doc) -> list[Problem]:
    """Control characters and bidirectional overrides, anywhere in the file: what a reviewer
    reading the diff cannot see, or sees in another order than the reader will."""
    problems = []
    for number, line in enumerate(doc.text.split("\n"), 1):  # not splitlines(): it splits at U+001C too
        for match in CONTROL.finditer(line.removesuffix("\r")):
            char = match.group(0)
            kind = "bidirectional override" if "\u202a" <= char <= "\u2069" else "control character"
            problems.append(Problem(doc.name, number, f"{kind} U+{ord(char):04X} at column {match.start() + 1} "
                                    f"is not allowed (expected text a reviewer can read in the diff)"))
    return problems
