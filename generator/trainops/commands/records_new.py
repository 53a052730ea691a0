"""``trainops records new SESSION-ID``: the attendance file of a session, ready to be typed in from
its sign-in sheet, at ``<records_dir>/attendance/<YYYY>/<session-id>.csv`` (the year the session
starts in, in its own zone).

A line per learner enrolled in the session's cohort or run, by id, with the status blank; or,
with no one enrolled, the sheet's numbered lines ('#1'..., then the walk-ins '#W1'...) to type the
ids over. Either way in the order the printed sheet has them
(:mod:`trainops.plan.sign_in_lines`). An existing file is never replaced: it may hold attendance.
"""

from __future__ import annotations

import contextlib
import csv
import sys
from datetime import date
from pathlib import Path

from ..load.loading import load_project
from ..load.records import load_records
from ..load.settings import cache_keeps_out_of, read_settings
from ..model.diagnostics import format_diagnostics, sort_diagnostics
from ..model.errors import EXIT_OK, TrainopsError
from ..model.project import Project, Session
from ..model.record_formats import AttendanceRow, all_columns
from ..model.suggest import NearestId
from ..model.training_records import attendance_path
from ..plan.sign_in_lines import attendance_lines, session_learners
from ..store.cache import data_cache
from ..store.paths import is_inside
from .check import Quiet

__all__ = ["write_attendance_file"]


def write_attendance_file(
    root: Path,
    today: date,
    session_id: str,
    roster_env: str | None = None,
    loading: Quiet = contextlib.nullcontext,
) -> int:
    """Write the file, print its path on stdout and what it holds on stderr."""
    settings, _ = read_settings(root)
    cache = data_cache(root, cache_keeps_out_of(root, settings))
    with loading():
        project, _ = load_project(root, settings, today, cache)
        session = _session(project, session_id)
        rel = attendance_path(settings.records_dir, session)
        if (root / rel).exists():
            raise TrainopsError(f"{rel} exists already and may hold attendance; nothing was written")
        if not (is_inside(root, settings.records_dir) and is_inside(root / settings.records_dir, root / rel)):
            # (a year folder linked elsewhere: the sheet would leave the repository, and check never reads it)
            where = f"outside the records folder {settings.records_dir}"
            raise TrainopsError(f"{rel}: its folder leads {where}; nothing was written")
        records, problems = load_records(root, settings, project, roster_env, cache)
    enrolments = f"{settings.records_dir.strip('/')}/enrolments/{session.program}.csv"
    broken = [d for d in problems if d.severity == "error" and d.path == enrolments]
    if broken:
        # A row left out of the enrolments would be a learner missing from the sheet.
        sys.stdout.write(format_diagnostics(sort_diagnostics(broken)))
        raise TrainopsError(f"{enrolments} has errors (listed above); {rel} was not written")
    learners = session_learners(project, records, [session])[session.id]
    lines = attendance_lines(session.entry.capacity, learners)
    _create(root, rel, lines)
    print(rel)
    if learners:
        said = f"{len(learners)} enrolled {'learner' if len(learners) == 1 else 'learners'}, status blank"
    else:
        said = f"no one enrolled: {len(lines)} numbered lines as on the sign-in sheet ('#1'...), to type the ids over"
    print(f"trainops: wrote {rel} for {session.id} ({said})", file=sys.stderr)
    return EXIT_OK


def _session(project: Project, session_id: str) -> Session:
    sessions = {s.id: s for s in project.sessions}
    session = sessions.get(session_id)
    if session is None:
        suggestion = NearestId(sessions).did_you_mean(session_id)
        raise TrainopsError(f"no session '{session_id}' in the schedule{suggestion}")
    if session.status == "cancelled":
        raise TrainopsError(
            f"session '{session_id}' is cancelled in the schedule, so it has no attendance to record; "
            "nothing was written"
        )
    return session


def _create(root: Path, rel: str, learners: list[str]) -> None:
    """The file with its header and a row per learner cell, created only if it does not exist
    (mode "x": a file another process wrote meanwhile is not replaced either)."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = all_columns(AttendanceRow)  # learner,status,minutes,note
    try:
        with open(path, "x", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows([learner] + [""] * (len(columns) - 1) for learner in learners)
    except FileExistsError:
        raise TrainopsError(f"{rel} exists already and may hold attendance; nothing was written") from None
