"""The records files' rows as pydantic models: what a coordinator may write in each column.

One model per file kind ("Records" in the reference): the roster, enrolments, attendance, assessments, observations
and the entries of ``records/exceptions.yaml``. The loader (:mod:`trainops.load.records`) checks a
file's header against a model's fields and validates its rows with it, and ``trainops schema``
generates the JSON Schemas from here: the rules of a column live once.

The rows are typed dictionaries validated by pydantic, not ``BaseModel`` classes: a list of
400,000 attendance rows is validated in pydantic's core in about 0.3 s this way, against about
1.5 s when every row becomes a model instance (measured on this project's machine). The CSV rows
hold only what pydantic checks in its own core (patterns, vocabularies, numbers); dates are parsed
by :func:`trainops.model.values.parse_date` as everywhere else. A blank cell is absent (the loader
leaves it out), so an optional column may be left empty: those are ``NotRequired``.
"""

# (No "from __future__ import annotations": a TypedDict reads which keys are required from real
# annotations.)
from typing import Annotated, Literal, NotRequired

from pydantic import ConfigDict, Field, WithJsonSchema, with_config
from typing_extensions import TypedDict  # (the one pydantic accepts before Python 3.12)

from . import values as v
from .formats import DateValue, PersonId, Slug
from .training_records import (
    ATTENDANCE_STATUSES,
    ENROLMENT_STATUSES,
    EXCEPTION_KINDS,
    EXCEPTION_REASONS,
    MAX_MINUTES,
    MAX_SCORE,
)

__all__ = [
    "LEARNER_ID_PATTERN",
    "RosterRow",
    "EnrolmentRow",
    "AttendanceRow",
    "AssessmentRow",
    "ObservationRow",
    "ExceptionEntry",
    "ExceptionsFile",
    "LockEntry",
    "LocksFile",
    "CorrectionEntry",
    "CorrectionsFile",
    "CSV_ROWS",
    "required_columns",
    "all_columns",
    "MAX_RATING",
]

# An opaque id such as an employee number: no spaces and no '@', so neither a name ("Ana Ruiz")
# nor an e-mail address can pass for one and reach the coordinator site or an export.
LEARNER_ID_PATTERN = r"^[^\s@,]+$"
MAX_RATING = 5  # observations are rated 1 (not seen) to 5 (a model for others)

LearnerId = Annotated[
    str,
    Field(pattern=LEARNER_ID_PATTERN, description="The learner's opaque id from the roster (an employee number)."),
    WithJsonSchema({"type": "string", "pattern": LEARNER_ID_PATTERN, "examples": ["E10234"]}),
]
_MANAGER = "A learner id of the roster or a people.yaml id."


_ATTEMPT = "1 (the default) for the first attempt, 2 for the second..."
_SCORE = "Percent; passed at the program's assessment.pass_mark."
_OBSERVER = "Who saw it: a people.yaml id or a learner id."
_RATING = "1 (not seen) to 5 (a model for others)."
_ROW = ConfigDict(extra="forbid", str_strip_whitespace=True)


@with_config(_ROW)
class RosterRow(TypedDict):
    """One learner: ``learner,name,email,manager,unit,location``."""

    learner: LearnerId
    name: Annotated[str, Field(min_length=1, description="The learner's name (shown only with ops_names).")]
    email: NotRequired[Annotated[str, Field(pattern=v.EMAIL_PATTERN, description="Where messages to the learner go.")]]
    manager: NotRequired[Annotated[str, Field(pattern=LEARNER_ID_PATTERN, description=_MANAGER)]]
    unit: NotRequired[Annotated[str, Field(description="Department or team.")]]
    location: NotRequired[Annotated[str, Field(description="Site or city.")]]


@with_config(_ROW)
class EnrolmentRow(TypedDict):
    """One enrolment in ``records/enrolments/<program>.csv``: ``learner,cohort,status,date``."""

    learner: LearnerId
    cohort: NotRequired[Annotated[str, Field(description="A session's cohort, or a session id for one run.")]]
    status: Annotated[Literal[ENROLMENT_STATUSES], Field(description="enrolled, waitlisted or withdrawn.")]  # type: ignore[valid-type]
    date: NotRequired[Annotated[DateValue, Field(description="When the learner was enrolled (YYYY-MM-DD).")]]


@with_config(_ROW)
class AttendanceRow(TypedDict):
    """One line of a sign-in sheet, ``records/attendance/<YYYY>/<session-id>.csv``:
    ``learner,status,minutes,note``. A blank status is a line not filled in yet."""

    learner: LearnerId
    status: NotRequired[
        Annotated[Literal[ATTENDANCE_STATUSES], Field(description="present, late, left-early, absent or excused.")]  # type: ignore[valid-type]
    ]
    minutes: NotRequired[Annotated[int, Field(ge=0, le=MAX_MINUTES, description="Minutes attended.")]]
    note: NotRequired[Annotated[str, Field(description="Why: never a name or an e-mail address.")]]


@with_config(_ROW)
class AssessmentRow(TypedDict):
    """One attempt in ``records/assessments/<program>.csv``: ``learner,date,attempt,score``."""

    learner: LearnerId
    date: Annotated[DateValue, Field(description="The day of the attempt (YYYY-MM-DD).")]
    attempt: NotRequired[Annotated[int, Field(ge=1, description=_ATTEMPT)]]
    score: Annotated[float, Field(ge=0, le=MAX_SCORE, description=_SCORE)]


@with_config(_ROW)
class ObservationRow(TypedDict):
    """One observation at work in ``records/observations/<program>.csv``:
    ``learner,date,observer,rating,note``."""

    learner: LearnerId
    date: Annotated[DateValue, Field(description="The day the behaviour was seen (YYYY-MM-DD).")]
    observer: Annotated[str, Field(pattern=LEARNER_ID_PATTERN, description=_OBSERVER)]
    rating: NotRequired[Annotated[int, Field(ge=1, le=MAX_RATING, description=_RATING)]]
    note: NotRequired[Annotated[str, Field(description="What was seen: never a name or an e-mail address.")]]


@with_config(ConfigDict(extra="forbid", str_strip_whitespace=True))
class ExceptionEntry(TypedDict):
    """One entry of ``records/exceptions.yaml``: a learner excused from (part of) a program."""

    learner: LearnerId
    program: Annotated[Slug, Field(description="The program's slug.")]
    kind: Annotated[Literal[EXCEPTION_KINDS], Field(description="waived, extended or exempt.")]  # type: ignore[valid-type]
    reason: Annotated[Literal[EXCEPTION_REASONS], Field(description="tested-out, equivalent or administrative.")]  # type: ignore[valid-type]
    approved_by: Annotated[PersonId, Field(description="Who approved it: a people.yaml id.")]
    until: NotRequired[Annotated[DateValue, Field(description="The new due date of an extension (YYYY-MM-DD).")]]


# ``records/exceptions.yaml``: a list of exceptions, each with its reason and approver.
ExceptionsFile = list[ExceptionEntry]

_RECORDS_FILE = r"^[^\s].*\.csv$"
_COMMIT = r"^[0-9a-fA-F]{7,64}$"
RecordsFilePath = Annotated[
    str,
    Field(pattern=_RECORDS_FILE, description="A records CSV file, from the project's folder."),
    WithJsonSchema(
        {"type": "string", "pattern": _RECORDS_FILE, "examples": ["records/attendance/2026/onb-2026-10-06.csv"]}
    ),
]
CommitId = Annotated[
    str,
    Field(pattern=_COMMIT, description="A commit id: the full id, or its first 7 characters or more."),
    WithJsonSchema({"type": "string", "pattern": _COMMIT, "examples": ["3f9c2e1a"]}),
]


@with_config(ConfigDict(extra="forbid", str_strip_whitespace=True))
class LockEntry(TypedDict):
    """One entry of ``records/locks.yaml``: a records file as it stood at a commit an auditor sampled."""

    file: RecordsFilePath
    commit: Annotated[CommitId, Field(description="The commit the auditor sampled the file at.")]
    note: NotRequired[Annotated[str, Field(description="Which audit, and who sampled it.")]]


@with_config(ConfigDict(extra="forbid", str_strip_whitespace=True))
class CorrectionEntry(TypedDict):
    """One entry of ``records/corrections.yaml``: an approved change of a locked file's rows."""

    file: RecordsFilePath
    commit: Annotated[CommitId, Field(description="The commit that changed the locked rows.")]
    reason: Annotated[str, Field(min_length=1, description="Why the sampled rows were changed.")]
    approved_by: Annotated[PersonId, Field(description="Who approved the correction: a people.yaml id.")]


# ``records/locks.yaml`` and ``records/corrections.yaml``: lists of those entries.
LocksFile = list[LockEntry]
CorrectionsFile = list[CorrectionEntry]

# The CSV files with fixed columns: the folder (or file) they are in → their row.
CSV_ROWS: dict[str, type] = {
    "roster": RosterRow,
    "enrolments": EnrolmentRow,
    "attendance": AttendanceRow,
    "assessments": AssessmentRow,
    "observations": ObservationRow,
}


def all_columns(row: type) -> tuple[str, ...]:
    """The columns of a file of ``row``, in the order a header lists them."""
    return tuple(row.__annotations__)


def required_columns(row: type) -> frozenset[str]:
    """The columns a file of ``row`` must have (its header may leave the others out)."""
    return frozenset(row.__required_keys__)  # type: ignore[attr-defined]
