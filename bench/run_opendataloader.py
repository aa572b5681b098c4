"""Convert one PDF to Markdown with opendataloader-pdf: ``python run_opendataloader.py PDF OUT.md``.

Run as a child process by the scorers so its time and peak memory are measured on their own. The
Python package wraps a Java CLI (a jar in the wheel), so Java 17 or newer must be on PATH.
Page headers and footers are left out (its default), as our extractor does.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    """Write opendataloader-pdf's Markdown of ``argv[0]`` to ``argv[1]``; return the exit code."""
    if len(argv) != 2:
        print("usage: run_opendataloader.py PDF OUT.md", file=sys.stderr)
        return 2
    if shutil.which("java") is None:
        print("java not on PATH (Debian: apt-get install openjdk-17-jre-headless)", file=sys.stderr)
        return 1
    import opendataloader_pdf

    with tempfile.TemporaryDirectory(prefix="opendataloader-") as tmp:
        opendataloader_pdf.convert(input_path=[argv[0]], output_dir=tmp, format="markdown", quiet=True,
                                   image_output="off")
        found = sorted(Path(tmp).rglob("*.md"))
        if len(found) != 1:
            print(f"expected one Markdown file, found {len(found)}", file=sys.stderr)
            return 1
        Path(argv[1]).write_text(found[0].read_text(encoding="utf-8"), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
