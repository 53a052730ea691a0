"""Which of a program's sessions each cohort has, indexed once per program.

An enrolment names its cohort by a session's ``cohort:`` or by one session's id (the reference). Asked
per cohort by scanning the program's sessions, that is a pass over every run for every cohort:
with a session per cohort (20,000 runs a year) it was most of the follow-ups' time. Here each
session is looked at once, and each cohort's answer is a look-up.
"""

from __future__ import annotations

from ..model.project import Project, Session

__all__ = ["ProgramCohorts", "cohort_key"]


def cohort_key(cohort: str) -> str:
    """A cohort as the guide groups cohorts: spaces and case aside."""
    return " ".join(cohort.split()).casefold()


class ProgramCohorts:
    """The sessions that go ahead (not cancelled) of one program, by cohort, in the program's order."""

    def __init__(self, project: Project, slug: str):
        self.project, self.slug = project, slug
        self.going_ahead = [s for s in project.sessions_of(slug) if s.status != "cancelled"]
        self._position = {s.id: n for n, s in enumerate(self.going_ahead)}
        self._by_name: dict[str, list[int]] = {}
        for n, s in enumerate(self.going_ahead):
            if s.entry.cohort is not None:
                self._by_name.setdefault(cohort_key(s.entry.cohort), []).append(n)
        record = project.programs.get(slug)
        self._has_parts = bool(record is not None and record.data.parts)

    def sessions(self, cohort: str) -> list[Session]:
        """The sessions of ``cohort``: the session with that id and those whose ``cohort:`` it is."""
        found = self._by_name.get(cohort_key(cohort), [])  # (in order)
        own = self._position.get(cohort)
        if own is not None and own not in found:
            found = sorted([*found, own])
        return [self.going_ahead[n] for n in found]

    def expected(self, cohort: str) -> list[Session]:
        """The sessions a learner of ``cohort`` is expected at (see :mod:`trainops.plan.progress`):
        every session of the cohort or, in a program with parts, the session named by the cohort
        and the one run of each part the cohort has. (Not kept: every caller asks once per
        cohort, and 100,000 lists kept through a program at five years were the collector's to walk.)"""
        if not cohort:
            return []
        sessions = self.sessions(cohort)
        if not self._has_parts:
            return sessions
        runs: dict[str, int] = {}
        for s in sessions:
            part = self.project.part_of(s)
            runs[part] = runs.get(part, 0) + 1
        return [s for s in sessions if s.id == cohort or runs[self.project.part_of(s)] == 1]
