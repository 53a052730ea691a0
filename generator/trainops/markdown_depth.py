"""How deep Markdown nests: Python-Markdown renders nested lists and quotes recursively, and a
few hundred levels (an accident of copy and paste, or a hostile file) end in RecursionError
or minutes of work. Deeper than any real document is a diagnostic, before anything renders."""

from __future__ import annotations

import re

from .diagnostics import Diagnostic

__all__ = ["MAX_MARKDOWN_DEPTH", "check_markdown_depth"]

MAX_MARKDOWN_DEPTH = 64
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_QUOTES = re.compile(r"^[ \t]*((?:>[ \t]?)+)")


def _depth(line: str) -> int:
    """List levels (four columns of indentation each) plus quote levels ('>') at the line's start."""
    quotes = _QUOTES.match(line)
    markers = quotes.group(1).count(">") if quotes else 0
    rest = line[quotes.end() :] if quotes else line
    indent = len(rest.expandtabs(4)) - len(rest.expandtabs(4).lstrip(" "))
    return markers + indent // 4


def check_markdown_depth(text: str, path: str, first_line: int = 1) -> list[Diagnostic]:
    """An error at the first line nested deeper than :data:`MAX_MARKDOWN_DEPTH` (fenced code aside)."""
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=first_line):
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        if line.strip() and _depth(line) > MAX_MARKDOWN_DEPTH:
            return [
                Diagnostic(
                    path,
                    number,
                    1,
                    "error",
                    "markdown-depth",
                    f"this line is nested {_depth(line)} levels deep (lists or quotes); "
                    f"Markdown deeper than {MAX_MARKDOWN_DEPTH} levels cannot be printed or shown: flatten it",
                )
            ]
    return []
