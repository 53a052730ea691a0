"""The navigation: hand-written pages as the user has them, then the generated sections.

Each of the two sites keeps the entries of mkdocs.yml's ``nav`` whose pages it publishes (the
learner site has no coordinator page, and the other way round) and adds its generated sections.
A section gathers the generated pages under a folder (and, where two sections share a folder, with
one file name: a program's launch checklist and its reminders page are both in its folder).
Individual SOPs, and checklists and reminder pages past a few programs, stay out of the navigation
(they are reached from their index pages and by search): Material embeds the whole navigation in
every page, so 1,500 entries would make the build quadratic.
"""

from __future__ import annotations

import html

from mkdocs.structure.files import Files, file_sort_key
from mkdocs.utils import nest_paths

from ..plan import urls
from ..plan.sites import COORDINATORS, LEARNERS

__all__ = ["extend_navigation", "SECTIONS"]

# (folder, section title, file name or "" for any file in the folder)
SECTIONS = {
    LEARNERS: (
        (urls.PROGRAMS_FOLDER, "Programs", ""),
        (urls.SCHEDULE_FOLDER, "Schedule", ""),
        (urls.CHANGES_FOLDER, "What changed", ""),
        (urls.SOPS_FOLDER, "How-to guides", ""),
    ),
    COORDINATORS: (
        (urls.PROGRAMS_FOLDER, "Launch checklists", urls.COORDINATOR_PAGES[0]),
        (urls.PROGRAMS_FOLDER, "Reminders", urls.COORDINATOR_PAGES[1]),
        (urls.HANDOFF_FOLDER, "Handoff", ""),
        (urls.SOPS_FOLDER, "SOP library", ""),
    ),
}


def extend_navigation(nav, files: Files, generated, site: str = LEARNERS) -> list:
    generated_paths = {g.docs_path for g in generated}
    if nav is None:
        pages = sorted(
            (f for f in files.documentation_pages() if f.src_uri not in generated_paths and f.inclusion.is_in_nav()),
            key=file_sort_key,
        )
        nav = list(nest_paths(f.src_uri for f in pages))
        # MkDocs would title the home page by its heading, often the site's name, which the menu
        # already shows above it: "Home", as a nav: would say.
        nav = [{"Home": item} if item == urls.HOME else item for item in nav]
    else:
        nav = _published(list(nav), files)
    mentioned = set(_paths_in(nav))
    home = [g for g in generated if g.docs_path == urls.HOME and g.in_nav and urls.HOME not in mentioned]
    if home:
        nav.insert(0, {html.escape(home[0].title or "Home", quote=False): urls.HOME})
    for prefix, title, name in SECTIONS[site]:
        entries = [
            g
            for g in generated
            if g.in_nav
            and g.docs_path.startswith(prefix)
            and g.docs_path.endswith("/" + name if name else "")
            and g.docs_path not in mentioned
        ]
        if not entries:
            continue
        index = [g for g in entries if g.docs_path == f"{prefix}index.md"]
        # MkDocs shows navigation titles as HTML: a program name is text, so escape it.
        rest = [
            {html.escape(g.nav_title or g.title, quote=False): g.docs_path}
            for g in entries
            if g.docs_path != f"{prefix}index.md"
        ]
        if index and not rest:
            nav.append({title: index[0].docs_path})
        else:
            # The section's index titled here, not left to its heading: a page before it is built
            # first, and its footer's "Next" would read "None".
            first = [{html.escape(i.title or title, quote=False): i.docs_path} for i in index]
            nav.append({title: first + rest})
    return nav


def _published(nav: list, files: Files) -> list:
    """``nav`` without the entries of pages this site does not publish (and sections left empty);
    addresses of other sites stay."""
    kept: list = []
    for item in nav:
        if isinstance(item, str):
            if "://" in item or files.get_file_from_path(item) is not None:
                kept.append(item)
        elif isinstance(item, dict):
            entry: dict = {}
            for title, value in item.items():
                if isinstance(value, list):
                    value = _published(value, files)
                    if value:
                        entry[title] = value
                elif isinstance(value, str) and ("://" in value or files.get_file_from_path(value) is not None):
                    entry[title] = value
            if entry:
                kept.append(entry)
    return kept


def _paths_in(nav):
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _paths_in(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _paths_in(item)
