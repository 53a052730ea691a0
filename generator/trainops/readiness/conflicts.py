"""Double bookings and unreasonable hours, compared as instants in UTC.

Two sessions in different time zones conflict when their real instants overlap, whatever their
wall clocks say; a cancelled session books nothing; past sessions are not a launch's problem.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import time
from itertools import accumulate
from operator import attrgetter
from zoneinfo import ZoneInfo

from ..model.formatting import format_day
from ..model.project import Project, Session
from .findings import Finding, session_label

__all__ = ["double_bookings", "unreasonable_hours", "room_key", "EARLIEST", "LATEST"]

EARLIEST = time(7, 0)
LATEST = time(21, 0)


def _active(project: Project) -> list[Session]:
    return project.running_sessions()


def room_key(room: str) -> str:
    return _SPACES.sub(" ", room).strip().casefold()


_SPACES = re.compile(r"\s+")
_BY_START = attrgetter("start_utc", "id")


NAMED_PARTNERS = 3  # a finding names this many of a session's partners, and counts the rest


def _partners(sessions: list[Session]) -> list[tuple[Session, int, list[Session]]]:
    """For each session that overlaps another: how many it overlaps and the first few of them.

    Near n log n however many share a slot: the count comes from two sorted lists (the sessions
    starting before this one ends, less those that ended before it starts, less itself), and the
    few partners named are found next to it in start order."""
    ordered = sorted(sessions, key=_BY_START)
    starts = [s.start_utc for s in ordered]
    ends = sorted(s.end_utc for s in ordered)
    latest_end = list(accumulate((s.end_utc for s in ordered), max))  # of ordered[0..i]
    out = []
    for i, this in enumerate(ordered):
        count = bisect_left(starts, this.end_utc) - bisect_right(ends, this.start_utc) - 1
        if count <= 0:
            continue
        wanted = min(count, NAMED_PARTNERS)
        named: list[Session] = []
        j = i + 1
        while len(named) < wanted and j < len(ordered) and ordered[j].start_utc < this.end_utc:
            named.append(ordered[j])  # starts no earlier and before this one ends: overlaps
            j += 1
        j = i - 1
        while len(named) < wanted and j >= 0 and latest_end[j] > this.start_utc:
            if ordered[j].end_utc > this.start_utc:
                named.append(ordered[j])
            j -= 1
        out.append((this, count, sorted(named, key=_BY_START)))
    return out


def double_bookings(project: Project) -> list[Finding]:
    by_instructor: dict[str, list[Session]] = defaultdict(list)
    by_room: dict[str, list[Session]] = defaultdict(list)
    room_keys: dict[str, str] = {}  # a few hundred rooms, written the same way thousands of times
    for s in _active(project):
        entry = s.entry
        if entry.instructor:
            by_instructor[entry.instructor].append(s)
        if entry.room:
            key = room_keys.get(entry.room)
            if key is None:
                key = room_keys[entry.room] = room_key(entry.room)
            by_room[key].append(s)
    return _conflicts(
        by_instructor,
        "instructor-double-booked",
        "instructor",
        lambda s: f"the instructor {project.person_name(s.entry.instructor)}",
    ) + _conflicts(by_room, "room-double-booked", "room", lambda s: f"the room '{s.entry.room}'")


def _conflicts(groups: dict[str, list[Session]], rule: str, field: str, what) -> list[Finding]:
    """One finding on each session that overlaps others of its group: how many, and which."""
    out = []
    for key in sorted(groups):
        sessions = groups[key]
        if len(sessions) < 2:
            continue  # (most rooms at scale)
        for this, count, named in _partners(sessions):
            if count == 1:
                overlap = f"overlaps '{named[0].id}' ({_utc_span(named[0])})"
            else:
                listed = ", ".join(f"'{s.id}'" for s in named)
                rest = f" and {count - len(named)} more" if count > len(named) else ""
                overlap = f"overlaps {count} other sessions: {listed}{rest}"
            out.append(_finding(rule, this, field, f"{what(this)} is double-booked: it {overlap}"))
    return out


def unreasonable_hours(project: Project) -> list[Finding]:
    out = []
    for s in _active(project):
        person = project.people.get(s.entry.instructor or "")
        if person is None or not person.timezone:
            continue
        zone = ZoneInfo(person.timezone)
        start, end = s.start.astimezone(zone), s.end.astimezone(zone)
        if start.time() < EARLIEST or end.date() > start.date() or end.time() > LATEST:
            out.append(
                _finding(
                    "unreasonable-hour",
                    s,
                    "start",
                    f"runs {start:%H:%M}–{end:%H:%M} on {format_day(start)} for its instructor {person.name} "
                    f"({person.timezone}), outside {EARLIEST:%H:%M}–{LATEST:%H:%M}",
                )
            )
    return out


def _finding(rule: str, session: Session, field: str, message: str) -> Finding:
    line, col = session.line(field)
    return Finding(rule, message, session.path, line, col, session.program, session.id, session_label(session))


def _utc_span(s: Session) -> str:
    return f"{s.start_utc:%Y-%m-%d %H:%M}–{s.end_utc:%H:%M} UTC"
