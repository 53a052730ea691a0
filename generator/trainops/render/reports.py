"""The files of ``trainops report``: each manager's report (HTML from the template
``trainops/manager-report.html``, and CSV), the learners' transcripts and the follow-up list.

Every CSV row ends with ``as_of`` and ``describes`` (the commit), so a row copied out of its file
still says when it was true. Rows are sorted; nothing but the as-of day and the commit is dated.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from jinja2 import Environment

from ..model.training_records import Records
from ..plan.followups import FollowUp
from ..plan.manager_reports import ManagerReport, ReportBasis
from ..plan.transcripts import TranscriptRow
from .spreadsheet_csv import spreadsheet_writer

__all__ = [
    "MANAGER_COLUMNS",
    "TRANSCRIPT_COLUMNS",
    "FOLLOW_UP_COLUMNS",
    "manager_csv",
    "manager_html",
    "transcripts_csv",
    "follow_ups_csv",
]

MANAGER_COLUMNS = (
    "manager",
    "learner",
    "name",
    "unit",
    "program",
    "cohort",
    "due",
    "completed",
    "completed_on",
    "passed",
    "late",
    "overdue",
    "waived",
    "missed_sessions",
    "certification",
    "certification_expires",
    "retrain_due",
    "as_of",
    "describes",
)
TRANSCRIPT_COLUMNS = (
    "learner",
    "name",
    "date",
    "kind",
    "program",
    "item",
    "value",
    "detail",
    "source",
    "as_of",
    "describes",
)
FOLLOW_UP_COLUMNS = (
    "program",
    "kind",
    "owner",
    "session",
    "part",
    "learner",
    "name",
    "manager",
    "action",
    "next_runs",
    "as_of",
    "describes",
)


def manager_html(env: Environment, report: ManagerReport, basis: ReportBasis) -> str:
    return env.get_template("trainops/manager-report.html").render(report=report, basis=basis)


def manager_csv(report: ManagerReport, basis: ReportBasis) -> str:
    """One row per person and program; a person with no enrolment has one row with no program."""
    rows = []
    for p in report.people:
        person = (report.manager, p.learner, p.name, p.unit)
        if not p.programs:
            rows.append((*person, *[""] * (len(MANAGER_COLUMNS) - 6)))
        for s in p.programs:
            rows.append(
                (
                    *person,
                    s.program,
                    s.cohort,
                    _day(s.due),
                    _yes(s.completed),
                    _day(s.completed_on),
                    "" if s.passed is None else _yes(s.passed),
                    _yes(s.late),
                    _yes(s.overdue),
                    s.waived,
                    " ".join(s.missed),
                    s.certification,
                    _day(s.certified_until),
                    s.retrain_due,
                )
            )
    return _csv(MANAGER_COLUMNS, [(*row, basis.as_of.isoformat(), basis.describes) for row in rows])


def transcripts_csv(records: Records, rows: Iterable[TranscriptRow], basis: ReportBasis) -> Iterator[str]:
    """The CSV's text in pieces, made as the rows come (millions of rows: never the whole text)."""
    return _csv_pieces(TRANSCRIPT_COLUMNS, _transcript_rows(records, rows, basis))


def _transcript_rows(records: Records, rows: Iterable[TranscriptRow], basis: ReportBasis) -> Iterator[tuple[str, ...]]:
    as_of, describes = basis.as_of.isoformat(), basis.describes
    learner, name = None, ""
    for r in rows:
        if r.learner != learner:  # (the rows come learner by learner: the name looked up once each)
            learner, name = r.learner, _name(records, r.learner)
        day = r.date.isoformat() if r.date else ""
        yield (r.learner, name, day, r.kind, r.program, r.item, r.value, r.detail, r.source, as_of, describes)


def follow_ups_csv(records: Records, items: list[FollowUp], basis: ReportBasis) -> Iterator[str]:
    """One row per follow-up and learner (an item about no learner, such as a sheet nobody was
    expected on, has one row with no learner), in the order of the coordinator site's list; the
    text in pieces, made as they are written."""
    return _csv_pieces(FOLLOW_UP_COLUMNS, _follow_up_rows(records, items, basis))


def _follow_up_rows(records: Records, items: list[FollowUp], basis: ReportBasis) -> Iterator[tuple[str, ...]]:
    as_of = basis.as_of.isoformat()
    roster = records.roster or {}
    for item in items:
        head = (item.program, item.kind, item.owner or "", item.session or "", item.part or "")
        tail = (item.action, " ".join(item.next_runs), as_of, basis.describes)
        for learner in item.learners or ("",):
            person = roster.get(learner) if learner else None
            yield (*head, learner, person.name if person else "", person.manager if person else "", *tail)


def _csv_pieces(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> Iterator[str]:
    """A CSV's text in pieces of :data:`_ROWS_A_PIECE` rows."""
    out = io.StringIO()
    writer = spreadsheet_writer(out, lineterminator="\n")
    writer.writerow(header)
    for n, row in enumerate(rows, start=1):
        writer.writerow(row)
        if n % _ROWS_A_PIECE == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


_ROWS_A_PIECE = 4096


def _name(records: Records, learner: str) -> str:
    """The roster's name: reports are kept off both sites, so they name people."""
    return records.roster[learner].name if learner and records.roster and learner in records.roster else ""


def _csv(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    out = io.StringIO()
    writer = spreadsheet_writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
