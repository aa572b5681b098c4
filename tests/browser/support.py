"""What the browser tests share: Debian's Chromium with the project's flags, a local server for a
built site, axe-core from node_modules, and readable reports that name the page and the rule."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Playwright

from ..conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
#: Every Chromium this project starts gets exactly these, plus a fresh profile (--user-data-dir).
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
#: What a colour scheme alone can break: enough for the dark scheme once the light one passes all.
AXE_COLOUR_RULES = ("color-contrast", "link-in-text-block")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def launch(playwright: Playwright) -> Browser:
    """Chromium from Debian, never a downloaded build. Playwright gives it a new temporary
    ``--user-data-dir`` on every launch (tests/browser/test_browser.py checks the process)."""
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_FLAGS))


# ---------------------------------------------------------------- serving a built site


#: What a static host sends gzipped (at level 9 here, as the page-weight budget counts it).
COMPRESSED_TYPES = (".html", ".css", ".js", ".svg", ".xml", ".json", ".txt")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as a host would serve them: the site's own 404.html for a missing path,
    keep-alive connections, and (``compress``) gzip for text when the browser accepts it."""

    protocol_version = "HTTP/1.1"
    compress = False

    def do_GET(self) -> None:
        target = self.compressed_target()
        if target is None:
            super().do_GET()
            return
        body = gzip.compress(target.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def compressed_target(self) -> Path | None:
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return None  # the stdlib answers with a redirect to the address with a slash
            path = path / "index.html"
        return path if path.is_file() and path.suffix in COMPRESSED_TYPES else None

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(folder: Path, compress: bool = False) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 from a thread; yields the base URL (with a trailing /)."""
    handler_class = type("Handler", (SiteHandler,), {"compress": compress})
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def pages(site: Path) -> list[str]:
    """Every built page, as a path below the site root (``index.html``, ``en/privacy/changelog/index.html``);
    not the redirect pages of a notice's old addresses, which a browser leaves at once."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if "data-notice-redirect" not in p.read_text(encoding="utf-8"))


def url_of(base: str, page: str) -> str:
    return base + page.removesuffix("index.html")


# ---------------------------------------------------------------- axe-core


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:3]) + (f" (+{len(self.targets) - 3} more)" if len(self.targets) > 3 else "")
        return f"{self.rule} ({self.impact}): {self.help} — {len(self.targets)} element(s): {shown}"


def run_axe(page: Page, rules: tuple[str, ...] = ()) -> list[Violation]:
    """axe-core on the loaded page: every rule of ``AXE_TAGS``, or only ``rules``. axe comes in as
    an init script (``new_context(axe=...)``), which the page's Content-Security-Policy does not
    apply to; the page itself is not changed."""
    only = {"type": "rule", "values": list(rules)} if rules else {"type": "tag", "values": list(AXE_TAGS)}
    result = page.evaluate("only => axe.run(document, {runOnly: only, resultTypes: ['violations']})", only)
    return [
        Violation(v["id"], v.get("impact") or "", v["help"], tuple(" ".join(n["target"]) for n in v["nodes"]))
        for v in result["violations"]
    ]


def axe_report(where: str, violations: list[Violation]) -> str:
    """One line per rule, naming the page: what a failing test prints."""
    return "\n".join(f"{where}: {v}" for v in violations)


def axe_script() -> str:
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `make test`, which runs `npm ci`")
    return AXE.read_text(encoding="utf-8")


# ---------------------------------------------------------------- focus


#: Where focus is and whether a sighted keyboard user can see it: an outline or box shadow drawn,
#: inside the viewport, and not covered (the element, or its first line box, is hit at its centre).
FOCUS_PROBE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const box = el.getClientRects()[0] || el.getBoundingClientRect();
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, href: el.getAttribute("href"),
    hreflang: el.getAttribute("hreflang"), cls: String(el.className || ""),
    role: el.getAttribute("role"), text: (el.textContent || "").trim().slice(0, 60),
    name: el.getAttribute("aria-label") || "",
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
    in_view: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
    unobscured: !!hit && (hit === el || el.contains(hit)),
  };
}"""


def tab_through(page: Page, limit: int = 400) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until focus leaves the document or comes round again;
    the probe for every stop."""
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_PROBE)
        if stop is None or (stops and stop == stops[0]):
            break
        stops.append(stop)
    return stops


def describe(stop: dict[str, Any]) -> str:
    return json.dumps({k: stop[k] for k in ("tag", "id", "href", "cls", "text") if stop.get(k)}, ensure_ascii=False)
