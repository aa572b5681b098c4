"""Seeded fuzzing of the two untrusted inputs (issue #13): notices edited by pull request, and PDFs.

``make fuzz`` runs it. Notice mutations (payloads of every refused class, deleted, doubled or
swapped lines, bad bytes, broken links and front matter) each go through ``notice check`` and
``notice release`` in a copy of the project; PDF corruptions (bytes flipped inside streams,
zeroed or deleted runs, truncation, a broken cross-reference table) each go through
``notice extract``. Counted as failures: a traceback, a run over the time limit, an output file
changed by a run that failed, a release of what the check refused, a notice the check passes
whose rendering holds a tag, attribute or address the lint refuses, and an extraction that
exits 0 with fewer words than the intact PDF gives (words lost while reporting none).
"""

from __future__ import annotations

import argparse
import html.parser
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import markdown  # noqa: E402
from notice.extraction.fidelity import markdown_words  # noqa: E402
from notice.lint.markup import SCHEMES, read_config, site_markdown  # noqa: E402

TIMEOUT = 120
PAYLOADS = (
    '<meta http-equiv="refresh" content="0;url=//example.com">', "<svg/onload=alert(1)>",
    '<a href="jav&#x09;ascript:alert(1)">x</a>', '<a href="&#106;avascript:alert(1)">x</a>',
    "<base href=//example.com/>", "<link rel=stylesheet href=//example.com/x.css>", "<script>alert(1)</script>",
    '{: onclick="alert(1)"}', "{: hidden}", '{: style="display:none"}', "{: .cls}",
    "![](https://tracker.example.com/p.gif)", "[x](javascript:alert(1))", "[x](&#106;avascript:alert(1))",
    "[x](jav&#x09;ascript:1)", "[x](//example.com/)", "[x](data:text/html,x)", "<img src=x onerror=alert(1)>",
    "[x](#a", "x](#a)", "\x00", "\x1b[2J", "\u202e", "\u2066", "&#x202E;", "<!-- x -->", "<https://example.com/>",
    "[x](https://example.com/ \"t\")", "**[x](#top)**", "<div markdown>x</div>", "&lt;script&gt;", "`<script>`",
)
ALLOWED_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "ul", "ol", "li", "table", "thead", "tbody",
                "tr", "th", "td", "strong", "em", "code", "br", "hr", "blockquote", "pre"}
ALLOWED_ATTRIBUTES = {"href", "title", "src", "alt", "start", "style", "align", "id", "class"}


class Published(html.parser.HTMLParser):
    """What a rendered page holds that the lint should have refused (an independent second look)."""

    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.bad.append(f"<{tag}>")
        for key, value in attrs:
            value = value or ""
            if key not in ALLOWED_ATTRIBUTES or (key == "style" and not value.startswith("text-align")) or (
                    key == "class" and value != "headerlink"):
                self.bad.append(f"{key}= on <{tag}>")
            if key in ("href", "src"):
                url = re.sub(r"[\x00-\x20\x7f]", "", value).replace("\\", "/")
                scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", url)
                if (scheme and scheme.group(1).lower() not in SCHEMES) or url.startswith("//") or (
                        key == "src" and scheme):
                    self.bad.append(f"{key}={value!r}")


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    body = next(n for n in range(1, len(lines)) if lines[n] == "---") + 1
    at = rng.randrange(body, len(lines))
    kind = rng.randrange(9)
    if kind <= 2:  # a payload, inline or on its own line
        payload = rng.choice(PAYLOADS)
        if kind == 0:
            lines.insert(at, payload)
        else:
            cut = rng.randrange(len(lines[at]) + 1)
            lines[at] = lines[at][:cut] + payload + lines[at][cut:]
    elif kind == 3:
        del lines[at]
    elif kind == 4:
        lines.insert(at, lines[at])
    elif kind == 5:
        other = rng.randrange(body, len(lines))
        lines[at], lines[other] = lines[other], lines[at]
    elif kind == 6:  # drop one link bracket or parenthesis
        marks = [m.start() for m in re.finditer(r"[\[\]()]", "\n".join(lines))]
        if marks:
            joined = "\n".join(lines)
            cut = rng.choice(marks)
            lines = (joined[:cut] + joined[cut + 1:]).split("\n")
    elif kind == 7:  # front matter
        front = rng.randrange(1, body - 1)
        lines[front] = rng.choice([lines[front] + ":", lines[front].replace("-", "-1", 1), "effective: 2025-02-30", ""])
    else:
        return text + "\n" + "".join(chr(rng.randrange(0, 0x3000)) for _ in range(8))
    return "\n".join(lines)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(args: list[str], cwd: Path) -> tuple[int | None, str]:
    try:
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, errors="replace")
    except subprocess.TimeoutExpired:
        return None, ""
    return done.returncode, done.stderr


#: The example site's versions file, restored after each mutation like the docs.
VERSIONS = "versions/privacy.yml"


def fuzz_notices(count: int, seed: int, work: Path) -> list[str]:
    project = work / "project"
    for name in ("docs", "locales", "mkdocs.yml", "versions"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    pristine = snapshot(project / "docs") | {VERSIONS: (project / VERSIONS).read_bytes()}
    files = sorted(p.relative_to(project) for p in (project / "docs").rglob("*.md"))
    settings = site_markdown(read_config(project / "mkdocs.yml"))
    rng = random.Random(seed)
    failures: list[str] = []
    refused = 0
    for n in range(count):
        target = rng.choice(files)
        original = (project / target).read_bytes()
        text = mutate(original.decode("utf-8"), rng)
        data = text.encode("utf-8", errors="surrogatepass")
        if rng.random() < 0.1:  # a bad byte
            cut = rng.randrange(len(data))
            data = data[:cut] + bytes([rng.choice((0x80, 0xC3, 0xFF))]) + data[cut:]
        (project / target).write_bytes(data)
        before = snapshot(project / "docs") | {VERSIONS: (project / VERSIONS).read_bytes()}
        check, check_err = run([sys.executable, "-m", "notice.cli", "check"], project)
        release, release_err = run([sys.executable, "-m", "notice.cli", "release"], project)
        after = snapshot(project / "docs") | {VERSIONS: (project / VERSIONS).read_bytes()}
        where = f"mutation {n} ({target})"
        if check is None or release is None:
            failures.append(f"{where}: hang (over {TIMEOUT} s)")
        if "Traceback" in check_err + release_err:
            failures.append(f"{where}: traceback\n{check_err}{release_err}")
        if check == 1:
            refused += 1
            if release == 0:
                failures.append(f"{where}: notice release accepted what notice check refused")
        if release != 0 and after != before:
            failures.append(f"{where}: notice release failed but changed files")
        if check == 0 and target.name == "index.md":
            page = Published()
            page.feed(markdown.markdown(data.decode("utf-8"), extensions=list(settings.extensions),
                                        extension_configs={k: dict(v) for k, v in settings.configs.items()}))
            if page.bad:
                failures.append(f"{where}: notice check passed but the page publishes {', '.join(page.bad)}")
        for name, content in pristine.items():  # back to the pristine project for the next mutation
            (project / ("" if name == VERSIONS else "docs") / name).write_bytes(content)
        for name in set(after) - set(pristine):
            (project / ("docs" if name != VERSIONS else "") / name).unlink()
    print(f"notices: {count} mutations, {refused} refused by notice check, {len(failures)} failures")
    return failures


def corrupt(data: bytes, rng: random.Random) -> bytes:
    streams = [m.end() for m in re.finditer(rb"stream\r?\n", data)]
    kind = rng.randrange(6)
    if kind == 0 and streams:  # bytes flipped inside a stream
        start = rng.choice(streams)
        out = bytearray(data)
        for _ in range(rng.randrange(1, 8)):
            at = min(len(out) - 1, start + rng.randrange(0, 400))
            out[at] ^= 1 << rng.randrange(8)
        return bytes(out)
    if kind == 1:  # a run zeroed
        at, size = rng.randrange(len(data)), rng.randrange(16, 4096)
        return data[:at] + bytes(min(size, len(data) - at)) + data[at + size:]
    if kind == 2:  # a run deleted
        at, size = rng.randrange(len(data)), rng.randrange(1, 4096)
        return data[:at] + data[at + size:]
    if kind == 3:  # truncated
        return data[: rng.randrange(len(data) // 4, len(data))]
    if kind == 4:  # cross-reference offsets shifted
        return re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(1)) + rng.randrange(1, 50)),
                      data, count=rng.randrange(1, 20))
    at = rng.randrange(len(data))  # random bytes
    return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64))) + data[at + 64:]


def fuzz_pdfs(count: int, seed: int, work: Path, source: Path, lang: str) -> list[str]:
    rng = random.Random(seed)
    failures: list[str] = []
    out = work / "out.md"
    extract = [sys.executable, "-m", "notice.cli", "-q", "extract", "--lang", lang, "--out", str(out)]
    code, err = run([*extract, str(source)], ROOT)
    if code != 0:
        return [f"the intact {source} does not extract: {err}"]
    intact = len(markdown_words(out.read_text(encoding="utf-8")))
    refused = 0
    for n in range(count):
        damaged = work / f"damaged-{n}.pdf"
        damaged.write_bytes(corrupt(source.read_bytes(), rng))
        out.write_text("previous output\n", encoding="utf-8")
        code, err = run([*extract, str(damaged)], ROOT)
        where = f"corruption {n}"
        text = out.read_text(encoding="utf-8")
        if code is None:
            failures.append(f"{where}: hang (over {TIMEOUT} s)")
        elif "Traceback" in err:
            failures.append(f"{where}: traceback\n{err}")
        elif code != 0:
            refused += 1
            if text != "previous output\n":
                failures.append(f"{where}: failed but changed the output file")
            if len(err.strip().splitlines()) != 1:
                failures.append(f"{where}: {len(err.strip().splitlines())} lines on failure, expected one:\n{err}")
        elif len(markdown_words(text)) < intact:
            failures.append(f"{where}: exit 0 with {len(markdown_words(text))} words of {intact}, none reported lost")
        damaged.unlink()
    print(f"pdfs: {count} corruptions of {source.name}, {refused} refused, {len(failures)} failures")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutations", type=int, default=150)
    parser.add_argument("--corruptions", type=int, default=60)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--pdf", type=Path, default=ROOT / "sources" / "allegis-privacy-notice-sv.pdf")
    parser.add_argument("--lang", default="sv")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="notice-fuzz-") as tmp:
        failures = fuzz_notices(args.mutations, args.seed, Path(tmp))
        failures += fuzz_pdfs(args.corruptions, args.seed, Path(tmp), args.pdf, args.lang)
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
