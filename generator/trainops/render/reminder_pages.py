"""``/programs/<slug>/reminders/``: the messages due now in full, the later ones by the week they go
out (folded), each with its send date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from ..model.project import ProgramRecord
from ..plan import urls
from ..plan.reminders import send_week
from ..readiness import session_label
from .checklist import days_from
from .messages import Message

__all__ = ["render_reminder_page", "ReminderPlan", "plan_reminder_page"]


@dataclass(frozen=True)
class ReminderPlan:
    """A program's messages as the page shows them."""

    due: list[Message]  # send date today or passed, oldest first
    weeks: list[tuple[date, list[Message]]]  # the others by the Monday of their send week

    @property
    def overdue(self) -> int:
        return sum(m.reminder.overdue for m in self.due)

    @property
    def later(self) -> int:
        return sum(len(messages) for _week, messages in self.weeks)


def plan_reminder_page(messages: list[Message], today: date) -> ReminderPlan:
    """``messages`` split into due now and later, each in the order to send them."""
    mine = sorted(
        messages,
        key=lambda m: (m.reminder.send_date, m.reminder.session.start_utc, m.reminder.session.id, m.reminder.template),
    )
    due = [m for m in mine if m.reminder.due(today)]
    later = [m for m in mine if not m.reminder.due(today)]
    weeks = [(week, list(items)) for week, items in groupby(later, key=lambda m: send_week(m.reminder.send_date))]
    return ReminderPlan(due, weeks)


def render_reminder_page(ctx, record: ProgramRecord, messages: list[Message]) -> str:
    """``messages``: this program's messages."""
    today = ctx.project.today
    return ctx.page(
        "trainops/reminders.html",
        urls.reminders_page(record.slug),
        record=record,
        program=record.data,
        slug=record.slug,
        plan=plan_reminder_page(messages, today),
        label=session_label,
        days_until=lambda day: days_from(today, day),
    )
