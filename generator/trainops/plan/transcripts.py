"""A learner's transcript: every record about them, each with the file and line it was read at.

Enrolments, attendance (every session they are on a sheet of, and every session they were expected
at whose sheet was taken without them: there the source is the sheet, which has no line for them),
assessment results, manager observations, exceptions, and certification periods (each with the
day it counts from, its expiry, and the completion it came from: the source is the attendance or
assessment row that completed the program, :func:`trainops.plan.completions.completion_sources`).

Sorted by learner, then date (undated rows first), then kind and source, so two runs give the same
rows. The rows come learner by learner: the records are first indexed by learner and kind
(references to the records, not rows), and a learner's rows are made only when their turn comes,
so that ``trainops report`` writes millions of them without holding them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from operator import itemgetter
from typing import NamedTuple

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
    """One row of a transcript. A report does not make these: :func:`learner_transcripts` gives
    each learner's rows as plain tuples of the fields after ``learner``, the day as ISO text
    (:data:`TranscriptCells`), which is what the CSV writes of millions of rows."""

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
        return (self.learner, self.date or date.min, _KIND_ORDER[self.kind], self.source, self.item)


# A learner's transcript row as :func:`learner_transcripts` makes it: TranscriptRow's fields after
# ``learner``, in its order, the day as ISO text ("" when undated, which sorts first).
TranscriptCells = tuple[str, str, str, str, str, str, str]
_DAY, _SOURCE, _ITEM = 0, 6, 3
_BY_DAY = itemgetter(_DAY)
_BY_SOURCE_AND_ITEM = itemgetter(_SOURCE, _ITEM)


def transcript_rows(
    project: Project,
    records: Records,
    progress: dict[str, ProgramProgress],
    certifications: dict[str, ProgramCertification] | None = None,
) -> Iterator[TranscriptRow]:
    """Every learner's transcript rows (see the module's docstring), learner by learner.
    ``certifications``: the certifying programs'
    :func:`~trainops.plan.certification.program_certification`, by slug."""
    for learner, rows in learner_transcripts(project, records, progress, certifications):
        for day, *cells in rows:
            yield TranscriptRow(learner, date.fromisoformat(day) if day else None, *cells)


def learner_transcripts(
    project: Project,
    records: Records,
    progress: dict[str, ProgramProgress],
    certifications: dict[str, ProgramCertification] | None = None,
) -> Iterator[tuple[str, list[TranscriptCells]]]:
    """:func:`transcript_rows` as (each learner, their rows in a list, each a plain tuple,
    :data:`TranscriptCells`): what a report writes millions of rows from.

    The order is made without a key written in Python for each of millions of rows: each kind's
    rows (in :data:`TRANSCRIPT_KINDS`' order) sorted by source and item, then all of them, stably,
    by day, which is the order (day, kind, source, item)."""
    made = _RowMaker(project, records, certifications or {})
    # Each kind's records by learner: the records themselves (no tuple made for each of millions).
    # (setdefault written out in each loop rather than a helper called for each record)
    enrolled: dict[str, list[Enrolment]] = {}
    for enrolments in records.enrolments.values():
        for e in enrolments:
            enrolled.setdefault(e.learner, []).append(e)
    attended: dict[str, list[Attendance]] = {}
    for sheet in records.attendance.values():
        for a in sheet.rows:
            if a.status:
                attended.setdefault(a.learner, []).append(a)
    unlisted: dict[str, list[tuple[str, str]]] = {}  # (program, session) of absences progress counts
    for slug in sorted(progress):
        # (learners who stand alike share their absences: each learner's row made at its turn)
        for same, ids in progress[slug].groups:
            absent = [(slug, session_id) for session_id, status in same.sessions if status == ABSENT_UNLISTED]
            for learner in ids if absent else ():
                unlisted.setdefault(learner, []).extend(absent)
    assessed: dict[str, list[AssessmentResult]] = {}
    for results in records.assessments.values():
        for r in results:
            assessed.setdefault(r.learner, []).append(r)
    observed: dict[str, list[Observation]] = {}
    for observations in records.observations.values():
        for o in observations:
            observed.setdefault(o.learner, []).append(o)
    excepted: dict[str, list[RecordException]] = {}
    for x in records.exceptions:
        excepted.setdefault(x.learner, []).append(x)
    held: dict[str, list[tuple[str, CertificationPeriod]]] = {}
    for slug in sorted(made.certifications):
        for c in made.certifications[slug].learners:
            for period in c.periods:
                held.setdefault(c.learner, []).append((slug, period))
    learners = set(enrolled).union(attended, unlisted, assessed, observed, excepted, held)
    none: list = []  # (each learner's records are let go of once their rows are made)
    for learner in sorted(learners):
        rows = _by_source([made.enrolment(e) for e in enrolled.pop(learner, none)])
        sheets = attended.pop(learner, none)
        kind = [made.attendance(a) for a in sheets]
        absent = unlisted.pop(learner, none)
        if absent:
            # (an absence progress counts is shown only when the learner has no row of that sheet)
            listed = {a.session_id for a in sheets}
            kind += [made.unlisted(slug, session_id) for slug, session_id in absent if session_id not in listed]
        rows += _by_source(kind)
        rows += _by_source([made.assessment(r) for r in assessed.pop(learner, none)])
        rows += _by_source([made.observation(o) for o in observed.pop(learner, none)])
        rows += _by_source([made.exception(x) for x in excepted.pop(learner, none)])
        rows += _by_source([made.certification(learner, slug, period) for slug, period in held.pop(learner, none)])
        rows.sort(key=_BY_DAY)
        yield learner, rows


def _by_source(rows: list[TranscriptCells]) -> list[TranscriptCells]:
    """One kind's rows in their order within a day: by source, then item."""
    if len(rows) > 1:
        rows.sort(key=_BY_SOURCE_AND_ITEM)
    return rows


class _RowMaker:
    """The context the rows are made in: the sessions by id, and the completions' sources."""

    def __init__(self, project: Project, records: Records, certifications: dict[str, ProgramCertification]):
        self.project = project
        self.records = records
        # each session's (day as ISO text, program), found once for the hundreds of rows of its sheets
        self.sessions: dict[str, tuple[str, str]] = {
            s.id: (s.start.date().isoformat(), s.program) for s in project.sessions
        }
        self.days = _Days()
        self.certifications = certifications
        self._sources: dict[str, dict[tuple[str, date], str]] = {}  # by the program completed

    def enrolment(self, e: Enrolment) -> TranscriptCells:
        return (self.days[e.date], "enrolment", e.program, e.cohort, e.status, "", f"{e.path}:{e.line}")

    def attendance(self, a: Attendance) -> TranscriptCells:
        day, program = self.sessions.get(a.session_id, _NO_SESSION)
        minutes = "" if a.minutes is None else f"{a.minutes} min"
        detail = f"{minutes}; {a.note}" if minutes and a.note else minutes or a.note
        return (day, "attendance", program, a.session_id, a.status, detail, f"{a.path}:{a.line}")

    def unlisted(self, slug: str, session_id: str) -> TranscriptCells:
        """An absence progress counts at a taken sheet that does not list the learner: its source
        is the sheet."""
        sheet_path = self.records.attendance[session_id].path  # (only a taken sheet counts one absent)
        day = self.sessions[session_id][0]
        return (day, "attendance", slug, session_id, ABSENT_UNLISTED, "not on the sheet", sheet_path)

    def assessment(self, r: AssessmentResult) -> TranscriptCells:
        mark = _pass_mark(self.project, r.program)
        verdict = "" if mark is None else ("passed" if r.score >= mark else "not passed")
        detail = f"{verdict} (pass mark {mark:g})" if verdict and mark is not None else ""
        return (
            _day(r.date),
            "assessment",
            r.program,
            f"attempt {r.attempt}",
            f"{r.score:g}",
            detail,
            f"{r.path}:{r.line}",
        )

    @staticmethod
    def observation(o: Observation) -> TranscriptCells:
        rating = "" if o.rating is None else str(o.rating)
        return (_day(o.date), "observation", o.program, o.observer, rating, o.note, f"{o.path}:{o.line}")

    @staticmethod
    def exception(x: RecordException) -> TranscriptCells:
        approved = f"approved by {x.approved_by}" if x.approved_by else "not approved"
        detail = f"{approved}; until {x.until.isoformat()}" if x.until else approved
        return (_day(x.until), "exception", x.program, x.kind, x.reason, detail, f"{x.path}:{x.line}")

    def certification(self, learner: str, slug: str, period: CertificationPeriod) -> TranscriptCells:
        """A period: dated by the completion that began it; "valid from" the day it counts from
        (later than the completion for an early renewal that keeps its time)."""
        completed = self.certifications[slug].renewal if period.by_renewal else slug
        source = self._completion_sources(completed).get((learner, period.start), "")
        name = self.project.programs[completed].data.name
        detail = f"from the completion of {name} on {period.start.isoformat()}"
        if period.runs_from:
            detail += f"; renewed early, so it runs from the previous expiry, {period.runs_from.isoformat()}"
        item = f"valid from {period.valid_from.isoformat()}"
        return (
            period.start.isoformat(),
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


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


class _Days(dict[date | None, str]):
    """Days as ISO text, each worked out once: two million enrolments are on a few thousand days."""

    def __missing__(self, day: date | None) -> str:
        text = self[day] = _day(day)
        return text


_NO_SESSION = ("", "")  # (an attendance row's session the schedule does not have: a data error)
