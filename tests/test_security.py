"""Untrusted pull requests (issue #13): a reviewer reads a diff, not rendered HTML, so every
payload that could navigate, load from another host, run script or hide text is refused by
`notice check` and by `mkdocs build --strict`, with the file and the line it stands on; and
whatever file it is in: the current notice, an archived snapshot, the change-log source.

Each case edits a copy of the repository in a temporary folder and runs both commands."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_check import EN, copy_project, edit

ANCHOR = "## Data Retention {#datalagring}\n\n"
SNAPSHOT = "docs/en/privacy/2019-12-13/index.md"

#: name -> (Markdown put into a notice, what the message says). From issue #13, and the classes
#: the fuzzer (bench/fuzz.py) generates.
PAYLOADS: dict[str, tuple[str, str]] = {
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=//example.com">', "raw <meta> is not allowed"),
    "svg-onload": ("<svg/onload=alert(1)>", "raw <svg> is not allowed"),
    "raw-link-tab-javascript": ('<a href="jav&#x09;ascript:alert(1)">x</a>', "raw <a> is not allowed"),
    "raw-link-entity-javascript": ('<a href="&#106;avascript:alert(1)">x</a>', "raw <a> is not allowed"),
    "base": ("<base href=//example.com/>", "raw <base> is not allowed"),
    "stylesheet": ("<link rel=stylesheet href=//example.com/x.css>", "raw <link> is not allowed"),
    "script": ("<script>alert(1)</script>", "raw <script> is not allowed"),
    "iframe-in-paragraph": ("Text <iframe src=https://example.com></iframe> here.", "raw <iframe> is not allowed"),
    "comment": ("<!-- hidden from the reader -->", "raw <!--> is not allowed"),
    "attr-onclick-paragraph": ('Some text.\n{: onclick="alert(1)"}', "attribute list key 'onclick' is not allowed"),
    "attr-onclick-heading": ('## More {: #more onclick="alert(1)"}', "attribute list key 'onclick' is not allowed"),
    "attr-hidden": ("Hidden text.\n{: hidden}", "attribute list key 'hidden' is not allowed"),
    "attr-style": ('Styled text.\n{: style="display:none"}', "attribute list key 'style' is not allowed"),
    "attr-class": ("Classy text.\n{: .md-button}", "attribute list key 'class' is not allowed"),
    "md-javascript": ("[x](javascript:alert(1))", "is not allowed (expected https:, http:, mailto:, tel: or #anchor"),
    "md-entity-javascript": ("[x](&#106;avascript:alert(1))", "found javascript:"),
    "md-tab-javascript": ("[x](jav&#x09;ascript:alert(1))", "found javascript:"),
    "md-data": ("[x](data:text/html;base64,PHNjcmlwdD4=)", "found data:"),
    "md-protocol-relative": ("[x](//example.com/)", "found an address that starts with //"),
    "md-backslash-host": ("[x](/\\example.com/)", "found an address that starts with //"),
    "tracking-pixel": ("![](https://tracker.example.com/p.gif)", "image 'https://tracker.example.com/p.gif' is not allowed"),
    "image-protocol-relative": ("![x](//tracker.example.com/p.gif)", "another host's address"),
    "image-data-svg": ("![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)", "found a data: address"),
    "autolink-javascript": ("<javascript:alert(1)>", "is not allowed"),
    "unclosed-link": ("See [click here](#datalagring, for more.", "unbalanced link syntax"),
    "unopened-link": ("See click here](#datalagring) for more.", "unbalanced link syntax"),
    "nul": ("Text \x00 here.", "control character U+0000 at column 6"),
    "escape-sequence": ("Text \x1b[31m red.", "control character U+001B at column 6"),
    "bidi-override": ("Text \u202e here.", "bidirectional override U+202E at column 6"),
    "bidi-isolate": ("Text \u2066 here.", "bidirectional override U+2066 at column 6"),
    "entity-bidi": ("Text &#x202E; here.", "stands for the control character U+202E"),
}


def run_check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "notice.cli", "check"], cwd=project, capture_output=True, text=True)


def run_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
                          cwd=project, capture_output=True, text=True)


def assert_refused(project: Path, tmp_path: Path, file: str, message: str, line: int) -> None:
    check = run_check(project)
    assert check.returncode == 1, check.stderr
    assert "Traceback" not in check.stderr, check.stderr
    named = [row for row in check.stderr.splitlines() if message in row]
    assert named, check.stderr
    assert named[0].startswith(f"{file}:{line}: "), named
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "Traceback" not in build.stderr, build.stderr
    assert any(message in row and f"{file}:{line}:" in row for row in build.stderr.splitlines()), build.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def put(project: Path, file: str, payload: str) -> int:
    """Insert ``payload`` after the Data Retention heading of ``file``; its line number."""
    path = project / file
    text = path.read_text(encoding="utf-8")
    at = text.index(ANCHOR) + len(ANCHOR)
    path.write_text(text[:at] + payload + "\n\n" + text[at:], encoding="utf-8")
    line = text[:at].count("\n") + 1
    return line + (1 if "\n{:" in payload else 0)  # an attribute list on its own line is reported there


@pytest.mark.parametrize("case", sorted(PAYLOADS))
def test_payload_is_refused_with_file_and_line(tmp_path: Path, case: str) -> None:
    payload, message = PAYLOADS[case]
    project = copy_project(tmp_path)
    line = put(project, EN, payload)
    assert_refused(project, tmp_path, EN, message, line)


@pytest.mark.parametrize("case", ["script", "meta-refresh", "tracking-pixel"])
def test_payload_in_an_archived_snapshot_is_refused(tmp_path: Path, case: str) -> None:
    payload, message = PAYLOADS[case]
    project = copy_project(tmp_path)
    line = put(project, SNAPSHOT, payload)
    assert_refused(project, tmp_path, SNAPSHOT, message, line)


def test_payload_in_the_change_log_source_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    edit(project / "docs/sv/privacy/changelog.md", lambda t: t + "\n<script>alert(1)</script>\n")
    lines = (project / "docs/sv/privacy/changelog.md").read_text(encoding="utf-8").splitlines()
    line = lines.index("<script>alert(1)</script>") + 1
    assert_refused(project, tmp_path, "docs/sv/privacy/changelog.md", "raw <script> is not allowed", line)


@pytest.mark.parametrize("key, value", [
    ("description", '\'"><meta http-equiv="refresh" content="0;url=//example.com">\''),
    ("title", "'Notice</title><script>alert(1)</script>'"),
])
def test_markup_in_front_matter_is_refused(tmp_path: Path, key: str, value: str) -> None:
    """The theme writes title and description into the page's head unescaped."""
    project = copy_project(tmp_path)
    edit(project / EN, lambda t: t.replace("\nlang: en\n", f"\nlang: en\n{key}: {value}\n", 1) if key != "title"
         else re.sub(r"^title: .*$", f"title: {value}", t, count=1, flags=re.M))
    line = next(n for n, row in enumerate((project / EN).read_text(encoding="utf-8").splitlines(), 1)
                if row.startswith(f"{key}:"))
    assert_refused(project, tmp_path, EN, f"front-matter value of '{key}' holds", line)


def test_invalid_utf8_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = project / EN
    data = path.read_bytes()
    at = data.index(ANCHOR.encode()) + len(ANCHOR)
    path.write_bytes(data[:at] + b"Bad bytes: \x80 here.\n\n" + data[at:])
    line = data[:at].count(b"\n") + 1
    assert_refused(project, tmp_path, EN, "not UTF-8 (byte 0x80 at column 12)", line)


def test_unclosed_link_in_the_opening_paragraphs(tmp_path: Path) -> None:
    """Issue #12: a link missing its ')' is caught where it is, not as a difference from the release."""
    project = copy_project(tmp_path)
    text = (project / EN).read_text(encoding="utf-8")
    match = re.search(r"\]\((#[a-z-]+)\)", text)
    assert match
    line = text[: match.start()].count("\n") + 1
    edit(project / EN, lambda t: t[: match.end() - 1] + "," + t[match.end():])
    assert_refused(project, tmp_path, EN, "unbalanced link syntax", line)


def test_invalid_date_is_reported_once(tmp_path: Path) -> None:
    """Issue #12: no cascade of false errors (anchors, sections) after a front matter that does not load."""
    project = copy_project(tmp_path)
    edit(project / EN, lambda t: t.replace("effective: 2019-12-13", "effective: 2025-02-30"))
    check = run_check(project)
    errors = [row for row in check.stderr.splitlines() if re.match(r"^\S+:\d+: (?!warning:)", row)]
    assert check.returncode == 1
    assert errors == [f"{EN}:4: 'effective' is not a valid date (expected YYYY-MM-DD, found '2025-02-30')"], errors


def paragraph_line(text: str, prefix: str) -> int:
    return next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith(prefix))


@pytest.mark.parametrize("prefix, kind", [("We retain the personal information", "paragraph"), ("- ", "list item")])
def test_a_deleted_block_of_a_translation_is_refused(tmp_path: Path, prefix: str, kind: str) -> None:
    project = copy_project(tmp_path)
    text = (project / EN).read_text(encoding="utf-8")
    line = paragraph_line(text, prefix)
    rows = text.splitlines(keepends=True)
    del rows[line - 1]
    (project / EN).write_text("".join(rows), encoding="utf-8")
    check = run_check(project)
    assert check.returncode == 1
    found = [row for row in check.stderr.splitlines() if f"lacks the {kind} of docs/sv/privacy/index.md:" in row]
    assert found and found[0].startswith(f"{EN}:"), check.stderr


def test_an_extra_paragraph_in_a_translation_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    line = put(project, EN, "A paragraph the source does not have.")
    check = run_check(project)
    assert check.returncode == 1
    # blocks are aligned by kind: the extra one is named as the last paragraph of the section
    extra = [row for row in check.stderr.splitlines() if "section 'datalagring' has an extra paragraph" in row]
    assert extra and re.match(rf"^{EN}:\d+: .*docs/sv/privacy/index.md:\d+", extra[0]), check.stderr
    assert int(extra[0].split(":")[1]) > line


def test_an_untranslated_section_is_not_compared_block_by_block(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    put(project, EN, "A paragraph the source does not have.")
    edit(project / EN, lambda t: t.replace("\nsource_sections:", "\nuntranslated:\n  - datalagring\nsource_sections:", 1))
    check = run_check(project)
    assert "section 'datalagring'" not in "".join(r for r in check.stderr.splitlines() if "blocks" in r), check.stderr


def test_release_refuses_what_check_refuses_and_writes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    edit(project / EN, lambda t: t.replace("effective: 2019-12-13", "effective: 2020-06-01"))
    edit(project / "docs/sv/privacy/index.md", lambda t: t.replace("effective: 2019-12-13", "effective: 2020-06-01"))
    edit(project / "docs/de/privacy/index.md", lambda t: t.replace("effective: 2019-12-13", "effective: 2020-06-01"))
    put(project, EN, PAYLOADS["meta-refresh"][0])
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = subprocess.run([sys.executable, "-m", "notice.cli", "release", "--version", "2.0", "--summary", "sv=x",
                             "--summary", "en=x", "--summary", "de=x"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert "raw <meta> is not allowed" in result.stderr and "nothing released or written" in result.stderr
    after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    assert after == before


def test_release_refuses_a_version_label_used_before(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    for lang in ("sv", "en", "de"):
        edit(project / f"docs/{lang}/privacy/index.md", lambda t: t.replace("effective: 2019-12-13", "effective: 2020-06-01"))
    before = (project / "versions/privacy.yml").read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "notice.cli", "release", "--version", "1.0"],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert "versions/privacy.yml:3: version label 1.0 is already used by the version of 2019-12-13" in result.stderr
    assert (project / "versions/privacy.yml").read_text(encoding="utf-8") == before
    assert not (project / "docs/en/2020-06-01").exists()


def test_check_refuses_a_label_twice_and_a_missing_summary(tmp_path: Path) -> None:
    """Issue #11: versions.yml problems are `notice check`'s too, not only the build's."""
    project = copy_project(tmp_path)
    edit(project / "versions/privacy.yml", lambda t: t.replace("versions:\n", "versions:\n  - version: \"1.0\"\n"
                                                       "    effective: 2020-06-01\n    summary:\n"
                                                       "      sv: Andra.\n      en: Second.\n", 1))
    check = run_check(project)
    assert check.returncode == 1
    assert "versions/privacy.yml:3: version label 1.0 is used twice" in check.stderr, check.stderr
    assert "versions/privacy.yml:5: version 1.0 (2020-06-01): summary missing for de" in check.stderr, check.stderr


def header_lines(text: str) -> dict[str, str]:
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in text.splitlines()
                                                 if line.startswith("  ") and ":" in line)}


def policy(csp: str) -> dict[str, str]:
    return {d.split()[0]: " ".join(d.split()[1:]) for d in csp.split(";") if d.strip()}


def test_hosts_get_the_page_policy_as_headers(built_site: Path) -> None:
    """Defence in depth: the same Content-Security-Policy as every page's <meta>, for hosts that
    read a _headers file, with what only a header can say (frame-ancestors, nosniff, referrer)."""
    headers = header_lines((built_site / "_headers").read_text(encoding="utf-8"))
    page = (built_site / "privacy" / "index.html").read_text(encoding="utf-8")
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert meta
    header_policy = policy(headers["Content-Security-Policy"])
    assert policy(meta.group(1)).items() <= header_policy.items()
    assert header_policy["frame-ancestors"] == "'none'"
    assert headers["Referrer-Policy"] == "no-referrer" and headers["X-Content-Type-Options"] == "nosniff"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert headers["Content-Security-Policy"] in readme, "the server snippet in README.md differs from _headers"


def test_a_missing_notice_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "docs/de/privacy/index.md").unlink()
    check = run_check(project)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert "docs/de/privacy/index.md:1: language 'de' has no notice 'privacy' (expected docs/de/privacy/index.md)" in check.stderr


def test_a_version_label_with_markup_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    edit(project / "versions/privacy.yml", lambda t: t.replace('version: "1.0"', 'version: "1.0<script>"'))
    check = run_check(project)
    assert check.returncode == 1
    assert "versions/privacy.yml:3: version entry 1 (2019-12-13): the label '1.0<script>' holds markup" in check.stderr


def test_a_reviewed_layout_still_refuses_another_count(tmp_path: Path) -> None:
    """A block count reviewed in mkdocs.yml for a section (a language whose own original lays it
    out in other blocks) still refuses any other count: a paragraph deleted there is refused."""
    project = copy_project(tmp_path)
    edit(project / "mkdocs.yml", lambda t: t.replace("reviewed_blocks: {}", "reviewed_blocks: {en: {kontakta-oss: 4}}"))
    assert run_check(project).returncode == 0
    edit(project / EN, lambda t: t.replace("If you have any questions, please feel free to contact us:\n\n", "", 1))
    check = run_check(project)
    assert check.returncode == 1
    assert re.search(rf"{EN}:\d+: section 'kontakta-oss' has 3 blocks \(expected 4, the count reviewed", check.stderr), \
        check.stderr


def test_a_catalog_with_bad_bytes_is_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    po = project / "locales/de/LC_MESSAGES/messages.po"
    data = po.read_bytes()
    po.write_bytes(data.replace(b'msgstr "Zur\xc3\xbcck nach oben"', b'msgstr "Zur\xfcck nach oben"', 1))
    check = run_check(project)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert re.search(r"locales/de/LC_MESSAGES/messages.po:\d+: not UTF-8 \(byte 0xfc at column 12\)", check.stderr), \
        check.stderr
