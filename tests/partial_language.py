"""A language being translated, made as a translator makes it, in a copy of the repository.

``notice new-language fr``, then `make locale-check` (it must pass at once), then two sections
translated and marked reviewed, the catalog filled in part, and a strict build. The real site
(docs/) never gets the fixture language. Used by the browser suite (a reader walking the
partly translated site) and by tests that read its built HTML, PDF and JSON.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from .conftest import ROOT, copy_project

LANG = "fr"
#: The sections the fixture translates (the rest stays Swedish, labelled).
TRANSLATED = {
    "datalagring": ("Conservation des données", [
        "Nous conservons les données personnelles que nous collectons lorsque nous avons un besoin "
        "commercial légitime et continu de le faire.",
        "Lorsque nous n’avons plus ce besoin, nous les supprimons ou les anonymisons.",
    ]),
    "barns-sekretess": ("Vie privée des enfants", [
        "Ce site n’est pas destiné aux enfants de moins de 13 ans.",
    ]),
}
#: About half of the interface: the rest shows in English, marked lang="en".
CATALOG = {
    "Back to top": "Retour en haut",
    "Not translated yet.": "Pas encore traduit.",
    "This part is shown in the original language.": "Cette partie est affichée dans la langue d’origine.",
    "This part is shown in %(language)s.": "Cette partie est affichée en %(language)s.",
    "Open it in the original": "L’ouvrir dans l’original",
    "Contents": "Sommaire",
    "Effective date": "Date d’entrée en vigueur",
    "%(label)s:": "%(label)s\u202f:",
    "Translation status": "État des traductions",
    "Section": "Section",
    "State": "État",
    "Read the original section": "Lire la section d’origine",
    "This translation may be out of date.": "Cette traduction n’est peut-être plus à jour.",
    "Page not found": "Page introuvable",
    "Go to the notice": "Aller à l’avis",
    "There is no page at this address.": "Il n’y a pas de page à cette adresse.",
    "Link to the section “%(section)s”": "Lien vers la section « %(section)s »",
    "click here|here|read more|more|link": "cliquez ici|ici|en savoir plus|plus|lien",
    "(section “%(section)s”)": "(section « %(section)s »)",
    "Download PDF": "Télécharger le PDF",
    "Current": "À jour",
    "Not translated": "Non traduit",
    "Outdated": "Obsolète",
    "Missing": "Manquant",
    "Sections of the notice and the state of their translation": "Sections de l’avis et état de leur traduction",
}
PLURALS = {
    "%(num)s section current": ("%(num)s section à jour", "%(num)s sections à jour"),
    "%(num)s section not translated": ("%(num)s section non traduite", "%(num)s sections non traduites"),
}


@dataclass(frozen=True)
class PartialSite:
    project: Path  # the repository copy with docs/fr and locales/fr
    site: Path  # its strict build
    locale_check: subprocess.CompletedProcess[str]  # `make locale-check` right after new-language


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=project, capture_output=True, text=True)


def translate_sections(path: Path) -> None:
    """Write the French text of the fixture's sections over the Swedish copy (ids kept)."""
    text = path.read_text(encoding="utf-8")
    for section, (heading, paragraphs) in TRANSLATED.items():
        french = f"## {heading} {{#{section}}}\n\n" + "\n\n".join(paragraphs) + "\n\n"
        text, found = re.subn(rf"^## [^\n]*\{{#{section}\}}\n.*?(?=^## )", french.replace("\\", r"\\"), text,
                              count=1, flags=re.M | re.S)
        assert found == 1, f"no section {section} in {path}"
    path.write_text(text, encoding="utf-8")


def fill_catalog(po: Path) -> None:
    with po.open("rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if isinstance(message.id, tuple) and key in PLURALS:
            message.string = PLURALS[key]
        elif not isinstance(message.id, tuple) and key in CATALOG:
            message.string = CATALOG[key]
    with po.open("wb") as fh:
        write_po(fh, catalog, ignore_obsolete=True, include_previous=False)


def build(tmp: Path) -> PartialSite:
    project = copy_project(tmp / "project")
    added = run(project, sys.executable, "-m", "notice.cli", "new-language", LANG)
    assert added.returncode == 0, added.stderr
    check = run(project, "make", "-s", "locale-check", f"VENV={ROOT / '.venv'}")
    doc = project / "docs" / LANG / "privacy" / "index.md"
    reviewed = run(project, sys.executable, "-m", "notice.cli", "check", "--update-freshness", LANG,
                   *[arg for section in TRANSLATED for arg in ("--section", section)])
    assert reviewed.returncode == 0, reviewed.stderr
    translate_sections(doc)
    fill_catalog(project / "locales" / LANG / "LC_MESSAGES" / "messages.po")
    # the untranslated copy was published with the language: its translation is a correction, with a reason
    released = run(project, sys.executable, "-m", "notice.cli", "release", "--correct", "Partial translation")
    assert released.returncode == 0, released.stderr
    compiled = run(project, sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales",
                   "-D", "messages")
    assert compiled.returncode == 0, compiled.stderr
    site = tmp / "site"
    built = run(project, sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site))
    assert built.returncode == 0, built.stderr
    return PartialSite(project, site, check)
