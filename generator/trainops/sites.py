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

from .project import Project

__all__ = [
    "LEARNERS",
    "COORDINATORS",
    "SITES",
    "published_on",
    "keeps_source",
    "learner_sop",
    "instructor_files",
    "published_material_path",
]

LEARNERS = "learners"
COORDINATORS = "coordinators"
SITES = (LEARNERS, COORDINATORS)

_COORDINATOR_PAGES = ("launch-checklist.md", "reminders.md")
_COORDINATOR_FOLDERS = ("reminders/", "handoff/", "sessions/")  # sessions/<id>/sign-in.pdf


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
    if docs_path == "index.md":
        return True  # each site has its home page
    if docs_path.startswith("sops/"):
        slug = posixpath.splitext(docs_path[len("sops/") :])[0]
        return slug == "index" or not learners or learner_sop(project, slug)
    if docs_path.startswith(_COORDINATOR_FOLDERS) or (
        docs_path.startswith("programs/") and posixpath.basename(docs_path) in _COORDINATOR_PAGES
    ):
        return not learners
    if docs_path.startswith("manuals/"):
        return docs_path.endswith("-instructor.pdf") != learners
    if docs_path.startswith(("programs/", "schedule/", "changes/")):
        return learners
    return keeps_source(project, docs_path, site)


def keeps_source(project: Project, docs_path: str, site: str) -> bool:
    """Whether the site ``site`` publishes this file of docs_dir: a page by the ``audience:`` of
    its front matter (learner pages on the learner site, the others on the coordinator site, and
    the learner home page's place taken there by the coordinators' overview); any other file on
    both, but an instructor material on the coordinator site only."""
    learners = site == LEARNERS
    page = project.page_at(docs_path)
    if page is not None:
        return (page.audience == "learner") == learners
    if docs_path.endswith(".md"):
        return learners  # a page the project did not load: a learner page, as MkDocs has it
    return not learners or docs_path not in instructor_files(project)


def published_material_path(project: Project, file: str) -> str:
    """The docs path a material file is published at: its place in docs_dir, or ``materials/…``."""
    docs = project.settings.docs_dir.strip("/") + "/"
    path = posixpath.normpath(file)
    return path[len(docs) :] if path.startswith(docs) else f"materials/{path}"
