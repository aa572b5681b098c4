"""Export: a published version (``archive.Published``, its ``Notice`` from the typed model) in;
the JSON document of ``schemas/notice.schema.json`` out, validated before anything is written.

``notice release`` makes each document once (see freeze.py); one that does not fit the schema is
refused there, naming the Markdown file and line that produced the offending part, with the JSON
path and the schema's complaint. The build only checks the released bytes.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jsonschema

from notice.document import Problem
from notice.errors import NoticeError
from notice.model import Block, Cell, ListBlock, Notice, Paragraph, Span, Table
from notice.versions.archive import Published, export_url, version_url, with_absolute_links

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schemas" / "notice.schema.json"
SCHEMA_URL = "schemas/notice.schema.json"  # where the site publishes it, below the site root
#: 2: made once at release and never again, so it holds nothing that changes later (no longer
#: 'current', 'effective_until' or 'urls.compare': the change log and the feed say those).
SCHEMA_VERSION = 2

Json = dict[str, Any]


@dataclass(frozen=True)
class Urls:
    """Absolute addresses of one language's root and of the site root (for the schema)."""

    site: str  # https://notices.example.org/
    language: str  # the notice's root: https://notices.example.org/en/privacy/


@functools.lru_cache(maxsize=4)
def load_schema(path: Path = SCHEMA_PATH) -> Json:
    try:
        schema: Json = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise NoticeError(f"{path}: cannot read the JSON Schema ({err})") from None
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


# ---------------------------------------------------------------- the model as JSON


def span_json(span: Span) -> Json:
    out: Json = {"text": span.text}
    if span.href is not None:
        out["href"] = span.href
    if span.bold:
        out["bold"] = True
    return out


def cell_json(cell: Cell) -> Json:
    return {"text": cell.text, "blocks": [block_json(b) for b in cell.blocks]}


def block_json(block: Block) -> Json:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": block.text, "spans": [span_json(s) for s in block.spans]}
    if isinstance(block, ListBlock):
        items = []
        for item in block.items:
            entry: Json = {
                "level": item.level,
                "text": item.text,
                "spans": [span_json(s) for s in item.spans],
            }
            if block.ordered and item.number is not None:
                entry["number"] = item.number
            items.append(entry)
        return {"type": "list", "ordered": block.ordered, "items": items}
    assert isinstance(block, Table)
    return {
        "type": "table",
        "header": [cell_json(c) for c in block.header] if block.header is not None else None,
        "rows": [[cell_json(c) for c in row] for row in block.rows],
    }


def spans_in(block: Block) -> list[Span]:
    if isinstance(block, Paragraph):
        return list(block.spans)
    if isinstance(block, ListBlock):
        return [s for item in block.items for s in item.spans]
    rows = ([block.header] if block.header is not None else []) + list(block.rows)
    return [s for row in rows for cell in row for b in cell.blocks for s in spans_in(b)]


def links_json(blocks: tuple[Block, ...]) -> list[Json]:
    return [
        {"text": s.text.strip(), "href": s.href}
        for b in blocks
        for s in spans_in(b)
        if s.href and s.text.strip()
    ]


def notice_json(item: Published, urls: Urls, markdown_file: str, source_lang: str = "") -> Json:
    """The JSON document of one version in one language, as it is released (see freeze.py). A part
    not translated yet carries ``lang``: the source language it is still in (never passed off as
    this language)."""
    notice: Notice = with_absolute_links(item.notice, urls.language)
    shown_in = {part: source_lang for part in notice.untranslated} if source_lang else {}
    page = urljoin(urls.language, version_url(item.date))
    links: Json = {
        "page": page,
        "current": urls.language,
        "pdf": urljoin(urls.language, export_url(item.lang, item.date, "pdf")),
        "json": urljoin(urls.language, export_url(item.lang, item.date, "json")),
    }
    return {
        "$schema": urljoin(urls.site, SCHEMA_URL),
        "schema_version": SCHEMA_VERSION,
        "title": notice.title,
        "lang": notice.lang,
        "version": item.version.version,
        "effective": item.date.isoformat(),
        "effective_label": notice.effective_label,
        "urls": links,
        "source": {"file": notice.source, "sha256": notice.source_sha256},
        "markdown": {"file": markdown_file, "sha256": item.sha256},
        "preamble": {
            "blocks": [block_json(b) for b in notice.preamble],
            "links": links_json(notice.preamble),
            **({"lang": shown_in["preamble"]} if "preamble" in shown_in else {}),
        },
        "sections": [
            {
                "id": s.id,
                "level": s.level,
                "heading": s.heading,
                "blocks": [block_json(b) for b in s.blocks],
                "links": links_json(s.blocks),
                **({"lang": shown_in[s.id]} if s.id in shown_in else {}),
            }
            for s in notice.sections
        ],
    }


# ---------------------------------------------------------------- validation


def _line_of(item: Published, path: list[str | int]) -> int:
    """The Markdown line behind a JSON path: the section's, or the block's inside it."""
    notice = item.notice
    if (
        len(path) >= 2
        and path[0] == "sections"
        and isinstance(path[1], int)
        and path[1] < len(notice.sections)
    ):
        section = notice.sections[path[1]]
        if (
            len(path) >= 4
            and path[2] == "blocks"
            and isinstance(path[3], int)
            and path[3] < len(section.blocks)
        ):
            source = section.blocks[path[3]].source
            if source is not None:
                return source.line
        return section.source.line if section.source else 1
    if len(path) >= 3 and path[0] == "preamble" and path[1] == "blocks" and isinstance(path[2], int):
        if path[2] < len(notice.preamble) and notice.preamble[path[2]].source is not None:
            return notice.preamble[path[2]].source.line  # type: ignore[union-attr]
    return 1


def validate(document: Json, item: Published, schema_path: Path = SCHEMA_PATH) -> list[Problem]:
    """Every way ``document`` fails the schema, each at the Markdown line that produced it."""
    validator = jsonschema.Draft202012Validator(load_schema(schema_path))
    problems = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        path = list(error.absolute_path)
        where = "/".join(map(str, path)) or "(document)"
        problems.append(
            Problem(
                str(item.path),
                _line_of(item, path),
                f"the JSON export does not fit {schema_path.name} at {where}: {error.message}",
            )
        )
    return problems


def dumps(document: Json) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
