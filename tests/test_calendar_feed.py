"""Calendar feeds: re-parsed by icalendar, and the RFC 5545 rules checked by our own reading."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import icalendar
import pytest

from trainops.calendar_feed import write_calendar

FEEDS = ("schedule/all.ics", "programs/onboarding/sessions.ics", "programs/platform-rollout/sessions.ics",
         "programs/compliance-refresher/sessions/comp-2027-02-16.ics")


def unfold(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


@pytest.mark.parametrize("feed", FEEDS)
def test_feed_follows_rfc5545(built_site, feed):
    data = (built_site / feed).read_bytes()
    cal = icalendar.Calendar.from_ical(data)  # an independent parser reads it without error
    assert cal.errors == [] and all(not c.errors for c in cal.walk())
    # CRLF everywhere, no bare LF; lines folded at 75 octets, never inside a UTF-8 character.
    assert b"\n" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # raises if a fold split a character
    lines = unfold(data)
    assert lines[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in lines and any(l.startswith("PRODID:") for l in lines)
    used = set(re.findall(r";TZID=([^:;]+)", "\n".join(lines)))
    defined = {l.split(":", 1)[1] for l in lines if l.startswith("TZID:")}
    assert used and used <= defined, "a VTIMEZONE for every TZID"
    events = cal.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    for e in events:
        assert e.get("DTSTAMP") is not None and e.get("SEQUENCE") is not None
        assert e.decoded("DTSTAMP") == datetime(2026, 11, 23, tzinfo=timezone.utc)


def test_events_are_at_the_right_utc_instant_with_place_and_status(built_site, example_project):
    cal = icalendar.Calendar.from_ical((built_site / "schedule/all.ics").read_bytes())
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    assert set(events) == {s.id for s in example_project.sessions}
    for s in example_project.sessions:
        e = events[s.id]
        assert e.decoded("DTSTART").astimezone(timezone.utc) == s.start_utc
        assert e.decoded("DTEND").astimezone(timezone.utc) == s.end_utc
        assert str(e["STATUS"]) == {"confirmed": "CONFIRMED", "tentative": "TENTATIVE", "cancelled": "CANCELLED"}[s.status]
        if s.entry.room:
            assert str(e["LOCATION"]) == s.entry.room
        if s.entry.link:
            assert str(e["URL"]) == s.entry.link
        assert str(e["SUMMARY"]).startswith(example_project.programs[s.program].name)
    # The session on the US daylight-saving day (2027-03-14) is at 10:00 EDT = 14:00 UTC.
    dst = events["plat-2027-03-14"]
    assert dst.decoded("DTSTART").astimezone(timezone.utc) == datetime(2027, 3, 14, 14, 0, tzinfo=timezone.utc)


def test_uid_is_stable_and_derived_from_the_session(example_project):
    one = write_calendar(example_project, example_project.sessions, "All")
    two = write_calendar(example_project, list(reversed(example_project.sessions)), "All")
    assert one == two
    assert b"UID:onb-2026-12-01@learning.example.com" in one


def test_text_is_escaped_and_long_utf8_lines_fold_cleanly(example_project):
    from dataclasses import replace

    s = example_project.sessions[2]
    entry = s.entry.model_copy(update={"room": "Sala 3, Piso 2; edificio \"Norte\" — ÅÄÖ 会議室 " * 3})
    data = write_calendar(example_project, [replace(s, entry=entry)], "X")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    location = [l for l in unfold(data) if l.startswith("LOCATION:")][0]
    assert "Sala 3\\, Piso 2\\; edificio" in location
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal.walk("VEVENT")[0]["LOCATION"]) == entry.room


def test_fast_serialisation_is_icalendars_own(example_project):
    """to_ical skips icalendar's folding for short lines: the bytes must not change."""
    from icalendar import Event

    from trainops.calendar_feed import _event, to_ical

    stamp = datetime(2026, 11, 23, tzinfo=timezone.utc)
    for s in example_project.sessions:
        event = _event(example_project, s, stamp, "https://learning.example.com/programs/x/")
        assert to_ical(event) == event.to_ical()
    tricky = Event()
    tricky.add("summary", "é" * 37)  # 74 octets: not folded
    tricky.add("location", "é" * 38)  # 76 octets: folded between characters
    tricky.add("description", "x" * 73 + "\\" + "n" + "ü" * 200 + ",;")  # escapes near a fold
    tricky.add("url", "https://example.com/" + "a" * 54)  # exactly 74/75 octets with its name
    assert to_ical(tricky) == tricky.to_ical()
