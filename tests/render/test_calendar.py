"""Calendar feeds: re-parsed by icalendar, dateutil and Mozilla's ical.js, and the RFC 5545 rules
checked by our own reading."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.helpers import REPO, TODAY, copy_example
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.render.calendar import _vtimezone, write_calendar

FEEDS = (
    "schedule/all.ics",
    "programs/onboarding/sessions.ics",
    "programs/platform-rollout/sessions.ics",
    "programs/compliance-refresher/sessions/comp-2027-02-16.ics",
)


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
    assert lines[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in lines
    assert any(line.startswith("PRODID:") for line in lines)
    used = set(re.findall(r";TZID=([^:;]+)", "\n".join(lines)))
    defined = {line.split(":", 1)[1] for line in lines if line.startswith("TZID:")}
    assert used and used <= defined, "a VTIMEZONE for every TZID"
    events = cal.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    for e in events:
        assert e.get("DTSTAMP") is not None and e.get("SEQUENCE") is not None
        # No history in this copy (no .git): a fixed DTSTAMP, never the build's day, and no LAST-MODIFIED.
        assert e.decoded("DTSTAMP") == datetime(2000, 1, 1, tzinfo=UTC) and "LAST-MODIFIED" not in e


def test_events_are_at_the_right_utc_instant_with_place_and_status(built_site, example_project):
    cal = icalendar.Calendar.from_ical((built_site / "schedule/all.ics").read_bytes())
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    assert set(events) == {s.id for s in example_project.sessions}
    for s in example_project.sessions:
        e = events[s.id]
        assert e.decoded("DTSTART").astimezone(UTC) == s.start_utc
        assert e.decoded("DTEND").astimezone(UTC) == s.end_utc
        assert (
            str(e["STATUS"]) == {"confirmed": "CONFIRMED", "tentative": "TENTATIVE", "cancelled": "CANCELLED"}[s.status]
        )
        # Where to go: the room, or the call of a session only online.
        assert str(e["LOCATION"]) == (s.entry.room or s.entry.link)
        # The event's page is its guide (the site has an address); the call's link is in the description.
        assert str(e["URL"]) == f"https://learning.example.com/programs/{s.program}/"
        if s.entry.link:
            assert f"Join online: {s.entry.link}" in str(e["DESCRIPTION"])
        assert str(e["SUMMARY"]).startswith(example_project.programs[s.program].name)
    # The session on the US daylight-saving day (2027-03-14) is at 10:00 EDT = 14:00 UTC.
    dst = events["plat-2027-03-14"]
    assert dst.decoded("DTSTART").astimezone(UTC) == datetime(2027, 3, 14, 14, 0, tzinfo=UTC)


def test_uid_is_stable_and_derived_from_the_session(example_project):
    one = write_calendar(example_project, example_project.sessions, "All")
    two = write_calendar(example_project, list(reversed(example_project.sessions)), "All")
    assert one == two
    assert b"UID:onb-2026-12-01@learning.example.com" in one


def test_uids_keep_their_domain_when_the_site_moves_with_calendar_uid_domain(tmp_path):
    root = copy_example(tmp_path / "org")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    moved = text.replace("https://learning.example.com/", "https://training.example.org/")

    def uid_hosts(mkdocs_yml: str) -> set[str]:
        (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
        settings, problems = read_settings(root)
        assert problems == []
        project, _ = load_project(root, settings, TODAY)
        cal = icalendar.Calendar.from_ical(write_calendar(project, project.sessions, "All"))
        return {str(e["UID"]).split("@")[1] for e in cal.walk("VEVENT")}

    assert uid_hosts(text) == {"learning.example.com"}  # the default: site_url's host, as before
    assert uid_hosts(moved) == {"training.example.org"}  # (what moving did without the setting)
    kept = moved.replace("  - trainops\n", "  - trainops:\n      calendar_uid_domain: Learning.Example.com\n")
    assert uid_hosts(kept) == {"learning.example.com"}


def test_text_is_escaped_and_long_utf8_lines_fold_cleanly(example_project):
    from dataclasses import replace

    s = example_project.sessions[2]
    entry = s.entry.model_copy(update={"room": 'Sala 3, Piso 2; edificio "Norte" — ÅÄÖ 会議室 ' * 3})
    data = write_calendar(example_project, [replace(s, entry=entry)], "X")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    location = [line for line in unfold(data) if line.startswith("LOCATION:")][0]
    assert "Sala 3\\, Piso 2\\; edificio" in location
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal.walk("VEVENT")[0]["LOCATION"]) == entry.room


def test_fast_serialisation_is_icalendars_own(example_project):
    """to_ical skips icalendar's folding for short lines: the bytes must not change."""
    from icalendar import Event

    from trainops.model.event_versions import EventVersion
    from trainops.render.calendar import _event, to_ical

    stamp = datetime(2026, 11, 23, tzinfo=UTC)
    for s in example_project.sessions:
        event = _event(example_project, s, "https://learning.example.com/programs/x/", EventVersion(3, stamp, stamp))
        assert to_ical(event) == event.to_ical()
    tricky = Event()
    tricky.add("summary", "é" * 37)  # 74 octets: not folded
    tricky.add("location", "é" * 38)  # 76 octets: folded between characters
    tricky.add("description", "x" * 73 + "\\" + "n" + "ü" * 200 + ",;")  # escapes near a fold
    tricky.add("url", "https://example.com/" + "a" * 54)  # exactly 74/75 octets with its name
    assert to_ical(tricky) == tricky.to_ical()


# --- Every session at the intended instant, as other parsers read it ---------------------------
#
# Three readings that are not ours: icalendar (TZIDs it knows come from zoneinfo), dateutil (given
# each of the file's VTIMEZONEs through icalendar's Timezone.to_tz) and Mozilla's ical.js, the
# parser of Thunderbird and many web calendars, which resolves a TZID through the file's own
# VTIMEZONE. Each must give every event's start and end at the instants zoneinfo gives.

ICALJS_READ = REPO / "tests" / "icaljs_read.mjs"
ICALJS = REPO / "tests" / "browser" / "node_modules" / "ical.js" / "package.json"
BOOTSTRAP = "run TRAINOPS_BROWSER=1 scripts/bootstrap (it installs ical.js, with npm ci in tests/browser)"
Instants = dict[str, tuple[datetime, datetime]]  # UID (before the @) -> (start, end) in UTC


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# id, zone, local start, fold, end (or None), duration (or None); then checked by hand from the
# offsets in force: the start in UTC and the length in minutes. 2027: New York is UTC-5 until
# 14 March 02:00 and from 7 November 02:00 EDT (01:00-02:00 happens twice), UTC-4 between;
# Berlin +1, +2 from 28 March 02:00 to 31 October 03:00 CEST (02:00-03:00 twice); Sydney +11
# until 4 April 03:00 AEDT (02:00-03:00 twice), +10 until 3 October 02:00, +11 again; Tokyo +9
# and Kolkata +5:30 all year.
CASES = [
    ("ny-2026-winter", "America/New_York", "2026-12-01 09:30", None, "12:00", None, "2026-12-01 14:30", 150),
    ("ny-winter", "America/New_York", "2027-01-12 09:00", None, "10:30", None, "2027-01-12 14:00", 90),
    ("ny-spring-day", "America/New_York", "2027-03-14 09:00", None, "10:00", None, "2027-03-14 13:00", 60),
    ("ny-over-the-gap", "America/New_York", "2027-03-14 01:30", None, "03:30", None, "2027-03-14 06:30", 60),
    ("ny-summer", "America/New_York", "2027-07-06 09:00", None, None, "1h", "2027-07-06 13:00", 60),
    ("ny-autumn-day", "America/New_York", "2027-11-07 09:00", None, "10:00", None, "2027-11-07 14:00", 60),
    ("ny-twice-first-end", "America/New_York", "2027-11-07 01:30", 0, "01:50", None, "2027-11-07 05:30", 20),
    ("ny-twice-second-end", "America/New_York", "2027-11-07 01:30", 1, "02:30", None, "2027-11-07 06:30", 60),
    ("ny-twice-first-duration", "America/New_York", "2027-11-07 01:30", 0, None, "1h", "2027-11-07 05:30", 60),
    ("ny-twice-second-duration", "America/New_York", "2027-11-07 01:30", 1, None, "1h", "2027-11-07 06:30", 60),
    ("ny-ends-twice-first", "America/New_York", "2027-11-07 00:30", 0, "01:30", None, "2027-11-07 04:30", 60),
    ("ny-ends-twice-second", "America/New_York", "2027-11-07 00:30", 1, "01:30", None, "2027-11-07 04:30", 120),
    ("ny-across-the-change", "America/New_York", "2027-11-07 00:45", None, None, "3h", "2027-11-07 04:45", 180),
    ("ny-2028-summer", "America/New_York", "2028-06-20 09:00", None, "10:00", None, "2028-06-20 13:00", 60),
    ("ber-winter", "Europe/Berlin", "2027-01-20 10:00", None, "12:00", None, "2027-01-20 09:00", 120),
    ("ber-spring-day", "Europe/Berlin", "2027-03-28 09:00", None, "10:00", None, "2027-03-28 07:00", 60),
    ("ber-summer", "Europe/Berlin", "2027-06-15 14:00", None, None, "2h", "2027-06-15 12:00", 120),
    ("ber-twice-first-duration", "Europe/Berlin", "2027-10-31 02:30", 0, None, "1h", "2027-10-31 00:30", 60),
    ("ber-twice-second-end", "Europe/Berlin", "2027-10-31 02:30", 1, "03:30", None, "2027-10-31 01:30", 60),
    ("syd-summer", "Australia/Sydney", "2027-01-15 09:00", None, "17:00", None, "2027-01-14 22:00", 480),
    ("syd-autumn-day", "Australia/Sydney", "2027-04-04 09:00", None, "10:00", None, "2027-04-03 23:00", 60),
    ("syd-twice-first-end", "Australia/Sydney", "2027-04-04 02:30", 0, "03:30", None, "2027-04-03 15:30", 120),
    ("syd-twice-second-duration", "Australia/Sydney", "2027-04-04 02:30", 1, None, "30m", "2027-04-03 16:30", 30),
    ("syd-winter", "Australia/Sydney", "2027-07-15 09:00", None, None, "8h", "2027-07-14 23:00", 480),
    ("syd-spring-day", "Australia/Sydney", "2027-10-03 09:00", None, "10:00", None, "2027-10-02 22:00", 60),
    ("tyo-winter", "Asia/Tokyo", "2027-01-14 09:00", None, "10:00", None, "2027-01-14 00:00", 60),
    ("tyo-summer", "Asia/Tokyo", "2027-07-01 18:00", None, None, "1h30m", "2027-07-01 09:00", 90),
    ("ccu-winter", "Asia/Kolkata", "2027-01-05 10:00", None, None, "1h", "2027-01-05 04:30", 60),
    ("ccu-summer", "Asia/Kolkata", "2027-08-05 15:30", None, "17:00", None, "2027-08-05 10:00", 90),
    ("utc-session", "UTC", "2027-05-05 12:00", None, "13:00", None, "2027-05-05 12:00", 60),
]
TWICE = {
    "ny-twice-first-end",
    "ny-twice-second-end",
    "ny-twice-first-duration",
    "ny-twice-second-duration",
    "ny-ends-twice-first",
    "ny-ends-twice-second",
    "ber-twice-first-duration",
    "ber-twice-second-end",
    "syd-twice-first-end",
    "syd-twice-second-duration",
}


def zoneinfo_instants(
    zone: str, start: str, fold: int | None, end: str | None, duration: str | None, minutes: int
) -> tuple[datetime, datetime]:
    """What zoneinfo says (PEP 495 fold) the schedule's local times are; a duration is elapsed time."""
    tz = ZoneInfo(zone)
    local = datetime.fromisoformat(start).replace(tzinfo=tz, fold=fold or 0)
    begin = local.astimezone(UTC)
    if duration is not None:
        return begin, begin + timedelta(minutes=minutes)
    assert end is not None
    finish = datetime.combine(local.date(), time.fromisoformat(end)).replace(tzinfo=tz, fold=fold or 0)
    return begin, finish.astimezone(UTC)


def schedule_yaml(cases) -> str:
    lines = ["sessions:"]
    for sid, zone, start, fold, end, duration, _, _ in cases:
        lines += ["  - program: onboarding", f"    id: {sid}", f"    timezone: {zone}", f"    start: {start}"]
        lines += [f"    fold: {fold}"] if fold is not None else []
        lines += [f"    end: {end}"] if end is not None else [f"    duration: {duration}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def zones_project(tmp_path_factory):
    """The example organisation with the sessions of CASES as its schedule."""
    root = copy_example(tmp_path_factory.mktemp("zones"))
    (root / "programs" / "schedule.yaml").write_text(schedule_yaml(CASES), encoding="utf-8")
    settings, problems = read_settings(root)
    project, diagnostics = load_project(root, settings, TODAY)
    assert not [d for d in problems + diagnostics if d.severity == "error"]
    assert {s.id for s in project.sessions} == {case[0] for case in CASES}
    return project


def read_with_icalendar(data: bytes) -> Instants:
    cal = icalendar.Calendar.from_ical(data)
    return {
        str(e["UID"]).split("@")[0]: (e.decoded("DTSTART").astimezone(UTC), e.decoded("DTEND").astimezone(UTC))
        for e in cal.walk("VEVENT")
    }


def read_with_own_vtimezones(data: bytes) -> Instants:
    """dateutil's reading of the file's VTIMEZONEs (not looked up by TZID) for every TZID time."""
    cal = icalendar.Calendar.from_ical(data)
    zones = {str(tz["TZID"]): tz.to_tz(lookup_tzid=False) for tz in cal.walk("VTIMEZONE")}

    def instant(prop) -> datetime:
        tzid = prop.params.get("TZID")
        if tzid is None:
            assert prop.dt.utcoffset() == timedelta(0), prop.to_ical()
            return prop.dt.astimezone(UTC)
        return prop.dt.replace(tzinfo=zones[tzid]).astimezone(UTC)

    return {str(e["UID"]).split("@")[0]: (instant(e["DTSTART"]), instant(e["DTEND"])) for e in cal.walk("VEVENT")}


def read_with_icaljs(*paths: Path) -> dict[Path, dict[str, dict]]:
    """Mozilla's ical.js reading of each file (tests/icaljs_read.mjs): UID -> start, end and zone."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"node is not installed: {BOOTSTRAP}")
    if not ICALJS.is_file():
        pytest.fail(f"ical.js is not installed in tests/browser/node_modules: {BOOTSTRAP}")
    run = subprocess.run([node, str(ICALJS_READ), *map(str, paths)], capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        pytest.fail(f"ical.js could not read the feeds ({BOOTSTRAP} if it is missing):\n{run.stderr}")
    read = json.loads(run.stdout)
    return {p: {uid.split("@")[0]: event for uid, event in read[str(p)].items()} for p in paths}


def icaljs_instants(events: dict[str, dict]) -> Instants:
    return {
        uid: (datetime.fromtimestamp(e["start"], UTC), datetime.fromtimestamp(e["end"], UTC))
        for uid, e in events.items()
    }


def assert_same_instants(reader: str, read: Instants, expected: Instants) -> None:
    assert set(read) == set(expected), f"{reader}: other events than expected"
    wrong = [
        f"{uid}: {read[uid][0]:%Y-%m-%d %H:%M}Z-{read[uid][1]:%H:%M}Z, meant "
        f"{expected[uid][0]:%Y-%m-%d %H:%M}Z-{expected[uid][1]:%H:%M}Z"
        for uid in sorted(expected)
        if read[uid] != expected[uid]
    ]
    assert not wrong, f"{reader} reads sessions at other instants:\n" + "\n".join(wrong)


def test_the_cases_are_what_zoneinfo_says(zones_project):
    """The hand-checked instants of CASES, zoneinfo's, and the loaded sessions' agree."""
    sessions = {s.id: s for s in zones_project.sessions}
    for sid, zone, start, fold, end, duration, utc_start, minutes in CASES:
        begin, finish = zoneinfo_instants(zone, start, fold, end, duration, minutes)
        assert (begin, finish) == (utc(utc_start), utc(utc_start) + timedelta(minutes=minutes)), sid
        assert (sessions[sid].start_utc, sessions[sid].end_utc) == (begin, finish), sid
        assert sessions[sid].zone == zone


def test_every_parser_reads_every_session_at_its_instant(zones_project, tmp_path):
    data = write_calendar(zones_project, zones_project.sessions, "Zones")
    feed = tmp_path / "zones.ics"
    feed.write_bytes(data)
    expected = {c[0]: zoneinfo_instants(*c[1:6], c[7]) for c in CASES}
    assert_same_instants("icalendar", read_with_icalendar(data), expected)
    assert_same_instants("dateutil (the file's VTIMEZONEs)", read_with_own_vtimezones(data), expected)
    icaljs = read_with_icaljs(feed)[feed]
    assert_same_instants("ical.js", icaljs_instants(icaljs), expected)
    for sid, zone, *_ in CASES:
        # ical.js found each TZID's VTIMEZONE in the file; a repeated local time is written in UTC.
        want = "UTC" if sid in TWICE or zone == "UTC" else zone
        assert (icaljs[sid]["startZone"], icaljs[sid]["endZone"]) == (want, want), sid
    # Durations are kept, the repeated hour's ones included (fold 0 + 1h used to end as it began).
    for reading in (read_with_icalendar(data), icaljs_instants(icaljs)):
        for sid, *_, minutes in CASES:
            assert reading[sid][1] - reading[sid][0] == timedelta(minutes=minutes), sid


def test_a_repeated_local_time_is_written_in_utc_and_others_in_their_zone(zones_project):
    events = {
        str(e["UID"]).split("@")[0]: e
        for e in icalendar.Calendar.from_ical(write_calendar(zones_project, zones_project.sessions, "Zones")).walk(
            "VEVENT"
        )
    }
    for sid, zone, *_ in CASES:
        for name in ("DTSTART", "DTEND"):
            prop = events[sid][name]
            if sid in TWICE or zone == "UTC":
                assert "TZID" not in prop.params and prop.to_ical().endswith(b"Z"), (sid, name)
            else:
                assert prop.params["TZID"] == zone and not prop.to_ical().endswith(b"Z"), (sid, name)
    assert events["ny-twice-second-duration"]["DTSTART"].to_ical() == b"20271107T063000Z"


def test_built_feeds_read_the_same_in_every_parser(built_site, example_project):
    sessions = {s.id: s for s in example_project.sessions}
    paths = [built_site / feed for feed in FEEDS]
    for path, events in read_with_icaljs(*paths).items():
        data = path.read_bytes()
        expected = {uid: (sessions[uid].start_utc, sessions[uid].end_utc) for uid in read_with_icalendar(data)}
        assert expected
        assert_same_instants(f"icalendar ({path.name})", read_with_icalendar(data), expected)
        assert_same_instants(f"dateutil ({path.name})", read_with_own_vtimezones(data), expected)
        assert_same_instants(f"ical.js ({path.name})", icaljs_instants(events), expected)
    # The session on the US daylight-saving day, as Thunderbird shows it: 10:00 EDT = 14:00 UTC.
    events = read_with_icaljs(built_site / "schedule/all.ics")[built_site / "schedule/all.ics"]
    assert events["plat-2027-03-14"]["start"] == utc("2027-03-14 14:00").timestamp()
    # Where Thunderbird says the event is: the room, or the call of a session only online.
    for uid, event in events.items():
        entry = sessions[uid].entry
        assert event["location"] == (entry.room or entry.link), uid
    assert events["onb-2026-12-04"]["location"] == "https://example.com/meet/onb-day4"


ZONES = ("America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Tokyo", "Asia/Kolkata")


@pytest.mark.parametrize("tzid", ZONES)
def test_vtimezone_lists_every_transition_as_zoneinfo_has_it(tzid):
    """One STANDARD or DAYLIGHT per change, its DTSTART the local time before the change, after
    one for what is in force on 1 January: no multi-value RDATE (ical.js reads its first value only)."""
    data = _vtimezone(tzid, 2026, 2028)
    assert b"RDATE" not in data and b"RRULE" not in data
    tz = icalendar.Calendar.from_ical(b"BEGIN:VCALENDAR\r\n" + data + b"END:VCALENDAR\r\n").walk("VTIMEZONE")[0]
    assert str(tz["TZID"]) == tzid
    zone = ZoneInfo(tzid)
    parts = tz.subcomponents
    first = parts[0]
    jan1 = datetime(2026, 1, 1, tzinfo=zone)
    assert first.decoded("DTSTART") == datetime(2026, 1, 1)
    assert first.decoded("TZOFFSETFROM") == first.decoded("TZOFFSETTO") == jan1.utcoffset()
    assert (first.name == "DAYLIGHT") == bool(jan1.dst()) and str(first["TZNAME"]) == jan1.tzname()
    changes = []
    for part in parts[1:]:
        before, after = part.decoded("TZOFFSETFROM"), part.decoded("TZOFFSETTO")
        instant = (part.decoded("DTSTART") - before).replace(tzinfo=UTC)  # local time before - offset
        just_before, now = (instant - timedelta(seconds=1)).astimezone(zone), instant.astimezone(zone)
        assert (just_before.utcoffset(), now.utcoffset(), now.tzname()) == (before, after, str(part["TZNAME"]))
        assert (part.name == "DAYLIGHT") == bool(now.dst())
        changes.append(instant)
    # ...and zoneinfo has no other change in those three years (looked for hour by hour).
    seen, hour = [], jan1.astimezone(UTC)
    while hour < datetime(2029, 1, 1, tzinfo=zone):
        if hour.astimezone(zone).utcoffset() != (hour + timedelta(hours=1)).astimezone(zone).utcoffset():
            seen.append(hour + timedelta(hours=1))
        hour += timedelta(hours=1)
    assert len(seen) == len(changes)
    assert all(h - timedelta(hours=1) < c <= h for c, h in zip(changes, seen, strict=True))
    assert len(changes) == (6 if tzid in ("America/New_York", "Europe/Berlin", "Australia/Sydney") else 0)


def test_new_york_daylight_time_starts_at_two_in_the_morning():
    lines = unfold(_vtimezone("America/New_York", 2026, 2028))
    daylight = [lines[i + 1] for i, line in enumerate(lines) if line == "BEGIN:DAYLIGHT"]
    assert daylight == ["DTSTART:20260308T020000", "DTSTART:20270314T020000", "DTSTART:20280312T020000"]


def test_vtimezone_bytes_are_the_same_every_time():
    once = _vtimezone("Australia/Sydney", 2025, 2029)
    _vtimezone.cache_clear()
    assert _vtimezone("Australia/Sydney", 2025, 2029) == once
