"""The notice page stays light: every file a reader's browser loads for it, gzipped at level 9 as
a compressing host would send it, adds up to at most 60 KB. The files are the ones the browser
actually asked for, measured from the build."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import NewContext

BUDGET = 60_000  # bytes, gzip -9, everything the notice page loads
NOTICES = {"sv": "privacy/", "en": "en/privacy/"}


def built_file(site: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site / path
    return target / "index.html" if path == "" or path.endswith("/") else target


def gzip9(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def loaded_files(site: Path, site_url: str, new_context: NewContext, page_path: str) -> dict[str, int]:
    """What the browser fetched for one page, as built file -> gzip -9 size. The favicon is counted
    even when headless Chromium does not ask for it: a desktop browser does."""
    context = new_context("desktop")
    urls: list[str] = []
    context.on("request", lambda request: urls.append(request.url))
    page = context.new_page()
    page.goto(site_url + page_path)
    page.wait_for_load_state("networkidle")
    urls += page.eval_on_selector_all("link[rel~=icon]", "links => links.map(l => l.href)")
    files = {built_file(site, url) for url in urls}
    missing = sorted(str(f) for f in files if not f.is_file())
    assert not missing, f"the page asks for files that are not built: {missing}"
    return {str(f.relative_to(site)): gzip9(f) for f in sorted(files)}


@pytest.mark.parametrize("lang", NOTICES)
def test_notice_page_within_budget(built_site: Path, site_url: str, new_context: NewContext, lang: str) -> None:
    files = loaded_files(built_site, site_url, new_context, NOTICES[lang])
    total = sum(files.values())
    table = "\n".join(f"{size:>8,}  {name}" for name, size in files.items()) + f"\n{total:>8,}  total"
    print(f"\n{lang} notice page, gzip -9 bytes:\n{table}")
    assert total <= BUDGET, f"the {lang} notice page loads {total:,} bytes gzip (budget {BUDGET:,}):\n{table}"
    assert not any("javascripts/bundle" in name for name in files), "Material's bundle is back"
