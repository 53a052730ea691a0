"""Reminders: which message goes out for which session, and on what date.

A reminder's send date is the session's start date in its own zone, moved by the rule's offset
(``before: 14d``, ``after: 1d``; an offset in hours moves the start time, then takes its date).
Only upcoming sessions get messages. A send date before ``--today`` for a session still upcoming
is overdue.

A cancelled session gets no reminder, and one cancellation notice if its learners were invited:
sent on the day the cancellation was made (the commit that last set ``status: cancelled``; today
for an uncommitted edit or without history), and only when its invite was due before that day.
A session cancelled before its invite went out was never heard of: no message at all.

A session that moved, or changed room, link or instructor, after the day its invite went out
(the git history says when: :mod:`trainops.load.history`) gets a change notice, sent on the day of the
change: what changed since the invite, old and new. A change on the invite's own day or before is
in the invite.

A message is *due now* when its send date is today or has passed: the plan holds only sessions not
yet over, so every such message still has a point (the overdue ones most of all).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from ..model.changes import NOTICE_KINDS, STATUS_KINDS, WORK_TREE, Change, Slot
from ..model.formats import ReminderRule
from ..model.project import Project, Session
from ..model.reminders import AUDIENCES, PlannedReminder
from ..model.values import shift_date

__all__ = [
    "PlannedReminder",
    "plan_reminders",
    "overdue_reminders",
    "change_notices",
    "AUDIENCES",
    "send_date",
    "send_week",
    "cancelled_on",
    "cancellation_notice",
]


def send_week(day: date) -> date:
    """The Monday of ``day``'s week: messages to send later are grouped by it."""
    return day - timedelta(days=day.weekday())


def send_date(session: Session, rule: ReminderRule) -> date:
    """The start's local date moved by the offset (hours move the start time first)."""
    return _send_date(session.start, session.start.date(), *_offset(rule))


def _offset(rule: ReminderRule) -> tuple[timedelta, int, int, int]:
    """A rule's offset as (the signed time of day part, months, days, direction)."""
    offset = rule.before or rule.after
    assert offset is not None
    sign = -1 if rule.before else 1
    return sign * timedelta(minutes=offset.minutes), offset.months, offset.days, sign


def _send_date(start, day: date, minutes: timedelta, months: int, days: int, sign: int) -> date:
    # months and days on the calendar, from the start's date (or the date of the start moved by hours)
    return shift_date((start + minutes).date() if minutes else day, months, days, sign)


def invite_date(session: Session, rules: Sequence[ReminderRule]) -> date | None:
    """When the session's invite goes out: its ``invite`` rule's day, else the first message's
    before the session; None when nothing goes out before it."""
    invites = [r for r in rules if r.template == "invite"] or [r for r in rules if r.before]
    days = [send_date(session, r) for r in invites if r.template != "cancellation"]
    return min(days) if days else None


def cancelled_on(project: Project, s: Session) -> date | None:
    """The day (in the session's zone) the cancelled session ``s`` was cancelled: that of the last
    change of its status (an edit not yet committed is a change of the work tree, today); today
    without history. None when the history has it added as cancelled: it was never announced."""
    changes = project.history.of_session(s.id)
    statuses = [c for c in changes if c.kind in STATUS_KINDS]
    if statuses and statuses[-1].kind == "cancelled":
        # (an uncommitted edit is dated midnight UTC of today: the day before in the Americas)
        return project.today if statuses[-1].commit == WORK_TREE else _local_day(statuses[-1], s)
    if not statuses and any(c.kind == "added" for c in changes):
        return None
    return project.today


def cancellation_notice(
    project: Project, slug: str, s: Session, rules: Sequence[ReminderRule]
) -> PlannedReminder | None:
    """The cancellation notice of the cancelled session ``s``, sent the day it was cancelled, to
    those who got the invite; None when its invite was not due before that day."""
    made = cancelled_on(project, s)
    invited = invite_date(s, rules)
    if made is None or invited is None or invited >= made:
        return None
    return PlannedReminder(slug, s, "cancellation", made, made < project.today, None)


def change_notices(project: Project) -> list[PlannedReminder]:
    """A change notice for each upcoming session (not cancelled) that changed after its invite
    went out, by send date (the day of its last such change, in the session's zone). Worked out
    once per loaded project: the launch review asks for them program by program."""
    if project.derived.change_notices is None:
        project.derived.change_notices = _change_notices(project)
    return project.derived.change_notices


def _change_notices(project: Project) -> list[PlannedReminder]:
    history = project.history
    if not history.available:
        return []
    notices = []
    for slug in project.upcoming_by_program():
        record = project.programs.get(slug)
        if record is None:
            continue
        for s in project.running_sessions(slug):
            changes = history.of_session(s.id)
            if not any(c.kind in NOTICE_KINDS for c in changes):
                continue
            after = _after_invite(s, record.data.reminder_rules, changes)
            first = {c.kind: c for c in reversed(after)}  # the first change of each kind
            kept = tuple(first[k] for k in NOTICE_KINDS if k in first and first[k].old != _now(s, k))
            if kept:
                when = max(_local_day(c, s) for c in after)
                notices.append(PlannedReminder(slug, s, "changed", when, when < project.today, None, kept))
    return sorted(notices, key=lambda r: (r.send_date, r.program, r.session.start_utc, r.session.id))


def _after_invite(s: Session, rules: Sequence[ReminderRule], changes: Sequence[Change]) -> list[Change]:
    """The changes learners must be told of: each made after the invite of the session as it was
    then had gone out (a session moved from 2 Dec to 20 Jan on 20 Nov had its invite out on 18 Nov,
    although the invite of 20 Jan would go out only in January)."""
    moves = [c.old for c in changes if c.kind == "moved" and isinstance(c.old, Slot)]
    slot = moves[0] if moves else Slot(s.start, s.end, s.zone)
    found = []
    for c in changes:  # in the order they were made
        invited = invite_date(replace(s, start=slot.start, end=slot.end), rules)
        if c.kind in NOTICE_KINDS and invited is not None and _local_day(c, s) > invited:
            found.append(c)
        if c.kind == "moved" and isinstance(c.new, Slot):
            slot = c.new
    return found


def _local_day(change: Change, s: Session) -> date:
    return change.when.astimezone(s.start.tzinfo).date()


def _now(s: Session, kind: str):
    """The session's value now of what a change of ``kind`` is about (compared with a change's ``old``)."""
    if kind == "moved":
        return Slot(s.start, s.end, s.zone)
    return getattr(s.entry, kind)


def plan_reminders(project: Project) -> list[PlannedReminder]:
    """Every message to send, by send date (computed once per loaded project; do not change it)."""
    if project.derived.reminders is None:
        project.derived.reminders = _planned(project, overdue_only=False)
    return project.derived.reminders


def overdue_reminders(project: Project) -> list[PlannedReminder]:
    """The overdue messages of the programs' rules and cancellations (``[r for r in
    plan_reminders(project) if r.overdue]`` but change notices, which the launch review reports
    on their own), without planning every message: the launch review needs only these (900 of
    60,000 at scale)."""
    if project.derived.reminders is not None:
        return [r for r in project.derived.reminders if r.overdue and r.template != "changed"]
    if project.derived.overdue_reminders is None:
        project.derived.overdue_reminders = _planned(project, overdue_only=True)
    return project.derived.overdue_reminders


def _planned(project: Project, overdue_only: bool) -> list[PlannedReminder]:
    today = project.today
    keyed: list[tuple] = []  # (sort key..., count, reminder): sorted as tuples, 60,000 of them at scale
    append = keyed.append
    # Every upcoming session, cancelled ones included on purpose: they get the cancellation notice.
    for slug, sessions in project.upcoming_by_program().items():
        record = project.programs.get(slug)
        if record is None:
            continue
        all_rules = record.data.reminder_rules
        # a cancellation is only ever sent for a cancelled session, never as a rule's reminder
        rules = [(rule, _offset(rule)) for rule in all_rules if rule.template != "cancellation"]
        for s in sessions:
            if s.status == "cancelled":
                notice = cancellation_notice(project, slug, s, all_rules)
                if notice is not None and (notice.overdue or not overdue_only):
                    append((notice.send_date, slug, s.start_utc, s.id, notice.template, len(keyed), notice))
                continue
            start, day = s.start, s.start.date()
            for rule, offset in rules:
                when = _send_date(start, day, *offset)
                if when < today or not overdue_only:
                    append(
                        (
                            when,
                            slug,
                            s.start_utc,
                            s.id,
                            rule.template,
                            len(keyed),
                            PlannedReminder(slug, s, rule.template, when, when < today, rule),
                        )
                    )
    if not overdue_only:
        for r in change_notices(project):
            append((r.send_date, r.program, r.session.start_utc, r.session.id, r.template, len(keyed), r))
    keyed.sort()  # the count before the reminder keeps ties in order and never compares reminders
    return [k[-1] for k in keyed]
