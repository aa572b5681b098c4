"""Every language right, for readers and translators (issue #12): plurals by CLDR's rules, punctuation
from the catalogs and CLDR, a complete new language, context for translators, untranslated parts
labelled in PDF and JSON, and bare addresses linked on the site."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import markdown
import pdfplumber
import pytest
from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from babel.support import Translations
from jinja2 import Environment, FileSystemLoader
from notice import catalog, templating
from notice.site import site
from notice.versions.versions import Version

from .conftest import FIXTURES, ROOT
from .partial_language import LANG, TRANSLATED, PartialSite

COUNTS = (0, 1, 2, 5)
CHANGED = ("%(num)s section changed", "%(num)s sections changed")
#: What a reader of each language reads for 0, 1, 2 and 5 changed sections.
EXPECTED = {
    "sv": ("0 avsnitt ändrade", "1 avsnitt ändrat", "2 avsnitt ändrade", "5 avsnitt ändrade"),
    "en": ("0 sections changed", "1 section changed", "2 sections changed", "5 sections changed"),
    "de": ("0 Abschnitte geändert", "1 Abschnitt geändert", "2 Abschnitte geändert", "5 Abschnitte geändert"),
    "pl": ("0 sekcji zmienionych", "1 sekcja zmieniona", "2 sekcje zmienione", "5 sekcji zmienionych"),
}
PL = FIXTURES / "locales"


def po_path(locales: Path, lang: str) -> Path:
    return locales / lang / "LC_MESSAGES" / "messages.po"


def interface(locales: Path, lang: str, tmp_path: Path) -> catalog.Interface:
    """The language's catalog compiled afresh (a test catalog has no .mo), as the site loads it."""
    with po_path(locales, lang).open("rb") as fh:
        po = read_po(fh, locale=lang)
    mo = tmp_path / lang / "LC_MESSAGES" / "messages.mo"
    mo.parent.mkdir(parents=True, exist_ok=True)
    with mo.open("wb") as fh:
        write_mo(fh, po)
    return catalog.Interface(Translations.load(str(tmp_path), [lang], "messages"), lang)


# ---------------------------------------------------------------- plurals


@pytest.mark.parametrize("lang, locales", [("sv", ROOT / "locales"), ("en", ROOT / "locales"),
                                           ("de", ROOT / "locales"), ("pl", PL)])
def test_counts_take_the_plural_form_cldr_gives(lang: str, locales: Path, tmp_path: Path) -> None:
    with po_path(locales, lang).open("rb") as fh:
        po = read_po(fh, locale=lang)
    assert po.plural_forms == get_plural(lang).plural_forms, "Plural-Forms is not Babel's (CLDR's) rule"
    shown = tuple(interface(locales, lang, tmp_path).ngettext(*CHANGED, n) % {"num": n} for n in COUNTS)
    assert shown == EXPECTED[lang]
    categories = [Locale.parse(lang).plural_form(n) for n in COUNTS]
    for a, b in [(a, b) for a in range(len(COUNTS)) for b in range(len(COUNTS))]:
        assert (shown[a].split(" ", 1)[1] == shown[b].split(" ", 1)[1]) == (categories[a] == categories[b])


@pytest.mark.parametrize("lang", ["sv", "en", "de"])
def test_every_plural_message_has_every_form(lang: str) -> None:
    with po_path(ROOT / "locales", lang).open("rb") as fh:
        po = read_po(fh, locale=lang)
    plurals = [m for m in po if m.id and isinstance(m.id, tuple)]
    assert len(plurals) >= 8
    for message in plurals:
        assert len(message.string) == po.num_plurals and all("%(num)s" in s for s in message.string), message.id


def test_a_new_language_starts_with_its_cldr_plural_rule(partial_site: PartialSite, tmp_path: Path) -> None:
    """French counts 0 as singular (CLDR 'one'): `new-language fr` writes that rule."""
    locales = partial_site.project / "locales"
    with po_path(locales, LANG).open("rb") as fh:
        assert read_po(fh).plural_forms == get_plural(LANG).plural_forms
    fr = interface(locales, LANG, tmp_path)
    shown = [fr.ngettext("%(num)s section current", "%(num)s sections current", n) % {"num": n} for n in COUNTS]
    assert shown == ["0 section à jour", "1 section à jour", "2 sections à jour", "5 sections à jour"]


def render_status(ui: catalog.Interface, counts: dict[str, int]) -> str:
    env = templating.install_interface(Environment(loader=FileSystemLoader(ROOT / "overrides")), ui)
    language = {"lang": "xx", "name": "X", "counts": counts, "sections": ()}
    notice = {"slug": "privacy", "title": "Notice", "languages": [language]}
    return env.get_template("partials/notice-status.html").render(notices=[notice], root="../",
                                                                  source_lang="sv")


def test_the_status_counts_are_plurals_joined_as_the_language_lists(tmp_path: Path) -> None:
    counts = {"current": 1, "outdated": 2, "untranslated": 5, "missing": 0}
    sv = render_status(interface(ROOT / "locales", "sv", tmp_path), counts)
    assert "1 avsnitt aktuellt, 2 avsnitt inaktuella, 5 avsnitt inte översatta och 0 avsnitt saknas" in sv
    pl = render_status(interface(PL, "pl", tmp_path), counts)
    assert "1 sekcja aktualna, 2 sekcje nieaktualne, 5 sekcji nieprzetłumaczonych i 0 sekcji brakujących" in pl


def test_no_count_is_written_without_its_plural_forms() -> None:
    """A number followed by a noun in the plural ("%(changed)s sections changed") reads "1
    sections" in some count: such a message must be an ngettext one (msgid_plural)."""
    counted = re.compile(r"%\(\w+\)[sd] (?!(?:is|has|was)\b)[a-z]+s\b")
    singular_only = [m.id for m in template() if isinstance(m.id, str) and counted.search(m.id)]
    assert not singular_only, singular_only
    assert sum(isinstance(m.id, tuple) for m in template()) >= 8


def test_the_command_line_counts_in_english_plurals() -> None:
    assert catalog.count(1, "%(num)d error", "%(num)d errors") == "1 error"
    assert [catalog.count(n, "%(num)d warning", "%(num)d warnings") for n in (0, 2)] == ["0 warnings", "2 warnings"]


# ---------------------------------------------------------------- punctuation


def test_no_template_writes_punctuation_after_a_translated_phrase() -> None:
    """A label's colon (French ' :'), a list's commas: from the catalog or CLDR, never the template."""
    found = []
    for template in sorted((ROOT / "overrides").rglob("*.html")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"(?:_|gettext)\([^)]*\)\s*}}\s*(?:</strong>)?\s*[:;]|^\s*·|}}\s*·", line):
                found.append(f"{template.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_french_labels_take_french_punctuation(partial_site: PartialSite) -> None:
    page = (partial_site.site / LANG / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "<strong>Date d’entrée en vigueur\u202f:</strong>" in page
    status = (partial_site.site / "status" / "index.html").read_text(encoding="utf-8")
    untranslated = 26 - len(TRANSLATED)
    assert (f"2 avsnitt aktuella, 0 avsnitt inaktuella, {untranslated} avsnitt inte översatta och "
            "0 avsnitt saknas") in status


# ---------------------------------------------------------------- a phrase the catalog lacks


def test_an_untranslated_phrase_is_marked_english(tmp_path: Path) -> None:
    ui = interface(PL, "pl", tmp_path)
    gettext = ui.html_callables()["gettext"]
    assert gettext("Section") == "Sekcja"
    assert gettext("Back to top") == '<span lang="en">Back to top</span>'
    assert ui.lang_of("Back to top") == "en" and ui.lang_of("Section") == "pl"
    assert ui.html_callables()["ngettext"](*CHANGED, 2) == "%(num)s sekcje zmienione"


# ---------------------------------------------------------------- translators


def template() -> list:  # type: ignore[type-arg]
    with (ROOT / "locales" / "messages.pot").open("rb") as fh:
        return [m for m in read_po(fh) if m.id]


def test_translators_are_told_what_a_list_entry_is() -> None:
    vague = next(m for m in template() if m.id == "click here|here|read more|more|link")
    note = " ".join(vague.auto_comments)
    assert "list" in note and '"|"' in note


def test_ambiguous_words_carry_a_context() -> None:
    """A lone lowercase word ("current", "added") agrees in gender and number with what it
    describes: translators need to know what that is."""
    words = [m for m in template() if isinstance(m.id, str) and re.fullmatch(r"[a-z]+", m.id)]
    assert words and all(m.context for m in words), [m.id for m in words if not m.context]
    assert {m.context for m in template() if m.id in {"current", "Current"}} == {"version", "translation state"}


@pytest.mark.parametrize("lang", ["sv", "en", "de"])
def test_every_catalog_carries_the_translator_notes(lang: str) -> None:
    notes = {(m.id if isinstance(m.id, str) else m.id[0], m.context): m.auto_comments for m in template()}
    with po_path(ROOT / "locales", lang).open("rb") as fh:
        po = read_po(fh)
    assert sum(1 for n in notes.values() if n) >= 15
    for message in po:
        if message.id:
            key = (message.id if isinstance(message.id, str) else message.id[0], message.context)
            assert message.auto_comments == notes[key], key


# ---------------------------------------------------------------- a new language, complete


def test_new_language_passes_locale_check_and_names_its_site(partial_site: PartialSite) -> None:
    assert partial_site.locale_check.returncode == 0, partial_site.locale_check.stderr
    config = (partial_site.project / "mkdocs.yml").read_text(encoding="utf-8")
    entry = config[config.index("- locale: fr"):]
    assert re.search(r"\n\s+site_name: .+\n\s+site_description: .+", entry)
    page = (partial_site.site / LANG / "privacy" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="md-ellipsis" lang="sv">\s*Allegis', page), "the copied site name is not marked"


def test_a_missing_or_empty_summary_is_labelled_in_the_source_language() -> None:
    rows: list[dict[str, object]] = []

    def render(template_name: str, **context: object) -> str:
        rows.extend(context["versions"])  # type: ignore[call-overload]
        return ""
    version = Version("1.0", dt.date(2019, 12, 13), {"sv": "Första.", "en": "First.", "fr": "  "}, 1)
    for lang in ("fr", "de", "en"):
        site.changelog((version,), lang, lang, render, "sv")
    assert [(r["summary"], r["summary_lang"]) for r in rows] == [("Första.", "sv"), ("Första.", "sv"),
                                                                 ("First.", None)]


def test_pdf_and_json_mark_each_untranslated_part_with_its_language(partial_site: PartialSite) -> None:
    folder = partial_site.site / LANG / "privacy" / "2019-12-13"
    document = json.loads((folder / "notice-fr-2019-12-13.json").read_text(encoding="utf-8"))
    assert document["lang"] == LANG and document["preamble"]["lang"] == "sv"
    marked = {s["id"]: s.get("lang") for s in document["sections"]}
    assert {i for i, lang in marked.items() if lang is None} == set(TRANSLATED)
    assert set(marked.values()) == {None, "sv"}
    english = json.loads((partial_site.site / "en" / "privacy" / "2019-12-13" / "notice-en-2019-12-13.json").read_text())
    assert "lang" not in english["preamble"] and all("lang" not in s for s in english["sections"])
    with pdfplumber.open(folder / "notice-fr-2019-12-13.pdf") as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert text.count("Pas encore traduit.") == 1 + 26 - len(TRANSLATED)
    # each label names the language the part is in, in the reader's language (CLDR), catalog or not
    assert " ".join(text.split()).count("affichée en suédois.") == 1 + 26 - len(TRANSLATED)


# ---------------------------------------------------------------- bare addresses


def test_bare_addresses_become_links() -> None:
    html = markdown.markdown("See https://example.org/a?id=ANNEX-I. Or (https://x.org/Foo_(bar)), mail a.b@x.co.uk; "
                             "[https://kept.org](https://kept.org) `https://code.org`", extensions=["notice.site.autolink"])
    assert '<a href="https://example.org/a?id=ANNEX-I">https://example.org/a?id=ANNEX-I</a>. Or' in html
    assert '<a href="https://x.org/Foo_(bar)">https://x.org/Foo_(bar)</a>)' in html
    assert '<a href="mailto:a.b@x.co.uk">a.b@x.co.uk</a>;' in html
    assert html.count("<a ") == 4 and "<code>https://code.org</code>" in html


def test_the_swedish_page_links_its_bare_addresses(built_site: Path) -> None:
    page = (built_site / "privacy" / "index.html").read_text(encoding="utf-8")
    annex = "https://www.privacyshield.gov/article?id=ANNEX-I-introduction"
    assert re.search(rf'<a (?:class="notice-bare" )?href="{re.escape(annex)}">{re.escape(annex)}</a>', page)
    mail = "privacyofficerEU@allegisgroup.co.uk"
    assert re.search(rf'<a (?:class="notice-bare" )?href="mailto:{re.escape(mail)}">{re.escape(mail)}</a>', page)
