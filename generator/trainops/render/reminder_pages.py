"""``/programs/<slug>/reminders/`` (every message with its send date) and the send schedule."""

from __future__ import annotations

from itertools import groupby

from ..project import ProgramRecord
from .messages import Message

__all__ = ["render_reminder_page"]


def render_reminder_page(ctx, record: ProgramRecord, messages: list[Message]) -> str:
    """``messages``: this program's messages."""
    mine = sorted(
        messages,
        key=lambda m: (m.reminder.session.start_utc, m.reminder.session.id, m.reminder.send_date, m.reminder.template),
    )
    groups = [(session, list(items)) for session, items in groupby(mine, key=lambda m: m.reminder.session)]
    return ctx.page(
        "trainops/reminders.html",
        f"programs/{record.slug}/reminders.md",
        record=record,
        program=record.data,
        slug=record.slug,
        groups=groups,
        overdue=sum(m.reminder.overdue for m in mine),
    )
