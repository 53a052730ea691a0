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
from collections.abc import Mapping
from functools import partial

from ...model.diagnostics import Diagnostic
from ...model.training_records import AttendanceSheet
from .files import read_attendance
from .reader import NamesBelow, RecordsReader, stem_and_suffix, work_out

__all__ = ["load_attendance", "sheet_place_problems"]

_YEAR = re.compile(r"^\d{4}$")


def load_attendance(
    reader: RecordsReader,
    rel: str,
    years: Mapping[str, int] | None,
    into: dict[str, AttendanceSheet],
    left_out: set[str] | frozenset[str] = frozenset(),
) -> None:
    """Every sheet below the folder ``rel`` into ``into``, by session id.
    ``years``: the year each known session starts in, to tell a sheet filed under the wrong year
    (None: not known yet, the records being read before the project: :func:`sheet_place_problems`
    says where the sheets belong once it is); ``left_out``: the session ids whose sheets are not
    read (nor their problems reported)."""
    if not reader.files.is_dir(rel):
        return
    files, linked = reader.files.files_below(rel)
    for parts in linked:  # (said, not skipped in silence: the sheets in it would be missing from every count)
        message = "this folder is a symbolic link, which is not followed, so its sheets are not read; move them here"
        reader.error(f"{rel}/{'/'.join(parts)}", "records-file-place", message)
    if years is not None:
        _check_places(reader, rel, files, years, left_out)
    by_year: dict[str, list[tuple[str, str]]] = {}  # year folder -> (repository path, session id)
    for parts in files:
        session_id, suffix = stem_and_suffix(parts[-1])
        if session_id not in left_out and _in_a_year_folder(parts, suffix):
            by_year.setdefault(parts[0], []).append((f"{rel}/{'/'.join(parts)}", session_id))
    for year_folder, sheets in sorted(by_year.items()):
        _load_year(reader, f"{rel}/{year_folder}", sheets, into)


def sheet_place_problems(reader: RecordsReader, rel: str, years: Mapping[str, int]) -> list[Diagnostic]:
    """What :func:`load_attendance` says of the sheets' places below ``rel`` when it is given the
    sessions' years, for sheets read before they were known (``reader``: a new one, on the same
    files): a file that is no sheet of a year folder, and a sheet in another year's folder."""
    if reader.files.is_dir(rel):
        _check_places(reader, rel, reader.files.files_below(rel)[0], years, frozenset())
    return reader.diagnostics


def _in_a_year_folder(parts: NamesBelow, suffix: str) -> bool:
    return suffix == ".csv" and len(parts) == 2 and bool(_YEAR.match(parts[0]))


def _check_places(
    reader: RecordsReader,
    rel: str,
    files: list[NamesBelow],
    years: Mapping[str, int],
    left_out: set[str] | frozenset[str],
) -> None:
    """Each file that is no sheet of a year folder, and each sheet in a year folder other than its
    session's (read all the same: flagged, not lost), as errors of ``reader``."""
    for parts in files:
        session_id, suffix = stem_and_suffix(parts[-1])
        if session_id in left_out:  # (its place is said with its program's sheets, when they are read)
            continue
        repo_path = f"{rel}/{'/'.join(parts)}"
        year = years.get(session_id)
        right_place = f"{rel}/{year or 'YYYY'}/{session_id}.csv"
        if not _in_a_year_folder(parts, suffix):
            where = f"move it to {right_place}" if suffix == ".csv" else f"a sheet is {rel}/<YYYY>/<id>.csv"
            message = f"an attendance file belongs in its session's year folder; {where}"
            reader.error(repo_path, "records-file-place", message)
        elif year is not None and int(parts[0]) != year:
            message = f"session '{session_id}' is in {year}, so its sheet belongs in {right_place}; move it there"
            reader.error(repo_path, "records-file-place", message)


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
