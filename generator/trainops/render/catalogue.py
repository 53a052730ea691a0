"""``/programs/``: the catalogue of every program.

Past :data:`~trainops.plan.paging.PAGE_ROWS` programs the catalogue shows those starting soonest,
and every program A to Z on pages of its own, ``programs/a-z/<n>.md`` (a guide is
``programs/<slug>/index.md``, so the pages never meet one)."""

from __future__ import annotations

from typing import Any

from ..plan import urls
from ..plan.paging import SUMMARY_ROWS, long_list_pages
from .files import GeneratedFile
from .list_pages import render_list_pages

__all__ = ["render_catalogue"]


def render_catalogue(ctx) -> list[GeneratedFile]:
    project = ctx.project
    programs = sorted(project.programs.values(), key=lambda r: (r.name.lower(), r.slug))
    next_session: dict[str, Any] = {}
    for session in project.running_sessions():
        next_session.setdefault(session.program, session)
    pages = long_list_pages(programs, urls.CATALOGUE_PAGES)
    soonest = [project.programs[slug] for slug in next_session if slug in project.programs][:SUMMARY_ROWS]
    values = {"next_session": next_session}
    index = ctx.page(
        "trainops/catalogue.html", urls.CATALOGUE, programs=programs, pages=pages, soonest=soonest, **values
    )
    files = [GeneratedFile(urls.CATALOGUE, index, in_nav=True, title="Programs")]
    return files + render_list_pages(
        ctx,
        "trainops/catalogue-page.html",
        pages,
        len(programs),
        lambda page: f"Programs: {page.items[0].name} – {page.items[-1].name}",
        **values,
    )
