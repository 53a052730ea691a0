"""``load_records``: the records folder and the roster read into a :class:`Records` value.

The records are personal data, read only for ``check``, the coordinator site and the ``records``
commands: the learner site is built from a :class:`~trainops.model.project.Project`, which cannot
hold them. Each file but the sign-in sheets and enrolment files is parsed once per content: its
result is cached by its bytes in the project's cache (``.trainops-cache/``, git-ignored and outside
both sites); those two, 800,000 rows a year, are read in less time than their pickles took to
load (:mod:`.clean_files`). A roster outside the
repository (``TRAINOPS_ROSTER`` on a secure share) is read every time and never cached, so its
names stay where its owner keeps them.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from ...model.diagnostics import Diagnostic
from ...model.project import Project
from ...model.settings import Settings
from ...model.training_records import Records
from ...store.cache import DataCache
from ...store.file_digests import FileDigests
from ...store.paths import is_hidden
from ..roster_place import ROSTER_VARIABLE, roster_from_environment, roster_location
from .attendance_files import load_attendance, sheet_place_problems
from .audit_files import read_corrections, read_locks
from .files import (
    read_assessments,
    read_enrolments,
    read_exceptions,
    read_feedback,
    read_observations,
    read_roster,
)
from .reader import RecordFiles, RecordsReader, csv_files

__all__ = [
    "RosterRead",
    "load_records",
    "load_roster",
    "records_present",
    "roster_location",
    "sheet_places",
    "roster_from_environment",
    "ROSTER_VARIABLE",
]

# The folders of the records folder: name → the reader of one of its files (by its stem).
_BY_PROGRAM = {"enrolments": read_enrolments, "assessments": read_assessments, "observations": read_observations}
# Read from their bytes every time, as the sheets are (see .attendance_files): an enrolment file's
# rows are checked by plain code, quicker than unpickling them (and than pickling them on a cold
# run); an assessment file is a program's few results (5,000 rows in 300 files in a large
# organisation: 0.05 s through the model), and a file made in the cache costs 0.6 ms here.
# Each is read only when its program's share is worked out again (commands.record_checks).
_READ_PLAINLY = frozenset({"records-enrolments", "records-assessments"})
_KNOWN = {"attendance", "feedback", "exceptions.yaml", "locks.yaml", "corrections.yaml", *_BY_PROGRAM}


def records_present(root: Path, settings: Settings, roster_env: str | None = None) -> bool:
    """Whether there are records to read: the records folder, a roster, or a roster asked for by
    name (the setting or the environment) that must then be found. No folder, no records."""
    roster, inside = roster_location(root, settings, roster_env)
    return bool(roster_env or settings.roster) or (root / settings.records_dir).is_dir() or (root / roster).is_file()


# The roster by learner id (None when there is none), its repository path, and its problems.
RosterRead = tuple[dict | None, str, list[Diagnostic]]


def load_roster(
    root: Path, settings: Settings, roster_env: str | None, cache: DataCache | None, digests: FileDigests | None = None
) -> RosterRead:
    """The roster as :func:`load_records` reads it, for a caller that loads the records a few
    programs at a time (and in two processes): read once for all of them. ``digests``: as
    :func:`load_records`'s."""
    reader = RecordsReader(Path(root), cache or DataCache(None), digests)
    roster, roster_path = _load_roster(reader, settings, roster_env)
    return roster, roster_path, reader.diagnostics


def load_records(
    root: Path,
    settings: Settings,
    project: Project | None,
    roster_env: str | None = None,
    cache: DataCache | None = None,
    only: frozenset[str] | None = None,
    roster: RosterRead | None = None,
    digests: FileDigests | None = None,
    files: RecordFiles | None = None,
) -> tuple[Records, list[Diagnostic]]:
    """Every records file and the roster, and their problems (each at file:line:col).
    ``only``: the programs whose files are read (None: all); the files of the project's other
    programs (their enrolments, assessments, observations and their sessions' sheets) are left out,
    and so are their problems. Files of no program of the project are always read. ``roster``:
    what :func:`load_roster` gave, when the caller read it already (its problems are then the
    caller's to report, and are not among those returned). ``digests``: the digests ``check``'s
    key took, when it kept the bytes it read (a file's bytes are then not read again). ``files``:
    where the records files are read from, by default the working tree of ``root``. ``project``
    None: the records read before the project is (on another core): every file, and the sheets'
    places left to :func:`sheet_places`, once it is."""
    reader = RecordsReader(Path(root), cache or DataCache(None), digests, files)
    if roster is None:
        learners, roster_path = _load_roster(reader, settings, roster_env)
    else:
        learners, roster_path, _ = roster
    records = Records(roster=learners, roster_path=roster_path)
    base = settings.records_dir.strip("/")
    if reader.files.is_dir(base):
        years = None if project is None else _session_years(project)
        skipped = frozenset() if only is None or project is None else frozenset(project.programs) - only
        left_out = {s.id for s in project.sessions if s.program in skipped} if skipped and project else set()
        for name, _ in reader.files.listing(base):
            rel = f"{base}/{name}"
            if is_hidden(name) or rel in (roster_path, settings.roster_path) or name.lower().startswith("readme"):
                continue
            if name not in _KNOWN:
                _unknown(reader, rel, base)
            elif name == "exceptions.yaml":
                found = reader.parsed("records-exceptions", rel, partial(read_exceptions, rel))
                records = replace(records, exceptions=found or ())
            elif name == "locks.yaml":
                found = reader.parsed("records-locks", rel, partial(read_locks, rel))
                records = replace(records, locks=found or ())
            elif name == "corrections.yaml":
                found = reader.parsed("records-corrections", rel, partial(read_corrections, rel))
                records = replace(records, corrections=found or ())
            elif name == "attendance":
                load_attendance(reader, rel, years, records.attendance, left_out)
            elif name == "feedback":
                _load_feedback(reader, rel, records)
            else:
                into, read = getattr(records, name), _BY_PROGRAM[name]
                _load_by_program(reader, rel, into, read, skipped)
    return records, reader.diagnostics


def sheet_places(
    root: Path, settings: Settings, project: Project, files: RecordFiles | None = None
) -> list[Diagnostic]:
    """Where the sheets of records read before the project (:func:`load_records` with no project)
    belong, by the year each of the project's sessions starts in: the problems ``load_records``
    reports with the project. ``files``: as ``load_records``'s."""
    reader = RecordsReader(Path(root), DataCache(None), None, files)
    return sheet_place_problems(reader, f"{settings.records_dir.strip('/')}/attendance", _session_years(project))


def _session_years(project: Project) -> dict[str, int]:
    return {s.id: s.start.year for s in project.sessions}


def _load_roster(reader: RecordsReader, settings: Settings, roster_env: str | None) -> tuple[dict | None, str]:
    rel, inside = roster_location(reader.root, settings, roster_env)
    if not inside:  # the coordinator's own file: read as it is, and never cached in the repository
        try:
            raw = Path(rel).read_bytes()
        except OSError as exc:
            why = exc.strerror or str(exc)
            reader.error(rel, "missing-file", f"{ROSTER_VARIABLE} names a roster that cannot be read ({why})")
            return None, rel
        learners = reader.parsed_bytes("records-roster", rel, raw, partial(read_roster, rel), None)
    elif not reader.files.is_file(rel):
        if roster_env or settings.roster:
            where = f"{ROSTER_VARIABLE}" if roster_env else "the setting 'roster' in mkdocs.yml"
            reader.error(rel, "missing-file", f"no roster here, but {where} names it; create it or correct the path")
        return None, ""
    else:
        learners = reader.parsed("records-roster", rel, partial(read_roster, rel))
    return ({learner.id: learner for learner in learners or ()}, rel)


def _unknown(reader: RecordsReader, rel: str, base: str) -> None:
    folders = ", ".join(sorted(f"{base}/{name}/" for name in ("attendance", "feedback", *_BY_PROGRAM)))
    reader.error(
        rel,
        "records-unknown-file",
        f"not a records file, so it is not read; the records are {folders}, {base}/exceptions.yaml, "
        f"{base}/locks.yaml and {base}/corrections.yaml",
        "warning",
    )


def _load_by_program(reader: RecordsReader, rel: str, into: dict, read, skipped: frozenset[str] = frozenset()) -> None:
    if not reader.files.is_dir(rel):
        return
    kind = "records-" + rel.rpartition("/")[2]
    cache = None if kind in _READ_PLAINLY else reader.cache
    files = [(path, program) for path, program in csv_files(reader, rel) if program not in skipped]
    for (path, program), raw in zip(files, reader.raws([path for path, _ in files]), strict=True):
        found = None if raw is None else reader.parsed_bytes(kind, path, raw, partial(read, program, path), cache)
        if found is not None:
            into[program] = found


def _load_feedback(reader: RecordsReader, rel: str, records: Records) -> None:
    if not reader.files.is_dir(rel):
        return
    for path, session_id in csv_files(reader, rel):
        sheet = reader.parsed("records-feedback", path, partial(read_feedback, session_id, path))
        if sheet is not None:
            records.feedback[session_id] = sheet
