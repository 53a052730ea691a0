"""What to fix first: messages already due first, then failure points ordered by the session they
block, blocking within 14 days."""

from __future__ import annotations

from trainops.readiness import BLOCKING_DAYS, MESSAGE_RULES, check_readiness, fix_first

from .healthy import PROGRAM, SCHEDULE, findings_for

# fl-1 is on 10 Dec (17 days after 23 Nov); these are sooner and later, each missing something.
SOON = """
  - program: forklift
    id: fl-soon
    title: Yard drive
    start: 2026-12-01 09:00
    end: 11:00
    room: Bay 3
    capacity: 8
    instructor: ana.ruiz
"""
LATE = """
  - program: forklift
    id: fl-late
    title: Night shift
    start: 2027-02-01 09:00
    end: 11:00
    link: https://example.com/meet
    instructor: ana.ruiz
    status: tentative
    backup: Bay 4
"""


def plan(tmp_path, files):
    project, _ = findings_for(tmp_path, files)
    return project, fix_first(project, check_readiness(project)["forklift"])


def test_failures_are_ordered_by_the_session_they_block_program_ones_first(tmp_path):
    program = PROGRAM.replace("feedback: {form: https://example.com/form}\n", "")
    project, fixes = plan(
        tmp_path, {"programs/schedule.yaml": SCHEDULE + LATE + SOON, "programs/forklift.yaml": program}
    )
    order = [(p.state, p.blocks.id, p.own_session, p.finding.rule) for p in fixes.today + fixes.blocking + fixes.later]
    assert order == [
        ("today", "fl-soon", True, "reminder-overdue"),  # its invite's date has passed: send it today
        ("blocking", "fl-soon", False, "feedback-form"),  # the whole program's: before the session's own
        ("blocking", "fl-soon", True, "session-backup"),
        ("later", "fl-late", True, "session-tentative"),
    ]
    assert fixes.until.isoformat() == "2026-12-07" and BLOCKING_DAYS == 14
    assert [p.finding.rule for p in fixes.pressing] == ["reminder-overdue", "feedback-form", "session-backup"]
    assert fixes.count == 4


def test_an_overdue_message_is_for_today_whatever_the_session_date(tmp_path):
    # fl-1 on 10 Dec and fl-late on 20 Feb, both past the 14-day window, with invites due 100 days
    # before: overdue since 31 Aug and 12 Nov.
    far = LATE.replace("2027-02-01", "2027-02-20").replace("    status: tentative\n", "")
    program = PROGRAM + "reminders:\n  - {template: invite, before: 100d}\n"
    _, fixes = plan(tmp_path, {"programs/schedule.yaml": SCHEDULE + far, "programs/forklift.yaml": program})
    today = [(p.blocks.id, p.finding.rule, p.blocking) for p in fixes.today]
    assert today == [("fl-1", "reminder-overdue", False), ("fl-late", "reminder-overdue", False)]
    assert "was due on Thu 12 Nov 2026" in fixes.today[1].finding.message
    assert fixes.blocking == []
    assert [p.finding.rule for p in fixes.later] == ["reminders"]  # no follow-up: it waits, the invites do not
    assert all(p.finding.rule not in MESSAGE_RULES for p in fixes.later)


def test_a_session_on_the_last_day_of_the_window_blocks_and_the_day_after_does_not(tmp_path):
    for day, blocking in (("2026-12-07", True), ("2026-12-08", False)):
        schedule = SCHEDULE.replace("2026-12-10", day).replace("    backup: Bay 4 if Bay 3 is blocked\n", "")
        _, fixes = plan(tmp_path / day, {"programs/schedule.yaml": schedule})
        assert [p.blocking for p in fixes.blocking + fixes.later] == [blocking], day


def test_a_program_without_sessions_blocks_nothing_and_comes_last(tmp_path):
    schedule = SCHEDULE.replace("2026-12-10", "2026-11-03")  # over
    _, fixes = plan(tmp_path, {"programs/schedule.yaml": schedule})
    assert fixes.blocking == []
    assert [(p.blocks, p.finding.rule) for p in fixes.later] == [(None, "no-upcoming-session")]


def test_messages_name_the_session_in_plain_words_and_the_field_to_add(tmp_path):
    schedule = SCHEDULE.replace("    backup: Bay 4 if Bay 3 is blocked\n", "")
    project, findings = findings_for(tmp_path, {"programs/schedule.yaml": schedule})
    [f] = findings
    assert f.about == "the session of Thu 10 Dec 2026 at 09:00"  # the healthy session has no title
    assert f.message == "no backup plan (add 'backup:' to the session)"
    assert "fl-1" not in f.as_diagnostic().message
    assert (
        f.as_diagnostic().message
        == "the session of Thu 10 Dec 2026 at 09:00: no backup plan (add 'backup:' to the session)"
    )
    _, titled = findings_for(
        tmp_path / "titled",
        {"programs/schedule.yaml": schedule.replace("    id: fl-1\n", "    id: fl-1\n    title: Yard drive\n")},
    )
    assert titled[0].as_diagnostic().message.startswith("Yard drive, Thu 10 Dec 2026: no backup plan")
