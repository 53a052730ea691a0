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

__all__ = ["PlannedReminder", "AUDIENCES", "audience_of"]

# Who receives each message (the "recipients' group" of the send schedule), by whose session it is:
# a run of a part is for the learners booked on that run (its alternatives have theirs: three runs
# of Day 1 are not each sent to everyone), a cohort's session for that cohort ("{cohort}" is its
# name), any other session for the program's whole audience.
AUDIENCES = {
    "run": {
        "invite": "learners booked on this run",
        "reminder": "learners booked on this run",
        "missed-session": "learners expected at this run who did not attend",
        "cancellation": "learners booked on this run who got the invite",
        "changed": "learners booked on this run who got the invite",
    },
    "cohort": {
        "invite": "learners of cohort {cohort}",
        "reminder": "learners of cohort {cohort}",
        "missed-session": "learners of cohort {cohort} who did not attend",
        "cancellation": "learners of cohort {cohort} who got the invite",
        "changed": "learners of cohort {cohort} who got the invite",
    },
    "program": {
        "invite": "everyone in the program's audience",
        "reminder": "enrolled learners",
        "missed-session": "enrolled learners who did not attend",
        "cancellation": "everyone who got the invite",
        "changed": "everyone who got the invite",
    },
}
# The same group whoever the session is for.
_ANY_SESSION = {
    "follow-up": "attendees",
    "late-completion": "learners not complete by their due date",
    "renewal": "learners whose certification expires",
}


def audience_of(template: str, session: Session) -> str:
    """The recipients' group of a message of ``template`` about ``session``."""
    if template in _ANY_SESSION:
        return _ANY_SESSION[template]
    cohort = " ".join((session.entry.cohort or "").split())
    whose = "run" if session.entry.part else "cohort" if cohort else "program"
    return AUDIENCES[whose][template].format(cohort=cohort)


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
    # A renewal message: the day its recipients' certification expires (its session is the one
    # offered to renew in, or the last that took place: :mod:`trainops.plan.renewal_messages`).
    expires: date | None = None

    @property
    def audience(self) -> str:
        return audience_of(self.template, self.session)

    @property
    def key(self) -> str:
        return f"{self.session.id}-{self.template}"

    def due(self, today: date) -> bool:
        """Due now: its send date is today or has passed (see :mod:`trainops.plan.reminders`)."""
        return self.send_date <= today
