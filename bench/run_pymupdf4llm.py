"""Convert one PDF to Markdown with pymupdf4llm: ``python run_pymupdf4llm.py PDF OUT.md``.

Run as a child process by ``score_extract.py`` so its time and peak memory are measured on their own.
Since PyMuPDF 2.0 the ``pymupdf4llm`` module ships inside the ``pymupdf`` distribution (the
``pymupdf4llm`` 2.0 wheel is an empty shim), so pin ``pymupdf`` as well as ``pymupdf4llm``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    """Write ``pymupdf4llm.to_markdown(argv[0])`` to ``argv[1]``; return the exit code."""
    if len(argv) != 2:
        print("usage: run_pymupdf4llm.py PDF OUT.md", file=sys.stderr)
        return 2
    import pymupdf4llm  # imported here so a usage error does not pay for the import

    Path(argv[1]).write_text(pymupdf4llm.to_markdown(argv[0]), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
