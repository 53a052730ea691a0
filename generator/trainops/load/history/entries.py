"""A schedule's text cut into its sessions' entries, without parsing it.

Two versions of a 20,000-session schedule differ in a few entries: the entries whose text is the
same in both are the same sessions, so only the others need parsing (a small YAML or CSV
snippet each, see :func:`snippet`). A YAML entry is a top-level item of ``sessions:`` (its lines
from one ``- `` at the list's indent to the next); a CSV entry is a row. Text this cannot cut
safely (flow style, several documents, a ``sessions:`` written otherwise) gives None: the caller
parses the whole version instead.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache

__all__ = ["Entries", "sessions_block", "split_entries", "snippet"]


class Entries:
    """``header``: what is not an entry (the top-level fields; the CSV's header row), and the
    entries' texts, in the order of the file (a YAML entry without its ``<indent>-`` and its last
    line break: :func:`snippet` puts them back)."""

    __slots__ = ("header", "items", "csv", "indent")

    def __init__(self, header: str, items: list[str], is_csv: bool, indent: str = ""):
        self.header, self.items, self.csv, self.indent = header, items, is_csv, indent


@lru_cache(maxsize=4)  # a version is the new one of a pair, then the old one of the next
def split_entries(text: str, is_csv: bool) -> Entries | None:
    return _split_csv(text) if is_csv else _split_yaml(text)


def snippet(entries: Entries, items: list[str]) -> str:
    """A schedule file of ``entries``' header and only ``items``: read it as the whole file's
    reader would read those entries (the top-level ``timezone:`` included)."""
    if entries.csv:
        return entries.header + "".join(items)
    mark = entries.indent + "-"
    return entries.header + "sessions:\n" + "".join(mark + item.rstrip("\n") + "\n" for item in items)


_TOP_LEVEL = re.compile(r"\n[^\s#-]")  # a line starting a top-level key (a literal first: a fast scan)
_KEY = re.compile(r"sessions\s*:[ \t]*(?:#[^\n]*)?(?=\n|$)")
_FIRST_ITEM = re.compile(r"^( *)-(?: |$)", re.M)


def _unsafe(text: str) -> bool:
    """Several documents, or a tab where indentation is read: parse it all."""
    return "\t" in text or text.startswith(("---", "...")) or "\n---" in text or "\n..." in text


def sessions_block(text: str) -> tuple[int, int, int, str] | None:
    """A YAML schedule's ``sessions:`` list: ``(where "sessions:" starts, where its list starts,
    where it ends, the items' indent)``; None when the text is not cut safely."""
    if _unsafe(text):
        return None
    starts = [0] if text.startswith("sessions") else []
    at = text.find("\nsessions")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\nsessions", at + 1)
    keys = [m for m in (_KEY.match(text, i) for i in starts) if m]
    if len(keys) != 1 or len(starts) != 1:
        return None  # none, twice (the reader says so), `sessions: [...]`, or a key that only looks like it
    key = keys[0]
    first = _FIRST_ITEM.search(text, key.end())
    if first is None:
        return None
    end_match = _TOP_LEVEL.search(text, key.end())
    end = end_match.start() + 1 if end_match else len(text)
    between = text[key.end() : first.start()]
    if first.start() > end or any(line.strip() and not line.lstrip().startswith("#") for line in between.splitlines()):
        return None  # something other than comments before the first entry
    return key.start(), first.start(), end, first.group(1)


def _items(block: str, indent: str) -> list[str]:
    """``block`` (from an item's first line) cut before each line ``<indent>-`` + space or line end."""
    marker = "\n" + indent + "-"
    parts = block.split(marker)
    if all(part[:1] in (" ", "\n", "") for part in parts[1:]):
        # Each entry's text but the first's starts after the marker: the same entries give the same
        # texts, which is all a comparison needs; snippet() puts the marker back.
        return [parts[0].removeprefix(indent + "-"), *(part for part in parts[1:] if part)]
    items = [parts[0].removeprefix(indent + "-")]
    for part in parts[1:]:
        if part[:1] in (" ", "\n", ""):
            items.append(part)
        else:
            items[-1] += marker + part  # `<indent>-x`: not an item
    return [item for item in items if item]


def _split_yaml(text: str) -> Entries | None:
    # str methods and literal-first patterns, not a loop over lines: a year's history cuts 200
    # versions of a 5 MB schedule.
    layout = sessions_block(text)
    if layout is None:
        return None
    key, first, end, indent = layout
    head = text[:key] + text[end:]
    return Entries(
        head if head.endswith("\n") or not head else head + "\n", _items(text[first:end], indent), False, indent
    )


def _split_csv(text: str) -> Entries | None:
    """Rows by their physical lines (a quoted cell may hold a line break)."""
    lines = text.splitlines(keepends=True)
    if not lines:
        return None
    reader = csv.reader(io.StringIO(text))
    try:
        next(reader)
    except (StopIteration, csv.Error):
        return None
    header_end = reader.line_num
    items, start = [], header_end
    try:
        for _row in reader:
            items.append("".join(lines[start : reader.line_num]))
            start = reader.line_num
    except csv.Error:
        return None
    items = [item if item.endswith("\n") else item + "\n" for item in items]
    head = "".join(lines[:header_end])
    return Entries(head if head.endswith("\n") else head + "\n", items, True)
