"""Dates in the words of a language: found in text with Babel's month names, formatted with Babel."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_month_names

from notice.errors import NoticeError


def fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def month_lookup(lang: str) -> dict[str, int]:
    """Every spelling Babel knows for each month in ``lang``: wide and abbreviated, both contexts."""
    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError) as err:
        raise NoticeError(f"unknown language code '{lang}' ({err})") from None
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=lang).items():
                names.setdefault(fold(name).rstrip("."), number)
    return names


def find_date(text: str, lang: str) -> tuple[dt.date, int, int] | None:
    """The first date in ``text`` as (date, start, end), written with month names or as ISO."""
    months = month_lookup(lang)
    alternatives = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    patterns = (
        (rf"\b(\d{{1,2}})(?:\.|er|º)?\s+({alternatives})\.?\s+(\d{{4}})\b", ("d", "m", "y")),
        (rf"\b({alternatives})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", ("m", "d", "y")),
        (r"\b(\d{4})-(\d{2})-(\d{2})\b", ("y", "m", "d")),
    )
    folded = fold(text)
    found: list[tuple[int, int, dt.date]] = []
    for pattern, order in patterns:
        for match in re.finditer(pattern, folded, re.IGNORECASE):
            parts = dict(zip(order, match.groups()))
            month = int(parts["m"]) if parts["m"].isdigit() else months[parts["m"].rstrip(".")]
            try:
                found.append((match.start(), match.end(), dt.date(int(parts["y"]), month, int(parts["d"]))))
            except ValueError:
                continue
    if not found:
        return None
    start, end, date = min(found)
    return date, start, end


def long_date(date: dt.date, locale: str) -> str:
    """``date`` as a reader of ``locale`` writes it in running text ("13 december 2019")."""
    return str(format_date(date, format="long", locale=locale))
