"""`make bench`: Lighthouse scores for the notice page (mobile and desktop), and build time of this
site for 2, 10 and 30 languages next to a plain mkdocs-material + static-i18n build of the same
content, measured in the same run (one warm-up, then the median of --runs builds).

`--archive-scale` (`make bench-archive`) times only the archive at scale: 30 languages and 10
released versions, a cold build (empty .cache/, new site folder) and warm builds, next to the
plain stack on the same pages."""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the browser tests' support: the Chromium flags and the local server

import archive_scale  # noqa: E402
import lighthouse  # noqa: E402
import variants  # noqa: E402

from tests.browser.support import serve  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"
#: This site may cost at most this much more build time than the plain stack on the same content.
GOAL_RATIO = 1.2
#: A cold build of the archive at scale (30 languages x 10 versions) takes at most this long.
GOAL_COLD_SECONDS = 180


@dataclass(frozen=True)
class BuildTime:
    wall: float
    cpu: float  # user + system time of the build process: less disturbed by other work on the machine


def build_once(project: Path, strict: bool = False) -> BuildTime:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([str(MKDOCS), "build", "--quiet", *(["--strict"] if strict else []), "-d", "site"],
                            cwd=project, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{project}: mkdocs build failed:\n{result.stderr}")
    return BuildTime(wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def build_times(projects: dict[str, Path], runs: int) -> dict[str, BuildTime]:
    """Median times of ``mkdocs build`` per project after one warm-up build each. The projects take
    turns run by run, so a slow spell on the machine falls on all of them, not on one."""
    times: dict[str, list[BuildTime]] = {name: [] for name in projects}
    for n in range(runs + 1):
        for name, project in projects.items():
            measured = build_once(project)
            if n:
                times[name].append(measured)
    return {name: BuildTime(statistics.median(t.wall for t in got), statistics.median(t.cpu for t in got))
            for name, got in times.items()}


def bench_lighthouse(runs: int) -> None:
    """The built site served as a static host would (gzip), Lighthouse on each language's notice."""
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        site = Path(tmp) / "site"
        subprocess.run([str(MKDOCS), "build", "--strict", "--quiet", "-d", str(site)], cwd=ROOT, check=True)
        with serve(site, compress=True) as base:  # as a static host sends it
            print(f"Lighthouse {lighthouse.version()} on the notice page, median of {runs} run(s)")
            print(f"{'page':<6} {'preset':<8} " + " ".join(f"{c:>14}" for c in lighthouse.CATEGORIES))
            for page, path in (("sv", "privacy/"), ("en", "en/privacy/")):  # the example's notice
                for preset in lighthouse.PRESETS:
                    scores, failing = lighthouse.median_scores(base + path, preset, runs)
                    print(f"{page:<6} {preset:<8} " + " ".join(f"{scores[c]:>14}" for c in lighthouse.CATEGORIES)
                          + (f"   below 1: {', '.join(failing)}" if failing else ""))


def bench_builds(counts: list[int], runs: int) -> None:
    """This site, this site without the version archive's exports, and the plain stack, on the
    same content; the ratios are to the plain build. Every build after the warm-up finds the
    PDF and validation caches warm, as an editor's rebuild does."""
    print(f"\nBuild time (mkdocs build, median of {runs} after a warm-up; seconds, wall / CPU)")
    print(f"{'languages':>9} {'this site':>12} {'ratio':>11} {'no archive':>12} {'ratio':>11} {'plain':>12}")
    ratios = {}
    for count in counts:
        with tempfile.TemporaryDirectory(prefix=f"bench-build-{count}-") as tmp:
            projects = {
                "plain": variants.plain(Path(tmp) / "plain", count),
                "ours": variants.ours(Path(tmp) / "ours", count),
                "pages": variants.ours(Path(tmp) / "pages", count, archive=False),
            }
            got = build_times(projects, runs)
        plain = got["plain"]

        def cells(t: BuildTime) -> str:
            return f"{t.wall:>5.2f} /{t.cpu:>5.2f} {t.wall / plain.wall:>4.2f}x/{t.cpu / plain.cpu:>4.2f}x"

        print(f"{count:>9} {cells(got['ours'])} {cells(got['pages'])} {plain.wall:>5.2f} /{plain.cpu:>5.2f}", flush=True)
        ratios[count] = got["ours"].cpu / plain.cpu
    worst = max(ratios.values())
    print(f"goal: this site at most {GOAL_RATIO}x the plain build at every size (CPU time): "
          f"{'PASS' if worst <= GOAL_RATIO else 'FAIL'} (worst {worst:.2f}x)")


def bench_archive(count: int, versions: int, runs: int, fresh: bool) -> None:
    """Cold and warm builds of the archive at scale, and the plain stack on the same pages."""
    print(f"Archive at scale: {count} languages x {versions} versions", flush=True)
    made = archive_scale.fixture(count, versions, fresh)
    project = made.project
    if made.release_seconds:
        total = sum(made.release_seconds)
        print(f"made by notice release: {len(made.release_seconds)} releases in {total:.0f} s "
              f"(each new version, {count} PDFs: {min(made.release_seconds[1:] or made.release_seconds):.1f}"
              f"-{max(made.release_seconds[1:] or made.release_seconds):.1f} s)")
    else:
        print(f"fixture reused from {project.relative_to(ROOT)} (--fresh makes it again)")
    pdfs = len(list((project / "docs").glob("*/*/*/notice-*.pdf")))  # <lang>/<notice>/<date>/
    pages = len(list((project / "docs").rglob("*.md")))
    print(f"{pages} Markdown pages, {pdfs} released PDFs")
    plain = archive_scale.plain(project, project.parent / f"plain-{count}x{versions}", count)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(project / "site", ignore_errors=True)
    cold = build_once(project, strict=True)
    got = build_times({"ours": project, "plain": plain}, runs)
    warm = got["ours"]
    ratio = warm.cpu / got["plain"].cpu
    print(f"{'build':<22} {'wall s':>8} {'CPU s':>8}")
    print(f"{'cold (empty .cache/)':<22} {cold.wall:>8.2f} {cold.cpu:>8.2f}")
    print(f"{'warm (median of ' + str(runs) + ')':<22} {warm.wall:>8.2f} {warm.cpu:>8.2f}")
    print(f"{'plain stack, same pages':<22} {got['plain'].wall:>8.2f} {got['plain'].cpu:>8.2f}")
    print(f"goal: cold build at most {GOAL_COLD_SECONDS} s: {'PASS' if cold.wall <= GOAL_COLD_SECONDS else 'FAIL'} "
          f"({cold.wall:.1f} s wall)")
    print(f"goal: warm build at most {GOAL_RATIO}x the plain build (CPU time): "
          f"{'PASS' if ratio <= GOAL_RATIO else 'FAIL'} ({ratio:.2f}x; wall {warm.wall / got['plain'].wall:.2f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3,
                        help="timed builds per measurement, after one warm-up (default 3)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page and preset (default 3)")
    parser.add_argument("--languages", default="2,10,30", help="language counts to build (default 2,10,30)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-builds", action="store_true")
    parser.add_argument("--archive-scale", action="store_true",
                        help="only the archive at scale: cold and warm builds with --archive-languages x --versions")
    parser.add_argument("--archive-languages", type=int, default=30)
    parser.add_argument("--versions", type=int, default=10)
    parser.add_argument("--fresh", action="store_true", help="make the archive-scale fixture again")
    args = parser.parse_args()
    if args.archive_scale:
        bench_archive(args.archive_languages, args.versions, args.runs, args.fresh)
        return
    if not args.skip_lighthouse:
        bench_lighthouse(args.lighthouse_runs)
    if not args.skip_builds:
        bench_builds([int(n) for n in args.languages.split(",")], args.runs)


if __name__ == "__main__":
    main()
