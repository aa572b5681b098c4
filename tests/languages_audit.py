"""What language a piece of page text is in, known without guessing: the words each language's
own sources hold (its catalog, its notice's translated headings and plain paragraphs, its change-log
summaries, its name and site name). A text only one language holds is that language's; the page
must then give it that ``lang`` (the nearest ``lang`` attribute up the tree, WCAG 3.1.2)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

#: Every text node of the body with the ``lang`` that applies to it, and every accessible name
#: given in ``aria-label`` with its element's: what a screen reader speaks, and in which voice.
TEXT_AND_LANG = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest("script, style")) continue;
    const holder = parent.closest("[lang]");
    out.push([text, holder ? holder.getAttribute("lang") : ""]);
  }
  for (const el of document.querySelectorAll("[aria-label]")) {
    const holder = el.closest("[lang]");
    out.push([el.getAttribute("aria-label").replace(/\\s+/g, " ").trim(), holder ? holder.getAttribute("lang") : ""]);
  }
  return out;
}"""

HEADING = re.compile(r"^(#{1,6}) (.*?)(?: \{#([a-z0-9-]+)\})?\s*$")
#: A Markdown line that is one plain paragraph: no link, emphasis, list, table or HTML in it.
PLAIN = re.compile(r"^[^\s\-*#|>\d`<!\[][^`*_\[\]<>|]*$")


def primary(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def notice_texts(path: Path) -> set[str]:
    """The title, headings and plain paragraphs of a notice that are in its own language (what
    its front matter lists as untranslated is the source's, and left out)."""
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---", 2)[1]) or {}
    untranslated = set(front.get("untranslated") or [])
    out: set[str] = set()
    part = "preamble"
    for line in text.split("---", 2)[2].splitlines():
        heading = HEADING.match(line)
        if heading:
            part = "title" if len(heading.group(1)) == 1 else (heading.group(3) or part)
            if part not in untranslated:
                out.add(heading.group(2).strip())
            if part == "title":
                part = "preamble"
            continue
        if part not in untranslated and PLAIN.match(line.strip()) and len(line.strip()) > 3:
            out.add(" ".join(line.split()))
    if "title" not in untranslated and front.get("title"):
        out.add(str(front["title"]))
    return out


def catalog_texts(po: Path, lang: str) -> set[str]:
    """The catalog's translated phrases without placeholders; for English the msgids too."""
    with po.open("rb") as fh:
        catalog = read_po(fh)
    out: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in [*strings, *(ids if primary(lang) == "en" else ())]:
            if text and "%(" not in text and "|" not in text:
                out.add(" ".join(text.split()))
    return out


@dataclass(frozen=True)
class Vocabulary:
    by_lang: dict[str, set[str]]

    def owner(self, text: str) -> str | None:
        owners = [lang for lang, texts in self.by_lang.items() if text in texts]
        return owners[0] if len(owners) == 1 else None


def vocabulary(project: Path) -> Vocabulary:
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    by_lang: dict[str, set[str]] = defaultdict(set)
    source = str(config["extra"]["notice"]["source_language"])
    by_lang[source].add(" ".join(str(config["site_name"]).split()))
    for entry in plugin["languages"]:
        lang = primary(entry["locale"])
        by_lang[lang].add(entry["name"])
        if entry.get("site_name") and entry["site_name"] != config["site_name"]:  # not the source's, copied
            by_lang[lang].add(" ".join(entry["site_name"].split()))
        for notice in sorted((project / "docs" / entry["locale"]).glob("*/index.md")):  # every notice
            by_lang[lang] |= notice_texts(notice)
        po = project / "locales" / entry["locale"] / "LC_MESSAGES" / "messages.po"
        if po.exists():
            by_lang[lang] |= catalog_texts(po, lang)
    for path in sorted((project / "versions").glob("*.yml")):  # every notice's versions
        versions = yaml.safe_load(path.read_text(encoding="utf-8"))
        for version in versions.get("versions") or []:
            for lang, summary in (version.get("summary") or {}).items():
                if summary:
                    by_lang[primary(lang)].add(" ".join(str(summary).split()))
    return Vocabulary(dict(by_lang))


def mismatches(page: str, found: list[list[str]], words: Vocabulary) -> list[str]:
    out = []
    for text, lang in found:
        owner = words.owner(text)
        if owner is not None and primary(lang) != owner:
            shown = text if len(text) <= 70 else text[:67] + "..."
            out.append(f"{page}: '{shown}' is {owner}, but its nearest lang is '{lang}'")
    return out
