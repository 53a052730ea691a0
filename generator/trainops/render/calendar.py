"""Calendar feeds (RFC 5545) of sessions, written with the ``icalendar`` library.

Every event has a UID derived from the session id (never random); from the git history
(:mod:`trainops.load.history`) a SEQUENCE made of the time of the session's last change and a
LAST-MODIFIED and DTSTAMP at that commit (:mod:`trainops.plan.calendar_versions`), never below
what the site the build replaces published (:mod:`trainops.model.event_versions`), so a client
that imported it takes the new version and an unchanged session's event keeps its bytes from one
commit to the next; times in the session's own zone with a VTIMEZONE for every TZID used (from
the IANA database, through ``zoneinfo``), and STATUS as the schedule says. A session that starts or ends
at a local time that happens twice (the clocks go back) has both times in UTC: a TZID time means
the first of the two. ``icalendar`` takes care of CRLF line ends, folding at 75 octets (never
inside a UTF-8 character) and TEXT escaping.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from ..model.event_versions import EventVersion, content_lines, event_content, raise_to_floor
from ..model.project import Project, Session
from ..plan.calendar_versions import event_version

__all__ = [
    "CalendarWriter",
    "to_ical",
    "write_calendar",
    "session_uid",
    "google_calendar_link",
]

PRODID = "-//trainops//Training sessions//EN"
_STATUS = {"confirmed": "CONFIRMED", "tentative": "TENTATIVE", "cancelled": "CANCELLED"}


def session_uid(project: Project, session: Session) -> str:
    """The event's UID: a calendar matches an update to the event it holds by it, so it must not
    change when the site moves; ``calendar_uid_domain`` keeps the host it was made with."""
    settings = project.settings
    host = settings.calendar_uid_domain or urlsplit(settings.site_url).hostname or "trainops.invalid"
    return f"{session.id}@{host}"


# (UTC offset, abbreviation, daylight saving time or not): what a VTIMEZONE observance says.
_Observance = tuple[timedelta, str, bool]


def _observance(zone: ZoneInfo, t: int) -> _Observance:
    local = datetime.fromtimestamp(t, zone)
    offset, name, dst = local.utcoffset(), local.tzname(), local.dst()
    assert offset is not None and name is not None
    return offset, name, bool(dst)


def _transitions(zone: ZoneInfo, start: int, stop: int) -> list[tuple[int, _Observance, _Observance]]:
    """Every change of observance in [start, stop) (POSIX seconds): (instant, before, after).

    ``zoneinfo`` does not list its transitions: they are found by stepping six hours at a time
    (no zone changes twice in six hours) and bisecting to the second each step where it changed."""
    step = 6 * 3600
    found = []
    t, current = start, _observance(zone, start)
    while t < stop:
        nxt = min(t + step, stop)
        after = _observance(zone, nxt)
        if after != current:
            lo, hi = t, nxt  # current at lo, not at hi
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if _observance(zone, mid) == current else (lo, mid)
            after = _observance(zone, hi)
            if hi < stop:
                found.append((hi, current, after))
            current, t = after, hi
        else:
            t = nxt
    return found


def _sub_component(
    local_start: datetime, before: _Observance, after: _Observance
) -> TimezoneStandard | TimezoneDaylight:
    part = TimezoneDaylight() if after[2] else TimezoneStandard()
    part.add("dtstart", local_start)
    part.add("tzoffsetfrom", before[0])
    part.add("tzoffsetto", after[0])
    part.add("tzname", after[1])
    return part


@lru_cache(maxsize=256)  # zones × spans of years: a handful; bounded for a day-long `serve`
def _vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE of ``tzid`` from 1 January ``first_year`` to 31 December ``last_year``.

    One STANDARD or DAYLIGHT per transition, with its own DTSTART: no multi-value RDATE (ical.js,
    in Thunderbird and many web calendars, reads only the first value of one) and no RRULE (the
    rules change; the transitions are what the IANA database says). DTSTART is the local time
    of the change as the clock showed it before (in TZOFFSETFROM), as RFC 5545 wants. The first
    observance is the one in force on 1 January ``first_year``, so a zone without daylight
    saving has one and every time in the range resolves. The same zone and years give the same
    bytes."""
    zone = ZoneInfo(tzid)
    start = int(datetime(first_year, 1, 1, tzinfo=zone).timestamp())
    stop = int(datetime(last_year + 1, 1, 1, tzinfo=zone).timestamp())
    tz = Timezone()
    tz.add("tzid", tzid)
    tz.add("comment", f"This timezone only works from {first_year}-01-01 to {last_year}-12-31.")
    initial = _observance(zone, start)
    tz.add_component(_sub_component(datetime(first_year, 1, 1), initial, initial))
    for t, before, after in _transitions(zone, start, stop):
        local_before = datetime.fromtimestamp(t, UTC).replace(tzinfo=None) + before[0]
        tz.add_component(_sub_component(local_before, before, after))
    return to_ical(tz)


def _repeated(local: datetime) -> bool:
    """Whether this wall time happens twice in its zone (PEP 495: the other fold has another offset)."""
    return local.utcoffset() != local.replace(fold=1 - local.fold).utcoffset()


class CalendarWriter:
    """Writes many feeds of one project, serialising each event and each VTIMEZONE only once.

    Components are written by ``icalendar``; a feed is its header, then the VTIMEZONEs of the
    zones it uses, then its events, then ``END:VCALENDAR``: what ``Calendar.to_ical`` gives for
    that calendar, but 20,000 sessions in three feeds each are serialised once, not three times.
    """

    def __init__(self, project: Project, page_url=None, events: dict[str, bytes] | None = None):
        """``events``: the serialised events of some sessions by id, from :meth:`events` of
        another writer of the same project (another process's)."""
        self.project = project
        self.page_url = page_url
        years = [s.start.year for s in project.sessions] + [s.end.year for s in project.sessions]
        self.first_year = (min(years) if years else project.today.year) - 1
        self.last_year = (max(years) if years else project.today.year) + 1
        self._events: dict[str, bytes] = dict(events or {})

    def event(self, s: Session) -> bytes:
        if s.id not in self._events:
            url = self.page_url(s) if self.page_url else None
            version = event_version(self.project, s)
            data = to_ical(_event(self.project, s, url, version))
            published = self.project.published_calendar
            previous = published.events.get(session_uid(self.project, s)) if published else None
            if previous is not None:
                floor = raise_to_floor(version, _content(data), previous)
                if floor != version:
                    data = to_ical(_event(self.project, s, url, floor))
            self._events[s.id] = data
        return self._events[s.id]

    def events(self, sessions: list[Session]) -> dict[str, bytes]:
        """The serialised event of each of ``sessions``, by session id."""
        return {s.id: self.event(s) for s in sessions}

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


def _content(event: bytes) -> str:
    """:func:`event_content` of a serialised event, unfolded as the reader of a published feed
    unfolds it (:mod:`trainops.load.published_calendar`)."""
    lines = content_lines(event.decode("utf-8"))
    return event_content(line for line in lines if line not in ("BEGIN:VEVENT", "END:VEVENT"))


def write_calendar(project: Project, sessions: list[Session], name: str, page_url=None) -> bytes:
    """One VCALENDAR with an event per session. ``page_url(session)`` gives a link for DESCRIPTION."""
    return CalendarWriter(project, page_url).calendar(sessions, name)


def _event(project: Project, s: Session, page_url: str | None, version: EventVersion | None = None) -> Event:
    """The event; ``page_url``: its guide's address (its URL) when the site has one; ``version``
    its SEQUENCE, DTSTAMP and LAST-MODIFIED (:func:`event_version` when not given)."""
    event = Event()
    record = project.programs.get(s.program)
    name = record.name if record else s.program
    version = version or event_version(project, s)
    event.add("uid", session_uid(project, s))
    event.add("dtstamp", version.stamp)
    if version.modified is not None:
        event.add("last-modified", version.modified)
    event.add("sequence", version.sequence)
    event.add("summary", f"{name} — {s.entry.title}" if s.entry.title else name)
    if _repeated(s.start) or _repeated(s.end):
        # A TZID time that happens twice is the first of the two (RFC 5545 3.3.5): in UTC, the
        # second one is read as meant, and the end keeps its distance from the start.
        event.add("dtstart", s.start_utc)
        event.add("dtend", s.end_utc)
    else:
        event.add("dtstart", s.start)
        event.add("dtend", s.end)
    event.add("status", _STATUS[s.status])
    # Where to go: the room, or for a session only online its call (a calendar shows LOCATION in
    # the event's summary and makes a link of it; a hybrid session's call is in DESCRIPTION).
    if s.entry.room or s.entry.link:
        event.add("location", s.entry.room or s.entry.link)
    if page_url or s.entry.link:
        event.add("url", page_url or s.entry.link)
    lines = []
    if record:
        lines.append(record.data.summary)
    if s.entry.link:
        lines.append(f"Join online: {s.entry.link}")
    # What learners do if it fails; the backup plan is the instructors' (calendars are the learners').
    if s.entry.if_it_fails:
        lines.append(f"If something goes wrong: {s.entry.if_it_fails}")
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
