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

__all__ = ["CoordinatorRecords", "ShownFollowUp", "coordinator_records"]


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


def coordinator_records(project: Project, records: Records, names: bool) -> CoordinatorRecords:
    """The coordinator site's share of ``records``; ``names``: the setting ``ops_names``."""
    by_id = {s.id: s for s in project.sessions}
    shown: list[ShownFollowUp] = []
    messages: list[PlannedReminder] = []
    status: dict[str, ProgramStatus] = {}
    for slug in sorted(project.programs):
        progress = program_progress(project, records, slug)
        if slug in records.enrolments:
            status[slug] = program_status(project, records, progress)
        items = program_follow_ups(project, records, slug, progress)
        shown += [
            ShownFollowUp(f, by_id.get(f.session) if f.session else None, tuple(by_id[i] for i in f.next_runs))
            for f in items
        ]
        messages += record_messages(project, items, progress)
        certification = program_certification(project, records, slug, progress)
        if certification is not None:
            messages += renewal_messages(project, certification, renewal_seats(project, records, certification))
    labels: dict[str, str] = {}
    if names:
        concerned = {i for f in shown for i in f.learners} | {i for m in messages for i in m.recipients or ()}
        concerned |= {p.learner for s in status.values() for p in s.learners}
        for learner in sorted(concerned):
            name = records.learner_name(learner, True)
            if name != learner:
                labels[learner] = name
    messages.sort(key=lambda r: (r.send_date, r.program, r.session.start_utc, r.session.id, r.template))
    return CoordinatorRecords(tuple(shown), tuple(messages), labels, status)
