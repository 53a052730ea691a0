"""What training did: the roster, enrolments, attendance, assessments, observations, anonymous
feedback and exceptions, each row with the file and line it was written at.

These are the records files of the folder ``records/`` (plugin setting ``records_dir``) and the
roster (``records/learners.csv``, the setting ``roster`` or the environment's ``TRAINOPS_ROSTER``).
A learner is an opaque id (an employee number), never a name: names and e-mails live only in the
roster, which may be kept out of git.

The records are personal data. They are deliberately *not* part of
:class:`trainops.model.project.Project`: they are read by ``trainops.load.records`` only for
``check``, the coordinator site and the ``records``/``report`` commands, and handed to those
explicitly, so the learner site is built from a value that cannot hold them.

Values here are already parsed. A row whose value could not be parsed gave a diagnostic where it
was read and is left out; the vocabularies below are the one definition of each status word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from .record_audit import RecordCorrection, RecordLock
from .records import Session

__all__ = [
    "ATTENDANCE_STATUSES",
    "ATTENDED_STATUSES",
    "ENROLMENT_STATUSES",
    "EXCEPTION_KINDS",
    "EXCEPTION_REASONS",
    "FEEDBACK_FORBIDDEN_COLUMNS",
    "MAX_SCORE",
    "MAX_MINUTES",
    "UNFILLED_LINE",
    "unfilled_line",
    "cohort_key",
    "Learner",
    "Enrolment",
    "Attendance",
    "AttendanceSheet",
    "AssessmentResult",
    "Observation",
    "FeedbackSheet",
    "RecordException",
    "Records",
    "attendance_path",
]

# The status words of each file, in the order a coordinator reads them.
ATTENDANCE_STATUSES = ("present", "late", "left-early", "absent", "excused")
# The statuses that count as having attended a session (the reference: "present or late").
ATTENDED_STATUSES = frozenset({"present", "late"})
ENROLMENT_STATUSES = ("enrolled", "waitlisted", "withdrawn")
EXCEPTION_KINDS = ("waived", "extended", "exempt")
EXCEPTION_REASONS = ("tested-out", "equivalent", "administrative")
# Scores are percentages, like the program's ``assessment.pass_mark``.
MAX_SCORE = 100
# A sign-in sheet's ``minutes`` attended: at most a day.
MAX_MINUTES = 24 * 60
# Column names that would make an anonymous feedback file identify a learner.
FEEDBACK_FORBIDDEN_COLUMNS = frozenset({"learner", "name", "email", "e-mail", "employee", "id"})
# A line of a sign-in sheet that ``trainops records new`` wrote with no learner on it (the session
# had no enrolments): '#' and the sheet's label, '#1' for seat 1 and '#W1' for the first walk-in
# row. The coordinator types the learner's id over it; one left as it is, with nothing else on its
# line, is a line nobody signed and is not read as a learner.
UNFILLED_LINE = re.compile(r"#W?[1-9][0-9]*")


def unfilled_line(label: str) -> str:
    """The learner cell of the sheet's line ``label`` ("1", "W1") before anyone is typed in."""
    return f"#{label}"


def attendance_path(records_dir: str, session: Session) -> str:
    """Where a session's attendance file belongs, relative to the repository: the folder of the year
    the session starts in, in its own zone (the day on its sign-in sheet)."""
    return f"{records_dir.strip('/')}/attendance/{session.start.year}/{session.id}.csv"


def cohort_key(name: str) -> str:
    """What two cohort names are compared by: spaces and case aside ("Go-live  A" is "go-live a"),
    as the guide groups a schedule's ``cohort:`` values."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class Learner:
    """One roster row: ``learner,name,email,manager,unit,location``."""

    id: str
    name: str
    email: str
    manager: str  # a learner id or a people.yaml id; "" when none
    unit: str
    location: str
    path: str
    line: int


class Enrolment(NamedTuple):
    """One row of ``records/enrolments/<program>.csv``: ``learner,cohort,status,date``.

    A named tuple, as :class:`Attendance`: 400,000 of them a year in a large organisation."""

    program: str
    learner: str
    cohort: str  # a session's ``cohort:`` or a session id (one run); "" when not given
    status: str  # one of ENROLMENT_STATUSES
    date: date | None
    path: str
    line: int


class Attendance(NamedTuple):
    """One row of an attendance file: ``learner,status,minutes,note``.

    A named tuple, not a frozen dataclass: a large organisation's year has 400,000 rows, and a
    frozen dataclass is made a field at a time through ``object.__setattr__`` (0.95 µs a row,
    nearly half of reading a clean sheet's row), a tuple in one step (0.26 µs)."""

    session_id: str
    learner: str
    status: str  # one of ATTENDANCE_STATUSES, or "" in a file written by `records new` not yet filled in
    minutes: int | None
    note: str
    path: str
    line: int

    @property
    def attended(self) -> bool:
        return self.status in ATTENDED_STATUSES


@dataclass(frozen=True, slots=True)
class AttendanceSheet:
    """One attendance file, ``records/attendance/<YYYY>/<session-id>.csv``: one sign-in sheet."""

    session_id: str  # the file's stem
    year: int | None  # the folder it sits in (None when that folder is not a year)
    path: str
    rows: tuple[Attendance, ...] = ()


@dataclass(frozen=True, slots=True)
class AssessmentResult:
    """One row of ``records/assessments/<program>.csv``: ``learner,date,attempt,score``."""

    program: str
    learner: str
    date: date
    attempt: int
    score: float  # percent
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Observation:
    """One row of ``records/observations/<program>.csv``: ``learner,date,observer,rating,note``."""

    program: str
    learner: str
    date: date
    observer: str
    rating: int | None
    note: str
    path: str
    line: int


@dataclass(frozen=True)
class FeedbackSheet:
    """``records/feedback/<session-id>.csv``: anonymous answers, one column per question."""

    session_id: str
    questions: tuple[str, ...]
    answers: tuple[tuple[str, ...], ...]  # one tuple per row, in the order of ``questions``
    path: str
    header_line: int = 1


@dataclass(frozen=True)
class RecordException:
    """One entry of ``records/exceptions.yaml``."""

    learner: str
    program: str
    kind: str  # one of EXCEPTION_KINDS
    reason: str  # one of EXCEPTION_REASONS
    approved_by: str  # a person id or learner id; "" when missing (an error where it was read)
    until: date | None
    path: str
    line: int


@dataclass(frozen=True)
class Records:
    """All records of a project, as read. Lists keep file order; dictionaries are keyed as named."""

    roster: dict[str, Learner] | None = None  # None: no roster given, learner ids cannot be checked
    roster_path: str = ""  # where the roster was read ("" without one); may be outside the repository
    enrolments: dict[str, tuple[Enrolment, ...]] = field(default_factory=dict)  # by program slug
    attendance: dict[str, AttendanceSheet] = field(default_factory=dict)  # by session id
    assessments: dict[str, tuple[AssessmentResult, ...]] = field(default_factory=dict)  # by program slug
    observations: dict[str, tuple[Observation, ...]] = field(default_factory=dict)  # by program slug
    feedback: dict[str, FeedbackSheet] = field(default_factory=dict)  # by session id
    exceptions: tuple[RecordException, ...] = ()
    locks: tuple[RecordLock, ...] = ()  # records/locks.yaml: files an auditor sampled, at a commit
    corrections: tuple[RecordCorrection, ...] = ()  # records/corrections.yaml: approved changes of them

    def learner_name(self, learner_id: str, names: bool) -> str:
        """What a coordinator page shows for a learner: the id, or the roster's name when the
        setting ``ops_names`` says the coordinator site is behind a login (``names``)."""
        if names and self.roster and learner_id in self.roster:
            return self.roster[learner_id].name or learner_id
        return learner_id
