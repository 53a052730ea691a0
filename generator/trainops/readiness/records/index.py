"""What the records rules look up, indexed once: 400,000 attendance rows are checked against
20,000 sessions and 10,000 learners with dictionary and set lookups, never a scan of a list."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ...model.diagnostics import Diagnostic
from ...model.project import Project, Session
from ...model.suggest import NearestId
from ...model.training_records import Records
from .notes import PersonalData

__all__ = ["RecordIndex", "error", "warning"]


# The records files are CSV: a row's column in its line is not known once parsed, so a rule names
# the row's first column (and line 1, the header, for what concerns the whole file).
def error(path: str, line: int, rule: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, 1, "error", rule, message)


def warning(path: str, line: int, rule: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, 1, "warning", rule, message)


@dataclass
class RecordIndex:
    """The project and the records, with the lookups the rules share."""

    project: Project
    records: Records
    sessions: dict[str, Session] = field(init=False)
    # Per program, the learners with an enrolment row whose status is "enrolled".
    enrolled: dict[str, frozenset[str]] = field(init=False)
    # Per (program, learner) not enrolled, the status of their last row (waitlisted, withdrawn).
    other_status: dict[tuple[str, str], str] = field(init=False)
    _near_cohorts: dict[str, NearestId] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.sessions = {s.id: s for s in self.project.sessions}
        enrolled: dict[str, set[str]] = {}
        other: dict[tuple[str, str], str] = {}
        for program, rows in self.records.enrolments.items():
            members = enrolled.setdefault(program, set())
            for row in rows:
                if row.status == "enrolled":
                    members.add(row.learner)
                else:
                    other[(program, row.learner)] = row.status
        self.enrolled = {program: frozenset(members) for program, members in enrolled.items()}
        self.other_status = {key: status for key, status in other.items() if key[1] not in enrolled[key[0]]}

    @property
    def roster_known(self) -> bool:
        return self.records.roster is not None

    def unknown_learner(self, learner: str) -> bool:
        """Whether a roster is given and ``learner`` is not in it."""
        roster = self.records.roster
        return roster is not None and learner not in roster

    def not_in_roster(self, learner: str, path: str, line: int) -> Diagnostic:
        """The error for a learner id the roster does not have."""
        suggestion = self.near_learner.did_you_mean(learner)
        message = f"learner '{learner}' is not in the roster ({self.records.roster_path}){suggestion}"
        return error(path, line, "unknown-learner", message)

    @cached_property
    def cohorts(self) -> dict[str, frozenset[str]]:
        """Per program, what an enrolment's cohort may name: a session's ``cohort:`` or its id."""
        keys: dict[str, set[str]] = {}
        for session in self.project.sessions:
            names = keys.setdefault(session.program, set())
            names.add(session.id)
            if session.entry.cohort:
                names.add(session.entry.cohort)
        return {program: frozenset(names) for program, names in keys.items()}

    @cached_property
    def personal_data(self) -> PersonalData:
        return PersonalData.of(self.records.roster)

    # Suggestions are built on first use: most projects have no unknown id at all.
    @cached_property
    def near_session(self) -> NearestId:
        return NearestId(self.sessions)

    @cached_property
    def near_learner(self) -> NearestId:
        return NearestId(self.records.roster or ())

    @cached_property
    def near_program(self) -> NearestId:
        return NearestId(self.project.programs)

    @cached_property
    def near_person(self) -> NearestId:
        return NearestId(person for person, entry in self.project.people.items() if entry is not None)

    def near_cohort(self, program: str) -> NearestId:
        if program not in self._near_cohorts:
            self._near_cohorts[program] = NearestId(self.cohorts.get(program, ()))
        return self._near_cohorts[program]
