"""One search entry per session: its title, program, date and time, and room or "Online", linking
to its row on the program's guide (``#session-<id>``).

The search plugin (MkDocs' or Material's) indexes pages by their headings, so a session in a
table row has no entry of its own: a search for a room found whole tables run together. The
session tables are therefore left out of the page sections (``data-search-exclude``) and these
entries are added to the index the search plugin wrote (``search/search_index.json``), after it.

Only what the learner site shows is in an entry (no backup plan, no instructor's notes): the
guides are learner pages, and the coordinator site has no session rows to link to.

A page kept out of the index whole (:attr:`GeneratedFile.searchable`: the coordinator site's pages
that list learners) may still be found by its title: its one entry is added here too, its title and
:attr:`GeneratedFile.search_summary`, with nothing of the page (the search plugin never parses it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from ..model.formatting import format_day, format_time_range, zone_label
from ..model.project import Project, Session
from ..plan import urls
from ..plan.sites import LEARNERS, published_on
from ..plan.urls import Urls
from .files import GeneratedFile

__all__ = [
    "SearchEntry",
    "session_search_entries",
    "summary_search_entries",
    "added_search_entries",
    "add_search_entries",
    "SEARCH_INDEX",
]

SEARCH_INDEX = "search/search_index.json"  # where both search plugins write their index, in site_dir
_STATUS = {"cancelled": "Cancelled", "tentative": "Tentative"}


@dataclass(frozen=True)
class SearchEntry:
    location: str  # site-relative, as the search plugin writes them: "programs/x/#session-y"
    title: str
    text: str

    def as_json(self) -> dict[str, str]:
        """As the index holds it: title and text are HTML there (Material escapes a page's text the
        same way), so a room called "<b>" shows as written and runs nothing."""
        title, text = escape(self.title, quote=False), escape(self.text, quote=False)
        return {"location": self.location, "title": title, "text": text}


def _where(s: Session) -> str:
    places = [f"Room: {s.entry.room}"] if s.entry.room else []
    if s.entry.link:
        places.append("Online")
    return ", ".join(places) or "Place to be announced"


def _entry(s: Session, program: str, location: str) -> SearchEntry:
    when = f"{format_day(s.start)}, {format_time_range(s.start, s.end)} {zone_label(s.start)}"
    title = f"{s.entry.title} \u2014 {program}" if s.entry.title else program
    # The place is in the title too: a search for a room ranks its sessions first (the title
    # weighs most), and the result reads "Day 1 — Onboarding · Room: HQ 4B" at a glance.
    title = f"{title} \u00b7 {_where(s)}"
    status = _STATUS.get(s.status)
    text = f"{when}. {_where(s)}." + (f" {status}." if status else "")
    return SearchEntry(f"{location}#session-{s.id}", title, text)


def session_search_entries(project: Project, site: str, addresses: Urls) -> list[SearchEntry]:
    """The entries of the sessions whose rows ``site`` shows: each program's upcoming sessions (the
    cancelled ones too, listed as such) on its guide, by program and start."""
    if site != LEARNERS:
        return []
    entries = []
    for slug in sorted(project.programs):
        guide = urls.guide(slug)
        if not published_on(project, guide, site):
            continue
        location = addresses.url(guide).removeprefix("./")
        name = project.programs[slug].name
        entries += [_entry(s, name, location) for s in project.upcoming_sessions(slug)]
    return entries


def summary_search_entries(generated: list[GeneratedFile], addresses: Urls) -> list[SearchEntry]:
    """One entry for each page kept out of the index that is still found by its title
    (:attr:`GeneratedFile.search_summary`): its title and that text, none of the page."""
    return [
        SearchEntry(addresses.url(g.docs_path).removeprefix("./"), g.title or "", g.search_summary)
        for g in generated
        if not g.searchable and g.search_summary
    ]


def added_search_entries(
    project: Project, site: str, addresses: Urls, generated: list[GeneratedFile]
) -> list[SearchEntry]:
    """What is added to the index the search plugin writes for ``site``: the sessions' entries,
    then one for each of its ``generated`` pages found by its title only."""
    return session_search_entries(project, site, addresses) + summary_search_entries(generated, addresses)


def add_search_entries(index_json: str, entries: list[SearchEntry]) -> str:
    """The search plugin's index with ``entries`` added (its ``config`` kept as it is)."""
    index = json.loads(index_json)
    index["docs"] = list(index.get("docs", [])) + [e.as_json() for e in entries]
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False)
