"""The coordinator site's reminders: each program's reminders page, and the send schedule of every
program's messages, the messages rendered a program at a time.

A program's messages depend on its own reminders only (:func:`~.messages.render_messages`), and
the send schedule lists every message by send date, then program (:func:`~.messages.send_schedule_order`):
each program's rows in turn, sorted by those two alone, are the schedule. So a build can keep each
program's page with its rows (:class:`~.reminder_pages.ReminderPage`, :mod:`.kept_pages`): a
program whose page is kept has its messages neither planned nor rendered, and a build whose pages
are all kept renders no message (24,000 due now at a year of a large organisation's records)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from ..model.project import ProgramRecord
from ..model.reminders import PlannedReminder
from ..plan import urls
from ..plan.record_messages import with_record_messages
from ..plan.reminders import plan_reminders
from .files import GeneratedFile
from .kept_pages import KeptPages, kept_or_rendered
from .messages import Message, render_messages, send_schedule_order, send_schedule_row, write_send_schedule
from .reminder_pages import ReminderPage, lists_learners, reminders_search_summary, render_reminder_page

__all__ = ["ProgramReminders"]


class ProgramReminders:
    """The reminders of the coordinator site of ``ctx`` (a :class:`~.site.RenderContext`): each
    program's page (:meth:`page`) and the send schedule (:meth:`send_schedule`). ``kept``: each
    program's page as an earlier build made it (a build's). A preview (``ctx.on_request``) makes
    a page when it is asked for."""

    def __init__(self, ctx, kept: KeptPages[ReminderPage] | None = None):
        self.ctx, self.kept = ctx, kept
        self._planned: dict[str, list[PlannedReminder]] | None = None
        self._rows: dict[str, list[list[str]]] = {}  # each program's rows of the send schedule, once made

    def page(self, slug: str, record: ProgramRecord, in_nav: bool) -> GeneratedFile:
        """Program ``slug``'s reminders page."""
        if self.ctx.on_request:
            unlisted = lists_learners(self._planned_of(slug))
            return self._file(slug, record, in_nav, unlisted, "", partial(self._content, slug, record))
        made = kept_or_rendered(self.kept, slug, partial(self._made, slug, record))
        self._rows[slug] = made.send_schedule
        return self._file(slug, record, in_nav, made.lists_learners, made.content)

    def send_schedule(self) -> str:
        """``/reminders/send-schedule.csv``: every program's messages, by send date."""
        rows: list[list[str]] = []
        for slug in sorted(self.ctx.project.programs):
            mine = self._rows.get(slug)
            rows += mine if mine is not None else [send_schedule_row(m) for m in self._messages(slug)]
        rows.sort(key=send_schedule_order)
        return write_send_schedule(rows)

    def _made(self, slug: str, record: ProgramRecord) -> ReminderPage:
        messages = self._messages(slug)
        page = render_reminder_page(self.ctx, record, messages)
        rows = [send_schedule_row(m) for m in messages]
        return ReminderPage(page, lists_learners(m.reminder for m in messages), rows)

    def _content(self, slug: str, record: ProgramRecord) -> str:
        return render_reminder_page(self.ctx, record, self._messages(slug))

    def _messages(self, slug: str) -> list[Message]:
        ctx = self.ctx
        return render_messages(ctx.env, ctx.project, self._planned_of(slug), ctx.urls)

    def _planned_of(self, slug: str) -> list[PlannedReminder]:
        """Program ``slug``'s messages as planned, the records' ones included, by send date:
        planned for every program when the first is wanted."""
        if self._planned is None:
            records = self.ctx.records
            planned = with_record_messages(plan_reminders(self.ctx.project), records.messages if records else ())
            self._planned = {}
            for r in planned:
                self._planned.setdefault(r.program, []).append(r)
        return self._planned.get(slug, [])

    @staticmethod
    def _file(
        slug: str,
        record: ProgramRecord,
        in_nav: bool,
        unlisted: bool,
        content: str,
        make: Callable[[], str] | None = None,
    ) -> GeneratedFile:
        # A page with the records' messages lists learners: out of the search index
        # (GeneratedFile.searchable), found there by its title and what it is, not by its messages.
        return GeneratedFile(
            urls.reminders_page(slug),
            content,
            in_nav,
            title=f"Reminders: {record.name}",
            nav_title=record.name,
            searchable=not unlisted,
            search_summary=reminders_search_summary(record.name) if unlisted else "",
            make=make,
        )
