"""`make bench`: Lighthouse scores for the notice page (mobile and desktop), and build time of this
site for 2, 10 and 30 languages next to a plain mkdocs-material + static-i18n build of the same
content, measured in the same run (one warm-up, then the median of --runs builds)."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the browser tests' support: the Chromium flags and the local server

import lighthouse  # noqa: E402
import variants  # noqa: E402

from tests.browser.support import serve  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"


def build_seconds(project: Path, runs: int) -> float:
    """Median wall time of ``mkdocs build`` after one warm-up build."""
    times = []
    for n in range(runs + 1):
        start = time.perf_counter()
        result = subprocess.run([str(MKDOCS), "build", "--quiet", "-d", "site"], cwd=project,
                                capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"{project}: mkdocs build failed:\n{result.stderr}")
        if n:
            times.append(elapsed)
    return statistics.median(times)


def bench_lighthouse(runs: int) -> None:
    """The built site served as a static host would (gzip), Lighthouse on each language's notice."""
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        site = Path(tmp) / "site"
        subprocess.run([str(MKDOCS), "build", "--strict", "--quiet", "-d", str(site)], cwd=ROOT, check=True)
        with serve(site, compress=True) as base:  # as a static host sends it
            print(f"Lighthouse {lighthouse.version()} on the notice page, median of {runs} run(s)")
            print(f"{'page':<6} {'preset':<8} " + " ".join(f"{c:>14}" for c in lighthouse.CATEGORIES))
            for page, path in (("sv", ""), ("en", "en/")):
                for preset in lighthouse.PRESETS:
                    scores, failing = lighthouse.median_scores(base + path, preset, runs)
                    print(f"{page:<6} {preset:<8} " + " ".join(f"{scores[c]:>14}" for c in lighthouse.CATEGORIES)
                          + (f"   below 1: {', '.join(failing)}" if failing else ""))


def bench_builds(counts: list[int], runs: int) -> None:
    """This site, this site without the version archive's exports, and the plain stack, on the
    same content; the ratios are to the plain build."""
    print(f"\nBuild time (mkdocs build, median of {runs} after a warm-up; seconds)")
    print(f"{'languages':>9} {'this site':>10} {'ratio':>6} {'no archive':>11} {'ratio':>6} {'plain':>7}")
    for count in counts:
        with tempfile.TemporaryDirectory(prefix=f"bench-build-{count}-") as tmp:
            plain = build_seconds(variants.plain(Path(tmp) / "plain", count), runs)
            ours = build_seconds(variants.ours(Path(tmp) / "ours", count), runs)
            pages = build_seconds(variants.ours(Path(tmp) / "pages", count, archive=False), runs)
        print(f"{count:>9} {ours:>10.2f} {ours / plain:>5.2f}x {pages:>11.2f} {pages / plain:>5.2f}x {plain:>7.2f}",
              flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=1,
                        help="timed builds per measurement, after one warm-up (default 1: 30 languages take minutes)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page and preset (default 3)")
    parser.add_argument("--languages", default="2,10,30", help="language counts to build (default 2,10,30)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-builds", action="store_true")
    args = parser.parse_args()
    if not args.skip_lighthouse:
        bench_lighthouse(args.lighthouse_runs)
    if not args.skip_builds:
        bench_builds([int(n) for n in args.languages.split(",")], args.runs)


if __name__ == "__main__":
    main()
