"""A learner's transcript: every record about them, each with the file and line it was read at.

Enrolments, attendance (every session they are on a sheet of, and every session they were expected
at whose sheet was taken without them: there the source is the sheet, which has no line for them),
assessment results, manager observations, exceptions, and certification periods (each with the
day it counts from, its expiry, and the completion it came from: the source is the attendance or
assessment row that completed the program, :func:`trainops.plan.completions.completion_sources`).

Sorted by learner, then date (undated rows first), then kind and source, so two runs give the same
rows. The rows come learner by learner: the records are first indexed by learner (references to
the records, not rows), and a learner's rows are made only when their turn comes, so that
``trainops report`` writes millions of them without holding them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, NamedTuple

from ..model.project import Project
from ..model.training_records import (
    AssessmentResult,
    Attendance,
    Enrolment,
    Observation,
    RecordException,
    Records,
)
from .certification import CertificationPeriod, ProgramCertification
from .completions import completion_sources
from .progress import ABSENT_UNLISTED, ProgramProgress

__all__ = ["TRANSCRIPT_KINDS", "TranscriptCells", "TranscriptRow", "transcript_rows", "learner_transcripts"]

TRANSCRIPT_KINDS = ("enrolment", "attendance", "assessment", "observation", "exception", "certification")
_KIND_ORDER = {kind: i for i, kind in enumerate(TRANSCRIPT_KINDS)}


class TranscriptRow(NamedTuple):
    """One row of a transcript. :func:`learner_transcripts` makes its rows as plain tuples of these
    fields in this order (:data:`TranscriptCells`): a report makes one per record (millions), and at five
    years of records a named tuple took 0.7 us more to make than a plain one (measured in a
    report's heap: 2.2 s against 0.84 s for two million), which the CSV does not need."""

    learner: str
    date: date | None
    kind: str  # one of TRANSCRIPT_KINDS
    program: str
    item: str  # the cohort, session, attempt, observer, exception kind, or "valid from <day>"
    value: str  # the status, score, rating, reason, or "until <expiry>"
    detail: str  # minutes and note, passed or not, who approved, the completion a period came from
    source: str  # path:line (a sheet's path alone for an absence it does not list)

    def key(self) -> tuple:
        """The rows' order: by learner, then date (undated first), kind, source and item."""
        return (self.learner, *_order(self))


# A transcript row as :func:`learner_transcripts` makes it: TranscriptRow's fields, in its order.
TranscriptCells = tuple[str, date | None, str, str, str, str, str, str]


def _order(row: TranscriptCells) -> tuple:
    """:meth:`TranscriptRow.key` within one learner's rows (their learner is the same)."""
    return (row[1] or date.min, _KIND_ORDER[row[2]], row[7], row[4])


def transcript_rows(
    project: Project,
    records: Records,
    progress: dict[str, ProgramProgress],
    certifications: dict[str, ProgramCertification] | None = None,
) -> Iterator[TranscriptRow]:
    """Every learner's transcript rows (see the module's docstring), learner by learner.
    ``certifications``: the certifying programs'
    :func:`~trainops.plan.certification.program_certification`, by slug."""
    for rows in learner_transcripts(project, records, progress, certifications):
        yield from map(TranscriptRow._make, rows)


def learner_transcripts(
    project: Project,
    records: Records,
    progress: dict[str, ProgramProgress],
    certifications: dict[str, ProgramCertification] | None = None,
) -> Iterator[list[TranscriptCells]]:
    """:func:`transcript_rows` as each learner's rows in a list, each a plain tuple (:data:`TranscriptCells`):
    what a report writes millions of rows from."""
    made = _RowMaker(project, records, certifications or {})
    # Each learner's pending records, the records themselves: the kind of each (its class) picks
    # its maker, so that millions of records cost a list entry each, not a tuple besides.
    makers: dict[type, Callable[[Any], TranscriptCells]] = {
        Enrolment: made.enrolment,
        Attendance: made.attendance,
        _Unlisted: made.unlisted,
        AssessmentResult: made.assessment,
        Observation: made.observation,
        RecordException: made.exception,
        _Held: made.certification,
    }
    pending: dict[str, list[Any]] = {}
    # (setdefault written out in each loop rather than a helper called for each of millions of records)
    for enrolments in records.enrolments.values():
        for e in enrolments:
            pending.setdefault(e.learner, []).append(e)
    for sheet in records.attendance.values():
        for a in sheet.rows:
            if a.status:
                pending.setdefault(a.learner, []).append(a)
    for slug in sorted(progress):
        # (learners who stand alike share their absences: each learner's row made at its turn)
        for same, ids in progress[slug].groups:
            absent = [session_id for session_id, status in same.sessions if status == ABSENT_UNLISTED]
            for learner in ids if absent else ():
                entries = pending.setdefault(learner, [])
                for session_id in absent:
                    entries.append(_Unlisted(slug, learner, session_id))
    for results in records.assessments.values():
        for r in results:
            pending.setdefault(r.learner, []).append(r)
    for observations in records.observations.values():
        for o in observations:
            pending.setdefault(o.learner, []).append(o)
    for x in records.exceptions:
        pending.setdefault(x.learner, []).append(x)
    for slug in sorted(made.certifications):
        for c in made.certifications[slug].learners:
            for period in c.periods:
                pending.setdefault(c.learner, []).append(_Held(slug, c.learner, period))
    for learner in sorted(pending):
        entries = pending.pop(learner)
        # (an absence progress counts is shown only when the learner has no row of that sheet)
        listed = {source.session_id for source in entries if type(source) is Attendance}
        rows = [
            makers[type(source)](source)
            for source in entries
            if type(source) is not _Unlisted or source.session_id not in listed
        ]
        rows.sort(key=_order)
        yield rows


class _Unlisted(NamedTuple):
    """An absence progress counts at a taken sheet that does not list the learner."""

    program: str
    learner: str
    session_id: str


class _Held(NamedTuple):
    """One certification period of a learner in a program."""

    program: str
    learner: str
    period: CertificationPeriod


class _RowMaker:
    """The context the rows are made in: the sessions by id, and the completions' sources."""

    def __init__(self, project: Project, records: Records, certifications: dict[str, ProgramCertification]):
        self.project = project
        self.records = records
        # each session's (day, program), found once for the hundreds of rows of its sheets
        self.sessions: dict[str, tuple[date, str]] = {s.id: (s.start.date(), s.program) for s in project.sessions}
        self.certifications = certifications
        self._sources: dict[str, dict[tuple[str, date], str]] = {}  # by the program completed

    def enrolment(self, e: Enrolment) -> TranscriptCells:
        return (e.learner, e.date, "enrolment", e.program, e.cohort, e.status, "", _at(e.path, e.line))

    def attendance(self, a: Attendance) -> TranscriptCells:
        day, program = self.sessions.get(a.session_id, (None, ""))
        minutes = "" if a.minutes is None else f"{a.minutes} min"
        detail = f"{minutes}; {a.note}" if minutes and a.note else minutes or a.note
        return (a.learner, day, "attendance", program, a.session_id, a.status, detail, _at(a.path, a.line))

    def unlisted(self, absent: _Unlisted) -> TranscriptCells:
        slug, learner, session_id = absent
        sheet_path = self.records.attendance[session_id].path  # (only a taken sheet counts one absent)
        day = self.sessions[session_id][0]
        detail = "not on the sheet"
        return (learner, day, "attendance", slug, session_id, ABSENT_UNLISTED, detail, sheet_path)

    def assessment(self, r: AssessmentResult) -> TranscriptCells:
        mark = _pass_mark(self.project, r.program)
        verdict = "" if mark is None else ("passed" if r.score >= mark else "not passed")
        detail = f"{verdict} (pass mark {mark:g})" if verdict and mark is not None else ""
        item, at = f"attempt {r.attempt}", _at(r.path, r.line)
        return (r.learner, r.date, "assessment", r.program, item, f"{r.score:g}", detail, at)

    def observation(self, o: Observation) -> TranscriptCells:
        rating = "" if o.rating is None else str(o.rating)
        at = _at(o.path, o.line)
        return (o.learner, o.date, "observation", o.program, o.observer, rating, o.note, at)

    def exception(self, x: RecordException) -> TranscriptCells:
        approved = f"approved by {x.approved_by}" if x.approved_by else "not approved"
        detail = f"{approved}; until {x.until.isoformat()}" if x.until else approved
        return (x.learner, x.until, "exception", x.program, x.kind, x.reason, detail, _at(x.path, x.line))

    def certification(self, held: _Held) -> TranscriptCells:
        """A period: dated by the completion that began it; "valid from" the day it counts from
        (later than the completion for an early renewal that keeps its time)."""
        slug, learner, period = held
        completed = self.certifications[slug].renewal if period.by_renewal else slug
        source = self._completion_sources(completed).get((learner, period.start), "")
        name = self.project.programs[completed].data.name
        detail = f"from the completion of {name} on {period.start.isoformat()}"
        if period.runs_from:
            detail += f"; renewed early, so it runs from the previous expiry, {period.runs_from.isoformat()}"
        item = f"valid from {period.valid_from.isoformat()}"
        return (
            learner,
            period.start,
            "certification",
            slug,
            item,
            f"until {period.expires.isoformat()}",
            detail,
            source,
        )

    def _completion_sources(self, completed: str) -> dict[tuple[str, date], str]:
        """The sources of every period's completion of the program ``completed``, found at once."""
        if completed not in self._sources:
            wanted = {
                (c.learner, period.start)
                for slug, held in self.certifications.items()
                for c in held.learners
                for period in c.periods
                if (held.renewal if period.by_renewal else slug) == completed
            }
            self._sources[completed] = completion_sources(self.project, self.records, completed, wanted)
        return self._sources[completed]


def _pass_mark(project: Project, slug: str) -> float | None:
    record = project.programs.get(slug)
    assessment = record.data.assessment if record else None
    return assessment.pass_mark if assessment else None


def _at(path: str, line: int) -> str:
    return f"{path}:{line}"
