"""The audit locks' rule: a row of a sampled file changed since the sample needs a correction.

``records/locks.yaml`` names a records file and the commit an auditor sampled it at; every commit
that changed one of its rows since then must be named, with its reason and approver, in
``records/corrections.yaml``. A change not yet committed has no commit to name: it is an error
until it is committed and corrected. Rule id: record-locked, at the changed row's line (a removed
row at the file's first line)."""

from __future__ import annotations

from ...model.changes import SHORT
from ...model.diagnostics import Diagnostic
from ...model.record_audit import UNCOMMITTED, RecordCorrection, RecordLock, RowChange, same_commit

__all__ = ["locked_row_diagnostics"]

RULE = "record-locked"


def locked_row_diagnostics(
    locked: list[tuple[RecordLock, list[RowChange]]], corrections: tuple[RecordCorrection, ...]
) -> list[Diagnostic]:
    """One error per changed row of a locked file whose change has no correction."""
    out = []
    for lock, rows in locked:
        sample = f"commit {lock.commit}" + (f", {lock.note}" if lock.note else "")
        for row in rows:
            missing = [(c, a) for c, a in row.changes if not _corrected(corrections, row.file, c)]
            if not missing:
                continue
            commit, author = missing[-1]
            what = f"row {row.key} ({_change(row)}) was sampled by an audit ({sample}, {lock.path}:{lock.line})"
            if commit == UNCOMMITTED:
                fix = "commit the change, then name that commit with a reason in records/corrections.yaml"
                message = f"{what} and is changed in the working tree; {fix}"
            else:
                by = f"commit {commit[:SHORT]}" + (f" by {author}" if author else "")
                fix = (
                    f"add '- {{file: {row.file}, commit: {commit[:SHORT]}, reason: ..., approved_by: ...}}' "
                    "to records/corrections.yaml, or undo the change"
                )
                message = f"{what} and changed by {by} without a correction; {fix}"
            line = row.line if row.new else 1
            out.append(Diagnostic(row.file, line, 1, "error", RULE, message))
    return out


def _corrected(corrections: tuple[RecordCorrection, ...], file: str, commit: str) -> bool:
    return commit != UNCOMMITTED and any(c.file == file and same_commit(c.commit, commit) for c in corrections)


def _change(row: RowChange) -> str:
    if not row.old:
        return f"added: {row.new}"
    if not row.new:
        return f"removed: was {row.old}"
    return f"{row.old} → {row.new}"
