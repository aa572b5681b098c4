"""How the notice looks: screenshots for the README (phone and desktop, Swedish and English, light
and dark), refreshed by the suite whenever the rendering changes, and a clean print."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from ..conftest import ROOT
from .conftest import NewContext

SCREENSHOTS = ROOT / "docs-screenshots"
#: A 64-colour palette keeps text crisp at a third of the size of Chromium's PNG.
COLOURS = 64


def small_png(png: bytes) -> bytes:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    palette = image.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, "PNG", optimize=True)
    return out.getvalue()
NOTICES = {"sv": "privacy/", "en": "en/privacy/"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("lang", NOTICES)
def test_screenshot(site_url: str, new_context: NewContext, lang: str, viewport: str, scheme: str) -> None:
    page = new_context(viewport, color_scheme=scheme).new_page()
    page.goto(site_url + NOTICES[lang])
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(255, 255, 255)") == (scheme == "light"), f"{scheme} scheme not applied: {background}"
    png = small_png(page.screenshot(animations="disabled", caret="hide"))
    target = SCREENSHOTS / f"{lang}-{viewport}-{scheme}.png"
    # Rewritten only when the rendering changed, so an unchanged site leaves the tree clean.
    if not target.exists() or target.read_bytes() != png:
        SCREENSHOTS.mkdir(exist_ok=True)
        target.write_bytes(png)
    assert len(png) < 60_000, f"{target.name} is {len(png):,} bytes"


def test_print_is_the_notice_alone(site_url: str, new_context: NewContext) -> None:
    page = new_context("desktop").new_page()
    page.goto(site_url + NOTICES["sv"])
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => [".md-header", ".md-footer", ".notice-contents", ".notice-top"]
      .filter(s => [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== "none"))""")
    assert hidden == [], f"printed although only for the screen: {hidden}"
    clipped = page.eval_on_selector_all(".notice-table", "rs => rs.filter(r => r.scrollWidth > r.clientWidth).length")
    assert clipped == 0, "a table is cut off on paper"
    assert page.locator("article h1").is_visible()
    assert len(page.pdf(format="A4")) > 10_000
