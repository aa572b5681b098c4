"""The version archive end to end, on a small two-language notice with two versions
(tests/fixtures/versions): legal edits the notice, ``notice release`` archives the previous
version without anyone copying a file, and one strict build publishes the archive, the redline,
the change log, the feeds, the JSON and the PDFs. Then every bad input fails the build, naming
the file. The fixture lives in a temporary folder without git: nothing depends on history."""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jsonschema
import pdfplumber
import pytest
from notice.reader import read_notice
from notice.versions.export import spans_in

from .conftest import FIXTURES, ROOT, run_notice

FIXTURE = FIXTURES / "versions"
OLD, NEW = "2023-01-01", "2024-03-01"
PREFIX = {"sv": "privacy/", "en": "en/privacy/"}  # the fixture's notice, in its folder per language
ATOM = "{http://www.w3.org/2005/Atom}"


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
    )


def release(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_notice("release", *args, cwd=project)


def write_config(project: Path) -> None:
    template = (FIXTURE / "mkdocs.yml.in").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(template.replace("@ROOT@", str(ROOT)), encoding="utf-8")


@pytest.fixture(scope="session")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project after legal's two releases: 1.0 as it came, then 2.0 over it."""
    project = tmp_path_factory.mktemp("versions") / "project"
    shutil.copytree(FIXTURE, project)
    write_config(project)
    first = release(project)
    assert first.returncode == 0, first.stderr
    for lang in PREFIX:  # legal edits the notice of every language for the new version
        shutil.copy(project / "next" / f"{lang}.md", project / "docs" / lang / "privacy" / "index.md")
    second = release(
        project,
        "--version",
        "2.0",
        "--summary",
        "sv=Lägger till dina rättigheter.",
        "--summary",
        "en=Adds your rights.",
    )
    assert second.returncode == 0, second.stderr
    return project


@pytest.fixture(scope="session")
def site(released: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("versions-site")
    result = mkdocs_build(released, out)
    assert result.returncode == 0, result.stderr
    return out


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article(markup: str) -> str:
    match = re.search(r"<article\b.*?</article>", markup, re.DOTALL)
    assert match, "no <article>"
    return match.group(0)


def text_of(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def assert_links_resolve(site: Path, url: str, markup: str) -> None:
    """Every relative link of the page's article leads to a file of the built site."""
    base = "https://site.test/" + url
    for href in re.findall(r'href="([^"#]+)"', markup):
        target = urljoin(base, html.unescape(href))
        if not target.startswith("https://site.test/"):
            continue
        path = site / urlsplit(target).path.lstrip("/")
        assert path.is_file() or (path / "index.html").is_file(), f"{url}: broken link {href}"


# ---------------------------------------------------------------- release


def test_release_archives_the_previous_version_without_copying_by_hand(released: Path) -> None:
    for lang in PREFIX:
        old = released / "docs" / lang / "privacy" / OLD / "index.md"
        assert old.read_bytes() == (FIXTURE / "docs" / lang / "privacy" / "index.md").read_bytes()
        assert (released / "docs" / lang / "privacy" / NEW / "index.md").read_bytes() == (
            FIXTURE / "next" / f"{lang}.md"
        ).read_bytes()
        assert (released / "docs" / lang / "privacy" / OLD / "compare.md").is_file()
        assert not (released / "docs" / lang / "privacy" / NEW / "compare.md").exists()
    text = (released / "versions.yml").read_text(encoding="utf-8")
    assert text.startswith("# Every published version")  # comments survive
    assert text.index('version: "2.0"') < text.index('version: "1.0"')
    assert 'sv: "Lägger till dina rättigheter."' in text


def test_first_release_starts_the_version_list(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(FIXTURE, project)
    write_config(project)
    (project / "versions.yml").write_text("# newest first\nversions: []\n", encoding="utf-8")
    result = release(project, "--version", "1.0", "--summary", "sv=Först.")
    assert result.returncode == 0, result.stderr
    assert "write the en summary of version 1.0 before building" in result.stderr
    text = (project / "versions.yml").read_text(encoding="utf-8")
    assert text.startswith(
        '# newest first\nversions:\n  - version: "1.0"\n    effective: 2023-01-01\n    summary:\n'
        '      sv: "Först."\n      en: ""\n    sha256:\n'
    )
    # the SHA-256 of each released file, by its path below docs/
    recorded = re.findall(r'^      "([^"]+)": "([0-9a-f]{64})"$', text, re.MULTILINE)
    assert [name for name, _ in recorded] == [
        f"{lang}/privacy/{OLD}/{name}"
        for lang in ("en", "sv")
        for name in ("index.md", f"notice-{lang}-{OLD}.json", f"notice-{lang}-{OLD}.pdf")
    ]
    for name, digest in recorded:
        assert hashlib.sha256((project / "docs" / name).read_bytes()).hexdigest() == digest
    assert (project / "docs" / "en" / "privacy" / OLD / "index.md").is_file()


def test_release_again_writes_nothing(released: Path, tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(released, project)
    result = release(project)
    assert result.returncode == 0 and "nothing to write" in result.stderr


@pytest.mark.parametrize(
    "effective, args, expected",
    [
        (OLD, (), f"effective {OLD} is archived version 1.0"),
        ("2025-06-01", (), "give it a label with --version (the last is 2.0)"),
        ("2022-01-01", ("--version", "0.9"), "is older than the newest version 2.0"),
        (NEW, ("--correct", " "), "--correct needs the reason for the correction"),
        ("2025-06-01", ("--version", "3.0", "--correct", "why"), "version 3.0 is not released yet"),
    ],
)
def test_release_refuses(
    released: Path, tmp_path: Path, effective: str, args: tuple[str, ...], expected: str
) -> None:
    project = tmp_path / "p"
    shutil.copytree(released, project)
    for lang in PREFIX:
        current = project / "docs" / lang / "privacy" / "index.md"
        current.write_text(
            re.sub(
                r"^effective: .*$",
                f"effective: {effective}",
                current.read_text(encoding="utf-8"),
                count=1,
                flags=re.MULTILINE,
            ),
            encoding="utf-8",
        )
    result = release(project, *args)
    assert result.returncode == 1 and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- archive pages


@pytest.mark.parametrize(
    "lang, archived, until",
    [("sv", "Arkiverad version 1.0", "29 februari 2024"), ("en", "Archived version 1.0", "29 February 2024")],
)
def test_archived_version_has_banner_and_link_to_current(
    site: Path, lang: str, archived: str, until: str
) -> None:
    url = PREFIX[lang] + OLD + "/"
    body = article(page(site, url))
    banner = re.search(
        r'<div class="notice-banner notice-banner--archived" role="note">.*?</div>', body, re.DOTALL
    )
    assert banner, "no archived-version banner"
    assert archived in banner.group(0)
    assert f'<time datetime="2024-02-29">{until}</time>' in banner.group(0)
    assert '<time datetime="2023-01-01">' in banner.group(0)
    assert 'href="../"' in banner.group(0) and 'href="compare/"' in banner.group(0)
    assert f'<html lang="{lang}"' in page(site, url)
    assert_links_resolve(site, url, body)
    # the archived text is the old one, the current one the new
    assert "Cookies" in text_of(body) and "Cookies" not in text_of(article(page(site, PREFIX[lang])))


@pytest.mark.parametrize("lang", PREFIX)
def test_current_version_lives_at_canonical_and_dated_url(site: Path, lang: str) -> None:
    dated = article(page(site, PREFIX[lang] + NEW + "/"))
    canonical = article(page(site, PREFIX[lang]))
    assert 'class="notice-banner" role="note"' in dated and "notice-banner--archived" not in dated
    heading = re.compile(r"<h[23] id=\"([^\"]+)\"")
    assert heading.findall(dated) == heading.findall(canonical)
    for url, body in ((PREFIX[lang] + NEW + "/", dated), (PREFIX[lang], canonical)):
        downloads = re.search(r'<ul class="notice-downloads">.*?</ul>', body, re.DOTALL)
        assert downloads and f"notice-{lang}-{NEW}.pdf" in downloads.group(0)
        assert_links_resolve(site, url, downloads.group(0))


def test_language_switch_on_a_dated_page_keeps_the_version(site: Path) -> None:
    markup = page(site, PREFIX["sv"] + OLD + "/")
    assert re.search(rf'<a href="[^"]*en/privacy/{OLD}/" hreflang="en"', markup)


# ---------------------------------------------------------------- redline


@pytest.mark.parametrize(
    "lang, inserted, deleted", [("sv", "tillagt:", "borttaget:"), ("en", "inserted:", "deleted:")]
)
def test_redline_section_by_section(site: Path, lang: str, inserted: str, deleted: str) -> None:
    url = PREFIX[lang] + OLD + "/compare/"
    body = article(page(site, url))
    ins = re.findall(r"<ins>(.*?)</ins>", body, re.DOTALL)
    dels = re.findall(r"<del>(.*?)</del>", body, re.DOTALL)
    assert ins and dels
    # announced in words, not colour alone
    assert all(f'<span class="notice-sr">{inserted} </span>' in i for i in ins)
    assert all(f'<span class="notice-sr">{deleted} </span>' in d for d in dels)
    # word level: the changed storage time is one word, not the whole row
    assert any(text_of(i).endswith(("Två", "Two")) or "Två" in i or "Two" in i for i in ins)
    assert not any("Kontouppgifter" in d or "Account data" in d for d in dels)
    # a changed link target shows, with both addresses
    assert "https://www.example.test/cookies" in " ".join(dels)
    assert any("https://www.example.test/integritet/cookies" in i for i in ins)
    # unchanged sections collapsed, changed ones open with their status
    details = re.findall(
        r'<details class="notice-redline__section notice-redline__section--unchanged">', body
    )
    # the introduction and the contact section; in English "Who we are" did not change either
    assert len(details) == {"sv": 2, "en": 3}[lang]
    section = '<section class="notice-redline__section notice-redline__section--{}">\\s*<h{} id="{}">'
    assert re.search(section.format("added", 2, "dina-rattigheter"), body)
    assert re.search(
        section.format("removed", 3, "cookies"),
        body,
    )
    assert_links_resolve(site, url, body)


# ---------------------------------------------------------------- change log and feed


@pytest.mark.parametrize(
    "lang, dates, summary",
    [
        ("sv", ("1 mars 2024", "1 januari 2023"), "Lägger till dina rättigheter."),
        ("en", ("1 March 2024", "1 January 2023"), "Adds your rights."),
    ],
)
def test_changelog_lists_every_version_with_links(
    site: Path, lang: str, dates: tuple[str, str], summary: str
) -> None:
    url = PREFIX[lang] + "changelog/"
    body = article(page(site, url))
    assert [text for _, text in re.findall(r'<time datetime="([^"]+)">([^<]+)</time>', body)] == list(dates)
    assert summary in body
    for href in (
        f"../{NEW}/",
        f"../{OLD}/",
        f"../{OLD}/compare/",
        f"../{NEW}/notice-{lang}-{NEW}.pdf",
        f"../{OLD}/notice-{lang}-{OLD}.json",
        "../feed.xml",
    ):
        assert f'href="{href}"' in body, href
    assert_links_resolve(site, url, body)


@pytest.mark.parametrize("lang", PREFIX)
def test_atom_feed_announces_every_version(site: Path, lang: str) -> None:
    root = ET.parse(site / PREFIX[lang] / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        f"https://notices.example.test/{PREFIX[lang]}{NEW}/",
        f"https://notices.example.test/{PREFIX[lang]}{OLD}/",
    ]
    assert all(e.findtext(f"{ATOM}updated") and e.findtext(f"{ATOM}title") for e in entries)
    related = entries[0].find(f"{ATOM}link[@rel='related']")
    assert related is not None and related.get("href", "").endswith(f"{OLD}/compare/")
    assert entries[0].findtext(f"{ATOM}summary") in ("Lägger till dina rättigheter.", "Adds your rights.")


# ---------------------------------------------------------------- exports


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("date", [OLD, NEW])
def test_json_export_fits_schema_and_the_markdown(site: Path, released: Path, lang: str, date: str) -> None:
    document = json.loads(
        (site / PREFIX[lang] / date / f"notice-{lang}-{date}.json").read_text(encoding="utf-8")
    )
    schema = json.loads((ROOT / "schemas" / "notice.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    notice = read_notice((released / "docs" / lang / "privacy" / date / "index.md").read_text(encoding="utf-8"))
    assert [(s["id"], s["heading"]) for s in document["sections"]] == [
        (s.id, s.heading) for s in notice.sections
    ]
    assert document["effective"] == date and document["lang"] == lang
    assert document["source"]["sha256"] == notice.source_sha256
    # made once at release: nothing in it changes later, so it says neither 'current' nor 'until'
    assert "current" not in document and "effective_until" not in document and "compare" not in document["urls"]
    assert document["schema_version"] == 2
    published = site / PREFIX[lang] / date / f"notice-{lang}-{date}.json"
    assert published.read_bytes() == (released / "docs" / lang / "privacy" / date / published.name).read_bytes()
    contact = next(s for s in document["sections"] if s["id"] == "kontakt")
    assert {link["href"] for link in contact["links"]} >= {
        "https://www.example.test/kontakt",
        "mailto:dataskydd@example.test",
    }
    assert (site / "schemas" / "notice.schema.json").is_file()


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("date", [OLD, NEW])
def test_pdf_export_has_every_heading_link_and_page_number(
    site: Path, released: Path, lang: str, date: str
) -> None:
    notice = read_notice((released / "docs" / lang / "privacy" / date / "index.md").read_text(encoding="utf-8"))
    with pdfplumber.open(site / PREFIX[lang] / date / f"notice-{lang}-{date}.pdf") as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        uris = {link["uri"] for p in pdf.pages for link in p.hyperlinks}
        assert pdf.doc.catalog["Lang"] == lang.encode()
        assert pdf.metadata["Title"] == notice.title
        pages = len(pdf.pages)
    flat = " ".join(text.split())
    for section in notice.sections:
        assert section.heading in flat, section.heading
    blocks = notice.preamble + tuple(b for s in notice.sections for b in s.blocks)
    hrefs = {s.href for b in blocks for s in spans_in(b) if s.href and s.href.startswith(("http", "mailto:"))}
    assert len(hrefs) == 4 and hrefs <= uris, hrefs - uris
    assert f"{'Sida' if lang == 'sv' else 'Page'} {pages} {'av' if lang == 'sv' else 'of'} {pages}" in flat
    effective = {
        "sv": {OLD: "1 januari 2023", NEW: "1 mars 2024"},
        "en": {OLD: "1 January 2023", NEW: "1 March 2024"},
    }
    assert effective[lang][date] in flat


# ---------------------------------------------------------------- bad input


def _yml(project: Path, old: str, new: str) -> None:
    path = project / "versions.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _md(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD = {
    # the newer entry's date is earlier than the version it follows
    "date-before-previous": (
        lambda p: _yml(p, f"effective: {NEW}", "effective: 2022-06-01"),
        "versions.yml:3: version 2.0 is effective 2022-06-01, before version 1.0",
    ),
    "same-date-twice": (
        lambda p: _yml(p, f"effective: {NEW}", f"effective: {OLD}"),
        f"versions.yml:15: two versions have the same effective date {OLD}",
    ),
    "summary-missing": (
        lambda p: _yml(p, 'en: "Adds your rights."', 'en: ""'),
        "versions.yml:7: version 2.0 (2024-03-01): summary missing for en",
    ),
    # released text edited by hand: the build names the file whose bytes are not those released
    "archived-text-edited": (
        lambda p: _md(p, f"docs/en/privacy/{OLD}/index.md", "{#cookies}", "{#cookie-policy}"),
        f"docs/en/privacy/{OLD}/index.md:1: a released file of version 1.0 was changed (expected sha256 ",
    ),
    "edited-without-release": (
        lambda p: _md(p, "docs/sv/privacy/index.md", "Två år", "Fyra år"),
        # the table that changed, in both files
        f"docs/sv/privacy/index.md:26: differs from the released text of version 2.0 (docs/sv/privacy/{NEW}/index.md:26): "
        "for a correction to this version run `notice release --correct 'why'`",
    ),
    "new-date-not-released": (
        lambda p: [
            _md(p, f"docs/{lang}/privacy/index.md", f"effective: {NEW}", "effective: 2025-01-01") for lang in PREFIX
        ],
        "docs/sv/privacy/index.md:4: effective 2025-01-01 is not released yet",
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_fails_the_build_naming_the_file(released: Path, tmp_path: Path, case: str) -> None:
    project = tmp_path / "p"
    shutil.copytree(released, project)
    spoil, expected = BAD[case]
    spoil(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_notice_whose_json_fails_the_schema_is_not_released(
    released: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The JSON is checked against the schema when it is made, at release, naming the Markdown line;
    nothing is written. (``notice release`` runs ``notice check`` first, which refuses this id on
    its own; here the release runs without it, to show its own check.)"""
    from notice.errors import NoticeError
    from notice.versions import release as release_lib

    project = tmp_path / "p"
    shutil.copytree(released, project)
    for lang in PREFIX:
        _md(project, f"docs/{lang}/privacy/index.md", f"effective: {NEW}", "effective: 2025-01-01")
    _md(project, "docs/en/privacy/index.md", "{#kontakt}", "{#Contact_Us}")
    before = tree(project)
    monkeypatch.chdir(project)
    with pytest.raises(NoticeError) as refused:
        release_lib.release(release_lib.read_configs(Path("mkdocs.yml"))[0], "3.0", quiet=True)
    message = str(refused.value)
    assert "docs/en/privacy/2025-01-01/index.md:" in message
    assert "the JSON export does not fit notice.schema.json at sections/" in message
    assert "'Contact_Us' does not match" in message
    assert tree(project) == before


def tree(project: Path) -> dict[str, bytes]:
    """Every file and folder of ``project`` with its bytes (None for a folder)."""
    return {str(p.relative_to(project)): p.read_bytes() if p.is_file() else b"/" for p in sorted(project.rglob("*"))}
