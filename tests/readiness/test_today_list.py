"""The Today list across programs: the messages due (overdue ones first) and what blocks a session
within the window, a line per program."""

from __future__ import annotations

from trainops.readiness import check_readiness, today_list

from .healthy import PROGRAM, SCHEDULE, findings_for
from .test_priorities import LATE, SOON


def test_the_example_lists_the_overdue_invites_first_then_the_blocker(example_project):
    t = today_list(example_project, check_readiness(example_project))
    due = [(m.program, m.overdue, [(r.template, r.session.id) for r in m.messages]) for m in t.messages]
    assert due == [
        (
            "onboarding",
            3,
            [("invite", "onb-2026-12-01"), ("invite", "onb-2026-12-02"), ("invite", "onb-2026-12-04")],
        ),
    ]  # (comp-2027-02-16 was cancelled before its invite was due: no one heard of it, no message)
    # The overdue invites are messages, not blockers: only the SOP review blocks Day 1.
    assert [(b.program, [(p.finding.rule, p.blocks.id) for p in b.blocking]) for b in t.blocked] == [
        ("onboarding", [("sop-review-overdue", "onb-2026-12-01")])
    ]
    assert t.until.isoformat() == "2026-12-07" and not t.empty


def test_a_ready_program_with_nothing_due_is_not_listed(tmp_path):
    project, _ = findings_for(tmp_path)
    t = today_list(project, check_readiness(project))
    assert t.empty and t.messages == [] and t.blocked == []


def test_programs_are_ordered_by_the_session_they_block(tmp_path):
    # forklift's fl-soon (1 Dec) has no backup; crane's session (3 Dec) none either.
    crane = PROGRAM.replace("name: Forklift Safety", "name: Crane Safety").replace("SAFE-7", "SAFE-8")
    late_crane = SOON.replace("program: forklift", "program: crane").replace("fl-soon", "cr-1")
    late_crane = late_crane.replace("2026-12-01", "2026-12-03")
    project, _ = findings_for(
        tmp_path,
        {
            "programs/crane.yaml": crane,
            "programs/schedule.yaml": SCHEDULE + LATE + late_crane + SOON,
        },
    )
    t = today_list(project, check_readiness(project))
    assert [(b.program, b.first.blocks.id, b.first.finding.rule) for b in t.blocked] == [
        ("forklift", "fl-soon", "session-backup"),
        ("crane", "cr-1", "session-backup"),
    ]
    # their invites (the default rule) are overdue: messages, in the order of their send dates
    assert [(m.program, m.first.session.id, m.first.overdue) for m in t.messages] == [
        ("forklift", "fl-soon", True),
        ("crane", "cr-1", True),
    ]
