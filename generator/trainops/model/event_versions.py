"""Which version of a session's calendar event a build publishes: SEQUENCE, DTSTAMP, LAST-MODIFIED.

A client that holds an event replaces it only with one of a higher SEQUENCE (or the same SEQUENCE
and a later DTSTAMP), so none may ever go back. SEQUENCE is therefore made of time, not of a count
of changes: the whole minutes from :data:`EPOCH` to the committer time of the commit that last
changed the session. Squash, amend and rebase make new commits with committer times no earlier
than the old ones, and a project moved to another folder shows its sessions added at the move:
each of these can only raise it. What history cannot see (``git reset --hard``, an uncommitted
edit built and then discarded) is covered by a floor, the events of the site the build replaces
(:func:`raise_to_floor`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

__all__ = [
    "EPOCH",
    "MAX_SEQUENCE",
    "EventVersion",
    "PublishedEvent",
    "PublishedCalendar",
    "sequence_at",
    "content_lines",
    "event_content",
    "raise_to_floor",
]

EPOCH = datetime(2020, 1, 1, tzinfo=UTC)  # SEQUENCE 0; the counts used before were 0-50, far below today's minutes
MAX_SEQUENCE = 2**31 - 1  # RFC 5545's INTEGER is 32 bits, signed
# The properties that say which version an event is: left out when two versions' content is compared.
VERSION_PROPERTIES = ("SEQUENCE", "DTSTAMP", "LAST-MODIFIED")
_VERSION_LINE = re.compile(rf"(?:{'|'.join(VERSION_PROPERTIES)})[;:]", re.IGNORECASE)
_FOLD = re.compile(r"\r?\n[ \t]")  # RFC 5545 3.1: a line break and one space or tab continue the line
_LINE_END = re.compile(r"\r?\n")


@dataclass(frozen=True)
class EventVersion:
    sequence: int
    stamp: datetime  # DTSTAMP, aware, UTC
    modified: datetime | None = None  # LAST-MODIFIED; None when nothing is known of the session's changes


@dataclass(frozen=True)
class PublishedEvent:
    """An event as the site a build replaces published it."""

    version: EventVersion
    content: str  # :func:`event_content` of its lines


@dataclass(frozen=True)
class PublishedCalendar:
    """The events a learner site published, by UID, and the folder they were read from."""

    site: str  # the folder's real path
    events: dict[str, PublishedEvent]


def sequence_at(when: datetime) -> int:
    """The whole minutes from :data:`EPOCH` to ``when``, within 0..:data:`MAX_SEQUENCE` (a commit
    dated before 2020, or in the year 6000, is clamped rather than wrapped)."""
    minutes = (when - EPOCH) // timedelta(minutes=1)
    return max(0, min(MAX_SEQUENCE, minutes))


def content_lines(text: str) -> list[str]:
    """The content lines of iCalendar text, unfolded (the same for ours and for a feed read back)."""
    return [line for line in _LINE_END.split(_FOLD.sub("", text)) if line]


def event_content(lines: Iterable[str]) -> str:
    """A digest of an event's unfolded content lines, without those that name its version: two
    versions with the same digest show a client the same event."""
    kept = "\n".join(line for line in lines if not _VERSION_LINE.match(line))
    return hashlib.sha256(kept.encode("utf-8", "surrogateescape")).hexdigest()


def raise_to_floor(derived: EventVersion, content: str, previous: PublishedEvent | None) -> EventVersion:
    """``derived`` (from the history), never below what the replaced site published for the event.

    The same content keeps the published version (its bytes do not change); other content with a
    published SEQUENCE at or above the derived one is the next SEQUENCE after it. DTSTAMP and
    LAST-MODIFIED are never earlier than the published ones."""
    if previous is None:
        return derived
    before = previous.version
    if derived.sequence <= before.sequence and content == previous.content:
        return before
    sequence = derived.sequence if derived.sequence > before.sequence else min(MAX_SEQUENCE, before.sequence + 1)
    modified = max((t for t in (derived.modified, before.modified) if t is not None), default=None)
    return EventVersion(sequence, max(derived.stamp, before.stamp), modified)
