"""Reference-free defect signals of our extractor over a folder of real PDFs (no gold needed).

Input: a folder of PDFs named ``<lang>_<anything>.pdf`` and the signal tool of ``../shared/tools``.
Output: each PDF extracted to ``OUT/<stem>.md`` (with ``--allow-loss``, so a loss is counted, not
hidden), then the tool's table (a row per document, totals last) on stdout and its figures as JSON.

    python bench/signals.py --pdfs ../shared/realpdfs [--out .cache/signals] [--json signals.json]

A PDF that cannot be extracted (no text layer, encrypted) is listed as such and left out of the table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
NOTICE = BENCH_DIR.parent / ".venv" / "bin" / "notice"
DEFAULT_TOOL = BENCH_DIR.parent.parent / "shared" / "tools" / "extraction_signals.py"


def extract(pdf: Path, out: Path) -> str | None:
    """Extract one PDF; the error line when it cannot be extracted at all."""
    lang = pdf.stem.split("_", 1)[0]
    result = subprocess.run([str(NOTICE), "extract", str(pdf), "--lang", lang, "--allow-loss",
                             "--out", str(out / f"{pdf.stem}.md")], capture_output=True, text=True)
    return None if result.returncode == 0 else (result.stderr.strip().splitlines() or ["failed"])[-1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pdfs", type=Path, required=True, help="folder of <lang>_<name>.pdf files")
    ap.add_argument("--out", type=Path, help="folder for the Markdown (default: a temporary one)")
    ap.add_argument("--tool", type=Path, default=DEFAULT_TOOL, help="extraction_signals.py")
    ap.add_argument("--json", type=Path, help="write the tool's figures as JSON")
    args = ap.parse_args()
    if not args.tool.exists():
        print(f"signals: {args.tool} not found (it lives in ../shared/tools)", file=sys.stderr)
        return 2
    out = args.out or Path(tempfile.mkdtemp(prefix="signals-"))
    out.mkdir(parents=True, exist_ok=True)
    pdfs = sorted(args.pdfs.glob("*.pdf"))
    with ThreadPoolExecutor(max_workers=2) as pool:
        failures = dict(zip(pdfs, pool.map(lambda p: extract(p, out), pdfs)))
    for pdf, error in failures.items():
        if error:
            print(f"not extracted: {pdf.name}: {error}")
    ok = [p for p, e in failures.items() if e is None]
    pdf_dir = Path(tempfile.mkdtemp(prefix="signals-pdfs-"))
    for pdf in ok:  # the tool pairs every PDF of a folder with its Markdown: link only those extracted
        (pdf_dir / pdf.name).symlink_to(pdf.resolve())
    json_path = args.json or out / "signals.json"
    result = subprocess.run([sys.executable, str(args.tool), "--pdfs", str(pdf_dir), "--md", str(out),
                             "--json", str(json_path)], text=True)
    if result.returncode == 0 and json_path.exists():
        figures = json.loads(json_path.read_text(encoding="utf-8"))
        rows = [row for name, row in figures.items() if name.endswith(".pdf") and isinstance(row, dict)]
        clean = sum(1 for row in rows if not any(row.values()))
        print(f"signals in all: {sum(sum(row.values()) for row in rows)}")
        print(f"documents with no signal: {clean} of {len(ok)}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
