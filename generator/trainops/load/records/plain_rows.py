"""The rows of the two big records files checked by plain code: a sign-in sheet's and an
enrolment file's, 400,000 rows each a year in a large organisation.

Through pydantic each row costs about 4 µs more than reading it (a dictionary in, a dictionary
out, a validator call); a status looked up in the vocabulary and an id matched by one regular
expression cost a fraction of that. A plain check only ever says "this row is fine, and here are
its values" or "not sure": every row it is not sure of (a typo, a cell with spaces around it, a
number written '090') goes to pydantic, which accepts it or says what is wrong, so the messages
stay the model's (:mod:`trainops.model.record_formats`). It accepts a subset of what the model
accepts, with the same values: the vocabularies, the id pattern, the dates' parser and the
bounds are the model's own constants (a test holds the two to that over many cells).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

from ...model.record_formats import LEARNER_ID_PATTERN, AttendanceRow, EnrolmentRow
from ...model.training_records import ATTENDANCE_STATUSES, ENROLMENT_STATUSES, MAX_MINUTES
from ...model.values import parse_date

__all__ = ["PLAIN_CHECKS", "ATTENDANCE", "ENROLMENT", "learner_id", "whole_number", "day"]

# (fullmatch: the whole cell, as pydantic's pattern, whose '$' is the end of the text)
learner_id = re.compile(LEARNER_ID_PATTERN).fullmatch
ATTENDANCE = frozenset(ATTENDANCE_STATUSES)
ENROLMENT = frozenset(ENROLMENT_STATUSES)

Cells = dict[str, str]


def _attendance(cells: Cells) -> dict[str, Any] | None:
    """``learner,status,minutes,note`` of a sign-in sheet, validated; None when not sure."""
    if len(cells) > 4 or not learner_id(cells.get("learner", "")):
        return None
    status = cells.get("status")
    if status is not None and status not in ATTENDANCE:
        return None
    note = cells.get("note")
    if note is not None and note != note.strip():
        return None
    minutes = cells.get("minutes")
    if minutes is None:
        return cells
    number = whole_number(minutes, MAX_MINUTES)
    return None if number is None else {**cells, "minutes": number}


def _enrolment(cells: Cells) -> dict[str, Any] | None:
    """``learner,cohort,status,date`` of an enrolment file, validated; None when not sure."""
    if len(cells) > 4 or not learner_id(cells.get("learner", "")) or cells.get("status") not in ENROLMENT:
        return None
    cohort = cells.get("cohort")
    if cohort is not None and cohort != cohort.strip():
        return None
    written = cells.get("date")
    if written is None:
        return cells
    when = day(written)
    return None if when is None else {**cells, "date": when}


@lru_cache(maxsize=4096)
def day(written: str) -> date | None:
    """The date of ``written`` (YYYY-MM-DD, no spaces around it); a year of enrolments has a few
    hundred dates, each in thousands of rows."""
    if written != written.strip():
        return None
    try:
        return parse_date(written)
    except ValueError:
        return None


def whole_number(text: str, most: int) -> int | None:
    """``text`` as a number from 0 to ``most`` written in plain digits, no zero before it."""
    if not (text.isascii() and text.isdigit()) or (len(text) > 1 and text[0] == "0"):
        return None
    number = int(text)
    return number if number <= most else None


# The row types that have a plain check: row type -> the check of one row's cells.
PLAIN_CHECKS: dict[type, Callable[[Cells], dict[str, Any] | None]] = {
    AttendanceRow: _attendance,
    EnrolmentRow: _enrolment,
}
