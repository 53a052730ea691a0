"""``/programs/<slug>/reminders/``: the messages due now in full, the later ones by the week they go
out (folded), each with its send date.

A message in full is about 1.5 KB of HTML, and a program with hundreds of sessions has hundreds of
messages: only the weeks up to :data:`MESSAGES_IN_FULL` messages carry their texts; the weeks after
are counted (their texts come as their week comes closer; all are in the send schedule CSV). The
messages due now are bounded alike: the latest :data:`MESSAGES_IN_FULL` in full, up to
:data:`DUE_LISTED` older ones a line each, the rest counted (five years of a program's records call
for hundreds of missed-session and late-completion messages: 770 KB of page in full)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from ..model.formatting import days_from
from ..model.project import ProgramRecord
from ..model.reminders import PlannedReminder
from ..plan import urls
from ..plan.reminders import send_week
from ..readiness import session_label
from .after_markdown import marked
from .follow_up import IDS_SHOWN
from .messages import Message

__all__ = [
    "DUE_LISTED",
    "MESSAGES_IN_FULL",
    "ReminderPage",
    "ReminderPlan",
    "lists_learners",
    "plan_reminder_page",
    "render_reminder_page",
    "reminders_search_summary",
]

# Messages a page shows in full: 100 keep it near 150 KB. The due ones come first (the latest of
# them when there are more); then as many of the weeks ahead as fit.
MESSAGES_IN_FULL = 100
# Older messages due listed a line each (about 300 bytes) after those in full; the rest counted.
DUE_LISTED = 400


@dataclass(frozen=True)
class ReminderPage:
    """A program's reminders page as made, and what else is made of its messages: what a build
    keeps of them (:mod:`.kept_pages`), so that a page kept needs no message rendered."""

    content: str  # the page (:func:`render_reminder_page`)
    lists_learners: bool  # (:func:`lists_learners`: then kept out of the search index)
    send_schedule: list[list[str]]  # the program's rows of the send schedule, in their order


def lists_learners(reminders: Iterable[PlannedReminder]) -> bool:
    """Whether a program's messages name their learners (the records' ones do)."""
    return any(r.recipients is not None for r in reminders)


@dataclass(frozen=True)
class ReminderPlan:
    """A program's messages as the page shows them."""

    due: list[Message]  # send date today or passed, oldest first
    weeks: list[tuple[date, list[Message]]]  # the others by the Monday of their send week
    counted: int = 0  # how many of the last weeks are only counted: too far off to show in full

    @property
    def due_in_full(self) -> list[Message]:
        """The latest :data:`MESSAGES_IN_FULL` of the messages due, oldest first."""
        return self.due[-MESSAGES_IN_FULL:]

    @property
    def due_listed(self) -> list[Message]:
        """The older messages due listed a line each, the latest first (at most :data:`DUE_LISTED`)."""
        older = self.due[: max(0, len(self.due) - MESSAGES_IN_FULL)]
        return older[::-1][:DUE_LISTED]

    @property
    def due_counted(self) -> int:
        """How many of the oldest messages due are only counted."""
        return max(0, len(self.due) - MESSAGES_IN_FULL - DUE_LISTED)

    @property
    def overdue(self) -> int:
        return sum(m.reminder.overdue for m in self.due)

    @property
    def full_weeks(self) -> list[tuple[date, list[Message]]]:
        """The weeks whose messages the page shows in full."""
        return self.weeks[: len(self.weeks) - self.counted]

    @property
    def counted_weeks(self) -> list[tuple[date, list[Message]]]:
        return self.weeks[len(self.weeks) - self.counted :]

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
    in_full, shown = 0, min(len(due), MESSAGES_IN_FULL)
    while in_full < len(weeks) and shown + len(weeks[in_full][1]) <= MESSAGES_IN_FULL:
        shown += len(weeks[in_full][1])
        in_full += 1
    return ReminderPlan(due, weeks, len(weeks) - in_full)


def render_reminder_page(ctx, record: ProgramRecord, messages: list[Message]) -> str:
    """The reminders page of ``record``; ``messages``: this program's messages. Its messages due now
    go in after Markdown (:mod:`.after_markdown`)."""
    today = ctx.project.today
    plan = plan_reminder_page(messages, today)
    values = {
        "record": record,
        "program": record.data,
        "slug": record.slug,
        "plan": plan,
        "label": session_label,
        "days_until": lambda day: days_from(today, day),
        # the learners a message of the records goes to: by id, or by name with ops_names
        "learner": ctx.records.label if ctx.records is not None else str,
        "ids_shown": IDS_SHOWN,
        "in_full": MESSAGES_IN_FULL,
        "from_records": lists_learners(m.reminder for m in messages),
    }
    path = urls.reminders_page(record.slug)
    due = ctx.page("trainops/reminders-due.html", path, **values).rstrip("\n") if plan.due else ""
    return ctx.page("trainops/reminders.html", path, html_slot=marked(due), **values)


def reminders_search_summary(program_name: str) -> str:
    """The search index's text for a reminders page kept out of it (one that lists learners): what
    the page is, as its lead says it, without its messages."""
    return (
        f"Every message to send for the upcoming sessions of {program_name}, and to the learners the "
        "training records show missed a session or are late to complete."
    )
