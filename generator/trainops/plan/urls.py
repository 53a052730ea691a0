"""Where a generated document ends up on the site, and relative links between documents.

Generated pages are raw HTML inside Markdown, so MkDocs does not rewrite their links; we compute
the same URLs MkDocs would (with or without ``use_directory_urls``).
"""

from __future__ import annotations

import posixpath

from .sites import published_material_path

__all__ = ["Urls", "published_material_path"]


class Urls:
    def __init__(self, use_directory_urls: bool = True):
        self.use_directory_urls = use_directory_urls

    def url(self, docs_path: str) -> str:
        """The site-relative URL of a document: ``programs/x/index.md`` → ``programs/x/``."""
        stem, ext = posixpath.splitext(docs_path)
        if ext != ".md":
            return docs_path
        folder, name = posixpath.split(stem)
        if name in ("index", "README"):
            if not self.use_directory_urls:  # as MkDocs has it: a site opened from file:// needs the file
                return f"{folder}/index.html" if folder else "index.html"
            return f"{folder}/" if folder else "./"
        if self.use_directory_urls:
            return f"{stem}/"
        return f"{stem}.html"

    def page_dir(self, docs_path: str) -> str:
        url = self.url(docs_path)
        return url if url.endswith("/") else posixpath.dirname(url)

    def rel(self, from_docs_path: str, to_docs_path: str) -> str:
        """A relative link from the page ``from_docs_path`` to the document ``to_docs_path``."""
        target = self.url(to_docs_path)
        base = self.page_dir(from_docs_path).rstrip("/") or "."
        if target == "./":
            target = "."
        relative = posixpath.relpath(target.rstrip("/") or ".", base)
        if target.endswith("/") and relative != ".":
            relative += "/"
        return "./" if relative == "." else relative
