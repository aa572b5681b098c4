"""Round-trip extraction benchmark: documents whose structure we know, rendered by several PDF
producers in several styles, extracted by each tool, every block scored against the source.

    python bench/roundtrip/run.py [--tools ours,pymupdf4llm-layout,opendataloader] [--json out.json]

Input: source Markdown files (``bench/roundtrip/documents/*.md`` and the project's own notice
``docs/sv/privacy/index.md``), the styles of ``roundtrip.source.STYLES`` and the producers of
``roundtrip.producers``. Output: a table per (tool, producer) and per (tool, producer, style,
document) on stdout, PASS/FAIL of our extractor against the targets per producer, and with
``--json`` the same figures as JSON. PDFs and golds are written under ``.cache/roundtrip/`` and
reused while their inputs are unchanged; a producer that cannot run here is skipped with a note.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BENCH_DIR))

import metrics  # noqa: E402 - bench/ is put on the path just above
import score_extract  # noqa: E402

from roundtrip import gold, presence, producers, source  # noqa: E402

REPO = BENCH_DIR.parent
DEFAULT_DOCUMENTS = (*sorted((BENCH_DIR / "roundtrip" / "documents").glob("*.md")), REPO / "docs/sv/privacy/index.md")
DEFAULT_CACHE = REPO / ".cache" / "roundtrip"
TOOLS = {  # ours writes its Markdown even when words are lost: the scores show the loss
    "ours": "notice extract {pdf} --lang {lang} --out {out} --allow-loss",
    **score_extract.PEER_CMDS,
}
OURS = "ours"
KIND_COLUMNS = {"heading": "heading F1", "paragraph": "para F1", "item": "item F1", "cell": "cell F1",
                "link": "link F1"}

TARGET_BLOCK_F1 = 0.98
TARGET_WORD_SIMILARITY = 0.995
CODE_FILES = ("source.py", "page.py", "producers.py")  # what every producer's PDF depends on
PRODUCER_CODE_FILES = {"reportlab": ("typeset_reportlab.py",)}  # and what only one producer's does


@dataclass(frozen=True)
class Rendering:
    """One PDF of the round trip and its exact gold."""

    document: str
    style: str
    producer: str
    lang: str
    pdf: Path
    gold: Path
    pages: int
    furniture: tuple[str, ...]
    missing: tuple[str, ...]
    """Gold blocks the PDF does not print: a defect of the test input, which every tool is charged for."""


@dataclass(frozen=True)
class Scores:
    """One extraction against its gold: block F1 overall and per kind, words, levels, defects."""

    block_f1: float
    per_kind_f1: dict[str, float]
    word_similarity: float
    heading_level_accuracy: float
    garbled: int
    furniture: int


@dataclass(frozen=True)
class Result:
    tool: str
    rendering: Rendering
    seconds: float
    scores: Scores | None
    error: str | None


# --- rendering ----------------------------------------------------------------------------------


def cache_key(producer: str, gold: str, style: source.Style) -> str:
    """What a PDF depends on -> a short hash (the gold, the style, the producer and our code)."""
    digest = hashlib.sha256(f"{producer}\n{style}\n{gold}".encode())
    for name in (*CODE_FILES, *PRODUCER_CODE_FILES.get(producer, ())):
        digest.update((BENCH_DIR / "roundtrip" / name).read_bytes())
    return digest.hexdigest()[:16]


def render(
    document: source.Document, style: source.Style, producer: str, cache: Path, *, keep_pdf: bool = False
) -> Rendering:
    """Write (or reuse) the gold and the PDF of one (document, style, producer); raise Unavailable.

    With ``keep_pdf`` a cached PDF is reused and stamped with the current key even when the bench's
    code changed since it was made: for a change its producer does not see (the key hashes every
    producer's code together), so that such a change does not remake every producer's PDFs."""
    styled = source.styled(document, style)
    gold_text = source.gold_markdown(styled)
    scored_gold = gold.linked_gold(gold_text)  # what a perfect extraction writes; no input of the PDF
    stem = f"{document.name}--{style.name}"
    gold_file = cache / "gold" / f"{stem}.gold.md"
    gold_file.parent.mkdir(parents=True, exist_ok=True)
    if not gold_file.is_file() or gold_file.read_text(encoding="utf-8") != scored_gold:
        gold_file.write_text(scored_gold, encoding="utf-8")
    pdf = cache / "pdf" / producer / f"{stem}.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    key_file, key = pdf.with_suffix(".key"), cache_key(producer, gold_text, style)
    if keep_pdf and pdf.is_file():
        key_file.write_text(key)
    if not (pdf.is_file() and key_file.is_file() and key_file.read_text() == key):
        page = producers.write_html(styled, style, pdf.with_suffix(".page.html"))
        producers.PRODUCERS[producer](styled, style, page, pdf)
        key_file.write_text(key)
    furniture = producers.furniture_strings(producer, styled, pdf)
    missing = tuple(presence.gold_missing_from_pdf(scored_gold, pdf))
    return Rendering(document.name, style.name, producer, document.lang, pdf, gold_file,
                     score_extract.count_pages(pdf), furniture, missing)


def missing_text_notes(renderings: Sequence[Rendering]) -> list[str]:
    """Renderings -> a note for each whose PDF lacks text of its gold (a producer lost it, so no tool can
    read it back and the scores of every tool are lower for it)."""
    return [f"{r.producer} {r.document}--{r.style}: the PDF lacks {len(r.missing)} gold block(s):"
            f" {presence.describe(r.missing)}" for r in renderings if r.missing]


def render_all(
    documents: Sequence[source.Document], styles: Sequence[source.Style], names: Sequence[str], cache: Path,
    keep: Sequence[str] = (),
) -> tuple[list[Rendering], list[str]]:
    """Every (producer, style, document) -> renderings, and notes on the producers that were skipped;
    the cached PDFs of the producers in ``keep`` are reused whatever their key (see :func:`render`)."""
    renderings: list[Rendering] = []
    notes: list[str] = []
    for producer in names:
        try:
            renderings += [render(d, s, producer, cache, keep_pdf=producer in keep) for s in styles for d in documents]
        except producers.Unavailable as exc:
            notes.append(f"producer {producer} skipped: {exc}")
        except Exception as exc:  # a producer's crash is reported, the others still run
            notes.append(f"producer {producer} failed: {type(exc).__name__}: {str(exc)[:200]}")
    return renderings, notes


# --- scoring ------------------------------------------------------------------------------------


def credit_effective_line(gold_md: str, pred_md: str) -> str:
    """Our extractor's convention moves the effective-date line into front matter (``effective``,
    ``effective_label``); a tool that did so with the right date gets the gold's printed line back,
    as one that left the line in the body keeps it. Otherwise ``pred_md`` is returned unchanged."""
    gold_meta, _ = metrics.split_front_matter(gold_md)
    pred_meta, pred_body = metrics.split_front_matter(pred_md)
    label = metrics.normalise_text(pred_meta.get("effective_label", ""))
    if not label or not gold_meta.get("effective") or pred_meta.get("effective") != gold_meta["effective"]:
        return pred_md
    lines = [" ".join(p) for p in metrics.parse_markdown(gold_md).paragraphs]
    printed = next((line for line in lines if metrics.inline_to_normal(line).startswith(label)), None)
    if printed is None or printed in pred_body:
        return pred_md
    body = pred_body.splitlines()
    at = next((i + 1 for i, line in enumerate(body) if line.startswith("# ")), 0)
    return "\n".join([*body[:at], "", printed, "", *body[at:]]) + "\n"


def score(gold_md: str, pred_md: str, furniture: Sequence[str]) -> Scores:
    """Gold and predicted Markdown and the producer's margin strings -> :class:`Scores`.

    Garbled characters and furniture lines are counted beyond the gold's own.
    """
    pred_md = credit_effective_line(gold_md, pred_md)
    blocks = metrics.block_scores(gold_md, pred_md)
    gold, pred = metrics.parse_markdown(gold_md), metrics.parse_markdown(pred_md)
    levels = metrics.heading_scores(gold.headings, pred.headings).level_accuracy
    garbled = max(0, metrics.count_garbled(pred_md) - metrics.count_garbled(gold_md))
    furniture_left = max(
        0,
        metrics.count_furniture_strings(pred_md, furniture) - metrics.count_furniture_strings(gold_md, furniture),
    )
    return Scores(
        blocks.overall.f1,
        {kind: value.f1 for kind, value in blocks.per_kind.items()},
        metrics.word_similarity(gold_md, pred_md),
        levels,
        garbled,
        furniture_left,
    )


def run_tool(tool: str, rendering: Rendering, work: Path, timeout: float) -> Result:
    """One tool on one rendering -> a scored :class:`Result` (or one that carries the error)."""
    case = score_extract.Case(rendering.pdf, rendering.gold, rendering.lang, rendering.pages, ())
    folder = work / tool / rendering.producer
    run = score_extract.run_converter(TOOLS[tool], case, folder, timeout)
    scores = None
    if run.markdown is not None:
        scores = score(rendering.gold.read_text(encoding="utf-8"), run.markdown, rendering.furniture)
    return Result(tool, rendering, run.seconds, scores, run.error)


# --- report -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """Macro-averages of a group of results (a failed run counts 0), defect counts summed."""

    tool: str
    producer: str
    runs: int
    errors: int
    block_f1: float
    per_kind_f1: dict[str, float]
    word_similarity: float
    heading_level_accuracy: float
    garbled: int
    furniture: int
    seconds_per_page: float


def summarise(tool: str, producer: str, results: Sequence[Result]) -> Summary:
    ok = [r.scores for r in results if r.scores is not None]
    n = len(results) or 1

    def mean(values: Sequence[float]) -> float:
        return sum(values) / n

    pages = sum(r.rendering.pages for r in results if r.scores is not None)
    return Summary(
        tool,
        producer,
        len(results),
        len(results) - len(ok),
        mean([s.block_f1 for s in ok]),
        {k: mean([s.per_kind_f1[k] for s in ok]) for k in metrics.BLOCK_KINDS},
        mean([s.word_similarity for s in ok]),
        mean([s.heading_level_accuracy for s in ok]),
        sum(s.garbled for s in ok),
        sum(s.furniture for s in ok),
        sum(r.seconds for r in results if r.scores is not None) / pages if pages else float("nan"),
    )


def passes(summary: Summary) -> list[str]:
    """A summary -> the targets it misses (empty when it passes them all)."""
    missed = []
    if summary.errors:
        missed.append(f"{summary.errors} failed runs")
    if summary.block_f1 < TARGET_BLOCK_F1:
        missed.append(f"block F1 {summary.block_f1:.3f} < {TARGET_BLOCK_F1}")
    if summary.word_similarity < TARGET_WORD_SIMILARITY:
        missed.append(f"words {summary.word_similarity:.4f} < {TARGET_WORD_SIMILARITY}")
    if summary.garbled:
        missed.append(f"{summary.garbled} garbled")
    if summary.furniture:
        missed.append(f"{summary.furniture} furniture left")
    return missed


def summary_cells(label: list[str], s: Summary) -> list[str]:
    kinds = [f"{s.per_kind_f1[k]:.3f}" for k in KIND_COLUMNS]
    return [*label, f"{s.block_f1:.3f}", *kinds, f"{s.word_similarity:.4f}",
            f"{s.heading_level_accuracy:.3f}", str(s.garbled), str(s.furniture), f"{s.seconds_per_page:.2f}"]


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + [
        "| " + " | ".join(row) + " |" for row in rows
    ]


def render_report(results: Sequence[Result], summaries: Sequence[Summary], notes: Sequence[str]) -> str:
    metric_header = ["block F1", *KIND_COLUMNS.values(), "words", "h level", "garbled", "furniture", "s/page"]
    lines = ["## Round trip per (tool, producer)", ""]
    lines += table(["tool", "producer", *metric_header], [summary_cells([s.tool, s.producer], s) for s in summaries])
    lines += ["", "## Round trip per (tool, producer, style, document)", ""]
    rows = []
    for r in results:
        label = [r.tool, r.rendering.producer, r.rendering.style, r.rendering.document]
        if r.scores is None:
            rows.append([*label, f"error: {r.error}"] + [""] * (len(metric_header) - 1))
        else:
            rows.append(summary_cells(label, summarise(r.tool, r.rendering.producer, [r])))
    lines += table(["tool", "producer", "style", "document", *metric_header], rows)
    lines += ["", f"Targets for ours, per producer: block F1 >= {TARGET_BLOCK_F1}, words >= "
              f"{TARGET_WORD_SIMILARITY}, 0 garbled, 0 furniture left.", ""]
    for s in summaries:
        if s.tool == OURS:
            missed = passes(s)
            lines.append(f"- {'FAIL' if missed else 'PASS'}: {s.producer}" + (f" ({'; '.join(missed)})" if missed else ""))
    lines += [f"- note: {note}" for note in notes]
    return "\n".join(lines)


def report_json(results: Sequence[Result], summaries: Sequence[Summary], notes: Sequence[str]) -> str:
    def row(r: Result) -> dict[str, object]:
        data = asdict(r)
        data["rendering"] = {k: str(v) if isinstance(v, Path) else v for k, v in data["rendering"].items()}
        return data

    payload = {
        "summaries": [asdict(s) | {"missed_targets": passes(s)} for s in summaries],
        "results": [row(r) for r in results],
        "notes": list(notes),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False, default=str)


# --- command line -------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", nargs="+", type=Path, default=list(DEFAULT_DOCUMENTS))
    parser.add_argument("--tools", default=",".join(TOOLS), help=f"comma-separated, of {', '.join(TOOLS)}")
    parser.add_argument("--producers", default=",".join(producers.PRODUCERS),
                        help=f"comma-separated, of {', '.join(producers.PRODUCERS)}")
    parser.add_argument("--styles", default=",".join(s.name for s in source.STYLES))
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where PDFs, golds and outputs go")
    parser.add_argument("--keep-pdfs", default="", metavar="PRODUCERS",
                        help="comma-separated producers whose cached PDFs are reused although the bench's code"
                        " changed (for a change they do not see); their keys are rewritten")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--timeout", type=float, default=score_extract.DEFAULT_TIMEOUT_S)
    parser.add_argument("--fail-on-targets", action="store_true",
                        help="exit 1 when ours misses a target or a PDF lacks text of its gold")
    return parser.parse_args(argv)


def missing_tool(tool: str) -> str | None:
    """A tool -> why it cannot run here (its program or Java is not found), or None."""
    argv = score_extract.build_argv(TOOLS[tool], pdf="x", lang="x", out="x", stem="x", python=sys.executable,
                                    bench=str(BENCH_DIR))
    if not shutil.which(argv[0]):
        return f"{argv[0]} not found"
    if tool == "opendataloader" and not shutil.which("java"):
        return "java not on PATH (Debian: apt-get install openjdk-17-jre-headless)"
    return None


def pick(option: str, given: str, known: Sequence[str]) -> list[str]:
    chosen = [name.strip() for name in given.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in known]
    if unknown:
        sys.exit(f"{option}: unknown {unknown} (expected some of {list(known)})")
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    tools = pick("--tools", args.tools, list(TOOLS))
    names = pick("--producers", args.producers, list(producers.PRODUCERS))
    style_names = pick("--styles", args.styles, [s.name for s in source.STYLES])
    styles = [s for s in source.STYLES if s.name in style_names]
    documents = [source.read_document(path) for path in args.documents if path.is_file()]
    notes = [f"document {p} skipped: not found" for p in args.documents if not p.is_file()]
    keep = pick("--keep-pdfs", args.keep_pdfs, list(producers.PRODUCERS))
    renderings, render_notes = render_all(documents, styles, names, args.cache, keep)
    notes += render_notes + missing_text_notes(renderings)
    for tool in list(tools):
        if (why := missing_tool(tool)) is not None:
            notes.append(f"tool {tool} skipped: {why}")
            tools.remove(tool)
    work = args.cache / "out"
    results = []
    for tool in tools:
        for rendering in renderings:
            result = run_tool(tool, rendering, work, args.timeout)
            results.append(result)
            print(f"{tool:20} {rendering.producer:17} {rendering.style:26} {rendering.document:22} "
                  f"{'error: ' + str(result.error) if result.scores is None else f'{result.scores.block_f1:.3f}'}",
                  file=sys.stderr, flush=True)
    summaries = [
        summarise(tool, producer, [r for r in results if (r.tool, r.rendering.producer) == (tool, producer)])
        for tool in tools
        for producer in dict.fromkeys(r.producer for r in renderings)
    ]
    print(render_report(results, summaries, notes))
    if args.json:
        args.json.write_text(report_json(results, summaries, notes), encoding="utf-8")
    failed = any(passes(s) for s in summaries if s.tool == OURS) or any(r.missing for r in renderings)
    return 1 if args.fail_on_targets and failed else 0


if __name__ == "__main__":
    sys.exit(main())
