"""The plain checks of sign-in sheet and enrolment rows accept only what the model accepts, with
the same values; what they are not sure of goes to pydantic, so a file's diagnostics are the
model's whichever way its rows went."""

from __future__ import annotations

from itertools import product

from pydantic import TypeAdapter, ValidationError

from trainops.load.records.csv_rows import read_csv, validate_rows
from trainops.load.records.files import read_attendance, read_enrolments
from trainops.load.records.plain_rows import PLAIN_CHECKS, learner_id, learner_ids
from trainops.model.record_formats import AttendanceRow, EnrolmentRow

LEARNERS = ["E1", "E-00042", "e1", "Ana Ruiz", "ana@example.com", " E1", "E1 ", "E,1", "#3", "É9", ""]
ATTENDANCE = {
    "status": ["present", "late", "left-early", "absent", "excused", "Present", "absnt", " late", ""],
    "minutes": ["0", "90", "1440", "1441", "090", "+5", "-1", "9.0", "ninety", "٣", " 60", "00", ""],
    "note": ["traffic", " traffic", "traffic ", "a, b", ""],
}
ENROLMENT = {
    "cohort": ["go-live-a", "onb-2026-10-06", " a", "a ", ""],
    "status": ["enrolled", "waitlisted", "withdrawn", "Enrolled", "enroled", ""],
    "date": ["2026-10-01", "2026-2-3", "2026-02-30", "1800-01-01", "01/10/2026", " 2026-10-01", ""],
}


def cell_sets(columns: dict[str, list[str]]):
    """Every combination of the sample cells with each learner, blank cells left out (as read)."""
    names = ["learner", *columns]
    for values in product(LEARNERS, *columns.values()):
        yield {name: value for name, value in zip(names, values, strict=True) if value}


def agreement(row_type: type, columns: dict[str, list[str]]) -> int:
    plain, adapter, accepted = PLAIN_CHECKS[row_type], TypeAdapter(row_type), 0
    for cells in cell_sets(columns):
        values = plain(dict(cells))
        if values is None:
            continue
        accepted += 1
        try:
            expected = adapter.validate_python(cells)
        except ValidationError as exc:
            raise AssertionError(f"plain check accepted {cells}, which the model refuses: {exc}") from None
        assert values == expected and all(type(values[k]) is type(expected[k]) for k in expected), cells
    return accepted


def test_the_plain_check_of_a_sheet_row_accepts_a_subset_of_the_model_with_the_same_values():
    assert agreement(AttendanceRow, ATTENDANCE) > 100


def test_the_plain_check_of_an_enrolment_row_accepts_a_subset_of_the_model_with_the_same_values():
    assert agreement(EnrolmentRow, ENROLMENT) > 20


def test_rows_are_read_the_same_with_and_without_double_quotes():
    """A file with a quote goes through the csv module, one without through str.split."""
    plain = "learner,status,minutes,note\nE1,present,90,late bus\n\nE2,absnt,,\nE3,late,x,\n  \nE4,present,1,a,b\n"
    quoted = plain.replace("late bus", '"late bus"')
    one, two = read_attendance("s", "a.csv", plain), read_attendance("s", "a.csv", quoted)
    assert one == two
    assert [d.rule for d in one[1]] == ["csv-row", "invalid-value", "invalid-value"]
    assert [(r.learner, r.minutes, r.note, r.line) for r in one[0]] == [("E1", 90, "late bus", 2)]


def test_a_row_the_plain_check_is_unsure_of_is_validated_by_the_model():
    out = read_csv(
        "e.csv", "learner,cohort,status,date\nE1, a ,enrolled,2026-10-01\n", ("learner", "cohort", "status", "date")
    )
    rows = validate_rows(out, EnrolmentRow)
    assert out.diagnostics == [] and rows[0][1]["cohort"] == "a"  # (pydantic strips the spaces)
    rows, problems = read_enrolments("p", "e.csv", "learner,cohort,status\nE1,a,Enrolled\n")
    assert rows == () and "did you mean 'enrolled'?" in problems[0].message


def test_learners_checked_together_are_accepted_exactly_when_each_is():
    """The one match over a sheet's learners joined agrees with the match of each one: no cell
    that is not an id passes because of its neighbours."""
    for count in (1, 2, 3):
        for cells in product(LEARNERS, repeat=count):
            assert learner_ids(cells) == all(learner_id(cell) for cell in cells), cells
