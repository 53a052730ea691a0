"""``trainops check``: every data error and launch-readiness warning, from the cache of the last
check when no file changed since (a key of every source file's digest, the day and the history's
HEAD). That answer imports no loader, model or rule: they are imported by :mod:`.check` when
something changed, so a warm check starts as quickly as Python and the settings' reader allow."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

from ..load.history.state import history_state
from ..load.roster_place import roster_location
from ..load.settings import cache_keeps_out_of, read_settings, read_site_dir
from ..model.diagnostics import Diagnostic, format_diagnostics, sort_diagnostics
from ..model.errors import EXIT_DATA, EXIT_OK
from ..model.settings import Settings
from ..store.cache import CACHE_DIR, DataCache, data_cache
from ..store.file_digests import FileDigests
from ..store.fingerprint import fingerprint_apart
from ..store.results_to_keep import ResultsToKeep
from .stderr_notes import note_history, warn_no_cache, warn_no_history

__all__ = ["run_check"]

# The most bytes of records files read for the key that are kept for their rows: a year of a large
# organisation's (24 MB). More, and none is kept: five years' files (120 MB) are read twice rather
# than held beside their rows (a peak of 1,041 MB against 998 MB, measured).
KEEP_RECORDS_BYTES = 32 * 1024 * 1024


def _roster_from_environment(root: Path, settings, roster_env: str | None, digests: FileDigests) -> bytes:
    """What a roster from the environment adds to the check's key: its place and the digest of its
    bytes (the fingerprint reads the settings' roster, not this one), its stat data noted by
    ``digests`` (:meth:`~trainops.store.file_digests.FileDigests.followed_digest`) like those of
    every other file in the key: a roster saved after this digest and before its rows are read
    keeps nothing under this key."""
    if not roster_env:
        return b""
    path, inside = roster_location(root, settings, roster_env)
    # (inside the repository, ``path`` is relative to it; it leads there, links followed)
    digest = digests.followed_digest(os.path.join(root, path) if inside else path)
    return f"\0roster\0{path}\0".encode() + (digest or b"unreadable")


def run_check(
    root: Path,
    today: date,
    program: str | None,
    output_format: str = "text",
    strict: bool = False,
    loading: Callable[[], AbstractContextManager] = contextlib.nullcontext,
    roster_env: str | None = None,
) -> int:
    """``roster_env``: the environment's TRAINOPS_ROSTER (the command line reads it), made absolute."""
    # Nothing changed since a check on the same day: its diagnostics, without loading anything.
    settings_read = read_settings(root)
    settings = settings_read[0]
    cache = data_cache(root, cache_keeps_out_of(root, settings))
    warn_no_cache(cache)
    # The records are read by check too (never by the learner site): their bytes count.
    folders = [*settings.source_folders(), settings.records_dir]
    files = [settings.people_path, settings.schedule, settings.roster]
    outputs = [read_site_dir(root), settings.ops_dir]  # (rebuilt by every build: not read by a check)
    # The history is a function of HEAD (the working tree's bytes are in the fingerprint already).
    head, no_history, note = history_state(root)
    digests = FileDigests(cache)
    # (the records files read for the key are read for their rows too, if something changed)
    digests.keep_bytes_below(settings.records_dir, KEEP_RECORDS_BYTES)
    # (the bytes of the records apart: the project's own diagnostics do not depend on them)
    fingerprinted = (root, folders, files, outputs, CACHE_DIR, digests, settings.records_dir)
    preloaded = None
    if digests.remembers_nothing and _many_records_files(root, settings.records_dir):
        # A first run with many records files: nothing can be in the cache for them, so the project
        # is loaded while a worker process takes the files' digests (20,600 files a year of a large
        # organisation: 0.4 s, else before the load).
        from .check import load_checked  # (the loaders: only when something changed)

        def load() -> tuple:
            return load_checked(root, today, program, settings_read, cache, True, loading, strict)

        loading_began = time.time_ns()
        (sources, records, digests), preloaded = _fingerprint_beside(fingerprinted, load)
        digests.attach(cache)
        if preloaded is not None:  # (its files read before, or while, their key was taken)
            digests.read_before_taken(loading_began)
    else:
        sources, records = fingerprint_apart(*fingerprinted)
    digests.save()
    sources += f"\0{today}\0{program}\0{head}\0{no_history}".encode()  # (a clone made full keeps HEAD)
    # The settings as read, too: '!ENV' takes them from the environment, 'INHERIT' from another file.
    sources += repr(settings_read).encode()
    fingerprint = sources + records + _roster_from_environment(root, settings, roster_env, digests)
    # The output as the last check with this key wrote it in this format (24,949 warnings at five
    # years: unpickling, sorting and formatting them again took 0.15 s of a warm run).
    written = cache.get("check-output", output_format, fingerprint)
    loaded = preloaded is not None
    if not isinstance(written, tuple):
        kept = cache.get("check", "", fingerprint)  # (the last check's, written in another format)
        # What is worked out from the files is kept only when every one is still as the key saw
        # it (one look at each for all of it: FileDigests.unchanged_since_taken); what comes from
        # the cache is that key's already.
        keeping = ResultsToKeep(cache, digests)
        worked_out = False
        history_as_keyed = True  # (what comes from the cache was worked out from the key's history)
        if not isinstance(kept, tuple):  # something changed: load and check
            kept, loaded_head = _diagnostics(
                root, today, program, strict, loading, roster_env, settings_read, cache, keeping, sources, preloaded
            )
            # HEAD went into the key before the history was read: a commit in between gives results
            # of the new history, not to be kept under the old HEAD.
            history_as_keyed = loaded_head == head
            keeping.put("check", "", fingerprint, kept)
            loaded = worked_out = True
        diagnostics, problem = kept
        written = (format_diagnostics(diagnostics, output_format), _errors(diagnostics), len(diagnostics), problem)
        (keeping if worked_out else cache).put("check-output", output_format, fingerprint, written)
        keeping.keep(history_as_keyed)
    digests.forget_bytes()
    # (the text, its numbers of errors and of diagnostics, why the history could not be read)
    text, errors, total, problem = written
    if not loaded:  # (a loading says where the history stands itself)
        if problem:
            warn_no_history(problem, strict)
        elif note:
            note_history(note)
    sys.stdout.write(text)
    if output_format == "text":
        warnings = total - errors
        print(
            f"{errors} {'error' if errors == 1 else 'errors'}, {warnings} {'warning' if warnings == 1 else 'warnings'}",
            file=sys.stderr,
        )
    # (as has_errors: an error, or with --strict any diagnostic)
    return EXIT_DATA if errors or (strict and (total or problem)) else EXIT_OK


def _errors(diagnostics: list[Diagnostic]) -> int:
    return sum(d.severity == "error" for d in diagnostics)


def _diagnostics(
    root: Path,
    today: date,
    program: str | None,
    strict: bool,
    loading: Callable[[], AbstractContextManager],
    roster_env: str | None,
    settings_read: tuple[Settings, list[Diagnostic]],
    cache: DataCache,
    keeping: ResultsToKeep,
    sources: bytes,
    preloaded: tuple | None = None,
) -> tuple[tuple[list[Diagnostic], str | None], str]:
    """((check's diagnostics, sorted; why the history could not be read), the HEAD whose history was
    read, as ``history_state`` gives it: "" when there is none), worked out: the project
    loaded from its sources (``sources``: their key; ``preloaded``: what ``load_checked`` gave,
    when it ran already), then the records. ``keeping``: where what it keeps waits until it is
    known that no file changed since the key (whose digests it holds) was taken."""
    from .check import check_records, load_checked  # (the loaders: only when something changed)

    # After an edit of the records only, the project's diagnostics are those of the last check
    # (neither the launch review nor the checks across files are made again); the project is
    # loaded for the records' rules.
    known = cache.get("check-project", "", sources)
    project, diagnostics = preloaded or load_checked(
        root, today, program, settings_read, cache, True, loading, strict, readiness=known is None
    )
    if known is None:
        keeping.put("check-project", "", sources, diagnostics)
    diagnostics = list(known if known is not None else diagnostics)
    with loading():
        diagnostics += check_records(root, project, cache, roster_env, keeping, sources)
    history = project.history
    # (a shallow clone's history has its HEAD, and a problem: history_state gives no HEAD then)
    return (sort_diagnostics(diagnostics), history.problem), "" if history.problem else history.head


def _many_records_files(root: Path, records_dir: str) -> bool:
    """Whether the records folder holds enough files for a worker process to pay (counted down
    to the year folders of the sign-in sheets, and only as far as that number)."""
    from .record_checks import MIN_FILES_FOR_A_WORKER  # (the records' own rule for when a worker pays)

    count = 0
    below = [os.path.join(root, records_dir)]
    for _depth in range(3):
        folders = []
        for folder in below:
            try:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        if entry.is_dir(follow_symlinks=False):
                            folders.append(entry.path)
                        else:
                            count += 1
            except OSError:
                continue
            if count >= MIN_FILES_FOR_A_WORKER:
                return True
        below = folders
    return False


def _fingerprint_beside(fingerprinted: tuple, load: Callable[[], tuple]) -> tuple[tuple, tuple | None]:
    """((``fingerprint_apart(*fingerprinted)``, the digests it took), ``load()``), the first
    worked out in a forked worker while this process runs the second; both here, one after the
    other, when no worker can be forked (then nothing is loaded: None)."""
    from ..render.workers import Worker, can_fork_a_worker, forked_state
    from .record_checks import TIME_LIMIT

    digests = fingerprinted[5]
    if can_fork_a_worker():
        # (the worker is a fork: it has the arguments, and the cache, without their being sent)
        with Worker("fork", forked_state, (fingerprinted,)) as worker:
            try:
                future = worker.submit("reading the files' digests", TIME_LIMIT, _fingerprint)
            except OSError:  # (no memory or no process left for a fork: here, after all)
                pass
            else:
                loaded = load()
                return worker.result(future), loaded
    return (*fingerprint_apart(*fingerprinted), digests), None


def _fingerprint(fingerprinted: tuple) -> tuple[bytes, bytes, FileDigests]:
    """In the worker: ``fingerprint_apart``'s two digests and the digests it took (sent back)."""
    sources, records = fingerprint_apart(*fingerprinted)
    return sources, records, fingerprinted[5]
