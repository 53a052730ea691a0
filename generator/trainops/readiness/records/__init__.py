"""The rules for the records of what training did that need more than one file: an attendance
row against the schedule, the roster and the enrolments; an assessment against its program; an
exception against the people. A pure function of the project and the records (the per-file checks
of header, vocabulary and syntax are made where the files are read, in ``trainops.load.records``).

Rule ids: unknown-session, record-wrong-year, attendance-cancelled, future-attendance,
over-capacity, unknown-learner, not-enrolled, duplicate-learner, personal-data-in-note,
unknown-program, unknown-cohort, no-assessment, score-too-high, unknown-approver.
No row is ever dropped: a rule says what is wrong and the record stays as written.
"""

from __future__ import annotations

from ...model.diagnostics import Diagnostic
from ...model.project import Project
from ...model.training_records import Records
from .attendance import attendance_diagnostics, feedback_diagnostics
from .index import RecordIndex
from .program_files import exception_diagnostics, program_file_diagnostics

__all__ = ["record_diagnostics"]


def record_diagnostics(project: Project, records: Records) -> list[Diagnostic]:
    """Every problem across the records files, one diagnostic each, in a reproducible order."""
    index = RecordIndex(project, records)
    return (
        attendance_diagnostics(index)
        + feedback_diagnostics(index)
        + program_file_diagnostics(index)
        + exception_diagnostics(index)
    )
