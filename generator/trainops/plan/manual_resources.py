"""What a printed manual may load: one decision, used by ``check`` and by the manual build.

A manual's HTML names every image, stylesheet and font by URL; WeasyPrint fetches each through
the manuals' fetcher, which asks :func:`refusal`. ``check`` turns each image an SOP names into
the URL the manual will have (:func:`manual_url`) and asks the same question, so the two can
never disagree about a file: inline ``data:`` URLs, and files that really lie (symbolic links
followed) inside the allowed folders, nothing else.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from ..store.paths import lies_under, linked_repo_path

__all__ = ["manual_url", "refusal", "NETWORK", "OUTSIDE", "MISSING", "RAW_RESOURCE", "ATTACHMENT"]

NETWORK = "only files of the project can be printed, not the network"
OUTSIDE = "the file is outside the project"
MISSING = "the file does not exist"
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# Raw HTML that makes a manual load something, and attachment links (a PDF never embeds files).
RAW_RESOURCE = re.compile(
    r"<(?:img|embed|object|link|source|video|audio|iframe|image)\b[^>]*?\s(?:src|href|data|poster)=[\"']?([^\"'\s>]+)",
    re.I,
)
ATTACHMENT = re.compile(r"""\srel=["']?[^"'>]*attachment[^"'>]*["']?""", re.I)


def manual_url(project_root: Path, source_path: str, target: str) -> str:
    """The URL a manual gives a resource written as ``target`` in the repository file at
    ``source_path``: a relative path becomes a ``file://`` URL of where it really is."""
    if _SCHEME.match(target) or target.startswith("/"):
        return target
    path = unquote(target.split("#", 1)[0])
    return "file://" + quote(os.path.realpath(os.path.join(project_root, linked_repo_path(source_path, path))))


def refusal(roots: list[Path], url: str) -> str | None:
    """Why a manual may not load ``url``, or None when it may."""
    parts = urlsplit(url)
    if parts.scheme == "data":  # self-contained: neither the network nor a file
        return None
    if url.startswith("/") and not url.startswith("//"):
        parts = urlsplit("file://" + url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return NETWORK
    real = os.path.realpath(unquote(parts.path))
    if not any(lies_under(real, os.path.realpath(root)) for root in roots):
        return OUTSIDE
    if not os.path.isfile(real):
        return MISSING
    return None
