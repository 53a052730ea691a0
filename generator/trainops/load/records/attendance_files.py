"""The attendance folder: one sign-in sheet per session, ``<records_dir>/attendance/<YYYY>/<session-id>.csv``.

One file is one session's sheet (one pull request), filed under the year the session starts in,
so that a year's records can be found, reviewed and pruned together. A file anywhere else is not
read: the error names where it belongs.

A sheet is read from its bytes each time it is wanted, never cached: its rows are checked by
plain code (:mod:`.plain_rows`) in about the time unpickling them took, and a cache of 20,000
sheets a year cost a cold check seconds of pickling and a five-year one hundreds of megabytes of
pickles. A ``check`` whose programs' results are cached does not want them at all
(:mod:`trainops.commands.record_checks`).
"""

from __future__ import annotations

import re
from functools import partial

from ...model.training_records import AttendanceSheet
from .files import read_attendance
from .reader import RecordsReader, stem_and_suffix, work_out

__all__ = ["load_attendance"]

_YEAR = re.compile(r"^\d{4}$")


def load_attendance(
    reader: RecordsReader,
    rel: str,
    years: dict[str, int],
    into: dict[str, AttendanceSheet],
    left_out: set[str] | frozenset[str] = frozenset(),
) -> None:
    """Every sheet below the folder ``rel`` into ``into``, by session id.
    ``years``: the year each known session starts in, to tell a sheet filed under the wrong year;
    ``left_out``: the session ids whose sheets are not read (nor their problems reported)."""
    if not reader.files.is_dir(rel):
        return
    by_year: dict[str, list[tuple[str, str]]] = {}  # year folder -> (repository path, session id)
    files, linked = reader.files.files_below(rel)
    for parts in linked:  # (said, not skipped in silence: the sheets in it would be missing from every count)
        message = "this folder is a symbolic link, which is not followed, so its sheets are not read; move them here"
        reader.error(f"{rel}/{'/'.join(parts)}", "records-file-place", message)
    for parts in files:
        session_id, suffix = stem_and_suffix(parts[-1])
        if session_id in left_out:  # (its place is said with its program's sheets, when they are read)
            continue
        repo_path = f"{rel}/{'/'.join(parts)}"
        year = years.get(session_id)
        right_place = f"{rel}/{year or 'YYYY'}/{session_id}.csv"
        if suffix != ".csv" or len(parts) != 2 or not _YEAR.match(parts[0]):
            where = f"move it to {right_place}" if suffix == ".csv" else f"a sheet is {rel}/<YYYY>/<id>.csv"
            message = f"an attendance file belongs in its session's year folder; {where}"
            reader.error(repo_path, "records-file-place", message)
            continue
        if year is not None and int(parts[0]) != year:
            message = f"session '{session_id}' is in {year}, so its sheet belongs in {right_place}; move it there"
            reader.error(repo_path, "records-file-place", message)  # (and read: flagged, not lost)
        by_year.setdefault(parts[0], []).append((repo_path, session_id))
    for year_folder, sheets in sorted(by_year.items()):
        _load_year(reader, f"{rel}/{year_folder}", sheets, into)


def _load_year(
    reader: RecordsReader,
    year_folder: str,
    sheets: list[tuple[str, str]],
    into: dict[str, AttendanceSheet],
) -> None:
    """The sheets of one year folder."""
    year = int(year_folder.rsplit("/", 1)[1])
    for (repo_path, session_id), raw in zip(sheets, reader.raws([path for path, _ in sheets]), strict=True):
        if raw is None:
            continue
        rows = reader.found(work_out(repo_path, raw, partial(read_attendance, session_id, repo_path)))
        if rows is not None:
            into[session_id] = AttendanceSheet(session_id, year, repo_path, rows)
