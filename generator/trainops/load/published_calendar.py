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
from icalendar.parser import Contentline, Contentlines

from ..model.event_versions import EventVersion, PublishedEvent, event_content
from ..store.paths import SITE_MARKER

__all__ = ["read_published_events"]

MAX_FEED_BYTES = 1 << 30  # a feed larger than this is no feed trainops wrote (20,000 sessions: 25 MB)


def read_published_events(site_dir: Path | str, feed: str) -> dict[str, PublishedEvent]:
    """Each event of ``feed`` (a path in the site) by UID; nothing when the folder is no site
    trainops built, has no such feed, or one that cannot be read (the floor is a safety net: a
    site without it builds as before). An event whose version cannot be read is left out."""
    path = Path(site_dir, feed)
    if not os.path.isfile(Path(site_dir, SITE_MARKER)) or not path.is_file() or path.is_symlink():
        return {}
    try:
        if path.stat().st_size > MAX_FEED_BYTES:
            return {}
        lines = Contentlines.from_ical(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    found: dict[str, PublishedEvent] = {}
    event: list[Contentline] | None = None
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


def _published(lines: list[Contentline]) -> tuple[str, PublishedEvent] | None:
    values: dict[str, str] = {}
    for line in lines:
        name = line.split(":", 1)[0].split(";", 1)[0].upper()
        if name in ("UID", "SEQUENCE", "DTSTAMP", "LAST-MODIFIED"):
            try:
                values[name] = line.parts()[2]
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
    """A UTC date-time as DTSTAMP and LAST-MODIFIED must be written (RFC 5545 3.8.7)."""
    value = vDatetime.from_ical(text)
    if value.tzinfo is None:
        raise ValueError(text)
    return value.astimezone(UTC)
