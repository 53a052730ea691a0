"""What printed paper needs from the data: an address to lead back online (``site-url-missing``,
said once for the project) and alt text for every SOP image (``image-alt-text``, at its line),
which the tagged PDF and screen readers on the site read out in its place."""

from __future__ import annotations

import re

from ..model.project import Project, Sop
from .findings import Finding

__all__ = ["paper_findings", "image_alt_findings"]

_MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\s*[(\[]")
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r"""\salt\s*=\s*(?:"(?P<q>[^"]*)"|'(?P<s>[^']*)'|(?P<bare>[^\s"'>]+))""", re.I)
_FENCE = re.compile(r"^\s*(```|~~~)")


def paper_findings(project: Project) -> list[Finding]:
    found = []
    # Only where there is a mkdocs.yml to add it to (a project built without one has no site).
    if not project.settings.site_url and project.programs and (project.root / "mkdocs.yml").is_file():
        found.append(
            Finding(
                "site-url-missing",
                "mkdocs.yml has no 'site_url': printed manuals and sign-in sheets cannot say where the guide "
                "is online (no QR codes, no addresses), and the coordinator site cannot link to learner pages; "
                "add 'site_url:' with the learner site's address to mkdocs.yml",
                "mkdocs.yml",
                1,
                1,
            )
        )
    for slug in sorted(project.sops):
        found += image_alt_findings(project.sops[slug])
    return found


def image_alt_findings(sop: Sop) -> list[Finding]:
    """An image without alt text (``![](x.png)``, ``<img src=x.png>``, ``<img alt="">``), outside
    fenced code, at its line and column."""
    found = []
    fenced = False
    for offset, text in enumerate(sop.body.split("\n")):
        if _FENCE.match(text):
            fenced = not fenced
            continue
        if fenced:
            continue
        for m in _MARKDOWN_IMAGE.finditer(text):
            if not m.group("alt").strip():
                found.append(
                    _finding(sop, offset, m.start(), "write what it shows between the brackets: ![what it shows](…)")
                )
        for m in _HTML_IMAGE.finditer(text):
            alt = _ALT.search(m.group(0))
            if alt is None or not (alt.group("q") or alt.group("s") or alt.group("bare") or "").strip():
                found.append(_finding(sop, offset, m.start(), 'add alt="what it shows" to the <img> tag'))
    return found


def _finding(sop: Sop, offset: int, column: int, how: str) -> Finding:
    return Finding(
        "image-alt-text",
        f"an image in the SOP '{sop.meta.title}' has no alt text, so the tagged manual and screen readers "
        f"cannot say what it shows; {how}",
        sop.path,
        sop.body_line + offset,
        column + 1,
    )
