"""HTML that a generated page puts in after Markdown: what its template marks, Markdown never parses.

MkDocs converts every page's Markdown, and Python-Markdown finds where a raw HTML block ends by
parsing it tag by tag (a status page's metrics, charts and first learners: 28 KB of HTML, 18 ms a
page; the follow-up pages' 225 KB, 65 ms each). A block it would pass through as it is can as well
skip it: a template wraps such blocks in :data:`START` and :data:`END`, each on a line of its own
(trainops' templates with ``{% filter after_markdown %}``, :mod:`.environment`'s, the one place
that writes them), :func:`lift` puts a numbered slot (an HTML comment, which Markdown passes
through) in their place before Markdown, and :func:`put_back` puts each block at its slot after it.
The page's headings stay Markdown, so its table of contents and anchors are Markdown's as before.

A block may go in later still, when the theme has made the page (:meth:`HtmlAfterMarkdown.put_back_after_theme`),
so that the search plugin, which parses each searchable page's HTML and runs a regular expression
over every page's, never sees it: every block of a page out of the search index, and a block
marked :data:`UNSEARCHED` (``{% filter after_markdown(searched=false) %}``: the records'
follow-ups on the launch checklists, which change daily and name learners).

Only whole HTML blocks go between the marks (a blank line before :data:`START` and after
:data:`END`): text Markdown would have changed (Markdown syntax, a block with ``markdown="1"``)
would otherwise come out unconverted. A template that overrides one of trainops' and leaves the
marks out, or an unmatched mark, only makes Markdown do the work."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from typing import IO

__all__ = ["END", "START", "UNSEARCHED", "HtmlAfterMarkdown", "lift", "marked", "put_back", "unmarked"]

START = "<!-- trainops:after-markdown -->\n"
END = "\n<!-- /trainops:after-markdown -->"
# The first line of a block the search plugin is not to see (see marked)
UNSEARCHED = "<!-- trainops:unsearched -->\n"
_SLOT = "<!-- trainops:html {} -->"
_SLOTS = re.compile(r"<!-- trainops:html (\d{1,9}) -->")


def marked(html: str, searched: bool = True) -> str:
    """``html`` (whole HTML blocks) marked to go in after Markdown; not ``searched``: after the
    theme, where the build can (:class:`HtmlAfterMarkdown`), out of the search index."""
    return f"{START}{'' if searched else UNSEARCHED}{html}{END}"


def lift(markdown: str) -> tuple[str, tuple[str, ...]]:
    """``markdown`` with each marked block as a numbered slot, and the blocks, in order."""
    if START not in markdown:
        return markdown, ()
    kept: list[str] = []
    blocks: list[str] = []
    at = 0
    while (start := markdown.find(START, at)) != -1:
        end = markdown.find(END, start + len(START))
        if end == -1:
            break
        kept += [markdown[at:start], _SLOT.format(len(blocks))]
        blocks.append(markdown[start + len(START) : end])
        at = end + len(END)
    kept.append(markdown[at:])
    return "".join(kept), tuple(blocks)


def put_back(html: str, blocks: Sequence[str | None]) -> str:
    """``html`` (Markdown's output) with each block at its slot (in one pass: a page of rows is
    hundreds of KB); a slot whose block is None is left for later."""

    def block(m: re.Match) -> str:
        found = blocks[int(m[1])] if int(m[1]) < len(blocks) else None
        return m[0] if found is None else found.removeprefix(UNSEARCHED)

    return _SLOTS.sub(block, html)


def unmarked(markdown: str) -> str:
    """``markdown`` as Markdown alone would have been given it: the marks left out."""
    return put_back(*lift(markdown))


class HtmlAfterMarkdown:
    """The blocks lifted out of the pages being converted, by page, until their HTML is made: after
    Markdown, or for a page out of the search index after the theme (:meth:`put_back_after_theme`).
    MkDocs converts every page before the theme makes any, so the blocks for after the theme wait
    in a temporary file, not in memory (at five years of a large organisation's records, the
    learners' rows of the status and follow-up pages are 420 MB of text), made in ``folder`` (a
    build's: beside its site; the system's temporary folder may be memory) when it exists."""

    def __init__(self, folder: str | None = None) -> None:
        self.folder = folder
        self._blocks: dict[str, tuple[str | None, ...]] = {}
        self._after_theme: dict[str, tuple[tuple[int, int] | None, ...]] = {}  # (offset, length) in _waiting
        self._waiting: IO[bytes] | None = None

    def lift(self, page: str, markdown: str, searched: bool = True, after_theme: bool = False) -> str:
        """``markdown`` with its marked blocks at slots. ``after_theme``: the blocks the search
        plugin is not to see (all of them on a page not ``searched``, else those marked
        :data:`UNSEARCHED`) go in when the theme has made the page (:meth:`put_back_after_theme`);
        the others (and without ``after_theme``, all of them) after Markdown (:meth:`put_back`)."""
        text, blocks = lift(markdown)
        late = tuple(after_theme and (not searched or b.startswith(UNSEARCHED)) for b in blocks)
        # (replacing what a conversion that failed left)
        self._blocks[page] = tuple(None if is_late else b for b, is_late in zip(blocks, late, strict=True))
        self._after_theme[page] = tuple(
            self._wait(b) if is_late else None for b, is_late in zip(blocks, late, strict=True)
        )
        return text

    def put_back(self, page: str, html: str) -> str:
        blocks = self._blocks.pop(page, ())
        return put_back(html, blocks) if any(b is not None for b in blocks) else html

    def put_back_after_theme(self, page: str, output: str) -> str:
        """The page the theme made (``output``) with the blocks lifted for after it. Neither the
        theme's template nor the search plugin reads them: the plugin runs its regular expression
        over every page's HTML, excluded or not (600 pages of learners' rows: 1.6 s of a build)."""
        spans = self._after_theme.pop(page, ())
        blocks = [None if span is None else self._read(span) for span in spans]
        if not self._after_theme and self._waiting is not None:
            self._waiting.close()  # (no page waits; a failed build's are replaced as its pages are converted again)
            self._waiting = None
        return put_back(output, blocks) if any(b is not None for b in blocks) else output

    def _wait(self, block: str) -> tuple[int, int]:
        if self._waiting is None:
            # (nameless: removed as soon as it is made; closed when no page waits)
            folder = self.folder if self.folder and os.path.isdir(self.folder) else None
            self._waiting = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115
        data = block.encode("utf-8", "surrogatepass")
        offset = self._waiting.seek(0, os.SEEK_END)
        self._waiting.write(data)
        return offset, len(data)

    def _read(self, span: tuple[int, int]) -> str:
        assert self._waiting is not None
        self._waiting.seek(span[0])
        return self._waiting.read(span[1]).decode("utf-8", "surrogatepass")
