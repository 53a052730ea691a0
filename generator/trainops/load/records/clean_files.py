"""A clean sign-in sheet or enrolment file read in one pass: the common case, a file a coordinator
typed or ``records new`` wrote, with nothing to report.

The general reader (:mod:`.csv_rows`, then :mod:`.files`) goes over each row five times (cells,
a dictionary of them, its check, duplicates, the row's object): about 7 µs a row, 5 s for the
800,000 rows of a large organisation's year. Here a file is cut into columns at once, each
column checked in bulk (its learners in one match, each distinct rest of a row once) and the rows
made from the columns. Anything this pass is not sure of (a double quote, a header it does not know by heart, a
row of another width, a cell the plain checks of :mod:`.plain_rows` do not accept, a learner twice,
an unfilled line of ``records new``) makes it give up on the whole file, which the general reader
then reads: every diagnostic comes from there, and a clean file gives the same rows either way (a
test holds the two to that).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from functools import cache
from itertools import repeat

from ...model.record_formats import AttendanceRow, EnrolmentRow, all_columns, required_columns
from ...model.training_records import Attendance, Enrolment
from ..yamlsource import CONTROL_CHARACTER
from .plain_rows import ENROLMENT, dates, learner_ids, minute_numbers, sheet_status, unpadded

__all__ = ["clean_attendance", "clean_enrolments"]


def clean_attendance(session_id: str, path: str, text: str) -> tuple[Attendance, ...] | None:
    """The rows of a clean sign-in sheet; None when the general reader must read it."""
    read = _clean_columns(text, AttendanceRow, ("learner", "status", "minutes", "note"))
    if read is None:
        return None
    numbers, (learners, statuses, minutes, notes) = read
    if not numbers:
        return ()
    # (each column's distinct cells checked once: a sheet has a few)
    number_of, kinds = minute_numbers(set(minutes)), set(statuses)
    if number_of is None or not (all(map(sheet_status, kinds)) and all(map(unpadded, set(notes)))):
        return None
    if not _learners_once(learners) or _unfilled(learners):
        return None
    status_of = {status: sys.intern(status) for status in kinds}
    cells = (
        repeat(session_id),
        map(sys.intern, learners),
        map(status_of.__getitem__, statuses),
        map(number_of.__getitem__, minutes),
        notes,
        repeat(path),
        numbers,
    )
    return tuple(map(Attendance._make, zip(*cells, strict=False)))  # (_make: a call per row is slower)


def clean_enrolments(program: str, path: str, text: str) -> tuple[Enrolment, ...] | None:
    """The rows of a clean enrolment file; None when the general reader must read it."""
    read = _clean_columns(text, EnrolmentRow, ("learner", "status", "cohort", "date"))
    if read is None:
        return None
    numbers, (learners, statuses, cohorts, written) = read
    if not numbers:
        return ()
    date_of, kinds, runs = dates(set(written)), set(statuses), set(cohorts)
    if date_of is None or not (kinds <= ENROLMENT and all(map(unpadded, runs)) and learner_ids(learners)):
        return None
    # (a learner in two rows is fine in two cohorts; a learner once needs no pairs made)
    if len(set(learners)) != len(learners) and len(set(zip(learners, cohorts, strict=True))) != len(learners):
        return None
    intern = sys.intern
    cohort_of, status_of = {cohort: intern(cohort) for cohort in runs}, {status: intern(status) for status in kinds}
    cells = (
        repeat(program),
        map(intern, learners),
        map(cohort_of.__getitem__, cohorts),
        map(status_of.__getitem__, statuses),
        map(date_of.__getitem__, written),
        repeat(path),
        numbers,
    )
    return tuple(map(Enrolment._make, zip(*cells, strict=False)))  # (the repeats end with the rows)


def _learners_once(learners: list[str]) -> bool:
    """Whether every cell is a learner id and no learner is there twice."""
    return learner_ids(learners) and len(set(learners)) == len(learners)


def _unfilled(learners: list[str]) -> bool:
    """Whether a learner cell starts with '#': an unfilled line of ``records new``."""
    return "#" in "".join(learners) and any(learner[0] == "#" for learner in learners)


def _line_numbers(at_least: int) -> Sequence[int]:
    """0, 1, 2... past ``at_least``: the same number objects for every file of up to
    :data:`LINES_SHARED` lines. Python shares the numbers up to 256 only, and a row keeps its line
    number: the 2,000,000 enrolment rows of five years (files of thousands of lines) held 51 MB
    of them, one per row."""
    return _shared_numbers() if at_least <= LINES_SHARED else range(at_least)


# Files up to this many lines share their line numbers (a larger one makes its own: the numbers
# kept for it would outlive its rows).
LINES_SHARED = 1 << 16


# Each row type's (columns, required columns): a header is checked against them 100,000 times.
_COLUMNS: dict[type, tuple[frozenset[str], frozenset[str]]] = {
    row: (frozenset(all_columns(row)), required_columns(row)) for row in (AttendanceRow, EnrolmentRow)
}


@cache
def _shared_numbers() -> tuple[int, ...]:
    """0 to :data:`LINES_SHARED` - 1, made once (2.4 MB)."""
    return tuple(range(LINES_SHARED))


def _clean_columns(text: str, row_type: type, wanted: tuple[str, ...]) -> tuple[Sequence[int], list[list[str]]] | None:
    """(the line number of each row, the cells of each column ``wanted`` in the rows' order, blank
    cells for one the header leaves out) of a file this pass can read: no double quote, no control
    character, no line longer than the csv module takes, a header on the first line naming each
    column once, every required one among them, with nothing around the names, and as many cells
    on each line that is not empty. The lines are cut all at once (one ``split`` of the text, each column a
    slice of it), not one at a time: 4,000,000 rows at five years."""
    if '"' in text or CONTROL_CHARACTER.search(text):
        return None
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    limit = csv.field_size_limit()
    if len(text) > limit and max(map(len, lines)) > limit:
        return None
    header = lines[0].split(",") if lines else []
    names, (known, required) = set(header), _COLUMNS[row_type]
    if len(names) != len(header) or not known >= names >= required:
        return None
    body = lines[1:]
    numbers: Sequence[int] = _line_numbers(len(lines) + 1)[2 : len(lines) + 1]
    if "" in body:  # (an empty line is no row; the others keep their numbers)
        numbers = [number for number, line in zip(numbers, body, strict=True) if line]
        body = [line for line in body if line]
    width = len(header)
    if body and set(map(str.count, body, repeat(","))) != {width - 1}:
        return None
    at = {name: i for i, name in enumerate(header)}
    cells, blank = ",".join(body).split(",") if body else [], [""] * len(numbers)
    return numbers, [cells[at[name] :: width] if name in at else blank for name in wanted]
