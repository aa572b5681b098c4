"""Many notices per site (issue #11): a German organisation publishes a privacy notice and a cookie
notice, German from its PDFs, English from its own PDFs, French still to be translated. The site is
made the documented way (`notice init`, then `notice add` for the second notice) from generated
PDFs, a link from one notice to a section of the other is added and released as a new version of
the first notice only, and one strict build publishes, per language and per notice, the page, the
dated versions, the change log and the feed, and a home page listing both. Runs without ../shared.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from notice import project
from notice.errors import NoticeError
from notice.versions import moved

from . import conftest
from .conftest import run_notice
from .test_adopt import build, copy_project, notice_pdf

LANGS = {"de": "", "en": "en/", "fr": "fr/"}  # the site's languages and their roots
FIRST, COOKIES, SECOND = "2024-05-01", "2024-06-01", "2024-07-01"
LINKS = {"de": "Mehr dazu im [Cookie-Hinweis](../cookies/#speicherdauer).",
         "en": "More in the [cookie notice](../cookies/#speicherdauer)."}
ATOM = "{http://www.w3.org/2005/Atom}"


def notice(project: Path, *args: str) -> str:
    result = run_notice(*args, cwd=project)
    assert result.returncode == 0, result.stderr
    return result.stderr


def add_link(path: Path, after: str, sentence: str) -> None:
    """Legal adds a sentence after the paragraph that ``after`` starts, and a new effective date."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(after))
    lines[at + 1:at + 1] = ["", sentence]
    text = "\n".join(lines) + "\n"
    path.write_text(text.replace(f"effective: {FIRST}", f"effective: {SECOND}"), encoding="utf-8")


@pytest.fixture(scope="module")
def two_notices(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project and its built site."""
    tmp = tmp_path_factory.mktemp("notices")
    pdfs = {
        "privacy-de": ("Datenschutzerklärung der Muster GmbH", [("Verantwortlicher", "Verantwortlich ist die Muster GmbH."),
                                                               ("Ihre Rechte", "Sie haben das Recht auf Auskunft.")]),
        "privacy-en": ("Privacy notice of Muster GmbH", [("Controller", "The controller is Muster GmbH."),
                                                         ("Your rights", "You have the right of access.")]),
        "cookies-de": ("Cookie-Hinweis der Muster GmbH", [("Notwendige Cookies", "Wir setzen nur notwendige Cookies."),
                                                         ("Speicherdauer", "Cookies werden nach einem Jahr gelöscht.")]),
        "cookies-en": ("Cookie notice of Muster GmbH", [("Necessary cookies", "We set necessary cookies only."),
                                                       ("Retention", "Cookies are deleted after one year.")]),
    }
    files = {name: notice_pdf(tmp / f"{name}.pdf", title, sections) for name, (title, sections) in pdfs.items()}
    project = copy_project(tmp)
    notice(project, "init", "--replace", "--org", "Muster GmbH", "--site-url", "https://recht.muster.example/",
           "--source", f"de={files['privacy-de']}", "--translation", f"en={files['privacy-en']}",
           "--language", "fr", "--effective", FIRST, "--slug", "privacy")
    notice(project, "add", "cookies", "--source", f"de={files['cookies-de']}",
           "--translation", f"en={files['cookies-en']}", "--effective", COOKIES)
    for lang in ("de", "fr"):  # French is the German text until it is translated
        add_link(project / "docs" / lang / "privacy" / "index.md", "Sie haben", LINKS["de"])
    add_link(project / "docs" / "en" / "privacy" / "index.md", "You have", LINKS["en"])
    notice(project, "check", "--update-freshness", "en", "--notice", "privacy")  # reviewed against the German
    released = notice(project, "release", "--version", "1.1", "--summary", "de=Verweist auf den Cookie-Hinweis.",
                      "--summary", "en=Links to the cookie notice.")
    assert "version 1.1 (2024-07-01) added" in released  # of the notice whose date is new
    assert "cookies: every version is released as it stands" in released  # the other, left as it is
    site = tmp / "site"
    build(project, site)
    return project, site


def test_init_and_add_configure_one_list_of_notices(two_notices: tuple[Path, Path]) -> None:
    project, _ = two_notices
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert config["extra"]["notice"]["notices"] == [{"slug": "privacy", "versions": "versions/privacy.yml"},
                                                    {"slug": "cookies", "versions": "versions/cookies.yml"}]
    privacy = yaml.safe_load((project / "versions/privacy.yml").read_text(encoding="utf-8"))["versions"]
    cookies = yaml.safe_load((project / "versions/cookies.yml").read_text(encoding="utf-8"))["versions"]
    assert [(v["version"], str(v["effective"])) for v in privacy] == [("1.1", SECOND), ("1.0", FIRST)]
    assert [(v["version"], str(v["effective"])) for v in cookies] == [("1.0", COOKIES)]  # released once, not again
    assert "sha256" in cookies[0] and all(key.split("/")[1] == "cookies" for key in cookies[0]["sha256"])
    assert "untranslated:" in (project / "docs/fr/cookies/index.md").read_text(encoding="utf-8")
    assert "## Retention {#speicherdauer}" in (project / "docs/en/cookies/index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_each_notice_has_its_pages_versions_change_log_and_feed(two_notices: tuple[Path, Path], lang: str) -> None:
    _, site = two_notices
    root = site / LANGS[lang]
    for slug, dates in (("privacy", (SECOND, FIRST)), ("cookies", (COOKIES,))):
        page = (root / slug / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in page and f'<time datetime="{dates[0]}">' in page
        for date in dates:
            assert (root / slug / date / "index.html").is_file()
            assert (root / slug / date / f"notice-{lang}-{date}.pdf").is_file()
        changelog = (root / slug / "changelog" / "index.html").read_text(encoding="utf-8")
        assert [f'href="../{date}/"' in changelog for date in dates] == [True] * len(dates)
        feed = ET.parse(root / slug / "feed.xml").getroot()
        ids = [e.text for e in feed.iter(f"{ATOM}id")]
        assert ids[0] == f"https://recht.muster.example/{LANGS[lang]}{slug}/feed.xml"
        assert ids[1:] == [f"https://recht.muster.example/{LANGS[lang]}{slug}/{date}/" for date in dates]
    assert (root / "privacy" / FIRST / "compare" / "index.html").is_file()  # 1.0 against 1.1


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_lists_both_notices_with_their_dates(two_notices: tuple[Path, Path], lang: str) -> None:
    _, site = two_notices
    home = (site / LANGS[lang] / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<h2 id="notice-(\w+)"><a href="(\w+/)"', home)
    assert listed == [("privacy", "privacy/"), ("cookies", "cookies/")]  # the configured order
    privacy, cookies = home.split('id="notice-cookies"')
    assert f'<time datetime="{SECOND}">' in privacy and f'<time datetime="{COOKIES}">' in cookies
    titles = {"de": "Cookie-Hinweis der Muster GmbH", "en": "Cookie notice of Muster GmbH",
              "fr": 'lang="de">Cookie-Hinweis der Muster GmbH'}  # French shows the German title, marked
    assert titles[lang] in cookies
    assert "data-notice-forward" not in home  # no notice of this site was ever at the root


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_to_a_section_of_the_other_notice_resolves(two_notices: tuple[Path, Path], lang: str) -> None:
    _, site = two_notices
    root = site / LANGS[lang]
    current = (root / "privacy" / "index.html").read_text(encoding="utf-8")
    assert 'href="../cookies/#speicherdauer"' in current
    assert 'id="speicherdauer"' in (root / "cookies" / "index.html").read_text(encoding="utf-8")
    dated = (root / "privacy" / SECOND / "index.html").read_text(encoding="utf-8")
    assert 'href="../../cookies/#speicherdauer"' in dated  # one folder deeper, the same target
    exported = json.loads((root / "privacy" / SECOND / f"notice-{lang}-{SECOND}.json").read_text(encoding="utf-8"))
    hrefs = {link["href"] for section in exported["sections"] for link in section["links"]}
    assert f"https://recht.muster.example/{LANGS[lang]}cookies/#speicherdauer" in hrefs  # read with no page around it


def test_the_language_switcher_leads_to_the_same_notice(two_notices: tuple[Path, Path]) -> None:
    """The menu's links name the same notice in every language, whose sections have the same ids;
    notice.js adds the section in view to the link (tests/browser)."""
    _, site = two_notices
    page = (site / "privacy" / "index.html").read_text(encoding="utf-8")
    switcher = dict((lang, href) for href, lang in re.findall(
        r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+" class="md-select__link" data-notice-language', page))
    assert switcher == {"de": "./", "en": "../en/privacy/", "fr": "../fr/privacy/"}  # seen from /privacy/
    ids = {lang: re.findall(r'<h2 id="([^"]+)"', (site / root / "privacy" / "index.html").read_text(encoding="utf-8"))
           for lang, root in LANGS.items()}
    assert "verantwortlicher" in ids["en"] and ids["de"] == ids["en"] == ids["fr"]
    home = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="(?:\.\./|/)" hreflang="de"[^>]*data-notice-language', home)  # home to home


@pytest.mark.parametrize("target, message", [
    ("../cookies/#nope", "link to '../cookies/#nope' goes nowhere (no heading of docs/en/cookies/index.md has id 'nope')"),
    ("../terms/", "link to '../terms/' goes nowhere (expected a notice at docs/en/terms/index.md, found none)"),
])
def test_a_broken_link_to_another_notice_is_refused_with_file_and_line(
        two_notices: tuple[Path, Path], tmp_path: Path, target: str, message: str) -> None:
    project = tmp_path / "p"
    shutil.copytree(two_notices[0], project)
    path = project / "docs/en/privacy/index.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("../cookies/#speicherdauer", target), encoding="utf-8")
    line = text.splitlines().index(LINKS["en"]) + 1
    check = run_notice("check", cwd=project)
    assert check.returncode == 1 and f"docs/en/privacy/index.md:{line}: {message}" in check.stderr, check.stderr


@pytest.mark.parametrize("entries, message", [
    ([{"slug": "privacy", "versions": "v.yml"}, {"slug": "privacy", "versions": "w.yml"}], "slug 'privacy' is used twice"),
    ([{"slug": "Privacy Notice", "versions": "v.yml"}], "slug 'Privacy Notice' is not a URL-safe folder name"),
    ([{"slug": "2019-12-13", "versions": "v.yml"}], "slug '2019-12-13' is not a URL-safe folder name"),
    ([{"slug": "privacy", "versions": "v.yml", "version": "x"}], "unknown key 'version'"),
    ([{"slug": "privacy"}], "expected 'versions: versions/privacy.yml', found None"),
    ([], "expected a list of notices"),
])
def test_the_list_of_notices_is_validated_in_one_line(entries: list[dict[str, str]], message: str) -> None:
    with pytest.raises(NoticeError, match=re.escape(message)) as raised:
        project.parse_notices(entries, "mkdocs.yml")
    assert "\n" not in str(raised.value) and str(raised.value).startswith("mkdocs.yml: extra.notice.notices")


def test_a_notice_without_its_folder_is_named(tmp_path: Path) -> None:
    entries = project.parse_notices([{"slug": "cookies", "versions": "versions/cookies.yml"}], "mkdocs.yml")
    with pytest.raises(NoticeError, match=r"notice 'cookies' has no folder \(expected .*docs/de/cookies/index.md\)"):
        project.check_notice_folders(entries, tmp_path / "docs", "de", "mkdocs.yml")


def test_a_redirect_never_replaces_a_page(tmp_path: Path) -> None:
    """A page at an old address of the moved notice is refused by the check (and so by the build)."""
    page = tmp_path / "docs" / "en" / "changelog.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\nnotice_page: changelog\n---\n", encoding="utf-8")
    found = moved.conflicts([moved.Move("en", "en/changelog/", "en/privacy/changelog/")], tmp_path / "docs", "sv")
    assert [(p.file, p.line) for p in found] == [(str(page), 1)]
    assert "published at /en/changelog/, which the moved notice's old address must redirect" in found[0].message
    with pytest.raises(NoticeError, match="would overwrite the page the site builds there"):
        moved.write_moves([moved.Move("en", "en/changelog/", "en/privacy/changelog/")], tmp_path, "https://x/",
                          frozenset({"en/changelog/index.html"}), lambda template, **context: "")


def test_notice_check_refuses_a_page_where_an_old_address_must_redirect(tmp_path: Path) -> None:
    """The example's privacy notice was at the root: a page added at its old change-log address
    would be replaced by the redirect, so `notice check` names it (and the build stops on it)."""
    project = conftest.copy_project(tmp_path / "project")
    (project / "docs/en/changelog.md").write_text("---\nnotice_page: changelog\n---\n", encoding="utf-8")
    check = run_notice("check", cwd=project)
    assert check.returncode == 1, check.stderr
    assert ("docs/en/changelog.md:1: this page is published at /en/changelog/, which the moved notice's old "
            "address must redirect to /en/privacy/changelog/") in check.stderr, check.stderr
