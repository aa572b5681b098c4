"""Section ids: ASCII, stable, derived once from the source language and reused by every other."""

from __future__ import annotations

import re
import unicodedata

#: Letters that Unicode does not decompose into an ASCII base letter.
TRANSLITERATE = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                               "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "ð": "d", "ı": "i"})
MAX_WORDS = 6


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.translate(TRANSLITERATE)).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:MAX_WORDS]) or "section"


def unique_ids(headings: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for heading in headings:
        base = slugify(heading)
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids
