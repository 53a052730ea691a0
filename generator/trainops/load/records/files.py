"""Each kind of records file read from its text: pure functions, so their results can be cached by
the file's bytes. Every function returns ``(values, diagnostics)``; a row with a problem gave a
diagnostic and is left out.
"""

from __future__ import annotations

import sys
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ...model.diagnostics import Diagnostic
from ...model.record_formats import (
    AssessmentRow,
    AttendanceRow,
    EnrolmentRow,
    ExceptionEntry,
    ObservationRow,
    RosterRow,
)
from ...model.training_records import (
    FEEDBACK_FORBIDDEN_COLUMNS,
    UNFILLED_LINE,
    AssessmentResult,
    Attendance,
    Enrolment,
    FeedbackSheet,
    Learner,
    Observation,
    RecordException,
)
from ..validation import error_diagnostic
from ..yamlsource import YamlError, load_yaml_text
from .clean_files import clean_attendance, clean_enrolments
from .csv_rows import CsvFile, cell_column, known_columns, read_csv, validate_rows

__all__ = [
    "read_roster",
    "read_enrolments",
    "read_attendance",
    "read_assessments",
    "read_observations",
    "read_feedback",
    "read_exceptions",
]

Result = tuple[tuple[Any, ...], list[Diagnostic]]


def _rows(path: str, text: str, row_type: type) -> tuple[CsvFile, list[tuple[int, dict[str, Any]]]]:
    columns, required = known_columns(row_type)
    out = read_csv(path, text, columns, required)
    return out, validate_rows(out, row_type) if out.ok else []


def _once(out: CsvFile, rows: list[tuple[int, dict[str, Any]]], what: str) -> list[tuple[int, dict[str, Any]]]:
    """The rows of a learner met for the first time; a diagnostic for each later one."""
    first: dict[str, int] = {}
    kept = []
    for line, row in rows:
        learner = row["learner"]
        if learner in first:
            col = cell_column(out.text, line, out.header.index("learner"))
            message = f"learner '{learner}' is in {what} twice (first at line {first[learner]}); keep one row"
            out.error(line, col, "duplicate-learner", message)
            continue
        first[learner] = line
        kept.append((line, row))
    return kept


def read_roster(path: str, text: str) -> Result:
    out, rows = _rows(path, text, RosterRow)
    learners = tuple(
        Learner(
            r["learner"],
            r["name"],
            r.get("email", ""),
            r.get("manager", ""),
            r.get("unit", ""),
            r.get("location", ""),
            path,
            line,
        )
        for line, r in _once(out, rows, "the roster")
    )
    return learners, out.diagnostics


def read_enrolments(program: str, path: str, text: str) -> Result:
    clean = clean_enrolments(program, path, text)
    if clean is not None:
        return clean, []
    out, rows = _rows(path, text, EnrolmentRow)
    seen: dict[tuple[str, str], int] = {}
    kept = []
    for line, r in rows:
        key = (r["learner"], r.get("cohort", ""))
        if key in seen:
            col = cell_column(out.text, line, out.header.index("learner"))
            cohort = f" for cohort '{key[1]}'" if key[1] else ""
            message = f"learner '{key[0]}' is enrolled{cohort} twice (first at line {seen[key]}); keep one row"
            out.error(line, col, "duplicate-learner", message)
            continue
        seen[key] = line
        # (interned: a five-year organisation has 2,000,000 rows and 10,000 learners, a few statuses)
        learner, cohort, status = sys.intern(r["learner"]), sys.intern(r.get("cohort", "")), sys.intern(r["status"])
        kept.append(Enrolment(program, learner, cohort, status, r.get("date"), path, line))
    return tuple(kept), out.diagnostics


def read_attendance(session_id: str, path: str, text: str) -> Result:
    clean = clean_attendance(session_id, path, text)
    if clean is not None:
        return clean, []
    out, rows = _rows(path, text, AttendanceRow)
    return tuple(
        Attendance(
            session_id,
            sys.intern(r["learner"]),
            sys.intern(r.get("status", "")),
            r.get("minutes"),
            r.get("note", ""),
            path,
            line,
        )
        for line, r in _once(out, _signed_lines(out, rows), "this sign-in sheet")
    ), out.diagnostics


def _signed_lines(out: CsvFile, rows: list[tuple[int, dict[str, Any]]]) -> list[tuple[int, dict[str, Any]]]:
    """The rows without the sheet's unfilled lines ('#3' and nothing else: see
    :data:`~trainops.model.training_records.UNFILLED_LINE`); a diagnostic for an unfilled line that
    has a status, minutes or a note, which belong to a learner whose id is missing."""
    kept = []
    for line, row in rows:
        learner = row["learner"]
        if learner[0] != "#" or not UNFILLED_LINE.fullmatch(learner):
            kept.append((line, row))
        elif len(row) > 1:
            col = cell_column(out.text, line, out.header.index("learner"))
            message = (
                f"line {learner} of the sign-in sheet has a {'status' if 'status' in row else 'value'} but no "
                f"learner: write the learner's id in place of '{learner}'"
            )
            out.error(line, col, "unfilled-line", message)
    return kept


def read_assessments(program: str, path: str, text: str) -> Result:
    out, rows = _rows(path, text, AssessmentRow)
    results = tuple(
        AssessmentResult(program, r["learner"], r["date"], r.get("attempt", 1), r["score"], path, line)
        for line, r in rows
    )
    return results, out.diagnostics


def read_observations(program: str, path: str, text: str) -> Result:
    out, rows = _rows(path, text, ObservationRow)
    observations = tuple(
        Observation(program, r["learner"], r["date"], r["observer"], r.get("rating"), r.get("note", ""), path, line)
        for line, r in rows
    )
    return observations, out.diagnostics


def read_feedback(session_id: str, path: str, text: str) -> tuple[FeedbackSheet | None, list[Diagnostic]]:
    """An anonymous feedback file: any questions, but never a column that names who answered (then
    the file is not read at all, so nothing in it reaches a page)."""
    out = read_csv(path, text, None)
    if not out.ok:
        return None, out.diagnostics
    forbidden = [(i, name) for i, name in enumerate(out.header) if name.strip().lower() in FEEDBACK_FORBIDDEN_COLUMNS]
    for index, name in forbidden:
        out.error(
            out.header_line,
            cell_column(out.text, out.header_line, index),
            "feedback-not-anonymous",
            f"feedback is anonymous: column '{name}' would say who answered; remove the column "
            "(the file is not read until then)",
        )
    if forbidden:
        return None, out.diagnostics
    questions = tuple(out.header)
    answers = tuple(tuple(cells.get(q, "") for q in questions) for _, cells in out.rows)
    return FeedbackSheet(session_id, questions, answers, path, out.header_line), out.diagnostics


_EXCEPTION = TypeAdapter(ExceptionEntry)


def read_exceptions(path: str, text: str) -> Result:
    """``records/exceptions.yaml``: a list of entries, each with its kind, reason and approver."""
    try:
        loaded = load_yaml_text(text, path)
    except YamlError as exc:
        return (), [exc.diagnostic]
    data, source = loaded.data, loaded.source
    if data is None:
        return (), []
    if not isinstance(data, list):
        message = "exceptions.yaml is a list: one '- learner: ...' entry per exception"
        return (), [Diagnostic(path, 1, 1, "error", "file-shape", message)]
    found, diagnostics = [], []
    for index, item in enumerate(data):
        try:
            entry = _EXCEPTION.validate_python(item)
        except ValidationError as exc:
            for err in exc.errors():
                if err["type"] == "missing" and tuple(err["loc"]) == ("approved_by",):
                    line, col = source.locate((index,))
                    message = (
                        "an exception needs 'approved_by': who approved it (a people.yaml id); "
                        "an exception nobody approved does not count"
                    )
                    diagnostics.append(Diagnostic(path, line, col, "error", "missing-approval", message))
                else:
                    diagnostics.append(error_diagnostic(ExceptionEntry, err, source, item, (index,)))
            continue
        line = source.locate((index,))[0]
        found.append(
            RecordException(
                entry["learner"],
                entry["program"],
                entry["kind"],
                entry["reason"],
                entry["approved_by"],
                entry.get("until"),
                path,
                line,
            )
        )
    return tuple(found), diagnostics
