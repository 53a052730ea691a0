"""Messages to the right people: the missed-session and late-completion messages the training
records call for, each to its learners by id (``PlannedReminder.recipients``).

Without records a missed-session message goes out by the program's rule, after each upcoming
session, to "enrolled learners who did not attend": nobody knows who yet. Once attendance is
taken, each follow-up of learners who missed a part with no later run attended
(:mod:`trainops.plan.followups`) gets a missed-session message for the session they missed, on the
day the program's ``missed-session`` rule says (the day after the session without one), and each
follow-up of learners late to complete gets a late-completion message, the day after their due
date (one per session they started at). A date already passed is overdue, as for every message:
nobody has said it went out.

These are worked out from the records, which the project does not hold: the coordinator site is
given them (:mod:`trainops.plan.coordinator_records`), the launch review never sees them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta

from ..model.project import Project, Session
from ..model.reminders import PlannedReminder
from .cohorts import ProgramCohorts
from .followups import FollowUp
from .progress import LearnerProgress, ProgramProgress
from .reminders import send_date

__all__ = ["record_messages", "with_record_messages"]


def record_messages(
    project: Project, followups: Iterable[FollowUp], progress: ProgramProgress
) -> list[PlannedReminder]:
    """The messages one program's follow-ups call for (``progress``: that program's, which says
    each late learner's due date and first session)."""
    today = project.today
    by_id = {s.id: s for s in project.sessions_of(progress.program)}
    out = []
    for f in followups:
        record = project.programs.get(f.program)
        if record is None or not f.learners:
            continue
        if f.kind == "missed-part" and f.session in by_id:
            s = by_id[f.session]
            rules = [r for r in record.data.reminder_rules if r.template == "missed-session"]
            when = send_date(s, rules[0]) if rules else s.end.date() + timedelta(days=1)
            out.append(PlannedReminder(f.program, s, "missed-session", when, when < today, None, recipients=f.learners))
        elif f.kind == "late-completion":
            out += _late_completion(project, f, progress, by_id)
    return out


def _late_completion(
    project: Project, f: FollowUp, progress: ProgramProgress, by_id: dict[str, Session]
) -> list[PlannedReminder]:
    """One message per first session the late learners started at (the message is about it), the
    day after the earliest of their due dates."""
    late = set(f.learners)
    # the session a learner started at -> the standings of its late learners and their ids
    started: dict[str, list[tuple[LearnerProgress, list[str]]]] = {}
    cohorts = ProgramCohorts(project, f.program)
    for p, ids in progress.groups:  # (learners who stand alike started at the same session)
        concerned = [learner for learner in ids if learner in late]
        if not concerned:
            continue
        first = by_id.get(p.sessions[0][0]) if p.sessions else None
        if first is None:
            cohort = cohorts.sessions(p.cohort)
            first = min(cohort, key=lambda s: (s.start_utc, s.id)) if cohort else None
        if first is not None:
            started.setdefault(first.id, []).append((p, concerned))
    out = []
    # (one message per session, in the order of its first late learner by id)
    for session_id, standings in sorted(started.items(), key=lambda item: min(min(ids) for _, ids in item[1])):
        dues = [p.due for p, _ in standings if p.due is not None]
        when = min(dues) + timedelta(days=1) if dues else project.today
        recipients = tuple(sorted(learner for _, ids in standings for learner in ids))
        s = by_id[session_id]
        out.append(
            PlannedReminder(f.program, s, "late-completion", when, when < project.today, None, recipients=recipients)
        )
    return out


def with_record_messages(planned: Sequence[PlannedReminder], extra: Sequence[PlannedReminder]) -> list[PlannedReminder]:
    """The planned messages and the records' ones, by send date. A records' message replaces the
    planned one of the same session and template: it names who gets it."""
    if not extra:
        return list(planned)
    keys = {r.key for r in extra}
    return sorted([r for r in planned if r.key not in keys] + list(extra), key=_order)


def _order(r: PlannedReminder):
    return (r.send_date, r.program, r.session.start_utc, r.session.id, r.template)
