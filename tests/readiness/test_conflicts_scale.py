"""Many sessions in one slot: one finding per session, with a count and a few partners, found
in near n log n (once 499,004 warnings and 16 s for 500 sessions; minutes and 7 GB for 2,000)."""

from __future__ import annotations

from .healthy import SCHEDULE, findings_for


def _crowd(count: int, start: str = "2026-12-10 09:00", end: str = "10:00") -> str:
    return "".join(
        f"  - {{program: forklift, id: c{i:04d}, start: {start}, end: '{end}', room: Bay 3, capacity: 8, "
        f"instructor: ana.ruiz, backup: Bay 4}}\n"
        for i in range(count)
    )


def test_seven_hundred_sessions_in_one_slot_give_a_small_report(tmp_path):
    _, findings = findings_for(tmp_path, {"programs/schedule.yaml": SCHEDULE + _crowd(700)})
    rooms = [f for f in findings if f.rule == "room-double-booked"]
    people = [f for f in findings if f.rule == "instructor-double-booked"]
    # The healthy schedule's own session (09:30-11:00 in Bay 3 with ana.ruiz) is in the slot too.
    assert len(rooms) == len(people) == 701
    assert len({f.session for f in rooms}) == 701  # once per session
    first = next(f for f in rooms if f.session == "c0000")
    assert "overlaps 700 other sessions: " in first.message and "and 697 more" in first.message
    assert max(len(f.message) for f in rooms + people) < 200  # bounded, whatever the count


def test_two_sessions_name_each_other(tmp_path):
    _, findings = findings_for(tmp_path, {"programs/schedule.yaml": SCHEDULE + _crowd(1, "2026-12-10 10:30", "11:30")})
    rooms = sorted((f.session, f.message) for f in findings if f.rule == "room-double-booked")
    assert [session for session, _ in rooms] == ["c0000", "fl-1"]
    assert "overlaps 'fl-1' (" in rooms[0][1] and "overlaps 'c0000' (" in rooms[1][1]


def test_partners_before_a_long_session_are_counted_right(tmp_path):
    """A session that started long before still overlaps: counts come from instants, not order."""
    long_one = (
        "  - {program: forklift, id: long, start: 2026-12-09 08:00, end: 2026-12-11 18:00, room: Bay 3, "
        "capacity: 8, instructor: kei.mori, backup: Bay 4}\n"
    )
    _, findings = findings_for(tmp_path, {"programs/schedule.yaml": SCHEDULE + long_one})
    rooms = {f.session: f.message for f in findings if f.rule == "room-double-booked"}
    assert set(rooms) == {"long", "fl-1"}
    assert "overlaps 'fl-1'" in rooms["long"] and "overlaps 'long'" in rooms["fl-1"]
