"""What the coordinator site shows of the training records, and nothing more: the follow-ups (with
their sessions resolved), the messages to named learners, each program's completion status
(:mod:`.program_status`), and a learner's name for the learners these concern, only where the
setting ``ops_names`` says the coordinator site is behind a login.

The records themselves are never handed to a renderer: the coordinator site gets this value, the
learner site nothing (``RenderContext`` refuses it for the learner site)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model.project import Project, Session
from ..model.reminders import PlannedReminder
from ..model.training_records import Records
from .certification import program_certification
from .followups import FollowUp, program_follow_ups
from .program_status import ProgramStatus, program_status
from .progress import program_progress
from .record_messages import record_messages
from .renewal_messages import renewal_messages
from .renewal_seats import renewal_seats

__all__ = [
    "CoordinatorRecords",
    "ProgramShare",
    "ShownFollowUp",
    "coordinator_records",
    "coordinator_records_of",
    "program_share",
]


@dataclass(frozen=True)
class ShownFollowUp:
    """A :class:`~trainops.plan.followups.FollowUp` as a page shows it: its sessions as sessions."""

    item: FollowUp
    session: Session | None
    next_runs: tuple[Session, ...]

    @property
    def kind(self) -> str:
        return self.item.kind

    @property
    def program(self) -> str:
        return self.item.program

    @property
    def owner(self) -> str | None:
        return self.item.owner

    @property
    def learners(self) -> tuple[str, ...]:
        return self.item.learners

    @property
    def action(self) -> str:
        return self.item.action

    @property
    def part(self) -> str | None:
        return self.item.part


@dataclass(frozen=True)
class CoordinatorRecords:
    followups: tuple[ShownFollowUp, ...] = ()  # by program, then kind (plan.followups' order)
    # with their recipients (plan.record_messages, plan.renewal_messages)
    messages: tuple[PlannedReminder, ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)  # learner id -> name; empty without ops_names
    # The completion status of each program with records of enrolments, by slug.
    status: Mapping[str, ProgramStatus] = field(default_factory=dict)

    def label(self, learner_id: str) -> str:
        """How a page names a learner: the id, or the roster's name with ``ops_names``."""
        return self.names.get(learner_id, learner_id)

    def of_program(self, slug: str) -> list[ShownFollowUp]:
        return [f for f in self.followups if f.program == slug]


@dataclass(frozen=True)
class ProgramShare:
    """One program's part of :class:`CoordinatorRecords`, made from its own records (and its
    renewal program's) and free of session objects, so that a build can keep it in its cache
    under the program's key: its messages as :func:`_plain` tuples, its follow-ups by session id."""

    program: str
    followups: tuple[FollowUp, ...]
    messages: tuple[tuple, ...]
    status: ProgramStatus | None  # None: no records of enrolments
    names: tuple[tuple[str, str], ...]  # (learner id, name) of the learners it concerns, with ops_names


def program_share(project: Project, records: Records, slug: str, names: bool) -> ProgramShare:
    """What the coordinator site shows of program ``slug``'s records; ``names``: ``ops_names``."""
    progress = program_progress(project, records, slug)
    status = program_status(project, records, progress) if slug in records.enrolments else None
    items = program_follow_ups(project, records, slug, progress)
    messages = record_messages(project, items, progress)
    certification = program_certification(project, records, slug, progress)
    if certification is not None:
        messages += renewal_messages(project, certification, renewal_seats(project, records, certification))
    labels: list[tuple[str, str]] = []
    if names:
        concerned = {i for f in items for i in f.learners} | {i for m in messages for i in m.recipients or ()}
        concerned |= {i for _, ids in status.progress.groups for i in ids} if status is not None else set()
        for learner in sorted(concerned):
            name = records.learner_name(learner, True)
            if name != learner:
                labels.append((learner, name))
    return ProgramShare(slug, tuple(items), tuple(_plain(m) for m in messages), status, tuple(labels))


def _plain(m: PlannedReminder) -> tuple:
    """A planned message with its session as its id."""
    fields = (m.template, m.send_date, m.overdue, m.rule, m.changes, m.recipients, m.expires)
    return (m.program, m.session.id, *fields)


def coordinator_records_of(
    project: Project, shares: list[ProgramShare], kept_status: Mapping[str, ProgramStatus] | None = None
) -> CoordinatorRecords:
    """The coordinator site's share of the records, from each program's (in the programs' order).
    ``kept_status``: the programs' completion status where the shares are kept without it (read
    when a page needs it; the shares' own status is then None)."""
    by_id = {s.id: s for s in project.sessions}
    shown: list[ShownFollowUp] = []
    messages: list[PlannedReminder] = []
    status: dict[str, ProgramStatus] = {}
    labels: dict[str, str] = {}
    for share in shares:
        if share.status is not None:
            status[share.program] = share.status
        shown += [
            ShownFollowUp(f, by_id.get(f.session) if f.session else None, tuple(by_id[i] for i in f.next_runs))
            for f in share.followups
        ]
        messages += [PlannedReminder(program, by_id[session], *rest) for program, session, *rest in share.messages]
        labels.update(share.names)
    messages.sort(key=lambda r: (r.send_date, r.program, r.session.start_utc, r.session.id, r.template))
    shown_status = status if kept_status is None else kept_status
    return CoordinatorRecords(tuple(shown), tuple(messages), dict(sorted(labels.items())), shown_status)


def coordinator_records(project: Project, records: Records, names: bool) -> CoordinatorRecords:
    """The coordinator site's share of ``records``; ``names``: the setting ``ops_names``."""
    shares = [program_share(project, records, slug, names) for slug in sorted(project.programs)]
    return coordinator_records_of(project, shares)
