"""Interface phrases from the gettext catalogs under ``locales/`` (read with Babel)."""

from __future__ import annotations

import functools
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from notice.errors import CatalogError

DOMAIN = "messages"


def N_(msgid: str) -> str:
    """Mark ``msgid`` for ``pybabel extract -k N_`` where it is looked up later, not translated here."""
    return msgid


@functools.cache
def load(locales: Path, lang: str) -> Catalog:
    path = locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        raise CatalogError(f"{path}: no catalog for language '{lang}' (run: make locale-init LANG={lang})")
    try:
        with path.open("rb") as fh:
            return read_po(fh, locale=lang, abort_invalid=True)
    except (PoFileError, ValueError) as err:
        raise CatalogError(f"{path}: malformed catalog ({err})") from None


def phrase(locales: Path, lang: str, msgid: str) -> str:
    """The translation of ``msgid``; the msgid itself only where it is the source text (English)."""
    message = load(locales, lang).get(msgid)
    if message is not None and message.string:
        return str(message.string)
    if lang.split("_")[0] == "en":
        return msgid
    raise CatalogError(f"{locales / lang}/LC_MESSAGES/{DOMAIN}.po: no translation for '{msgid}'")


def split_list(text: str) -> tuple[str, ...]:
    """The items of a '|'-separated list kept in one catalog entry."""
    return tuple(p.strip() for p in text.split("|") if p.strip())


def phrases(locales: Path, lang: str, msgid: str) -> tuple[str, ...]:
    """A '|'-separated list in one catalog entry, for lists such as vague link texts."""
    return split_list(phrase(locales, lang, msgid))


def translations(locales: Path, lang: str) -> Translations:
    """The catalog of ``lang`` for Jinja's i18n extension, compiled from its .po in memory: a
    release renders with the catalog as it is, never with a stale or missing .mo."""
    buffer = io.BytesIO()
    write_mo(buffer, load(locales, lang))
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)
