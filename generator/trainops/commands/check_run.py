"""``trainops check``: every data error and launch-readiness warning, from the cache of the last
check when no file changed since (a key of every source file's digest, the day and the history's
HEAD). That answer imports no loader, model or rule: they are imported by :mod:`.check` when
something changed, so a warm check starts as quickly as Python and the settings' reader allow."""

from __future__ import annotations

import contextlib
import hashlib
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

from ..load.history.state import history_state
from ..load.roster_place import roster_location
from ..load.settings import cache_keeps_out_of, read_settings, read_site_dir
from ..model.diagnostics import format_diagnostics, has_errors, sort_diagnostics
from ..model.errors import EXIT_DATA, EXIT_OK
from ..store.cache import CACHE_DIR, data_cache
from ..store.file_digests import FileDigests
from ..store.fingerprint import fingerprint_apart
from .stderr_notes import note_history, warn_no_cache, warn_no_history

__all__ = ["run_check"]


def _roster_outside(root: Path, settings, roster_env: str | None) -> bytes:
    """What a roster from the environment adds to the check's key: its place and, when it is
    outside the repository (which the fingerprint does not see), its bytes."""
    if not roster_env:
        return b""
    path, inside = roster_location(root, settings, roster_env)
    if inside:
        from .check import digest_of  # (the repository's reader: imported when a roster needs it)

        return f"\0roster\0{path}".encode() + digest_of(root, path)
    try:
        return f"\0roster\0{path}\0".encode() + hashlib.sha256(Path(path).read_bytes()).digest()
    except OSError:
        return f"\0roster\0{path}\0unreadable".encode()


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
    # (the bytes of the records apart: the project's own diagnostics do not depend on them)
    sources, records = fingerprint_apart(root, folders, files, outputs, CACHE_DIR, digests, settings.records_dir)
    digests.save()
    sources += f"\0{today}\0{program}\0{head}\0{no_history}".encode()  # (a clone made full keeps HEAD)
    # The settings as read, too: '!ENV' takes them from the environment, 'INHERIT' from another file.
    sources += repr(settings_read).encode()
    fingerprint = sources + records + _roster_outside(root, settings, roster_env)
    kept = cache.get("check", "", fingerprint)
    if isinstance(kept, tuple):  # (its diagnostics, and why the history could not be read)
        diagnostics, no_history = kept
        if no_history:
            warn_no_history(no_history, strict)
        elif note:
            note_history(note)
    else:
        from .check import check_records, load_checked  # (the loaders: only when something changed)

        # After an edit of the records only, the project's diagnostics are those of the last check
        # (the launch review is not made again); the project is loaded for the records' rules.
        known = cache.get("check-project", "", sources)
        project, diagnostics = load_checked(
            root, today, program, settings_read, cache, True, loading, strict, readiness=known is None
        )
        if known is None:
            cache.put("check-project", "", sources, diagnostics)
        diagnostics = list(known or diagnostics)
        with loading():
            diagnostics += check_records(root, project, cache, roster_env, digests, sources)
        diagnostics, no_history = sort_diagnostics(diagnostics), project.history.problem
        cache.put("check", "", fingerprint, (diagnostics, no_history))
    sys.stdout.write(format_diagnostics(diagnostics, output_format))
    if output_format == "text":
        errors = sum(d.severity == "error" for d in diagnostics)
        warnings = len(diagnostics) - errors
        print(
            f"{errors} {'error' if errors == 1 else 'errors'}, {warnings} {'warning' if warnings == 1 else 'warnings'}",
            file=sys.stderr,
        )
    return EXIT_DATA if has_errors(diagnostics, strict=strict) or (strict and no_history) else EXIT_OK
