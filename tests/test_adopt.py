"""A new organisation adopts the project: `notice init` from its PDFs, then a strict build.

The path the README's "Use it for your own notices" section documents, run in a copy of the repository:
the built site is the organisation's, in its languages, with none of the example's text.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from . import conftest
from .conftest import ROOT, SHARED
from .pdfgen import make_pdf

#: Words of the example site that must not survive an adoption (its organisation and its notice's title).
EXAMPLE_WORDS = ("Allegis", "onlinesekretess", "Online-Datenschutzhinweis")


def copy_project(tmp_path: Path) -> Path:
    return conftest.copy_project(tmp_path / "project")


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=project, capture_output=True, text=True)


def build(project: Path, out: Path) -> None:
    compiled = run(project, "-m", "babel.messages.frontend", "compile", "-d", "locales", "-D", "messages")
    assert compiled.returncode == 0, compiled.stderr
    built = run(project, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out))
    assert built.returncode == 0, built.stderr


def assert_none_of_the_example(site: Path) -> None:
    for page in site.rglob("*"):
        if page.suffix in (".html", ".xml", ".json"):
            text = page.read_text(encoding="utf-8")
            found = [w for w in EXAMPLE_WORDS if w in text]
            assert not found, f"{page.relative_to(site)} holds the example's {found}"


def notice_pdf(path: Path, title: str, sections: list[tuple[str, str]]) -> Path:
    lines: list[str | tuple[str, float]] = [(title, 20.0), ""]
    for heading, body in sections:
        lines += [(heading, 14.0), body, ""]
    return make_pdf(path, [lines])


def test_a_german_organisation_from_generated_pdfs(tmp_path: Path) -> None:
    """German source with an English translation from its own PDF and French still to be translated."""
    de = notice_pdf(tmp_path / "datenschutz.pdf", "Datenschutzerklärung der Muster GmbH", [
        ("Verantwortlicher", "Verantwortlich ist die Muster GmbH in Köln."),
        ("Ihre Rechte", "Sie haben das Recht auf Auskunft über Ihre Daten."),
    ])
    en = notice_pdf(tmp_path / "privacy.pdf", "Privacy notice of Muster GmbH", [
        ("Controller", "The controller is Muster GmbH in Cologne."),
        ("Your rights", "You have the right to access your data."),
    ])
    project = copy_project(tmp_path)
    init = run(project, "-m", "notice.cli", "init", "--replace", "--org", "Muster GmbH",
               "--site-url", "https://datenschutz.muster.example", "--source", f"de={de}",
               "--translation", f"en={en}", "--language", "fr", "--effective", "2024-05-01")
    assert init.returncode == 0, init.stderr
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert config["site_name"] == "Muster GmbH" and config["site_url"] == "https://datenschutz.muster.example/"
    assert config["theme"]["language"] == "de" and config["extra"]["notice"]["source_language"] == "de"
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert [(lang["locale"], bool(lang.get("default"))) for lang in i18n["languages"]] == [
        ("de", True), ("en", False), ("fr", False)]
    # one notice, its folder named by the rule for none given: the source PDF's name
    assert config["extra"]["notice"]["notices"] == [{"slug": "datenschutz", "versions": "versions/datenschutz.yml"}]
    versions = yaml.safe_load((project / "versions/datenschutz.yml").read_text(encoding="utf-8"))["versions"]
    assert [(v["version"], str(v["effective"])) for v in versions] == [("1.0", "2024-05-01")]
    assert versions[0]["summary"]["de"] == "Erste veröffentlichte Fassung."
    assert sorted(p.name for p in (project / "sources").iterdir()) == ["datenschutz.pdf", "privacy.pdf"]
    english = (project / "docs" / "en" / "datenschutz" / "index.md").read_text(encoding="utf-8")
    assert "## Your rights {#ihre-rechte}" in english and "untranslated" not in english  # the source's ids
    assert "untranslated:" in (project / "docs" / "fr" / "datenschutz" / "index.md").read_text(encoding="utf-8")

    check = run(project, "-m", "notice.cli", "check")
    assert " 0 errors" in check.stderr, check.stderr
    site = tmp_path / "site"
    build(project, site)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in home and '<a href="datenschutz/">Datenschutzerklärung der Muster GmbH</a>' in home
    notice = (site / "datenschutz" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in notice and "Datenschutzerklärung der Muster GmbH" in notice
    assert "Privacy notice of Muster GmbH" in (site / "en" / "datenschutz" / "index.html").read_text(encoding="utf-8")
    french = (site / "fr" / "datenschutz" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in french and '<div class="notice-untranslated" lang="de">' in french
    for lang_dir in ("", "en/", "fr/"):
        assert (site / lang_dir / "datenschutz" / "2024-05-01" / "index.html").exists()
        assert "2024" in (site / lang_dir / "datenschutz" / "changelog" / "index.html").read_text(encoding="utf-8")
    assert_none_of_the_example(site)

    before = {p: p.read_bytes() for p in (project / "docs").rglob("*.md")}
    again = run(project, "-m", "notice.cli", "reextract")
    assert again.returncode == 0, again.stderr
    assert "docs/fr/datenschutz/index.md: translated by hand" in again.stderr
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*.md")} == before  # the same PDFs, the same text


def test_reextracting_the_example_changes_nothing(tmp_path: Path) -> None:
    """docs/ is what the extractor makes of sources/ today; the hand translation (de) is never overwritten."""
    project = copy_project(tmp_path)
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*.md")}
    again = run(project, "-m", "notice.cli", "reextract")
    assert again.returncode == 0, again.stderr
    changed = [str(p.relative_to(project)) for p, data in before.items() if p.read_bytes() != data]
    assert not changed, f"{changed} differ from a fresh extraction of sources/ (run: make docs, review the diff)"


def test_init_refuses_to_overwrite_and_writes_nothing_when_a_pdf_fails(tmp_path: Path) -> None:
    de = notice_pdf(tmp_path / "d.pdf", "Datenschutzerklärung", [("Rechte", "Sie haben Rechte.")])
    project = copy_project(tmp_path)
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    args = ("-m", "notice.cli", "init", "--org", "X", "--site-url", "https://x.example/", "--source", f"de={de}")
    kept = run(project, *args)
    assert kept.returncode == 1 and "pass --replace" in kept.stderr
    no_date = run(project, *args, "--replace")
    assert no_date.returncode == 1 and "no effective date found" in no_date.stderr and "--effective" in no_date.stderr
    missing = run(project, *args[:-1], "de=missing.pdf", "--replace", "--effective", "2024-01-01")
    assert missing.returncode == 1 and "missing.pdf: no such PDF" in missing.stderr
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()} == before


@pytest.mark.skipif(not (SHARED / "realpdfs").is_dir(), reason="needs ../shared/realpdfs")
def test_an_organisation_with_two_notices_from_real_pdfs(tmp_path: Path) -> None:
    """Two real German notices (Word with § headings; a short one printing its own date): the first
    starts the site with `notice init`, English to be translated, the second is added with `notice
    add`; the site lists both on each language's home page, each with its own change log."""
    real = SHARED / "realpdfs"
    project = copy_project(tmp_path)
    init = run(project, "-m", "notice.cli", "init", "--replace", "--org", "KVK Beispiel", "--site-url",
               "https://kvk.example/", "--source", f"de={real / 'de_kvk_datenschutz.pdf'}",
               "--language", "en", "--effective", "2023-02-01", "--slug", "datenschutz")
    assert init.returncode == 0, init.stderr
    add = run(project, "-m", "notice.cli", "add", "schwimmschule", "--source", f"de={real / 'de_iswim_datenschutz.pdf'}")
    assert add.returncode == 0, add.stderr
    assert "docs/en/schwimmschule/index.md: untranslated copy of the source" in add.stderr
    site = tmp_path / "site"
    build(project, site)
    for root in ("", "en/"):
        home = (site / root / "index.html").read_text(encoding="utf-8")
        assert '<a href="datenschutz/"' in home and '<a href="schwimmschule/"' in home
        assert '<time datetime="2023-02-01">' in home and '<time datetime="2025-08-01">' in home  # as the PDF prints it
        assert "Datenschutz" in (site / root / "datenschutz" / "index.html").read_text(encoding="utf-8")
        assert (site / root / "datenschutz" / "2023-02-01" / "index.html").exists()
        assert (site / root / "schwimmschule" / "2025-08-01" / "index.html").exists()
        assert (site / root / "schwimmschule" / "changelog" / "index.html").exists()
    assert_none_of_the_example(site)


def test_what_init_would_publish_is_linted_before_anything_is_written(tmp_path: Path) -> None:
    """A PDF's text is as untrusted as a pull request: a bidirectional override (which shows a line to a
    reviewer in another order than to a reader) is refused, named at the line of the notice it would be."""
    from notice import adopt

    clean = "---\ntitle: Datenschutz\nlang: de\n---\n\n# Datenschutz\n\nSie haben Rechte.\n"
    assert adopt.unsafe({"de": clean}, ROOT, tmp_path, "privacy") == []
    hostile = clean.replace("Sie haben", "Sie haben \u202e")
    found = adopt.unsafe({"de": clean, "en": hostile}, ROOT, tmp_path, "privacy")
    assert len(found) == 1 and found[0].startswith("docs/en/privacy/index.md:8: bidirectional override U+202E"), found
