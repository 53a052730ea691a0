"""Sign-in sheets: one PDF for each upcoming in-person session, for the coordinator site at
``sessions/<id>/sign-in.pdf``, rendered by the manuals' cache, workers and fetcher.

A row a seat, and three more for walk-ins; or, when learners are enrolled in the session, a row
for each of them with their id (and their name only with ``ops_names``), in the order of the
attendance file ``trainops records new`` writes (:mod:`trainops.plan.sign_in_lines`). A sheet of up
to 20 rows and the walk-ins is one page on A4 and on Letter. A bigger one runs over pages of the
same length, each with the session's header: a page that comes loose still says which session it
belongs to.

The learners reach this module only as :class:`~trainops.plan.sign_in_lines.SheetLearner` values
handed to :func:`plan_sign_in_sheets` (the coordinator site's build reads the records); the
learner manuals are planned without them. They are in the sheet's HTML, which is what a cached
sheet is keyed by: a new enrolment renders the sheet again.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from jinja2 import Environment

from ..model.formats import WALK_INS
from ..model.project import Project, Session
from ..model.training_records import Records, attendance_path
from ..plan import urls
from ..plan.sign_in_lines import SheetLearner, SheetLine, session_learners, sheet_lines
from .html import PrintRun, paper_values
from .jobs import ManualJob, manual_digest

__all__ = [
    "WALK_INS",
    "ROWS_PER_PAGE",
    "sheet_docs_path",
    "sheet_sessions",
    "sign_in_learners",
    "sheet_pages",
    "render_sign_in_html",
    "plan_sign_in_sheets",
]

ROWS_PER_PAGE = 20 + WALK_INS  # what fits one page with the header and the foot, on A4 and Letter


def sheet_docs_path(session: Session) -> str:
    return urls.sign_in_sheet(session.id)


def sheet_sessions(project: Project, program: str | None = None) -> list[Session]:
    """The sessions that get a sign-in sheet: upcoming, in a room, not cancelled."""
    return [s for s in project.running_sessions(program) if s.in_person]


def sign_in_learners(project: Project, records: Records) -> dict[str, tuple[SheetLearner, ...]]:
    """The learners each sheet lists, by session id; names only with the setting ``ops_names``."""
    return session_learners(project, records, sheet_sessions(project), names=project.settings.ops_names)


def sheet_pages(capacity: int | None, learners: Sequence[SheetLearner] = ()) -> list[list[SheetLine]]:
    """The rows of a sheet, page by page, spread evenly (21 seats: 12 and 12 rows, not 23 and 1)."""
    rows = sheet_lines(capacity, learners)
    pages = math.ceil(len(rows) / ROWS_PER_PAGE)
    size = math.ceil(len(rows) / pages)
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def render_sign_in_html(
    project: Project,
    session: Session,
    env: Environment,
    css: str,
    run: PrintRun,
    learners: Sequence[SheetLearner] = (),
) -> str:
    record = project.programs[session.program]
    program = record.data
    feedback = program.feedback.form if program.feedback else None
    return env.get_template("trainops/sign-in.html").render(
        **paper_values(project, run),
        program=program,
        session=session,
        css=css,
        instructor=project.person_name(session.entry.instructor) if session.entry.instructor else "",
        pages=sheet_pages(session.entry.capacity, learners),
        enrolled=len(learners),
        walk_ins=WALK_INS,
        feedback=str(feedback) if feedback else None,
        record_in=program.completion.record_in if program.completion else None,
        # With learners from the records, the file the sheet is typed into (`trainops records new`).
        records_file=attendance_path(project.settings.records_dir, session) if learners else None,
    )


def plan_sign_in_sheets(
    project: Project,
    env: Environment,
    css: str,
    run: PrintRun,
    learners: Mapping[str, Sequence[SheetLearner]] | None = None,
) -> list[ManualJob]:
    """A job per sheet; ``learners``: by session id, the learners enrolled in it (none: every
    sheet has numbered rows to fill in)."""
    jobs = []
    for session in sheet_sessions(project):
        html = render_sign_in_html(project, session, env, css, run, (learners or {}).get(session.id, ()))
        jobs.append(ManualJob(sheet_docs_path(session), html, manual_digest(html)))
    return jobs
