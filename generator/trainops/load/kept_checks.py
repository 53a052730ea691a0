"""The link checks of SOPs and pages, kept between a preview's loads for the inputs they read.

A preview's save changes one file; the loader hands over every unchanged file's result as the very
object the last load had (:class:`~trainops.store.cache.SharedResults`). The links of 1,500 SOPs
were resolved again all the same. Here each SOP's (and each hand-written page's) findings are kept
with what they were worked out from: the SOP itself (an identity: the loader's object for unchanged
bytes, kept alive with the findings), or the page's path and text; and the link index (the known
programs and SOPs), which is kept once per load and compared by equality. What a link's name alone
does not answer asks the disk (does ``content/files/x.pdf`` exist?): that part is asked again at
every load (:func:`~trainops.load.links.link_problems`), never kept.

Without shared results (``trainops build``, ``check``) everything is worked out, by the same
functions: the findings are the same either way (``tests/load/test_kept_checks.py``).
"""

from __future__ import annotations

from ..model.diagnostics import Diagnostic
from ..model.records import Sop
from ..store.cache import SharedResults
from .links import (
    LinkIndex,
    broken_links,
    check_links,
    find_links,
    link_problems,
    links_by_name,
    unsafe_link_diagnostics,
)
from .markdown_depth import check_markdown_depth

__all__ = ["kept_broken_links", "kept_link_index", "kept_page_checks"]

_INDEX = "kept-checks\0link-index"


def kept_link_index(index: LinkIndex, shared: SharedResults | None) -> LinkIndex:
    """The last load's index when it is equal to ``index`` (same repository, settings, programs
    and SOPs), so that each kept finding can check it by identity; else ``index``, kept now."""
    if shared is None:
        return index
    kept = shared.get(_INDEX)
    if kept is not None and kept == index:
        index = kept
    shared.keep(_INDEX, index)
    return index


def kept_broken_links(sop: Sop, index: LinkIndex, shared: SharedResults | None) -> list[Diagnostic]:
    """:func:`~trainops.load.links.broken_links` of the SOP's links (found when it was read)."""
    if shared is None:
        return broken_links(sop.links, sop.path, index, sop.body_line)
    name = f"kept-checks\0sop\0{sop.path}"
    kept = shared.get(name)
    if kept is None or kept[0] is not sop or kept[1] is not index:
        kept = (sop, index, links_by_name(sop.links, sop.path, index))
    shared.keep(name, kept)
    return link_problems(kept[2], sop.path, index, sop.body_line)


def kept_page_checks(path: str, text: str, index: LinkIndex, shared: SharedResults | None) -> list[Diagnostic]:
    """A hand-written page's unsafe and broken links and its Markdown's depth, in that order."""
    if shared is None:
        return check_links(text, path, index) + check_markdown_depth(text, path)
    name = f"kept-checks\0page\0{path}"
    kept = shared.get(name)
    if kept is None or kept[0] != text or kept[1] is not index:
        found = (unsafe_link_diagnostics(text, path), links_by_name(find_links(text), path, index))
        kept = (text, index, found, check_markdown_depth(text, path))
    shared.keep(name, kept)
    (unsafe, outcomes), depth = kept[2], kept[3]
    return unsafe + link_problems(outcomes, path, index) + depth
