"""Images and embedded files an SOP names that its manual will not print (``manual-resource``).

Each is asked of :func:`trainops.plan.manual_resources.refusal` at the URL the manual will give it: the same
decision the manual build's fetcher makes.
"""

from __future__ import annotations

from ..model.project import Project, Sop
from ..plan.manual_resources import ATTACHMENT, MISSING, NETWORK, RAW_RESOURCE, manual_url, refusal

__all__ = ["resource_findings"]


def resource_findings(project: Project, sop: Sop) -> list[tuple[int, int, str]]:
    """(line, column, message) for every image or embedded file a manual will not print."""
    out = []
    lines = sop.body.split("\n")
    for link in sop.links:
        line_text = lines[link.line - 1]
        # (a raw-HTML <img> is one of RAW_RESOURCE's, below)
        is_image = not link.raw_html and link.column >= 3 and "![" in line_text[: link.column]
        message = _problem(project, sop, link.target) if is_image else None
        if message:
            out.append((sop.body_line + link.line - 1, link.column, message))
    for offset, line_text in enumerate(lines):
        for m in RAW_RESOURCE.finditer(line_text):
            message = _problem(project, sop, m.group(1))
            if message:
                out.append((sop.body_line + offset, m.start(1) + 1, message))
        if ATTACHMENT.search(line_text):
            out.append(
                (sop.body_line + offset, 1, "a manual does not embed attachments; the link prints as a plain link")
            )
    return out


def _problem(project: Project, sop: Sop, target: str) -> str | None:
    reason = refusal([project.root], manual_url(project.root, sop.path, target))
    if reason is None or reason == MISSING:  # a missing file is a broken link: reported as such
        return None
    if reason == NETWORK:
        return (
            f"'{target}' is on the network: a manual prints only files of the repository; save it into content/files/"
        )
    return f"'{target}' is outside the repository: a manual will not print it; copy it into content/files/"
