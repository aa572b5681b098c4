"""The pieces of the archive one at a time: the Markdown reader is the writer's inverse, the
redline matches sections by id and diffs words, versions.yml problems carry file:line, and a
release keeps versions.yml's comments."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from notice.markdown import to_markdown
from notice.model import ListBlock, ListItem, Span
from notice.reader import MarkdownError, parse_inline, read_notice
from notice.versions import archive, redline, release, typeset, versions
from notice.versions.pages import relative

from .conftest import ROOT


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_reader_is_the_writers_inverse(lang: str) -> None:
    text = (ROOT / "docs" / lang / "privacy" / "index.md").read_text(encoding="utf-8")
    notice = read_notice(text)
    assert len(notice.sections) == 26 and notice.effective == dt.date(2019, 12, 13)
    assert to_markdown(notice) == text


def test_inline_spans() -> None:
    assert parse_inline(r"a **b** [c \[1\]](https://x.test/a%20b) <https://y.test> 2\*3") == (
        Span("a "),
        Span("b", bold=True),
        Span(" "),
        Span("c [1]", "https://x.test/a%20b"),
        Span(" "),
        Span("https://y.test", "https://y.test"),
        Span(" 2*3"),
    )


@pytest.mark.parametrize(
    "body, line, problem",
    [
        ("## No id\n", 9, "heading 'No id' has no {#id}"),
        ("## A {#a}\n\n> quoted\n", 11, "a block quote has no place"),
        ("## A {#a}\n\n```\ncode\n```\n", 11, "a fenced code block has no place"),
        ("## A {#a}\n\n## B {#a}\n", 11, "section id 'a' is used twice (first at line 9)"),
        ("| a | b |\n| c | d |\n", 9, "a table row without the |---| row"),
    ],
)
def test_reader_refuses_what_the_model_cannot_hold(body: str, line: int, problem: str) -> None:
    text = "---\ntitle: T\nlang: en\neffective: 2020-01-01\n---\n\n# T\n\n" + body
    with pytest.raises(MarkdownError) as err:
        read_notice(text, "x.md")
    assert (
        err.value.line == line and problem in str(err.value) and str(err.value).startswith(f"x.md:{line}: ")
    )


NOTICE = """---
title: T
lang: en
effective: {date}
---

# T

Intro.

## Keep {{#keep}}

Same words here.

## Change {{#change}}

{change}

## {gone}
"""


def test_redline_by_section_id_and_word() -> None:
    old = read_notice(
        NOTICE.format(date="2020-01-01", change="We keep data for three years.", gone="Gone {#gone}")
    )
    new = read_notice(
        NOTICE.format(date="2021-01-01", change="We keep data for two years.", gone="New {#new}")
    )
    change = redline.compare(old, new)
    statuses = {s.id: s.status for s in change.sections}
    assert statuses == {
        "": "unchanged",
        "keep": "unchanged",
        "change": "changed",
        "gone": "removed",
        "new": "added",
    }
    runs = next(s for s in change.sections if s.id == "change").lines[0].runs
    assert [(r.op, r.text) for r in runs] == [
        ("equal", "We keep data for"),
        ("delete", "three"),
        ("insert", "two"),
        ("equal", "years."),
    ]
    order = [s.id for s in change.sections]
    assert order.index("gone") < order.index("new")  # a removed section stays where it was


def test_redline_shows_a_changed_link_target() -> None:
    old = redline.words((Span("see "), Span("here", "https://a.test")))
    new = redline.words((Span("see "), Span("here", "https://b.test")))
    runs = redline.diff_words(old, new)
    assert [(r.op, r.href) for r in runs] == [
        ("equal", None),
        ("delete", "https://a.test"),
        ("insert", "https://b.test"),
    ]


def test_versions_problems_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "versions.yml"
    path.write_text(
        "versions:\n  - version: '2'\n    effective: 2020-01-01\n    summary: {sv: a}\n"
        "  - version: '1'\n    effective: 2020-01-01\n    summary: {sv: b, en: c}\n",
        encoding="utf-8",
    )
    problems = [str(p) for p in versions.check_versions(path, ["sv", "en"])]
    assert problems == [
        f"{path}:4: version 2 (2020-01-01): summary missing for en (legal writes one per language)",
        f"{path}:5: two versions have the same effective date 2020-01-01 (lines 2 and 5)",
    ]


def test_release_adds_the_entry_above_the_others_keeping_comments() -> None:
    text = "# legal's notes\nversions:  # newest first\n  # 1.0 was the first\n  - version: '1.0'\n"
    out = release.add_version(text, lambda indent: f'{indent}- version: "2.0"\n', Path("v.yml"))
    assert out == text.replace("  - version: '1.0'", "  - version: \"2.0\"\n  - version: '1.0'")
    assert release.add_version("versions: []\n", lambda i: f"{i}- x\n", Path("v.yml")) == "versions:\n  - x\n"


def test_page_roles_and_relative_links() -> None:
    langs, slugs = ("sv", "en"), ("privacy", "cookies")
    assert archive.page_role("en/cookies/2019-12-13/compare.md", langs, slugs) == archive.PageRole(
        "compare", "en", dt.date(2019, 12, 13), "cookies"
    )
    assert archive.page_role("sv/privacy/index.md", langs, slugs) == archive.PageRole("current", "sv", None, "privacy")
    assert archive.page_role("sv/index.md", langs, slugs) is None  # the language's home page
    assert archive.page_role("sv/privacy/changelog.md", langs, slugs) is None
    assert archive.page_role("sv/terms/index.md", langs, slugs) is None  # not a configured notice
    assert relative("en/", "en/2019-12-13/") == "../"
    assert relative("2019-12-13/notice-sv-2019-12-13.pdf", "") == "2019-12-13/notice-sv-2019-12-13.pdf"
    assert relative("en/changelog/", "en/2019-12-13/compare/") == "../../changelog/"


def test_nested_list_for_the_pdf_and_translated_page_counter() -> None:
    items = tuple(ListItem((Span(t),), level) for t, level in (("a", 0), ("b", 1), ("c", 1), ("d", 0)))
    tree = typeset.nest(ListBlock(items))
    assert [(n.item.text, [c.item.text for c in n.children]) for n in tree] == [("a", ["b", "c"]), ("d", [])]
    assert typeset.page_counter("Sida %(page)s av %(pages)s") == '"Sida " counter(page) " av " counter(pages)'


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "notice.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
