"""Published versions never change (issue #14): the release makes each version's JSON and PDF
once and records their SHA-256; the build and ``notice check`` refuse a changed file, naming it;
the print stylesheet can change without touching them; a correction is deliberate and says why.
A release is all or nothing: made to fail at each of its steps in turn, or interrupted with
Ctrl-C, it leaves the tree exactly as it was, and running it again works. Long typesetting shows
its progress on a terminal and one summary line elsewhere."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from notice import files
from notice.errors import NoticeError
from notice.progress import Tally
from notice.versions import release as release_lib
from notice.versions import typeset

from .conftest import ROOT, run_notice
from .test_versions import NEW, OLD, PREFIX, _md, mkdocs_build, release, released, site, tree

__all__ = ["released", "site"]  # the session fixtures of test_versions, shared

NEXT = "2025-01-01"


def copy(released: Path, tmp_path: Path) -> Path:
    project = tmp_path / "p"
    shutil.copytree(released, project)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    return project


def recorded(project: Path) -> dict[str, str]:
    """Every SHA-256 versions.yml records, by path below docs/."""
    data = yaml.safe_load((project / "versions.yml").read_text(encoding="utf-8"))
    return {k: v for entry in data["versions"] for k, v in (entry.get("sha256") or {}).items()}


def check(project: Path) -> subprocess.CompletedProcess[str]:
    return run_notice("--locales", str(ROOT / "locales"), "check", cwd=project)


# ---------------------------------------------------------------- immutable


@pytest.mark.parametrize("lang, date, ext", [("en", OLD, "pdf"), ("sv", OLD, "json"), ("sv", NEW, "pdf")])
def test_a_released_file_altered_by_one_byte_fails_the_build_and_check(
    released: Path, tmp_path: Path, lang: str, date: str, ext: str
) -> None:
    project = copy(released, tmp_path)
    name = f"docs/{lang}/privacy/{date}/notice-{lang}-{date}.{ext}"
    path = project / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    expected = f"{name}:1: a released file of version {'1.0' if date == OLD else '2.0'} was changed"
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode != 0 and expected in built.stderr, built.stderr
    checked = check(project)
    assert checked.returncode == 1 and expected in checked.stderr, checked.stderr
    assert "notice release --correct 'why' --version" in checked.stderr


def test_the_site_publishes_the_released_bytes_and_typesets_nothing(released: Path, site: Path) -> None:
    digests = recorded(released)
    assert len(digests) == 2 * 2 * 3  # two versions, two languages, three files
    for key, digest in digests.items():
        lang, slug, date, name = key.split("/")
        assert slug == "privacy"  # below the notice's folder
        if name == "index.md":
            continue
        published = site / PREFIX[lang] / date / name
        assert hashlib.sha256(published.read_bytes()).hexdigest() == digest, key
    assert not (released / ".cache" / "notice-pdf").exists()


def test_changing_the_print_stylesheet_changes_no_released_file(released: Path, tmp_path: Path) -> None:
    project = copy(released, tmp_path)
    theme = project / "theme"
    shutil.copytree(ROOT / "overrides", theme, ignore=shutil.ignore_patterns("hooks", "__pycache__"))
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(f"custom_dir: {ROOT}/overrides", "custom_dir: theme"),
        encoding="utf-8",
    )
    pdf_template = theme / "partials" / "notice-pdf.html"
    text = pdf_template.read_text(encoding="utf-8")
    assert "font-size: 10pt" in text
    pdf_template.write_text(text.replace("font-size: 10pt", "font-size: 13pt"), encoding="utf-8")
    with (theme / "assets" / "notice-print.css").open("a", encoding="utf-8") as css:
        css.write("\n@media print { body { font-size: 14pt; } }\n")
    before = tree(project / "docs")

    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    again = release(project)
    assert again.returncode == 0 and "nothing to write" in again.stderr, again.stderr
    assert tree(project / "docs") == before
    for lang in PREFIX:
        for date in (OLD, NEW):
            name = f"notice-{lang}-{date}.pdf"
            assert (tmp_path / "site" / PREFIX[lang] / date / name).read_bytes() == before[f"{lang}/privacy/{date}/{name}"]

    # the change is real: a deliberate correction typesets with it, and says so
    corrected = release(project, "--correct", "Larger type for readability", "--version", "1.0")
    assert corrected.returncode == 0, corrected.stderr
    for date, changed in ((OLD, True), (NEW, False)):
        name = f"sv/privacy/{date}/notice-sv-{date}.pdf"
        assert ((project / "docs" / name).read_bytes() != before[name]) is changed


def test_a_deliberate_correction_records_why_and_builds(released: Path, tmp_path: Path) -> None:
    project = copy(released, tmp_path)
    _md(project, f"docs/sv/privacy/{OLD}/index.md", "för statistik", "för besöksstatistik")
    assert mkdocs_build(project, tmp_path / "site").returncode != 0
    result = release(project, "--correct", "Lagringstiden var felskriven", "--version", "1.0")
    assert result.returncode == 0, result.stderr
    text = (project / "versions.yml").read_text(encoding="utf-8")
    entry = yaml.safe_load(text)["versions"][1]
    [correction] = entry["corrections"]
    assert correction["reason"] == "Lagringstiden var felskriven"
    assert correction["files"] == [
        f"sv/privacy/{OLD}/index.md",
        f"sv/privacy/{OLD}/notice-sv-{OLD}.json",
        f"sv/privacy/{OLD}/notice-sv-{OLD}.pdf",
    ]  # the English files were made again byte for byte, so they are not listed
    for key, digest in recorded(project).items():
        assert hashlib.sha256((project / "docs" / key).read_bytes()).hexdigest() == digest, key
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr


def test_an_edited_current_notice_needs_a_correction_with_a_reason(released: Path, tmp_path: Path) -> None:
    project = copy(released, tmp_path)
    _md(project, "docs/en/privacy/index.md", "Two years", "Three years")
    before = tree(project)
    refused = release(project)
    assert refused.returncode == 1
    assert (f"docs/en/privacy/index.md:30: differs from the released text of version 2.0 "
            f"(docs/en/privacy/{NEW}/index.md)") in refused.stderr
    assert "notice release --correct 'why' --version 2.0" in refused.stderr
    assert tree(project) == before
    done = release(project, "--correct", "Storage time")
    assert done.returncode == 0, done.stderr
    assert yaml.safe_load((project / "versions.yml").read_text(encoding="utf-8"))["versions"][0]["corrections"][0][
        "files"
    ] == [f"en/privacy/{NEW}/index.md", f"en/privacy/{NEW}/notice-en-{NEW}.json", f"en/privacy/{NEW}/notice-en-{NEW}.pdf"]


# ---------------------------------------------------------------- all or nothing


def new_version(project: Path) -> None:
    """Legal's edits for a version 3.0."""
    for lang in PREFIX:
        _md(project, f"docs/{lang}/privacy/index.md", f"effective: {NEW}", f"effective: {NEXT}")
    _md(project, "docs/sv/privacy/index.md", "Två år", "Fem år")


def run_release(project: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(project)
    config = release_lib.read_configs(Path("mkdocs.yml"))[0]
    return release_lib.release(config, "3.0", {"sv": "Tre.", "en": "Three."}, quiet=True)


@pytest.fixture
def fast_typesetting(monkeypatch: pytest.MonkeyPatch) -> None:
    """The steps after typesetting do not depend on what a PDF looks like."""

    def fake(
        documents: list[tuple[str, str]], workers: int | None = None, on_done: Callable[[str], None] | None = None
    ) -> dict[str, bytes]:
        for name, _ in documents:
            if on_done:
                on_done(name)
        return {name: b"%PDF-1.7 " + hashlib.sha256(html.encode()).digest() for name, html in documents}

    monkeypatch.setattr(typeset, "typeset_all", fake)


def failing_after(count: int, error: BaseException) -> Callable[[Path, bytes], None]:
    """``files._put`` that writes ``count`` files, then fails."""
    real = files._put
    calls = [0]

    def put(target: Path, data: bytes) -> None:
        calls[0] += 1
        if calls[0] > count:
            raise error
        real(target, data)

    return put


def written_files(project: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    calls = [0]
    real = files._put

    def counting(target: Path, data: bytes) -> None:
        calls[0] += 1
        real(target, data)

    with monkeypatch.context() as m:
        m.setattr(files, "_put", counting)
        run_release(project, monkeypatch)
    return calls[0]


@pytest.mark.usefixtures("fast_typesetting")
def test_a_release_failing_at_any_write_leaves_the_tree_as_it_was(
    released: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = copy(released, tmp_path / "reference")
    new_version(reference)
    count = written_files(reference, monkeypatch)
    assert count == 2 * 3 + 2 + 1  # per language text, JSON, PDF; two redline stubs; versions.yml
    project = copy(released, tmp_path / "project")
    new_version(project)
    before = tree(project)
    disk_full = OSError(errno.ENOSPC, "No space left on device")
    for n in range(count):
        for error in (disk_full, KeyboardInterrupt()):
            with monkeypatch.context() as m:
                m.setattr(files, "_put", failing_after(n, error))
                with pytest.raises((NoticeError, KeyboardInterrupt)):
                    run_release(project, monkeypatch)
            assert tree(project) == before, f"failed at write {n + 1}: the tree changed"
    run_release(project, monkeypatch)  # running it again works
    assert tree(project) == tree(reference)


@pytest.mark.usefixtures("fast_typesetting")
def test_a_release_killed_while_writing_is_undone_by_the_next_run(
    released: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = copy(released, tmp_path / "reference")
    new_version(reference)
    run_release(reference, monkeypatch)
    project = copy(released, tmp_path / "project")
    new_version(project)
    before = tree(project)
    with monkeypatch.context() as m:  # as if the process died: nothing undoes the first four files
        m.setattr(files, "_put", failing_after(4, SystemExit(137)))
        m.setattr(files, "_undo", lambda journal: None)
        with pytest.raises(SystemExit):
            run_release(project, monkeypatch)
    assert tree(project) != before and (project / release_lib.JOURNAL).is_dir()
    assert files.recover(project / release_lib.JOURNAL)
    assert tree(project) == before
    run_release(project, monkeypatch)
    assert tree(project) == tree(reference)


def break_typesetting(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> dict[str, bytes]:
        raise NoticeError("docs/sv/privacy/2025-01-01/notice-sv-2025-01-01.pdf: cannot typeset the PDF (no fonts)")

    monkeypatch.setattr(typeset, "typeset_all", broken)


def interrupt_typesetting(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> dict[str, bytes]:
        raise KeyboardInterrupt

    monkeypatch.setattr(typeset, "typeset_all", interrupted)


STEPS: dict[str, Callable[[Path, pytest.MonkeyPatch], None]] = {
    # reading: the languages disagree on the date
    "read": lambda p, m: _md(p, "docs/en/privacy/index.md", f"effective: {NEXT}", "effective: 2025-02-01"),
    # the JSON export fails the schema
    "export": lambda p, m: _md(p, "docs/en/privacy/index.md", "{#kontakt}", "{#Kontakt_Oss}"),
    "typeset": lambda p, m: break_typesetting(m),
    "ctrl-c while typesetting": lambda p, m: interrupt_typesetting(m),
}


@pytest.mark.parametrize("step", STEPS)
def test_a_release_failing_before_writing_leaves_the_tree_as_it_was(
    released: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    project = copy(released, tmp_path)
    new_version(project)
    STEPS[step](project, monkeypatch)
    before = tree(project)
    with pytest.raises((NoticeError, KeyboardInterrupt)):
        run_release(project, monkeypatch)
    assert tree(project) == before


def git(project: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}
    return subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, text=True, env=env).stdout


def children(pid: int) -> list[str]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return path.read_text().split() if path.exists() else []


@pytest.mark.skipif(shutil.which("git") is None or not Path("/proc/self/task").exists(), reason="needs git and /proc")
def test_ctrl_c_during_a_release_leaves_git_status_clean(released: Path, tmp_path: Path) -> None:
    project = copy(released, tmp_path)
    new_version(project)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "before the release")
    command = [sys.executable, "-m", "notice.cli", "release", "--version", "3.0", "--summary", "sv=Tre."]
    # as at a terminal: a job started in the background by a non-interactive shell (CI scripts,
    # `make test &`) inherits SIGINT ignored, and Python then never raises KeyboardInterrupt
    process = subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not children(process.pid) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # until the typesetting processes have started
    # not while they are being forked: Python ignores a KeyboardInterrupt raised in its fork handlers
    # (the release then simply completes, all of it)
    time.sleep(0.3)
    assert process.poll() is None, "the release ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "release interrupted: nothing was written" in stderr and "Traceback" not in stderr
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""
    again = release(project, "--version", "3.0", "--summary", "sv=Tre.")
    assert again.returncode == 0, again.stderr
    assert f"docs/sv/privacy/{NEXT}/" in git(project, "status", "--porcelain", "--untracked-files=all")


# ---------------------------------------------------------------- progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_counts_and_tells_the_time_left() -> None:
    stream = Terminal()
    tally = Tally(3, "PDFs typeset", stream=stream)
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        tally.step(name)
    tally.finish()
    out = stream.getvalue()
    assert re.search(r"\r\x1b\[K\[#+\.*\] 1/3 PDFs typeset, \d+:\d\d left  a\.pdf", out)
    assert "3/3 PDFs typeset, 0:00 left" in out
    assert re.search(r"\n?3 PDFs typeset in \d+\.\d s\n$", out)


@pytest.mark.parametrize("stream, quiet", [(io.StringIO(), False), (Terminal(), True)])
def test_progress_off_a_terminal_or_quiet_is_one_summary_line(stream: io.StringIO, quiet: bool) -> None:
    tally = Tally(30, "PDFs typeset", stream=stream, quiet=quiet)
    for _ in range(30):
        tally.step("x.pdf")
    tally.finish(" on 2 process(es)")
    assert re.fullmatch(r"30 PDFs typeset in \d+\.\d s on 2 process\(es\)\n", stream.getvalue())


def test_a_release_in_a_ci_log_prints_one_summary_line(released: Path, tmp_path: Path) -> None:
    project = copy(released, tmp_path)
    new_version(project)
    result = run_notice("--quiet", "release", "--version", "3.0", "--summary", "sv=Tre.", "--summary", "en=Three.",
                        cwd=project)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"2 PDFs typeset in \d+\.\d s on \d process\(es\)\n", result.stderr)


def test_a_release_says_what_it_wrote_one_line_per_version_folder(released: Path, tmp_path: Path) -> None:
    project = copy(released, tmp_path)
    new_version(project)
    result = run_notice("release", "--version", "3.0", "--summary", "sv=Tre.", "--summary", "en=Three.", cwd=project)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert (f"docs/<lang>/privacy/{NEXT}/: index.md, notice-<lang>-{NEXT}.json, notice-<lang>-{NEXT}.pdf "
            "(2 languages: sv, en)") in lines
    assert f"docs/<lang>/privacy/{NEW}/: compare.md (2 languages: sv, en)" in lines
    assert "versions.yml: version 3.0 (2025-01-01) added" in lines
