"""`notice check` and `mkdocs build --strict` refuse a broken notice, naming the file and line.

Each case edits a copy of the repository in a temporary folder and runs both commands."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from . import conftest
from .conftest import ROOT

EN = "docs/en/privacy/index.md"


def copy_project(tmp_path: Path) -> Path:
    return conftest.copy_project(tmp_path / "project")


def edit(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, "the edit did not apply"
    path.write_text(changed, encoding="utf-8")


def drop_section(text: str) -> str:
    return re.sub(r"\n## Data Retention \{#datalagring\}\n.*?(?=\n## )", "\n", text, count=1, flags=re.DOTALL)


CASES: dict[str, tuple[str, Callable[[str], str], str]] = {
    "missing-section": (EN, drop_section, "section 'datalagring' is missing"),
    "extra-section": (EN, lambda t: t.replace("\n## Contact Us {#kontakta-oss}",
                                              "\n## Extra {#extra}\n\nMore.\n\n## Contact Us {#kontakta-oss}"),
                      "section 'extra' is not in"),
    "duplicated-id": (EN, lambda t: t.replace("{#barns-sekretess}", "{#datalagring}"), "duplicate id 'datalagring'"),
    "changed-id": (EN, lambda t: t.replace("{#barns-sekretess}", "{#childrens-privacy}"),
                   "section 'childrens-privacy' is not in"),
    "wrong-level": (EN, lambda t: t.replace("### Other Jurisdictions", "#### Other Jurisdictions"),
                    "at the wrong level (expected 3, found 4)"),
    "different-link": (EN, lambda t: t.replace("(https://www.allegisgroup.com/en/cookie-notice)", "(https://example.com/cookies)"),
                       "link to https://example.com/cookies differs from the source"),
    "broken-anchor": (EN, lambda t: t.replace("(#kontakta-oss)", "(#kontakta-osss)", 1),
                      "link to '#kontakta-osss' goes nowhere"),
    "invalid-date": (EN, lambda t: t.replace("effective: 2019-12-13", "effective: 2019-13-45"),
                     "'effective' is not a valid date"),
    "script": (EN, lambda t: t.replace("## Data Retention {#datalagring}\n",
                                       "## Data Retention {#datalagring}\n\n<script>alert(1)</script>\n"),
               "raw <script> is not allowed"),
    "unreadable-glyph": (EN, lambda t: t.replace("## Data Retention {#datalagring}\n\n",
                                                 "## Data Retention {#datalagring}\n\nDri\ufffde parties.\n\n"),
                         "'Dri\ufffde' holds an unreadable character"),
    "malformed-po": ("locales/en/LC_MESSAGES/messages.po",
                     lambda t: t.replace('msgid "Back to top"', 'msgid "Back to top'), "malformed catalog line"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_notice_is_refused(tmp_path: Path, case: str) -> None:
    file, change, message = CASES[case]
    project = copy_project(tmp_path)
    edit(project / file, change)
    check = subprocess.run([sys.executable, "-m", "notice.cli", "check"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 1, check.stderr
    named = [line for line in check.stderr.splitlines() if message in line]
    assert named and re.match(rf"^{re.escape(file)}:\d+: ", named[0]), check.stderr
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(tmp_path / "site")],
                           cwd=project, capture_output=True, text=True)
    assert build.returncode != 0
    assert any(message in line and file in line for line in build.stderr.splitlines()), build.stderr


def test_the_real_notice_passes() -> None:
    check = subprocess.run([sys.executable, "-m", "notice.cli", "check"], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "0 errors" in check.stderr


def test_vague_link_text_is_a_warning_per_language() -> None:
    check = subprocess.run([sys.executable, "-m", "notice.cli", "check"], cwd=ROOT, capture_output=True, text=True)
    warnings = [line for line in check.stderr.splitlines() if "WCAG 2.4.4" in line]
    assert any(line.startswith("docs/sv/privacy/index.md:") and "'här'" in line for line in warnings)
    assert any(line.startswith("docs/en/privacy/index.md:") and "'here'" in line for line in warnings)
    assert any(line.startswith("docs/de/privacy/index.md:") and "'hier'" in line for line in warnings)
    assert all(": warning: " in line for line in warnings)


def test_outdated_translation_is_reported_then_marked_current(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    edit(project / "docs/sv/privacy/index.md",
         lambda t: t.replace("Vi lagrar de personuppgifter", "Vi sparar de personuppgifter"))
    run = lambda *a: subprocess.run([sys.executable, "-m", "notice.cli", *a], cwd=project, capture_output=True, text=True)
    check = run("check")
    outdated = [line for line in check.stderr.splitlines() if "is outdated" in line]
    assert check.returncode == 0 and len(outdated) == 2  # en and de, as warnings
    assert all("section 'datalagring' is outdated" in line and ": warning: " in line for line in outdated)
    assert run("check", "--strict-freshness").returncode == 1
    assert run("check", "--update-freshness", "en").returncode == 0
    after = run("check").stderr
    assert "docs/en/privacy/index.md" not in "".join(line for line in after.splitlines() if "is outdated" in line)
    assert "docs/de/privacy/index.md" in after


def test_catalog_missing_a_string_names_language_and_msgid(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    edit(project / "locales/de/LC_MESSAGES/messages.po",
         lambda t: t.replace('msgstr "Zurück nach oben"', 'msgstr ""'))
    check = subprocess.run([sys.executable, "-m", "notice.cli", "check"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 1
    assert "locales/de/LC_MESSAGES/messages.po:1: language 'de' lacks a translation of 'Back to top'" in check.stderr


def test_catalogs_are_not_stale() -> None:
    """The same command as `make locale-check`: fails when templates or code have new strings."""
    result = subprocess.run(["make", "-s", "locale-check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_configured_language_has_every_string() -> None:
    """The merge gate for catalogs: `notice check` lets a language being added preview with
    strings missing (warnings), but the suite needs every language complete."""
    from notice.lint.checks import check_catalog, template_ids
    from notice.project import settings

    problems = []
    for lang in settings(ROOT).languages:
        po = ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po"
        assert po.exists(), f"{lang}: no catalog"
        problems.extend(check_catalog(po, lang, template_ids(ROOT / "locales")))
    assert not problems, "\n".join(map(str, problems))


def test_new_language_builds_labelled_and_untranslated(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    run = lambda *a: subprocess.run(a, cwd=project, capture_output=True, text=True)
    added = run(sys.executable, "-m", "notice.cli", "new-language", "fr")
    assert added.returncode == 0, added.stderr
    assert "- locale: fr" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert run(sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales", "-D", "messages").returncode == 0
    build = run(sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(tmp_path / "site"))
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "site" / "fr" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page
    assert page.count('<div class="notice-untranslated" lang="sv">') == 27  # the preamble and 26 sections
    assert '<h1 id="top" tabindex="-1" lang="sv">' in page
    status = (tmp_path / "site" / "status" / "index.html").read_text(encoding="utf-8")
    assert 'id="status-fr"' in status and "26 avsnitt inte översatta" in status
    check = run(sys.executable, "-m", "notice.cli", "check")
    assert check.returncode == 0 and "language 'fr' lacks a translation of 'Back to top'" in check.stderr
