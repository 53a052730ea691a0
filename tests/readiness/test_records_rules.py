"""The records rules across files: each rule trips on one row of a small organisation's records, at
the row's line, with its message; records that agree with the schedule, the roster and the
enrolments give nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from trainops.load.loading import load_project
from trainops.model.training_records import (
    AssessmentResult,
    Attendance,
    AttendanceSheet,
    Enrolment,
    FeedbackSheet,
    Learner,
    Observation,
    RecordException,
    Records,
)
from trainops.readiness.records import record_diagnostics

from .healthy import PROGRAM, TODAY, write_project

# Past, cancelled, future and a New Year's session in Tokyo (31 December in UTC) of forklift; one
# session of a program without an assessment.
SCHEDULE = """\
timezone: Europe/Madrid
sessions:
  - {program: forklift, id: fl-1, cohort: Autumn, start: 2026-11-10 09:00, duration: 2h, room: Bay 3, capacity: 2}
  - {program: forklift, id: fl-2, cohort: Autumn, start: 2026-11-12 09:00, duration: 2h, status: cancelled}
  - {program: forklift, id: fl-3, cohort: Winter, start: 2026-12-10 09:00, duration: 2h}
  - {program: forklift, id: fl-tokyo, start: 2026-01-01 00:30, timezone: Asia/Tokyo, duration: 1h}
  - {program: ladders, id: lad-1, start: 2026-11-02 09:00, duration: 1h}
"""
LADDERS = PROGRAM.replace("Forklift Safety", "Ladder Safety").replace(
    "assessment: {name: Practical test, pass_mark: 80}\n", ""
)
ROSTER_PATH = "/secure/learners.csv"
ROSTER = {
    learner.id: learner
    for learner in (
        Learner("E100", "Ana Maria Lopez", "ana.lopez@example.com", "ana.ruiz", "Warehouse", "Madrid", ROSTER_PATH, 2),
        Learner("E101", "Will Bright", "will@example.com", "E100", "Warehouse", "Madrid", ROSTER_PATH, 3),
        Learner("E102", "Sol Ito", "sol@example.com", "E100", "Warehouse", "Tokyo", ROSTER_PATH, 4),
    )
}
ENROLMENTS = "records/enrolments/forklift.csv"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = write_project(
        tmp_path_factory.mktemp("org"), {"programs/schedule.yaml": SCHEDULE, "programs/ladders.yaml": LADDERS}
    )
    loaded, diagnostics = load_project(root, today=TODAY)
    assert not [d for d in diagnostics if d.severity == "error"], [d.as_text() for d in diagnostics]
    return loaded


def sheet(session_id: str, *rows: tuple[str, str, str], year: int | None = 2026) -> AttendanceSheet:
    """An attendance file of rows (learner, status, note), the first on line 2 below the header."""
    path = f"records/attendance/{year}/{session_id}.csv"
    return AttendanceSheet(
        session_id,
        year,
        path,
        tuple(
            Attendance(session_id, learner, status, 120, note, path, n)
            for n, (learner, status, note) in enumerate(rows, 2)
        ),
    )


def enrolment(learner: str, cohort: str = "Autumn", status: str = "enrolled", line: int = 2) -> Enrolment:
    return Enrolment("forklift", learner, cohort, status, date(2026, 10, 1), ENROLMENTS, line)


HEALTHY = Records(
    roster=ROSTER,
    roster_path=ROSTER_PATH,
    enrolments={"forklift": (enrolment("E100"), enrolment("E101", line=3), enrolment("E102", "fl-3", line=4))},
    attendance={
        "fl-1": sheet("fl-1", ("E100", "present", ""), ("E101", "absent", "called in sick")),
        "fl-3": sheet("fl-3", ("E102", "", "")),  # written ahead by `records new`: no status yet
        "fl-tokyo": sheet("fl-tokyo", ("E102", "late", "missed the train")),
    },
    assessments={
        "forklift": (
            AssessmentResult("forklift", "E100", date(2026, 11, 10), 1, 85.0, "records/assessments/forklift.csv", 2),
        )
    },
    observations={
        "forklift": (
            Observation(
                "forklift",
                "E100",
                date(2026, 11, 20),
                "ana.ruiz",
                4,
                "will bring a spotter",
                "records/observations/forklift.csv",
                2,
            ),
        )
    },
    feedback={"fl-1": FeedbackSheet("fl-1", ("useful",), (("yes",),), "records/feedback/fl-1.csv")},
    exceptions=(
        RecordException("E101", "forklift", "waived", "tested-out", "ana.ruiz", None, "records/exceptions.yaml", 1),
    ),
)


def diagnostics(project, records: Records) -> list[str]:
    return sorted(d.as_text() for d in record_diagnostics(project, records))


def with_sheet(*sheets: AttendanceSheet, records: Records = HEALTHY) -> Records:
    return replace(records, attendance={**records.attendance, **{s.session_id: s for s in sheets}})


def test_records_that_agree_with_the_project_give_nothing(project):
    assert diagnostics(project, HEALTHY) == []


def test_an_unknown_session_suggests_the_nearest_id(project):
    assert diagnostics(project, with_sheet(sheet("fl-tokio", ("E102", "late", "")))) == [
        "records/attendance/2026/fl-tokio.csv:1:1: error: attendance for an unknown session 'fl-tokio' "
        "— did you mean 'fl-tokyo'? [unknown-session]"
    ]


def test_feedback_for_an_unknown_session(project):
    feedback = {"lad-l": FeedbackSheet("lad-l", ("useful",), (("yes",),), "records/feedback/lad-l.csv")}
    assert diagnostics(project, replace(HEALTHY, feedback=feedback)) == [
        "records/feedback/lad-l.csv:1:1: error: feedback for an unknown session 'lad-l' "
        "— did you mean 'lad-1'? [unknown-session]"
    ]


def test_the_year_folder_is_the_sessions_start_year_in_its_own_zone(project):
    # 1 January 2026 at 00:30 in Tokyo is 31 December 2025 in UTC and in Madrid: the file goes in 2026.
    moved = sheet("fl-tokyo", ("E102", "late", ""), year=2025)
    assert diagnostics(project, with_sheet(moved)) == [
        "records/attendance/2025/fl-tokyo.csv:1:1: error: session 'fl-tokyo' starts on 2026-01-01, so its "
        "attendance belongs in records/attendance/2026/fl-tokyo.csv [record-wrong-year]"
    ]


def test_attendance_of_a_cancelled_session_is_kept_and_flagged(project):
    assert diagnostics(project, with_sheet(sheet("fl-2", ("E100", "present", ""), ("E101", "present", "")))) == [
        "records/attendance/2026/fl-2.csv:1:1: warning: session 'fl-2' is cancelled in the schedule, but this file "
        "records its attendance (2 rows, kept): delete the file if the session did not take place "
        "[attendance-cancelled]"
    ]


def test_attendance_taken_before_the_session_is_an_error_at_the_first_status(project):
    assert diagnostics(
        project, with_sheet(sheet("fl-3", ("E102", "", ""), ("E100", "present", ""), ("E101", "late", "")))
    ) == [
        "records/attendance/2026/fl-3.csv:3:1: error: session 'fl-3' starts on 2026-12-10, after today "
        "(2026-11-23): its attendance cannot be taken yet [future-attendance]"
    ]


def test_more_attended_than_seats_and_walk_in_rows(project):
    # fl-1 has 2 seats and the sign-in sheet 3 walk-in rows: 5 may attend, the sixth cannot have signed.
    rows = [(f"E10{n}", "present", "") for n in range(3)] + [(f"W{n}", "late", "") for n in range(3)]
    records = replace(with_sheet(sheet("fl-1", *rows)), roster=None, enrolments={})
    assert diagnostics(project, records) == [
        "records/attendance/2026/fl-1.csv:1:1: error: 6 learners attended (present or late), more than the 2 seats "
        "and 3 walk-in rows of the sign-in sheet: check the rows, or the session's 'capacity:' [over-capacity]"
    ]
    five = replace(records, attendance={"fl-1": sheet("fl-1", *rows[:5], ("W9", "absent", ""))})
    assert diagnostics(project, five) == []


def test_a_learner_unknown_to_the_roster(project):
    assert diagnostics(project, with_sheet(sheet("fl-1", ("E100", "present", ""), ("E1O1", "present", "")))) == [
        "records/attendance/2026/fl-1.csv:3:1: error: learner 'E1O1' is not in the roster (/secure/learners.csv) "
        "— did you mean 'E101'? [unknown-learner]"
    ]


def test_without_a_roster_learner_ids_are_not_checked(project):
    records = replace(with_sheet(sheet("fl-1", ("E100", "present", ""), ("X1", "present", ""))), roster=None)
    assert [d for d in diagnostics(project, records) if "unknown-learner" in d] == []


def test_a_learner_not_enrolled_is_a_warning(project):
    enrolments = {"forklift": (enrolment("E100"), enrolment("E101", status="withdrawn", line=3))}
    rows = (("E100", "present", ""), ("E101", "present", ""), ("E102", "present", ""))
    records = replace(HEALTHY, attendance={"fl-1": sheet("fl-1", *rows)}, enrolments=enrolments)
    assert diagnostics(project, records) == [
        "records/attendance/2026/fl-1.csv:3:1: warning: learner 'E101' is withdrawn, not enrolled, in 'forklift' "
        "(enrol a walk-in in records/enrolments/forklift.csv) [not-enrolled]",
        "records/attendance/2026/fl-1.csv:4:1: warning: learner 'E102' is not enrolled in 'forklift' "
        "(enrol a walk-in in records/enrolments/forklift.csv) [not-enrolled]",
    ]


def test_without_enrolments_for_the_program_no_one_is_flagged_as_not_enrolled(project):
    assert diagnostics(project, replace(HEALTHY, enrolments={})) == []


def test_a_learner_twice_in_one_file_names_the_first_line(project):
    records = with_sheet(sheet("fl-1", ("E100", "present", ""), ("E101", "absent", ""), ("E100", "late", "")))
    assert diagnostics(project, records) == [
        "records/attendance/2026/fl-1.csv:4:1: error: learner 'E100' is already on line 2 of this file "
        "[duplicate-learner]"
    ]


@pytest.mark.parametrize(
    ("note", "holds"),
    [
        ("ana maria LOPEZ left at ten", "a name from the roster"),
        ("mail will@example.com the slides", "an e-mail address"),
        ("asked for sol.ito@example.org to be copied", "an e-mail address"),  # any address, not only the roster's
    ],
)
def test_personal_data_in_a_note(project, note, holds):
    records = with_sheet(sheet("fl-1", ("E100", "present", note)))
    assert diagnostics(project, records) == [
        f"records/attendance/2026/fl-1.csv:2:1: error: this note holds {holds}: notes are kept in git, where names "
        "and addresses must not go; write ids [personal-data-in-note]"
    ]


def test_names_match_whole_and_in_full(project):
    # "Will" alone, "Sol" inside "Solder" and "Ana Maria" without "Lopez" are not names from the roster.
    notes = ("will retake", "Solder burn on a finger", "Ana Maria came late")
    records = with_sheet(sheet("fl-1", *((f"E10{n}", "present", note) for n, note in enumerate(notes))))
    assert diagnostics(project, records) == []
    assert diagnostics(project, replace(records, roster=None, enrolments={})) == []


def test_a_name_in_an_observation_note(project):
    observation = Observation(
        "forklift",
        "E101",
        date(2026, 11, 20),
        "ana.ruiz",
        3,
        "Will Bright hesitated",
        "records/observations/forklift.csv",
        7,
    )
    assert diagnostics(project, replace(HEALTHY, observations={"forklift": (observation,)})) == [
        "records/observations/forklift.csv:7:1: error: this note holds a name from the roster: notes are kept in git, "
        "where names and addresses must not go; write ids [personal-data-in-note]"
    ]


def test_enrolments_for_an_unknown_program(project):
    rows = (Enrolment("forklfit", "E100", "", "enrolled", None, "records/enrolments/forklfit.csv", 2),)
    assert diagnostics(project, replace(HEALTHY, enrolments={**HEALTHY.enrolments, "forklfit": rows})) == [
        "records/enrolments/forklfit.csv:1:1: error: enrolments for an unknown program 'forklfit' "
        "— did you mean 'forklift'? [unknown-program]"
    ]


def test_an_enrolment_cohort_names_a_sessions_cohort_or_id(project):
    rows = (enrolment("E100", "Autumn"), enrolment("E101", "fl-3", line=3), enrolment("E102", "Autunm", line=4))
    assert diagnostics(project, replace(HEALTHY, enrolments={"forklift": rows})) == [
        "records/enrolments/forklift.csv:4:1: warning: cohort 'Autunm' matches no session of 'forklift' "
        "(neither a session's 'cohort:' nor a session id) — did you mean 'Autumn'? [unknown-cohort]"
    ]


def test_an_enrolled_learner_unknown_to_the_roster(project):
    rows = (*HEALTHY.enrolments["forklift"], enrolment("E103", line=5))
    assert diagnostics(project, replace(HEALTHY, enrolments={"forklift": rows})) == [
        "records/enrolments/forklift.csv:5:1: error: learner 'E103' is not in the roster (/secure/learners.csv) "
        "— did you mean 'E102'? [unknown-learner]"
    ]


def test_a_score_above_the_maximum(project):
    path = "records/assessments/forklift.csv"
    rows = (
        AssessmentResult("forklift", "E100", date(2026, 11, 10), 1, 85.0, path, 2),
        AssessmentResult("forklift", "E101", date(2026, 11, 10), 1, 850.0, path, 3),
    )
    assert diagnostics(project, replace(HEALTHY, assessments={"forklift": rows})) == [
        "records/assessments/forklift.csv:3:1: error: score 850 is above the maximum of 100 (scores are percentages) "
        "[score-too-high]"
    ]


def test_assessment_results_for_a_program_without_an_assessment(project):
    rows = (AssessmentResult("ladders", "E100", date(2026, 11, 2), 1, 90.0, "records/assessments/ladders.csv", 2),)
    assert diagnostics(project, replace(HEALTHY, assessments={"ladders": rows})) == [
        "records/assessments/ladders.csv:1:1: error: assessment results for 'ladders', which has no 'assessment:' "
        "(add it, with its pass mark, to programs/ladders.yaml) [no-assessment]"
    ]


def test_an_exception_for_an_unknown_program_and_learner(project):
    entry = RecordException(
        "E999", "fork-lift", "exempt", "administrative", "ana.ruiz", None, "records/exceptions.yaml", 4
    )
    assert diagnostics(project, replace(HEALTHY, exceptions=(entry,))) == [
        "records/exceptions.yaml:4:1: error: exception for an unknown program 'fork-lift' "
        "— did you mean 'forklift'? [unknown-program]",
        "records/exceptions.yaml:4:1: error: learner 'E999' is not in the roster (/secure/learners.csv) "
        "[unknown-learner]",
    ]


def test_an_approver_is_a_person_or_a_learner(project):
    entries = (
        RecordException("E101", "forklift", "waived", "tested-out", "E100", None, "records/exceptions.yaml", 1),
        RecordException(
            "E102",
            "forklift",
            "extended",
            "administrative",
            "ana.ruis",
            date(2026, 12, 31),
            "records/exceptions.yaml",
            7,
        ),
    )
    assert diagnostics(project, replace(HEALTHY, exceptions=entries)) == [
        "records/exceptions.yaml:7:1: error: approved_by 'ana.ruis' is neither a person in programs/people.yaml "
        "nor a learner in the roster — did you mean 'ana.ruiz'? [unknown-approver]"
    ]
    # Without a roster, an approver known by learner id cannot be told from a mistake.
    assert diagnostics(project, replace(HEALTHY, roster=None, exceptions=entries)) == []
