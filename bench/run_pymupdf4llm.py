"""Convert one PDF to Markdown with pymupdf4llm: ``python run_pymupdf4llm.py [--layout] PDF OUT.md``.

``--layout`` imports ``pymupdf.layout`` first, which switches pymupdf4llm to PyMuPDF's layout model
(an ONNX model shipped in the ``pymupdf_layout`` wheel): its strongest mode.

Run as a child process by ``score_extract.py`` so its time and peak memory are measured on their own.
Since PyMuPDF 2.0 the ``pymupdf4llm`` module ships inside the ``pymupdf`` distribution (the
``pymupdf4llm`` 2.0 wheel is an empty shim), so pin ``pymupdf`` as well as ``pymupdf4llm``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    """Write ``pymupdf4llm.to_markdown(argv[0])`` to ``argv[1]``; return the exit code."""
    layout = argv[:1] == ["--layout"]
    argv = argv[1:] if layout else argv
    if len(argv) != 2:
        print("usage: run_pymupdf4llm.py [--layout] PDF OUT.md", file=sys.stderr)
        return 2
    if layout:
        import pymupdf.layout  # noqa: F401 - importing it turns the layout model on
    import pymupdf4llm  # imported here so a usage error does not pay for the import

    Path(argv[1]).write_text(pymupdf4llm.to_markdown(argv[0]), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
