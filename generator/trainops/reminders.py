"""Reminders: which message goes out for which session, and on what date.

A reminder's send date is the session's start date in its own zone, moved by the rule's offset
(``before: 14d``, ``after: 1d``; an offset in hours moves the start time, then takes its date).
Only upcoming sessions get messages. A cancelled session gets one cancellation notice, never a
reminder. A send date before ``--today`` for a session still upcoming is overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .models import ReminderRule
from .project import Project, Session

__all__ = ["PlannedReminder", "plan_reminders", "AUDIENCES", "send_date"]

# Who receives each message (the "recipients' group" of the send schedule).
AUDIENCES = {
    "invite": "everyone in the program's audience",
    "reminder": "enrolled learners",
    "follow-up": "attendees",
    "missed-session": "enrolled learners who did not attend",
    "cancellation": "enrolled learners",
}


@dataclass(frozen=True)
class PlannedReminder:
    program: str
    session: Session
    template: str
    send_date: date
    overdue: bool
    rule: ReminderRule | None  # None for the cancellation notice

    @property
    def audience(self) -> str:
        return AUDIENCES[self.template]

    @property
    def key(self) -> str:
        return f"{self.session.id}-{self.template}"


def send_date(session: Session, rule: ReminderRule) -> date:
    """The start's local date moved by the offset (hours move the start time first)."""
    offset = rule.before or rule.after
    assert offset is not None
    minutes = timedelta(minutes=offset.minutes)
    if rule.before:
        return offset.before((session.start - minutes).date())  # months and days, on the calendar
    return offset.after((session.start + minutes).date())


def plan_reminders(project: Project) -> list[PlannedReminder]:
    planned = []
    for s in project.upcoming_sessions():
        record = project.programs.get(s.program)
        if record is None:
            continue
        if s.status == "cancelled":
            planned.append(PlannedReminder(s.program, s, "cancellation", project.today, False, None))
            continue
        for rule in record.data.reminder_rules:
            if rule.template == "cancellation":
                continue  # only ever sent for a cancelled session
            when = send_date(s, rule)
            planned.append(PlannedReminder(s.program, s, rule.template, when, when < project.today, rule))
    return sorted(planned, key=lambda r: (r.send_date, r.program, r.session.start_utc, r.session.id, r.template))
