"""``/changes/``: what changed for learners, from the git history: the "What changed" page, the
same changes as an Atom feed (``changes/feed.xml``), and the short notes on changed sessions'
rows of the guides and the schedule.

Learners are told of changes to sessions (moved; room, link, instructor or status changed; added;
removed), of the guides (a program's fields, by the guide's sections they are in) and of the SOPs
written for them (``audience: learner``). Only changes of the last ``changes_days`` days count
(the plugin setting), so the page, the feed and the notes are a function of the commit and
``--today``: the same bytes every time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import groupby

from ..model.changes import SESSION_KINDS, Change
from ..model.formatting import format_day
from ..model.project import Project, Session
from ..plan import urls
from ..plan.sites import learner_sop
from .files import GeneratedFile

__all__ = [
    "render_changes",
    "learner_changes",
    "session_notes",
    "window_start",
    "ChangeEntry",
    "ChangeNote",
    "NOTE_KINDS",
    "CHANGES_SHOWN",
    "STEPS_SHOWN",
]

# The newest changes the page and the feed list. A commit that adds a year of sessions would
# otherwise make a page of megabytes; a feed reader keeps the entries it has seen anyway.
CHANGES_SHOWN = 300
# The changed lines of a how-to guide an entry quotes; the guide itself has the rest.
STEPS_SHOWN = 5
# The changes a session's row notes ("Changed on 30 Nov: was 09:30"): an addition is no change
# of something a learner has seen, and a removed session has no row.
NOTE_KINDS = ("moved", "room", "link", "instructor", "cancelled", "confirmed", "tentative")
# A feed's ``updated`` without a change to date it by: fixed, never the clock (as the calendars'
# DTSTAMP without a history).
NO_CHANGE_TIME = datetime(2000, 1, 1, tzinfo=UTC)
_ORDER = {kind: i for i, kind in enumerate((*SESSION_KINDS, "program", "sop"))}
_GROUP = {"program": 1, "sop": 2}  # sessions 0


@dataclass(frozen=True)
class ChangeEntry:
    """One change as the page and the feed show it."""

    change: Change
    heading: str  # what changed: "Onboarding — Day 1", a how-to guide's title, a program's name
    target: str | None  # the docs path it links to (a guide, a how-to guide); None: nothing to link
    fragment: str = ""  # "#session-<id>" on the guide, while the session's row is there
    session: Session | None = None  # a session change: the session as the schedule has it now
    sections: tuple[tuple[str, str], ...] = ()  # a program: (the guide's section, its anchor)


@dataclass(frozen=True)
class ChangeNote:
    """The note on a session's row: its latest change in the window (one commit's)."""

    day: date
    on: str  # "30 Nov", with the year when it is not this year's
    changes: tuple[Change, ...]
    names: dict[str, str] = field(default_factory=dict)  # the people the changes name, by id


def window_start(project: Project) -> date:
    """The first day whose changes count: ``changes_days`` days before ``--today``."""
    days = project.settings.changes_days
    if days >= (project.today - date.min).days:
        return date.min
    return project.today - timedelta(days=days)


def _starting_point(changes: list[Change]) -> str | None:
    """The commit that first gave the schedule sessions: where its history starts, not news (a
    repository set up last week would otherwise list every session as new)."""
    return next((c.commit for c in changes if c.kind == "added"), None)


def _for_learners(project: Project, c: Change) -> bool:
    if c.kind == "sop":
        return learner_sop(project, c.subject)
    if c.kind == "program":
        return bool(c.sections) and c.subject in project.programs  # a guide's sections, of a guide there is
    return True


def learner_changes(project: Project) -> list[Change]:
    """The changes learners are told of in the window, newest first; within one commit, by
    session (its changes together), then programs, then SOPs."""
    history = project.history
    if not history.available:
        return []
    start = _starting_point(history.changes)
    found = [
        c
        for c in history.since(window_start(project))
        if _for_learners(project, c) and not (c.kind == "added" and c.commit == start)
    ]
    # Within one commit: sessions (each session's changes together), then guides, then how-to guides.
    found.sort(key=lambda c: (_GROUP.get(c.kind, 0), c.program or "", c.subject, _ORDER[c.kind]))
    found.sort(key=lambda c: c.when, reverse=True)  # (stable: that order within a commit)
    return found


def session_notes(project: Project, sessions: list[Session]) -> dict[str, ChangeNote]:
    """The note of each of ``sessions`` changed in the window, by session id."""
    history = project.history
    if not history.available or not history.changes:
        return {}
    start = window_start(project)
    notes = {}
    for s in sessions:
        noted = [c for c in history.of_session(s.id) if c.kind in NOTE_KINDS and c.day >= start]
        if noted:
            last = [c for c in noted if c.commit == noted[-1].commit]
            names = {str(c.old): project.person_name(str(c.old)) for c in last if c.kind == "instructor" and c.old}
            notes[s.id] = ChangeNote(last[0].day, _short_day(last[0].day, project.today), tuple(last), names)
    return notes


def _short_day(day: date, today: date) -> str:
    """``30 Nov``; ``30 Nov 2025`` in another year."""
    _, number, month, year = format_day(day).split(" ")
    return f"{number} {month}" if day.year == today.year else f"{number} {month} {year}"


def _anchor(heading: str) -> str:
    """The id Markdown's table of contents gives a heading (``What and why`` → ``what-and-why``)."""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", heading).strip().lower())


def _entry(project: Project, c: Change, sessions: dict[str, Session]) -> ChangeEntry:
    record = project.programs.get(c.program or "")
    guide = urls.guide(c.program) if record and c.program else None
    if c.kind == "sop":
        sop = project.sops[c.subject]
        return ChangeEntry(c, sop.meta.title, urls.sop_page(c.subject))
    if c.kind == "program":
        assert record is not None  # (_for_learners)
        sections = tuple((s, _anchor(s)) for s in c.sections)
        return ChangeEntry(c, record.name, guide, sections=sections)
    name = record.name if record else (c.program or "")
    session = sessions.get(c.subject)
    # A cancelled session too: the guide still lists it (as cancelled), so the change can link to it.
    shown = session is not None and record is not None and session.is_upcoming(project.today)
    heading = f"{name} \u2014 {c.title}" if c.title else name
    return ChangeEntry(c, heading, guide, f"#session-{c.subject}" if shown else "", session)


def render_changes(ctx) -> list[GeneratedFile]:
    """``changes/index.md`` (in the navigation) and ``changes/feed.xml``."""
    project = ctx.project
    found = learner_changes(project)
    sessions = {s.id: s for s in project.sessions} if found else {}
    entries = [_entry(project, c, sessions) for c in found[:CHANGES_SHOWN]]
    values = {
        "entries": entries,
        "total": len(found),
        "available": project.history.available,
        "since": window_start(project),
        "days_back": project.settings.changes_days,
        "steps_shown": STEPS_SHOWN,
    }
    days = [(day, list(group)) for day, group in groupby(entries, key=lambda e: e.change.day)]
    page = ctx.page("trainops/changes.html", urls.CHANGES, days=days, feed=urls.CHANGES_FEED, **values)
    base = project.settings.site_url

    def url(docs_path: str) -> str:
        """An address in the feed: absolute with ``site_url``, else relative to the feed."""
        return base + ctx.urls.url(docs_path).removeprefix("./") if base else ctx.urls.rel(urls.CHANGES_FEED, docs_path)

    feed = ctx.page(
        "trainops/changes.xml",
        urls.CHANGES_FEED,
        url=url,
        feed_id=base + urls.CHANGES_FEED if base else "urn:trainops:changes",
        self_url=base + urls.CHANGES_FEED if base else "",
        updated=entries[0].change.when if entries else NO_CHANGE_TIME,
        **values,
    )
    return [
        GeneratedFile(urls.CHANGES, page, in_nav=True, title="What changed"),
        GeneratedFile(urls.CHANGES_FEED, feed),
    ]
