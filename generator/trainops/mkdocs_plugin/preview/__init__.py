"""``trainops serve``: both sites previewed from memory, each page rendered when it is asked for."""

from __future__ import annotations

from .run import serve_preview

__all__ = ["serve_preview"]
