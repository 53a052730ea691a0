"""``/programs/<slug>/``: the learner guide, the same sections in the same order for every program."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..load.parts import title_without_location
from ..model.project import ProgramRecord, Session
from ..model.values import Duration
from ..plan import urls
from .changes import session_notes

__all__ = [
    "render_guide",
    "GUIDE_SECTIONS",
    "Intake",
    "PartChoice",
    "group_into_intakes",
    "choices_of",
    "run_labels",
    "part_names",
    "INTAKE_GAP_DAYS",
]

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
class PartChoice:
    """One part of a program as an intake's learners meet it: its upcoming runs, of which a learner
    attends one (alternatives in other places or times). In a program without ``parts:`` each
    session is a part of its own with one run."""

    part: str  # the slug in ``parts:``, or the session's id without parts
    name: str  # "Day 1": its runs' title with a location in brackets set aside
    runs: list[Session]  # upcoming, cancelled ones included (listed as such), by start

    @property
    def open_runs(self) -> list[Session]:
        return [s for s in self.runs if s.status != "cancelled"]

    @property
    def minutes(self) -> int:
        """The time in the first run that takes place: a learner attends one run (0 if none does)."""
        runs = self.open_runs
        return int((runs[0].end_utc - runs[0].start_utc).total_seconds()) // 60 if runs else 0


@dataclass
class Intake:
    """The sessions one group of learners attends together, as the guide lists them."""

    cohort: str | None  # as written in the schedule; None for a group of consecutive days
    first_start: datetime  # of its first session, past ones included ("Intake starting ...")
    anchor: str  # the id of its heading: "intake-" and its first session's id
    sessions: list[Session] = field(default_factory=list)  # upcoming ones, by start
    parts: list[PartChoice] = field(default_factory=list)  # see :func:`choices_of`

    @property
    def attended(self) -> list[PartChoice]:
        """The parts a learner of this intake still attends a run of: those with a run that takes
        place (not cancelled). Of this intake's sessions, not the program's."""
        return [p for p in self.parts if p.open_runs]

    @property
    def missing(self) -> list[PartChoice]:
        """The parts every run of which is cancelled: the time in sessions leaves them out, and says so."""
        return [p for p in self.parts if not p.open_runs]

    @property
    def total(self) -> Duration:
        """The time a learner spends in sessions: one run of each part, added up (shown in words by
        ``|duration``)."""
        minutes = sum(p.minutes for p in self.attended)
        return Duration(f"{minutes}m", minutes=minutes)


def group_into_intakes(
    sessions: list[Session], today: date, part_of: Callable[[Session], str] = lambda s: s.id
) -> list[Intake]:
    """The upcoming ones of a program's ``sessions``, by intake, in the order of their first
    upcoming session.

    Sessions with a ``cohort`` are grouped by it (spaces and case aside). Sessions without one
    are grouped by consecutive days: a new intake starts when a session starts more than
    :data:`INTAKE_GAP_DAYS` days (local dates) after the previous cohort-less session ended. Past
    sessions count for the grouping, so an intake under way keeps its first day, but are not
    listed; an intake with no upcoming session is left out. Within an intake, ``part_of`` (see
    :func:`choices_of`) gathers the runs of each part.
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
            intake.parts = choices_of(intake.sessions, part_of)
            intakes.append(intake)
    return sorted(intakes, key=lambda i: (i.sessions[0].start_utc, i.sessions[0].id))


def choices_of(sessions: list[Session], part_of: Callable[[Session], str]) -> list[PartChoice]:
    """The parts of ``sessions`` (by start), each with its runs, in the order of their first run.
    ``part_of`` is :meth:`Project.part_of`: a session's part, or its own id without parts."""
    by_part: dict[str, list[Session]] = {}
    for s in sessions:
        by_part.setdefault(part_of(s), []).append(s)
    return [PartChoice(part, _part_name(part, runs), runs) for part, runs in by_part.items()]


def _part_name(part: str, runs: list[Session]) -> str:
    titles = [title_without_location(s.entry.title) for s in runs]
    named = [t for t in titles if t]
    if named:
        return named[0]
    return part.replace("-", " ").capitalize() if part != runs[0].id else ""


def part_names(project, slug: str) -> list[str]:
    """The names of the program's ``parts:`` in order, as the guide heads them ("Day 1"); empty
    for a program without parts."""
    names = []
    for part in project.programs[slug].data.parts:
        runs = project.runs_of(slug, part)
        names.append(_part_name(part, runs) if runs else part.replace("-", " ").capitalize())
    return names


def run_labels(runs: list[Session], program_name: str) -> list[tuple[Session, str]]:
    """Each run with the words of a link to its row: its title where that names the place ("Day 1
    (Tokyo)"), else the title and its room ("Day 1 (HQ 4B)"). Not its date: the row gives the time
    in the reader's zone, where a date in the session's zone could name another day. Runs that would
    read the same get their date too."""
    labels = []
    for run in runs:
        title = run.entry.title or program_name
        if title_without_location(title) == " ".join(title.split()):
            title = f"{title} ({run.entry.room or 'online'})"
        labels.append(title)
    return [
        (run, f"{label}, {run.start:%a} {run.start.day} {run.start:%b}" if labels.count(label) > 1 else label)
        for run, label in zip(runs, labels, strict=True)
    ]


def render_guide(ctx, record: ProgramRecord) -> str:
    project = ctx.project
    program = record.data
    sessions = project.upcoming_sessions(record.slug)
    upcoming = project.running_sessions(record.slug)
    next_session = upcoming[0] if upcoming else None
    intakes = group_into_intakes(project.sessions_of(record.slug), project.today, project.part_of)
    next_intake = next((i for i in intakes if any(s is next_session for s in i.sessions)), None)
    next_choice = _choice_of(next_intake, next_session)
    return ctx.page(
        "trainops/guide.html",
        urls.guide(record.slug),
        record=record,
        program=program,
        slug=record.slug,
        sessions=sessions,
        intakes=intakes,
        next_session=next_session,
        next_intake=next_intake,
        # the next part when it has runs to choose from: the glance names the part and its runs,
        # not the first run alone (a learner in Tokyo does not attend Day 1 in New York)
        next_choice=next_choice,
        next_choice_runs=run_labels(next_choice.open_runs, program.name) if next_choice else [],
        contact=project.people.get(program.learner_contact),
        learner_materials=[m for m in program.materials if m.for_ == "learner"],
        sops=[s for s in project.sops_of(record.slug) if s.meta.audience == "learner"],
        sections=GUIDE_SECTIONS,
        notes=session_notes(project, sessions),  # "Changed on 30 Nov: was 09:30"
        has_parts=bool(program.parts),
        # what a learner of a cancelled run can take instead, by the cancelled session's id
        instead={s.id: run_labels(project.other_runs(s), program.name) for s in sessions if s.status == "cancelled"},
    )


def _choice_of(intake: Intake | None, session: Session | None) -> PartChoice | None:
    """The part of ``intake`` that ``session`` is a run of, where a learner chooses among more than
    one run that takes place; None where there is nothing to choose."""
    if intake is None or session is None:
        return None
    part = next((p for p in intake.parts if any(r is session for r in p.runs)), None)
    return part if part is not None and len(part.open_runs) > 1 else None
