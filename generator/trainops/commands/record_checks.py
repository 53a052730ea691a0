"""``check``'s work on the training records, done per program and cached per program: after one
attendance sheet is edited, only the program of its session is worked out again.

What a program's share is: the problems of its own records files (its enrolments, assessments and
observations, the sheets of its sessions: as read and against the schedule, the roster and its
enrolments), the files of it kept too long, its follow-ups, its renewal and its retrain warnings.
Everything else (the roster, exceptions, locks and corrections, feedback, files of no program of
the project) is worked out on every run; it needs none of the programs' rows.

A share is cached under a key made of everything it was made from (:func:`_program_key`): the
digests of the program's records files and of its renewal program's, the roster's, the
exceptions file's, the program's data and file, its sessions' entries and places, the significant
changes of its files, today and the settings; the cache adds the digest of trainops' code. The
digests are those ``check``'s own key took (:class:`~trainops.store.file_digests.FileDigests`,
which reads a file again only when its stat data changed), so a warm run reads no records file.
The records files of a program whose share is cached are not even read (``load_records(only=...)``).
A share worked out is kept only when every file and folder its key was taken from is still as the
key saw it after its records were read (an editor may save a sheet in between:
:meth:`~trainops.store.file_digests.FileDigests.unchanged_since_taken`); ``check`` keeps the shares
with its own results, after one look at every file (:class:`~trainops.store.results_to_keep.ResultsToKeep`).

The programs to work out are read half a year's worth of files at a time (:data:`CHUNK_FILES`) and, when
there are many, half of them in a forked worker on the second core. On a cold run (the records'
digests taken afresh) the programs are split before their keys are worked out, and each process
works out its half's keys and looks up its half's shares itself: the keys take the digests of
20,000 sessions' entries, a third of a second that two cores share.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..load.history.significant import project_significant_changes
from ..load.records import RosterRead, expired_diagnostics, load_records, load_roster
from ..load.records.locks import locked_changes
from ..model.diagnostics import Diagnostic
from ..model.project import Project
from ..plan.certification import renewal_program
from ..plan.followups import program_follow_ups
from ..plan.retrain import changes_of_program, retrain_due
from ..readiness.follow_up_warnings import follow_up_diagnostics
from ..readiness.records import record_diagnostics
from ..readiness.records.locks import locked_row_diagnostics
from ..readiness.records.retrain import retrain_diagnostics
from ..readiness.renewal_warnings import renewal_diagnostics
from ..render.workers import Worker, can_fork_a_worker, forked_state
from ..store.cache import DataCache
from ..store.file_digests import FileDigests
from ..store.results_to_keep import ResultsToKeep

__all__ = ["program_entry", "program_keys", "records_by_program"]

_KIND = "check-records-program"
_ENTRIES = "check-program-entries"
_PROGRAM_FOLDERS = ("enrolments", "assessments", "observations")


def records_by_program(
    root: Path,
    project: Project,
    keeping: ResultsToKeep,
    roster_env: str | None,
    roster_path: str,
    sources: bytes = b"",
) -> list[Diagnostic]:
    """What ``check_records`` gives, each program's share from the cache when its key is there.
    ``keeping``: the cache, the digests the keys are taken with, and where the shares worked out
    wait until the caller keeps them with its own results (:meth:`ResultsToKeep.keep`: when no file
    changed since the keys were taken). ``roster_path``: the roster's repository path (its digest
    is in every key; a roster outside the repository is never cached, so the caller does not come
    here with one). ``sources``: a key of everything the project was loaded from (the programs'
    entries are kept under it)."""
    cache, digests = keeping.cache, keeping.digests
    keys = _ProgramKeys(root, project, cache, digests, roster_path, sources)
    work = _ShareWork(root, project, cache, roster_env, keys, digests)
    # (looked up: the programs whose shares are not in the cache, their keys worked out here)
    looked_up = digests.files_read < MIN_FILES_FOR_A_WORKER
    if looked_up:
        kept = work.kept(sorted(project.programs))
        here, there = _halves(frozenset(project.programs) - frozenset(kept), keys.owned)
    else:
        # The records' digests were taken afresh (a cold run): the programs are split before their
        # keys are worked out, each half working out its own (20,000 sessions' entries: 0.3 s).
        kept = {}
        here, there = _halves(frozenset(project.programs), keys.owned)
    if not there:
        common, shares, fresh = work.shares(here, looked_up)
    else:  # (the other half on the second core: the worker is a fork, so it has the project)
        with Worker("fork", forked_state, (work,)) as worker:
            try:
                future = worker.submit("checking the training records", TIME_LIMIT, _worker_shares, there, looked_up)
            except OSError:  # no memory or no process left for a fork: all of it here
                here, there = sorted({*here, *there}), []
            common, shares, fresh = work.shares(here, looked_up)
            if there:
                theirs, entries, their_fresh = worker.result(future)
                shares |= theirs
                keys.entries |= entries
                fresh |= their_fresh
    # Kept under the keys taken before the records were read (the worker's too, read by now) only
    # when no file changed since: else what was read may be other bytes than the keys describe.
    for slug, key in fresh.items():
        keeping.put(_KIND, slug, key, shares[slug])
    keys.keep_entries(keeping)
    return common + [d for share in (*kept.values(), *shares.values()) for d in share]


def program_keys(
    root: Path, project: Project, cache: DataCache, digests: FileDigests, roster_path: str, sources: bytes = b""
) -> tuple[dict[str, bytes], dict[str, list[str]], list]:
    """(each program's key: everything its records' share is made from (see the module's
    docstring), each program's records files, the project's significant changes). The build's
    coordinator records are cached under the same keys (``mkdocs_plugin.records``)."""
    keys = _ProgramKeys(root, project, cache, digests, roster_path, sources)
    found = {slug: keys.key(slug) for slug in project.programs}
    keys.keep_entries()
    return found, keys.owned, keys.changes


class _ProgramKeys:
    """Each program's key (:func:`_program_key`), worked out when first wanted: on a cold run each
    half of the programs' in the process that works them out."""

    def __init__(
        self, root: Path, project: Project, cache: DataCache, digests: FileDigests, roster_path: str, sources: bytes
    ):
        self.root, self.project, self.cache, self.digests, self.sources = root, project, cache, digests, sources
        settings = project.settings
        base = settings.records_dir.strip("/")
        self.owned = _files_by_program(root, project, base, digests)
        self.changes = project_significant_changes(project)
        self.shared = (
            b"".join(_digest(root, digests, rel) for rel in (roster_path, f"{base}/exceptions.yaml"))
            + f"\0{project.today}\0{settings!r}".encode()
        )
        # The programs' entries (:func:`program_entry`), kept under the sources' key: after an
        # edit of the records, 20,000 sessions' entries are not worked out again.
        entries = cache.get(_ENTRIES, "", sources) if sources else None
        self.entries_kept = isinstance(entries, dict) and entries.keys() == project.programs.keys()
        self.entries: dict[str, bytes] = entries if isinstance(entries, dict) and self.entries_kept else {}
        self._keys: dict[str, bytes] = {}

    def key(self, slug: str) -> bytes:
        if slug not in self._keys:
            renewal = renewal_program(self.project, slug)
            for program in {slug, renewal}:
                if program not in self.entries:
                    self.entries[program] = program_entry(self.project, program)
            self._keys[slug] = _program_key(
                self.root, self.project, self.digests, self.owned, self.changes, slug, self.shared, self.entries
            )
        return self._keys[slug]

    def entries_worked_out(self) -> dict[str, bytes]:
        """The programs' entries this process worked out (none when they were kept)."""
        return {} if self.entries_kept else self.entries

    def keep_entries(self, keeping: ResultsToKeep | None = None) -> None:
        """Keep the programs' entries under the sources' key, when all were worked out here.
        ``keeping``: where, when the project was loaded after that key was taken (``check``'s
        fingerprint): kept only if no file changed since. (The build's key is the project's own
        digest of the bytes it loaded.)"""
        if self.sources and not self.entries_kept and self.entries.keys() == self.project.programs.keys():
            (keeping or self.cache).put(_ENTRIES, "", self.sources, self.entries)
            self.entries_kept = True


# A second process pays when the programs to work out have this many records files (a fork and
# the diagnostics sent back cost milliseconds; reading 20,000 sheets, seconds).
MIN_FILES_FOR_A_WORKER = 2_000
TIME_LIMIT = 1800  # seconds; a hang never holds a check for ever
# The records files of the programs worked out together in one process: half a year of a large
# organisation's sheets, so that one year's half is one run (the rows of more took more memory
# than the project beside them: five years cold peaked at 998 MB with runs of 25,000 files, 904 MB
# with these; fewer, a listing of the attendance folder and the files of no program read again for
# each run of programs).
CHUNK_FILES = 12_500


def _halves(fresh: frozenset[str], owned: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """The programs to work out here and in a worker (none there when it would not pay), each
    half about the same number of files."""
    files = sum(len(owned[slug]) for slug in fresh)
    if len(fresh) < 2 or files < MIN_FILES_FOR_A_WORKER or not can_fork_a_worker():
        return sorted(fresh), []
    here: list[str] = []
    there: list[str] = []
    sizes = [0, 0]
    for slug in sorted(fresh, key=lambda slug: (-len(owned[slug]), slug)):
        side = 0 if sizes[0] <= sizes[1] else 1
        (here, there)[side].append(slug)
        sizes[side] += len(owned[slug])
    return sorted(here), sorted(there)


def _chunks(programs: list[str], owned: dict[str, list[str]]) -> list[list[str]]:
    """``programs`` in runs of about :data:`CHUNK_FILES` records files (one run at least)."""
    chunks: list[list[str]] = [[]]
    files = 0
    for slug in programs:
        if chunks[-1] and files + len(owned[slug]) > CHUNK_FILES:
            chunks.append([])
            files = 0
        chunks[-1].append(slug)
        files += len(owned[slug])
    return chunks


class _ShareWork:
    """What every program's share is worked out from, in this process or in the worker."""

    def __init__(self, root, project, cache, roster_env: str | None, keys: _ProgramKeys, digests: FileDigests):
        self.root, self.project, self.cache, self.keys = root, project, cache, keys
        self.roster_env, self.digests = roster_env, digests  # (the bytes check's key read are not read again)
        self.owned, self.changes = keys.owned, keys.changes
        self._roster: RosterRead | None = None

    @property
    def roster(self) -> RosterRead:
        """The roster, read when first wanted: by each process after the fork (each half reads it
        beside the other, rather than this one before forking), then by each run of programs."""
        if self._roster is None:
            self._roster = load_roster(self.root, self.project.settings, self.roster_env, self.cache, self.digests)
        return self._roster

    def kept(self, programs: list[str]) -> dict[str, list[Diagnostic]]:
        """The shares of ``programs`` the cache has."""
        kept: dict[str, list[Diagnostic]] = {}
        for slug in programs:
            found = self.cache.get(_KIND, slug, self.keys.key(slug))
            if isinstance(found, list):
                kept[slug] = found
        return kept

    def shares(
        self, programs: list[str], looked_up: bool = False
    ) -> tuple[list[Diagnostic], dict[str, list[Diagnostic]], dict[str, bytes]]:
        """(the problems of no program's files, each of ``programs``' shares: from the cache, or
        worked out; the keys of those worked out, taken before their records were read: the caller
        keeps them when no file changed since; ``looked_up``: none of them is in the cache). The
        programs are worked out a few at a time, their records read and let go together: five years
        of rows held at once took half a gigabyte beside the project."""
        common: list[Diagnostic] | None = None
        shares = {} if looked_up else self.kept(programs)
        fresh = [slug for slug in programs if slug not in shares]
        for chunk in _chunks(fresh, self.owned):
            found, more = self._chunk_shares(chunk)
            common = found if common is None else common  # (the same for every chunk)
            shares |= more
        return self.roster[2] + (common or []), shares, {slug: self.keys.key(slug) for slug in fresh}

    def _chunk_shares(self, programs: list[str]) -> tuple[list[Diagnostic], dict[str, list[Diagnostic]]]:
        """What :meth:`shares` gives, for programs read together: only their records files are
        read (and their renewal programs')."""
        project, settings, cache = self.project, self.project.settings, self.cache
        wanted = frozenset({*programs, *(renewal_program(project, slug) for slug in programs)})
        records, diagnostics = load_records(
            self.root, settings, project, cache=cache, only=wanted, roster=self.roster, digests=self.digests
        )
        diagnostics += record_diagnostics(project, records)
        diagnostics += expired_diagnostics(records, project, settings.records_keep, project.today)
        # These are all at a records file: each to the program whose file it is.
        owner = {rel: slug for slug, files in self.owned.items() for rel in files}
        shares: dict[str, list[Diagnostic]] = {slug: [] for slug in programs}
        common = []
        for d in diagnostics:
            of = owner.get(d.path)
            if of is None:
                common.append(d)
            elif of in shares:
                shares[of].append(d)
            # (else: a file of a program whose share is cached or worked out elsewhere, read as
            # another's renewal program)
        due = retrain_due(project, records, self.changes, programs=programs) if self.changes else {}
        for slug in programs:
            share = shares[slug]
            share += follow_up_diagnostics(project, records, program_follow_ups(project, records, slug))
            share += renewal_diagnostics(project, records, [slug])
            share += retrain_diagnostics(project, {slug: due[slug]} if slug in due else {})
        locked, problems = locked_changes(self.root, settings.records_dir, records.locks)
        common += problems + locked_row_diagnostics(locked, records.corrections)
        return common, shares


def _worker_shares(
    work: _ShareWork, programs: list[str], looked_up: bool
) -> tuple[dict[str, list[Diagnostic]], dict[str, bytes], dict[str, bytes]]:
    """In the worker: (the shares of ``programs``, the programs' entries it worked out for their
    keys, the keys of the shares it worked out that may be kept: this process keeps them, when no
    file it saw changed either). The problems of no program's files are this process's to report."""
    _common, shares, fresh = work.shares(programs, looked_up)
    # (the keys it took itself are noted in its own digests only: looked at here, after its reads)
    if fresh and not work.digests.unchanged_since_taken():
        fresh = {}
    return shares, work.keys.entries_worked_out(), fresh


def _files_by_program(root: Path, project: Project, base: str, digests: FileDigests) -> dict[str, list[str]]:
    """Each program's records files, by repository path: its enrolments, assessments and
    observations, and every file below the attendance folder named for one of its sessions
    (wherever it is filed: a sheet in the wrong year folder is still read as its session's). The
    attendance folders' listings go into the keys: ``digests`` notes them."""
    files: dict[str, list[str]] = {
        slug: [f"{base}/{folder}/{slug}.csv" for folder in _PROGRAM_FOLDERS] for slug in project.programs
    }
    program_of = {s.id: s.program for s in project.sessions if s.program in files}
    attendance = root / base / "attendance"
    for path, _subfolders, names in digests.walk(str(attendance)):
        below = Path(path).relative_to(root).as_posix()
        for name in names:
            stem, dot, suffix = name.rpartition(".")
            slug = program_of.get(stem if dot else name)
            if slug is not None:
                files[slug].append(f"{below}/{name}")
    return files


def _program_key(
    root: Path,
    project: Project,
    digests: FileDigests,
    owned: dict[str, list[str]],
    changes: list,
    slug: str,
    shared: bytes,
    sessions: dict[str, bytes],
) -> bytes:
    """Everything the program's share is made from (see the module's docstring). A renewal
    program's completions renew this program's certificates and its sessions' seats are counted:
    its part is in the key too."""
    h = hashlib.sha256(shared)
    renewal = renewal_program(project, slug)
    for program in sorted({slug, renewal}):
        h.update(sessions[program] + _digest(root, digests, project.programs[program].path))
        for rel in sorted(owned[program]):
            h.update(rel.encode() + b"\0" + _digest(root, digests, rel))
    h.update(repr(changes_of_program(project, slug, changes)).encode())
    return h.digest()


def program_entry(project: Project, program: str) -> bytes:
    """A digest of the program's own entry and file and of its sessions' entries and places: a
    function of the project's sources only, so ``check`` keeps it with the project's diagnostics
    (an edit of the records does not work out 20,000 sessions' again)."""
    record = project.programs[program]
    h = hashlib.sha256(f"\0program\0{program}\0{record.path}\0{record.data!r}".encode())
    for s in project.sessions_of(program):
        where = s.line()
        # (the entry as JSON: every field, and half the time of its repr for 20,000 sessions)
        entry = s.entry.model_dump_json()
        h.update(f"\0{s.id}\0{s.path}\0{where}\0{s.zone}\0{s.start}\0{s.end}\0{entry}".encode())
    return h.digest()


def _digest(root: Path, digests: FileDigests, rel: str) -> bytes:
    """The digest of a file's bytes (as check's key took it in this run; else from the memo when
    its stat data are unchanged), or a mark of its absence."""
    taken = digests.digest_as_listed(rel)  # (20,600 files a year: no second look at each)
    if taken is not None:
        return taken
    path = os.path.join(root, rel)
    try:
        stat = os.lstat(path)
    except OSError:
        digests.note_absent(path)
        return b"absent"
    return digests.digest(path, rel, stat)
