"""Links learners cannot follow: a learner page or SOP that links a page of the coordinator site.

The learner site prints such a link as its text (it never leads into the coordinator site, which
is hosted apart); the coordinator is told here, at the link's line, so the page can be mended.
"""

from __future__ import annotations

from ..load.links import Link, find_links, link_index
from ..model.project import Project
from ..plan.sites import LEARNERS, published_on
from .findings import Finding

__all__ = ["links_into_coordinator_site"]

RULE = "link-to-coordinator-site"


def links_into_coordinator_site(project: Project) -> list[Finding]:
    index = link_index(project)
    found: list[Finding] = []

    def scan(links: tuple[Link, ...], path: str, first_line: int) -> None:
        for link in links:
            docs_path, _ = index.resolve(link.target, path)
            if docs_path is not None and not published_on(project, docs_path, LEARNERS):
                message = (
                    f"learners cannot open '{link.target}': it is on the coordinator site, so the learner site "
                    "shows this link as plain text; link a page for learners instead, or remove the link"
                )
                found.append(Finding(RULE, message, path, first_line + link.line - 1, link.column))

    for sop in sorted(project.sops.values(), key=lambda sop: sop.path):
        if sop.meta.audience == "learner":
            scan(sop.links, sop.path, sop.body_line)
    for page in project.pages:
        if page.audience == "learner":
            scan(find_links(page.text), page.path, 1)
    return found
