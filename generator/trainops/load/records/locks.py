"""What changed in the records files an auditor sampled (``records/locks.yaml``) since the
commit each lock names: the rows that differ now, each with the commits that changed it. Read
from git (:mod:`.row_history`); the rule that needs a correction for each is
:mod:`trainops.readiness.records.locks`."""

from __future__ import annotations

from pathlib import Path

from ...model.diagnostics import Diagnostic
from ...model.record_audit import RecordLock, RowChange
from ..history import git
from .row_history import changed_rows, files_at, resolve_commit
from .row_keys import LOCK_KINDS, records_kind

__all__ = ["locked_changes"]

RULE = "record-locked"


def locked_changes(
    root: Path, records_dir: str, locks: tuple[RecordLock, ...]
) -> tuple[list[tuple[RecordLock, list[RowChange]]], list[Diagnostic]]:
    """Each lock with the rows of its file changed since its commit; a problem for a lock that
    cannot be checked (a commit or file git does not know), or once for all without a history."""
    if not locks:
        return [], []
    found, problems = [], []
    try:
        state = git.repo_state(root)
        if state.shallow:
            raise git.GitUnavailable("this is a shallow clone, whose history is cut off")
        for lock in locks:
            where = (lock.path, lock.line, 1)
            if records_kind(records_dir, lock.file) not in LOCK_KINDS:
                why = "is not a records CSV file (attendance, enrolments, assessments or observations)"
                problems.append(Diagnostic(*where, "error", RULE, f"{lock.file} {why}, so it cannot be locked"))
                continue
            try:
                commit = resolve_commit(root, lock.commit)
            except git.GitUnavailable:
                message = f"commit {lock.commit} is not in this repository's history, so {lock.file} cannot be checked"
                problems.append(Diagnostic(*where, "error", RULE, message))
                continue
            at_commit = files_at(root, commit, lock.file)
            if lock.file not in at_commit:
                message = f"{lock.file} is not in commit {lock.commit}: name the commit the auditor sampled it at"
                problems.append(Diagnostic(*where, "error", RULE, message))
                continue
            kind = records_kind(records_dir, lock.file) or ""
            found.append((lock, changed_rows(root, commit, {lock.file: kind}, at_commit, state.object_format)))
    except git.GitUnavailable as exc:
        message = f"the locked records files cannot be checked without their history: {exc}"
        return [], [Diagnostic(locks[0].path, 1, 1, "warning", RULE, message)]
    return found, problems
