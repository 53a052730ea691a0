"""``trainops report [--out reports/] [--as-of DATE]``: the per-person outputs kept off both sites.

Into the out folder (default ``reports/`` beside mkdocs.yml): ``managers/<id>.html`` and
``managers/<id>.csv`` for each manager the roster names, ``transcripts.csv`` (every record of every
learner with its file:line, written as its rows are made) and ``follow-ups.csv``; and first a
``.gitignore`` of ``*``, since the reports name people. The folder is replaced whole on every run.

``--as-of DATE`` reports the records as they stood in the last commit before that day, with
``today`` = that day: the commit's files are written into a temporary folder straight from git's
objects (:mod:`trainops.load.history.snapshot`) and the project is loaded from there, as it would
be from a checkout of that commit; the records folder's CSV files are read from git's objects as
they are loaded, not written. A roster kept out of git is read where it is now (it holds
names and managers, not what training did). Retrain-due items come from the significant changes in
the history up to that commit (the snapshot has no history of its own).
"""

from __future__ import annotations

import contextlib
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from datetime import date
from functools import partial
from pathlib import Path

from ..load.history.blobs import BlobReader
from ..load.history.git import GitUnavailable, TreeFile, commit_before, repo_state, tree_files
from ..load.history.significant import project_significant_changes
from ..load.history.snapshot import CommitFiles, write_snapshot
from ..load.history.state import data_paths, history_state
from ..load.history.work_tree import dirty
from ..load.loading import load_project
from ..load.records import RecordFiles, load_records, roster_location, sheet_places
from ..load.settings import cache_keeps_out_of, read_settings, read_site_dir
from ..model.diagnostics import has_errors
from ..model.errors import EXIT_DATA, EXIT_OK, RenderFailed, UsageError
from ..model.training_records import Records
from ..plan.certification import program_certification
from ..plan.followups import program_follow_ups
from ..plan.manager_reports import ReportBasis, manager_reports
from ..plan.progress import program_progress
from ..plan.retrain import retrain_due
from ..plan.transcripts import learner_transcripts
from ..render.environment import project_environment, template_problem
from ..render.reports import StandingRows, follow_ups_csv, manager_csv, manager_html, transcripts_csv
from ..render.workers import TookTooLong, Worker, WorkerDied, can_fork_a_worker, forked_state
from ..store.cache import data_cache
from ..store.file_digests import FileDigests
from ..store.paths import report_dir_problem
from .check import Quiet
from .report_outputs import BESIDE_LIMIT, MadeBeside, ReportFile, as_of_key, current_key, kept_report, write_reports

__all__ = ["run_report", "report_files", "REPORT_FILE_NAME"]

# A manager id that is safe as a file name everywhere (the roster allows any id without spaces,
# '@' or ',', which could hold '/' or '..').
REPORT_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def run_report(
    root: Path,
    today: date,
    out: Path | None = None,
    as_of: date | None = None,
    roster_env: str | None = None,
    loading: Quiet = contextlib.nullcontext,
) -> int:
    settings_read = read_settings(root)
    settings = settings_read[0]
    folder = out or root / "reports"
    problem = report_dir_problem(root, settings, read_site_dir(root), folder)
    if problem:
        raise UsageError(f"{problem}; nothing was written")
    cache = data_cache(root, cache_keeps_out_of(root, settings))
    # Everything a report works out (millions of standings, rows and follow-ups at five years of
    # records) lives until its files are written: ``loading`` (the cycle collector kept off, in the
    # console script) holds for the whole run, not the loading alone. Its collections walked those
    # objects again and again: a third of the progress' time. (Nested, the inner ``loading`` is a
    # no-op.)
    with loading():
        if as_of is None:
            made = _report_now(root, settings_read, today, folder, roster_env, cache, loading)
        else:
            made = _report_as_of(root, settings_read, as_of, folder, roster_env, cache, loading)
    count, refused, kept = made
    for line in refused:
        print(f"trainops: {line}", file=sys.stderr)
    shown = folder.relative_to(root) if folder.is_relative_to(root) else folder
    done = f"kept the {count} files in {shown}, made of the same inputs" if kept else f"wrote {count} files to {shown}"
    print(f"{done} (they name people: keep them out of git and off the sites)")
    return EXIT_DATA if refused else EXIT_OK


# (how many files, the lines of what was refused, whether the folder held them already)
Made = tuple[int, list[str], bool]


def _report_now(root: Path, settings_read, today: date, folder: Path, roster_env, cache, loading: Quiet) -> Made:
    """The working tree's report, unless the folder holds it already (:func:`.report_outputs.kept_report`)."""
    # (the project loaded on another core from the start: the key is 2 s of a cold five-year
    # report; a report found kept ends the worker, loading or not)
    with _project_loaded_beside(root, settings_read[0], today, cache) as beside:
        head, _, _ = history_state(root)
        digests = FileDigests(cache, "report")
        key = current_key(root, settings_read, today, head, folder, roster_env, digests)
        # From here on only what the key was taken from is wanted, not the digests' memo: at five
        # years of records that is 100,000 files' stat data and digests, held three ways (38 MB of
        # the cold report's peak RSS, measured).
        taken = digests.taken
        del digests
        kept = kept_report(folder, key)
        if kept is not None:
            return (*kept, True)
        # (what the reports describe worked out once the key is taken, after the project's load)
        basis = beside.then(partial(_current_basis, root, today))
        files, refused = report_files(root, today, basis, roster_env, cache, loading)
    # (every input is read by now: one saved, or a commit made, since the key was taken gives a
    # report written as read and kept under no key, so the next run makes it again)
    current = taken.unchanged_since_taken() and history_state(root)[0] == head
    return write_reports(folder, files, key if current else "", refused), refused, False


def _report_as_of(root: Path, settings_read, as_of: date, folder: Path, roster_env, cache, loading: Quiet) -> Made:
    """The report of the last commit before ``as_of``, from its files written into a temporary
    folder (its records read from git's objects), unless the out folder holds it already."""
    try:
        commit = commit_before(root, as_of)
        if commit is None:
            raise UsageError(f"--as-of {as_of}: the repository has no commit before that day")
        committed = tree_files(root, commit.id)
    except GitUnavailable as exc:
        raise UsageError(f"--as-of needs the project's git history: {exc}") from None
    roster = roster_env or _roster_kept_out_of_git(root, committed, settings_read[0].roster_path)
    key = as_of_key(root, settings_read, as_of, commit.id, roster)
    kept = kept_report(folder, key)
    if kept is not None:
        return (*kept, True)
    with tempfile.TemporaryDirectory(prefix="trainops-as-of-") as tmp:
        basis, history = partial(ReportBasis, as_of, commit.short, commit.day), (root, commit.id)
        try:
            files, refused = _commit_report_files(Path(tmp), committed, as_of, basis, roster, cache, loading, history)
        except GitUnavailable as exc:
            raise UsageError(f"--as-of {as_of}: commit {commit.short} could not be read: {exc}") from None
        del committed  # (100,000 paths at five years: not held while the reports are made)
        count = write_reports(folder, files, key, refused)
    return count, refused, False


def _commit_report_files(
    snapshot: Path, committed: list[TreeFile], as_of: date, basis, roster, cache, loading: Quiet, history
):
    """:func:`report_files` of the commit whose files are ``committed``: the project's written into
    the empty folder ``snapshot``, the records read from git's objects as they are loaded."""
    repository = history[0]
    with BlobReader(repository) as blobs:
        write_snapshot(committed, snapshot, blobs)
    settings, _ = read_settings(snapshot)
    with BlobReader(repository) as blobs, _project_loaded_beside(snapshot, settings, as_of, cache) as beside:
        records_files = CommitFiles(committed, blobs)
        return report_files(snapshot, as_of, beside.then(basis), roster, cache, loading, history, records_files)


def _current_basis(root: Path, today: date) -> ReportBasis:
    """The working tree's records: HEAD's commit, and whether the data differs from it."""
    try:
        state = repo_state(root)
        head = commit_before(root)
        settings, _ = read_settings(root)
        changed = dirty(root, [*data_paths(settings), settings.records_dir.strip("/")], state.object_format)
    except GitUnavailable:
        return ReportBasis(today)
    if head is None:
        return ReportBasis(today)
    return ReportBasis(today, head.short, head.day, bool(changed))


def _roster_kept_out_of_git(root: Path, committed: list[TreeFile], roster_path: str) -> str | None:
    """The roster as it is now, when the commit has none (a git-ignored roster): the reports
    need its managers. None when the commit has one (``committed``: the commit's files), or there
    is none now either."""
    current, wanted = root / roster_path, roster_path.strip("/")
    if any(entry.path == wanted for entry in committed) or not current.is_file():
        return None
    return str(current)


def report_files(
    root: Path,
    today: date,
    basis_of: Callable[[], ReportBasis],
    roster_env,
    cache,
    loading: Quiet,
    history: tuple[Path, str] | None = None,
    records_files: RecordFiles | None = None,
) -> tuple[Iterator[ReportFile], list[str]]:
    """(each report's name in the out folder and its text in pieces, made as they are written;
    the lines of what was refused, to which a manager who cannot name a file is added as the
    files are made). ``basis_of()``: what the reports describe, once the project is in the cache
    (:meth:`_ProjectWorker.then`, from :func:`_project_loaded_beside` entered by the caller). ``history``: the project
    folder and commit whose history the retrain-due items come from, when ``root`` is a snapshot
    of that commit (``--as-of``); by default the history of ``root`` up to HEAD (none outside git).
    ``records_files``: where the records files are read from (by default the working tree of
    ``root``; that commit's objects for ``--as-of``). The records are read before this returns."""
    settings, _ = read_settings(root)
    with loading():
        records, record_problems = load_records(root, settings, None, roster_env, cache, files=records_files)
        basis = basis_of()
        project, diagnostics = load_project(root, settings, today, cache)
        record_problems += sheet_places(root, settings, project, records_files)
    refused = []
    if has_errors([*diagnostics, *record_problems]):
        refused.append("the data has errors (see trainops check): the reports leave their rows out")
    if records.roster is None:
        where, _ = roster_location(root, settings, roster_env)
        refused.append(f"no roster at {where}: no manager reports, names or managers in the other files")
    progress = {slug: program_progress(project, records, slug) for slug in sorted(project.programs)}
    env = project_environment(project)
    certifications = {
        slug: found for slug in progress if (found := program_certification(project, records, slug, progress[slug]))
    }
    # (the project's history of change notices is not read here: only the significant changes' log)
    repository, tip = history or (root, "HEAD")
    changes = project_significant_changes(project, repository, tip)

    def files() -> Iterator[ReportFile]:
        # Each file is made as it is written and dropped then: at five years of records the
        # manager reports and the follow-ups are about a gigabyte of text. The transcripts come
        # first, when the least is held beside the records: the follow-ups and the retrain-due
        # items are worked out after them.
        nonlocal records
        # The transcripts (a third of the making and writing at five years) on a second core,
        # where there is one: a worker forked here makes and writes them while this process makes
        # the other files (first: no thread may run when the worker is forked). The worker reads
        # the records as they are now; this process lets go of them below, the worker's copy not.
        yield (
            "transcripts.csv",
            MadeBeside(
                lambda: transcripts_csv(records, learner_transcripts(project, records, progress, certifications), basis)
            ),
        )
        # (the follow-ups from the progress worked out once: follow_ups() would work it out again)
        items = [
            item for slug in sorted(progress) for item in program_follow_ups(project, records, slug, progress[slug])
        ]
        retrain = retrain_due(project, records, changes, progress) if changes else {}
        yield "follow-ups.csv", follow_ups_csv(records, items, basis)
        # The managers' reports need the roster alone (and what was worked out from the records):
        # the rows are let go of, 500 MB at five years, so the reports are made in their room.
        records = Records(roster=records.roster, roster_path=records.roster_path)
        rows = StandingRows(env)  # (each standing's row made once for every report that shows it)
        for report in manager_reports(project, records, progress, items, certifications, retrain):
            if not REPORT_FILE_NAME.fullmatch(report.manager):
                first = min((p.source for p in report.people), default=settings.roster_path)
                refused.append(
                    f"{first}: manager '{report.manager}' cannot name a file (letters, digits, '.', '_' and '-' "
                    "only): no report was written for them"
                )
                continue
            yield f"managers/{report.manager}.html", [_rendered(manager_html, env, report, basis, rows)]
            yield f"managers/{report.manager}.csv", [manager_csv(report, basis, rows)]

    return files(), refused


@contextlib.contextmanager
def _project_loaded_beside(root: Path, settings, today: date, cache) -> Iterator[_ProjectWorker]:
    """A worker forked on entry loads the project, putting what it parses in the cache, so that a
    load in this process meanwhile or after finds it there (on a cold cache the schedule is most
    of a load: 7 s for 100,000 sessions). No second core, no cache, or another thread running: no
    worker. Leaving the block ends a worker still running (a report found kept needs nothing of
    it; a bug met there then goes unseen).
    (The worker leaves out the checks across files, which the load here makes: sending back their
    findings saved nothing measurable. On a warm cache the worker finds everything there, a
    second or two of the other core.)"""
    with contextlib.ExitStack() as stack:
        beside = _ProjectWorker()
        if cache.enabled and can_fork_a_worker():
            with contextlib.suppress(OSError):  # (no memory, file or process left for a worker: loaded here)
                worker = stack.enter_context(Worker("fork", forked_state, ((root, settings, today, cache),)))
                beside = _ProjectWorker(worker, worker.submit("loading the project", BESIDE_LIMIT, _load_in_worker))
        yield beside


class _ProjectWorker:
    """The worker of :func:`_project_loaded_beside` and its load (none: no worker)."""

    def __init__(self, worker: Worker | None = None, load: Future | None = None):
        self._worker = worker
        self._tasks = [load] if load is not None else []

    def then(self, basis_of: Callable[[], ReportBasis]) -> Callable[[], ReportBasis]:
        """``basis()``: ``basis_of()``, what the reports describe (git asked what differs from HEAD:
        1 s at five years), worked out by the worker once the load is done, or here without one.
        Called once the report's key is taken: what the reports say they describe is then no older
        than the key (an edit saved after it keeps the report under no key)."""
        if self._worker is not None and self._tasks:
            with contextlib.suppress(WorkerDied):  # (a worker already dead: worked out here)
                self._tasks.append(
                    self._worker.submit("working out what the reports describe", BESIDE_LIMIT, _run, basis_of)
                )

        def basis() -> ReportBasis:
            worker, tasks, self._tasks = self._worker, self._tasks, []
            found = None
            # (a worker over its limit or killed only leaves the cache without the project, which is
            # then loaded here; a bug in it is a bug)
            with contextlib.suppress(TookTooLong, WorkerDied):
                for task in tasks:
                    assert worker is not None  # (tasks only with a worker)
                    found = worker.result(task)
            return found if isinstance(found, ReportBasis) else basis_of()

        return basis


def _load_in_worker(load: tuple) -> None:
    """In the worker (its state: load_project's arguments): the project loaded, its files'
    results put in the cache; nothing sent back."""
    root, settings, today, cache = load
    load_project(root, settings, today, cache, cross_checks=False)


def _run(_state: tuple, work: Callable[[], ReportBasis]) -> ReportBasis:
    """In the worker: ``work()``."""
    return work()


def _rendered(render: Callable[..., str], *args) -> str:
    """``render(*args)``, with a mistake in a theme folder's template (user input, not a bug) as
    :class:`~trainops.model.errors.RenderFailed`: one line naming the template and its line."""
    try:
        return render(*args)
    except Exception as exc:
        problem = template_problem(exc)
        if problem is None:
            raise
        raise RenderFailed(f"{problem}; the reports were not written and the previous ones are unchanged") from None
