"""Interface phrases from the gettext catalogs under ``locales/`` (read with Babel)."""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.lists import format_list
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


def count(n: int, singular: str, plural: str) -> str:
    """``n`` things in the command line's English, by gettext's plural choice ("1 error", "2 errors")."""
    return gettext.ngettext(singular, plural, n) % {"num": n}


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


#: The language the msgids are written in: what gettext shows where a catalog has no translation.
MSGID_LANG = "en"


def primary(lang: str) -> str:
    return lang.replace("-", "_").split("_")[0].lower()


@dataclass(frozen=True)
class Interface:
    """One language's interface phrases from its compiled catalog, knowing which are translated.

    A catalog being filled shows the English msgid for what it lacks; that text is English, so on
    the page it carries ``lang="en"`` (``html``), never the page's language. Counts go through
    ``ngettext`` with the plural rule of the catalog's ``Plural-Forms`` (Babel writes CLDR's)."""

    translations: Translations
    lang: str

    def has(self, msgid: str, context: str | None = None, plural: bool = False) -> bool:
        """Whether the compiled catalog translates ``msgid``. gettext has no public way to ask
        (it answers with the msgid either way); the .mo holds only translated messages, keyed as
        here (``context\x04msgid``, ``(msgid, 0)`` for the first plural form)."""
        key: object = msgid if context is None else f"{context}\x04{msgid}"
        return (key, 0) in self.translations._catalog if plural else key in self.translations._catalog  # noqa: SLF001

    def lang_of(self, msgid: str, context: str | None = None, plural: bool = False) -> str:
        """The language the phrase for ``msgid`` is shown in: this one, or the msgids' (English)."""
        return self.lang if primary(self.lang) == MSGID_LANG or self.has(msgid, context, plural) else MSGID_LANG

    def gettext(self, msgid: str) -> str:
        return str(self.translations.gettext(msgid))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return str(self.translations.ngettext(singular, plural, n))

    def pgettext(self, context: str, msgid: str) -> str:
        return str(self.translations.pgettext(context, msgid))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return str(self.translations.npgettext(context, singular, plural, n))

    def mark(self, text: str, lang: str) -> str:
        """``text`` (HTML) as shown on a page in this language: in a ``<span lang>`` when it is not."""
        return text if lang == self.lang else f'<span lang="{lang}">{text}</span>'

    def html_callables(self) -> dict[str, Callable[..., str]]:
        """gettext, ngettext, pgettext and npgettext for HTML templates: each phrase the catalog
        lacks comes back as English in ``<span lang="en">`` (attributes take ``| striptags``)."""
        return {
            "gettext": lambda s: self.mark(self.gettext(s), self.lang_of(s)),
            "ngettext": lambda s, p, n: self.mark(self.ngettext(s, p, n), self.lang_of(s, plural=True)),
            "pgettext": lambda c, s: self.mark(self.pgettext(c, s), self.lang_of(s, c)),
            "npgettext": lambda c, s, p, n: self.mark(self.npgettext(c, s, p, n), self.lang_of(s, c, plural=True)),
        }

    def format_list(self, items: Iterable[str], style: str = "standard") -> str:
        """Items joined as this language writes a list ("a, b och c"): CLDR's patterns, by Babel."""
        return str(format_list(list(items), style=style, locale=self.lang.replace("-", "_")))  # type: ignore[arg-type]
