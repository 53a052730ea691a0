"""What rendering hands the adapter: a document of one of the two sites, by its docs path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

__all__ = ["GeneratedFile", "made_unless_on_request"]


@dataclass(frozen=True)
class GeneratedFile:
    docs_path: str
    content: str | bytes
    in_nav: bool = False
    title: str | None = None
    nav_title: str | None = None  # in the navigation, when shorter than the title
    # False: left out of the site's search index, as the training records' pages are: the index is one
    # file anyone who opens the site downloads whole, so learners' ids and names stay out of it (and
    # Material would parse every row of such a page into an index that grows with the organisation).
    searchable: bool = True
    # A page kept out of the search index may still be found by its title: the one entry the index
    # then has for it, this text under its title (none when empty; no part of the page is parsed).
    search_summary: str = ""
    # A page made when it is asked for (a preview's; ``content`` is then empty): the pages of one
    # program or one SOP, which nothing else reads. Same inputs, same text as made at once.
    make: Callable[[], str] | None = None
    # A file written out by the build that made it (a worker's coordinator site, see render.pool):
    # the content is in the file at this path, and ``content`` is empty.
    source: str | None = None


def made_unless_on_request(file: GeneratedFile, on_request: bool) -> GeneratedFile:
    """``file`` with its content made now (by its ``make``), unless a preview (``on_request``)
    makes it when it is asked for."""
    assert file.make is not None
    return file if on_request else replace(file, content=file.make(), make=None)
