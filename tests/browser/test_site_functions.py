"""The pure functions behind the browser-visible behaviour, on small inputs: described tables,
the contents list, absolute hreflang addresses and the checks on what an edit may introduce."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from notice.site import site

TABLE = (
    "<table>\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n</tr>\n</thead>\n"
    "<tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody>\n</table>"
)


def render(template: str, **context: Any) -> str:
    assert template == "partials/notice-table.html"
    return f'<div id-for="{context["id"]}"><caption>{context["caption"]}</caption>{context["body"]}</div>'


def test_short_introducing_paragraph_becomes_the_caption() -> None:
    html = site.accessible_tables(f"<p>Våra <em>tjänster</em>:</p>\n{TABLE}", render, "Tabell %(number)s")
    assert "<p>" not in html and "<caption>Våra <em>tjänster</em>:</caption>" in html
    assert html.count('<th scope="col">') == 2 and 'id-for="notice-table-1"' in html


def test_long_paragraph_stays_and_the_caption_is_the_localized_fallback() -> None:
    long = "ord " * 80
    html = site.accessible_tables(f"<p>{long}</p>\n{TABLE}\n<p>x</p>\n{TABLE}", render, "Tabell %(number)s")
    assert f"<p>{long}</p>" in html
    assert "<caption>Tabell 1</caption>" in html and "<caption>x</caption>" in html
    assert 'id-for="notice-table-2"' in html


def test_existing_scope_is_kept() -> None:
    html = site.accessible_tables(TABLE.replace("<th>A", '<th scope="row">A'), render, "T %(number)s")
    assert '<th scope="row">A' in html and html.count("scope=") == 2


@dataclass
class Link:
    id: str
    title: str
    level: int
    children: list[Link] = field(default_factory=list)


def test_contents_are_the_sections_under_the_title() -> None:
    toc = [Link("top", "Title", 1, [Link("a", "A", 2, [Link("a1", "A1", 3)]), Link("b", "B", 2)])]
    entries = site.contents(toc)
    assert [(e.id, [c.id for c in e.children]) for e in entries] == [("a", ["a1"]), ("b", [])]
    assert site.contents([Link("a", "A", 2)]) == (site.Entry("a", "A"),)


def test_absolute_url() -> None:
    assert site.absolute_url("https://x.org/", "/en/") == "https://x.org/en/"
    assert site.absolute_url("https://x.org/notices", "en/changelog/") == "https://x.org/notices/en/changelog/"


def test_markup_problems() -> None:
    assert site.markup_problems('<img alt="Karta" src="k.png">' + TABLE) == []
    problems = site.markup_problems('<img alt="" src="k.png"><img src="m.png">'
                                    "<table><thead><tr><th>City</th><th></th></tr></thead></table>")
    assert [p.split(":")[0] for p in problems] == ["image-alt", "image-alt", "table-header"]
    assert "'m.png'" in problems[1]
    assert site.markup_problems("<table><thead><tr><th></th><th></th></tr></thead></table>") == []  # no header


MERGED = (
    "<table>\n<thead>\n<tr>\n<th>Category</th>\n<th>Data</th>\n</tr>\n</thead>\n<tbody>\n"
    "<tr>\n<td>Identifiers</td>\n<td>name</td>\n</tr>\n"
    "<tr>\n<td></td>\n<td>e-mail</td>\n</tr>\n"
    "<tr>\n<td>Inferences</td>\n<td>aptitudes</td>\n</tr>\n"
    "</tbody>\n</table>"
)


def test_cells_merged_down_the_first_column_head_their_rows() -> None:
    """The PDF merged 'Identifiers' over two rows; the Markdown leaves the second cell empty. Each
    group becomes a tbody headed by a row-group header, so every row is announced with its category."""
    html = site.accessible_tables(MERGED, render, "T %(number)s")
    assert html.count("<tbody>") == 2
    assert '<th scope="rowgroup" rowspan="2">Identifiers</th>' in html
    assert '<th scope="rowgroup">Inferences</th>' in html
    assert "<td></td>" not in html and "<td>e-mail</td>" in html


def test_a_table_without_merged_cells_keeps_its_rows() -> None:
    assert "rowgroup" not in site.accessible_tables(TABLE, render, "T %(number)s")
    first_blank = MERGED.replace("<td>Identifiers</td>", "<td></td>")
    assert "rowgroup" not in site.accessible_tables(first_blank, render, "T %(number)s")


GRID = (
    "<table>\n<thead>\n<tr>\n<th></th>\n<th></th>\n</tr>\n</thead>\n<tbody>\n"
    "<tr>\n<td><strong>Staffing</strong><br>People for every need.</td>\n<td>Search</td>\n</tr>\n"
    "</tbody>\n</table>"
)


def test_an_empty_header_row_is_a_table_without_one() -> None:
    """A layout grid has no header row; the Markdown's empty one must not become blank column headers."""
    html = site.accessible_tables(GRID, render, "T %(number)s")
    assert "<thead>" not in html and "<th" not in html.replace("<th scope=\"rowgroup\"", "")
    assert "<td><strong>Staffing</strong><br>People for every need.</td>" in html
    assert "<thead>" in site.accessible_tables(TABLE, render, "T %(number)s")


def test_list_items_in_a_cell_become_a_list() -> None:
    cell = "<td>Same as above.<br>- To run our services.<br>- To <a href=\"#x\">comply</a> with law.</td>"
    html = site.accessible_tables(TABLE.replace("<td>1</td>", cell), render, "T %(number)s")
    assert "<td>Same as above.<ul><li>To run our services.</li><li>To <a href=\"#x\">comply</a> with law.</li></ul></td>" in html
    assert site.cell_lists("2. b<br>3. c") == '<ol start="2"><li>b</li><li>c</li></ol>'
    assert site.cell_lists("Tel. 1<br>-5 °C") == "Tel. 1<br>-5 °C"  # no marker and space: not items
