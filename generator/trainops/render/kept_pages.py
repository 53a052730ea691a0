"""A program's status pages as an earlier build rendered them, kept per program (the build's cache:
:class:`~trainops.mkdocs_plugin.records.StatusPagesInCache`).

At a year of a large organisation's records the status pages are most of the coordinator site's
render (300 programs, 90 MB of text, half a minute on a loaded machine), and that render is what a
build waits for after the learner site. A program's pages are a function of its share of the
records, its entry, the settings, the day and the templates, which is what their key is made of:
a second build with the same records renders none of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from .files import GeneratedFile

__all__ = ["KeptPages", "kept_or_rendered"]


class KeptPages(Protocol):
    def get(self, slug: str) -> list[GeneratedFile] | None:
        """Program ``slug``'s pages as rendered before from the same inputs; None: not kept."""
        ...

    def put(self, slug: str, files: list[GeneratedFile]) -> None: ...


def kept_or_rendered(
    kept: KeptPages | None, slug: str, render: Callable[[], list[GeneratedFile]]
) -> list[GeneratedFile]:
    """Program ``slug``'s pages: kept ones, else ``render()`` (and kept for the next build)."""
    if kept is None:
        return render()
    found = kept.get(slug)
    if found is not None:
        return found
    files = render()
    kept.put(slug, files)
    return files
