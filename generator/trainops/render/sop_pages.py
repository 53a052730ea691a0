"""``/sops/`` and ``/sops/<slug>/``: the SOP library and each SOP, with repository links rewritten."""

from __future__ import annotations

from ..load.links import link_index, rewrite_links
from ..model.project import Sop
from ..plan import urls

__all__ = ["render_sop_library", "render_sop_page"]


def render_sop_library(ctx, sops: list[Sop]) -> str:
    """The library of ``sops`` (those of this site: learner SOPs on the learner site)."""
    in_order = sorted(sops, key=lambda s: s.meta.title.lower())
    return ctx.page("trainops/sop-library.html", urls.SOP_LIBRARY, sops=in_order)


def render_sop_page(ctx, sop: Sop) -> str:
    docs_path = urls.sop_page(sop.slug)
    index = link_index(ctx.project)
    body = rewrite_links(sop.body, sop.path, docs_path, index, ctx.published, ctx.elsewhere)
    history = ctx.project.history
    header = ctx.page(
        "trainops/sop.html",
        docs_path,
        sop=sop,
        meta=sop.meta,
        programs=[ctx.project.programs[p] for p in sop.meta.programs if p in ctx.project.programs],
        # What the git history says changed after its review, newest first; the diff since then.
        changes=[c for c in reversed(history.of_sop(sop.slug)) if c.day > sop.meta.last_reviewed],
        diff=history.sop_diffs.get(sop.slug, ""),
    )
    return header + "\n" + body.lstrip("\n")
