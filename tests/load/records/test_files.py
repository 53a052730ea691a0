"""Each records file read from its text: one diagnostic per problem at file:line:col, with what to
write instead; a row with a problem left out, the others kept."""

from __future__ import annotations

from datetime import date

from trainops.load.records.files import (
    read_assessments,
    read_attendance,
    read_enrolments,
    read_exceptions,
    read_feedback,
    read_roster,
)

SHEET = "records/attendance/2026/onb-2026-10-06.csv"


def texts(diagnostics) -> list[str]:
    return [d.as_text() for d in diagnostics]


def test_a_clean_sheet_keeps_every_row_with_its_line():
    text = '\ufefflearner,status,minutes,note\nE1,present,90,\n\nE2,late,60,"traffic, then parking"\nE3,,,\n'
    rows, problems = read_attendance("onb-2026-10-06", SHEET, text.lstrip("\ufeff"))
    assert problems == []
    assert [(r.learner, r.status, r.minutes, r.note, r.line) for r in rows] == [
        ("E1", "present", 90, "", 2),
        ("E2", "late", 60, "traffic, then parking", 4),
        ("E3", "", None, "", 5),  # a line of `records new` not filled in yet
    ]


def test_a_status_in_another_case_is_not_accepted_and_the_exact_word_is_suggested():
    rows, problems = read_attendance("s", SHEET, "learner,status\nE1,Present\nE2,absnt\nE3,absent\n")
    assert texts(problems) == [
        f"{SHEET}:2:4: error: status: 'Present' is not one of 'present', 'late', 'left-early', 'absent' or "
        "'excused' — did you mean 'present'? [invalid-value]",
        f"{SHEET}:3:4: error: status: 'absnt' is not one of 'present', 'late', 'left-early', 'absent' or "
        "'excused' — did you mean 'absent'? [invalid-value]",
    ]
    assert [r.learner for r in rows] == ["E3"]


def test_a_name_or_an_email_is_not_a_learner_id():
    _, problems = read_attendance("s", SHEET, "learner,status\nAna Ruiz,present\nana@example.com,present\n")
    assert [(d.line, d.column, d.rule) for d in problems] == [(2, 1, "learner-id"), (3, 1, "learner-id")]
    assert "use the roster's id" in problems[0].message


def test_a_learner_twice_a_bad_number_and_a_row_too_wide():
    text = "learner,status,minutes,note\nE1,present,90,\nE2,present,ninety,\nE1,absent,,\nE4,present,1,a,b\n"
    rows, problems = read_attendance("s", SHEET, text)
    assert texts(problems) == [
        f"{SHEET}:5:16: error: this row has 5 values but the header has 4 columns; put a value that holds a "
        "comma in double quotes [csv-row]",
        f"{SHEET}:3:12: error: 'minutes' must be a whole number, not 'ninety' [invalid-value]",
        f"{SHEET}:4:1: error: learner 'E1' is in this sign-in sheet twice (first at line 2); keep one row "
        "[duplicate-learner]",
    ]
    assert [r.learner for r in rows] == ["E1"]


def test_a_row_with_a_line_break_is_reported_at_its_first_line():
    text = 'learner,status,minutes,note\nE1,present,90,"two\nlines"\nE2,Late,,\n'
    _, problems = read_attendance("s", SHEET, text)
    assert [(d.line, d.column) for d in problems] == [(4, 4)]


def test_header_problems_say_the_nearest_column():
    rows, problems = read_enrolments("onboarding", "e.csv", "learner,cohrt,satus,date\nE1,a,enrolled,2026-01-01\n")
    assert texts(problems) == [
        "e.csv:1:9: error: unknown column 'cohrt' — did you mean 'cohort'? [unknown-column]",
        "e.csv:1:15: error: unknown column 'satus' — did you mean 'status'? [unknown-column]",
    ]
    assert rows == ()  # (status is required: every row would fail)
    _, problems = read_attendance("s", SHEET, "status,minutes\npresent,1\n")
    assert texts(problems) == [
        f"{SHEET}:1:1: error: the header has no column 'learner'; the columns are learner,status,minutes,note "
        "[missing-column]"
    ]
    _, problems = read_attendance("s", SHEET, "")
    assert [d.rule for d in problems] == ["csv-header"]


def test_dates_and_scores_are_checked():
    text = "learner,date,attempt,score\nE1,2026-02-30,1,90\nE2,2026-10-15,1,101\nE3,2026-10-15,,84.5\n"
    rows, problems = read_assessments("compliance-refresher", "a.csv", text)
    assert [(d.line, d.column, d.rule) for d in problems] == [(2, 4, "invalid-value"), (3, 17, "invalid-value")]
    assert "not a real date" in problems[0].message and "at most 100" in problems[1].message
    assert [(r.learner, r.date, r.attempt, r.score) for r in rows] == [("E3", date(2026, 10, 15), 1, 84.5)]


def test_a_roster_row_twice_and_a_bad_email():
    text = "learner,name,email\nE1,Ana Ruiz,ana@example.com\nE2,Bo,not-an-address\nE1,Ana R,\n"
    learners, problems = read_roster("records/learners.csv", text)
    assert [(d.line, d.rule) for d in problems] == [(3, "invalid-value"), (4, "duplicate-learner")]
    assert [(x.id, x.name, x.email) for x in learners] == [("E1", "Ana Ruiz", "ana@example.com")]


def test_a_feedback_file_that_names_who_answered_is_not_read():
    sheet, problems = read_feedback("s", "f.csv", "Useful?,E-mail\nyes,ana@example.com\n")
    assert sheet is None
    assert texts(problems) == [
        "f.csv:1:9: error: feedback is anonymous: column 'E-mail' would say who answered; remove the column "
        "(the file is not read until then) [feedback-not-anonymous]"
    ]
    sheet, problems = read_feedback("s", "f.csv", 'Useful?,Comment\nyes,"clear, short"\nno\n')
    assert problems == [] and sheet is not None
    assert sheet.answers == (("yes", "clear, short"), ("no", ""))


def test_exceptions_need_an_approver_and_words_of_the_vocabulary():
    text = (
        "- learner: E1\n  program: onboarding\n  kind: waived\n  reason: tested-out\n"
        "- learner: E2\n  program: onboarding\n  kind: waived\n  reason: equivalent\n  approved_by: jordan.lee\n"
        "- learner: E3\n  program: onboarding\n  kind: exempt\n  reason: Administrative\n  approved_by: jordan.lee\n"
    )
    found, problems = read_exceptions("records/exceptions.yaml", text)
    assert texts(problems) == [
        "records/exceptions.yaml:1:3: error: an exception needs 'approved_by': who approved it (a people.yaml "
        "id); an exception nobody approved does not count [missing-approval]",
        "records/exceptions.yaml:13:11: error: [3].reason: 'Administrative' is not one of 'tested-out', "
        "'equivalent' or 'administrative' — did you mean 'administrative'? [invalid-value]",
    ]
    assert [(e.learner, e.kind, e.approved_by, e.line) for e in found] == [("E2", "waived", "jordan.lee", 5)]
