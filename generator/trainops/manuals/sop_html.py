"""An SOP as HTML for a manual: its Markdown rendered, its links and images made printable.

Images inside the repository become ``file://`` URLs the fetcher allows; links to other SOPs in
the same manual become links inside the PDF; links to pages become site links (when mkdocs.yml
has a ``site_url``). Nothing here reads a file: the fetcher does, and refuses what is outside.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

import markdown

from ..model.project import Project, Sop
from ..plan import urls
from ..plan.manual_resources import ATTACHMENT, manual_url
from ..plan.sites import LEARNERS, published_on
from ..store.paths import linked_repo_path

__all__ = ["sop_to_html"]

_ATTRIBUTE = re.compile(r'(?P<name>\s(?:src|href|data|poster))="(?P<value>[^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "admonition", "attr_list", "fenced_code", "sane_lists", "toc"],
        extension_configs={"toc": {"baselevel": 3, "permalink": False}},
    )


def sop_to_html(project: Project, sop: Sop, in_manual: set[str]) -> str:
    html = _markdown().convert(sop.body)
    html = ATTACHMENT.sub("", html)  # manuals never embed attachments
    prefix = f"sop-{sop.slug}-"
    html = re.sub(r'\sid="([^"]+)"', lambda m: f' id="{prefix}{m.group(1)}"', html)

    def rewrite(m: re.Match) -> str:
        name, value = m.group("name"), m.group("value")
        new = _printable(project, sop.path, value, name.strip() == "href", in_manual, prefix)
        return "" if new is None else f'{name}="{new}"'

    return _ATTRIBUTE.sub(rewrite, html)


def _printable(
    project: Project, source_path: str, value: str, is_link: bool, in_manual: set[str], prefix: str
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
    repo_path = linked_repo_path(source_path, path)
    settings = project.settings
    stem, ext = posixpath.splitext(repo_path)
    folder, name = posixpath.split(stem)
    if is_link:
        if folder == settings.sops_dir and ext == ".md" and name in in_manual:
            return f"#sop-{name}" + (f"-{fragment}" if fragment else "")
        site = settings.site_url.rstrip("/")
        if not site:
            return None
        docs = settings.docs_dir + "/"
        if folder == settings.sops_dir and ext == ".md":
            docs_path = urls.sop_page(name)
            address = urls.printed_address(site, docs_path)
        elif settings.is_program_file(repo_path):
            docs_path = urls.guide(name)
            address = urls.printed_address(site, docs_path)
        elif repo_path.startswith(docs):
            docs_path = repo_path[len(docs) :]
            address = f"{site}/{docs_path}"
        else:
            return None
        # site_url is the learner site's: what it does not publish has no address to print (the
        # coordinator site has none that paper could give), so the link is left as its text.
        return address if published_on(project, docs_path, LEARNERS) else None
    return manual_url(project.root, source_path, value) if not repo_path.startswith("..") else value
