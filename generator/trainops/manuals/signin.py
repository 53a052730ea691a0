"""Sign-in sheets: one PDF for each upcoming in-person session, for the coordinator site at
``sessions/<id>/sign-in.pdf``, rendered by the manuals' cache, workers and fetcher.

A seat a row, and three more for walk-ins; a sheet of up to 20 seats is one page on A4 and on
Letter. A bigger one runs over pages of the same length, each with the session's header: a page
that comes loose still says which session it belongs to.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jinja2 import Environment

from ..model.formats import WALK_INS
from ..model.project import Project, Session
from ..plan import urls
from .html import PrintRun, paper_values
from .jobs import ManualJob, manual_digest

__all__ = [
    "SEATS_WITHOUT_CAPACITY",
    "WALK_INS",
    "ROWS_PER_PAGE",
    "SheetRow",
    "sheet_docs_path",
    "sheet_sessions",
    "sheet_pages",
    "render_sign_in_html",
    "plan_sign_in_sheets",
]

SEATS_WITHOUT_CAPACITY = 20  # rows for seats when the session gives no capacity
ROWS_PER_PAGE = 20 + WALK_INS  # what fits one page with the header and the foot, on A4 and Letter


@dataclass(frozen=True)
class SheetRow:
    label: str  # "1" ... for a seat, "W1" ... for a walk-in
    walk_in: bool = False


def sheet_docs_path(session: Session) -> str:
    return urls.sign_in_sheet(session.id)


def sheet_sessions(project: Project, program: str | None = None) -> list[Session]:
    """The sessions that get a sign-in sheet: upcoming, in a room, not cancelled."""
    return [s for s in project.running_sessions(program) if s.in_person]


def sheet_pages(capacity: int | None) -> list[list[SheetRow]]:
    """The rows of a sheet, page by page, spread evenly (21 seats: 12 and 12 rows, not 23 and 1)."""
    seats = capacity or SEATS_WITHOUT_CAPACITY
    rows = [SheetRow(str(n)) for n in range(1, seats + 1)]
    rows += [SheetRow(f"W{n}", walk_in=True) for n in range(1, WALK_INS + 1)]
    pages = math.ceil(len(rows) / ROWS_PER_PAGE)
    size = math.ceil(len(rows) / pages)
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def render_sign_in_html(project: Project, session: Session, env: Environment, css: str, run: PrintRun) -> str:
    record = project.programs[session.program]
    program = record.data
    feedback = program.feedback.form if program.feedback else None
    return env.get_template("trainops/sign-in.html").render(
        **paper_values(project, run),
        program=program,
        session=session,
        css=css,
        instructor=project.person_name(session.entry.instructor) if session.entry.instructor else "",
        pages=sheet_pages(session.entry.capacity),
        walk_ins=WALK_INS,
        feedback=str(feedback) if feedback else None,
        record_in=program.completion.record_in if program.completion else None,
    )


def plan_sign_in_sheets(project: Project, env: Environment, css: str, run: PrintRun) -> list[ManualJob]:
    jobs = []
    for session in sheet_sessions(project):
        html = render_sign_in_html(project, session, env, css, run)
        jobs.append(ManualJob(sheet_docs_path(session), html, manual_digest(html)))
    return jobs
