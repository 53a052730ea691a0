"""``/sops/`` and ``/sops/<slug>/``: the SOP library and each SOP, with repository links rewritten.

A library longer than a page (:data:`~trainops.plan.paging.PAGE_ROWS` SOPs) is a summary (on the
coordinator site the reviews due soonest) and its SOPs A to Z on pages of their own,
``sops/a-z/<n>.md``: 2,000 SOPs made one 325 KB page."""

from __future__ import annotations

from ..load.links import link_index, rewrite_links
from ..model.project import Sop
from ..model.text_diff import line_diff
from ..plan import urls
from ..plan.paging import SUMMARY_ROWS, long_list_pages
from .files import GeneratedFile
from .list_pages import render_list_pages

__all__ = ["render_sop_library", "render_sop_page"]


def render_sop_library(ctx, sops: list[Sop], title: str) -> list[GeneratedFile]:
    """The library of ``sops`` (those of this site: learner SOPs on the learner site), and its
    pages when it is long."""
    in_order = sorted(sops, key=lambda s: (s.meta.title.lower(), s.slug))
    pages = long_list_pages(in_order, urls.SOP_LIBRARY_PAGES)
    index = ctx.page(
        "trainops/sop-library.html",
        urls.SOP_LIBRARY,
        sops=in_order,
        pages=pages,
        soonest=sorted(in_order, key=lambda s: (s.next_review, s.meta.title.lower(), s.slug))[:SUMMARY_ROWS],
        overdue=sum(s.overdue(ctx.project.today) for s in in_order),
    )
    files = [GeneratedFile(urls.SOP_LIBRARY, index, in_nav=True, title=title)]
    return files + render_list_pages(
        ctx,
        "trainops/sop-library-page.html",
        pages,
        len(in_order),
        lambda page: f"{title}: {page.items[0].meta.title} – {page.items[-1].meta.title}",
    )


def render_sop_page(ctx, sop: Sop) -> str:
    docs_path = urls.sop_page(sop.slug)
    index = link_index(ctx.project)
    body = rewrite_links(sop.body, sop.path, docs_path, index, ctx.published, ctx.elsewhere, ctx.urls.rel)
    history = ctx.project.history
    source = history.sop_diffs.get(sop.slug)
    programs = [ctx.project.programs[p] for p in sop.meta.programs if p in ctx.project.programs]
    # Whom a learner asks when the procedure may be out of date: who answers their questions in
    # each of its programs; the SOP's owner when it belongs to none.
    contact_ids = list(dict.fromkeys(r.data.learner_contact for r in programs)) or [sop.meta.owner]
    header = ctx.page(
        "trainops/sop.html",
        docs_path,
        sop=sop,
        meta=sop.meta,
        programs=programs,
        contacts=[ctx.project.people.get(i) for i in contact_ids],
        # What the git history says changed after its review, newest first; the file then and now.
        changes=[c for c in reversed(history.of_sop(sop.slug)) if c.day > sop.meta.last_reviewed],
        diff_source=source,
        diff=line_diff(source.old, source.new) if source else [],
    )
    return header + "\n" + body.lstrip("\n")
