"""What ``trainops check`` works out when a file changed since the last check (the command and its
cache are :mod:`.check_run`): ``load_checked``, the data errors of every file and the
launch-readiness warnings, which loads a project the same way for the commands that go on to use
it, and ``check_records``, the records' problems."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

from ..load.history.significant import project_significant_changes
from ..load.loading import load_project
from ..load.records import expired_diagnostics, load_records, records_present, roster_location
from ..load.records.locks import locked_changes
from ..load.settings import cache_keeps_out_of, read_settings
from ..model.diagnostics import Diagnostic
from ..model.errors import UsageError
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
from ..store.cache import DataCache, data_cache
from ..store.results_to_keep import ResultsToKeep
from .record_checks import records_by_program
from .stderr_notes import note_history, warn_no_cache, warn_no_history

__all__ = ["Quiet", "check_records", "load_checked", "prune_cache"]

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
    prune: bool = True,
) -> tuple[Project, list[Diagnostic]]:
    """Data errors of every file, then the launch-readiness warnings (of one program).
    ``settings_read``: what ``read_settings(root)`` gave, when the caller has it already.
    ``history``: read what changed from git (check and build), say once when it cannot (an error
    with ``strict``: the caller fails), and warn of calendar events dated by uncommitted edits.
    ``loading``: a context the loading runs in (the command line keeps the collector out of it).
    ``published_calendar``: for a build, the calendar events of the site it replaces (see load_project).
    ``readiness``: False leaves out the launch-readiness warnings, the templates' problems and the
    checks across files (the caller has them). ``prune``: False leaves the cache as big as it is
    (a build prunes it when it is done: :func:`prune_cache`)."""
    started = time.time()
    settings, problems = settings_read or read_settings(root)
    if cache is None:
        cache = data_cache(root, cache_keeps_out_of(root, settings))
        warn_no_cache(cache)
    with loading():
        project, diagnostics = load_project(root, settings, today, cache, history, published_calendar, readiness)
        if history and project.history.problem:
            warn_no_history(project.history.problem, strict)
        if history and project.history.note:
            note_history(project.history.note)
        if program is not None and program not in project.programs:
            raise UsageError(f"--program: unknown program '{program}'{did_you_mean(program, project.programs)}")
        warnings = _launch_review(project, program, settings, cache, history) if readiness else []
    templates = check_templates(root, settings.theme_dir, cache) if readiness else []
    if prune:
        cache.prune(used_since=started)
    return project, problems + diagnostics + templates + warnings


def prune_cache(root: Path, used_since: float) -> None:
    """Keep the project's cache within its bound, sparing what was used since ``used_since``."""
    settings, _problems = read_settings(root)
    data_cache(root, cache_keeps_out_of(root, settings)).prune(used_since=used_since)


def _launch_review(
    project: Project, program: str | None, settings, cache: DataCache, history: bool
) -> list[Diagnostic]:
    """The launch-readiness warnings (and, with the history, the calendar events dated by edits
    not committed yet)."""
    # Double bookings and hours depend on the sessions, the people and the day only: after an
    # edit elsewhere (an SOP, a program) they come from the cache. The key is made of the digests
    # of the bytes the load read (not of the files as they are now: a schedule saved after the load
    # would put the findings of its old bytes under the key of its new ones), of the people file
    # and of each file a session came from (one none came from adds nothing to the findings). So
    # they are put in the cache at once, not after a look at the files (ResultsToKeep): whatever
    # was saved since, this key names the bytes they were made from.
    inputs = [settings.people_path, *sorted({session.path for session in project.sessions})]
    # (their paths too: a finding names the file it is in)
    read = project.sources_read
    key = b"".join(rel.encode() + b"\0" + read.get(rel, _UNREAD) for rel in inputs) + str(project.today).encode()
    kept = project.derived.session_findings = cache.get("session-findings", "", key)
    warnings = [f.as_diagnostic() for f in readiness_findings(project, program)]
    if history:
        warnings += uncommitted_events(project)
    if kept is None:
        cache.put("session-findings", "", key, project.derived.session_findings)
    return warnings


_UNREAD = b"-" * 32  # (the people file's place in the key when the load could not read it)


def check_records(
    root: Path,
    project: Project,
    cache: DataCache | None = None,
    roster_env: str | None = None,
    keeping: ResultsToKeep | None = None,
    sources: bytes = b"",
) -> list[Diagnostic]:
    """The records' problems (and, with ``records_keep``, the files kept too long): nothing, and
    nothing read, when there is no records folder and no roster. With ``keeping`` (check's cache
    and the digests its key took) and a cache that keeps, each program's share is cached apart
    (:mod:`.record_checks`), waiting in ``keeping`` until the caller keeps it with its own results;
    a roster outside the repository, never cached, reads everything. ``sources``: the key of what
    the project was loaded from (check's own)."""
    settings = project.settings
    if not records_present(root, settings, roster_env):
        return []
    roster_path, inside = roster_location(root, settings, roster_env)
    if keeping is not None and keeping.cache.enabled and inside:
        return records_by_program(root, project, keeping, roster_env, roster_path, sources)
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
