"""The version a calendar event is published as: minutes since 2020, and the floor of the
replaced site (trainops.model.event_versions)."""

from __future__ import annotations

from datetime import UTC, datetime

from trainops.model.event_versions import (
    MAX_SEQUENCE,
    EventVersion,
    PublishedEvent,
    event_content,
    raise_to_floor,
    sequence_at,
)

MONDAY = datetime(2026, 11, 2, 9, tzinfo=UTC)
TUESDAY = datetime(2026, 11, 3, 9, tzinfo=UTC)


def test_sequence_is_whole_minutes_since_2020_clamped():
    assert sequence_at(datetime(2020, 1, 1, tzinfo=UTC)) == 0
    assert sequence_at(datetime(2020, 1, 1, 0, 1, 59, tzinfo=UTC)) == 1
    assert sequence_at(datetime(2019, 6, 1, tzinfo=UTC)) == 0  # a commit dated before 2020
    assert sequence_at(datetime(9999, 12, 31, tzinfo=UTC)) == MAX_SEQUENCE  # past 32 bits
    assert sequence_at(TUESDAY) > sequence_at(MONDAY) > 50  # above every count the old design gave


def test_the_content_leaves_out_the_version_only():
    lines = ["UID:a@x", "DTSTAMP:20261102T090000Z", "SEQUENCE:4", "LAST-MODIFIED:20261102T090000Z", "LOCATION:4A"]
    assert event_content(lines) == event_content(["UID:a@x", "SEQUENCE:9", "LOCATION:4A"])
    assert event_content(lines) != event_content(["UID:a@x", "LOCATION:4B"])


def test_the_floor_only_ever_raises():
    derived = EventVersion(sequence_at(MONDAY), MONDAY, MONDAY)
    later = EventVersion(sequence_at(TUESDAY), TUESDAY, TUESDAY)
    same, other = event_content(["LOCATION:4A"]), event_content(["LOCATION:4B"])
    assert raise_to_floor(derived, same, None) == derived
    # A later history wins; the same content published later keeps its version.
    assert raise_to_floor(later, other, PublishedEvent(derived, same)) == later
    assert raise_to_floor(derived, same, PublishedEvent(later, same)) == later
    # Other content below what was published (a reset, a discarded edit): the next version.
    assert raise_to_floor(derived, other, PublishedEvent(later, same)) == EventVersion(
        later.sequence + 1, TUESDAY, TUESDAY
    )
    # Without a history (a shallow clone): a fixed stamp and no LAST-MODIFIED, never below.
    bare = EventVersion(0, datetime(2000, 1, 1, tzinfo=UTC))
    assert raise_to_floor(bare, other, PublishedEvent(later, same)).stamp == TUESDAY
    top = EventVersion(MAX_SEQUENCE, TUESDAY)
    assert raise_to_floor(derived, other, PublishedEvent(top, same)).sequence == MAX_SEQUENCE
