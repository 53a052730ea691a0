"""Text checks across files: placeholders left in fields, retired program names in prose."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from ..model.project import Project
from ..model.sourcemap import CompactSourceMap, SourceMap
from .findings import Finding

__all__ = ["PLACEHOLDER", "placeholder_lines", "placeholders_in_model", "placeholders_in_text", "retired_names"]

PLACEHOLDER = re.compile(r"\b(TBD|TBC|TODO|FIXME|XXX)\b|\?\?\?|\bto be (confirmed|decided|determined)\b", re.I)


def placeholder_lines(text: str | None) -> list[int] | None:
    """Lines of ``text`` holding a placeholder; None when the text is not known."""
    if text is None:
        return None
    if not _may_hold_placeholder(text):
        return []
    return [text.count("\n", 0, m.start()) + 1 for m in PLACEHOLDER.finditer(text)]


def _may_hold_placeholder(text: str) -> bool:
    """False when none of the words is in ``text`` at all: the usual case, 100x cheaper than the
    search. (Only for ASCII text: ignoring case, the pattern's 'i' also matches 'ı' and 'İ',
    which lower() does not turn into an 'i'.)"""
    if not text.isascii():
        return True
    lowered = text.lower()  # once, not once per word (the schedule's text is 5 MB at scale)
    return any(word in lowered for word in _PLACEHOLDER_WORDS)


_PLACEHOLDER_WORDS = ("tbd", "tbc", "todo", "fixme", "xxx", "???", "to be ")


def _strings(value: Any, loc: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from _strings(getattr(value, name), loc + (info.alias or name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _strings(item, loc + (i,))


def placeholders_in_model(
    model: BaseModel,
    source: SourceMap | CompactSourceMap,
    path: str,
    program: str | None,
    session: str | None = None,
    prefix: tuple = (),
    about: str | None = None,
) -> list[Finding]:
    """Every text field of ``model`` that still holds a placeholder, at its own line."""
    out = []
    for loc, text in _strings(model, ()):
        m = PLACEHOLDER.search(text)
        if m:
            line, col = source.locate(prefix + loc)
            field = ".".join(str(x) if isinstance(x, str) else f"[{x + 1}]" for x in loc).replace(".[", "[")
            out.append(
                Finding(
                    "placeholder",
                    f"'{field}' still says '{m.group(0)}': fill it in before the launch",
                    path,
                    line,
                    col,
                    program,
                    session,
                    about,
                )
            )
    return out


def placeholders_in_text(text: str, path: str, first_line: int, program: str | None) -> list[Finding]:
    """The first placeholder on each line of ``text`` (whose line 1 is the file's ``first_line``)."""
    if not _may_hold_placeholder(text):
        return []
    out = []
    for offset, line in enumerate(text.split("\n")):
        m = PLACEHOLDER.search(line)
        if m:
            out.append(
                Finding(
                    "placeholder",
                    f"'{m.group(0)}' left in the text: finish it before the launch",
                    path,
                    first_line + offset,
                    m.start() + 1,
                    program,
                )
            )
    return out


def retired_names(project: Project) -> list[Finding]:
    """A program's aliases (retired or informal names) used in SOPs or hand-written pages.

    Matched whatever the Unicode form of either: 'Café' with its accent typed as a separate mark
    (NFD, as some editors and macOS file names write it) is still 'Café'."""
    patterns = []
    for slug, record in sorted(project.programs.items()):
        name = _decompose(record.name).lower()
        for alias in record.data.aliases:
            text = _decompose(alias.strip())
            if text and text.lower() != name:
                patterns.append((re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.I), slug, record.name))
    if not patterns:
        return []
    texts = [(sop.path, sop.body_line, sop.body) for sop in project.sops.values()]
    texts += [(page.path, 1, page.text) for page in project.pages]
    out = []
    for path, first_line, text in texts:
        for offset, line in enumerate(text.split("\n")):
            nfd = line if line.isascii() else _decompose(line)  # (ASCII is its own NFD)
            traced: _Decomposed | None = None
            for pattern, slug, name in patterns:
                if nfd is line:
                    found = _matches(pattern, line)
                elif pattern.search(nfd) is None:
                    continue  # (the usual case: the line is traced back only for a match)
                else:
                    traced = traced or _Decomposed(line)
                    found = traced.matches(pattern)
                for column, written in found:
                    out.append(
                        Finding(
                            "retired-name",
                            f"'{written}' is a retired name: call it '{name}'",
                            path,
                            first_line + offset,
                            column,
                            slug,
                        )
                    )
    return out


def _decompose(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _matches(pattern: re.Pattern, line: str) -> Iterator[tuple[int, str]]:
    for m in pattern.finditer(line):
        yield m.start() + 1, m.group(0)


_WORD = re.compile(r"\w")


class _Decomposed:
    """A line in NFD, each character of it traced back to the line as written.

    The line is cut into clusters, a letter with the marks after it, and each cluster is
    decomposed on its own (the same as decomposing the whole line: NFD only reorders marks within
    a cluster). A match must start and end between clusters: 'Cafe' is not in 'Café'."""

    def __init__(self, line: str):
        self.line = line
        parts: list[str] = []
        self.origin: list[int] = []  # index in ``line`` of the cluster each character comes from
        self.base: list[int] = []  # index in ``text`` where that cluster starts
        start = 0
        for i in range(1, len(line) + 1):
            if i < len(line) and not _starts_cluster(line[i]):
                continue
            part = unicodedata.normalize("NFD", line[start:i])
            self.base += [len(self.origin)] * len(part)
            self.origin += [start] * len(part)
            parts.append(part)
            start = i
        self.text = "".join(parts)
        self.origin.append(len(line))
        self.base.append(len(self.text))

    def between_clusters(self, i: int) -> bool:
        return self.base[i] == i

    def matches(self, pattern: re.Pattern) -> Iterator[tuple[int, str]]:
        pos = 0
        while (m := pattern.search(self.text, pos)) is not None:
            start, end = m.span()
            pos = start + 1
            if not (self.between_clusters(start) and self.between_clusters(end)):
                continue
            if start > 0 and _WORD.match(self.text[self.base[start - 1]]):
                continue  # (after a letter's mark: the pattern saw only the mark)
            pos = max(end, pos)
            yield self.origin[start] + 1, self.line[self.origin[start] : self.origin[end]]


@lru_cache(maxsize=4096)
def _starts_cluster(ch: str) -> bool:
    """Not a mark (an accent, a vowel sign), even once decomposed."""
    return ch < "\x80" or unicodedata.category(unicodedata.normalize("NFD", ch)[0])[0] != "M"
