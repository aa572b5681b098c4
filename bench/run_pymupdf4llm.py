"""Convert one PDF to Markdown with pymupdf4llm: ``python run_pymupdf4llm.py [--layout] PDF OUT.md``.

``--layout`` insists on PyMuPDF's layout model (an ONNX model shipped in the ``pymupdf_layout`` wheel),
pymupdf4llm's strongest mode, and fails when it cannot be activated. pymupdf4llm 2.0 already turns it
on by itself whenever ``pymupdf.layout`` imports, so without the flag the result is the same here;
the flag makes sure a missing model is an error, not a silent fall-back to the older rag path.

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
    import pymupdf4llm  # imported here so a usage error does not pay for the import

    if layout:
        pymupdf4llm.use_layout(True)  # imports and activates pymupdf.layout, or raises ImportError

    Path(argv[1]).write_text(pymupdf4llm.to_markdown(argv[0]), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
