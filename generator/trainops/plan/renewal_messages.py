"""Renewal messages (template ``renewal``): to each learner whose certification has not run out,
when its renewal window opens (``renew_within`` before the expiry), 30 days and 7 days before the
expiry, each to its learners by id. A pure function of the project and the certifications.

A message is about a session: the one the learner is booked on or given a seat in
(:mod:`trainops.plan.renewal_seats`), else the renewal program's first session that will take
place inside their window, else (nothing scheduled to renew in yet) the renewal program's last
session that took place, or the certified program's; the template offers the first kind and asks
the learner to reply for the last. A program with no session at all gets no renewal message (and
``check`` says its expiring learners have no session). Learners with the same session, send date
and expiry share one message. A send date already passed is overdue, as for every message; once
a certification has expired its messages are gone: the learner is counted expired instead.
"""

from __future__ import annotations

from datetime import date

from ..model.project import Project, Session
from ..model.reminders import PlannedReminder
from ..model.values import parse_duration
from .certification import LearnerCertification, ProgramCertification
from .renewal_seats import RenewalSeats

__all__ = ["RENEWAL_NOTICES", "renewal_messages"]

# Besides the opening of the renewal window: how long before the expiry the later messages go.
RENEWAL_NOTICES = (parse_duration("30d"), parse_duration("7d"))


def renewal_messages(
    project: Project, certification: ProgramCertification, seats: RenewalSeats
) -> list[PlannedReminder]:
    today = project.today
    renewal = certification.renewal
    running = project.running_sessions(renewal)
    past = [
        s for s in project.sessions_of(renewal) + project.sessions_of(certification.program) if _took_place(s, today)
    ]
    last = max(past, key=lambda s: (s.program == renewal, s.start_utc, s.id), default=None)
    groups: dict[tuple[date, str, date], list[str]] = {}
    by_id: dict[str, Session] = {}
    for c in certification.learners:
        if c.expires is None or c.status not in ("valid", "expiring"):
            continue
        session = seats.seat.get(c.learner) or _first_in_window(certification, c, running, today) or last
        if session is None:
            continue
        by_id[session.id] = session
        for when in _send_dates(certification, c.expires):
            groups.setdefault((when, session.id, c.expires), []).append(c.learner)
    return [
        PlannedReminder(
            certification.program,
            by_id[session_id],
            "renewal",
            when,
            when < today,
            None,
            recipients=tuple(sorted(learners)),
            expires=expires,
        )
        for (when, session_id, expires), learners in sorted(groups.items())
    ]


def _send_dates(certification: ProgramCertification, expires: date) -> list[date]:
    """The window's opening, then 30 and 7 days before ``expires`` where they fall inside it."""
    opens = certification.window_opens(expires)
    later = [d.before(expires) for d in RENEWAL_NOTICES]
    return sorted({opens, *(day for day in later if day > opens)})


def _first_in_window(
    certification: ProgramCertification, c: LearnerCertification, running: list[Session], today: date
) -> Session | None:
    assert c.expires is not None
    start = max(today, certification.window_opens(c.expires))
    return next((s for s in running if start <= s.start.date() <= c.expires), None)


def _took_place(s: Session, today: date) -> bool:
    return s.status != "cancelled" and not s.is_upcoming(today)
