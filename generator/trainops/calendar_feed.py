"""Calendar feeds (RFC 5545) of sessions, written with the ``icalendar`` library.

Every event has a UID derived from the session id (never random), DTSTAMP from ``--today``, a
SEQUENCE, times in the session's own zone with a VTIMEZONE for every TZID used (from the IANA
database), and STATUS as the schedule says. ``icalendar`` takes care of CRLF line ends, folding
at 75 octets (never inside a UTF-8 character) and TEXT escaping.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache, lru_cache
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone

from .project import Project, Session

__all__ = ["CalendarWriter", "to_ical", "write_calendar", "session_uid", "google_calendar_link", "SEQUENCE_OF_STATUS"]

PRODID = "-//trainops//Training sessions//EN"
# A feed is stateless: SEQUENCE cannot count edits. A cancellation is published as a newer
# version (1) of the event so clients that imported the original replace it.
SEQUENCE_OF_STATUS = {"confirmed": 0, "tentative": 0, "cancelled": 1}
_STATUS = {"confirmed": "CONFIRMED", "tentative": "TENTATIVE", "cancelled": "CANCELLED"}


def session_uid(project: Project, session: Session) -> str:
    host = urlsplit(project.settings.site_url).hostname or "trainops.invalid"
    return f"{session.id}@{host}"


@cache
def _vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    # Transitions from a year before the first session to a year after the last: enough for
    # every client, and the same bytes for the same schedule.
    return Timezone.from_tzid(tzid, first_date=date(first_year, 1, 1), last_date=date(last_year, 12, 31)).to_ical()


class CalendarWriter:
    """Writes many feeds of one project, serialising each event and each VTIMEZONE only once.

    Components are written by ``icalendar``; a feed is its header, then the VTIMEZONEs of the
    zones it uses, then its events, then ``END:VCALENDAR``: what ``Calendar.to_ical`` gives for
    that calendar, but 20,000 sessions in three feeds each are serialised once, not three times.
    """

    def __init__(self, project: Project, page_url=None):
        self.project = project
        self.page_url = page_url
        years = [s.start.year for s in project.sessions] + [s.end.year for s in project.sessions]
        self.first_year = (min(years) if years else project.today.year) - 1
        self.last_year = (max(years) if years else project.today.year) + 1
        self.stamp = datetime(project.today.year, project.today.month, project.today.day, tzinfo=UTC)
        self._events: dict[str, bytes] = {}

    def event(self, s: Session) -> bytes:
        if s.id not in self._events:
            self._events[s.id] = to_ical(
                _event(self.project, s, self.stamp, self.page_url(s) if self.page_url else None)
            )
        return self._events[s.id]

    def calendar(self, sessions: list[Session], name: str) -> bytes:
        ordered = sorted(sessions, key=lambda s: (s.start_utc, s.id))
        zones = [
            _vtimezone(tzid, self.first_year, self.last_year) for tzid in sorted({s.zone for s in ordered} - {"UTC"})
        ]
        return b"".join([_head(name), *zones, *(self.event(s) for s in ordered), b"END:VCALENDAR\r\n"])


@lru_cache(maxsize=4096)  # one per program: every session file of a program has the same head
def _head(name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    head = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    return head[: -len(end)]


def to_ical(component) -> bytes:
    """``component.to_ical()``, byte for byte, faster: icalendar folds every line character by
    character, and most lines are short enough (74 octets at most) to need no folding."""
    out = []
    for line in component.content_lines():
        if line:
            data = line.encode("utf-8")
            out.append(data if len(data) <= 74 else line.to_ical())
    return b"\r\n".join(out) + b"\r\n"


def write_calendar(project: Project, sessions: list[Session], name: str, page_url=None) -> bytes:
    """One VCALENDAR with an event per session. ``page_url(session)`` gives a link for DESCRIPTION."""
    return CalendarWriter(project, page_url).calendar(sessions, name)


def _event(project: Project, s: Session, stamp: datetime, page_url: str | None) -> Event:
    event = Event()
    record = project.programs.get(s.program)
    name = record.name if record else s.program
    event.add("uid", session_uid(project, s))
    event.add("dtstamp", stamp)
    event.add("sequence", SEQUENCE_OF_STATUS[s.status])
    event.add("summary", f"{name} — {s.entry.title}" if s.entry.title else name)
    event.add("dtstart", s.start)
    event.add("dtend", s.end)
    event.add("status", _STATUS[s.status])
    if s.entry.room:
        event.add("location", s.entry.room)
    if s.entry.link:
        event.add("url", s.entry.link)
    lines = []
    if record:
        lines.append(record.data.summary)
    if s.entry.link:
        lines.append(f"Join online: {s.entry.link}")
    if s.entry.backup:
        lines.append(f"If something goes wrong: {s.entry.backup}")
    if s.entry.instructor:
        lines.append(f"Instructor: {project.person_name(s.entry.instructor)}")
    if page_url:
        lines.append(f"Learner guide: {page_url}")
    if lines:
        event.add("description", "\n".join(lines))
    return event


def google_calendar_link(project: Project, s: Session) -> str:
    from urllib.parse import urlencode

    record = project.programs.get(s.program)
    name = record.name if record else s.program
    params = {
        "action": "TEMPLATE",
        "text": f"{name} — {s.entry.title}" if s.entry.title else name,
        "dates": f"{s.start_utc:%Y%m%dT%H%M%SZ}/{s.end_utc:%Y%m%dT%H%M%SZ}",
        "ctz": s.zone,
    }
    location = s.entry.room or s.entry.link
    if location:
        params["location"] = location
    return "https://calendar.google.com/calendar/render?" + urlencode(params)
