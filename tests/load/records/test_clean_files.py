"""The one-pass reader of clean sheets and enrolment files gives the general reader's rows, and
gives up on every file the general reader has something to say about."""

from __future__ import annotations

import pytest

from trainops.load.records import files
from trainops.load.records.clean_files import LINES_SHARED, _line_numbers, clean_attendance, clean_enrolments

SHEET = "records/attendance/2026/s.csv"

CLEAN_SHEETS = [
    "learner,status,minutes,note\nE1,present,90,\nE2,late,60,bus\n\nE3,,,\n",
    "status,learner\nabsent,E1\nexcused,E2",
    "learner\nE1\nE2\n",
    "learner,note,status\nE-001,left at 10,left-early\n",
]
OTHER_SHEETS = [
    'learner,status\nE1,present\nE2,"late"\n',  # a quote: the csv module's
    "learner,status\nE1,Present\n",  # a status in another case
    "learner,status\nE1,present\nE1,absent\n",  # a learner twice
    "learner,status\n#1,\nE2,present\n",  # an unfilled line of records new
    "learner,status,minutes\nE1,present,090\n",  # a number pydantic reads
    "learner,status\nE1,present,x\n",  # a row too wide
    "learner,status\nE1\n",  # a row too short (fine, but not this reader's)
    "learner, status\nE1,present\n",  # a space in the header
    "learner,satus\nE1,present\n",  # an unknown column
    "status\npresent\n",  # no learner column
    "\nlearner,status\nE1,present\n",  # a blank line before the header
    "learner,status,note\nE1,present, late bus\n",  # a note with a space before it
    "learner,status\n   \nE1,present\n",  # a line of spaces
    "learner,status\nE1,present\x07\n",  # a control character
    "",
]
CLEAN_ENROLMENTS = [
    "learner,cohort,status,date\nE1,a,enrolled,2026-10-01\nE1,b,withdrawn,\nE2,,waitlisted,2026-1-2\n",
    "status,learner\nenrolled,E1\n",
]
OTHER_ENROLMENTS = [
    "learner,cohort,status\nE1,a,enrolled\nE1,a,withdrawn\n",  # the same learner and cohort twice
    "learner,cohort,status\nE1,a ,enrolled\n",  # a cohort with a space after it
    "learner,status,date\nE1,enrolled,2026-02-30\n",  # not a real date
    "learner,status\nE1,\n",  # no status
    "learner,cohort\nE1,a\n",  # no status column
    "learner,cohort,status\nE1\n",  # a row too short (its cohort and status cells are not there)
    "learner,status\nE1,enrolled,x\n",  # a row too wide
]


def general(read, *args):
    """What the general reader gives, the one-pass reader switched off."""
    saved = files.clean_attendance, files.clean_enrolments
    files.clean_attendance = files.clean_enrolments = lambda *_: None
    try:
        return read(*args)
    finally:
        files.clean_attendance, files.clean_enrolments = saved


@pytest.mark.parametrize("text", CLEAN_SHEETS)
def test_a_clean_sheet_gives_the_general_readers_rows(text):
    rows = clean_attendance("s", SHEET, text)
    assert rows is not None and (rows, []) == general(files.read_attendance, "s", SHEET, text)


@pytest.mark.parametrize("text", OTHER_SHEETS)
def test_any_other_sheet_is_left_to_the_general_reader(text):
    assert clean_attendance("s", SHEET, text) is None


@pytest.mark.parametrize("text", CLEAN_ENROLMENTS)
def test_a_clean_enrolment_file_gives_the_general_readers_rows(text):
    rows = clean_enrolments("p", "e.csv", text)
    assert rows is not None and (rows, []) == general(files.read_enrolments, "p", "e.csv", text)


@pytest.mark.parametrize("text", OTHER_ENROLMENTS)
def test_any_other_enrolment_file_is_left_to_the_general_reader(text):
    assert clean_enrolments("p", "e.csv", text) is None


def test_a_short_enrolment_row_is_a_diagnostic_at_its_line_not_a_crash():
    rows, problems = files.read_enrolments("p", "e.csv", "learner,cohort,status\nE1,a,enrolled\nE2\n")
    assert [r.learner for r in rows] == ["E1"]
    assert [(d.line, d.severity) for d in problems] == [(3, "error")]


def test_rows_of_big_files_share_their_line_numbers_and_keep_them_right():
    """Two files of thousands of rows: each row at its own line, the numbers past 256 the same
    objects in both (one per line, not one per row); a file past LINES_SHARED makes its own."""
    many = "learner,status\n" + "".join(f"L-{n},present\n" for n in range(3000))
    first, second = clean_attendance("s-1", "a.csv", many), clean_attendance("s-2", "b.csv", many)
    assert first is not None and second is not None
    assert [row.line for row in first] == list(range(2, 3002))
    assert all(a.line is b.line for a, b in zip(first, second, strict=True))
    assert _line_numbers(LINES_SHARED) is _line_numbers(3)
    past = _line_numbers(LINES_SHARED + 1)
    assert isinstance(past, range) and past[LINES_SHARED] == LINES_SHARED
