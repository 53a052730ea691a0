"""Double bookings and unreasonable hours, compared as instants in UTC.

Two sessions in different time zones conflict when their real instants overlap, whatever their
wall clocks say; a cancelled session books nothing; past sessions are not a launch's problem.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import time
from operator import attrgetter
from zoneinfo import ZoneInfo

from ..project import Project, Session
from ..render.formatting import format_day
from .findings import Finding

__all__ = ["double_bookings", "unreasonable_hours", "EARLIEST", "LATEST"]

EARLIEST = time(7, 0)
LATEST = time(21, 0)


def _active(project: Project) -> list[Session]:
    return [s for s in project.upcoming_sessions() if s.status != "cancelled"]


def _room_key(room: str) -> str:
    return _SPACES.sub(" ", room).strip().casefold()


_SPACES = re.compile(r"\s+")
_BY_START = attrgetter("start_utc", "id")


def _overlaps(sessions: list[Session]) -> list[tuple[Session, Session]]:
    pairs = []
    ordered = sorted(sessions, key=_BY_START)
    for i, first in enumerate(ordered):
        end = first.end_utc
        for j in range(i + 1, len(ordered)):
            if ordered[j].start_utc >= end:
                break
            pairs.append((first, ordered[j]))
    return pairs


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
                key = room_keys[entry.room] = _room_key(entry.room)
            by_room[key].append(s)
    return _conflicts(
        by_instructor, "instructor-double-booked", "instructor", lambda s: f"instructor '{s.entry.instructor}'"
    ) + _conflicts(by_room, "room-double-booked", "room", lambda s: f"room '{s.entry.room}'")


def _conflicts(groups: dict[str, list[Session]], rule: str, field: str, what) -> list[Finding]:
    """A finding on each of two overlapping sessions of one group, naming the other one."""
    out = []
    for key in sorted(groups):
        sessions = groups[key]
        if len(sessions) < 2:
            continue  # (most rooms at scale)
        for a, b in _overlaps(sessions):
            for this, other in ((a, b), (b, a)):
                out.append(
                    _finding(
                        rule,
                        this,
                        field,
                        f"{what(this)} is double-booked: session '{this.id}' overlaps "
                        f"'{other.id}' ({_utc_span(other)})",
                    )
                )
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
                    f"session '{s.id}' runs {start:%H:%M}–{end:%H:%M} on {format_day(start)} in {person.timezone}, "
                    f"the instructor {person.name}'s own time zone (outside {EARLIEST:%H:%M}–{LATEST:%H:%M})",
                )
            )
    return out


def _finding(rule: str, session: Session, field: str, message: str) -> Finding:
    line, col = session.line(field)
    return Finding(rule, message, session.path, line, col, session.program, session.id)


def _utc_span(s: Session) -> str:
    return f"{s.start_utc:%Y-%m-%d %H:%M}–{s.end_utc:%H:%M} UTC"
