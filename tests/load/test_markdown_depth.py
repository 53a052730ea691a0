"""Markdown nested deeper than any document: a diagnostic, never a RecursionError or a hang."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.base_project import BASE, write_project
from trainops.load.loading import load_project
from trainops.load.markdown_depth import MAX_MARKDOWN_DEPTH, check_markdown_depth


def _list(depth: int, indent: str = "    ") -> str:
    return "".join(indent * i + "- item\n" for i in range(depth))


def test_a_deep_list_and_deep_quotes_are_errors_at_their_line():
    [problem] = check_markdown_depth("# T\n\n" + _list(300), "sops/x.md", first_line=7)
    # The list starts on line 9; its item at depth 65 (one marker, 64 steps of indentation) is the first too deep.
    assert (problem.line, problem.rule, problem.severity) == (9 + MAX_MARKDOWN_DEPTH, "markdown-depth", "error")
    [quotes] = check_markdown_depth("> " * 100 + "deep\n", "content/q.md")
    assert quotes.line == 1


def test_ordinary_nesting_and_fenced_code_pass():
    assert check_markdown_depth(_list(10) + _list(40, "\t"), "a.md") == []  # a tab counts as four columns
    assert check_markdown_depth(_list(MAX_MARKDOWN_DEPTH), "a.md") == []
    assert len(check_markdown_depth(_list(MAX_MARKDOWN_DEPTH + 1), "a.md")) == 1
    fenced = "```yaml\n" + " " * 400 + "deep: in code\n```\n"
    assert check_markdown_depth(fenced, "a.md") == []


def test_an_sop_with_a_300_deep_list_is_reported_when_loading(tmp_path: Path):
    sop = BASE["sops/cohort-setup.md"] + "\n" + _list(300)
    root = write_project(tmp_path, {"sops/cohort-setup.md": sop})
    _, diagnostics = load_project(root)
    assert [d.rule for d in diagnostics if d.severity == "error"] == ["markdown-depth"]


@pytest.mark.parametrize(
    "line",
    [
        "> - " * 300 + "deep",  # the reviewer's line: a quote and a list item, 300 times over
        "- " * 100 + "deep",
        "* + " * 50 + "deep",
        "1. " * 100 + "deep",
        "1) " * 100 + "deep",
        "> 1. - * + " * 20 + "deep",
        ">" * 100 + " deep",  # quotes need no space between them
        ">  -   1.    " * 30 + "deep",  # any spacing
        "\t- >\t" * 40 + "deep",
        "    " * 30 + "> - " * 20 + "deep",  # indentation and markers add up
    ],
)
def test_container_markers_in_any_mix_count_on_one_line(line: str):
    [problem] = check_markdown_depth("# T\n\n" + line + "\n", "a.md")
    assert (problem.line, problem.rule) == (3, "markdown-depth")


def test_a_mix_just_under_the_limit_passes_and_one_more_marker_does_not():
    line = "> - " * (MAX_MARKDOWN_DEPTH // 2) + "deep"
    assert check_markdown_depth(line, "a.md") == []
    assert len(check_markdown_depth("- " + line, "a.md")) == 1


def test_what_is_no_container_is_not_counted():
    lines = [
        "- " * 100,  # a thematic break written with spaces, not 100 empty lists
        "* " * 100,
        "> " * 10 + "- - -",  # a break inside quotes
        "-" * 300,
        "*emphasis* and -5 degrees, +3, 2026.10 and 1.5 hours",
        "1.5 " * 100,
    ]
    text = "\n".join(lines) + "\n"
    assert check_markdown_depth(text, "a.md") == []


def test_a_normal_document_passes():
    nested = "".join("    " * i + f"{i + 1}. step\n" + "    " * (i + 1) + "continued\n" for i in range(10))
    table = "| a | b |\n|---|---|\n| 1 | 2 |\n"
    code = "```python\n" + "".join(" " * (4 * i) + "- x\n" for i in range(80)) + "```\n"
    quote = "> Note\n>\n> - a\n>     - b\n>         - c\n"
    assert check_markdown_depth("# SOP\n\n" + nested + "\n" + table + "\n" + code + "\n" + quote, "a.md") == []


@pytest.mark.parametrize(
    "fence, closing",
    [
        (" ```", " ```"),  # indented: fenced_code does not take it, the lines are Markdown
        ("```", "````"),  # a longer closing fence does not close it for fenced_code
        ("```", "~~~"),
        ("```python extra words", "```"),  # not an opening line fenced_code reads
        ("> ```", "> ```"),  # inside a quote
        ("```", None),  # never closed
    ],
)
def test_only_fences_markdown_honours_hide_their_lines(fence: str, closing: str | None):
    text = fence + "\n" + "> - " * 300 + "deep\n" + (closing + "\n" if closing else "")
    [problem] = check_markdown_depth(text, "a.md")
    assert problem.line == 2


def test_fences_markdown_honours_hide_their_lines():
    deep = "> - " * 300 + "deep\n"
    for fence, closing in [
        ("```", "```"),
        ("~~~", "~~~"),
        ("````", "````"),
        ("```yaml", "```"),
        ("``` {.yaml}", "```"),
        ('```python hl_lines="1 2"', "```"),
    ]:
        assert check_markdown_depth(fence + "\n" + deep + closing + "\n", "a.md") == [], fence
    # a fence shows nothing after it is closed
    [problem] = check_markdown_depth("```\nx\n```\n" + deep, "a.md")
    assert problem.line == 4


def test_a_lone_carriage_return_starts_a_line():
    [problem] = check_markdown_depth("text\r" + "> - " * 300 + "deep\n", "a.md")
    assert problem.line == 2


def test_the_reviewers_sop_is_reported_when_loading(tmp_path: Path):
    sop = BASE["sops/cohort-setup.md"] + "> - " * 300 + "deep\n"
    root = write_project(tmp_path, {"sops/cohort-setup.md": sop})
    _, diagnostics = load_project(root)
    [problem] = [d for d in diagnostics if d.severity == "error"]
    assert (problem.rule, problem.line) == ("markdown-depth", BASE["sops/cohort-setup.md"].count("\n") + 1)
