"""Long lists in pages of a bounded length, so no page grows with the organisation.

A summary page shows the first :data:`SUMMARY_ROWS` items of a list (in the order that says what
to do first: soonest first) with the counts, and links the whole list, cut into pages of at most
:data:`PAGE_ROWS` rows at ``<folder>/<n>.md`` (:func:`~trainops.plan.urls.list_page`). A row of
these lists is under 1 KB of HTML, so a page stays under 400 KB with Material's frame around it
whatever the size of the organisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .urls import list_page

__all__ = ["ListPage", "list_pages", "list_pages_within", "long_list_pages", "PAGE_ROWS", "SUMMARY_ROWS"]

T = TypeVar("T")

# Rows on a page of a full list: 300 rows of under 1 KB, with the frame, stay under 400 KB.
PAGE_ROWS = 300
# Rows a summary shows before linking the full list.
SUMMARY_ROWS = 20


@dataclass(frozen=True)
class ListPage(Generic[T]):
    """One page of a list: its items, and where it stands among the list's pages."""

    docs_path: str  # "<folder>/<number>.md"
    number: int  # from 1
    count: int  # pages of the whole list
    items: Sequence[T]
    first: int  # the position of its first item in the whole list, from 1
    previous: str | None  # the docs path of the page before, if any
    next: str | None  # and of the page after

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1


def list_pages(items: Sequence[T], folder: str, rows: int = PAGE_ROWS) -> list[ListPage[T]]:
    """``items`` in order, cut into pages of at most ``rows`` at ``folder/1.md``, ``folder/2.md``…
    (none for no items)."""
    if rows < 1:
        raise ValueError(f"rows must be at least 1, not {rows}")
    return list_pages_within(items, folder, [1] * len(items), rows)


def list_pages_within(items: Sequence[T], folder: str, sizes: Sequence[int], budget: int) -> list[ListPage[T]]:
    """``items`` in order, cut into pages as :func:`list_pages` does, but each page as many items
    as fit in ``budget`` (their ``sizes``, bytes say: one item at least on each page)."""
    if len(sizes) != len(items):
        raise ValueError(f"{len(sizes)} sizes for {len(items)} items")
    starts: list[int] = []
    room = 0
    for at, size in enumerate(sizes):
        if not starts or size > room:
            starts.append(at)
            room = budget
        room -= size
    count = len(starts)

    def path(n: int) -> str | None:
        return list_page(folder, n) if 1 <= n <= count else None

    ends = [*starts[1:], len(items)] if starts else []
    return [
        ListPage(list_page(folder, n), n, count, items[start:end], start + 1, path(n - 1), path(n + 1))
        for n, (start, end) in enumerate(zip(starts, ends, strict=True), 1)
    ]


def long_list_pages(items: Sequence[T], folder: str, shown: int = PAGE_ROWS) -> list[ListPage[T]]:
    """The pages of ``items`` when its summary page, which shows ``shown`` of them, cannot hold
    them all; none when it can (the summary then is the whole list)."""
    return list_pages(items, folder) if len(items) > shown else []
