"""The attendance folder: one sign-in sheet per session, ``<records_dir>/attendance/<YYYY>/<session-id>.csv``.

One file is one session's sheet (one pull request), filed under the year the session starts in,
so that a year's records can be found, reviewed and pruned together. A file anywhere else is not
read: the error names where it belongs.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

from ...model.training_records import AttendanceSheet
from .files import read_attendance
from .reader import RecordsReader

__all__ = ["load_attendance"]

_YEAR = re.compile(r"^\d{4}$")


def load_attendance(
    reader: RecordsReader, folder: Path, rel: str, years: dict[str, int], into: dict[str, AttendanceSheet]
) -> None:
    """Every sheet below ``folder`` (the repository path ``rel``) into ``into``, by session id.
    ``years``: the year each known session starts in, to tell a sheet filed under the wrong year."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        parts = path.relative_to(folder).parts
        repo_path = f"{rel}/{'/'.join(parts)}"
        session_id = Path(parts[-1]).stem
        year = years.get(session_id)
        right_place = f"{rel}/{year or 'YYYY'}/{session_id}.csv"
        if path.suffix != ".csv" or len(parts) != 2 or not _YEAR.match(parts[0]):
            where = f"move it to {right_place}" if path.suffix == ".csv" else f"a sheet is {rel}/<YYYY>/<id>.csv"
            message = f"an attendance file belongs in its session's year folder; {where}"
            reader.error(repo_path, "records-file-place", message)
            continue
        if year is not None and int(parts[0]) != year:
            message = f"session '{session_id}' is in {year}, so its sheet belongs in {right_place}; move it there"
            reader.error(repo_path, "records-file-place", message)  # (and read: flagged, not lost)
        rows = reader.parsed("records-attendance", repo_path, partial(read_attendance, session_id, repo_path))
        if rows is not None:
            into[session_id] = AttendanceSheet(session_id, int(parts[0]), repo_path, rows)
