"""A seat to renew in, for each learner whose certification is expiring: the renewal program's
sessions that will take place inside the learner's window (from today, or the day the window
opens, to the expiry), with free seats. A pure function of the project and the records.

Seats of a session are its ``capacity`` (none: unlimited) less the learners enrolled in the
renewal program who are expected at it (:func:`trainops.plan.progress.expected_sessions`: their
enrolment names its cohort or its id). A learner already expected at a session in their window
has their seat. The others are given seats soonest expiry first, each the earliest session in
their window with a seat left, so a learner who must renew sooner is not crowded out by one who
could wait.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model.project import Project, Session
from ..model.training_records import Records
from .certification import LearnerCertification, ProgramCertification
from .progress import enrolled_learners, expected_sessions

__all__ = ["RenewalSeats", "renewal_seats"]


@dataclass(frozen=True)
class RenewalSeats:
    program: str
    renewal: str
    seat: dict[str, Session]  # learner id -> the session they are booked on or given a seat in
    without: tuple[LearnerCertification, ...]  # the expiring learners with no seat in their window

    @property
    def expiring(self) -> int:
        return len(self.seat) + len(self.without)


def renewal_seats(project: Project, records: Records, certification: ProgramCertification) -> RenewalSeats:
    """Where each learner whose certification is expiring at the project's day can renew."""
    renewal, today = certification.renewal, project.today
    sessions = project.running_sessions(renewal)  # by start
    booked: dict[str, list[Session]] = {}  # learner -> the running sessions they are expected at
    taken: dict[str, int] = {}
    for e in enrolled_learners(records, renewal):
        for s in expected_sessions(project, renewal, e.cohort):
            if s.status != "cancelled" and s.start.date() >= today:
                booked.setdefault(e.learner, []).append(s)
                taken[s.id] = taken.get(s.id, 0) + 1
    free = {s.id: (s.entry.capacity - taken.get(s.id, 0) if s.entry.capacity is not None else None) for s in sessions}

    def window(c: LearnerCertification) -> tuple[date, date]:
        assert c.expires is not None  # (an expiring certification has a period)
        return max(today, certification.window_opens(c.expires)), c.expires

    def has_seat(s: Session) -> bool:
        left = free[s.id]
        return left is None or left > 0

    def inside(s: Session, span: tuple[date, date]) -> bool:
        return span[0] <= s.start.date() <= span[1]

    expiring = sorted(
        (c for c in certification.learners if c.status == "expiring"), key=lambda c: (c.expires, c.learner)
    )
    seat: dict[str, Session] = {}
    waiting = []
    for c in expiring:
        mine = [s for s in booked.get(c.learner, ()) if inside(s, window(c))]
        if mine:
            seat[c.learner] = mine[0]
        else:
            waiting.append(c)
    without = []
    for c in waiting:
        span = window(c)
        found = next((s for s in sessions if inside(s, span) and has_seat(s)), None)
        if found is None:
            without.append(c)
            continue
        seat[c.learner] = found
        left = free[found.id]
        if left is not None:
            free[found.id] = left - 1
    return RenewalSeats(certification.program, renewal, seat, tuple(without))
