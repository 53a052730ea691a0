"""Renewal capacity as a ``check`` warning (``renewal-no-session``): the learners whose
certification is expiring at ``--today`` (inside its ``renew_within``) who have no seat in a session
of the renewal program before their certification expires (:mod:`trainops.plan.renewal_seats`), at
the program file's ``certification:`` line. Counts, never ids or names: the learners are on the
coordinator's follow-up pages."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.diagnostics import Diagnostic
from ..model.project import Project
from ..model.training_records import Records
from ..plan.certification import program_certification
from ..plan.renewal_seats import RenewalSeats, renewal_seats

__all__ = ["RULE", "renewal_diagnostics", "renewal_message"]

RULE = "renewal-no-session"


def renewal_diagnostics(project: Project, records: Records, programs: Iterable[str] | None = None) -> list[Diagnostic]:
    """One warning per certified program with learners who cannot renew in time, by program
    (``programs``: of these only; None: of all)."""
    out = []
    for slug in sorted(project.programs if programs is None else programs):
        certification = program_certification(project, records, slug)
        if certification is None:
            continue
        seats = renewal_seats(project, records, certification)
        if seats.without:
            record = project.programs[slug]
            line, column = record.source.locate(("certification",), key=True)
            out.append(Diagnostic(record.path, line, column, "warning", RULE, renewal_message(seats)))
    return out


def renewal_message(seats: RenewalSeats) -> str:
    """``12 learners expire by 2027-03-01; no compliance-refresher session with seats in their
    window`` (and how many others of the program's expiring learners have a seat)."""
    n = len(seats.without)
    last = max(c.expires for c in seats.without if c.expires is not None)
    who = f"{n:,} {'learner expires' if n == 1 else 'learners expire'} by {last.isoformat()}"
    message = f"{who}; no {seats.renewal} session with seats in their window"
    if seats.seat:
        others = len(seats.seat)
        message += f" ({others:,} other expiring {'learner has' if others == 1 else 'learners have'} one)"
    return message
