"""A program's completion status and metrics for its page on the coordinator site: per cohort and
for the whole program, enrolled, attended each part, passed, completed, late and waived, each a
:class:`~trainops.plan.rates.Rate` with its n; and the metrics of Kirkpatrick's levels 1 to 3:
attendance, completion by the due date against the program's ``completion.target``, pass rate and
score spread, feedback means per question, and manager observations after completion.

A pure function of the project, the records and a program's progress (:mod:`.progress`, which
decides who completed, passed and is late). Rates of learners are out of the enrolled learners
unless named otherwise; the small-group rule is :mod:`.rates`'."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from ..model.project import Project
from ..model.training_records import ATTENDED_STATUSES, Records, cohort_key
from .cohorts import ProgramCohorts
from .followups import sheet_due
from .progress import Alike, LearnerProgress, ProgramProgress, sheet_taken
from .rates import Mean, Rate, Spread, spread_of

__all__ = ["OBSERVATION_WITHIN", "CohortStatus", "ProgramStatus", "program_status"]

# How soon after completion a manager's observation counts (Kirkpatrick level 3). The program's
# ``observation.within`` is to replace this default where it is set.
OBSERVATION_WITHIN = timedelta(days=60)


@dataclass(frozen=True)
class CohortStatus:
    """The learners of one cohort, or of the whole program (``name`` "All cohorts")."""

    name: str
    first: date | None  # the earliest first session of its learners
    enrolled: int
    # (part, learners who attended a run of it, of those who need it and have had it: see
    # ProgramStatus.missed; a learner who can still come to a run is not counted yet). Every part
    # of a program with ``parts:``; without them, each session is a part and a cohort has its own:
    # its sessions its learners need, in time order (none for "All cohorts"). A column per session
    # of the program made a table of cohorts by sessions: 100,000 cells of "—" a program at five
    # years of weekly cohorts, and minutes of counting them.
    parts: tuple[tuple[str, Rate], ...]
    attended_all: Rate  # attended every part they have had, of the learners who have had one
    passed: Rate | None  # None: the program has no assessment
    completed: Rate
    late: Rate
    waived: Rate
    attendance: Rate  # sessions attended of the sessions its learners were on a sheet of or expected at
    on_time: Rate  # completed by the due date, of the learners whose due date has come
    observed: Rate  # observed at work within the window after completion, of the completers it applies to


@dataclass(frozen=True)
class ProgramStatus:
    program: str
    total: CohortStatus
    cohorts: tuple[CohortStatus, ...]  # by first session, then name
    progress: ProgramProgress  # its learners' standings, kept as groups of learners who stand alike
    parts: tuple[str, ...]  # the program's ``parts:``; none without them (each cohort has its own)
    target: float | None  # completion.target in percent
    pass_rate: Rate | None  # passed, of the learners with a score
    scores: Spread | None  # the learners' best scores
    feedback: tuple[tuple[str, Mean], ...]  # (question, mean of its numeric answers)
    observation_within: str  # as written in the program's `observation.within` (default: 60 days)
    part_of: dict[str, str]  # each of the program's sessions' part, by session id (Project.part_of)
    held: dict[str, frozenset[str]]  # each cohort's parts whose every run it has had (_held_parts)
    attendance_shown: bool  # the program has parts, or sessions not cancelled: attendance to show

    @property
    def learners(self) -> tuple[LearnerProgress, ...]:
        """Each learner's standing, by learner id: made when first asked for (the pages of learners'
        rows), the progress kept as its groups until then (and in the build's cache)."""
        return self.progress.learners

    @property
    def on_target(self) -> bool | None:
        """Whether completion by the due date meets the target; None without a target or a rate."""
        rate = self.total.on_time.percent
        return None if self.target is None or rate is None else rate >= self.target

    def missed(self, p: LearnerProgress) -> tuple[str, ...]:
        """The parts ``p`` still needs (``p.missing``) that they have had: a sheet marks them at a
        run of it (absent, excused, left off when expected), or their cohort has runs of it (not
        cancelled) and every one is had: its sheet in, or the run over and its sheet due
        (:func:`.followups.sheet_due`, when a sheet not taken is a follow-up); in the program's
        order. The others are still to attend: a run of them is ahead, or just over with its sheet
        on its way, or the cohort has no run of it (a learner may come to another cohort's)."""
        return _missed(p, self.part_of, self.held)


def program_status(project: Project, records: Records, progress: ProgramProgress) -> ProgramStatus:
    slug = progress.program
    program = project.programs[slug].data
    groups = progress.groups
    parts = tuple(program.parts or ())
    in_order = sorted(project.sessions_of(slug), key=lambda s: (s.start_utc, s.id))
    part_of = {s.id: project.part_of(s) for s in in_order}
    order = {session_id: n for n, session_id in enumerate(part_of)}
    held = _held_parts(project, records, slug, groups, part_of)
    observed = _observation_days(records, slug)
    has_assessment = program.assessment is not None
    today = project.today

    within = program.observation.within if program.observation is not None else None

    def window_end(completed: date) -> date:
        return within.after(completed) if within is not None else completed + OBSERVATION_WITHIN

    def cohort(name: str, members: list[Alike], total: bool = False) -> CohortStatus:
        shown = parts or (() if total else _sessions_needed(members, order))
        return _cohort_status(name, members, (shown, part_of, held), has_assessment, observed, today, window_end)

    # (each group counted as many times as it has learners: a cohort's groups are its learners)
    by_cohort: dict[str, list[Alike]] = {}
    for group in groups:
        by_cohort.setdefault(cohort_key(group[0].cohort), []).append(group)
    # (a cohort's first group holds its first learner by id: the groups are in their first learner's order)
    cohorts = [cohort(members[0][0].cohort or "no cohort", members) for members in by_cohort.values()]
    cohorts.sort(key=lambda c: (c.first is None, c.first or date.min, c.name.casefold()))
    scored = [(same, len(ids)) for same, ids in groups if same.best_score is not None]
    target = program.completion.target if program.completion is not None else None
    return ProgramStatus(
        program=slug,
        total=cohort("All cohorts", list(groups), total=True),
        cohorts=tuple(cohorts),
        progress=progress,
        parts=parts,
        target=target,
        pass_rate=_rate(scored, lambda p: p.passed is True) if has_assessment else None,
        scores=spread_of([p.best_score for p, n in scored for _ in range(n) if p.best_score is not None])
        if has_assessment
        else None,
        feedback=_feedback(project, records, slug),
        observation_within=str(within) if within is not None else f"{OBSERVATION_WITHIN.days} days",
        part_of=part_of,
        held=held,
        attendance_shown=bool(parts) or any(s.status != "cancelled" for s in in_order),
    )


def _sessions_needed(members: list[Alike], order: dict[str, int]) -> tuple[str, ...]:
    """In a program without parts: the sessions the learners ``members`` need (each its own part),
    in time order (``order``: each session's place; one no longer in the schedule goes last)."""
    needed = {part for p, _ in members for part in (*p.attended, *p.missing)}
    return tuple(sorted(needed, key=lambda part: (order.get(part, len(order)), part)))


def _observation_days(records: Records, slug: str) -> dict[str, list[date]]:
    days: dict[str, list[date]] = {}
    for row in records.observations.get(slug, ()):
        days.setdefault(row.learner, []).append(row.date)
    return days


def _rate(weighted: list[tuple[LearnerProgress, int]], counts: Callable[[LearnerProgress], bool]) -> Rate:
    """Of the learners (a standing and how many stand so), those whose standing ``counts``."""
    return Rate(sum(n for p, n in weighted if counts(p)), sum(n for _, n in weighted))


def _cohort_status(
    name: str,
    members: list[Alike],
    parts_of: tuple[tuple[str, ...], dict[str, str], dict[str, frozenset[str]]],
    has_assessment: bool,
    observed: dict[str, list[date]],
    today: date,
    window_end: Callable[[date], date],
) -> CohortStatus:
    parts, part_of, held = parts_of
    weighted = [(p, len(ids)) for p, ids in members]
    # (each standing's missed parts worked out once, not once a part)
    missed = [(p, n, _missed(p, part_of, held)) for p, n in weighted]
    n = sum(count for _, count in weighted)
    sessions = sum(len(p.sessions) * count for p, count in weighted)
    attended = sum(sum(status in ATTENDED_STATUSES for _, status in p.sessions) * count for p, count in weighted)
    due = [(p, count) for p, count in weighted if p.due is not None and (p.due < today or p.completed)]
    # A completer counts once their window has closed, or sooner when they were observed within it.
    seen_in_window = closed = 0
    for p, ids in members:
        if p.completed_on is None:
            continue
        start, end = p.completed_on, window_end(p.completed_on)
        for learner in ids:  # (observations are each learner's own)
            seen = any(start <= day <= end for day in observed.get(learner, ()))
            if seen or end < today:
                seen_in_window += seen
                closed += 1
    firsts = [p.first_session for p, _ in members if p.first_session is not None]
    return CohortStatus(
        name=name,
        first=min(firsts, default=None),
        enrolled=n,
        parts=_part_rates(missed, parts),
        attended_all=Rate(
            sum(n for p, n, gone in missed if not gone and p.attended),
            sum(n for p, n, gone in missed if gone or p.attended),
        ),
        passed=_rate(weighted, lambda p: p.passed is True) if has_assessment else None,
        completed=_rate(weighted, lambda p: p.completed),
        late=_rate(weighted, lambda p: p.late),
        waived=_rate(weighted, lambda p: p.waived is not None),
        attendance=Rate(attended, sessions),
        on_time=_rate(due, lambda p: p.completed and not p.late),
        observed=Rate(seen_in_window, closed),
    )


def _part_rates(
    standings: list[tuple[LearnerProgress, int, tuple[str, ...]]], parts: tuple[str, ...]
) -> tuple[tuple[str, Rate], ...]:
    """Each part's learners who attended it, of those who need it and have had it: attended it, or
    missed it (:meth:`ProgramStatus.missed`). In a program without parts, a session is needed by
    its cohort's learners only. A learner whose run is ahead has missed nothing: "0 of 20" for next
    month's session would read as a session nobody came to. (Counted a standing at a time, not a
    part at a time: a row of walk-ins has a part for every session they came to.)"""
    attended: Counter[str] = Counter()
    had: Counter[str] = Counter()
    for p, n, gone in standings:
        for part in p.attended:
            attended[part] += n
            had[part] += n
        for part in gone:
            had[part] += n
    return tuple((part, Rate(attended[part], had[part])) for part in parts)


def _missed(p: LearnerProgress, part_of: dict[str, str], held: dict[str, frozenset[str]]) -> tuple[str, ...]:
    """:meth:`ProgramStatus.missed`."""
    if not p.missing:
        return ()
    cohort_had = held.get(p.cohort, frozenset())
    marked = {part_of.get(session_id, session_id) for session_id, _ in p.sessions}
    return tuple(part for part in p.missing if part in cohort_had or part in marked)


def _held_parts(
    project: Project, records: Records, slug: str, groups: tuple[Alike, ...], part_of: dict[str, str]
) -> dict[str, frozenset[str]]:
    """Each cohort of the learners: the parts it has runs of (not cancelled), every one had: its
    sheet in, or the run over and its sheet due (:func:`.followups.sheet_due`). A part with a run
    ahead is still to attend for those the sheets do not mark: a learner of a cohort with three
    runs of day 1 may come to the last. (Equal sets are shared: in a program with parts, thousands
    of cohorts have a handful.)"""
    cohorts, today = ProgramCohorts(project, slug), project.today
    shared: dict[frozenset[str], frozenset[str]] = {}
    held: dict[str, frozenset[str]] = {}
    for p, _ in groups:
        if p.cohort in held:
            continue
        had: set[str] = set()
        ahead: set[str] = set()
        for s in cohorts.sessions(p.cohort) if p.cohort else ():
            (had if sheet_taken(records, s.id) or sheet_due(s, today) else ahead).add(part_of[s.id])
        parts = frozenset(had - ahead)
        held[p.cohort] = shared.setdefault(parts, parts)
    return held


def _feedback(project: Project, records: Records, slug: str) -> tuple[tuple[str, Mean], ...]:
    """Each question's mean over the program's feedback files: its numeric answers only (a
    comment column has none and is left out)."""
    totals: dict[str, list[float]] = {}
    for s in sorted(project.sessions_of(slug), key=lambda s: (s.start_utc, s.id)):
        sheet = records.feedback.get(s.id)
        if sheet is None:
            continue
        for row in sheet.answers:
            for question, answer in zip(sheet.questions, row, strict=False):
                number = _number(answer)
                entry = totals.setdefault(question, [])
                if number is not None:
                    entry.append(number)
    scale = max((v for values in totals.values() for v in values), default=0.0)
    return tuple((q, Mean(sum(values), len(values), scale)) for q, values in totals.items() if values)


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None  # (not NaN or infinity)
