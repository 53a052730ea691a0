"""Retention: which records files are older than the setting ``records_keep`` allows.

A file's age is the day of its last record: an attendance or feedback sheet, its session's day
(a session no longer in the schedule: the last day of the year folder it is filed under); an
enrolments, assessments or observations file, its newest row's date (a file without dates is
kept). The roster and ``exceptions.yaml`` are live lists, never expired as files.
``check`` warns about each expired file once; ``trainops records prune`` removes exactly these.
"""

from __future__ import annotations

from datetime import date

from ...model.diagnostics import Diagnostic
from ...model.project import Project
from ...model.training_records import AssessmentResult, Enrolment, Observation, Records
from ...model.values import Duration

__all__ = ["expired_files", "expired_diagnostics"]


def expired_files(records: Records, project: Project, keep: Duration | None, today: date) -> list[tuple[str, date]]:
    """(repository path, day of its last record) of every file kept longer than ``keep``, by path."""
    if keep is None:
        return []
    days = {s.id: s.start.date() for s in project.sessions}
    last: dict[str, date] = {}
    for sheet in records.attendance.values():
        day = days.get(sheet.session_id) or (date(sheet.year, 12, 31) if sheet.year else None)
        if day:
            last[sheet.path] = day
    for feedback in records.feedback.values():
        if feedback.session_id in days:
            last[feedback.path] = days[feedback.session_id]
    tables: list[tuple[Enrolment | AssessmentResult | Observation, ...]] = [
        *records.enrolments.values(),
        *records.assessments.values(),
        *records.observations.values(),
    ]
    for rows in tables:
        dated = [row.date for row in rows if row.date is not None]
        if dated:
            last[rows[0].path] = max(dated)
    return sorted((path, day) for path, day in last.items() if keep.after(day) < today)


def expired_diagnostics(records: Records, project: Project, keep: Duration | None, today: date) -> list[Diagnostic]:
    """A warning for each expired file: ``[records-expired]``."""
    return [
        Diagnostic(
            path,
            1,
            1,
            "warning",
            "records-expired",
            f"the last record here is of {day}, older than records_keep ({keep}); "
            "'trainops records prune' removes this file",
        )
        for path, day in expired_files(records, project, keep, today)
    ]
