"""Markdown nested deeper than any document: a diagnostic, never a RecursionError or a hang."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_error_goldens import BASE, write_project  # noqa: E402

from trainops.loading import load_project  # noqa: E402
from trainops.markdown_depth import MAX_MARKDOWN_DEPTH, check_markdown_depth  # noqa: E402


def _list(depth: int, indent: str = "    ") -> str:
    return "".join(indent * i + "- item\n" for i in range(depth))


def test_a_deep_list_and_deep_quotes_are_errors_at_their_line():
    [problem] = check_markdown_depth("# T\n\n" + _list(300), "sops/x.md", first_line=7)
    assert (problem.line, problem.rule, problem.severity) == (9 + MAX_MARKDOWN_DEPTH + 1, "markdown-depth", "error")
    [quotes] = check_markdown_depth("> " * 100 + "deep\n", "content/q.md")
    assert quotes.line == 1


def test_ordinary_nesting_and_fenced_code_pass():
    assert check_markdown_depth(_list(10) + _list(40, "\t"), "a.md") == []  # a tab counts as four columns
    assert check_markdown_depth(_list(MAX_MARKDOWN_DEPTH + 1), "a.md") == []
    fenced = "```yaml\n" + " " * 400 + "deep: in code\n```\n"
    assert check_markdown_depth(fenced, "a.md") == []


def test_an_sop_with_a_300_deep_list_is_reported_when_loading(tmp_path: Path):
    sop = BASE["sops/cohort-setup.md"] + "\n" + _list(300)
    root = write_project(tmp_path, {"sops/cohort-setup.md": sop})
    _, diagnostics = load_project(root)
    assert [d.rule for d in diagnostics if d.severity == "error"] == ["markdown-depth"]

