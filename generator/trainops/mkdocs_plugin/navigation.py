"""The navigation: hand-written pages as the user has them, then the generated sections.

Individual SOPs, checklists and reminder pages stay out of the navigation (they are reached from
their index pages and by search): Material embeds the whole navigation in every page, so 1,500
entries would make the build quadratic.
"""

from __future__ import annotations

import html

from mkdocs.structure.files import Files, file_sort_key
from mkdocs.utils import nest_paths

__all__ = ["extend_navigation"]

_SECTIONS = (("programs/", "Programs"), ("schedule/", "Schedule"), ("sops/", "SOP library"), ("handoff/", "Handoff"))


def extend_navigation(nav, files: Files, generated) -> list:
    generated_paths = {g.docs_path for g in generated}
    if nav is None:
        pages = sorted(
            (f for f in files.documentation_pages() if f.src_uri not in generated_paths and f.inclusion.is_in_nav()),
            key=file_sort_key,
        )
        nav = list(nest_paths(f.src_uri for f in pages))
    else:
        nav = list(nav)
    mentioned = set(_paths_in(nav))
    for prefix, title in _SECTIONS:
        entries = [g for g in generated if g.in_nav and g.docs_path.startswith(prefix) and g.docs_path not in mentioned]
        if not entries:
            continue
        index = [g for g in entries if g.docs_path == f"{prefix}index.md"]
        # MkDocs shows navigation titles as HTML: a program name is text, so escape it.
        rest = [{html.escape(g.title, quote=False): g.docs_path} for g in entries if g.docs_path != f"{prefix}index.md"]
        if index and not rest:
            nav.append({title: index[0].docs_path})
        else:
            nav.append({title: [i.docs_path for i in index] + rest})
    return nav


def _paths_in(nav):
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _paths_in(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _paths_in(item)
