"""What an import from another system adds to the records files: pure, no file is read or written.

``trainops records import KIND FILE`` reads an export (an LMS's attendance report, an HR system's
completion report), renames its columns to trainops' fields (``--map COLUMN=FIELD``) and asks
:func:`plan_import` which rows go into which records file. The answer, an
:class:`~trainops.plan.import_values.ImportPlan`, holds the rows to append per file and the source
rows that could not be placed, one message each.

Running an import twice changes nothing: a row whose record is there already with the same values
is skipped; one that is there with other values is a conflict, listed and never overwritten (a
correction is a reviewed edit of the records file, not a side effect of an import).

A completion report (Workday Learning's kind: one row per learner and course, with a status, a
date and perhaps a score) becomes what trainops keeps, since completion itself is worked out from
attendance and scores, never stored: a learner not yet enrolled gets an enrolment (``withdrawn``
for a dropped one), a row with a score and a date an assessment result, and a waiver an entry of
``exceptions.yaml`` (only with ``--approved-by``: the report does not say who approved it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date

from ..model.project import Project
from ..model.suggest import did_you_mean
from ..model.training_records import (
    ATTENDANCE_STATUSES,
    ENROLMENT_STATUSES,
    EXCEPTION_REASONS,
    MAX_SCORE,
    Records,
    attendance_path,
)
from .import_values import (
    ASSESSMENT_COLUMNS,
    ATTENDANCE_CODES,
    ATTENDANCE_COLUMNS,
    COMPLETION_WORDS,
    ENROLMENT_COLUMNS,
    ImportContext,
    ImportPlan,
    SourceRow,
)

__all__ = ["plan_import"]


def plan_import(
    kind: str,
    rows: Iterable[SourceRow],
    project: Project,
    records: Records,
    records_dir: str,
    values: Mapping[str, str] | None = None,
    approved_by: str = "",
) -> ImportPlan:
    """The rows of an export of ``kind`` placed in the records files under ``records_dir``.

    ``values`` maps more status words or codes to a status (``{"P": "present"}``), case aside; they
    come before the defaults. ``approved_by`` is who approved the waivers of a completions import."""
    defaults = {
        "attendance": {**{s: s for s in ATTENDANCE_STATUSES}, **ATTENDANCE_CODES},
        "enrolments": {s: s for s in ENROLMENT_STATUSES},
        "assessments": {},
        "completions": dict(COMPLETION_WORDS),
    }[kind]
    words = {**defaults, **{k.casefold(): v for k, v in (values or {}).items()}}
    sessions = {s.id: s for s in project.sessions}
    context = ImportContext(project, records, records_dir.strip("/"), words, approved_by, sessions)
    place: Callable[[ImportContext, SourceRow], None] = _PLACERS[kind]
    for row in rows:
        place(context, row)
    return context.plan


def _place_attendance(context: ImportContext, row: SourceRow) -> None:
    session_id = row.get("session")
    session = context.sessions.get(session_id)
    if session is None:
        if session_id:
            context.unmatched(row, f"unknown session '{session_id}'{did_you_mean(session_id, context.sessions)}")
        else:
            context.unmatched(row, "no session id")
        return
    if session.start.date() > context.project.today:
        context.unmatched(row, f"session '{session_id}' has not happened yet (it starts {session.start.date()})")
        return
    learner, status = context.learner(row), context.status(row, ATTENDANCE_STATUSES)
    minutes = row.get("minutes")
    if minutes and not minutes.isdigit():
        context.unmatched(row, f"minutes '{minutes}' is not a whole number")
        return
    if learner is None or status is None:
        return
    sheet = context.records.attendance.get(session_id)
    existing = {a.learner: a.status for a in sheet.rows} if sheet else {}
    key = ("attendance", session_id, learner)
    if context.known(context.seen.get(key, existing.get(learner)), status, row, f"session '{session_id}'"):
        return
    context.seen[key] = status
    path = sheet.path if sheet else attendance_path(context.records_dir, session)
    context.plan.add(path, ATTENDANCE_COLUMNS, (learner, status, minutes, row.get("note")))


def _place_enrolment(context: ImportContext, row: SourceRow) -> None:
    slug, learner, status = context.program(row), context.learner(row), context.status(row, ENROLMENT_STATUSES)
    day = _day(context, row, required=False)
    if slug is None or learner is None or status is None or day is None:
        return
    _enrol(context, row, slug, learner, status, row.get("cohort"), day)


def _enrol(context: ImportContext, row: SourceRow, slug: str, learner: str, status: str, cohort: str, day: str) -> None:
    existing = {e.learner: e.status for e in context.records.enrolments.get(slug, ())}
    key = ("enrolment", slug, learner)
    if context.known(context.seen.get(key, existing.get(learner)), status, row, f"the enrolment in '{slug}'"):
        return
    context.seen[key] = status
    path = f"{context.records_dir}/enrolments/{slug}.csv"
    context.plan.add(path, ENROLMENT_COLUMNS, (learner, cohort, status, day))


def _place_assessment(context: ImportContext, row: SourceRow) -> None:
    slug, learner = context.program(row), context.learner(row)
    day, score = _day(context, row, required=True), _score(context, row)
    attempt = row.get("attempt")
    if attempt and not attempt.isdigit():
        context.unmatched(row, f"attempt '{attempt}' is not a whole number")
        return
    if slug is None or learner is None or not day or score is None:
        return
    _add_result(context, row, slug, learner, day, score, attempt)


def _add_result(
    context: ImportContext, row: SourceRow, slug: str, learner: str, day: str, score: str, attempt: str
) -> None:
    results = [r for r in context.records.assessments.get(slug, ()) if r.learner == learner]
    attempts = [r.attempt for r in results]
    recorded = {(r.date.isoformat(), _number(r.score)) for r in results}
    planned = context.seen.setdefault(("assessment", slug, learner), set())
    if (day, score) in recorded or (day, score) in planned:
        context.plan.already_there += 1
        return
    planned.add((day, score))
    attempt = attempt or str(max(attempts, default=0) + len(planned))
    path = f"{context.records_dir}/assessments/{slug}.csv"
    context.plan.add(path, ASSESSMENT_COLUMNS, (learner, day, attempt, score))


def _place_completion(context: ImportContext, row: SourceRow) -> None:
    slug, learner, outcome = context.program(row), context.learner(row), context.status(row, ())
    day, score = _day(context, row, required=False), _score(context, row) if row.get("score") else ""
    if slug is None or learner is None or outcome is None or day is None or score is None:
        return
    enrolled = any(e.learner == learner for e in context.records.enrolments.get(slug, ()))
    if outcome == "withdrawn" or not (enrolled or ("enrolment", slug, learner) in context.seen):
        _enrol(context, row, slug, learner, "withdrawn" if outcome == "withdrawn" else "enrolled", "", "")
    if score and day:
        _add_result(context, row, slug, learner, day, score, "")
    if outcome == "waived":
        _waive(context, row, slug, learner)


def _waive(context: ImportContext, row: SourceRow, slug: str, learner: str) -> None:
    if any(e.learner == learner and e.program == slug and e.kind == "waived" for e in context.records.exceptions):
        context.plan.already_there += 1
        return
    if ("waiver", slug, learner) in context.seen:
        return
    if not context.approved_by:
        context.unmatched(row, "a waiver, but the export does not say who approved it: give --approved-by PERSON")
        return
    word = row.get("status").casefold()
    reason = row.get("reason").casefold()
    if reason not in EXCEPTION_REASONS:
        reason = "equivalent" if "equivalen" in word else "administrative"
    context.seen[("waiver", slug, learner)] = "waived"
    entry = {"learner": learner, "program": slug, "kind": "waived", "reason": reason}
    # JSON strings are YAML flow scalars: an employee number such as 00123 stays a string.
    fields = ", ".join(f"{key}: {json.dumps(value)}" for key, value in entry.items())
    context.plan.exceptions.append(f"- {{{fields}, approved_by: {json.dumps(context.approved_by)}}}")


def _day(context: ImportContext, row: SourceRow, required: bool) -> str | None:
    """The row's date as ISO ``YYYY-MM-DD`` ("" when absent and not required), None when wrong.
    A date-time keeps its date: exports often add a time nobody needs here."""
    text = row.get("date")
    if not text:
        if required:
            context.unmatched(row, "no date")
            return None
        return ""
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        context.unmatched(row, f"date '{text}' is not a date like 2026-10-06")
        return None


def _score(context: ImportContext, row: SourceRow) -> str | None:
    """The score in percent as written in the records (``85``, ``92.5``), None when not one."""
    text = row.get("score").removesuffix("%").strip()
    try:
        value = float(text)
    except ValueError:
        context.unmatched(row, f"score '{row.get('score')}' is not a number" if text else "no score")
        return None
    if not 0 <= value <= MAX_SCORE:
        context.unmatched(row, f"score {text} is not between 0 and {MAX_SCORE}")
        return None
    return _number(value)


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


_PLACERS: dict[str, Callable[[ImportContext, SourceRow], None]] = {
    "attendance": _place_attendance,
    "enrolments": _place_enrolment,
    "assessments": _place_assessment,
    "completions": _place_completion,
}
