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
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from ...model.record_formats import LEARNER_ID_PATTERN, AttendanceRow, EnrolmentRow
from ...model.training_records import ATTENDANCE_STATUSES, ENROLMENT_STATUSES, MAX_MINUTES
from ...model.values import parse_date

__all__ = [
    "PLAIN_CHECKS",
    "attendance_values",
    "dates",
    "day",
    "enrolment_values",
    "learner_id",
    "learner_ids",
    "minute_numbers",
    "sheet_status",
    "unpadded",
    "whole_number",
]

# (fullmatch: the whole cell, as pydantic's pattern, whose '$' is the end of the text)
learner_id = re.compile(LEARNER_ID_PATTERN).fullmatch
_ONE_ID = LEARNER_ID_PATTERN.removeprefix("^").removesuffix("$")
_LEARNER_IDS = re.compile(f"(?:{_ONE_ID})(?:,(?:{_ONE_ID}))*").fullmatch
ATTENDANCE = frozenset(ATTENDANCE_STATUSES)
ENROLMENT = frozenset(ENROLMENT_STATUSES)

Cells = dict[str, str]


def attendance_values(learner: str, status: str, minutes: str, note: str) -> tuple[str, int | None, str] | None:
    """A sheet row's cells ("" for a blank or missing one), checked: (its status, its minutes as
    a number or None, its note); None when not sure. A plain sheet row's rules, made of the
    checks of its cells below, which the one-pass reader (:mod:`.clean_files`) runs over a
    sheet's columns; the general reader runs this over each of its rows."""
    numbers = minute_numbers((minutes,))
    if numbers is None or not (learner_id(learner) and sheet_status(status) and unpadded(note)):
        return None
    return status, numbers[minutes], note


def enrolment_values(learner: str, cohort: str, status: str, written: str) -> tuple[str, str, date | None] | None:
    """An enrolment row's cells ("" for a blank or missing one), checked: (its cohort, its status,
    its date or None); None when not sure. A plain enrolment row's rules (as :func:`attendance_values`)."""
    days = dates((written,))
    if days is None or not (learner_id(learner) and status in ENROLMENT and unpadded(cohort)):
        return None
    return cohort, status, days[written]


def sheet_status(status: str) -> bool:
    """A sheet's status: one of the vocabulary, or blank (a line ``records new`` wrote)."""
    return not status or status in ATTENDANCE


def unpadded(text: str) -> bool:
    """No space around the text (a cohort, a note): pydantic strips it, and says nothing."""
    return text == text.strip()


def minute_numbers(cells: Iterable[str]) -> dict[str, int | None] | None:
    """Each of the minutes cells as its number (None for a blank one); None when one is not sure."""
    numbers: dict[str, int | None] = {}
    for text in cells:
        number = numbers[text] = whole_number(text, MAX_MINUTES) if text else None
        if number is None and text:
            return None
    return numbers


def dates(cells: Iterable[str]) -> dict[str, date | None] | None:
    """Each of the date cells as its date (None for a blank one); None when one is not sure."""
    found: dict[str, date | None] = {}
    for text in cells:
        when = found[text] = day(text) if text else None
        if when is None and text:
            return None
    return found


def learner_ids(cells: Sequence[str]) -> bool:
    """Whether every cell is a learner id :func:`learner_id` accepts, in one match of them
    joined by commas: a sheet's rows checked one by one took 4,000,000 calls at five years. (An
    id holds no comma, so with one comma fewer than cells in the join, each cell is one id.)"""
    joined = ",".join(cells)
    return _LEARNER_IDS(joined) is not None and joined.count(",") == len(cells) - 1


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
