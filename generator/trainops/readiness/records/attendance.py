"""The rules for attendance and feedback files, which belong to one session each: the session
must exist, be in the year folder of its start, have happened, and hold no more learners than its
sign-in sheet; each learner is on the roster, enrolled, and on the sheet once."""

from __future__ import annotations

import posixpath

from ...model.diagnostics import Diagnostic
from ...model.formats import WALK_INS
from ...model.project import Session
from ...model.training_records import ATTENDED_STATUSES, Attendance, AttendanceSheet
from .index import RecordIndex, error, warning

__all__ = ["attendance_diagnostics", "feedback_diagnostics"]


def attendance_diagnostics(index: RecordIndex) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for session_id in sorted(index.records.attendance):
        sheet = index.records.attendance[session_id]
        session = index.sessions.get(session_id)
        if session is None:
            suggestion = index.near_session.did_you_mean(session_id)
            found.append(
                error(sheet.path, 1, "unknown-session", f"attendance for an unknown session '{session_id}'{suggestion}")
            )
        else:
            found += _against_session(index, sheet, session)
        found += _learners(index, sheet, session)
        found += _notes(index, sheet.rows)
    return found


def feedback_diagnostics(index: RecordIndex) -> list[Diagnostic]:
    found = []
    for session_id in sorted(index.records.feedback):
        if session_id not in index.sessions:
            sheet = index.records.feedback[session_id]
            suggestion = index.near_session.did_you_mean(session_id)
            message = f"feedback for an unknown session '{session_id}'{suggestion}"
            found.append(error(sheet.path, sheet.header_line, "unknown-session", message))
    return found


def _against_session(index: RecordIndex, sheet: AttendanceSheet, session: Session) -> list[Diagnostic]:
    found = []
    start = session.start.date()  # in the session's own zone: the day on its sign-in sheet
    if sheet.year is not None and sheet.year != start.year:
        # A session moved to another year says so here: its file stays where it was written.
        right = posixpath.join(posixpath.dirname(posixpath.dirname(sheet.path)), str(start.year), f"{session.id}.csv")
        message = f"session '{session.id}' starts on {start.isoformat()}, so its attendance belongs in {right}"
        found.append(error(sheet.path, 1, "record-wrong-year", message))
    if session.status == "cancelled":
        message = (
            f"session '{session.id}' is cancelled in the schedule, but this file records its attendance "
            f"({_rows(len(sheet.rows))}, kept): delete the file if the session did not take place"
        )
        found.append(warning(sheet.path, 1, "attendance-cancelled", message))
    if start > index.project.today:
        # `trainops records new` may write the file ahead, with the statuses blank: only a status
        # taken before the day is a mistake (most often the wrong session's file).
        taken = next((row for row in sheet.rows if row.status), None)
        if taken is not None:
            message = (
                f"session '{session.id}' starts on {start.isoformat()}, after today "
                f"({index.project.today.isoformat()}): its attendance cannot be taken yet"
            )
            found.append(error(sheet.path, taken.line, "future-attendance", message))
    capacity = session.entry.capacity
    # Counted only when the file has more rows than the sheet: most files are shorter.
    if capacity is not None and len(sheet.rows) > capacity + WALK_INS:
        attended = sum(1 for row in sheet.rows if row.status in ATTENDED_STATUSES)
        if attended > capacity + WALK_INS:
            message = (
                f"{attended} learners attended (present or late), more than the {capacity} seats and "
                f"{WALK_INS} walk-in rows of the sign-in sheet: check the rows, or the session's 'capacity:'"
            )
            found.append(error(sheet.path, 1, "over-capacity", message))
    return found


def _learners(index: RecordIndex, sheet: AttendanceSheet, session: Session | None) -> list[Diagnostic]:
    # Set operations, not a test per row: this runs for 400,000 rows.
    learners = [row.learner for row in sheet.rows]
    distinct = set(learners)
    distinct.discard("")
    twice = len(distinct) < len(learners) - learners.count("")
    roster = index.records.roster
    unknown = distinct.difference(roster) if roster is not None else set()
    members = index.enrolled.get(session.program) if session is not None else None
    # Without an enrolments file for the program nothing can be said about who was enrolled.
    # One set at a time: difference() walks the smaller side only for a single other set.
    outside = distinct.difference(members) - unknown if members is not None else set()
    if not twice and not unknown and not outside:
        return []
    rows = [row for row in sheet.rows if row.learner]
    found = []
    first_line: dict[str, int] = {}
    for row in rows:
        if row.learner in first_line:
            message = f"learner '{row.learner}' is already on line {first_line[row.learner]} of this file"
            found.append(error(row.path, row.line, "duplicate-learner", message))
            continue
        first_line[row.learner] = row.line
        if row.learner in unknown:
            found.append(index.not_in_roster(row.learner, row.path, row.line))
        elif row.learner in outside and session is not None:
            found.append(_not_enrolled(index, row, session.program))
    return found


def _not_enrolled(index: RecordIndex, row: Attendance, program: str) -> Diagnostic:
    # A warning: walk-ins happen, and the sign-in sheet has rows for them.
    status = index.other_status.get((program, row.learner))
    said = f"is {status}, not enrolled," if status else "is not enrolled"
    enrolments = index.records.enrolments[program][0].path if index.records.enrolments[program] else ""
    where = f" (enrol a walk-in in {enrolments})" if enrolments else ""
    message = f"learner '{row.learner}' {said} in '{program}'{where}"
    return warning(row.path, row.line, "not-enrolled", message)


def _notes(index: RecordIndex, rows: tuple[Attendance, ...]) -> list[Diagnostic]:
    personal_data = index.personal_data
    return [d for row in rows if row.note and (d := personal_data.diagnostic(row.note, row.path, row.line))]


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"
