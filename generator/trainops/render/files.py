"""What rendering hands the adapter: a document of one of the two sites, by its docs path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["GeneratedFile"]


@dataclass(frozen=True)
class GeneratedFile:
    docs_path: str
    content: str | bytes
    in_nav: bool = False
    title: str | None = None
    nav_title: str | None = None  # in the navigation, when shorter than the title
    # A page made when it is asked for (a preview's; ``content`` is then empty): the pages of one
    # program or one SOP, which nothing else reads. Same inputs, same text as made at once.
    make: Callable[[], str] | None = None
