"""The blocks of HTML a template marks go in after Markdown: lifted out to numbered slots, put back
in one pass, and a page whose marks are missing or unmatched is left to Markdown as it is."""

from __future__ import annotations

import markdown

from trainops.render.after_markdown import END, START, UNSEARCHED, HtmlAfterMarkdown, lift, marked, put_back, unmarked

PAGE = (
    "# Title\n\n"
    + marked('<div class="a">\n<p>one</p>\n</div>')
    + "\n\n## Second\n\n"
    + marked('<div class="b">\n<table><tr><td>*not emphasis*</td></tr></table>\n</div>')
    + "\n"
)


def test_each_marked_block_is_a_slot_and_comes_back_where_it_was():
    text, blocks = lift(PAGE)
    assert text == "# Title\n\n<!-- trainops:html 0 -->\n\n## Second\n\n<!-- trainops:html 1 -->\n"
    assert blocks == (
        '<div class="a">\n<p>one</p>\n</div>',
        '<div class="b">\n<table><tr><td>*not emphasis*</td></tr></table>\n</div>',
    )
    assert put_back(text, blocks) == unmarked(PAGE)
    assert START not in unmarked(PAGE) and END not in unmarked(PAGE)


def test_markdown_converts_the_lifted_page_to_the_same_html():
    """What the build relies on: Markdown passes a whole HTML block through as it is, so converting
    the page with its blocks at slots and putting them back is converting the page."""
    extensions = ["toc", "attr_list", "md_in_html", "tables"]
    whole = markdown.markdown(unmarked(PAGE), extensions=extensions)
    text, blocks = lift(PAGE)
    assert put_back(markdown.markdown(text, extensions=extensions), blocks) == whole
    assert '<h2 id="second">Second</h2>' in whole and "*not emphasis*" in whole


def test_a_page_without_marks_or_with_an_unmatched_one_is_left_to_markdown():
    assert lift("# Plain\n\n<div>x</div>\n") == ("# Plain\n\n<div>x</div>\n", ())
    open_only = "# T\n\n" + START + "<div>x</div>\n"
    assert lift(open_only) == (open_only, ())
    # (a slot with no block, as a template override might leave, stays as Markdown passed it)
    assert put_back("<!-- trainops:html 3 -->", ("a",)) == "<!-- trainops:html 3 -->"


def test_a_block_that_holds_a_slot_like_comment_is_put_back_as_it_is():
    block = "<div><!-- trainops:html 0 --></div>"
    text, blocks = lift(marked(block))
    assert put_back(text, blocks) == block


def test_the_plugins_keeper_holds_a_pages_blocks_until_its_html_is_made():
    keeper = HtmlAfterMarkdown()
    text = keeper.lift("a.md", PAGE)
    assert "<div" not in text and keeper.lift("b.md", "# B\n") == "# B\n"
    assert keeper.put_back("a.md", markdown.markdown(text)).count("<div") == 2
    assert keeper.put_back("a.md", "<!-- trainops:html 0 -->") == "<!-- trainops:html 0 -->"  # (given once)
    assert keeper.put_back("b.md", "<h1>B</h1>") == "<h1>B</h1>"


def test_a_page_out_of_the_search_index_gets_its_blocks_after_the_theme():
    keeper = HtmlAfterMarkdown()
    text = keeper.lift("rows.md", PAGE, searched=False, after_theme=True)
    converted = markdown.markdown(text)
    assert keeper.put_back("rows.md", converted) == converted  # (not after Markdown)
    themed = f"<html><body><article>{converted}</article></body></html>"
    made = keeper.put_back_after_theme("rows.md", themed)
    assert made.count("<div") == 2 and "trainops:html" not in made
    assert keeper.put_back_after_theme("rows.md", themed) == themed  # (given once)
    # a conversion lifted again after one that failed: the blocks of the last lift only
    keeper.lift("rows.md", PAGE, searched=False, after_theme=True)
    keeper.lift("rows.md", PAGE, searched=False)  # (a preview's: all after Markdown)
    assert keeper.put_back_after_theme("rows.md", themed) == themed
    assert keeper.put_back("rows.md", converted).count("<div") == 2


def test_a_block_marked_unsearched_goes_in_after_the_theme_and_the_rest_after_markdown():
    page = f"# Checklist\n\n{marked('<p>fix</p>')}\n\n## Follow up\n\n{marked('<p>n01 missed</p>', searched=False)}\n"
    assert UNSEARCHED not in unmarked(page) and "<p>n01 missed</p>" in unmarked(page)
    keeper = HtmlAfterMarkdown()
    converted = markdown.markdown(keeper.lift("c.md", page, after_theme=True))
    after_markdown = keeper.put_back("c.md", converted)
    assert "<p>fix</p>" in after_markdown and "missed" not in after_markdown  # (what the search plugin sees)
    made = keeper.put_back_after_theme("c.md", f"<main>{after_markdown}</main>")
    assert "<p>n01 missed</p>" in made and "trainops:" not in made
    # a preview's: both after Markdown, the mark left out
    converted = markdown.markdown(keeper.lift("c.md", page))
    assert keeper.put_back("c.md", converted) == markdown.markdown(unmarked(page))


def test_blocks_for_after_the_theme_wait_in_a_file_that_goes_when_none_waits():
    """MkDocs converts every page before the theme makes any: their learners' rows wait on disk,
    each given back as it was (any character, a lone surrogate a YAML escape made included)."""
    keeper = HtmlAfterMarkdown()
    rows = [f"<table><tr><td>{name}</td></tr></table>" for name in ("Zoë — 東京", "\ud800 alone", "plain")]
    pages = {f"p{n}.md": f"# Page {n}\n\n{marked(row)}\n" for n, row in enumerate(rows)}
    converted = {
        page: markdown.markdown(keeper.lift(page, text, searched=False, after_theme=True))
        for page, text in pages.items()
    }
    assert not any("<table>" in html for html in converted.values())
    assert keeper._waiting is not None and keeper._waiting.tell() > 0  # (on disk, not in memory)
    for (page, html), row in zip(converted.items(), rows, strict=True):
        assert keeper._waiting is not None
        made = keeper.put_back_after_theme(page, html)
        assert made == html.replace("<!-- trainops:html 0 -->", row)
    assert keeper._waiting is None  # (closed, and so gone: nothing waits)
