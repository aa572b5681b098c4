"""Unit tests for bench/metrics.py on tiny inline Markdown: each metric perfect once and imperfect once."""

from __future__ import annotations

import metrics as m
import pytest

# --- normalisation ------------------------------------------------------------------------------


def test_normalise_text_unifies_dashes_quotes_and_space() -> None:
    assert m.normalise_text("a\u2013b \u201cc\u201d  \u2018d\u2019\n e\u00adf") == "a-b \"c\" 'd' ef"


def test_normalise_text_composes_nfc() -> None:
    assert m.normalise_text("Ka\u0308se") == "K\u00e4se"


def test_inline_to_plain_strips_inline_syntax() -> None:
    text = "**Bold** and _it_ see [the site](https://x.org) or <mailto:a@b.se> a<br>b snake_case"
    assert m.inline_to_plain(text) == "Bold and it see the site or mailto:a@b.se a b snake_case"


def test_markdown_to_words_drops_block_syntax_and_front_matter() -> None:
    md = (
        "---\nlang: de\n---\n## § 1 Name {#name}\n\n- item *one*\n1. first\n\n"
        "| A | B |\n|---|---|\n| x<br>y | z |\n\n---\n"
    )
    assert m.markdown_to_words(md) == [
        "§",
        "1",
        "Name",
        "item",
        "one",
        "1.",
        "first",
        "A",
        "B",
        "x",
        "y",
        "z",
    ]


def test_markdown_to_words_keeps_a_link_that_wraps() -> None:
    assert m.markdown_to_words("see [our\npolicy](https://x.org).") == ["see", "our", "policy."]


# --- parsing ------------------------------------------------------------------------------------


def test_parse_markdown_finds_every_block_kind() -> None:
    md = (
        "# Title {#title}\n\nPara line one\nline two\n\n- a\n  - a.1\n    - a.1.1\n- b\n  lazy\n\n"
        "  loose paragraph of b\n\n| h1 | h2 |\n| --- | :-: |\n| c1 | c\\|2 |\n"
    )
    parsed = m.parse_markdown(md)
    assert parsed.headings == (m.Heading(1, "Title"),)
    assert parsed.paragraphs == (("Para line one", "line two"),)
    assert [(i.level, i.text) for i in parsed.list_items] == [
        (1, "a"),
        (2, "a.1"),
        (3, "a.1.1"),
        (1, "b lazy loose paragraph of b"),
    ]
    assert parsed.tables == ((("h1", "h2"), ("c1", "c\\|2")),)


def test_split_front_matter_reads_keys() -> None:
    meta, body = m.split_front_matter("---\nlang: 'sv'\ntitle: X: Y\n---\nText")
    assert meta == {"lang": "sv", "title": "X: Y"}
    assert body == "Text"


# --- 1. word similarity -------------------------------------------------------------------------


def test_word_similarity_ignores_markup_differences() -> None:
    gold = "## Rights {#rights}\n\nYou may **object** \u2013 see [here](https://x.org).\n"
    pred = "**Rights**\n\nYou may object - see here.\n"
    assert m.word_similarity(gold, pred) == 1.0


def test_word_similarity_is_on_words_not_characters() -> None:
    # one word of four replaced: Indel distance 2 over 8 tokens
    assert m.word_similarity("we keep your data", "we sell your data") == pytest.approx(0.75)


# --- 2. headings --------------------------------------------------------------------------------


def test_heading_scores_compare_levels_relative_to_the_top() -> None:
    gold = m.parse_markdown("# Notice\n## Rights\n## Contact\n").headings
    pred = m.parse_markdown("## **Notice**\n### Rights\n### Contact\n").headings
    scores = m.heading_scores(gold, pred)
    assert scores.prf == m.PRF(1.0, 1.0, 1.0)
    assert scores.level_accuracy == 1.0


def test_heading_scores_imperfect() -> None:
    gold = m.parse_markdown("# Notice\n## Rights\n## Contact us\n").headings
    pred = m.parse_markdown("# Notice\n# Rights\n## Cookies\n").headings  # Rights too high, Contact missing
    scores = m.heading_scores(gold, pred)
    assert (scores.prf.precision, scores.prf.recall) == pytest.approx((2 / 3, 2 / 3))
    assert scores.level_accuracy == 0.5


def test_heading_match_tolerates_a_small_typo_but_not_a_different_heading() -> None:
    gold = [m.Heading(1, "Your rights under the GDPR")]
    assert m.heading_scores(gold, [m.Heading(1, "Your rigths under the GDPR")]).prf.f1 == 1.0
    assert m.heading_scores(gold, [m.Heading(1, "Your duties")]).prf.f1 == 0.0


def test_greedy_match_takes_the_best_pair_first() -> None:
    assert m.greedy_match(["abcdefghij", "abcdefghik"], ["abcdefghik"]) == [(1, 0)]


# --- 3. list items ------------------------------------------------------------------------------


def test_list_item_f1_counts_nested_items() -> None:
    gold = m.parse_markdown("- name\n- contact\n  - email\n  - phone\n").list_items
    pred = m.parse_markdown("* name\n* contact\n    * email\n    * phone\n").list_items
    assert m.list_item_prf(gold, pred).f1 == 1.0


def test_list_item_f1_imperfect() -> None:
    gold = m.parse_markdown("- name\n- contact\n  - email\n  - phone\n").list_items
    pred = m.parse_markdown("- name\n- contact email\n- phone\n").list_items  # nested lost, two merged
    result = m.list_item_prf(gold, pred)
    assert (result.precision, result.recall) == pytest.approx((2 / 3, 2 / 4))


# --- 4. table cells -----------------------------------------------------------------------------


def test_table_cell_f1_reads_br_as_space() -> None:
    gold = m.parse_markdown("| Name | Purpose |\n|---|---|\n| _ga | tells users apart |\n")
    pred = m.parse_markdown("|**Name**|**Purpose**|\n|---|---|\n|_ga|tells users<br>apart|\n")
    assert m.table_cell_prf(gold, pred).f1 == 1.0


def test_a_list_in_a_cell_is_its_items_words_without_their_markers() -> None:
    with_markers = "| Data |\n|---|\n| - Identity data<br>- Contact data<br>1. first |\n"
    without = "| Data |\n|---|\n| Identity data<br>Contact data<br>1. first |\n"
    assert m.markdown_to_words(with_markers) == ["Data", "Identity", "data", "Contact", "data", "1.", "first"]
    assert m.word_similarity(without, with_markers) == 1.0
    assert m.table_cell_prf(m.parse_markdown(without), m.parse_markdown(with_markers)).f1 == 1.0
    assert m.markdown_to_words("| A |\n|---|\n| x - y |\n") == ["A", "x", "-", "y"]  # a dash inside is text


def test_table_cell_f1_imperfect() -> None:
    gold = m.parse_markdown("| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | |\n")
    pred = m.parse_markdown("| A | B |\n|---|---|\n| 1 2 | |\n| 3 | |\n")  # two cells merged
    result = m.table_cell_prf(gold, pred)
    assert (result.precision, result.recall) == pytest.approx((3 / 4, 3 / 5))


def test_no_tables_on_either_side_is_perfect() -> None:
    assert m.table_cell_prf(m.parse_markdown("text"), m.parse_markdown("text")).f1 == 1.0


# --- 5. links -----------------------------------------------------------------------------------


def test_links_in_reads_all_forms() -> None:
    body = "[**Our** site](https://x.org/a_(b)) and <https://y.org> and <dpo@x.org> ![img](p.png)"
    assert m.links_in(body) == [
        m.Link("Our site", "https://x.org/a_(b)"),
        m.Link("https://y.org", "https://y.org/"),
        m.Link("dpo@x.org", "mailto:dpo@x.org"),
    ]


def test_a_web_address_with_an_empty_path_is_the_one_with_a_slash() -> None:
    gold = m.parse_markdown("See [the authority](https://authority.example) or [a page](https://x.org/a).")
    pred = m.parse_markdown("See [the authority](https://authority.example/) or [a page](https://x.org/a/).")
    result = m.link_prf(gold, pred)  # Chromium writes the first with "/"; "/a" and "/a/" stay two addresses
    assert (result.precision, result.recall) == pytest.approx((0.5, 0.5))


def test_link_f1_imperfect() -> None:
    gold = m.parse_markdown("Write to [dpo@x.org](mailto:dpo@x.org) or see [site](https://x.org).")
    pred = m.parse_markdown(
        "Write to dpo@x.org or see [the site](https://x.org)."
    )  # one lost, one wrong text
    assert m.link_prf(gold, pred).f1 == 0.0
    pred = m.parse_markdown("Write to [dpo@x.org](mailto:dpo@x.org) or see site.")
    result = m.link_prf(gold, pred)
    assert (result.precision, result.recall, result.f1) == pytest.approx((1.0, 0.5, 2 / 3))


# --- 6. defect counts ---------------------------------------------------------------------------


def test_count_bullet_glyphs() -> None:
    md = (
        "\uf0b7 one\n- \u2022 two\n\u00a7 Wingdings item\n\u00a7 3 Rechte\n\u2013 dash item\n"
        "**\u25cf bold**\nfine \u2022 inside\n| \u2022 cell |\n"
    )
    assert m.count_bullet_glyphs(md) == 5


def test_count_doubled_markers() -> None:
    items = m.parse_markdown("- \u2022 a\n- - b\n- c\n- \u00a7 d\n- \u00a7 1 e\n- -5 degrees\n").list_items
    assert m.count_doubled_markers(items) == 3


def test_count_hard_breaks() -> None:
    md = "One line\nwrapped here\nand here.\nNew sentence.\n\n- list\n  lazy\n\n# Head\n"
    assert m.count_hard_breaks(m.parse_markdown(md).paragraphs) == 2


def test_count_hard_breaks_ignores_sentence_ends_behind_closers() -> None:
    assert m.count_hard_breaks([("It ends.**", "Next (ok:)", "last")]) == 0


def test_count_furniture() -> None:
    md = (
        "Text\n\n3\n\n**12**\n\nSeite 2 von 3\n\nPage 4 of 9\n\nDatenschutzhinweise 3 / 36\n\n"
        "**47700** Federal Register / Vol. 85\n\nFederal Register / Vol. 85 47701\n\n"
        "See Federal Register / Vol. 85 for details.\n\n1234\n"
    )
    assert m.count_furniture(md) == 5
    assert m.count_furniture(md, ["Federal Register / Vol. 85"]) == 7


# --- one document -------------------------------------------------------------------------------


def test_score_document_perfect() -> None:
    gold = "# T {#t}\n\nSee [x](https://x.org).\n\n- a\n\n| A |\n|---|\n| 1 |\n"
    scores = m.score_document(gold, gold)
    assert all(getattr(scores, name) == 1.0 for name in m.SCORE_FIELDS)
    assert all(getattr(scores, name) == 0 for name in m.COUNT_FIELDS)


def test_score_document_counts_only_defects_beyond_the_gold() -> None:
    gold = "Acme AB\nBox 1\nStockholm\n"  # an address: three lines on purpose
    pred = "Acme AB\nBox 1\nStockholm\n\nWe keep\nyour data.\n\n2\n\n\u2022 item\n"
    scores = m.score_document(gold, pred, running_heads=["Acme AB"])
    assert (scores.hard_breaks, scores.furniture, scores.bullet_glyphs) == (1, 1, 1)
    assert scores.word_similarity < 1.0


def test_prf_edge_cases() -> None:
    assert m.prf(0, 0, 0) == m.PRF(1.0, 1.0, 1.0)
    assert m.prf(0, 2, 0) == m.PRF(0.0, 0.0, 0.0)
    assert m.prf(0, 0, 2) == m.PRF(0.0, 0.0, 0.0)
