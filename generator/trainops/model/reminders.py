"""A planned message, as a plain value: which message goes out for which session, on what date.
Planning them is :mod:`trainops.plan.reminders`; the value lives here so that the project can
keep the plan once worked out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .changes import Change
from .formats import ReminderRule
from .records import Session

__all__ = ["PlannedReminder", "AUDIENCES"]

# Who receives each message (the "recipients' group" of the send schedule).
AUDIENCES = {
    "invite": "everyone in the program's audience",
    "reminder": "enrolled learners",
    "follow-up": "attendees",
    "missed-session": "enrolled learners who did not attend",
    "late-completion": "learners not complete by their due date",
    "cancellation": "enrolled learners",
    "changed": "everyone who got the invite",
}


@dataclass(frozen=True)
class PlannedReminder:
    program: str
    session: Session
    template: str
    send_date: date
    overdue: bool
    rule: ReminderRule | None  # None for the cancellation and change notices
    # A change notice: the first change of each kind after the invite (its ``old`` is what the
    # invite said), in the order of NOTICE_KINDS.
    changes: tuple[Change, ...] = ()
    # Who receives it by learner id, where the records say (a missed session or a late completion
    # once attendance is taken: :mod:`trainops.plan.record_messages`); None where only the group
    # of :data:`AUDIENCES` is known (every message planned from the programs alone).
    recipients: tuple[str, ...] | None = None

    @property
    def audience(self) -> str:
        return AUDIENCES[self.template]

    @property
    def key(self) -> str:
        return f"{self.session.id}-{self.template}"

    def due(self, today: date) -> bool:
        """Due now: its send date is today or has passed (see :mod:`trainops.plan.reminders`)."""
        return self.send_date <= today
