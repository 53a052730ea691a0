"""Two versions of a text compared line by line (the standard library's ``difflib``): the lines a
coordinator reads in a diff, and the steps a learner is told of ("Call 555-0100 → Call 555-0199").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from itertools import zip_longest

__all__ = ["DiffLine", "line_diff", "changed_steps", "CONTEXT_LINES"]

CONTEXT_LINES = 3  # unchanged lines shown around each change, as ``diff -u`` does
# What Markdown puts before a step's words: a heading's #, a list's marker, a quote's >.
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?:\[[ xX]\]\s+)?|\d{1,3}[.)]\s+)*")


@dataclass(frozen=True)
class DiffLine:
    """One line of a diff: ``kind`` is "same", "removed", "added", or "gap" (unchanged lines left
    out between two changes); its number in the old and in the new text (None where it has none)."""

    kind: str
    old_number: int | None
    new_number: int | None
    text: str


def _lines(text: str) -> list[str]:
    return text.splitlines()


def line_diff(old: str, new: str, context: int = CONTEXT_LINES) -> list[DiffLine]:
    """The changed lines of ``old`` → ``new`` with ``context`` unchanged lines around each change;
    empty when the texts have the same lines."""
    a, b = _lines(old), _lines(new)
    found: list[DiffLine] = []
    groups = list(difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context))
    for n, group in enumerate(groups):
        if n:
            found.append(DiffLine("gap", None, None, ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                found += [DiffLine("same", i + 1, j1 + (i - i1) + 1, a[i]) for i in range(i1, i2)]
                continue
            found += [DiffLine("removed", i + 1, None, a[i]) for i in range(i1, i2)]
            found += [DiffLine("added", None, j + 1, b[j]) for j in range(j1, j2)]
    return found


def _words(line: str) -> str:
    """A line as the page reads it: without its Markdown marker and extra spaces."""
    return " ".join(_MARKUP.sub("", line).split())


def changed_steps(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """The lines that changed, in the page's words, each as ``(old, new)``: a line replaced pairs
    with its replacement, a line added has ``""`` as its old, a line removed ``""`` as its new.
    Blank lines and a change of markup only (a list renumbered, a line re-indented) are left out."""
    a = [w for w in map(_words, _lines(old)) if w]
    b = [w for w in map(_words, _lines(new)) if w]
    steps: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            steps += [(was or "", now or "") for was, now in zip_longest(a[i1:i2], b[j1:j2])]
    return tuple(steps)
