"""What the gold adds to the rendered source that the PDF does not depend on (so it is kept out of
the PDF cache key, ``run.CODE_FILES``): addresses printed as text are links in our Markdown, as the
extractor (``notice.extraction.structure.autolink``) and the site write them — an e-mail address as
``[a@b.c](mailto:a@b.c)``, a web address as ``<https://…>``, one printed without its scheme as
``[www.…](https://www.…)`` (``notice.markdown.render_span``: the printed text is kept); and a
printed underscore is escaped (``\\_``) as ``notice.markdown.escape`` writes it, which the scorer reads
as the character, not as emphasis (``_ga`` is a cookie's name)."""

from __future__ import annotations

import re

#: Same class of address as the extractor's PRINTED_ADDRESS: a scheme or "www." and no space, or
#: name@domain.tld, not inside a longer word or address.
PRINTED_ADDRESS = re.compile(
    r"(?<![\w@/.-])(?:https?://|www\.)[^\s<>\"()\[\]|]+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w@-])"
)
#: Markdown that already links (or must not be touched): links, autolinks, heading ids, front matter.
PROTECTED = re.compile(r"\[[^\]]*\]\([^)]*\)|<[^>\s]+>|\{#[^}]*\}")
TRAIL = ".,;:!?'\"»”’"


def link_address(match: re.Match[str]) -> str:
    address = match.group(0)
    rest = ""
    while address and address[-1] in TRAIL:
        address, rest = address[:-1], address[-1] + rest
    if "@" in address and "://" not in address and not address.startswith("www."):
        return f"[{address}](mailto:{address}){rest}"
    if "://" not in address:
        return f"[{address}](https://{address}){rest}"
    return f"<{address}>{rest}"


#: An underscore the source did not escape (the sources use ``**`` for emphasis, never ``_``).
BARE_UNDERSCORE = re.compile(r"(?<!\\)_")


def written_text(text: str) -> str:
    """Plain source text (no link in it) -> as our writer writes it: addresses linked, ``_`` escaped."""
    parts, pos = [], 0
    for match in PRINTED_ADDRESS.finditer(text):
        parts += [BARE_UNDERSCORE.sub(r"\\_", text[pos:match.start()]), link_address(match)]
        pos = match.end()
    return "".join(parts) + BARE_UNDERSCORE.sub(r"\\_", text[pos:])


def link_printed_addresses(line: str) -> str:
    """One Markdown line with its printed addresses linked and its underscores escaped; existing
    links, autolinks and heading ids are left alone."""
    out, pos = [], 0
    for protected in PROTECTED.finditer(line):
        out.append(written_text(line[pos:protected.start()]))
        out.append(protected.group(0))
        pos = protected.end()
    out.append(written_text(line[pos:]))
    return "".join(out)


def linked_gold(gold: str) -> str:
    """A gold Markdown document -> the same with printed addresses linked (body only)."""
    head, sep, body = gold.partition("\n---\n")
    return head + sep + "\n".join(link_printed_addresses(line) for line in body.split("\n"))
