"""``/programs/<slug>/``: the learner guide, the same sections in the same order for every program."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..model.project import ProgramRecord, Session
from ..model.values import Duration
from ..plan import urls
from .changes import session_notes

__all__ = ["render_guide", "GUIDE_SECTIONS", "Intake", "group_into_intakes", "INTAKE_GAP_DAYS"]

# The fixed structure of every guide (the template renders them in this order; tests check it).
GUIDE_SECTIONS = (
    "What and why",
    "Who it is for",
    "What you will be able to do",
    "Before you start",
    "Materials",
    "Sessions",
    "Assessment and completion",
    "After training",
    "Questions",
)

# Sessions without a ``cohort`` belong to one intake while each starts at most this many days
# after the previous one ended: a weekly class (7 days apart) stays one intake, and a second run
# of the same program a fortnight or a month later is a new one.
INTAKE_GAP_DAYS = 7


@dataclass
class Intake:
    """The sessions one group of learners attends together, as the guide lists them."""

    cohort: str | None  # as written in the schedule; None for a group of consecutive days
    first_start: datetime  # of its first session, past ones included ("Intake starting ...")
    anchor: str  # the id of its heading: "intake-" and its first session's id
    sessions: list[Session] = field(default_factory=list)  # upcoming ones, by start

    @property
    def attended(self) -> list[Session]:
        """The upcoming sessions that take place (not cancelled). Of this intake's sessions, not the
        program's: ``Project.running_sessions`` would give every intake's."""
        return [s for s in self.sessions if s.status != "cancelled"]

    @property
    def total(self) -> Duration:
        """The time in the sessions that take place, added up (shown in words by ``|duration``)."""
        minutes = sum(int((s.end_utc - s.start_utc).total_seconds()) // 60 for s in self.attended)
        return Duration(f"{minutes}m", minutes=minutes)


def group_into_intakes(sessions: list[Session], today: date) -> list[Intake]:
    """The upcoming ones of a program's ``sessions``, by intake, in the order of their first
    upcoming session.

    Sessions with a ``cohort`` are grouped by it (spaces and case aside). Sessions without one
    are grouped by consecutive days: a new intake starts when a session starts more than
    :data:`INTAKE_GAP_DAYS` days (local dates) after the previous cohort-less session ended. Past
    sessions count for the grouping, so an intake under way keeps its first day, but are not
    listed; an intake with no upcoming session is left out.
    """
    everything: list[tuple[Intake, list[Session]]] = []
    by_cohort: dict[str, tuple[Intake, list[Session]]] = {}
    run: tuple[Intake, list[Session]] | None = None
    run_end: date | None = None
    for s in sorted(sessions, key=lambda s: (s.start_utc, s.id)):
        cohort = " ".join((s.entry.cohort or "").split())
        if cohort:
            group = by_cohort.get(cohort.casefold())
            if group is None:
                group = by_cohort[cohort.casefold()] = (Intake(cohort, s.start, f"intake-{s.id}"), [])
                everything.append(group)
        else:
            if run is None or run_end is None or s.start.date() - run_end > timedelta(days=INTAKE_GAP_DAYS):
                run, run_end = (Intake(None, s.start, f"intake-{s.id}"), []), s.end.date()
                everything.append(run)
            group, run_end = run, max(run_end, s.end.date())
        group[1].append(s)
    intakes = []
    for intake, members in everything:
        intake.sessions = [s for s in members if s.is_upcoming(today)]  # cancelled ones too: listed as such
        if intake.sessions:
            intakes.append(intake)
    return sorted(intakes, key=lambda i: (i.sessions[0].start_utc, i.sessions[0].id))


def render_guide(ctx, record: ProgramRecord) -> str:
    project = ctx.project
    program = record.data
    sessions = project.upcoming_sessions(record.slug)
    upcoming = project.running_sessions(record.slug)
    next_session = upcoming[0] if upcoming else None
    intakes = group_into_intakes(project.sessions_of(record.slug), project.today)
    contact_id = (program.escalation.learner_questions if program.escalation else None) or program.owner
    return ctx.page(
        "trainops/guide.html",
        urls.guide(record.slug),
        record=record,
        program=program,
        slug=record.slug,
        sessions=sessions,
        intakes=intakes,
        next_session=next_session,
        next_intake=next((i for i in intakes if any(s is next_session for s in i.sessions)), None),
        contact=project.people.get(contact_id),
        learner_materials=[m for m in program.materials if m.for_ == "learner"],
        sops=[s for s in project.sops_of(record.slug) if s.meta.audience == "learner"],
        sections=GUIDE_SECTIONS,
        notes=session_notes(project, sessions),  # "Changed on 30 Nov: was 09:30"
    )
