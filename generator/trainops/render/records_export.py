"""``trainops records export``: the records as tidy CSV, one row per learner and session, for a
spreadsheet or another system (xAPI statements are :mod:`trainops.render.xapi`)."""

from __future__ import annotations

import io
from datetime import date

from ..model.project import Project
from ..model.record_kinds import EXPORT_KINDS
from ..model.training_records import Enrolment, Records
from ..plan.progress import LearnerProgress, program_progress
from .spreadsheet_csv import spreadsheet_writer

__all__ = [
    "ATTENDANCE_EXPORT_COLUMNS",
    "COMPLETION_EXPORT_COLUMNS",
    "EXPORT_KINDS",
    "attendance_csv",
    "completions_csv",
]


ATTENDANCE_EXPORT_COLUMNS = (
    "learner",
    "date",
    "start",
    "duration_minutes",
    "program",
    "part",
    "session",
    "instructor",
    "status",
    "minutes",
)


def attendance_csv(project: Project, records: Records) -> str:
    """One row per learner and session, in the order of the sessions' starts. Date and start are
    the session's own, in its zone; a row whose session is no longer in the schedule keeps its
    learner, session and status (the other columns blank): records are flagged, never lost."""
    sessions = {s.id: s for s in project.sessions}
    rows = []
    for session_id, sheet in records.attendance.items():
        session = sessions.get(session_id)
        for row in sheet.rows:
            if session is None:
                when: tuple = ("", "", "", "", "", "")
            else:
                length = int((session.end - session.start).total_seconds() // 60)
                when = (
                    session.start.date().isoformat(),
                    session.start.strftime("%H:%M"),
                    str(length),
                    session.program,
                    project.part_of(session),
                    session.entry.instructor or "",
                )
            minutes = "" if row.minutes is None else str(row.minutes)
            rows.append((when[0], when[1], session_id, row.learner, when, row.status, minutes))
    out = io.StringIO()
    writer = spreadsheet_writer(out, lineterminator="\n")
    writer.writerow(ATTENDANCE_EXPORT_COLUMNS)
    for day, start, session_id, learner, when, status, minutes in sorted(rows, key=lambda r: r[:4]):
        writer.writerow((learner, day, start, when[2], when[3], when[4], session_id, when[5], status, minutes))
    return out.getvalue()


COMPLETION_EXPORT_COLUMNS = (
    "learner",
    "program",
    "cohort",
    "enrolment",
    "first_session",
    "due",
    "parts_attended",
    "parts_required",
    "completed",
    "completed_on",
    "passed",
    "best_score",
    "late",
    "waived",
    "waiver_reason",
)


def completions_csv(project: Project, records: Records) -> str:
    """One row per learner and program they have an enrolment in, sorted by learner then program:
    the learner's standing as :func:`~trainops.plan.progress.program_progress` works it out.
    ``enrolment`` is the learner's last enrolment status; a waitlisted or withdrawn learner's row
    has their cohort and status only (completion is worked out for enrolled learners alone).
    ``passed`` is blank for a program without an assessment; yes/no otherwise, like the flags."""
    rows: list[tuple[str, ...]] = []
    for slug in sorted(records.enrolments):
        if slug not in project.programs:
            continue  # an enrolment file for an unknown program: `check` reports it
        progress = {p.learner: p for p in program_progress(project, records, slug).learners}
        last: dict[str, Enrolment] = {}
        for enrolment in records.enrolments[slug]:
            last[enrolment.learner] = enrolment
        for learner, enrolment in last.items():
            standing = progress.get(learner)
            known = _standing(standing) if standing else ("",) * (len(COMPLETION_EXPORT_COLUMNS) - 4)
            rows.append((learner, slug, enrolment.cohort, enrolment.status, *known))
    out = io.StringIO()
    writer = spreadsheet_writer(out, lineterminator="\n")
    writer.writerow(COMPLETION_EXPORT_COLUMNS)
    rows.sort(key=lambda r: r[:2])
    writer.writerows(rows)
    return out.getvalue()


def _standing(p: LearnerProgress) -> tuple[str, ...]:
    waiver = p.waived
    return (
        _day(p.first_session),
        _day(p.due),
        str(len(p.attended)),
        str(len(p.attended) + len(p.missing)),
        _yes(p.completed),
        _day(p.completed_on),
        "" if p.passed is None else _yes(p.passed),
        "" if p.best_score is None else f"{p.best_score:g}",
        _yes(p.late),
        _yes(waiver is not None),
        waiver.reason if waiver else "",
    )


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
