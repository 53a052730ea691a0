"""Every readiness rule: a fixture that trips it (at the right line) and the healthy one that passes."""

from __future__ import annotations

import pytest

from tests.helpers import TESTS
from trainops.readiness import RULES

from .healthy import PROGRAM, SCHEDULE, SOP, findings_for


def test_the_healthy_launch_passes_every_rule(tmp_path):
    _, findings = findings_for(tmp_path)
    assert findings == []


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


SESSION_2 = """
  - program: forklift
    id: fl-2
    start: 2026-12-10 10:30
    end: 12:00
    room: Bay 9
    capacity: 8
    instructor: kei.mori
    backup: Bay 4
"""

CASES = {
    # rule id: (files to change, the file and line the failure point must name)
    "enrolment-path": ({"programs/forklift.yaml": edit(PROGRAM, "code: SAFE-7\n", "")}, "programs/forklift.yaml", 1),
    "no-upcoming-session": (
        {"programs/schedule.yaml": edit(SCHEDULE, "2026-12-10", "2026-11-03")},
        "programs/forklift.yaml",
        1,
    ),
    "part-without-run": (
        {
            "programs/forklift.yaml": PROGRAM + "parts: [theory, practice]\n",
            "programs/schedule.yaml": edit(SCHEDULE, "    room: Bay 3\n", "    part: theory\n    room: Bay 3\n")
            + SESSION_2.replace("2026-12-10 10:30", "2026-12-11 10:30").replace(
                "    room: Bay 9\n", "    part: practice\n    status: cancelled\n    room: Bay 9\n"
            ),
        },
        "programs/schedule.yaml",
        18,
    ),
    "session-instructor": (
        {"programs/schedule.yaml": edit(SCHEDULE, "    instructor: ana.ruiz\n", "")},
        "programs/schedule.yaml",
        3,
    ),
    "session-location": (
        {"programs/schedule.yaml": edit(edit(SCHEDULE, "    room: Bay 3\n", ""), "    capacity: 8\n", "")},
        "programs/schedule.yaml",
        3,
    ),
    "session-backup": (
        {"programs/schedule.yaml": edit(SCHEDULE, "    backup: Bay 4 if Bay 3 is blocked\n", "")},
        "programs/schedule.yaml",
        3,
    ),
    "session-tentative": (
        {"programs/schedule.yaml": SCHEDULE + "    status: tentative\n"},
        "programs/schedule.yaml",
        11,
    ),
    "session-capacity": (
        {"programs/schedule.yaml": edit(SCHEDULE, "    capacity: 8\n", "")},
        "programs/schedule.yaml",
        7,
    ),
    "room-double-booked": (
        {"programs/schedule.yaml": SCHEDULE + SESSION_2.replace("Bay 9", "bay  3")},
        "programs/schedule.yaml",
        7,
    ),
    "lookalike-name": (
        {"programs/schedule.yaml": SCHEDULE + SESSION_2.replace("Bay 9", "\u0412ay 3")},
        "programs/schedule.yaml",
        16,
    ),
    "instructor-double-booked": (
        {"programs/schedule.yaml": SCHEDULE + SESSION_2.replace("kei.mori", "ana.ruiz")},
        "programs/schedule.yaml",
        9,
    ),
    "unreasonable-hour": (
        {"programs/schedule.yaml": edit(SCHEDULE, "    instructor: ana.ruiz", "    instructor: ben.cole")},
        "programs/schedule.yaml",
        5,
    ),
    "placeholder": (
        {"programs/forklift.yaml": edit(PROGRAM, "Supervisors observe one shift.", "TBD")},
        "programs/forklift.yaml",
        17,
    ),
    "access-instructions": (
        {
            "programs/forklift.yaml": edit(
                PROGRAM, "{system: Training portal, how: Sign in with SSO}", "{system: Training portal}"
            )
        },
        "programs/forklift.yaml",
        10,
    ),
    "learner-materials": (
        {"programs/forklift.yaml": edit(PROGRAM, "for: learner", "for: instructor")},
        "programs/forklift.yaml",
        12,
    ),
    "sop-review-overdue": ({"sops/lift-check.md": edit(SOP, "2026-09-01", "2025-09-01")}, "sops/lift-check.md", 5),
    "manual-resource": (
        {"sops/lift-check.md": SOP + "![Bay map](https://example.com/map.png)\n"},
        "sops/lift-check.md",
        8,
    ),
    "retired-name": (
        {
            "programs/forklift.yaml": PROGRAM + "aliases: [Truck Week]\n",
            "content/index.md": "# Warehouse\n\nSign up for truck week now.\n",
        },
        "content/index.md",
        3,
    ),
    "reminders": (
        {"programs/forklift.yaml": PROGRAM + "reminders: [{template: invite, before: 14d}]\n"},
        "programs/forklift.yaml",
        25,
    ),
    "reminder-overdue": (
        {"programs/schedule.yaml": edit(SCHEDULE, "2026-12-10", "2026-11-30")},
        "programs/schedule.yaml",
        3,
    ),
    "completion-tracking": (
        {
            "programs/forklift.yaml": edit(
                edit(PROGRAM, "assessment: {name: Practical test, pass_mark: 80}\n", ""),
                "completion: {due: 14d, record_in: Workday Learning}\n",
                "",
            )
        },
        "programs/forklift.yaml",
        1,
    ),
    "feedback-form": (
        {"programs/forklift.yaml": edit(PROGRAM, "feedback: {form: https://example.com/form}\n", "")},
        "programs/forklift.yaml",
        1,
    ),
    "escalation-owner": (
        {"programs/forklift.yaml": edit(PROGRAM, "  learner_questions: ben.cole\n", "")},
        "programs/forklift.yaml",
        20,
    ),
    "brief-problem": (
        {"programs/forklift.yaml": edit(PROGRAM, "problem: Near misses doubled last year.\n", "")},
        "programs/forklift.yaml",
        1,
    ),
    "brief-format": ({"programs/forklift.yaml": edit(PROGRAM, "format: workshop\n", "")}, "programs/forklift.yaml", 1),
    "brief-reinforcement": (
        {"programs/forklift.yaml": edit(PROGRAM, "reinforcement: Supervisors observe one shift.\n", "")},
        "programs/forklift.yaml",
        1,
    ),
    "brief-metrics": (
        {"programs/forklift.yaml": edit(PROGRAM, "metrics: [Near misses per month]\n", "")},
        "programs/forklift.yaml",
        1,
    ),
    "program-review-overdue": (
        {"programs/forklift.yaml": edit(PROGRAM, "last_reviewed: 2026-10-01", "last_reviewed: 2026-01-01")},
        "programs/forklift.yaml",
        24,
    ),
}


# Rules that read the git history are shown on repositories with a history: the history's tests.
HISTORY_RULES = {"change-notice", "sop-may-be-stale"}


def test_every_rule_has_a_case():
    assert {r.id for r in RULES} == set(CASES) | HISTORY_RULES
    history_tests = "".join(p.read_text() for p in TESTS.glob("**/history/test_*.py"))
    assert all(f"[{rule}]" in history_tests for rule in HISTORY_RULES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_reports_the_failure_point(tmp_path, rule_id):
    files, path, line = CASES[rule_id]
    _, findings = findings_for(tmp_path, files)
    hits = [f for f in findings if f.rule == rule_id]
    assert hits, f"{rule_id} not reported; got {[f.rule for f in findings]}"
    assert (hits[0].path, hits[0].line) == (path, line), hits[0]
    assert [f for f in findings if f.rule != rule_id] == [], "one mistake, one kind of finding"


def test_placeholders_in_sessions_and_sop_bodies(tmp_path):
    schedule = SCHEDULE.replace("Bay 4 if Bay 3 is blocked", "to be confirmed")
    sop = SOP + "2. FIXME: add the battery check.\n"
    _, findings = findings_for(tmp_path, {"programs/schedule.yaml": schedule, "sops/lift-check.md": sop})
    assert sorted((f.path, f.line, f.rule) for f in findings) == [
        ("programs/schedule.yaml", 10, "placeholder"),
        ("sops/lift-check.md", 8, "placeholder"),
    ]


def test_every_rule_is_listed_once_and_nothing_registers_by_import():
    """The checklist's rules are the explicit list: a rule written but not listed is caught here."""
    import trainops.readiness.history_rules as history_rules
    import trainops.readiness.rules as rules
    from trainops.readiness.rules import Rule

    defined = [v for m in (rules, history_rules) for v in vars(m).values() if isinstance(v, Rule)]
    assert isinstance(RULES, tuple)
    assert sorted(r.id for r in RULES) == sorted(r.id for r in defined)
    assert len({r.id for r in RULES}) == len(RULES)
    assert RULES[0].id == "enrolment-path" and RULES[-1].id == "sop-may-be-stale"


def test_a_part_left_behind_by_its_program_is_named_at_its_place_in_parts(tmp_path):
    """Day 2 ran last month and nothing replaced it, while Day 1 runs again: the part's learners
    cannot complete, so the program's list of parts carries the failure point."""
    program = PROGRAM + "parts: [theory, practice]\n"
    schedule = edit(SCHEDULE, "    room: Bay 3\n", "    part: theory\n    room: Bay 3\n") + SESSION_2.replace(
        "2026-12-10 10:30", "2026-10-20 10:30"
    ).replace("    room: Bay 9\n", "    part: practice\n    room: Bay 9\n")
    _, findings = findings_for(tmp_path, {"programs/forklift.yaml": program, "programs/schedule.yaml": schedule})
    assert [(f.rule, f.path, f.line, f.message) for f in findings] == [
        (
            "part-without-run",
            "programs/forklift.yaml",
            25,
            "part 'practice' has no run left to attend: schedule one with 'part: practice'",
        )
    ]


def test_parts_that_each_have_a_run_pass(tmp_path):
    program = PROGRAM + "parts: [theory, practice]\n"
    schedule = (
        edit(SCHEDULE, "    room: Bay 3\n", "    part: theory\n    room: Bay 3\n")
        + SESSION_2.replace("2026-12-10 10:30", "2026-12-11 10:30").replace(
            "    room: Bay 9\n", "    part: practice\n    status: cancelled\n    room: Bay 9\n"
        )
        + SESSION_2.replace("fl-2", "fl-3")
        .replace("2026-12-10 10:30", "2026-12-12 10:30")
        .replace("    room: Bay 9\n", "    part: practice\n    room: Bay 9\n")
    )
    _, findings = findings_for(tmp_path, {"programs/forklift.yaml": program, "programs/schedule.yaml": schedule})
    assert findings == []
