"""The lines of a session's sign-in sheet, laid out once for the printed sheet and for the
attendance file ``trainops records new`` writes, so that the file typed from the paper matches it
line for line.

With learners enrolled in the session (its cohort, or the session itself as a run): a line per
learner, by id, then the walk-in lines. Without: a line per seat (the session's capacity, else
:data:`SEATS_WITHOUT_CAPACITY`), then the walk-in lines, each to be filled in by hand; the file
then holds each line's placeholder ('#1', '#W1': :data:`~trainops.model.training_records.UNFILLED_LINE`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model.formats import WALK_INS
from ..model.project import Project, Session
from ..model.training_records import Learner, Records, cohort_key, unfilled_line
from .progress import enrolled_learners

__all__ = [
    "SEATS_WITHOUT_CAPACITY",
    "SheetLearner",
    "SheetLine",
    "sheet_lines",
    "attendance_lines",
    "session_learners",
]

SEATS_WITHOUT_CAPACITY = 20  # lines for seats when the session gives no capacity


@dataclass(frozen=True)
class SheetLearner:
    id: str
    name: str = ""  # the roster's name, only where the setting ops_names allows it on coordinator pages


@dataclass(frozen=True)
class SheetLine:
    label: str  # "1"... a seat or an enrolled learner's line, "W1"... a walk-in
    learner: SheetLearner | None = None  # printed on the line; None: a line to fill in by hand
    walk_in: bool = False

    @property
    def record(self) -> str:
        """The learner cell of this line in the attendance file: the id, or the line's placeholder."""
        return self.learner.id if self.learner else unfilled_line(self.label)


def sheet_lines(capacity: int | None, learners: Sequence[SheetLearner] = ()) -> list[SheetLine]:
    """Every line of the sheet, in order: the learners' (or the seats'), then the walk-ins'."""
    if learners:
        lines = [SheetLine(str(n), learner) for n, learner in enumerate(learners, 1)]
    else:
        lines = [SheetLine(str(n)) for n in range(1, (capacity or SEATS_WITHOUT_CAPACITY) + 1)]
    return lines + [SheetLine(f"W{n}", walk_in=True) for n in range(1, WALK_INS + 1)]


def attendance_lines(capacity: int | None, learners: Sequence[SheetLearner] = ()) -> list[str]:
    """The learner cells of the attendance file of a sheet, in the sheet's order: one per
    enrolled learner (a walk-in is added by hand, under them), or without enrolments the
    placeholder of every line, walk-ins included, to be typed over."""
    lines = sheet_lines(capacity, learners)
    return [line.record for line in lines if not (learners and line.walk_in)]


def session_learners(
    project: Project, records: Records, sessions: Iterable[Session], names: bool = False
) -> dict[str, tuple[SheetLearner, ...]]:
    """For each of ``sessions`` (by id), the learners enrolled in its program (their last row says
    ``enrolled``) whose cohort is the session's id (a run) or its ``cohort:`` (spaces and case
    aside), by learner id. In a program with parts that is every learner of the cohort, whichever
    run of the part they go to. ``names``: the roster's names beside the ids (``ops_names``)."""
    by_program: dict[str, tuple[dict[str, list[str]], dict[str, list[str]]]] = {}
    roster = records.roster if names else None
    found: dict[str, tuple[SheetLearner, ...]] = {}
    for session in sessions:
        if session.program not in by_program:
            exact: dict[str, list[str]] = {}  # cohort as written -> learners (a run's id matches exactly)
            loose: dict[str, list[str]] = {}  # cohort_key(cohort) -> learners
            for enrolment in enrolled_learners(records, session.program):
                if enrolment.cohort:
                    exact.setdefault(enrolment.cohort, []).append(enrolment.learner)
                    loose.setdefault(cohort_key(enrolment.cohort), []).append(enrolment.learner)
            by_program[session.program] = exact, loose
        exact, loose = by_program[session.program]
        ids = set(exact.get(session.id, ()))
        if session.entry.cohort:
            ids.update(loose.get(cohort_key(session.entry.cohort), ()))
        found[session.id] = tuple(SheetLearner(learner, _name(roster, learner)) for learner in sorted(ids))
    return found


def _name(roster: dict[str, Learner] | None, learner: str) -> str:
    return roster[learner].name if roster and learner in roster else ""
