"""Who a hand-written page is for: the ``audience:`` of its front matter, read so that a mistake
keeps the page off the learner site.

A page without front matter is a learner page. Every way of marking a page that MkDocs reads
differently from trainops, or that trainops cannot read, is an error at its line, and the page
goes to the coordinator site only (fail closed): a misspelt or misplaced ``audience:`` must never
publish a coordinator's page to learners, and files in its folder follow the page
(:func:`trainops.plan.sites.keeps_source`).
"""

from __future__ import annotations

import re

from ..model.diagnostics import Diagnostic
from ..model.suggest import closest, did_you_mean
from .frontmatter import split_front_matter
from .yamlsource import YamlError

__all__ = ["PAGE_AUDIENCES", "read_page_audience"]

PAGE_AUDIENCES = ("learner", "coordinator", "instructor")
_KEY = "audience"
# What MkDocs takes for MultiMarkdown metadata at the top of a page (mkdocs.utils.meta.META_RE,
# META_MORE_RE): it hides these lines from the page, and trainops does not read them.
_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^(?:[ ]{4}|\t)")
# "audiance", "Audiences", "AUDIENCE": keys a reader would take for 'audience'.
_NEAR = 0.8


def read_page_audience(rel: str, text: str, home: bool = False) -> tuple[str, list[Diagnostic]]:
    """``(audience, diagnostics)`` of the page ``rel``: learner, coordinator or instructor."""
    if not text.startswith("---"):
        return _without_front_matter(rel, text)
    try:
        split = split_front_matter(text, rel)
    except YamlError as exc:
        return "coordinator", [exc.diagnostic]
    data = split.meta.data
    if data is None:
        return "learner", []  # '---' and '---': empty front matter
    if not isinstance(data, dict):
        message = "a page's front matter must be a set of 'field: value' lines (such as 'audience: coordinator')"
        return "coordinator", [Diagnostic(rel, 2, 1, "error", "front-matter", message)]
    diagnostics = [
        _near_key(rel, key, split.meta.source.locate((key,))[0])
        for key in data
        if isinstance(key, str) and key != _KEY and closest(key, [_KEY], _NEAR)
    ]
    audience, problems = _declared(rel, data, split.meta.source.locate((_KEY,)), home)
    diagnostics += problems
    return ("coordinator" if diagnostics else audience), diagnostics


def _declared(rel: str, data: dict, at: tuple[int, int], home: bool) -> tuple[str, list[Diagnostic]]:
    """The audience that the ``audience:`` key names (learner when there is none)."""
    if _KEY not in data:
        return "learner", []
    value = data[_KEY]
    line, col = at
    if home and value != "learner":
        message = (
            "the home page (index.md) is the learner site's: the coordinator site's home is its generated overview; "
            "remove 'audience:' here, or put this page elsewhere in the docs folder"
        )
        return "learner", [Diagnostic(rel, line, col, "error", "invalid-value", message)]
    if value in PAGE_AUDIENCES:
        return value, []
    hint = did_you_mean(str(value), PAGE_AUDIENCES) or " — use learner, coordinator or instructor"
    message = f"page audience {value!r} is not one of learner, coordinator, instructor{hint}"
    return "coordinator", [Diagnostic(rel, line, col, "error", "invalid-value", message)]


def _near_key(rel: str, key: str, line: int) -> Diagnostic:
    message = (
        f"'{key}' is not a field trainops reads — did you mean 'audience'? "
        "(the page is kept off the learner site until it is spelt 'audience', in lowercase)"
    )
    return Diagnostic(rel, line, 1, "error", "front-matter", message)  # the key starts its line


def _without_front_matter(rel: str, text: str) -> tuple[str, list[Diagnostic]]:
    """A page that does not start with '---': front matter further down, MultiMarkdown metadata
    at the top, or (the usual case) none at all."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return "learner", []
    if first > 0 and lines[first].rstrip() == "---":
        message = (
            "front matter must start on the page's first line: MkDocs shows it as text and trainops does not read "
            "it; remove the lines above '---' (the page is kept off the learner site until then)"
        )
        return "coordinator", [Diagnostic(rel, first + 1, 1, "error", "front-matter", message)]
    meta = _multimarkdown_keys(lines)
    if not meta:
        return "learner", []
    near = [(number, key) for number, key in meta if closest(key, [_KEY], _NEAR)]
    if near:
        number, key = near[0]
        message = (
            f"'{key}:' here is MultiMarkdown metadata, which MkDocs hides and trainops does not read; write the "
            "page's audience as front matter: a '---' line, 'audience: ...', a '---' line (the page is kept off "
            "the learner site until then)"
        )
        return "coordinator", [Diagnostic(rel, number, 1, "error", "front-matter", message)]
    number, key = meta[0]
    message = (
        f"the page's first lines ('{key}: ...') are MultiMarkdown metadata, which MkDocs hides from the page; "
        "put a blank line or a heading above them to show them, or write front matter between '---' lines"
    )
    return "learner", [Diagnostic(rel, number, 1, "warning", "front-matter", message)]


def _multimarkdown_keys(lines: list[str]) -> list[tuple[int, str]]:
    """(line number, key) of the MultiMarkdown metadata at the top of a page, as MkDocs reads it."""
    found: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            break
        m = _META_LINE.match(line)
        if m:
            found.append((number, m.group("key")))
        elif not (found and _META_MORE.match(line)):
            break
    return found
