"""An SOP as HTML for a manual: its Markdown rendered, its links and images made printable.

Images inside the repository become ``file://`` URLs the fetcher allows; links to other SOPs in
the same manual become links inside the PDF; links to pages become site links (when mkdocs.yml
has a ``site_url``). Nothing here reads a file: the fetcher does, and refuses what is outside.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import quote, unquote

import markdown

from ..project import Project, Sop

__all__ = ["sop_to_html", "resource_findings"]

_ATTRIBUTE = re.compile(r'(?P<name>\s(?:src|href|data|poster))="(?P<value>[^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_RAW_RESOURCE = re.compile(
    r"<(?:img|embed|object|link|source|video|audio|iframe|image)\b[^>]*?\s(?:src|href|data|poster)=[\"']?([^\"'\s>]+)",
    re.I,
)
_ATTACHMENT = re.compile(r"""\srel=["']?[^"'>]*attachment[^"'>]*["']?""", re.I)


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "admonition", "attr_list", "fenced_code", "sane_lists", "toc"],
        extension_configs={"toc": {"baselevel": 3, "permalink": False}},
    )


def sop_to_html(project: Project, sop: Sop, in_manual: set[str]) -> str:
    html = _markdown().convert(sop.body)
    html = _ATTACHMENT.sub("", html)  # manuals never embed attachments
    prefix = f"sop-{sop.slug}-"
    html = re.sub(r'\sid="([^"]+)"', lambda m: f' id="{prefix}{m.group(1)}"', html)
    source_dir = posixpath.dirname(sop.path)

    def rewrite(m: re.Match) -> str:
        name, value = m.group("name"), m.group("value")
        new = _printable(project, source_dir, value, name.strip() == "href", in_manual, prefix)
        return "" if new is None else f'{name}="{new}"'

    return _ATTRIBUTE.sub(rewrite, html)


def _printable(
    project: Project, source_dir: str, value: str, is_link: bool, in_manual: set[str], prefix: str
) -> str | None:
    if value.startswith("#"):
        return f"#{prefix}{value[1:]}" if is_link else value
    if _SCHEME.match(value):
        scheme = value.split(":", 1)[0].lower()
        if is_link and scheme in ("http", "https", "mailto"):
            return value  # a link in a PDF is not fetched
        return value if not is_link else None  # file:, data:, javascript: links are dropped; images go to the fetcher
    if value.startswith("/"):
        return None if is_link else value  # an absolute path: the fetcher refuses it unless it is in the project
    path, _, fragment = unquote(value).partition("#")
    repo_path = posixpath.normpath(posixpath.join(source_dir, path))
    settings = project.settings
    stem, ext = posixpath.splitext(repo_path)
    folder, name = posixpath.split(stem)
    if is_link:
        if folder == settings.sops_dir and ext == ".md" and name in in_manual:
            return f"#sop-{name}" + (f"-{fragment}" if fragment else "")
        site = settings.site_url.rstrip("/")
        if not site:
            return None
        if folder == settings.sops_dir and ext == ".md":
            return f"{site}/sops/{name}/"
        if folder == settings.programs_dir and ext in (".yaml", ".yml"):
            return f"{site}/programs/{name}/"
        docs = settings.docs_dir + "/"
        return f"{site}/{repo_path[len(docs) :]}" if repo_path.startswith(docs) else None
    full = project.root / repo_path
    return "file://" + quote(str(full.resolve())) if not repo_path.startswith("..") else value


def resource_findings(project: Project, sop: Sop) -> list[tuple[int, int, str]]:
    """(line, column, message) for every image or embedded file a manual will not print."""
    from ..links import find_links

    out = []
    lines = sop.body.split("\n")
    for link in find_links(sop.body):
        line_text = lines[link.line - 1]
        is_image = link.column >= 3 and "![" in line_text[: link.column]
        if is_image and _refused(project, sop, link.target):
            out.append((sop.body_line + link.line - 1, link.column, _refusal(link.target)))
    for offset, line_text in enumerate(lines):
        for m in _RAW_RESOURCE.finditer(line_text):
            if _refused(project, sop, m.group(1)):
                out.append((sop.body_line + offset, m.start(1) + 1, _refusal(m.group(1))))
        if _ATTACHMENT.search(line_text):
            out.append(
                (sop.body_line + offset, 1, "a manual does not embed attachments; the link prints as a plain link")
            )
    return out


def _refused(project: Project, sop: Sop, target: str) -> bool:
    if _SCHEME.match(target) or target.startswith("/"):
        if target.startswith("file:") or target.startswith("/"):
            path = Path(unquote(target.split(":", 1)[1] if target.startswith("file:") else target).lstrip("/"))
            return not ("/" + str(path)).startswith(str(project.root.resolve()))
        return not target.startswith("data:")
    return False


def _refusal(target: str) -> str:
    if target.startswith(("http:", "https:")) or target.startswith("//"):
        return (
            f"'{target}' is on the network: a manual prints only files of the repository; save it into content/files/"
        )
    return f"'{target}' is outside the repository: a manual will not print it; copy it into content/files/"
