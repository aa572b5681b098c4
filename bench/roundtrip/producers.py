"""PDF producers for the round trip: (document, style) -> a PDF file, each the way its tool makes one.

- ``weasyprint``: the HTML page, running head and ``Page n of m`` in the page margins.
- ``chromium``: ``--print-to-pdf`` of the same page with Chromium's own header (date, ``<title>``)
  and footer (file URL, ``n/m``).
- ``libreoffice-docx`` / ``libreoffice-odt``: LibreOffice Writer imports the page, saves it as
  ``.docx`` / ``.odt``, and exports that file to PDF (as a Word or Writer user would). LibreOffice
  opens an ``.html`` file with Writer/Web, so the ``.odt`` is saved with Writer/Web's filter for an
  ODF *text* document (``writerweb8_writer``): its plain ``writer8`` saves a web document
  (``opendocument.text-web``), which loads back as one, and LibreOffice 7.4's PDF export of that
  can drop the first paragraph (the English example's title) and leave page 1 empty. A ``.docx``
  loads back as a text document either way.
- ``reportlab``: a typeset of the blocks with ReportLab's platypus (named destinations from
  ``<a name>``, table header rows repeated by ``repeatRows``, two frames for two columns).
- ``anonymous``: the WeasyPrint PDF with every font renamed ``/F1``, ``/F2`` ... (BaseFont and
  FontName; the descriptor's weight, StemV and flags kept), as printer drivers write them.

A producer whose tool is missing raises :class:`Unavailable` with the reason; the caller skips it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from roundtrip.page import document_html
from roundtrip.source import Document, Style

CHROMIUM = "chromium"
SOFFICE = "soffice"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
TIMEOUT_S = 180


class Unavailable(RuntimeError):
    """This producer cannot run here (tool or module missing); the message says which."""


def furniture_strings(producer: str, document: Document, out: Path) -> tuple[str, ...]:
    """What ``producer`` prints in the margins of every page of ``out``, besides page numbers."""
    if producer in ("weasyprint", "anonymous", "reportlab"):
        return (document.running_head,)
    if producer == "chromium":
        return (document.metadata_title, chromium_page(out).resolve().as_uri())
    return ()


def chromium_page(out: Path) -> Path:
    """The HTML page Chromium prints to ``out`` (kept beside it: its URL is in the footer)."""
    return out.with_suffix(".html")


def write_weasyprint(document: Document, style: Style, html_path: Path, out: Path) -> None:
    try:
        import weasyprint
    except ImportError as exc:
        raise Unavailable(f"weasyprint not importable ({exc})") from exc
    weasyprint.HTML(filename=str(html_path)).write_pdf(str(out))


def write_chromium(document: Document, style: Style, html_path: Path, out: Path) -> None:
    page = chromium_page(out)
    page.write_text(document_html(document, style, margin_boxes=False), encoding="utf-8")
    exe = shutil.which(CHROMIUM) or shutil.which("chromium-browser")
    if exe is None:
        raise Unavailable("chromium not on PATH (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="roundtrip-chromium-") as profile:
        argv = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", f"--print-to-pdf={out}", page.resolve().as_uri()]
        subprocess.run(argv, check=True, capture_output=True, timeout=TIMEOUT_S)


def soffice_convert(source: Path, target_format: str, out_dir: Path, profile: str) -> Path:
    """LibreOffice headless: ``source`` -> ``out_dir/<stem>.<ext>`` (``target_format`` as --convert-to)."""
    exe = shutil.which(SOFFICE)
    if exe is None:
        raise Unavailable("soffice not on PATH (Debian: apt-get install libreoffice-writer-nogui)")
    argv = [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
            "--convert-to", target_format, "--outdir", str(out_dir), str(source)]
    subprocess.run(argv, check=True, capture_output=True, timeout=TIMEOUT_S)
    return out_dir / f"{source.stem}.{target_format.split(':')[0]}"


def libreoffice_writer(extension: str, filter_name: str) -> Callable[[Document, Style, Path, Path], None]:
    def write(document: Document, style: Style, html_path: Path, out: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="roundtrip-lo-") as tmp:
            work = Path(tmp)
            page = work / f"{out.stem}.html"
            shutil.copyfile(html_path, page)
            office = soffice_convert(page, f"{extension}:{filter_name}", work / "office", f"{tmp}/profile")
            pdf = soffice_convert(office, "pdf", work / "pdf", f"{tmp}/profile")
            shutil.copyfile(pdf, out)
            shutil.copyfile(office, out.with_suffix(f".{extension}"))

    return write


def write_reportlab(document: Document, style: Style, html_path: Path, out: Path) -> None:
    try:
        from roundtrip import typeset_reportlab
    except ImportError as exc:
        raise Unavailable(f"reportlab not importable ({exc})") from exc
    typeset_reportlab.typeset(document, style, out)


def write_anonymous(document: Document, style: Style, html_path: Path, out: Path) -> None:
    try:
        import pikepdf  # noqa: F401 - only: is it installed?
    except ImportError as exc:
        raise Unavailable(f"pikepdf not importable ({exc})") from exc
    plain = out.with_name(out.stem + ".named.pdf")
    write_weasyprint(document, style, html_path, plain)
    anonymise_fonts(plain, out)
    plain.unlink()


def anonymise_fonts(source: Path, out: Path) -> int:
    """Rename every font of ``source`` to ``/F1``, ``/F2`` ... (first use order); return how many.

    The weight stays where a printer driver leaves it: ``/FontWeight`` (added from the old name when
    the descriptor had none), ``/StemV`` and ``/Flags`` are kept; only the names go.
    """
    import pikepdf

    names: dict[str, str] = {}

    def new_name(old: str) -> pikepdf.Name:
        base = old.split("+", 1)[-1]
        names.setdefault(base, f"/F{len(names) + 1}")
        return pikepdf.Name(names[base])

    def rename(font: pikepdf.Dictionary) -> None:
        old = str(font.get("/BaseFont", "/unnamed"))
        font.BaseFont = new_name(old)
        for descendant in font.get("/DescendantFonts", []):
            rename(descendant)
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None:
            descriptor.FontName = font.BaseFont
            if "/FontWeight" not in descriptor and "bold" in old.lower():
                descriptor.FontWeight = 700
            for key in ("/FontFamily", "/FontStretch"):
                if key in descriptor:
                    del descriptor[key]

    descendants = (pikepdf.Name.CIDFontType0, pikepdf.Name.CIDFontType2)  # renamed through their parent
    with pikepdf.open(source) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.Font:
                if obj.get("/Subtype") not in descendants:
                    rename(obj)
        pdf.save(out)
    return len(names)


PRODUCERS: dict[str, Callable[[Document, Style, Path, Path], None]] = {
    "weasyprint": write_weasyprint,
    "chromium": write_chromium,
    "libreoffice-docx": libreoffice_writer("docx", "MS Word 2007 XML"),
    "libreoffice-odt": libreoffice_writer("odt", "writerweb8_writer"),
    "reportlab": write_reportlab,
    "anonymous": write_anonymous,
}


def write_html(document: Document, style: Style, out: Path) -> Path:
    """The page the HTML producers print (kept beside the PDFs, so Chromium's footer URL is stable)."""
    out.write_text(document_html(document, style), encoding="utf-8")
    return out

