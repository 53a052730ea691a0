"""``trainops check``: every data error and launch-readiness warning, and the cache that makes a
second check on unchanged files cost nothing; ``load_checked`` loads a project the same way for
the commands that go on to use it."""

from __future__ import annotations

import contextlib
import hashlib
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

from ..load.history.significant import project_significant_changes
from ..load.history.state import history_state
from ..load.loading import load_project, read_bytes
from ..load.records import expired_diagnostics, load_records, records_present, roster_location
from ..load.records.locks import locked_changes
from ..load.settings import cache_keeps_out_of, read_settings, read_site_dir, schedule_files
from ..load.yamlsource import YamlError
from ..model.diagnostics import Diagnostic, format_diagnostics, has_errors, sort_diagnostics
from ..model.errors import EXIT_DATA, EXIT_OK, UsageError
from ..model.event_versions import PublishedCalendar
from ..model.project import Project
from ..model.suggest import did_you_mean
from ..plan.calendar_versions import uncommitted_events
from ..plan.followups import follow_ups
from ..plan.retrain import retrain_due
from ..readiness import readiness_findings
from ..readiness.follow_up_warnings import follow_up_diagnostics
from ..readiness.records import record_diagnostics
from ..readiness.records.locks import locked_row_diagnostics
from ..readiness.records.retrain import retrain_diagnostics
from ..readiness.renewal_warnings import renewal_diagnostics
from ..render.template_check import check_templates
from ..store.cache import CACHE_DIR, DataCache, data_cache
from ..store.file_digests import FileDigests
from ..store.fingerprint import fingerprint_apart
from .record_checks import records_by_program

__all__ = ["load_checked", "run_check", "check_records"]

Quiet = Callable[[], AbstractContextManager]


def load_checked(
    root: Path,
    today: date,
    program: str | None = None,
    settings_read=None,
    cache=None,
    history: bool = False,
    loading: Quiet = contextlib.nullcontext,
    strict: bool = False,
    published_calendar: PublishedCalendar | None = None,
    readiness: bool = True,
) -> tuple[Project, list[Diagnostic]]:
    """Data errors of every file, then the launch-readiness warnings (of one program).
    ``settings_read``: what ``read_settings(root)`` gave, when the caller has it already.
    ``history``: read what changed from git (check and build), say once when it cannot (an error
    with ``strict``: the caller fails), and warn of calendar events dated by uncommitted edits.
    ``loading``: a context the loading runs in (the command line keeps the collector out of it).
    ``published_calendar``: for a build, the calendar events of the site it replaces (see load_project).
    ``readiness``: False leaves out the launch-readiness warnings and the templates' problems (the
    caller has them)."""
    settings, problems = settings_read or read_settings(root)
    if cache is None:
        cache = data_cache(root, cache_keeps_out_of(root, settings))
        warn_no_cache(cache)
    with loading():
        project, diagnostics = load_project(root, settings, today, cache, history, published_calendar)
        if history and project.history.problem:
            warn_no_history(project.history.problem, strict)
        if history and project.history.note:
            note_history(project.history.note)
        if program is not None and program not in project.programs:
            raise UsageError(f"--program: unknown program '{program}'{did_you_mean(program, project.programs)}")
        warnings = _launch_review(root, project, program, settings, cache, history) if readiness else []
    templates = check_templates(root, settings.theme_dir, cache) if readiness else []
    cache.prune()
    return project, problems + diagnostics + templates + warnings


def _launch_review(
    root: Path, project: Project, program: str | None, settings, cache: DataCache, history: bool
) -> list[Diagnostic]:
    """The launch-readiness warnings (and, with the history, the calendar events dated by edits
    not committed yet)."""
    # Double bookings and hours depend on the schedule, the people and the day only: after an
    # edit elsewhere (an SOP, a program) they come from the cache.
    inputs = [settings.people_path, *schedule_files(root, settings)]
    # (their paths too: a finding names the file it is in)
    key = b"".join(rel.encode() + b"\0" + _digest_of(root, rel) for rel in inputs) + str(project.today).encode()
    kept = project.derived.session_findings = cache.get("session-findings", "", key)
    warnings = [f.as_diagnostic() for f in readiness_findings(project, program)]
    if history:
        warnings += uncommitted_events(project)
    if kept is None:
        cache.put("session-findings", "", key, project.derived.session_findings)
    return warnings


def check_records(
    root: Path,
    project: Project,
    cache: DataCache | None = None,
    roster_env: str | None = None,
    digests: FileDigests | None = None,
    sources: bytes = b"",
) -> list[Diagnostic]:
    """The records' problems (and, with ``records_keep``, the files kept too long): nothing, and
    nothing read, when there is no records folder and no roster. With ``digests`` (the files'
    digests check's key took) and a cache, each program's share is cached apart
    (:mod:`.record_checks`); a roster outside the repository, never cached, reads everything.
    ``sources``: the key of what the project was loaded from (check's own)."""
    settings = project.settings
    if not records_present(root, settings, roster_env):
        return []
    roster_path, inside = roster_location(root, settings, roster_env)
    if digests is not None and cache is not None and cache.enabled and inside:
        return records_by_program(root, project, cache, digests, roster_env, roster_path, sources)
    records, diagnostics = load_records(root, settings, project, roster_env, cache)
    diagnostics += record_diagnostics(project, records)
    diagnostics += expired_diagnostics(records, project, settings.records_keep, project.today)
    # Who needs following up, and by whom: a warning each (ids, never names).
    diagnostics += follow_up_diagnostics(project, records, follow_ups(project, records))
    # Whose certification runs out with no session to renew in (counts only).
    diagnostics += renewal_diagnostics(project, records)
    locked, problems = locked_changes(root, settings.records_dir, records.locks)
    diagnostics += problems + locked_row_diagnostics(locked, records.corrections)
    changes = project_significant_changes(project)
    if changes:
        diagnostics += retrain_diagnostics(project, retrain_due(project, records, changes))
    return diagnostics


def note_history(note: str) -> None:
    """Once per command, on stderr, where the history comes from when it is not the project's own."""
    print(f"trainops: note: {note} [history-enclosing]", file=sys.stderr)


def warn_no_history(problem: str, strict: bool = False) -> None:
    """Once per command, on stderr: not a problem of any file. With ``--strict`` an error, which
    fails the command: without the history, calendars would go backwards."""
    if not strict:
        print(f"trainops: warning: {problem} [history-unavailable]", file=sys.stderr)
        return
    print(
        f"trainops: error: {problem} (--strict fails without it: this build's calendar events could "
        f"have lower versions than those published, and calendar clients ignore them) [history-unavailable]",
        file=sys.stderr,
    )


def warn_no_cache(cache: DataCache) -> None:
    """On stderr, when a command opens the cache and its signing key is not safe to use: the
    command works, only slower, and the user learns how to make it fast again."""
    if cache.problem:
        print(f"trainops: warning: nothing is cached: {cache.problem} [{cache.problem_id}]", file=sys.stderr)


def _digest_of(root: Path, rel: str) -> bytes:
    try:
        return hashlib.sha256(read_bytes(root, rel)).digest()  # (never a file outside the repository)
    except (OSError, YamlError):
        return b"-" * 32


def _roster_outside(root: Path, settings, roster_env: str | None) -> bytes:
    """What a roster from the environment adds to the check's key: its place and, when it is
    outside the repository (which the fingerprint does not see), its bytes."""
    if not roster_env:
        return b""
    path, inside = roster_location(root, settings, roster_env)
    if inside:
        return f"\0roster\0{path}".encode() + _digest_of(root, path)
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
    loading: Quiet = contextlib.nullcontext,
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
