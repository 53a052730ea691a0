"""``trainops records diff BASE``: one plain line per row of the attendance, enrolment and
assessment files that differs between the commit BASE and the working tree, for the review of a
pull request: "onb-2026-12-01 E1004: absent → excused (commit 3f9c2e1a07, Jane Doe)". Rows are
named by learner id, never by name; nothing is written."""

from __future__ import annotations

import sys
from pathlib import Path

from ..load.history import git
from ..load.records.row_history import changed_rows, files_at, resolve_commit
from ..load.records.row_keys import DIFF_KINDS, records_kind
from ..load.settings import read_settings
from ..model.changes import SHORT
from ..model.errors import EXIT_OK, TrainopsError, UsageError
from ..model.record_audit import UNCOMMITTED, RowChange

__all__ = ["run_diff", "diff_line"]


def run_diff(root: Path, base: str) -> int:
    settings, _ = read_settings(root)
    folder = settings.records_dir.strip("/")
    try:
        state = git.repo_state(root)
        try:
            commit = resolve_commit(root, base)
        except git.GitUnavailable as exc:
            raise UsageError(f"records diff: '{base}' names no commit of this repository ({exc})") from None
        at_base = {p: b for p, b in files_at(root, commit, folder).items() if records_kind(folder, p) in DIFF_KINDS}
        files = {p: kind for p in [*at_base, *_working_files(root, folder)] if (kind := records_kind(folder, p))}
        files = {p: kind for p, kind in files.items() if kind in DIFF_KINDS}
        rows = changed_rows(root, commit, files, at_base, state.object_format)
    except git.GitUnavailable as exc:
        raise TrainopsError(f"records diff {base}: {exc}") from None
    sys.stdout.write("".join(diff_line(files[r.file], r) + "\n" for r in rows))
    return EXIT_OK


def _working_files(root: Path, folder: str) -> list[str]:
    base = root / folder
    if not base.is_dir():
        return []
    found = []
    for path in sorted(base.rglob("*.csv")):
        rel = path.relative_to(root)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            found.append(rel.as_posix())
    return found


def diff_line(kind: str, row: RowChange) -> str:
    """``onb-2026-12-01 E1004: absent → excused (commit 3f9c2e1a07, Jane Doe)``."""
    what = {"attendance": "", "enrolments": " enrolment", "assessments": " assessment"}.get(kind, "")
    if not row.old:
        change = f"added ({row.new})"
    elif not row.new:
        change = f"removed (was {row.old})"
    else:
        change = f"{row.old} → {row.new}"
    commit, author = row.last
    by = "uncommitted" if commit == UNCOMMITTED else f"commit {commit[:SHORT]}, {author or 'unknown author'}"
    return f"{row.subject}{what} {row.key}: {change} ({by})"
