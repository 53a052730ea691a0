"""Every time each learner completed a program, not only the last: what a certification runs from
and is renewed by. A pure function of the project and the records.

:mod:`trainops.plan.progress` says where a learner stands in their current enrolment; a learner
who takes a program again a year later (a refresher, another cohort) completes it more than once.
A completion here is dated as progress dates it (``completed_on``: the day of the last part
attended, or of the pass where that is later), and is found in the attendance over time:

- a program with ``parts:``: one attended run of every part, the first of each counted, then
  (with an assessment) a pass; the next completion starts with the sessions after it;
- a program without parts: every session that went ahead of one cohort attended (a session
  without ``cohort:`` is a cohort of its own), then (with an assessment) a pass;
- with an assessment, each completion needs its own pass, dated after the completion before it
  (the first may use any pass, as progress does).

The completion that progress finds for the learner's current enrolment is always one of them.
A waiver completes a program without a date, so it is none.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date

from ..model.project import Project, Session
from ..model.training_records import ATTENDED_STATUSES, Records, cohort_key
from .progress import ProgramProgress

__all__ = ["completion_dates", "completion_sources"]


def completion_dates(project: Project, records: Records, progress: ProgramProgress) -> dict[str, tuple[date, ...]]:
    """Each learner's completions of the program of ``progress`` (that program's standing, whose
    ``completed_on`` always counts), by learner id, each learner's dates in order."""
    slug = progress.program
    program = project.programs[slug].data
    sessions = sorted(project.sessions_of(slug), key=lambda s: (s.start_utc, s.id))
    by_id = {s.id: s for s in sessions}
    # Each learner's attended sessions' ids, in time order; a learner on one sheet has the tuple
    # every learner who attended that session shares (not a list of their own).
    attended: dict[str, tuple[str, ...]] = {}
    for s in sessions:
        sheet = records.attendance.get(s.id)
        one = (s.id,)
        for row in sheet.rows if sheet else ():
            if row.status in ATTENDED_STATUSES:
                earlier = attended.get(row.learner)
                attended[row.learner] = one if earlier is None else earlier + one
    passes: dict[str, list[date]] = {}
    if program.assessment is not None:
        mark = program.assessment.pass_mark
        for result in records.assessments.get(slug, ()):
            if mark is None or result.score >= mark:  # (no pass mark: taking it is enough)
                passes.setdefault(result.learner, []).append(result.date)
    parts = list(program.parts)
    cohorts = None if parts else _Cohorts(project, slug)
    rounds_of: dict[tuple[str, ...], list[date]] = {}  # (learners who attended the same sessions)
    out: dict[str, set[date]] = {}
    for learner, ids in attended.items():
        done = rounds_of.get(ids)
        if done is None:
            if cohorts is None:
                done = _rounds_of_parts(project, parts, [by_id[session_id] for session_id in ids])
            else:
                done = cohorts.rounds(ids)
            rounds_of[ids] = done
        needs_pass = program.assessment is not None
        dates = _with_passes(done, sorted(passes.get(learner, ())) if needs_pass else None)
        if dates:
            out[learner] = set(dates)
    for same, learners in progress.groups:
        if same.completed_on is not None:
            for learner in learners:
                out.setdefault(learner, set()).add(same.completed_on)
    return {learner: tuple(sorted(out[learner])) for learner in sorted(out)}


def completion_sources(
    project: Project, records: Records, slug: str, wanted: set[tuple[str, date]]
) -> dict[tuple[str, date], str]:
    """(learner, completion day) -> the ``path:line`` of the record that completed the program on
    that day, for the ``wanted`` completions (of :func:`completion_dates`). A completion is dated
    by its last part attended or its pass, whichever is later, so the record is the pass (an
    assessment row) where the program has an assessment passed that day, and otherwise the
    attendance row of the last session of the program the learner attended that day."""
    found: dict[tuple[str, date], str] = {}
    learners = {learner for learner, _ in wanted}
    for s in sorted(project.sessions_of(slug), key=lambda s: (s.start_utc, s.id)):
        sheet = records.attendance.get(s.id)
        day = s.start.date()
        for row in sheet.rows if sheet else ():
            if row.attended and row.learner in learners and (row.learner, day) in wanted:
                found[(row.learner, day)] = f"{row.path}:{row.line}"  # (a later session that day wins)
    assessment = project.programs[slug].data.assessment
    if assessment is not None:
        mark = assessment.pass_mark
        passes: dict[tuple[str, date], str] = {}
        for result in sorted(records.assessments.get(slug, ()), key=lambda r: (r.date, r.attempt, r.path, r.line)):
            key = (result.learner, result.date)
            if key in wanted and (mark is None or result.score >= mark):
                passes.setdefault(key, f"{result.path}:{result.line}")  # (the day's first pass)
        found.update(passes)
    return found


def _rounds_of_parts(project: Project, parts: list[str], sessions: Sequence[Session]) -> list[date]:
    """The days on which the learner had attended a run of every part, afresh after each."""
    done: list[date] = []
    covered: dict[str, date] = {}
    for s in sessions:  # (in time order)
        part = project.part_of(s)
        if part in parts and part not in covered:
            covered[part] = s.start.date()
            if len(covered) == len(parts):
                done.append(max(covered.values()))
                covered = {}
    return done


class _Cohorts:
    """The cohorts of a program without parts (sessions that went ahead only; a session without
    ``cohort:`` is a cohort of its own), indexed by session: a learner's rounds are found from the
    sessions they attended, not by looking at every cohort of the program for every learner (333
    cohorts a program and 6,700 learners at five years)."""

    def __init__(self, project: Project, slug: str):
        groups: dict[str, list[Session]] = {}
        for s in project.sessions_of(slug):
            if s.status != "cancelled":
                key = cohort_key(s.entry.cohort) if s.entry.cohort else f"\0{s.id}"  # (no cohort: its own)
                groups.setdefault(key, []).append(s)
        # Each cohort: (the day of its last session, how many sessions it has), by number.
        self.cohorts = [(max(s.start.date() for s in group), len(group)) for group in groups.values()]
        self.cohort_of = {s.id: n for n, group in enumerate(groups.values()) for s in group}

    def rounds(self, sessions: Sequence[str]) -> list[date]:
        """The last day of each cohort whose every session the learner attended (``sessions``: their
        ids), by day."""
        attended: dict[int, int] = {}  # cohort -> how many of its sessions the learner attended
        for session_id in set(sessions):
            n = self.cohort_of.get(session_id)
            if n is not None:
                attended[n] = attended.get(n, 0) + 1
        return sorted(self.cohorts[n][0] for n, count in attended.items() if count == self.cohorts[n][1])


def _with_passes(done: list[date], passes: list[date] | None) -> list[date]:
    """The completions: each round of sessions, with (``passes`` given: the program has an
    assessment) the first pass after the completion before it, dated the later of the two. A round
    finished on or before the completion before it is part of that one."""
    out: list[date] = []
    for day in sorted(done):
        previous = out[-1] if out else None
        if previous is not None and day <= previous:
            continue
        if passes is not None:
            i = bisect_right(passes, previous) if previous is not None else 0
            if i == len(passes):
                break  # no pass since: nothing after this completes either
            day = max(day, passes[i])
        out.append(day)
    return out
