"""The calendar events the learner site a build replaces published: the floor no event's version
may fall below (:func:`trainops.model.event_versions.raise_to_floor`).

Read from the site's feed of all sessions, which holds every event of every feed, and only from a
folder trainops built (its marker file): it must be read before the build replaces the folder.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from icalendar import vDatetime
from icalendar.parser import Contentline

from ..model.event_versions import EventVersion, PublishedCalendar, PublishedEvent, content_lines, event_content
from ..store.paths import SITE_MARKER

__all__ = ["read_published_calendar"]

MAX_FEED_BYTES = 1 << 30  # a feed larger than this is no feed trainops wrote (20,000 sessions: 12 MB)
_VERSION = ("UID", "SEQUENCE", "DTSTAMP", "LAST-MODIFIED")


def read_published_calendar(site_dir: Path | str, feed: str) -> PublishedCalendar:
    """Each event of ``feed`` (a path in the site) by UID; none when the folder is no site
    trainops built, has no such feed, or one that cannot be read (the floor is a safety net: a
    site without it builds as before). An event whose version cannot be read is left out."""
    return PublishedCalendar(os.path.realpath(site_dir), _events(Path(site_dir), feed))


def _events(site_dir: Path, feed: str) -> dict[str, PublishedEvent]:
    path = site_dir / feed
    if not os.path.isfile(site_dir / SITE_MARKER) or not path.is_file() or path.is_symlink():
        return {}
    try:
        if path.stat().st_size > MAX_FEED_BYTES:
            return {}
        lines = content_lines(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}
    found: dict[str, PublishedEvent] = {}
    event: list[str] | None = None
    for line in lines:
        if line == "BEGIN:VEVENT":
            event = []
        elif line == "END:VEVENT" and event is not None:
            published = _published(event)
            if published is not None:
                found[published[0]] = published[1]
            event = None
        elif event is not None:
            event.append(line)
    return found


def _published(lines: list[str]) -> tuple[str, PublishedEvent] | None:
    values: dict[str, str] = {}
    for line in lines:
        head, _, value = line.partition(":")
        name = head.split(";", 1)[0].upper()
        if name in _VERSION:
            try:  # (with parameters, icalendar reads the line: a quoted parameter may hold a colon)
                values[name] = Contentline(line).parts()[2] if ";" in head else value
            except ValueError:
                return None
    try:
        uid, sequence = values["UID"], int(values["SEQUENCE"])
        stamp = _utc(values["DTSTAMP"])
        modified = _utc(values["LAST-MODIFIED"]) if "LAST-MODIFIED" in values else None
    except (KeyError, ValueError):
        return None
    if sequence < 0:
        return None
    return uid, PublishedEvent(EventVersion(sequence, stamp, modified), event_content(lines))


def _utc(text: str) -> datetime:
    """A UTC date-time as DTSTAMP and LAST-MODIFIED must be written (RFC 5545 3.8.7), read by icalendar."""
    value = vDatetime.from_ical(text)
    if value.tzinfo is None:
        raise ValueError(text)
    return value.astimezone(UTC)
