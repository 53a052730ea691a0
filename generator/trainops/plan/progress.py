"""Who of a program's learners has completed it, passed it, or is late (the reference's "Records").

Completed = one attended run (present or late) of every part and, where the program has an
assessment, a passing score; or an approved exception that waives it (``waived``/``exempt``).
"Completed" and "passed" are kept apart, as SCORM 2004 keeps them. Late = not completed by the
due date: ``completion.due`` after the learner's first session, or an approved ``extended``
exception's ``until``. A pure function of the project, the records and the project's day.

Which sessions a learner needs:

- a program with ``parts:`` needs one attended run of each part, any run of it (they are
  alternatives, whatever cohort they were scheduled for);
- a program without parts needs every session of the learner's cohort (the enrolment's
  ``cohort`` is a session's ``cohort:`` or one session's id), each a part of its own; without a
  cohort, every session whose sheet names the learner.

A learner is *expected* at a session, so that a sheet taken without them counts them absent, when
the enrolment's cohort is the session's id or, in a program without parts, its ``cohort:``; in a
program with parts, also when the session is the one run of its part in the learner's cohort.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from ..model.project import Project, Session
from ..model.training_records import (
    ATTENDED_STATUSES,
    AssessmentResult,
    Enrolment,
    RecordException,
    Records,
)
from .cohorts import ProgramCohorts

__all__ = [
    "ABSENT_UNLISTED",
    "Alike",
    "LearnerProgress",
    "ProgramProgress",
    "cohort_sessions",
    "enrolled_learners",
    "expected_sessions",
    "program_progress",
    "sheet_taken",
]

# The status a learner has at a session they were expected at whose sheet was taken without them.
ABSENT_UNLISTED = "absent"


class LearnerProgress(NamedTuple):
    """One enrolled learner's standing in one program.

    A named tuple, not a frozen dataclass: a program's standings are made one per enrolled learner
    (400,000 a year in a large organisation, most of them copies of a learner alike), and a frozen
    dataclass is made a field at a time through ``object.__setattr__`` (about 4 µs each, 1.5 s of
    a cold ``check``), a tuple in one step; it pickles as a tuple too."""

    learner: str
    cohort: str
    first_session: date | None  # the first session the learner is on a sheet of, else their cohort's
    due: date | None  # None: the program sets no ``completion.due``, or there is no first session
    attended: dict[str, str]  # part -> the session id of the first run of it the learner attended
    missing: tuple[str, ...]  # the parts still to attend, in the program's order
    passed: bool | None  # None: the program has no assessment
    best_score: float | None
    completed: bool  # every part and (with an assessment) a pass, or an approved waiver
    completed_on: date | None  # the last part's date, or the pass's if later; None when waived only
    late: bool  # completed after the due date, or not completed and the due date has passed
    waived: RecordException | None = None  # an approved waived/exempt exception
    extended: RecordException | None = None  # an approved extension (its ``until`` is ``due``)
    # Every session the learner is on a sheet of, and every expected session whose sheet was taken
    # without them (ABSENT_UNLISTED), as (session id, status) in time order; blank statuses left out.
    sessions: tuple[tuple[str, str], ...] = ()

    @property
    def overdue(self) -> bool:
        """Not completed and past the due date: someone must chase it."""
        return self.late and not self.completed


# Learners who stand alike: one standing (its ``learner`` the first of them) and every one of
# their ids, sorted.
Alike = tuple[LearnerProgress, tuple[str, ...]]


class ProgramProgress:
    """Every enrolled learner's standing in one program, kept as groups of learners who stand
    alike (:data:`Alike`: the same cohort, statuses at the same sessions, no score and no
    exception of their own; the twenty present at a run, say). ``learners`` makes each one's
    standing, by learner id, when first asked for; the follow-ups and the counts work on the
    groups (400,000 standings a year in a large organisation, a tenth as many groups)."""

    __slots__ = ("_learners", "groups", "program")

    def __init__(self, program: str, groups: tuple[Alike, ...] = ()):
        self.program = program
        self.groups = groups
        self._learners: tuple[LearnerProgress, ...] | None = None

    @property
    def learners(self) -> tuple[LearnerProgress, ...]:
        """Each enrolled learner's standing, by learner id."""
        if self._learners is None:
            made = [
                same if learner == same.learner else _standing_of(learner, same)
                for same, ids in self.groups
                for learner in ids
            ]
            made.sort(key=lambda p: p.learner)
            self._learners = tuple(made)
        return self._learners

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ProgramProgress) and (self.program, self.learners) == (other.program, other.learners)

    def __repr__(self) -> str:
        return f"ProgramProgress({self.program!r}, {len(self.groups)} groups, {self.enrolled} learners)"

    def __getstate__(self) -> tuple[str, tuple[Alike, ...]]:
        return self.program, self.groups

    def __setstate__(self, state: tuple[str, tuple[Alike, ...]]) -> None:
        self.program, self.groups = state
        self._learners = None

    def _count(self, alike) -> int:
        return sum(len(ids) for same, ids in self.groups if alike(same))

    @property
    def enrolled(self) -> int:
        return sum(len(ids) for _, ids in self.groups)

    @property
    def completed(self) -> int:
        return self._count(lambda p: p.completed)

    @property
    def passed(self) -> int:
        return self._count(lambda p: p.passed is True)

    @property
    def late(self) -> int:
        return self._count(lambda p: p.late)

    @property
    def waived(self) -> int:
        return self._count(lambda p: p.waived is not None)


def enrolled_learners(records: Records, slug: str) -> list[Enrolment]:
    """Each learner's last enrolment row in the program (a later row replaces an earlier one:
    moved to another cohort, withdrawn), where it says ``enrolled``; by learner id. Waitlisted and
    withdrawn learners are not counted."""
    last = {row.learner: row for row in records.enrolments.get(slug, ())}
    # (the ids sorted alone, as strings: sorting (id, row) pairs compares tuples, 0.44 s against
    # 0.29 s for 300 programs of 6,700 enrolments each, at five years)
    return [row for row in map(last.__getitem__, sorted(last)) if row.status == "enrolled"]


def cohort_sessions(project: Project, slug: str, cohort: str) -> list[Session]:
    """The program's sessions that go ahead (not cancelled) of ``cohort``: its id or ``cohort:``."""
    return ProgramCohorts(project, slug).sessions(cohort)


def expected_sessions(project: Project, slug: str, cohort: str) -> list[Session]:
    """The sessions a learner of ``cohort`` is expected at (see the module's docstring), by start."""
    return ProgramCohorts(project, slug).expected(cohort)


def sheet_taken(records: Records, session_id: str) -> bool:
    """Whether the session's attendance was taken: its file exists with at least one status filled
    in (a file from ``trainops records new`` with every status blank has not been taken yet)."""
    sheet = records.attendance.get(session_id)
    if sheet is not None:
        for row in sheet.rows:  # (no generator: asked of every past session at every report)
            if row.status:
                return True
    return False


def program_progress(
    project: Project, records: Records, slug: str, cohorts: ProgramCohorts | None = None
) -> ProgramProgress:
    """Every enrolled learner's standing in the program ``slug``, by learner id (``cohorts``: the
    program's :class:`ProgramCohorts`, when the caller has it already)."""
    cohorts = cohorts or ProgramCohorts(project, slug)
    program = _Program(project, records, slug, sorted(project.sessions_of(slug), key=lambda s: (s.start_utc, s.id)))
    marks_of, taken = _marks_of_learners(program, records)
    scores: dict[str, list[AssessmentResult]] = {}
    for result in records.assessments.get(slug, ()):
        scores.setdefault(result.learner, []).append(result)
    exceptions: dict[tuple[str, str], RecordException] = {}
    for e in records.exceptions:  # the last approved of each kind stands
        if e.program == slug and e.approved_by:
            exceptions[(e.learner, "extended" if e.kind == "extended" else "waived")] = e
    own_standing = scores.keys() | {learner for learner, _ in exceptions}
    facts_of: dict[str, _Cohort] = {}  # (thousands of learners share a handful of cohorts)
    # A learner with no score and no exception stands where every learner of the same cohort with
    # the same statuses at the same sessions stands: worked out once for them all (the twenty
    # learners present at a run, say). The key holds the learner's marks as the sheets share them
    # (a dictionary of marks per cohort instead made no key per learner, but 100,000 dictionaries
    # that live through a program: more for the collector, 0.6 s more at five years).
    alike: dict[tuple[str, tuple[_Mark, ...]], list[str]] = {}
    standings: list[LearnerProgress] = []  # (each group's, and beside it its learners)
    learners: list[list[str]] = []
    no_marks: tuple[_Mark, ...] = ()
    for enrolment in enrolled_learners(records, slug):  # (by learner id: each group's ids sorted)
        learner, cohort = enrolment.learner, enrolment.cohort
        marks = marks_of.get(learner, no_marks)
        if own_standing and learner in own_standing:
            facts = facts_of.get(cohort) or facts_of.setdefault(cohort, _cohort(program, cohorts, taken, cohort))
            standings.append(_learner_progress(program, learner, cohort, facts, marks, scores, exceptions))
            learners.append([learner])
            continue
        key = (cohort, marks)
        ids = alike.get(key)
        if ids is None:
            facts = facts_of.get(cohort) or facts_of.setdefault(cohort, _cohort(program, cohorts, taken, cohort))
            standing = _learner_progress(program, learner, cohort, facts, marks, scores, exceptions)
            ids = alike[key] = []
            standings.append(standing)
            learners.append(ids)
        ids.append(learner)
    return ProgramProgress(slug, tuple(zip(standings, map(tuple, learners), strict=True)))


# A learner's status at a session, as its sheet says: (session id, status). One tuple per session
# and status, shared by every learner of that sheet with that status (never one per row).
_Mark = tuple[str, str]


def _marks_of_learners(program: _Program, records: Records) -> tuple[dict[str, tuple[_Mark, ...]], set[str]]:
    """(each learner on one of the program's sheets: their marks, blank statuses left out, in time
    order; the sessions whose sheet was taken, as :func:`sheet_taken` says). Most learners are on
    one sheet of a program: their marks are the tuple the sheet's learners with the same status
    share, so a row costs a look-up, not a tuple of its own."""
    marks_of: dict[str, tuple[_Mark, ...]] = {}
    taken: set[str] = set()
    for session_id in program.on_sheets:
        shared: dict[str, tuple[_Mark, ...]] = {}  # status -> ((session id, status),)
        for row in records.attendance[session_id].rows:
            status = row.status
            if status:
                marked = shared.get(status)
                if marked is None:
                    marked = shared[status] = ((session_id, status),)
                earlier = marks_of.get(row.learner)
                marks_of[row.learner] = marked if earlier is None else earlier + marked
        if shared:  # (a status filled in)
            taken.add(session_id)
    return marks_of, taken


def _standing_of(learner: str, same: LearnerProgress) -> LearnerProgress:
    """``same``'s standing for ``learner`` (of the same cohort, statuses and sessions)."""
    return LearnerProgress(
        learner,
        same.cohort,
        same.first_session,
        same.due,
        dict(same.attended),
        same.missing,
        same.passed,
        same.best_score,
        same.completed,
        same.completed_on,
        same.late,
        same.waived,
        same.extended,
        same.sessions,
    )


class _Program:
    """What every learner's standing in one program is worked out against, found once per
    program rather than once per learner (400,000 learners a year in a large organisation)."""

    def __init__(self, project: Project, records: Records, slug: str, sessions: list[Session]):
        data = project.programs[slug].data
        self.parts = tuple(data.parts) if data.parts else None
        self.has_sessions = bool(sessions)
        self.assessed = data.assessment is not None
        self.pass_mark = data.assessment.pass_mark if data.assessment is not None else None
        self.due_after = data.completion.due if data.completion is not None else None
        self.today = project.today
        # The sessions with a sheet, by start, and each one's part and day, by id. (Three
        # dictionaries, not one of tuples: a tuple holding a session lives through the program
        # and the collector walks it, 100,000 at five years.)
        self.on_sheets = {s.id: s for s in sessions if records.attendance.get(s.id)}
        self.part_of = {i: project.part_of(s) for i, s in self.on_sheets.items()}
        self.day_of = {i: s.start.date() for i, s in self.on_sheets.items()}


class _Cohort(NamedTuple):
    """What the learners of one cohort are expected at (a tuple: 100,000 cohorts at five years)."""

    expected: tuple[str, ...]  # the ids of the sessions its learners are expected at
    taken: tuple[Session, ...]  # those of them whose attendance was taken
    first: date | None  # the day of its first session that goes ahead


def _cohort(program: _Program, cohorts: ProgramCohorts, taken: set[str], cohort: str) -> _Cohort:
    """``taken``: the program's sessions whose sheet was taken."""
    if not cohort:
        return _Cohort((), (), None)
    expected = cohorts.expected(cohort)
    sessions = expected if program.parts is None else cohorts.sessions(cohort)  # (without parts: the same)
    first = min([s.start.date() for s in sessions], default=None)
    return _Cohort(tuple([s.id for s in expected]), tuple([s for s in expected if s.id in taken]), first)


def _learner_progress(
    program: _Program,
    learner: str,
    cohort: str,
    cohort_facts: _Cohort,
    marks: tuple[_Mark, ...],
    scores: dict[str, list[AssessmentResult]],
    exceptions: dict[tuple[str, str], RecordException],
) -> LearnerProgress:
    # (made once per group of learners alike, 170,000 times at five years: the common case, one
    # mark at the cohort's one session, is neither sorted nor copied)
    part_of, day_of = program.part_of, program.day_of
    timeline = marks  # (marks are in time order)
    if cohort_facts.taken:
        listed = dict(marks)
        unlisted = [(s.id, ABSENT_UNLISTED) for s in cohort_facts.taken if s.id not in listed]
        if unlisted:
            at = {s.id: s for s in cohort_facts.taken} | {i: program.on_sheets[i] for i, _ in marks}
            timeline = tuple(sorted([*marks, *unlisted], key=lambda mark: (at[mark[0]].start_utc, mark[0])))
    if program.parts is not None:
        required: Sequence[str] = program.parts
    elif cohort:
        required = cohort_facts.expected
    else:
        required = tuple(dict.fromkeys(session_id for session_id, _ in marks))
    attended: dict[str, str] = {}  # part -> the session id of the first run of it attended
    done_on: list[date] = []  # the days of those runs
    days: list[date] = []
    for session_id, status in marks:
        part, day = part_of[session_id], day_of[session_id]
        days.append(day)
        if status in ATTENDED_STATUSES and part in required and part not in attended:
            attended[part] = session_id
            done_on.append(day)
    missing = tuple(part for part in required if part not in attended) if len(attended) < len(required) else ()

    results = scores.get(learner)
    best = max(r.score for r in results) if results else None
    passed: bool | None = None
    if program.assessed:
        mark = program.pass_mark
        # (no pass mark: taking it is enough)
        passes = [r.date for r in results or () if mark is None or r.score >= mark]
        passed = bool(passes)
        if passes:
            done_on.append(min(passes))

    # A program with no session at all (a video, a guide) needs none; one with sessions needs some.
    sessions_done = not missing and (bool(required) or not program.has_sessions)
    by_work = sessions_done and passed is not False and (bool(required) or passed is True)
    completed_on = max(done_on) if by_work and done_on else None
    waived, extended = exceptions.get((learner, "waived")), exceptions.get((learner, "extended"))
    completed = by_work or waived is not None

    first = min(days) if days else cohort_facts.first
    due = None
    if extended is not None and extended.until is not None:
        due = extended.until
    elif first is not None and program.due_after is not None:
        due = program.due_after.after(first)
    if due is None or (waived is not None and not by_work):
        late = False
    elif completed:
        late = completed_on is not None and completed_on > due
    else:
        late = program.today > due
    # (by place: a named tuple made by keyword takes twice as long)
    return LearnerProgress(
        learner,
        cohort,
        first,
        due,
        attended,
        missing,
        passed,
        best,
        completed,
        completed_on,
        late,
        waived,
        extended,
        timeline,
    )
