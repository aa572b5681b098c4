"""Lighthouse 12.2.3 (pinned in package.json) on a served page with Debian's Chromium, started with
the project's flags and a fresh profile every run; the four category scores, 0-100."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from variants import ROOT

from tests.browser.support import CHROMIUM, CHROMIUM_FLAGS  # one list of flags for the project

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PRESETS = {"mobile": [], "desktop": ["--preset=desktop"]}


def run_once(url: str, preset: str) -> dict[str, object]:
    """The Lighthouse report (as JSON) for one run."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        profile = Path(tmp) / "profile"
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                   f"--only-categories={','.join(CATEGORIES)}",
                   f"--chrome-flags={' '.join(CHROMIUM_FLAGS)} --user-data-dir={profile}", *PRESETS[preset]]
        subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        return dict(json.loads(report.read_text(encoding="utf-8")))


def scores(report: dict[str, object]) -> dict[str, int]:
    categories = report["categories"]
    assert isinstance(categories, dict)
    return {name: round(float(categories[name]["score"]) * 100) for name in CATEGORIES}


def failed_audits(report: dict[str, object]) -> list[str]:
    """Audits that cost points: scored below 1 and counted in a category."""
    audits = report["audits"]
    categories = report["categories"]
    assert isinstance(audits, dict) and isinstance(categories, dict)
    weighted = {ref["id"] for c in categories.values() for ref in c["auditRefs"] if ref["weight"] > 0}
    return sorted(a for a in weighted if audits[a].get("score") is not None and audits[a]["score"] < 1)


def median_scores(url: str, preset: str, runs: int) -> tuple[dict[str, int], list[str]]:
    reports = [run_once(url, preset) for _ in range(runs)]
    each = [scores(r) for r in reports]
    failing = sorted({a for r in reports for a in failed_audits(r)})
    return {name: round(statistics.median(s[name] for s in each)) for name in CATEGORIES}, failing


def version() -> str:
    return subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True).stdout.strip()
