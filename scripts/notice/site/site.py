"""Site: what the mkdocs hooks do to notice pages, as plain functions of HTML and data.

Input: a page's HTML, table of contents and front matter, the change-log data, the compiled
catalogs. Output: the same HTML with back-to-top links after every section, the effective date
beside the title, the contents list, described tables, and the change-log list. All added HTML
comes from Jinja partials in ``overrides/``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path
from typing import Protocol
from urllib.parse import urljoin, urlsplit

from babel.support import Translations

from notice import dates
from notice.catalog import DOMAIN, N_
from notice.errors import CatalogError
from notice.versions import archive
from notice.versions.versions import Version

SECTION_HEADING = re.compile(r"<h([23])\b[^>]*\bid=\"([^\"]+)\"")
FIRST_H1 = re.compile(r"<h1\b([^>]*)>(.*?)</h1>", re.DOTALL)
TOP_ID = "top"
# Translators: title of the page listing every version of the notice, and its link in the footer.
CHANGELOG_TITLE = N_("Change log")
#: A table's caption when no short paragraph introduces it.
# Translators: caption of a table no short paragraph introduces; %(number)s counts the tables on the page.
TABLE_CAPTION = N_("Table %(number)s")
#: The longest introducing paragraph (in characters of text) that becomes a table's caption.
CAPTION_MAX_CHARS = 200
TABLE = re.compile(r"(?:<p>(?P<lead>(?:(?!</p>).)*)</p>\s*)?<table>(?P<body>.*?)</table>", re.DOTALL)
THEAD = re.compile(r"<thead>.*?</thead>", re.DOTALL)
TH_WITHOUT_SCOPE = re.compile(r"<th(?=[\s>])(?![^>]*\bscope=)")
TAG = re.compile(r"<[^>]+>")
TBODY = re.compile(r"<tbody>.*?</tbody>", re.DOTALL)
ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
TD = re.compile(r"<td((?:\s[^>]*)?)>(.*?)</td>", re.DOTALL)
#: A cell's content, and a part of it (between ``<br>``s) that is a list item: "- a", "2. b".
CELL = re.compile(r"(<t[dh](?:\s[^>]*)?>)(.*?)(</t[dh]>)", re.DOTALL)
CELL_BREAK = re.compile(r"<br\s*/?>")
CELL_ITEM = re.compile(r"^(?:-|(\d{1,9})\.)\s+(.*)$", re.DOTALL)

Render = Callable[..., str]


class TocItem(Protocol):
    """What the contents list needs from a table-of-contents entry (mkdocs' ``AnchorLink``)."""

    id: str
    title: str
    level: int

    @property
    def children(self) -> Iterable[TocItem]: ...


@dataclass(frozen=True)
class Entry:
    """One line of the contents list: a section and its subsections."""

    id: str
    title: str
    children: tuple[Entry, ...] = ()
    lang: str = ""  # the language its title is shown in, where not the page's


# ---------------------------------------------------------------- data


def translations(locales: Path, lang: str) -> Translations:
    mo = locales / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.exists():
        raise CatalogError(f"{mo}: compiled catalog missing (run: make locales)")
    loaded = Translations.load(str(locales), [lang], DOMAIN)
    if not isinstance(loaded, Translations):  # Babel falls back to a null catalog: never silently
        raise CatalogError(f"{mo}: not a readable compiled catalog (run: make locales)")
    return loaded


# ---------------------------------------------------------------- HTML


def split_sections(html: str) -> tuple[str, list[tuple[str, str]]]:
    """A page's HTML as what comes before the first section, then (id, chunk) for every h2/h3
    section, each chunk running from its heading to the next. Joined again, they are ``html``."""
    starts = [(m.start(), m.group(2)) for m in SECTION_HEADING.finditer(html)]
    if not starts:
        return html, []
    ends = [start for start, _ in starts[1:]] + [len(html)]
    return html[: starts[0][0]], [(section_id, html[start:end]) for (start, section_id), end in zip(starts, ends)]


def add_back_to_top(html: str, link: str) -> str:
    """``link`` after every section: before each h2/h3 that follows a section, and at the end."""
    head, sections = split_sections(html)
    return head + "".join(chunk.rstrip() + "\n" + link + "\n" for _, chunk in sections)


def mark_top(html: str, addition: str) -> str:
    """Give the page's h1 the shared id ``top`` (focusable, so back-to-top moves focus there)
    and put ``addition`` (the effective date) right after it. The title's own permalink goes: it
    pointed at the old id, and a link to the top of the page adds nothing."""
    def replace(match: re.Match[str]) -> str:
        attrs = re.sub(r'\s*\bid="[^"]*"', "", match.group(1))
        title = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", match.group(2), flags=re.S)
        return f'<h1 id="{TOP_ID}" tabindex="-1"{attrs}>{title}</h1>\n{addition}'
    return FIRST_H1.sub(replace, html, count=1)


def effective_date(meta: Mapping[str, object], lang: str, date_locale: str, render: Render) -> str:
    effective = meta.get("effective")
    if not isinstance(effective, dt.date):
        return ""
    return render("partials/notice-effective.html", label=meta.get("effective_label"),
                  iso=effective.isoformat(), text=dates.long_date(effective, date_locale))


def changelog(versions: tuple[Version, ...], lang: str, date_locale: str, render: Render,
              source_lang: str = "", folder: Path | None = None) -> str:
    """The change-log list of one notice: the versions published in ``lang`` (those with a snapshot
    under the notice's ``folder`` in that language, when given); a language still being translated
    may lack a summary, and then shows the source language's, marked with its ``lang``."""
    # Links are relative to the change-log page (<notice root>/changelog/); notice.archive spells them.
    up = "../"
    if folder is not None:
        versions = tuple(v for v in versions if (folder / v.effective.isoformat() / "index.md").exists())
    rows = []
    for n, v in enumerate(versions):
        own = v.summary.get(lang, "").strip()  # an empty summary is a missing one, never shown as this language
        summary_lang = None if own else source_lang
        previous = versions[n + 1] if n + 1 < len(versions) else None
        rows.append({"version": v.version, "iso": v.effective.isoformat(),
                     "text": dates.long_date(v.effective, date_locale),
                     "summary": own or v.summary.get(source_lang, ""), "summary_lang": summary_lang,
                     "current": n == 0, "page": up + archive.version_url(v.effective),
                     "pdf": up + archive.export_url(lang, v.effective, "pdf"),
                     "json": up + archive.export_url(lang, v.effective, "json"),
                     "previous": previous.version if previous else None,
                     "compare": up + archive.compare_url(previous.effective) if previous else None})
    return render("partials/notice-changelog.html", versions=rows, feed=up + archive.FEED_URL)


def contents(toc: Iterable[TocItem], shown_in: Mapping[str, str] | None = None) -> tuple[Entry, ...]:
    """The sections under the title (h2, with their h3) as contents entries; the h1 is the page.
    ``shown_in`` names the language of sections shown untranslated, so their titles carry it."""
    langs = shown_in or {}
    items: list[TocItem] = []
    for item in toc:
        items.extend(item.children if item.level == 1 else [item])
    return tuple(Entry(i.id, i.title, tuple(Entry(c.id, c.title, (), langs.get(c.id, "")) for c in i.children),
                       langs.get(i.id, "")) for i in items)


def site_name_lang(lang: str, source_lang: str, site_name: str, source_site_name: str) -> str:
    """The language a page's site name is in where it is not the page's: a language that has no
    ``site_name`` of its own yet shows the source language's."""
    return source_lang if lang != source_lang and site_name == source_site_name else ""


def page_title(title: str, lang: str = "") -> str:
    """The Markdown of a generated page's title; ``lang`` where it is not the page's language."""
    return f'# {title} {{: lang="{lang}" }}\n' if lang else f"# {title}\n"


#: Words read out after a link whose own text says nothing ("here"), naming where it leads.
# Translators: the next three are read by screen readers after a link whose text says nothing
# ("here"); %(section)s is the heading it leads to, %(host)s a website, %(address)s an e-mail address.
LINK_TO_SECTION = N_("(section “%(section)s”)")
LINK_TO_SITE = N_("(website %(host)s)")
LINK_TO_MAIL = N_("(e-mail to %(address)s)")
ANCHOR = re.compile(r'<a href="([^"]+)"([^>]*)>([^<]+)</a>')
PERMALINK_ANCHOR = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
HEADING_WITH_ID = re.compile(r'<h[1-6][^>]*\bid="([^"]+)"[^>]*>(.*?)</h[1-6]>', re.S)


def describe_vague_links(html: str, vague: set[str], gettext: Callable[[str], str],
                         lang_of: Callable[[str], str] | None = None) -> str:
    """After a link whose text says nothing out of context ("här", "here"; the list comes from the
    catalog), add visually hidden words naming its destination: the section it jumps to, the
    website or the e-mail address. Screen-reader users listing links hear where each goes; the
    notice's own wording, which legal owns, is unchanged (and ``notice check`` still warns).
    ``lang_of`` names the language a phrase is shown in, where the catalog lacks it."""
    headings = {m.group(1): TAG.sub("", PERMALINK_ANCHOR.sub("", m.group(2))).strip()
                for m in HEADING_WITH_ID.finditer(html)}

    def describe(match: re.Match[str]) -> str:
        href, attrs, text = match.groups()
        if text.strip().casefold() not in vague:
            return match.group(0)
        if href.startswith("#") and href[1:] in headings:
            msgid, values = LINK_TO_SECTION, {"section": headings[href[1:]]}
        elif href.startswith("mailto:"):
            msgid, values = LINK_TO_MAIL, {"address": href.removeprefix("mailto:")}
        elif href.startswith(("http://", "https://")):
            msgid, values = LINK_TO_SITE, {"host": urlsplit(unescape(href)).hostname or href}
        else:
            return match.group(0)
        context = gettext(msgid) % values
        lang = f' lang="{lang_of(msgid)}"' if lang_of is not None else ""
        return f'<a href="{href}"{attrs}>{text}<span class="notice-sr"{lang}> {escape(context)}</span></a>'
    return ANCHOR.sub(describe, html)


# Translators: the spoken name of the "#" link beside each heading; %(section)s is the heading.
PERMALINK_NAME = N_("Link to the section “%(section)s”")
HEADERLINK = re.compile(r'(<h([1-6])\b[^>]*>)(.*?)<a class="headerlink" href="#([^"]+)" title="[^"]*">(.*?)</a>(</h\2>)', re.S)


def name_permalinks(html: str, name: Callable[[str], str], lang: str = "") -> str:
    """Give each heading's permalink the name of its section ("Link to the section “Data retention”"),
    so a list of links read out of context tells them apart; the '#' itself is hidden from speech.
    ``lang`` is the language of that name: an untranslated section's heading keeps the source
    language, its permalink's name is still the interface's."""
    lang_attr = f' lang="{lang}"' if lang else ""
    def replace(match: re.Match[str]) -> str:
        section = TAG.sub("", match.group(3)).strip()
        label = escape(name(section), quote=True)
        return (f'{match.group(1)}{match.group(3)}<a class="headerlink" href="#{match.group(4)}" '
                f'aria-label="{label}"{lang_attr}><span aria-hidden="true">{match.group(5)}</span></a>{match.group(6)}')
    return HEADERLINK.sub(replace, html)


def accessible_tables(html: str, render: Render, fallback_caption: str) -> str:
    """Every table as a described data table: a caption (the short paragraph that introduces
    it, moved into the table, or ``fallback_caption`` (HTML) numbered), ``scope="col"`` on its header
    cells (no ``<thead>`` where the Markdown's header row is empty: a grid without one), lists in
    cells as lists, and a focusable scroll region named by the caption (``partials/notice-table.html``)."""
    number = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal number
        number += 1
        lead, body = match.group("lead"), match.group("body").strip()
        if lead is not None and len(TAG.sub("", lead).strip()) <= CAPTION_MAX_CHARS:
            before, caption = "", lead.strip()
        else:
            before = "" if lead is None else f"<p>{lead}</p>\n"
            caption = fallback_caption % {"number": number}
        head = THEAD.search(body)
        if head is not None and blank(head.group(0)):  # the Markdown's empty header row: a table with none
            body = (body[:head.start()] + body[head.end():]).strip()
        body = THEAD.sub(lambda head: TH_WITHOUT_SCOPE.sub('<th scope="col"', head.group(0)), body)
        body = CELL.sub(lambda cell: cell.group(1) + cell_lists(cell.group(2)) + cell.group(3), body)
        body = TBODY.sub(lambda rows: group_rows(rows.group(0)), body)
        return before + render("partials/notice-table.html", id=f"notice-table-{number}", caption=caption,
                               body=body)

    return TABLE.sub(replace, html)


def group_rows(tbody: str) -> str:
    """A body whose first column leaves cells empty under a filled one — cells merged in the PDF,
    "the same category" — as one ``<tbody>`` per group, headed by a ``<th scope="rowgroup">``
    spanning its rows, so a screen reader names the category in every row (WCAG 1.3.1)."""
    rows = [TD.findall(row.group(1)) for row in ROW.finditer(tbody)]
    if not rows or any(len(row) < 2 for row in rows) or blank(rows[0][0][1]):
        return tbody
    if not any(blank(row[0][1]) for row in rows[1:]):
        return tbody
    groups: list[list[list[tuple[str, str]]]] = []
    for row in rows:
        if blank(row[0][1]):
            groups[-1].append(row)
        else:
            groups.append([row])
    out = []
    for group in groups:
        (attrs, label), *rest = group[0]
        span = f' rowspan="{len(group)}"' if len(group) > 1 else ""
        head = f'<th scope="rowgroup"{span}{attrs}>{label}</th>'
        lines = [f"<tr>\n{head}\n" + cells(rest) + "</tr>"] + [f"<tr>\n{cells(row[1:])}</tr>" for row in group[1:]]
        out.append("<tbody>\n" + "\n".join(lines) + "\n</tbody>")
    return "\n".join(out)


def cell_lists(content: str) -> str:
    """A cell's "- a<br>- b" (or "1. a<br>2. b") parts as a real list, so a screen reader
    announces a list and its length; other parts stay lines joined by ``<br>``."""
    parts = CELL_BREAK.split(content)
    if not any(CELL_ITEM.match(part.strip()) for part in parts):
        return content
    out: list[str] = []
    lines: list[str] = []
    items: list[str] = []
    kind = ""
    start = ""

    def close_items() -> None:
        if items:
            out.append(f"<{kind}{start}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{kind}>")
            items.clear()

    for part in parts:
        match = CELL_ITEM.match(part.strip())
        if match is None:
            close_items()
            lines.append(part)
            continue
        if lines:
            out.append("<br>".join(lines))
            lines.clear()
        this_kind = "ol" if match.group(1) else "ul"
        if this_kind != kind:
            close_items()
            kind = this_kind
            start = f' start="{match.group(1)}"' if match.group(1) and match.group(1) != "1" else ""
        items.append(match.group(2))
    close_items()
    if lines:
        out.append("<br>".join(lines))
    return "".join(out)


def blank(cell_html: str) -> bool:
    return not TAG.sub("", cell_html).replace("&nbsp;", "").strip()


def cells(row: list[tuple[str, str]]) -> str:
    return "".join(f"<td{attrs}>{content}</td>\n" for attrs, content in row)


def absolute_url(site_url: str, link: str) -> str:
    """``link`` (site-absolute like ``/en/`` or root-relative like ``en/changelog/``) in full."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", link)


# ---------------------------------------------------------------- what an edit must not introduce

IMG = re.compile(r"<img\b[^>]*>", re.DOTALL)
ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""")
SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')""")
TABLE_ELEMENT = re.compile(r"<table\b.*?</table>", re.DOTALL)
HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)


def markup_problems(html: str) -> list[str]:
    """Problems in a page's HTML that a Markdown edit can introduce and a reader would meet, each
    named by its axe-core rule. ``![](chart.png)`` gives ``alt=""``, which axe accepts as a
    decorative image; in a notice every image carries content, so it needs words."""
    problems = []
    for tag in IMG.findall(html):
        alt, src = ALT.search(tag), SRC.search(tag)
        if alt is None or not (alt.group(1) or alt.group(2) or "").strip():
            name = (src.group(1) or src.group(2) or "") if src else ""
            shown = name if len(name) <= 60 else name[:57] + "..."
            problems.append(f"image-alt: image '{shown}' has no alt text (write ![what it shows]({shown}))")
    for number, table in enumerate(TABLE_ELEMENT.findall(html), 1):
        headers = [TAG.sub("", cell).strip() for cell in HEADER_CELL.findall(table)]
        if any(headers) and not all(headers):  # all empty is a table without a header row, on purpose
            problems.append(f"table-header: table {number} has a header cell without text (name every column, "
                            "or leave the whole header row empty for a table without one)")
    return problems
