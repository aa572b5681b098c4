"""Benchmark PDF->Markdown converters against hand-checked gold Markdown.

Input: PDFs, a folder of ``<pdf-stem>.gold.md`` files (optionally with ``<pdf-stem>.furniture.txt``, one
running head per line) and converter command templates. Output: a Markdown report on stdout (a row per
PDF and tool, an overall row per tool, PASS/FAIL per target) and optionally the same data as JSON.

    python bench/score_extract.py --pdfs ../shared/realpdfs --gold bench/gold [--json out.json]

Each converter runs as its own child process, so wall time and peak RSS (``os.wait4`` rusage) are its
alone. A converter that is missing, crashes, times out or writes nothing becomes a row with an error.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import metrics

BENCH_DIR = Path(__file__).resolve().parent
REPO_VENV_BIN = BENCH_DIR.parent / ".venv" / "bin"
GNU_TIME = Path("/usr/bin/time")
DEFAULT_OURS_CMD = "notice extract {pdf} --lang {lang} --out {out}"
DEFAULT_PYMUPDF4LLM_CMD = "{python} {bench}/run_pymupdf4llm.py {pdf} {out}"
PEER_CMDS = {  # the strongest peers: pymupdf4llm with PyMuPDF's layout model, opendataloader-pdf (Java)
    "pymupdf4llm-layout": "{python} {bench}/run_pymupdf4llm.py --layout {pdf} {out}",
    "opendataloader": "{python} {bench}/run_opendataloader.py {pdf} {out}",
}
DEFAULT_TIMEOUT_S = 600.0
OURS = "ours"

TARGET_WORD_SIMILARITY = 0.99
TARGET_HEADING_F1 = 0.95
TARGET_LINK_F1 = 1.0
TARGET_SECONDS_PER_PAGE = 0.2

HIGHER_IS_BETTER = metrics.SCORE_FIELDS
LOWER_IS_BETTER = metrics.COUNT_FIELDS
COLUMNS = {  # field -> report header
    "word_similarity": "words",
    "heading_precision": "h P",
    "heading_recall": "h R",
    "heading_f1": "h F1",
    "heading_level_accuracy": "h lvl",
    "list_f1": "list F1",
    "table_f1": "cell F1",
    "link_f1": "link F1",
    "bullet_glyphs": "glyphs",
    "doubled_markers": "dbl",
    "hard_breaks": "breaks",
    "furniture": "furn",
}


@dataclass(frozen=True)
class Case:
    """One PDF with its gold: language, page count and the gold's running heads."""

    pdf: Path
    gold: Path
    lang: str
    pages: int
    running_heads: tuple[str, ...]


@dataclass(frozen=True)
class Run:
    """One converter run: its Markdown (None on failure), wall seconds, peak RSS in MB, error text."""

    markdown: str | None
    seconds: float
    peak_mb: float
    error: str | None = None


@dataclass(frozen=True)
class Row:
    """A report row: one (pdf, tool) with scores, or the error that prevented them."""

    pdf: str
    tool: str
    pages: int
    seconds: float
    peak_mb: float
    scores: metrics.DocumentScores | None
    error: str | None = None


@dataclass(frozen=True)
class Summary:
    """A tool's overall row: macro-averaged scores (failed documents count 0), summed defect counts,
    total seconds / total pages of the successful runs, and the largest peak RSS."""

    tool: str
    documents: int
    errors: int
    values: dict[str, float] = field(default_factory=dict)
    seconds_per_page: float = float("nan")
    peak_mb: float = 0.0


@dataclass(frozen=True)
class Target:
    """A goal for our extractor, whether it is met, and what was measured."""

    name: str
    passed: bool
    detail: str


# --- finding the cases --------------------------------------------------------------------------


def expand_pdfs(paths: Sequence[str]) -> list[Path]:
    """CLI paths (folders or files) -> sorted PDF paths."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        found.extend(sorted(path.glob("*.pdf")) if path.is_dir() else [path])
    return found


def lang_of(pdf: Path, front_matter: dict[str, str]) -> str:
    """PDF path and gold front matter -> language: ``lang:`` key, else 2-letter file prefix, else en."""
    if front_matter.get("lang"):
        return front_matter["lang"]
    match = re.match(r"([a-z]{2})[_-]", pdf.name)
    return match.group(1) if match else "en"


def count_pages(pdf: Path) -> int:
    """PDF path -> number of pages (0 if the file cannot be read)."""
    try:
        import pdfplumber

        with pdfplumber.open(pdf) as doc:
            return len(doc.pages)
    except Exception:  # a broken PDF is the converters' problem; report it in their rows
        return 0


def find_cases(pdfs: Sequence[Path], gold_dir: Path) -> tuple[list[Case], list[str]]:
    """PDF paths and the gold folder -> (cases that have gold, notes about skipped PDFs)."""
    cases: list[Case] = []
    notes: list[str] = []
    for pdf in pdfs:
        gold = gold_dir / f"{pdf.stem}.gold.md"
        if not gold.is_file():
            notes.append(f"skipped {pdf.name}: no {gold}")
            continue
        front_matter, _ = metrics.split_front_matter(gold.read_text(encoding="utf-8"))
        heads_file = gold_dir / f"{pdf.stem}.furniture.txt"
        heads = heads_file.read_text(encoding="utf-8").splitlines() if heads_file.is_file() else []
        cases.append(Case(pdf, gold, lang_of(pdf, front_matter), count_pages(pdf), tuple(heads)))
    return cases, notes


# --- running a converter ------------------------------------------------------------------------


def build_argv(template: str, **fields: str) -> list[str]:
    """Command template and placeholder values -> argv (split first, so paths with spaces stay whole).

    The program is looked up on PATH, then in the repository's ``.venv/bin``.
    """
    argv = [part.format(**fields) for part in shlex.split(template)]
    if argv and not shutil.which(argv[0]) and (REPO_VENV_BIN / argv[0]).is_file():
        argv[0] = str(REPO_VENV_BIN / argv[0])
    return argv


def kill_group(pid: int, killed: threading.Event) -> None:
    """Kill the process group that a converter we started leads; ignore it if already gone."""
    killed.set()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def run_measured(argv: Sequence[str], log: Path, timeout: float) -> tuple[int, float, float, bool]:
    """argv -> (exit code, wall seconds, peak RSS in MB, timed out?); stdout and stderr go to ``log``.

    Peak RSS comes from GNU time's ``%M`` when /usr/bin/time exists. Without it, ``os.wait4`` gives this
    child's own rusage, but Linux then also counts the RSS this scorer had when it spawned the child.
    """
    rss_file = log.with_suffix(".rss")
    rss_file.unlink(missing_ok=True)
    if GNU_TIME.is_file():
        argv = [str(GNU_TIME), "-f", "%M", "-o", str(rss_file), *argv]
    with log.open("wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )
        killed = threading.Event()
        timer = threading.Timer(timeout, kill_group, (proc.pid, killed))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # Ctrl-C: the child is in its own session, so stop it ourselves
            kill_group(proc.pid, killed)
            raise
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # tell Popen the child is already reaped
    peak_kb = usage.ru_maxrss
    if rss_file.is_file():  # GNU time writes "Command exited ..." lines first, %M last
        last = rss_file.read_text().split()
        peak_kb = int(last[-1]) if last and last[-1].isdigit() else peak_kb
    return proc.returncode, seconds, peak_kb / 1024, killed.is_set()


def last_line(log: Path) -> str:
    """A converter log -> its last non-empty line, shortened, for the error column."""
    lines = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines()]
    text = next((line for line in reversed(lines) if line), "")
    return text[:160].replace("|", "/")


def output_markdown(out: Path, stem: str) -> str | None:
    """The ``{out}`` path after a run -> the Markdown written there (a file, or one .md inside a folder)."""
    if out.is_file():
        return out.read_text(encoding="utf-8", errors="replace")
    if out.is_dir():
        found = [p for p in out.rglob("*.md") if p.stem == stem] or list(out.rglob("*.md"))
        if len(found) == 1:
            return found[0].read_text(encoding="utf-8", errors="replace")
    return None


def run_converter(template: str, case: Case, work: Path, timeout: float) -> Run:
    """Command template, case and a scratch folder -> :class:`Run` (never raises for converter faults)."""
    work.mkdir(parents=True, exist_ok=True)
    out, log = work / f"{case.pdf.stem}.md", work / f"{case.pdf.stem}.log"
    if out.is_dir():  # a --keep folder from an earlier run must not pass for this run's output
        shutil.rmtree(out)
    out.unlink(missing_ok=True)
    argv = build_argv(
        template,
        pdf=str(case.pdf),
        lang=case.lang,
        out=str(out),
        stem=case.pdf.stem,
        python=sys.executable,
        bench=str(BENCH_DIR),
    )
    if not argv or not shutil.which(argv[0]):
        return Run(
            None, 0.0, 0.0, f"cannot run {argv[0] if argv else template!r}: not found or not executable"
        )
    try:
        code, seconds, peak_mb, timed_out = run_measured(argv, log, timeout)
    except OSError as exc:
        return Run(None, 0.0, 0.0, f"cannot run {argv[0]!r}: {exc.strerror or exc}")
    if timed_out:
        return Run(None, seconds, peak_mb, f"timed out after {timeout:.0f} s")
    if code != 0:
        return Run(None, seconds, peak_mb, f"exit {code}: {last_line(log)}")
    markdown = output_markdown(out, case.pdf.stem)
    if markdown is None:
        return Run(None, seconds, peak_mb, f"no Markdown written at {out}")
    return Run(markdown, seconds, peak_mb)


def score_case(tool: str, template: str, case: Case, work: Path, timeout: float) -> Row:
    """One converter on one case -> a scored :class:`Row` (or a row carrying the error)."""
    run = run_converter(template, case, work / tool, timeout)
    scores = None
    if run.markdown is not None:
        gold = case.gold.read_text(encoding="utf-8")
        scores = metrics.score_document(gold, run.markdown, case.running_heads)
    return Row(case.pdf.name, tool, case.pages, run.seconds, run.peak_mb, scores, run.error)


# --- summaries and targets ----------------------------------------------------------------------


def summarise(tool: str, rows: Sequence[Row]) -> Summary:
    """A tool's rows -> its :class:`Summary` (see there for how each column is combined)."""
    ok = [row for row in rows if row.scores is not None]
    values: dict[str, float] = {}
    for name in HIGHER_IS_BETTER:
        values[name] = sum(getattr(r.scores, name) for r in ok) / len(rows) if rows else float("nan")
    for name in LOWER_IS_BETTER:
        values[name] = float(sum(getattr(r.scores, name) for r in ok))
    pages = sum(r.pages for r in ok)
    per_page = sum(r.seconds for r in ok) / pages if pages else float("nan")
    return Summary(
        tool, len(rows), len(rows) - len(ok), values, per_page, max((r.peak_mb for r in rows), default=0)
    )


def worse_metrics(ours: Summary, other: Summary) -> list[str]:
    """Two summaries -> names of the quality metrics where ours is worse than the other tool."""
    worse = [n for n in HIGHER_IS_BETTER if not ours.values[n] >= other.values[n] - 1e-9]
    return worse + [n for n in LOWER_IS_BETTER if not ours.values[n] <= other.values[n]]


def evaluate_targets(summaries: dict[str, Summary]) -> list[Target]:
    """Summaries by tool -> the PASS/FAIL targets for our extractor (all FAIL if it was not run)."""
    ours = summaries.get(OURS)
    if ours is None or ours.documents == 0:
        return [Target("ours was run on at least one document", False, "not run")]
    v = ours.values
    others = [s for name, s in summaries.items() if name != OURS]
    losses = {s.tool: worse_metrics(ours, s) for s in others}
    lost = "; ".join(f"vs {tool}: {', '.join(names)}" for tool, names in losses.items() if names)
    return [
        Target(
            f"ours word similarity >= {TARGET_WORD_SIMILARITY}",
            v["word_similarity"] >= TARGET_WORD_SIMILARITY,
            f"{v['word_similarity']:.4f}",
        ),
        Target(
            f"ours heading F1 >= {TARGET_HEADING_F1}",
            v["heading_f1"] >= TARGET_HEADING_F1,
            f"{v['heading_f1']:.4f}",
        ),
        Target(
            f"ours link F1 = {TARGET_LINK_F1}", v["link_f1"] >= TARGET_LINK_F1 - 1e-9, f"{v['link_f1']:.4f}"
        ),
        Target(
            "ours >= every other tool on every quality metric",
            bool(others) and not lost,
            lost or ("no other tool run" if not others else "no losses"),
        ),
        Target(
            f"ours <= {TARGET_SECONDS_PER_PAGE} s/page",
            ours.seconds_per_page <= TARGET_SECONDS_PER_PAGE,
            f"{ours.seconds_per_page:.3f} s/page",
        ),
    ]


# --- the report ---------------------------------------------------------------------------------


def fmt(value: float, name: str) -> str:
    """A metric value -> its report cell (scores with 3 decimals, counts as integers)."""
    if value != value:  # NaN
        return "n/a"
    return f"{value:.0f}" if name in LOWER_IS_BETTER else f"{value:.3f}"


def row_cells(row: Row) -> list[str]:
    """A :class:`Row` -> its Markdown table cells."""
    per_page = f"{row.seconds / row.pages:.3f}" if row.pages and row.error is None else "n/a"
    values = [fmt(getattr(row.scores, n), n) if row.scores else "-" for n in COLUMNS]
    return [row.pdf, row.tool, str(row.pages), *values, per_page, f"{row.peak_mb:.0f}", row.error or ""]


def summary_cells(summary: Summary) -> list[str]:
    """A :class:`Summary` -> its Markdown table cells (bold tool name marks the overall row)."""
    values = [fmt(summary.values[n], n) for n in COLUMNS]
    errors = f"{summary.errors} of {summary.documents} failed" if summary.errors else ""
    return [
        "**overall**",
        f"**{summary.tool}**",
        str(summary.documents),
        *values,
        fmt(summary.seconds_per_page, "s/page"),
        f"{summary.peak_mb:.0f}",
        errors,
    ]


def render_report(
    rows: Sequence[Row], summaries: dict[str, Summary], targets: Sequence[Target], notes: Sequence[str]
) -> str:
    """Rows, summaries, targets and notes -> the Markdown report."""
    header = ["pdf", "tool", "pages", *COLUMNS.values(), "s/page", "peak MB", "error"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row_cells(r)) + " |" for r in rows]
    lines += ["| " + " | ".join(summary_cells(s)) + " |" for s in summaries.values()]
    lines += [
        "",
        "Overall: scores are macro-averages (a failed document counts 0); glyphs/dbl/breaks/furn are "
        "totals of defects beyond the gold's own; s/page = total time / total pages incl. process start; "
        "peak MB = largest child RSS.",
        "",
    ]
    lines += [f"- {'PASS' if t.passed else 'FAIL'}: {t.name} ({t.detail})" for t in targets]
    lines += [f"- note: {note}" for note in notes]
    return "\n".join(lines)


def report_json(
    rows: Sequence[Row], summaries: dict[str, Summary], targets: Sequence[Target], notes: Sequence[str]
) -> str:
    """Rows, summaries, targets and notes -> the report as JSON text (NaN written as null)."""

    def clean(value: object) -> object:
        if isinstance(value, float) and value != value:
            return None
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    data = {
        "rows": [asdict(r) for r in rows],
        "overall": [asdict(s) for s in summaries.values()],
        "targets": [asdict(t) for t in targets],
        "notes": list(notes),
    }
    return json.dumps(clean(data), indent=2, ensure_ascii=False)


# --- command line -------------------------------------------------------------------------------


def check_template(option: str, template: str) -> None:
    """Exit with a one-line message when a command template uses an unknown placeholder."""
    fields = dict.fromkeys(("pdf", "lang", "out", "stem", "python", "bench"), "x")
    try:
        build_argv(template, **fields)
    except (KeyError, IndexError, ValueError) as exc:
        sys.exit(f"{option}: bad template {template!r} ({exc!r}); placeholders are {{{'} {'.join(fields)}}}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """argv -> parsed options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdfs", nargs="+", required=True, help="PDF files and/or folders of PDFs")
    parser.add_argument("--gold", type=Path, required=True, help="folder of <pdf-stem>.gold.md files")
    parser.add_argument(
        "--ours-cmd",
        default=DEFAULT_OURS_CMD,
        help="command template; placeholders {pdf} {lang} {out} {stem} {python} {bench}",
    )
    parser.add_argument("--pymupdf4llm-cmd", default=DEFAULT_PYMUPDF4LLM_CMD, help="command template")
    parser.add_argument(
        "--tools",
        default=f"{OURS},pymupdf4llm",
        help=f"comma-separated tools to run ({OURS}, pymupdf4llm, {', '.join(PEER_CMDS)})",
    )
    parser.add_argument("--json", type=Path, help="also write the report as JSON here")
    parser.add_argument("--keep", type=Path, help="keep converter outputs and logs in this folder")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="seconds per conversion")
    parser.add_argument("--fail-on-targets", action="store_true", help="exit 1 when a target fails")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the report; return the exit code (0 unless --fail-on-targets and a FAIL)."""
    args = parse_args(argv)
    templates = {OURS: args.ours_cmd, "pymupdf4llm": args.pymupdf4llm_cmd, **PEER_CMDS}
    for option, template in (("--ours-cmd", args.ours_cmd), ("--pymupdf4llm-cmd", args.pymupdf4llm_cmd)):
        check_template(option, template)
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in tools if t not in templates]
    if unknown:
        sys.exit(f"unknown tool(s) {unknown}; expected some of {sorted(templates)}")
    cases, notes = find_cases(expand_pdfs(args.pdfs), args.gold)
    work = args.keep or Path(tempfile.mkdtemp(prefix="score_extract_"))
    try:
        rows = [
            score_case(tool, templates[tool], case, work, args.timeout) for case in cases for tool in tools
        ]
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    summaries = {tool: summarise(tool, [r for r in rows if r.tool == tool]) for tool in tools}
    targets = evaluate_targets(summaries)
    print(render_report(rows, summaries, targets, notes))
    if args.json:
        args.json.write_text(report_json(rows, summaries, targets, notes), encoding="utf-8")
    return 1 if args.fail_on_targets and not all(t.passed for t in targets) else 0


if __name__ == "__main__":
    sys.exit(main())
