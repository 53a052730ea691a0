"""The pages of a long list (:func:`~trainops.plan.paging.list_pages`), rendered: each page from
its template with the page, the list's length and its title, one :class:`GeneratedFile` a page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from ..plan.paging import ListPage
from .files import GeneratedFile, made_unless_on_request

__all__ = ["render_list_pages", "rows_title"]


def render_list_pages(
    ctx, template: str, pages: Sequence[ListPage], total: int, title: Callable[[ListPage], str], **values
) -> list[GeneratedFile]:
    """Every page of a list of ``total`` items, rendered from ``template`` (in a preview, when it
    is asked for); ``title`` names a page."""
    files = []
    for page in pages:
        heading = title(page)
        make = partial(ctx.page, template, page.docs_path, page=page, total=total, title=heading, **values)
        file = GeneratedFile(page.docs_path, "", title=heading, make=make)
        files.append(made_unless_on_request(file, ctx.on_request))
    return files


def rows_title(label: str, page: ListPage, total: int) -> str:
    """``Launches (301–600 of 1,234)``: the title of a page of a list with no order a reader would
    look an item up by."""
    return f"{label} ({page.first:,}–{page.last:,} of {total:,})"
