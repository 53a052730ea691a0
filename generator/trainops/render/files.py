"""What rendering hands the adapter: a document of one of the two sites, by its docs path."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GeneratedFile"]


@dataclass(frozen=True)
class GeneratedFile:
    docs_path: str
    content: str | bytes
    in_nav: bool = False
    title: str | None = None
    nav_title: str | None = None  # in the navigation, when shorter than the title
