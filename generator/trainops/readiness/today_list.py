"""What a coordinator must do today across all programs: the messages due (overdue ones first) and
the failure points that block a session within :data:`~.priorities.BLOCKING_DAYS`, a line per
program, each naming where to act (the program's reminders page, its launch checklist). The
follow-ups of the training records are the third kind; they are worked out with the records
(:mod:`trainops.plan.coordinator_records`) and the page counts them beside these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model.project import Project
from ..model.reminders import PlannedReminder
from ..plan.reminders import plan_reminders
from .checklist import ProgramReadiness
from .priorities import Priority, fix_first

__all__ = ["MessagesDue", "SessionsBlocked", "TodayList", "today_list"]


@dataclass(frozen=True)
class MessagesDue:
    """A program's messages whose send date is today or has passed."""

    program: str
    messages: tuple[PlannedReminder, ...]  # oldest send date first

    @property
    def overdue(self) -> int:
        return sum(r.overdue for r in self.messages)

    @property
    def first(self) -> PlannedReminder:
        return self.messages[0]


@dataclass(frozen=True)
class SessionsBlocked:
    """A program's failure points that block a session within the window (not its messages:
    those are in :class:`MessagesDue`)."""

    program: str
    blocking: tuple[Priority, ...]  # in the order to fix them

    @property
    def first(self) -> Priority:
        return self.blocking[0]


@dataclass(frozen=True)
class TodayList:
    messages: list[MessagesDue]  # overdue first, then by the oldest send date, then by program name
    blocked: list[SessionsBlocked]  # by the first blocked session's start
    until: date  # the last day of the blocking window

    @property
    def empty(self) -> bool:
        return not self.messages and not self.blocked


def today_list(project: Project, readiness: dict[str, ProgramReadiness]) -> TodayList:
    """The messages due and the sessions blocked of every program, as of ``project.today``."""
    due: dict[str, list[PlannedReminder]] = {}
    for r in plan_reminders(project):  # by send date
        if r.due(project.today) and r.program in project.programs:
            due.setdefault(r.program, []).append(r)
    messages = [MessagesDue(slug, tuple(items)) for slug, items in due.items()]
    messages.sort(key=lambda m: (not m.overdue, m.first.send_date, project.programs[m.program].name.lower(), m.program))
    blocked = []
    until = project.today
    for slug in sorted(readiness):
        fixes = fix_first(project, readiness[slug])
        until = fixes.until
        if fixes.blocking:
            blocked.append(SessionsBlocked(slug, tuple(fixes.blocking)))
    blocked.sort(key=_first_blocked)
    return TodayList(messages, blocked, until)


def _first_blocked(b: SessionsBlocked) -> tuple:
    session = b.first.blocks
    assert session is not None  # a blocking failure point always blocks a session
    return (session.start_utc, session.id, b.program)
