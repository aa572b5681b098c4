"""Every language has every section of the source language, same ids, same order, same levels."""

from __future__ import annotations

from pathlib import Path

from notice.lint.checks import check_section_parity, load_doc

from .conftest import ROOT

SOURCE = ROOT / "docs/sv/privacy/index.md"


def doc(path: Path, lang: str = "en"):  # type: ignore[no-untyped-def]
    return load_doc(path, lang)


def test_every_language_has_every_section() -> None:
    for other in sorted((ROOT / "docs").glob("*/privacy/index.md")):
        if other == SOURCE:
            continue
        problems = check_section_parity(doc(SOURCE, "sv"), doc(other, other.parent.parent.name))
        assert not problems, "\n".join(map(str, problems))


def test_missing_section_names_file_line_and_id(tmp_path: Path) -> None:
    lines = (ROOT / "docs/en/privacy/index.md").read_text(encoding="utf-8").splitlines()
    cut = next(i for i, line in enumerate(lines) if line.endswith("{#datalagring}"))
    broken = tmp_path / "index.md"
    broken.write_text("\n".join(lines[:cut] + lines[cut + 1:]) + "\n", encoding="utf-8")
    problems = check_section_parity(doc(SOURCE, "sv"), doc(broken))
    assert len(problems) == 1
    message = str(problems[0])
    assert message.startswith(f"{broken}:") and "'datalagring' is missing" in message
    assert 0 < int(message.split(":")[1]) <= len(lines)


def test_wrong_level_is_reported(tmp_path: Path) -> None:
    text = (ROOT / "docs/en/privacy/index.md").read_text(encoding="utf-8")
    text = text.replace("### European Privacy Rights", "## European Privacy Rights")
    broken = tmp_path / "index.md"
    broken.write_text(text, encoding="utf-8")
    problems = check_section_parity(doc(SOURCE, "sv"), doc(broken))
    expected = "section 'europeiska-sekretessrattigheter' is at the wrong level (expected 3, found 2)"
    assert [p.message for p in problems] == [expected]
