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

__all__ = ["PLAIN_CHECKS", "attendance_values", "enrolment_values", "learner_id", "whole_number", "day"]

# (fullmatch: the whole cell, as pydantic's pattern, whose '$' is the end of the text)
learner_id = re.compile(LEARNER_ID_PATTERN).fullmatch
ATTENDANCE = frozenset(ATTENDANCE_STATUSES)
ENROLMENT = frozenset(ENROLMENT_STATUSES)

Cells = dict[str, str]


def attendance_values(learner: str, status: str, minutes: str, note: str) -> tuple[str, int | None, str] | None:
    """A sheet row's cells ("" for a blank or missing one), checked: (its status, its minutes as
    a number or None, its note); None when not sure. The one statement of a plain sheet row's
    rules, for the one-pass reader (:mod:`.clean_files`) and the general one (below)."""
    if not learner_id(learner) or (status and status not in ATTENDANCE) or note != note.strip():
        return None
    if not minutes:
        return status, None, note
    number = whole_number(minutes, MAX_MINUTES)
    return None if number is None else (status, number, note)


def enrolment_values(learner: str, cohort: str, status: str, written: str) -> tuple[str, str, date | None] | None:
    """An enrolment row's cells ("" for a blank or missing one), checked: (its cohort, its status,
    its date or None); None when not sure. The one statement of a plain enrolment row's rules."""
    if not learner_id(learner) or status not in ENROLMENT or cohort != cohort.strip():
        return None
    if not written:
        return cohort, status, None
    when = day(written)
    return None if when is None else (cohort, status, when)


def _attendance(cells: Cells) -> dict[str, Any] | None:
    """``learner,status,minutes,note`` of a sign-in sheet (blank cells left out), validated; None
    when not sure."""
    if len(cells) > 4:
        return None
    minutes = cells.get("minutes")
    get = cells.get
    values = attendance_values(get("learner", ""), get("status", ""), minutes or "", get("note", ""))
    if values is None:
        return None
    return cells if minutes is None else {**cells, "minutes": values[1]}


def _enrolment(cells: Cells) -> dict[str, Any] | None:
    """``learner,cohort,status,date`` of an enrolment file (blank cells left out), validated; None
    when not sure."""
    if len(cells) > 4:
        return None
    get = cells.get
    written = get("date")
    values = enrolment_values(get("learner", ""), get("cohort", ""), get("status", ""), written or "")
    if values is None:
        return None
    return cells if written is None else {**cells, "date": values[2]}


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
