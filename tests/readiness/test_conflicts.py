"""Double bookings compared as real instants: across time zones and over a DST change."""

from __future__ import annotations

from .healthy import SCHEDULE, findings_for


def session(sid, start, end, zone, instructor="ben.cole", room=None):
    room_lines = f"    room: {room}\n    capacity: 8\n" if room else "    link: https://example.com/meet\n"
    return (
        f"  - program: forklift\n    id: {sid}\n    start: {start}\n    end: {end}\n    timezone: {zone}\n"
        f"{room_lines}    instructor: {instructor}\n    backup: call in\n"
    )


def rules(tmp_path, extra):
    _, findings = findings_for(tmp_path, {"programs/schedule.yaml": SCHEDULE + extra})
    return sorted((f.rule, f.session) for f in findings if f.rule.endswith("double-booked"))


def test_sessions_in_different_zones_that_overlap_in_reality(tmp_path):
    # 09:00-11:00 in New York is 15:00-17:00 in Madrid: overlaps 16:00 Madrid.
    extra = session("ny", "2026-12-10 09:00", "11:00", "America/New_York") + session(
        "md", "2026-12-10 16:00", "17:00", "Europe/Madrid"
    )
    assert rules(tmp_path, extra) == [("instructor-double-booked", "md"), ("instructor-double-booked", "ny")]


def test_same_wall_clock_in_different_zones_is_no_conflict(tmp_path):
    extra = session("ny", "2026-12-10 09:00", "11:00", "America/Chicago") + session(
        "md", "2026-12-10 09:00", "11:00", "Europe/Madrid"
    )
    assert rules(tmp_path, extra) == []


def test_back_to_back_sessions_do_not_conflict(tmp_path):
    extra = session("a", "2026-12-10 09:00", "10:00", "America/Chicago") + session(
        "b", "2026-12-10 10:00", "11:00", "America/Chicago"
    )
    assert rules(tmp_path, extra) == []


def test_dst_change_is_respected(tmp_path):
    # From 2027-03-14 Chicago is UTC-5 while Madrid stays UTC+1 until 28 March: 10:00-11:00 in
    # Chicago is 15:00-16:00 UTC that day, so 17:00 in Madrid (16:00 UTC) is free. A week
    # earlier both are 16:00-17:00 UTC: a real conflict.
    dst_day = session("chi", "2027-03-14 10:00", "11:00", "America/Chicago") + session(
        "mad", "2027-03-14 17:00", "18:00", "Europe/Madrid"
    )
    assert rules(tmp_path, dst_day) == []
    winter = session("chi", "2027-03-07 10:00", "11:00", "America/Chicago") + session(
        "mad", "2027-03-07 17:00", "18:00", "Europe/Madrid"
    )
    assert rules(tmp_path, winter) == [("instructor-double-booked", "chi"), ("instructor-double-booked", "mad")]


def test_a_cancelled_session_books_nothing(tmp_path):
    extra = (
        session("a", "2026-12-10 09:00", "10:00", "America/Chicago")
        + session("b", "2026-12-10 09:30", "10:30", "America/Chicago")
        + "    status: cancelled\n"
    )
    assert rules(tmp_path, extra) == []


def test_the_example_schedule_has_no_false_conflict(example_project):
    from trainops.readiness.conflicts import double_bookings

    assert double_bookings(example_project) == []
