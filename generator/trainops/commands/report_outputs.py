"""The out folder of ``trainops report``: written whole with a manifest, and left as it is when the
manifest says it already holds the report of the same inputs.

The manifest (``manifest.json``, as Material's ``social`` plugin keeps one) names the report's key
(a digest of every input, :func:`current_key` and :func:`as_of_key`), every file the run wrote
with its size and SHA-256, and the lines of what the run refused (a data error, no roster), which a
run that writes nothing still prints, with the same exit code. A run whose key is the manifest's
reads back every file it names and compares its digest (about a second for a gigabyte); any
difference (a file missing, edited or added, another key, no manifest or one that cannot be read)
means the report is made and the folder written again. The manifest is not a cache of trainops'
work: nothing is read from it but what to compare, so a planted one can only make a run rebuild.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..load.records import roster_location
from ..load.settings import read_site_dir
from ..model.errors import RenderFailed, machine_failure
from ..render.workers import Worker, can_fork_a_worker, forked_state
from ..store.cache import CACHE_DIR
from ..store.file_digests import FileDigests, file_digest
from ..store.fingerprint import project_fingerprint
from ..store.paths import REPORTS_GITIGNORE
from ..store.salt import cache_salt
from ..store.staged_folder import discard, staging_for, swap

__all__ = ["MANIFEST", "MadeBeside", "ReportFile", "as_of_key", "current_key", "kept_report", "write_reports"]

MANIFEST = "manifest.json"
_FORMAT = "trainops report manifest 1"
# Seconds the worker may take to make and write a file (MadeBeside): a hang never holds a report for
# ever. (The five-year transcripts take about ten.)
BESIDE_LIMIT = 1800


def current_key(
    root: Path, settings_read: tuple, today: date, head: str, folder: Path, roster_env: str | None, digests: FileDigests
) -> str:
    """The digest of everything a report of the working tree is made of: the bytes of the sources
    and records (what ``check`` reads; the files' digests memoized by their stat data, see
    :class:`~trainops.store.file_digests.FileDigests`), the roster wherever it is, the settings
    as read, ``today``, HEAD (the commit the reports describe and the history of significant
    changes they read; "" outside git), and trainops' own code and libraries (the cache's salt).
    The out folder itself is left out, as the built sites are. ``digests`` (the cache's memo
    "report") notes what the key was taken from: the caller keeps the report under the key only
    when nothing changed by the time it was made (:meth:`FileDigests.unchanged_since_taken`)."""
    settings = settings_read[0]
    folders = [*settings.source_folders(), settings.records_dir]
    files = [settings.people_path, settings.schedule, settings.roster]
    out = os.path.relpath(os.path.realpath(folder), os.path.realpath(root))
    outputs = [read_site_dir(root), settings.ops_dir, out]
    fingerprint = project_fingerprint(root, folders, files, outputs, CACHE_DIR, digests)
    digests.save()
    parts = [b"current", fingerprint, str(today).encode(), head.encode(), repr(settings_read).encode()]
    return _key(parts, roster_bytes(root, settings, roster_env, digests))


def as_of_key(root: Path, settings_read: tuple, as_of: date, commit: str, roster: str | None) -> str:
    """The digest of what an ``--as-of`` report is made of: the commit (its id fixes every file it
    holds and the history before it), the day, the settings as read now and the roster read from
    outside the commit (``roster``: TRAINOPS_ROSTER or one kept out of git; None when the
    commit's own is read), and the salt."""
    parts = [b"as-of", commit.encode(), str(as_of).encode(), repr(settings_read).encode()]
    return _key(parts, roster_bytes(root, settings_read[0], roster) if roster else b"")


def roster_bytes(root: Path, settings, roster_env: str | None, digests: FileDigests | None = None) -> bytes:
    """A roster given by the environment (which the fingerprint may not see): where it is and the
    digest of its bytes (noted by ``digests``, when given). b"" when there is none (the setting's
    roster is in the fingerprint)."""
    if not roster_env:
        return b""
    where, inside = roster_location(root, settings, roster_env)
    path = os.path.join(root, where) if inside else where
    digest = digests.followed_digest(path) if digests is not None else file_digest(path)
    return where.encode() + b"\0" + (digest or b"unreadable")


def _key(parts: list[bytes], roster: bytes) -> str:
    h = hashlib.sha256()
    for part in (_FORMAT.encode(), cache_salt(), *parts, roster):
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def kept_report(folder: Path, key: str) -> tuple[int, list[str]] | None:
    """(how many files, the refused lines) of the report in ``folder`` when its manifest names
    ``key`` and every file is there as written, nothing added; else None."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != _FORMAT or manifest.get("key") != key:
            return None
        written: dict[str, list] = manifest["files"]
        refused = [str(line) for line in manifest["refused"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    present = {
        Path(dirpath, name).relative_to(folder).as_posix() for dirpath, _, names in os.walk(folder) for name in names
    }
    if present != {*written, MANIFEST}:
        return None
    try:
        expected = {name: (int(size), bytes.fromhex(digest)) for name, (size, digest) in written.items()}
    except (ValueError, TypeError):
        return None
    # Two threads: hashing gives up the interpreter's lock, and the reports of five years of
    # records are over a gigabyte.
    with ThreadPoolExecutor(max_workers=2) as pool:
        found = dict(zip(expected, pool.map(lambda name: _size_and_digest(folder / name), expected), strict=True))
    return (len(written) - 1, refused) if found == expected else None  # (the .gitignore is not a report)


def _size_and_digest(path: Path) -> tuple[int, bytes] | None:
    """The file's size and SHA-256, read in pieces; None for a link or a file that cannot be read."""
    try:
        if path.is_symlink():
            return None
        with path.open("rb") as file:
            return os.fstat(file.fileno()).st_size, hashlib.file_digest(file, "sha256").digest()
    except OSError:
        return None


@dataclass(frozen=True)
class MadeBeside:
    """A report file that may be made on a second core while this process makes the others: its
    text in pieces, as ``pieces()`` makes them (from what this process has worked out already).

    :func:`write_reports` makes it in a worker forked from this process (:mod:`trainops.render.workers`:
    the worker has everything this process holds, with nothing copied or pickled), which writes the
    file itself and sends back its size and digest. A fork copies only the calling thread, so the
    worker is forked only while no other thread runs: a MadeBeside given first, before the files
    written by the disk's thread. Where no worker can be forked (one core, another thread running),
    the file is made here, as any other. A bug in the worker is a bug here (exit 3, with the
    worker's traceback); a user's mistake it meets is raised here as it was there."""

    pieces: Callable[[], Iterable[str]]


# A file of the report: its name in the out folder and its text in pieces, or made beside.
ReportFile = tuple[str, Iterable[str] | MadeBeside]


def write_reports(folder: Path, files: Iterable[ReportFile], key: str, refused: list[str]) -> int:
    """Replace ``folder`` (new, empty or written by an earlier run: report_dir_problem checked)
    with ``files`` (each name in the folder and its text in pieces, or a :class:`MadeBeside`) and
    their manifest, written last with ``refused`` as it is then (the files may add to it as they
    are made); how many. ``key`` "": the report is kept under no key (the next run makes it again).

    Written beside the folder and put in its place once complete
    (:mod:`trainops.store.staged_folder`): a run that stops (a mistake in a template override, a
    full disk) leaves the previous reports as they were. The folder is readable by its owner
    alone: the reports name people."""
    target = Path(os.path.realpath(folder))
    staging = staging_for(target)
    try:
        # (leaving the pool waits for every write it was given, and leaving ``workers`` ends the
        # worker, killed if it is still making its file: nothing writes into a folder being
        # discarded)
        with contextlib.ExitStack() as workers, ThreadPoolExecutor(max_workers=1) as pool:
            disk = _Disk(pool)
            made: dict[str, Callable[[], tuple[int, str]]] = {}
            besides: list[_Beside] = []
            try:
                for name, pieces in files:
                    for running in besides:  # (a worker that failed fails the run now, not at the end)
                        running.raise_failure()
                    path = staging / name
                    path.parent.mkdir(parents=True, exist_ok=True)
                    beside = _beside(workers, name, path, pieces) if isinstance(pieces, MadeBeside) else None
                    if beside is not None:
                        besides.append(beside)
                        made[name] = beside.result
                    elif isinstance(pieces, MadeBeside):
                        made[name] = disk.write(path, pieces.pieces()).result
                    else:
                        made[name] = disk.write(path, pieces).result
            except Exception:
                # A failure the worker met already is the run's, as in one process, where its file
                # (given first) would have failed before this one.
                for running in besides:
                    running.raise_failure()
                raise
            # (last: the pool's thread starts at its first file, and none may run before a fork)
            made[".gitignore"] = disk.write(staging / ".gitignore", [REPORTS_GITIGNORE]).result
            disk.finish()
            written = {name: result() for name, result in made.items()}
        manifest = {"format": _FORMAT, "key": key, "refused": refused, "files": written}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        swap(staging, target)
    except BaseException:
        discard(staging)
        raise
    return len(written) - 1  # (the .gitignore is not a report)


@dataclass(frozen=True)
class _Beside:
    """A file being made by a worker: what waits for its (size, digest), and what raises the
    worker's failure without waiting (nothing while all is well)."""

    worker: Worker
    future: Future

    def result(self) -> tuple[int, str]:
        return self.worker.result(self.future)

    def raise_failure(self) -> None:
        self.worker.raise_failure()


def _beside(workers: contextlib.ExitStack, name: str, path: Path, file: MadeBeside) -> _Beside | None:
    """``file`` being made and written at ``path`` by a worker forked now (ended by ``workers``).
    None when no worker can be forked."""
    if not can_fork_a_worker():
        return None
    try:
        worker = workers.enter_context(Worker("fork", forked_state, (file.pieces,)))
        future = worker.submit(f"making {name}", BESIDE_LIMIT, _write_in_worker, str(path))
    except OSError:  # (no memory, file or process left for a worker: made here after all)
        return None
    return _Beside(worker, future)


def _write_in_worker(pieces: Callable[[], Iterable[str]], path: str) -> tuple[int, str]:
    """In the worker (its state: what makes the file's pieces): the file made and written as
    :func:`write_reports` writes any, its (size,
    SHA-256 in hex) sent back. The machine refusing (a full disk) is said as in one process: one
    line, exit 1 (any other exception is a bug, with the worker's traceback)."""
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            disk = _Disk(pool)
            written = disk.write(Path(path), pieces())
            disk.finish()
            return written.result()
    except OSError as exc:
        refusal = machine_failure(exc)
        if refusal is None:
            raise
        raise RenderFailed(refusal) from None


class _Disk:
    """Writes the reports' pieces as UTF-8 and hashes them (SHA-256) in a thread of its own, in
    the order given, while the next piece is made: writing and hashing give up the interpreter's
    lock, so they overlap with the making (1.3 GB of reports at five years of records). At most
    :data:`_AHEAD` pieces wait for the thread, so the memory stays bounded however slow the disk;
    an error of the thread is raised at the next piece, or by :meth:`finish`, which waits for every
    piece given."""

    _AHEAD = 4

    def __init__(self, pool: ThreadPoolExecutor):
        self._pool = pool
        self._waiting: deque[Future] = deque()

    def write(self, path: Path, pieces: Iterable[str]) -> Future[tuple[int, str]]:
        """The file's (bytes written, their SHA-256 in hex), once written."""
        out, h, size = path.open("wb"), hashlib.sha256(), [0]

        def put(data: bytes) -> None:
            size[0] += out.write(data)
            h.update(data)  # (what was written)

        def done() -> tuple[int, str]:
            out.close()
            return size[0], h.hexdigest()

        try:
            for piece in pieces:
                self._submit(put, piece.encode("utf-8"))
            return self._submit(done)
        except BaseException:
            self._pool.submit(out.close)  # (after the pieces given: the thread's writes stay in order)
            raise

    def finish(self) -> None:
        """Wait for every piece given; the first error of the thread is raised here."""
        while self._waiting:
            self._waiting.popleft().result()

    def _submit(self, work: Callable[..., Any], *args: Any) -> Future:
        while len(self._waiting) >= self._AHEAD:
            self._waiting.popleft().result()
        future = self._pool.submit(work, *args)
        self._waiting.append(future)
        return future
