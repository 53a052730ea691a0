"""``trainops records export``: the records as tidy CSV, one row per learner and session, for a
spreadsheet or another system (xAPI statements are :mod:`trainops.render.xapi`)."""

from __future__ import annotations

import csv
import io

from ..model.project import Project
from ..model.training_records import Records

__all__ = ["ATTENDANCE_EXPORT_COLUMNS", "EXPORT_KINDS", "attendance_csv"]

EXPORT_KINDS = ("attendance", "completions", "xapi")

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
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ATTENDANCE_EXPORT_COLUMNS)
    for day, start, session_id, learner, when, status, minutes in sorted(rows, key=lambda r: r[:4]):
        writer.writerow((learner, day, start, when[2], when[3], when[4], session_id, when[5], status, minutes))
    return out.getvalue()
