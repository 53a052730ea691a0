"""The rules for the records kept per program (enrolments, assessment results, observations) and
for the exceptions: the program exists, the learners are on the roster, a cohort names sessions,
a score fits the scale and has an assessment to count for, an approver is someone known."""

from __future__ import annotations

from collections.abc import Sequence

from ...model.diagnostics import Diagnostic
from ...model.training_records import MAX_SCORE, AssessmentResult, Enrolment, Observation
from .index import RecordIndex, error, warning

__all__ = ["program_file_diagnostics", "exception_diagnostics"]

ProgramRow = Enrolment | AssessmentResult | Observation

# What each kind of file is called in a message.
_KINDS = {"enrolments": "enrolments", "assessments": "assessment results", "observations": "observations"}


def program_file_diagnostics(index: RecordIndex) -> list[Diagnostic]:
    records = index.records
    found: list[Diagnostic] = []
    files: tuple[tuple[str, dict[str, tuple]], ...] = (
        ("enrolments", records.enrolments),
        ("assessments", records.assessments),
        ("observations", records.observations),
    )
    for kind, by_program in files:
        for program in sorted(by_program):
            rows: Sequence[ProgramRow] = by_program[program]
            if not rows:  # an empty file: nothing in it can be wrong, and no row to say where it is
                continue
            if program not in index.project.programs:
                suggestion = index.near_program.did_you_mean(program)
                message = f"{_KINDS[kind]} for an unknown program '{program}'{suggestion}"
                found.append(error(rows[0].path, 1, "unknown-program", message))
            found += _unknown_learners(index, rows)
    for program in sorted(records.enrolments):
        found += _cohorts(index, program, records.enrolments[program])
    for program in sorted(records.assessments):
        found += _scores(index, program, records.assessments[program])
    for program in sorted(records.observations):
        found += [d for row in records.observations[program] if row.note and (d := _note(index, row))]
    return found


def exception_diagnostics(index: RecordIndex) -> list[Diagnostic]:
    found = []
    people = index.project.people
    for entry in index.records.exceptions:
        if entry.program not in index.project.programs:
            suggestion = index.near_program.did_you_mean(entry.program)
            message = f"exception for an unknown program '{entry.program}'{suggestion}"
            found.append(error(entry.path, entry.line, "unknown-program", message))
        if index.unknown_learner(entry.learner):
            found.append(index.not_in_roster(entry.learner, entry.path, entry.line))
        approver = entry.approved_by
        # Without a roster an approver may be a manager known only by learner id: nothing to say.
        # A missing approver is the reader's error.
        checkable = approver and index.roster_known and index.project.people_loaded
        if checkable and approver not in people and index.unknown_learner(approver):
            suggestion = index.near_person.did_you_mean(approver)
            message = (
                f"approved_by '{approver}' is neither a person in {index.project.settings.people_path} "
                f"nor a learner in the roster{suggestion}"
            )
            found.append(error(entry.path, entry.line, "unknown-approver", message))
    return found


def _unknown_learners(index: RecordIndex, rows: Sequence[ProgramRow]) -> list[Diagnostic]:
    roster = index.records.roster
    if roster is None:
        return []
    return [index.not_in_roster(row.learner, row.path, row.line) for row in rows if row.learner not in roster]


def _cohorts(index: RecordIndex, program: str, rows: Sequence[Enrolment]) -> list[Diagnostic]:
    if program not in index.project.programs:
        return []  # said once for the file
    known = index.cohorts.get(program, frozenset())
    found = []
    for row in rows:
        if row.cohort and row.cohort not in known:
            # A warning: the cohort's sessions may not be in the schedule yet.
            suggestion = index.near_cohort(program).did_you_mean(row.cohort)
            message = (
                f"cohort '{row.cohort}' matches no session of '{program}' "
                f"(neither a session's 'cohort:' nor a session id){suggestion}"
            )
            found.append(warning(row.path, row.line, "unknown-cohort", message))
    return found


def _scores(index: RecordIndex, program: str, rows: Sequence[AssessmentResult]) -> list[Diagnostic]:
    found = []
    record = index.project.programs.get(program)
    if rows and record is not None and record.data.assessment is None:
        message = (
            f"assessment results for '{program}', which has no 'assessment:' "
            f"(add it, with its pass mark, to {record.path})"
        )
        found.append(error(rows[0].path, 1, "no-assessment", message))
    for row in rows:
        if row.score > MAX_SCORE:
            message = f"score {row.score:g} is above the maximum of {MAX_SCORE} (scores are percentages)"
            found.append(error(row.path, row.line, "score-too-high", message))
    return found


def _note(index: RecordIndex, row: Observation) -> Diagnostic | None:
    return index.personal_data.diagnostic(row.note, row.path, row.line)
