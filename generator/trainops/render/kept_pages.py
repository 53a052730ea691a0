"""A program's pages as an earlier build rendered them, kept per program (the build's cache:
:class:`~trainops.mkdocs_plugin.records.PagesInCache`): its status pages and its reminders page.

At a year of a large organisation's records the status pages are most of the coordinator site's
render (300 programs, 90 MB of text, half a minute on a loaded machine), and that render is what a
build waits for after the learner site. A program's pages are a function of its share of the
records, its entry, the settings, the day and the templates, which is what their key is made of:
a second build with the same records renders none of them. The reminders pages come next (24,000
messages to learners the records name, due now, in full: two thirds of what was left of the
coordinator site's render); their key adds what their messages are made of beyond the records
(the people, the materials, the history: all of the project's data files)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from .files import GeneratedFile
from .reminder_pages import ReminderPage

__all__ = ["KeptPages", "KeptProgramPages", "kept_or_rendered"]

T = TypeVar("T")


class KeptPages(Protocol[T]):
    def get(self, slug: str) -> T | None:
        """Program ``slug``'s pages as rendered before from the same inputs; None: not kept."""
        ...

    def put(self, slug: str, pages: T) -> None: ...


@dataclass(frozen=True)
class KeptProgramPages:
    """Where a build keeps each program's status pages and its reminders page."""

    status: KeptPages[list[GeneratedFile]]
    reminders: KeptPages[ReminderPage]


def kept_or_rendered(kept: KeptPages[T] | None, slug: str, render: Callable[[], T]) -> T:
    """Program ``slug``'s pages: kept ones, else ``render()`` (and kept for the next build)."""
    if kept is None:
        return render()
    found = kept.get(slug)
    if found is not None:
        return found
    pages = render()
    kept.put(slug, pages)
    return pages
