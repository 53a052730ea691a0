"""The only way a manual reads anything: files inside the project or the built site.

WeasyPrint fetches every image, stylesheet and font through this fetcher. http, https, data
URLs from elsewhere, other local files, and anything that resolves (through ``..`` or a symbolic
link) outside the allowed folders are refused; no request ever leaves the machine. Refusals are
recorded so the build can name them.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..plan.manual_resources import refusal

__all__ = ["ProjectFetcher", "RefusedResource"]


class RefusedResource(ValueError):
    pass


class ProjectFetcher(URLFetcher):
    def __init__(self, roots: list[Path], **kwargs):
        # No redirects, no protocols but file and data (inline images: QR codes, pasted pictures);
        # our fetch() below decides everything anyway, and hands the parent data: URLs alone.
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, timeout=1, **kwargs)
        self.roots = [Path(root).resolve() for root in roots]
        self.refused: list[tuple[str, str]] = []
        self.read: list[str] = []

    def fetch(self, url, headers=None):
        reason = refusal(self.roots, url)
        if reason is not None:
            return self._refuse(url, reason)
        if urlsplit(url).scheme == "data":  # self-contained: neither the network nor a file
            return super().fetch(url, headers)
        path = Path(os.path.realpath(unquote(urlsplit(url).path)))
        self.read.append(str(path))
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _mime(path)})

    def _refuse(self, url: str, reason: str):
        self.refused.append((url, reason))
        raise RefusedResource(f"{url}: {reason}")


_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".css": "text/css",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}


def _mime(path: Path) -> str:
    return _TYPES.get(path.suffix.lower(), "application/octet-stream")
