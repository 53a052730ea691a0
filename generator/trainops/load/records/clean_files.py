"""A clean sign-in sheet or enrolment file read in one pass: the common case, a file a coordinator
typed or ``records new`` wrote, with nothing to report.

The general reader (:mod:`.csv_rows`, then :mod:`.files`) goes over each row five times (cells,
a dictionary of them, its check, duplicates, the row's object): about 7 µs a row, 5 s for the
800,000 rows of a large organisation's year. Here each line is cut, checked and made into its row
at once. Anything this pass is not sure of (a double quote, a header it does not know by heart, a
row of another width, a cell the plain checks of :mod:`.plain_rows` do not accept, a learner twice,
an unfilled line of ``records new``) makes it give up on the whole file, which the general reader
then reads: every diagnostic comes from there, and a clean file gives the same rows either way (a
test holds the two to that).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import islice

from ...model.record_formats import AttendanceRow, EnrolmentRow, all_columns, required_columns
from ...model.training_records import Attendance, Enrolment
from ..yamlsource import CONTROL_CHARACTER
from .plain_rows import attendance_values, enrolment_values

__all__ = ["clean_attendance", "clean_enrolments"]


def clean_attendance(session_id: str, path: str, text: str) -> tuple[Attendance, ...] | None:
    """The rows of a clean sign-in sheet; None when the general reader must read it."""
    lines = _clean_lines(text, AttendanceRow)
    if lines is None:
        return None
    at, body = lines
    who, status_at, minutes_at, note_at = at["learner"], at.get("status"), at.get("minutes"), at.get("note")
    seen: set[str] = set()
    rows = []
    intern = sys.intern
    for number, cells in _cells(body, len(at)):
        if cells is None:
            return None
        learner = cells[who]
        values = attendance_values(
            learner,
            "" if status_at is None else cells[status_at],
            "" if minutes_at is None else cells[minutes_at],
            "" if note_at is None else cells[note_at],
        )
        if values is None or learner in seen or learner[0] == "#":
            return None
        seen.add(learner)
        status, minutes, note = values
        rows.append(Attendance(session_id, intern(learner), intern(status), minutes, note, path, number))
    return tuple(rows)


def clean_enrolments(program: str, path: str, text: str) -> tuple[Enrolment, ...] | None:
    """The rows of a clean enrolment file; None when the general reader must read it."""
    lines = _clean_lines(text, EnrolmentRow)
    if lines is None:
        return None
    at, body = lines
    who, status_at, cohort_at, date_at = at["learner"], at["status"], at.get("cohort"), at.get("date")
    seen: set[tuple[str, str]] = set()
    rows = []
    intern = sys.intern
    for number, cells in _cells(body, len(at)):
        if cells is None:
            return None
        learner = cells[who]
        values = enrolment_values(
            learner,
            "" if cohort_at is None else cells[cohort_at],
            cells[status_at],
            "" if date_at is None else cells[date_at],
        )
        if values is None or (learner, values[0]) in seen:
            return None
        cohort, status, when = values
        seen.add((learner, cohort))
        rows.append(Enrolment(program, intern(learner), intern(cohort), intern(status), when, path, number))
    return tuple(rows)


def _cells(body: list[str], width: int) -> Iterator[tuple[int, list[str] | None]]:
    """(line number, cells) of each line that is not empty; None for cells when the line has not
    ``width`` of them (a short or long row: the general reader says so at its line)."""
    for number, line in zip(islice(_line_numbers(len(body) + 2), 2, None), body, strict=False):
        if line:
            cells = line.split(",")
            yield number, cells if len(cells) == width else None


def _line_numbers(at_least: int) -> Sequence[int]:
    """0, 1, 2... past ``at_least``: the same number objects for every file of up to
    :data:`LINES_SHARED` lines. Python shares the numbers up to 256 only, and a row keeps its line
    number: the 2,000,000 enrolment rows of five years (files of thousands of lines) held 51 MB
    of them, one per row."""
    return _shared_numbers() if at_least <= LINES_SHARED else range(at_least)


# Files up to this many lines share their line numbers (a larger one makes its own: the numbers
# kept for it would outlive its rows).
LINES_SHARED = 1 << 16


@cache
def _shared_numbers() -> tuple[int, ...]:
    """0 to :data:`LINES_SHARED` - 1, made once (2.4 MB)."""
    return tuple(range(LINES_SHARED))


def _clean_lines(text: str, row_type: type) -> tuple[dict[str, int], list[str]] | None:
    """(each column's place by its name, the lines after the header) of a file this pass can read: no double quote, no
    control character, no line longer than the csv module takes, and a header on the first line
    naming each column once, every required one among them, with nothing around the names."""
    if '"' in text or CONTROL_CHARACTER.search(text):
        return None
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    limit = csv.field_size_limit()
    if len(text) > limit and max(map(len, lines)) > limit:
        return None
    header = lines[0].split(",") if lines else []
    names = set(header)
    if len(names) != len(header) or not names <= set(all_columns(row_type)) or not required_columns(row_type) <= names:
        return None
    return {name: i for i, name in enumerate(header)}, lines[1:]
