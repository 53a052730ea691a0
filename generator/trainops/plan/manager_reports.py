"""What ``trainops report`` tells each manager: their direct reports and, for each, the programs
they are enrolled in with completion, due date, overdue state and the sessions they missed.

A manager is whoever the roster's ``manager`` column names (a learner id or a people.yaml id);
their report holds the learners who name them and nobody else: not a report's own reports, not
a learner of another manager. Learners with no enrolment are listed too (with no programs), so
that a manager sees their whole team. A pure function of the project, the records and the
follow-ups already worked out.

A certification's status (valid, expiring, expired, never certified; :mod:`.certification`) is a
fact of one learner in one program, like completion; so is a retrain-due item
(:func:`trainops.plan.retrain.retrain_due`: trained before a significant change of the program or
its SOPs), shown as "retrain due since <date> (<commit> <subject>)".

What needs the manager's action, and how soon (:attr:`ProgramStanding.urgency`), is written once
here: the HTML report counts it for each person (:meth:`ReportedPerson.counts`) and shows the most
urgent first (:meth:`ReportedPerson.first`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from ..model.project import Project
from ..model.record_audit import RetrainDue
from ..model.training_records import Learner, Records
from .certification import ProgramCertification
from .followups import FollowUp
from .progress import LearnerProgress, ProgramProgress

__all__ = [
    "ReportBasis",
    "ProgramStanding",
    "ReportedPerson",
    "PersonCounts",
    "ManagerReport",
    "manager_reports",
    "missed_sessions",
]


@dataclass(frozen=True)
class ReportBasis:
    """What a report describes: the day status is judged at, and the commit the records are from."""

    as_of: date
    commit: str = ""  # the short id; "" when the project is not in git
    committed_on: date | None = None
    uncommitted: bool = False  # the working tree's records or programs differ from the commit

    @property
    def describes(self) -> str:
        """One phrase for every report's header (and a column of every CSV row)."""
        if not self.commit:
            return "files not in git"
        day = self.committed_on.isoformat() if self.committed_on else "?"
        return f"commit {self.commit} of {day}" + (" with uncommitted changes" if self.uncommitted else "")


class ProgramStanding(NamedTuple):
    """One person's standing in one program they are enrolled in.

    A named tuple, not a frozen dataclass: a report's rows are kept by their standing
    (:class:`trainops.render.reports.StandingRows`), two million look-ups at five years of records,
    and a tuple's hash is worked out in C where a frozen dataclass's is a Python function (about
    1 s of a cold report); one made again with a learner's own facts is ``_replace``'s copy."""

    program: str
    program_name: str
    cohort: str
    due: date | None
    completed: bool
    completed_on: date | None
    passed: bool | None  # None: the program has no assessment
    late: bool
    overdue: bool  # not completed and past the due date
    waived: str  # the approved waiver's reason, "" when none
    missed: tuple[str, ...]  # sessions missed and not made up since (the follow-ups' missed-part), by start
    certification: str = ""  # one of certification.CERTIFICATION_STATUSES; "": the program certifies nobody
    certified_until: date | None = None  # the first day the last certification is no longer valid
    retrain: RetrainDue | None = None  # trained before a significant change of the program or its SOPs

    @property
    def retrain_due(self) -> str:
        """The phrase of both the HTML and the CSV: "since <the change's day> (<commit> <subject>)",
        "" when no retraining is due."""
        if self.retrain is None:
            return ""
        change = self.retrain.change
        return f"since {change.day.isoformat()} ({change.short} {change.subject})"

    @property
    def urgency(self) -> int:
        """How soon the manager should act, 0 first: 0 overdue, or a certification expired;
        1 retraining due; 2 a certification expiring; 3 a session missed and not made up;
        :data:`NO_ACTION` nothing to do."""
        if self.overdue or self.certification == "expired":
            return 0
        if self.retrain is not None:
            return 1
        if self.certification == "expiring":
            return 2
        return 3 if self.missed else NO_ACTION

    @property
    def needs_action(self) -> bool:
        return self.urgency != NO_ACTION


NO_ACTION = 4


@dataclass(frozen=True, slots=True)
class ReportedPerson:
    learner: str
    name: str
    unit: str
    location: str
    source: str  # the roster's file:line
    programs: tuple[ProgramStanding, ...]  # by program slug

    def counts(self) -> PersonCounts:
        """How the person stands across their programs (one pass over them)."""
        acting = completed = overdue = renew = retrain = missed = 0
        for s in self.programs:
            acting += s.urgency != NO_ACTION
            completed += s.completed
            overdue += s.overdue
            renew += s.certification in ("expiring", "expired")
            retrain += s.retrain is not None
            missed += len(s.missed)
        return PersonCounts(len(self.programs), acting, completed, overdue, renew, retrain, missed)

    def first(self, limit: int) -> tuple[tuple[ProgramStanding, ...], int, int]:
        """(at most ``limit`` of the person's programs, the most urgent first (by
        :attr:`ProgramStanding.urgency`, each kind in slug order), then those that need no
        action; how many are left out; how many of those need action)."""
        if limit < 0:
            raise ValueError(f"a person's rows are at least none, not {limit}")
        by_urgency: tuple[list[ProgramStanding], ...] = ([], [], [], [], [])
        for s in self.programs:
            by_urgency[s.urgency].append(s)
        ordered = [s for kind in by_urgency for s in kind]
        acting = len(ordered) - len(by_urgency[NO_ACTION])
        left_out = max(0, len(ordered) - limit)
        return tuple(ordered[:limit]), left_out, max(0, acting - limit)


class PersonCounts(NamedTuple):
    """A person's programs counted: a row of the report's summary of the team."""

    programs: int
    needing_action: int
    completed: int
    overdue: int
    to_renew: int  # certifications expiring or expired
    to_retrain: int
    missed_sessions: int


@dataclass(frozen=True, slots=True)
class ManagerReport:
    manager: str  # the id the roster's manager column names
    manager_name: str  # the roster's or people.yaml's name; the id when neither knows it
    people: tuple[ReportedPerson, ...]  # by learner id

    @property
    def overdue(self) -> int:
        return sum(s.overdue for p in self.people for s in p.programs)

    @property
    def retrain_due(self) -> int:
        return sum(s.retrain is not None for p in self.people for s in p.programs)


def missed_sessions(items: list[FollowUp]) -> dict[tuple[str, str], tuple[str, ...]]:
    """(program, learner) -> the sessions of its ``missed-part`` follow-ups, in the list's order
    (by start): what a learner missed and has not made up."""
    missed: dict[tuple[str, str], list[str]] = {}
    for item in items:
        if item.kind == "missed-part" and item.session:
            for learner in item.learners:
                missed.setdefault((item.program, learner), []).append(item.session)
    return {key: tuple(sessions) for key, sessions in missed.items()}


def manager_reports(
    project: Project,
    records: Records,
    progress: dict[str, ProgramProgress],
    items: list[FollowUp],
    certifications: dict[str, ProgramCertification] | None = None,
    retrain: dict[str, list[RetrainDue]] | None = None,
) -> Iterator[ManagerReport]:
    """One report per manager the roster names, by manager id, each made when it is asked for
    (at five years of records, all of them at once hold millions of standings). ``progress``: every program's
    :func:`~trainops.plan.progress.program_progress` by slug; ``items``: the follow-ups;
    ``certifications``: the programs' :func:`~trainops.plan.certification.program_certification`;
    ``retrain``: :func:`~trainops.plan.retrain.retrain_due`."""
    if not records.roster:
        return
    # What is a learner's own in a program (the sessions they missed, their certification, their
    # retrain-due item), by learner and then program: a standing is looked up by its program's
    # slug in its learner's few, where three look-ups of (program, learner) for each of millions
    # of standings took a third of the reports' planning.
    own_facts: dict[str, dict[str, list]] = {}

    def facts_of(learner: str, slug: str) -> list:  # [missed sessions, certification, retrain-due]
        return own_facts.setdefault(learner, {}).setdefault(slug, [(), None, None])

    for (slug, learner_id), sessions in missed_sessions(items).items():
        facts_of(learner_id, slug)[0] = sessions
    for slug, program in (certifications or {}).items():
        for c in program.learners:
            facts_of(c.learner, slug)[1] = c
    for slug, due in (retrain or {}).items():
        for d in due:
            facts_of(d.learner, slug)[2] = d
    team: dict[str, list[Learner]] = {}
    for learner in records.roster.values():
        if learner.manager:
            team.setdefault(learner.manager, []).append(learner)
    # Each learner's standings, one shared by the learners who stand alike in a program: made once
    # from the group's standing, and made again for a learner only with what is theirs alone
    # (sessions missed, a certification, a retrain-due item).
    standing: dict[str, list[ProgramStanding]] = {}
    for slug in sorted(progress):
        for same, ids in progress[slug].groups:
            shared = _standing(project, slug, same)
            for learner_id in ids:
                standing.setdefault(learner_id, []).append(shared)

    def own(shared: ProgramStanding, facts: list) -> ProgramStanding:
        sessions, certification, due = facts
        return shared._replace(
            missed=sessions,
            certification=certification.status if certification else "",
            certified_until=certification.expires if certification else None,
            retrain=due,
        )

    def programs(learner: str) -> tuple[ProgramStanding, ...]:
        mine = own_facts.get(learner, {})
        return tuple(
            shared if (facts := mine.get(shared.program)) is None else own(shared, facts)
            for shared in standing.get(learner, [])
        )

    for manager in sorted(team):
        people = tuple(
            ReportedPerson(
                learner.id,
                learner.name,
                learner.unit,
                learner.location,
                f"{learner.path}:{learner.line}",
                programs(learner.id),
            )
            for learner in sorted(team[manager], key=lambda learner: learner.id)
        )
        yield ManagerReport(manager, _manager_name(project, records, manager), people)


def _manager_name(project: Project, records: Records, manager: str) -> str:
    if records.roster and manager in records.roster:
        return records.roster[manager].name or manager
    return project.person_name(manager)


def _standing(project: Project, slug: str, p: LearnerProgress) -> ProgramStanding:
    """The standing of ``p`` (a group's) with nothing of a learner's own."""
    return ProgramStanding(
        program=slug,
        program_name=project.programs[slug].data.name,
        cohort=p.cohort,
        due=p.due,
        completed=p.completed,
        completed_on=p.completed_on,
        passed=p.passed,
        late=p.late,
        overdue=p.overdue,
        waived=p.waived.reason if p.waived else "",
        missed=(),
    )
