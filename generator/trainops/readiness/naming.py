"""Text checks across files: placeholders left in fields, retired program names in prose."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..project import Project
from ..yamlsource import SourceMap
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
    return not text.isascii() or any(word in text.lower() for word in _PLACEHOLDER_WORDS)


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
    model: BaseModel, source: SourceMap, path: str, program: str | None, session: str | None = None, prefix: tuple = ()
) -> list[Finding]:
    """Every text field of ``model`` that still holds a placeholder, at its own line."""
    out = []
    for loc, text in _strings(model, ()):
        m = PLACEHOLDER.search(text)
        if m:
            line, col = source.locate(prefix + loc)
            field = ".".join(str(x) if isinstance(x, str) else f"[{x + 1}]" for x in loc).replace(".[", "[")
            where = f"session '{session}' " if session else ""
            out.append(
                Finding(
                    "placeholder",
                    f"{where}{field} still says '{m.group(0)}': fill it in before the launch",
                    path,
                    line,
                    col,
                    program,
                    session,
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
    """A program's aliases (retired or informal names) used in SOPs or hand-written pages."""
    patterns = []
    for slug, record in sorted(project.programs.items()):
        for alias in record.data.aliases:
            if alias.strip() and alias.strip().lower() != record.name.lower():
                patterns.append(
                    (re.compile(rf"(?<!\w){re.escape(alias.strip())}(?!\w)", re.I), alias, slug, record.name)
                )
    if not patterns:
        return []
    texts = [(sop.path, sop.body_line, sop.body) for sop in project.sops.values()]
    texts += [(page.path, 1, page.text) for page in project.pages]
    out = []
    for path, first_line, text in texts:
        for offset, line in enumerate(text.split("\n")):
            for pattern, _alias, slug, name in patterns:
                for m in pattern.finditer(line):
                    out.append(
                        Finding(
                            "retired-name",
                            f"'{m.group(0)}' is a retired name: call it '{name}'",
                            path,
                            first_line + offset,
                            m.start() + 1,
                            slug,
                        )
                    )
    return out
