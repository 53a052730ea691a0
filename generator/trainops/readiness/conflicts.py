"""Double bookings and unreasonable hours, compared as instants in UTC.

Two sessions in different time zones conflict when their real instants overlap, whatever their
wall clocks say; a cancelled session books nothing; past sessions are not a launch's problem.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import time
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
    return re.sub(r"\s+", " ", room).strip().casefold()


def _overlaps(sessions: list[Session]) -> list[tuple[Session, Session]]:
    pairs = []
    ordered = sorted(sessions, key=lambda s: (s.start_utc, s.id))
    for i, first in enumerate(ordered):
        for second in ordered[i + 1:]:
            if second.start_utc >= first.end_utc:
                break
            pairs.append((first, second))
    return pairs


def double_bookings(project: Project) -> list[Finding]:
    by_instructor: dict[str, list[Session]] = defaultdict(list)
    by_room: dict[str, list[Session]] = defaultdict(list)
    for s in _active(project):
        if s.entry.instructor:
            by_instructor[s.entry.instructor].append(s)
        if s.entry.room:
            by_room[_room_key(s.entry.room)].append(s)
    return (_conflicts(by_instructor, "instructor-double-booked", "instructor", lambda s: f"instructor '{s.entry.instructor}'")
            + _conflicts(by_room, "room-double-booked", "room", lambda s: f"room '{s.entry.room}'"))


def _conflicts(groups: dict[str, list[Session]], rule: str, field: str, what) -> list[Finding]:
    """A finding on each of two overlapping sessions of one group, naming the other one."""
    out = []
    for _, sessions in sorted(groups.items()):
        for a, b in _overlaps(sessions):
            for this, other in ((a, b), (b, a)):
                out.append(_finding(rule, this, field, f"{what(this)} is double-booked: session '{this.id}' overlaps "
                                                       f"'{other.id}' ({_utc_span(other)})"))
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
            out.append(_finding(
                "unreasonable-hour", s, "start",
                f"session '{s.id}' runs {start:%H:%M}–{end:%H:%M} on {format_day(start)} in {person.timezone}, "
                f"the instructor {person.name}'s own time zone (outside {EARLIEST:%H:%M}–{LATEST:%H:%M})",
            ))
    return out


def _finding(rule: str, session: Session, field: str, message: str) -> Finding:
    line, col = session.line(field)
    return Finding(rule, message, session.path, line, col, session.program, session.id)


def _utc_span(s: Session) -> str:
    return f"{s.start_utc:%Y-%m-%d %H:%M}–{s.end_utc:%H:%M} UTC"
