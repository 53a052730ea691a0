"""The two sites of one repository, and which documents each publishes.

The learner site (``site/``) holds what learners read: the home page, the catalogue, the guides,
the schedule, what changed (and its feed), learner SOPs, learner manuals and the calendar files.
The coordinator site (``ops/``) holds what runs the programs: launch checklists, reminders and
the send schedule, the handoff page, every SOP, instructor manuals and the pages written for
coordinators. No learner page links into the coordinator site; the coordinator site links to
learner pages at ``site_url``.
"""

from __future__ import annotations

import posixpath

from ..model.project import MARKDOWN_SUFFIXES, Project
from . import urls
from .urls import published_material_path

__all__ = [
    "LEARNERS",
    "COORDINATORS",
    "SITES",
    "published_on",
    "keeps_source",
    "learner_sop",
    "instructor_files",
]

LEARNERS = "learners"
COORDINATORS = "coordinators"
SITES = (LEARNERS, COORDINATORS)

# and the sign-in sheets (sessions/<id>/sign-in.pdf), the overview's table when it is long, and the
# follow-ups and the status pages' learners of the training records (learner ids: never on the
# learner site)
_COORDINATOR_FOLDERS = (
    urls.REMINDERS_FOLDER,
    urls.HANDOFF_FOLDER,
    urls.SESSIONS_FOLDER,
    urls.LAUNCHES_FOLDER,
    urls.FOLLOW_UP_FOLDER,
    urls.STATUS_FOLDER,
)


def learner_sop(project: Project, slug: str) -> bool:
    sop = project.sops.get(slug)
    return sop is not None and sop.meta.audience == "learner"


def instructor_files(project: Project) -> frozenset[str]:
    """Docs paths of material files meant for instructors only (never on the learner site),
    unless a learner material uses the same file."""
    if project.derived.instructor_files is None:
        project.derived.instructor_files = _instructor_files(project)
    return project.derived.instructor_files


def _instructor_files(project: Project) -> frozenset[str]:
    instructor: set[str] = set()
    learner: set[str] = set()
    for record in project.programs.values():
        for material in record.data.materials:
            if material.file:
                path = published_material_path(project, material.file)
                (instructor if material.for_ == "instructor" else learner).add(path)
    return frozenset(instructor - learner)


def published_on(project: Project, docs_path: str, site: str) -> bool:
    """Whether the site ``site`` publishes the document at ``docs_path`` (a generated page or
    file, a hand-written page, a file of docs_dir or a material)."""
    learners = site == LEARNERS
    if docs_path == urls.HOME:
        return True  # each site has its home page
    if docs_path.startswith(urls.SOPS_FOLDER):
        slug = urls.sop_slug(docs_path)
        # The library's pages are on both sites, each listing its own SOPs.
        library = slug == "index" or docs_path.startswith(urls.SOP_LIBRARY_PAGES + "/")
        return library or not learners or learner_sop(project, slug)
    if docs_path.startswith(_COORDINATOR_FOLDERS) or (
        docs_path.startswith(urls.PROGRAMS_FOLDER) and posixpath.basename(docs_path) in urls.COORDINATOR_PAGES
    ):
        return not learners
    if docs_path.startswith(urls.MANUALS_FOLDER):
        return urls.is_instructor_manual(docs_path) != learners
    if docs_path.startswith((urls.PROGRAMS_FOLDER, urls.SCHEDULE_FOLDER, urls.CHANGES_FOLDER)):
        return learners
    return keeps_source(project, docs_path, site)


def keeps_source(project: Project, docs_path: str, site: str) -> bool:
    """Whether the site ``site`` publishes this file of docs_dir: a page by the ``audience:`` of
    its front matter (learner pages on the learner site, the others on the coordinator site, and
    the learner home page's place taken there by the coordinators' overview). Any other file is on
    the coordinator site, and on the learner site too unless only coordinators use it: an
    instructor material, a file only coordinators' pages and SOPs link, or a file in a folder whose
    pages are all coordinators' (the nearest folder above it that has pages decides). When in
    doubt, a file stays off the learner site: a Markdown file the project did not load (``.MD``,
    unreadable) is never published to learners."""
    learners = site == LEARNERS
    page = project.page_at(docs_path)
    if page is not None:
        return (page.audience == "learner") == learners
    if not learners:
        return True
    if docs_path.lower().endswith(MARKDOWN_SUFFIXES):
        return False
    return docs_path not in instructor_files(project) and docs_path not in coordinator_files(project)


def coordinator_files(project: Project) -> frozenset[str]:
    """Docs paths of docs_dir files that only coordinators use (see :func:`keeps_source`)."""
    if project.derived.coordinator_files is None:
        project.derived.coordinator_files = _coordinator_files(project)
    return project.derived.coordinator_files


def _coordinator_files(project: Project) -> frozenset[str]:
    from ..load.links import find_links, link_index  # (links knows the project; sites is below it)

    index = link_index(project)
    learner_links: set[str] = set(learner_material_files(project))
    coordinator_links: set[str] = set()
    for sop in project.sops.values():
        target = learner_links if sop.meta.audience == "learner" else coordinator_links
        target.update(p for p in (index.resolve(link.target, sop.path)[0] for link in sop.links) if p)
    for page in project.pages:
        target = learner_links if page.audience == "learner" else coordinator_links
        target.update(p for p in (index.resolve(link.target, page.path)[0] for link in find_links(page.text)) if p)
    only_coordinators = coordinator_links - learner_links
    # The folders that hold pages, and whether any of their pages is a learner's.
    folders: dict[str, bool] = {}
    for page in project.pages:
        folder = posixpath.dirname(page.docs_path)
        folders[folder] = folders.get(folder, False) or page.audience == "learner"
    base = project.root / project.settings.docs_dir.strip("/")
    for path in sorted(base.rglob("*")) if base.is_dir() else []:
        rel = path.relative_to(base).as_posix()
        if rel in learner_links or not path.is_file() or rel.lower().endswith(MARKDOWN_SUFFIXES):
            continue
        folder = posixpath.dirname(rel)
        while folder not in folders and folder:
            folder = posixpath.dirname(folder)
        if folder in folders and not folders[folder]:
            only_coordinators.add(rel)
    return frozenset(only_coordinators)


def learner_material_files(project: Project) -> list[str]:
    """Docs paths of the learner materials' files."""
    return [
        published_material_path(project, m.file)
        for record in project.programs.values()
        for m in record.data.materials
        if m.file and m.for_ == "learner"
    ]
