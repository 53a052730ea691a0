"""Who needs following up, and by whom: the coordinator's "Follow up" list (issue 28).

Each item names its owner (a person id, or None when the program names nobody for the duty),
the learners concerned by id (the page decides whether to show names, through
``Records.learner_name``), the session it is about and what to do. Kinds, in the list's order:

- ``attendance-not-taken``: a session that went ahead and ended two days or more before today has
  no attendance taken (mod_attendance's "not taken"); owner: its instructor. Only programs whose
  records are kept here (an enrolment or an attendance file) are looked at, so a program recorded
  elsewhere (``completion: {record_in: ...}``) does not fill the list with every past session.
- ``missed-part``: learners absent from a run of a part (any status but present or late, or not on
  a taken sheet they were expected on) who have attended no run of it since; owner:
  ``escalation.missed_sessions``; with the next runs of that part that go ahead.
- ``late-completion``: learners not complete by their due date; owner: ``escalation.late_completions``.
- ``absent-twice``: learners whose last two sessions in time order were both missed; owner:
  ``escalation.missed_sessions``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import chain

from ..model.project import Project, Session
from ..model.training_records import ATTENDED_STATUSES, Records
from .cohorts import ProgramCohorts
from .progress import ProgramProgress, program_progress, sheet_taken

__all__ = ["FOLLOW_UP_KINDS", "NOT_TAKEN_AFTER", "FollowUp", "follow_ups", "program_follow_ups", "sheet_due"]

FOLLOW_UP_KINDS = ("attendance-not-taken", "missed-part", "late-completion", "absent-twice")
# How long after a session ends its sheet may still be on its way (typed up, reviewed, merged).
NOT_TAKEN_AFTER = timedelta(days=2)


def sheet_due(session: Session, today: date) -> bool:
    """Whether the session's sheet should be in by ``today``: it ended :data:`NOT_TAKEN_AFTER` ago
    or more (a sheet not taken by then is a follow-up, "attendance-not-taken")."""
    return session.end.date() <= today - NOT_TAKEN_AFTER


@dataclass(frozen=True)
class FollowUp:
    kind: str  # one of FOLLOW_UP_KINDS
    program: str
    owner: str | None  # a person id; None when the program names nobody for this duty
    learners: tuple[str, ...]  # learner ids, sorted
    action: str  # what to do, in a coordinator's words
    session: str | None = None  # the session it is about (None: the program as a whole)
    part: str | None = None  # the part missed (a session id in a program without parts)
    next_runs: tuple[str, ...] = ()  # the part's upcoming runs that go ahead, by start

    @property
    def count(self) -> int:
        """How many learners the item concerns."""
        return len(self.learners)


def follow_ups(project: Project, records: Records) -> list[FollowUp]:
    """Every program's follow-ups, by program, then in the order of :data:`FOLLOW_UP_KINDS`."""
    return [item for slug in sorted(project.programs) for item in program_follow_ups(project, records, slug)]


def program_follow_ups(
    project: Project, records: Records, slug: str, progress: ProgramProgress | None = None
) -> list[FollowUp]:
    """The follow-ups of one program (``progress``: its :func:`program_progress`, when the caller
    has it already)."""
    cohorts = None
    if progress is None:
        cohorts = ProgramCohorts(project, slug)
        progress = program_progress(project, records, slug, cohorts)
    escalation = project.programs[slug].data.escalation
    missed_owner = escalation.missed_sessions if escalation else None
    late_owner = escalation.late_completions if escalation else None
    items = _not_taken(project, records, slug, cohorts, progress)
    items += _missed_parts(project, slug, progress, missed_owner)
    # (worked out per group of learners who stand alike: their ids sorted again once merged)
    overdue = _ids(ids for p, ids in progress.groups if p.overdue)
    if overdue:
        items.append(
            FollowUp(
                "late-completion",
                slug,
                late_owner,
                overdue,
                "past their due date and not complete: ask them and their managers for a date",
            )
        )
    twice = _ids(
        ids
        for p, ids in progress.groups
        if not p.completed and len(p.sessions) >= 2 and all(s not in ATTENDED_STATUSES for _, s in p.sessions[-2:])
    )
    if twice:
        items.append(
            FollowUp(
                "absent-twice",
                slug,
                missed_owner,
                twice,
                "missed their last two sessions in a row: talk with them and their managers",
            )
        )
    return items


def _ids(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """The ids of groups of learners, sorted."""
    return tuple(sorted(chain.from_iterable(groups)))


def _not_taken(
    project: Project, records: Records, slug: str, cohorts: ProgramCohorts | None, progress: ProgramProgress
) -> list[FollowUp]:
    """The sessions whose sheet was not taken (``cohorts``: the program's, made here when needed,
    which is seldom)."""
    sessions = project.sessions_of(slug)
    if not records.enrolments.get(slug) and not any(s.id in records.attendance for s in sessions):
        return []
    today = project.today
    not_taken = sorted(
        (s for s in sessions if s.status != "cancelled" and sheet_due(s, today) and not sheet_taken(records, s.id)),
        key=lambda s: (s.start_utc, s.id),
    )
    if not not_taken:  # (the common case: then no learner's expected sessions are looked at)
        return []
    cohorts = cohorts or ProgramCohorts(project, slug)
    wanted = {s.id for s in not_taken}
    expected: dict[str, list[str]] = {}  # session id -> the learners expected at it
    expected_of: dict[str, list[str]] = {}  # cohort -> the sessions not taken it is expected at
    for enrolled, ids in progress.groups:  # (the enrolled learners, in groups of one cohort)
        if enrolled.cohort not in expected_of:
            expected_of[enrolled.cohort] = [s.id for s in cohorts.expected(enrolled.cohort) if s.id in wanted]
        for session_id in expected_of[enrolled.cohort]:
            expected.setdefault(session_id, []).extend(ids)
    return [
        FollowUp(
            "attendance-not-taken",
            slug,
            s.entry.instructor,
            tuple(sorted(expected.get(s.id, []))),
            "record who attended (trainops records new writes the sheet to fill in)",
            session=s.id,
            part=project.part_of(s),
        )
        for s in not_taken
    ]


def _missed_parts(project: Project, slug: str, progress: ProgramProgress, owner: str | None) -> list[FollowUp]:
    """One item per missed run: the learners whose latest miss of a part they still need is there."""
    by_id = {s.id: s for s in project.sessions_of(slug)}
    part_of = {session_id: project.part_of(s) for session_id, s in by_id.items()}
    missed: dict[str, list[str]] = {}  # session id -> learners
    # (worked out once per group of learners who stand alike: the twenty absent from a run, say)
    for p, ids in progress.groups:
        if p.completed:
            continue
        latest: dict[str, str] = {}  # part -> the last run of it the learners missed
        for session_id, status in p.sessions:
            part = part_of[session_id]
            if status not in ATTENDED_STATUSES and part in p.missing:
                latest[part] = session_id
        for session_id in latest.values():
            missed.setdefault(session_id, []).extend(ids)
    running = {s.id for s in project.running_sessions(slug)}
    items = []
    for session_id in sorted(missed, key=lambda i: (by_id[i].start_utc, i)):
        part = project.part_of(by_id[session_id])
        next_runs = tuple(s.id for s in project.runs_of(slug, part) if s.id in running)
        action = (
            "book them onto one of the next runs of this part"
            if next_runs
            else "no run of this part is left: arrange a make-up or schedule a run"
        )
        items.append(
            FollowUp(
                "missed-part",
                slug,
                owner,
                tuple(sorted(missed[session_id])),
                action,
                session=session_id,
                part=part,
                next_runs=next_runs,
            )
        )
    return items
