"""The rules for the records kept per program (enrolments, assessment results, observations) and
for the exceptions: the program exists, the learners are on the roster, a cohort names sessions,
a score fits the scale and has an assessment to count for, an approver is someone known."""

from __future__ import annotations

from collections.abc import Sequence

from ...model.diagnostics import Diagnostic
from ...model.training_records import AssessmentResult, Enrolment, Observation, cohort_key
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
    for entry in index.records.exceptions:
        if entry.program not in index.project.programs:
            suggestion = index.near_program.did_you_mean(entry.program)
            message = f"exception for an unknown program '{entry.program}'{suggestion}"
            found.append(error(entry.path, entry.line, "unknown-program", message))
        if index.unknown_learner(entry.learner):
            found.append(index.not_in_roster(entry.learner, entry.path, entry.line))
        found += _unknown_approver(index, entry.approved_by, entry.path, entry.line)
    for correction in index.records.corrections:  # (records/corrections.yaml: approved the same way)
        found += _unknown_approver(index, correction.approved_by, correction.path, correction.line)
    return found


def _unknown_approver(index: RecordIndex, approver: str, path: str, line: int) -> list[Diagnostic]:
    # Without a roster an approver may be a manager known only by learner id: nothing to say.
    # A missing approver is the reader's error.
    checkable = approver and index.roster_known and index.project.people_loaded
    if checkable and approver not in index.project.people and index.unknown_learner(approver):
        suggestion = index.near_person.did_you_mean(approver)
        message = (
            f"approved_by '{approver}' is neither a person in {index.project.settings.people_path} "
            f"nor a learner in the roster{suggestion}"
        )
        return [error(path, line, "unknown-approver", message)]
    return []


def _unknown_learners(index: RecordIndex, rows: Sequence[ProgramRow]) -> list[Diagnostic]:
    roster = index.records.roster
    if roster is None:
        return []
    return [index.not_in_roster(row.learner, row.path, row.line) for row in rows if row.learner not in roster]


def _cohorts(index: RecordIndex, program: str, rows: Sequence[Enrolment]) -> list[Diagnostic]:
    if program not in index.project.programs:
        return []  # said once for the file
    # Compared as the progress and the sign-in sheets compare them: spaces and case aside.
    known = {cohort_key(name) for name in index.cohorts.get(program, frozenset())}
    # (each name once: a program's 1,300 enrolment rows a year name a few dozen cohorts)
    unknown = {name for name in {row.cohort for row in rows} if name and cohort_key(name) not in known}
    found = []
    for row in rows:
        if row.cohort in unknown:
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
    return found


def _note(index: RecordIndex, row: Observation) -> Diagnostic | None:
    return index.personal_data.diagnostic(row.note, row.path, row.line)
