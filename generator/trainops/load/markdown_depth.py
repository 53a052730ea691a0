"""How deep Markdown nests: Python-Markdown renders nested lists and quotes recursively, and a
few hundred levels (an accident of copy and paste, or a hostile file) end in RecursionError
or minutes of work. Deeper than any real document is a diagnostic, before anything renders.

One line can open many containers: ``> - > - 1. deep`` is six levels (quotes and list items
nest on the same line), and so is a list nested by indentation, one marker per line. A line's
depth is therefore every container marker at its start (``>``, ``-``, ``*``, ``+``, ``1.``,
``1)``) plus its indentation in steps of four columns. Fenced code is left out, but only a fence
Python-Markdown's ``fenced_code`` (built into MkDocs, used for manuals) reads as one: at the
start of the line, closed by the same fence; anything else is parsed as Markdown, so it counts.
"""

from __future__ import annotations

import bisect
import re

from ..model.diagnostics import Diagnostic

__all__ = ["MAX_MARKDOWN_DEPTH", "check_markdown_depth"]

MAX_MARKDOWN_DEPTH = 64
# fenced_code's own opening line: the fence, then an optional {attrs} or .lang and hl_lines="…".
_OPENING = re.compile(
    r"(?P<fence>~{3,}|`{3,})[ ]*(?:\{[^\n]*\}|(?:\.?[\w#.+-]*[ ]*)?(?:hl_lines=(?P<q>\"|').*?(?P=q)[ ]*)?)$"
)
_CLOSING = re.compile(r"(~{3,}|`{3,})[ ]*$")
_ORDERED = re.compile(r"\d+[.)](?= |$)")
# A thematic break ('- - -', '***'), which is not a list: Python-Markdown's own rule.
_BREAK = re.compile(r"(?=(?P<g>(?:-+[ ]{0,2}){3,}|(?:_+[ ]{0,2}){3,}|(?:\*+[ ]{0,2}){3,}))(?P=g)[ ]*$")


def _depth(line: str) -> int:
    """Container markers at the line's start plus its indentation (four columns a level)."""
    if "\t" in line:
        line = line.expandtabs(4)  # as Python-Markdown does before anything else
    end = len(line)
    pos = markers = columns = 0
    while True:
        start = pos
        while pos < end and line[pos] == " ":
            pos += 1
        # The one space after a marker belongs to it; any more is indentation.
        columns += pos - start - (1 if markers and pos > start else 0)
        if pos >= end:
            break
        char = line[pos]
        if char == ">":
            pos += 1
        elif char in "-*+" and (pos + 1 == end or line[pos + 1] == " "):
            if char != "+" and _BREAK.match(line, pos):
                break
            pos += 1
        elif (ordered := _ORDERED.match(line, pos)) is not None:
            pos = ordered.end()
        else:
            break
        markers += 1
    return markers + columns // 4


def _lines(text: str) -> list[str]:
    # Python-Markdown reads a lone carriage return as a line end too.
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _fenced_ranges(lines: list[str]) -> dict[int, int]:
    """Opening line index -> closing line index of every block fenced_code takes as code."""
    closings: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line[:3] in ("```", "~~~") and (m := _CLOSING.match(line)):
            closings.setdefault(m.group(1), []).append(i)
    if not closings:
        return {}
    ranges: dict[int, int] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        if line[:3] in ("```", "~~~") and (m := _OPENING.match(line)):
            after = closings.get(m.group("fence"), [])
            k = bisect.bisect_right(after, i)
            if k < len(after):  # without its closing fence it is no fence: the lines are Markdown
                ranges[i] = after[k]
                i = after[k] + 1
                continue
        i += 1
    return ranges


def check_markdown_depth(text: str, path: str, first_line: int = 1) -> list[Diagnostic]:
    """An error at the first line nested deeper than :data:`MAX_MARKDOWN_DEPTH` (fenced code aside)."""
    lines = _lines(text)
    fenced = _fenced_ranges(lines)
    i = 0
    while i < len(lines):
        if i in fenced:
            i = fenced[i] + 1
            continue
        line = lines[i]
        if line.strip() and (depth := _depth(line)) > MAX_MARKDOWN_DEPTH:
            return [
                Diagnostic(
                    path,
                    first_line + i,
                    1,
                    "error",
                    "markdown-depth",
                    f"this line is nested {depth} levels deep (lists or quotes); "
                    f"Markdown deeper than {MAX_MARKDOWN_DEPTH} levels cannot be printed or shown: flatten it",
                )
            ]
        i += 1
    return []
