"""``/programs/``: the catalogue of every program.

Past :data:`~trainops.plan.paging.PAGE_ROWS` programs the catalogue shows those starting soonest,
and every program A to Z on pages of its own, ``programs/a-z/<n>.md`` (a guide is
``programs/<slug>/index.md``, so the pages never meet one)."""

from __future__ import annotations

from typing import Any

from ..plan import urls
from ..plan.paging import PAGE_ROWS, SUMMARY_ROWS, ListPage, list_pages
from .files import GeneratedFile

__all__ = ["render_catalogue"]


def render_catalogue(ctx) -> list[GeneratedFile]:
    project = ctx.project
    programs = sorted(project.programs.values(), key=lambda r: (r.name.lower(), r.slug))
    next_session: dict[str, Any] = {}
    for session in project.running_sessions():
        next_session.setdefault(session.program, session)
    pages = list_pages(programs, urls.CATALOGUE_PAGES) if len(programs) > PAGE_ROWS else []
    soonest = [project.programs[slug] for slug in next_session if slug in project.programs][:SUMMARY_ROWS]
    values = {"next_session": next_session}
    index = ctx.page(
        "trainops/catalogue.html", urls.CATALOGUE, programs=programs, pages=pages, soonest=soonest, **values
    )
    files = [GeneratedFile(urls.CATALOGUE, index, in_nav=True, title="Programs")]
    return files + [_catalogue_page(ctx, page, len(programs), values) for page in pages]


def _catalogue_page(ctx, page: ListPage, total: int, values: dict) -> GeneratedFile:
    title = f"Programs: {page.items[0].name} – {page.items[-1].name}"
    content = ctx.page("trainops/catalogue-page.html", page.docs_path, page=page, total=total, title=title, **values)
    return GeneratedFile(page.docs_path, content, title=title)
