"""A big project on two cores: a worker process serialises the learner site's calendar events and
then renders the whole coordinator site, while this process renders the learner site's pages,
takes back the events the worker has not begun by then (:data:`EVENTS_TASK`), and MkDocs builds
the learner site with them.

The worker is a :class:`~trainops.render.workers.Worker` started by ``fork``, so it has the loaded
project already (its ``setup`` keeps the render context in a :class:`_RenderWorker`); only text
comes back. It is used only where it pays (:data:`MIN_SESSIONS`), never with other threads
running (a fork copies one thread: ``serve``'s live reload runs threads), and with a time limit
on each task. A template's mistake (or a full disk) in the worker fails the build with the message
one process would give; a bug there is a bug here (exit 3, with the worker's traceback); a task
over its limit or a worker the system killed ends the worker and fails the build saying so. The coordinator site
is never held whole by either process: the worker reads the records itself and writes each file
into a folder of this build's as soon as it is rendered (:func:`_written_out`), and hands over only
their names once its build asks for them (or, with PDF manuals, once the learner site's manuals are
about to start); MkDocs reads each page from there when it converts it (at five years of a large
organisation's records the coordinator site is 580 MB of text, held by both processes before: a
build's peak of 2.2 GB). MkDocs reads a page as it reads any page on disk: a carriage return at
a line's end as a plain line end, and a byte-order mark at its start left out.

Why this split: the 20,000 calendar files and the coordinator site's 60,000 messages are most of
the rendering of a big project, and they need nothing from MkDocs; MkDocs' own work on the
learner site keeps one core busy for far longer than the coordinator site takes to render.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from jinja2 import BytecodeCache

from ..model.errors import RenderFailed
from ..model.project import Project
from ..plan.coordinator_records import CoordinatorRecords
from ..plan.sites import COORDINATORS, LEARNERS, SITES
from ..plan.urls import Urls
from ..store.staged_folder import discard, scratch_for
from .environment import project_environment, template_problem
from .kept_pages import KeptProgramPages
from .schedule_rows import ScheduleRows
from .site import (
    GeneratedFile,
    RenderContext,
    calendar_writer,
    materials_outside_docs,
    render_calendars,
    render_pages,
    render_site,
    site_files,
)
from .workers import Worker, can_fork_a_worker

__all__ = ["CoordinatorShare", "MIN_SESSIONS", "TIME_LIMIT", "SiteRender", "worth_a_worker", "RenderFailed"]

MIN_SESSIONS = 2_000  # below this a site renders in a few seconds: a worker costs more than it saves
TIME_LIMIT = 1800  # seconds for each of the worker's tasks (the coordinator site's: its records read too)
# The calendar events are given to the worker in tasks of this many sessions, before the coordinator
# site: once this process has rendered the learner site's pages, it takes back the tasks the worker
# has not begun and serialises those events itself. The split follows the machine's load and the
# coordinator site's size (a year of records made it twice as long: a fixed share of the events
# left one process waiting for the other).
EVENTS_TASK = 1_000

T = TypeVar("T")
# What the coordinator site shows of the training records, and its pages kept by an earlier build.
CoordinatorShare = Callable[[], tuple[CoordinatorRecords | None, KeptProgramPages | None]]


def worth_a_worker(project: Project) -> bool:
    return len(project.sessions) >= MIN_SESSIONS and can_fork_a_worker()


def _reported(work: Callable[[], T]) -> T:
    """``work()``, with a mistake in a template (user input, not a bug) as :class:`RenderFailed`."""
    try:
        return work()
    except RenderFailed:
        raise
    except Exception as exc:
        problem = template_problem(exc)
        if problem is None:
            raise
        raise RenderFailed(problem) from None


class _RenderWorker:
    """What the worker process keeps between its tasks: the render context (its project came
    over by fork), and how to read the coordinator site's share of the records."""

    def __init__(self, ctx: RenderContext, share: CoordinatorShare | None):
        self.ctx = ctx
        self.share = share  # for the coordinator site only (ctx is the learner site's)


def _worker_calendar_events(worker: _RenderWorker, start: int, stop: int) -> dict[str, bytes]:
    """The serialised events of the sessions ``start:stop``: 20 MB for 20,000, where their
    calendar files (each event in three of them) would be 80 MB to send."""
    ctx = worker.ctx
    return _reported(
        lambda: calendar_writer(ctx.project, ctx.urls.use_directory_urls).events(ctx.project.sessions[start:stop])
    )


def _worker_render_coordinator_site(worker: _RenderWorker, folder: str) -> list[GeneratedFile]:
    """Renders the coordinator site into ``folder``; returns its files, each naming its copy there."""
    ctx = worker.ctx

    def written() -> list[GeneratedFile]:
        records, kept = worker.share() if worker.share is not None else (None, None)
        coordinators = RenderContext(ctx.project, ctx.env, ctx.urls, ctx.manuals, COORDINATORS, records, kept=kept)
        return _written_out(site_files(coordinators), Path(folder))

    return _reported(written)


def _written_out(files: Iterable[GeneratedFile], folder: Path) -> list[GeneratedFile]:
    """Each file written into ``folder`` (numbered in order: the docs path is only MkDocs'), as it
    comes, with its content let go: the files as :attr:`GeneratedFile.source` names them."""
    out = []
    for number, file in enumerate(files):
        path = folder / f"{number:06d}"
        # (a lone surrogate, which YAML's escapes can make, as the character reference MkDocs writes)
        content = file.content.encode("utf-8", "xmlcharrefreplace") if isinstance(file.content, str) else file.content
        with open(path, "xb") as stream:
            stream.write(content)
        out.append(replace(file, content="", source=str(path)))
    return out


class SiteRender:
    """The generated files of ``sites`` (both, for ``trainops build``; one, for ``mkdocs
    build``) of one project, the same files :func:`~trainops.render.site.render_site` gives.

    With a worker (a big project, ``workers`` 2, the learner site among ``sites``) the worker
    starts at once on most calendar events and then the coordinator site; :meth:`files` of the
    learner site renders its pages and the other events here. Without, :meth:`files` renders the
    site asked for here. ``share``: asked for once, where the coordinator site is rendered (so in
    the worker, when there is one: this process never holds the records then), what that site shows
    of the training records (handed to its render only) and its programs' status and reminders
    pages rendered by an earlier build (:mod:`.kept_pages`). ``scratch``: the worker writes the
    coordinator site into a folder beside this one (``trainops build``'s coordinator site: a build
    that is killed leaves it for the next to sweep, :func:`~trainops.store.staged_folder.scratch_for`),
    else into the system's temporary folder: as much free disk as the coordinator site takes.
    Always :meth:`close` it (``with``)."""

    def __init__(
        self,
        project: Project,
        sites: tuple[str, ...] = SITES,
        use_directory_urls: bool = True,
        manuals: bool = False,
        workers: int = 2,
        share: CoordinatorShare | None = None,
        on_request: bool = False,
        compiled: BytecodeCache | None = None,
        schedule_rows: ScheduleRows | None = None,
        scratch: Path | None = None,
    ):
        self.project = project
        self.share = share
        self.on_request = on_request  # a preview's: some files made when asked for (see render_site)
        self.compiled = compiled  # templates compiled by an earlier render (a preview's)
        self.schedule_rows = schedule_rows  # the schedule's rows of an earlier render (a preview's)
        self.use_directory_urls = use_directory_urls
        self.manuals = manuals
        self._worker: Worker | None = None
        self._tasks: dict[str, Future] = {}  # until its result is taken
        self._coordinators: list[GeneratedFile] | None = None
        self._folder: str | None = None  # where the worker writes the coordinator site (removed by close)
        self._events: list[tuple[int, int, Future]] = []  # the worker's tasks of events: start, stop, task
        self._ctx: RenderContext | None = None  # the learner site's, made once for the worker and this process
        # The coordinator site alone has nothing to render beside it: no worker for it.
        if workers > 1 and LEARNERS in sites and worth_a_worker(project):
            try:
                self._start_worker(project, sites, share, scratch)
            except BaseException:
                self.close()
                raise

    def _start_worker(
        self, project: Project, sites: tuple[str, ...], share: CoordinatorShare | None, scratch: Path | None
    ) -> None:
        """The worker at work on the events and the coordinator site; none when nothing can be
        written or forked (one process then renders everything, and the build says why it fails)."""
        if COORDINATORS in sites:
            try:  # (where the worker writes the coordinator site; close removes it)
                self._folder = str(
                    scratch_for(scratch, "pages") if scratch else tempfile.mkdtemp(prefix="trainops-pages-")
                )
            except OSError:
                return
        urls, manuals = Urls(self.use_directory_urls), self.manuals
        ctx = self._ctx = RenderContext(project, project_environment(project), urls, manuals)
        worker = Worker("fork", _RenderWorker, (ctx, share if COORDINATORS in sites else None))
        try:
            for start in range(0, len(project.sessions), EVENTS_TASK):
                stop = min(start + EVENTS_TASK, len(project.sessions))
                task = worker.submit(
                    "serialising the calendar events", TIME_LIMIT, _worker_calendar_events, start, stop
                )
                self._events.append((start, stop, task))
        except OSError:  # no memory or no process left for a fork
            return
        self._worker = worker
        if self._folder is not None:
            self._tasks["coordinators"] = worker.submit(
                "rendering the coordinator site", TIME_LIMIT, _worker_render_coordinator_site, self._folder
            )

    def __enter__(self) -> SiteRender:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def files(self, site: str) -> list[GeneratedFile]:
        """Every generated file of ``site``; raises :class:`RenderFailed` for a template's mistake
        (or a worker's task over its limit, or a worker the system killed)."""
        project = self.project
        if self._worker is None:
            # (never the learner site's)
            records, kept = self.share() if site == COORDINATORS and self.share is not None else (None, None)
            env = project_environment(project, self.compiled)
            urls = self.use_directory_urls
            rows = self.schedule_rows
            return _reported(
                lambda: render_site(project, env, urls, self.manuals, site, records, self.on_request, rows, kept)
            )
        if site == COORDINATORS:
            self._coordinator_site()
            self._end_worker()  # it has nothing left to do
            files, self._coordinators = self._coordinators, None  # MkDocs holds them from here
            assert files is not None
            return files
        ctx = self._ctx
        assert ctx is not None  # (made with the worker)
        pages = _reported(lambda: render_pages(ctx))
        urls = self.use_directory_urls
        worker, events = self._worker, {}
        writer = calendar_writer(project, urls)
        # (the last ones first: the worker's ahead of it stay its to do, in order)
        for start, stop, task in reversed(self._events):
            if worker.withdraw(task):
                events.update(writer.events(project.sessions[start:stop]))
            else:
                events.update(worker.result(task))
        self._events = []
        return pages + render_calendars(project, urls, events) + materials_outside_docs(project, LEARNERS)

    def raise_failure(self) -> None:
        """Raise what failed in the worker as soon as it has (nothing while it works or when all
        went well): :class:`RenderFailed` for what the user can act on, a bug as a bug."""
        if self._worker is not None:
            self._worker.raise_failure()

    def settle(self) -> None:
        """Let the worker finish what it was given, and end it: the worker's memory goes back
        before the manuals' workers start. (The coordinator site's files stay until :meth:`close`.)"""
        if self._worker is not None and "coordinators" in self._tasks:
            self._coordinator_site()
        self._end_worker()

    def close(self) -> None:
        """End the worker and remove the coordinator site's files it wrote: call it once MkDocs
        has built the coordinator site (or the build has failed)."""
        self._end_worker()
        if self._folder is not None:
            discard(Path(self._folder))
            self._folder = None

    def _end_worker(self) -> None:
        if self._worker is not None:
            self._worker.close()

    def _coordinator_site(self) -> None:
        """The worker's coordinator site, once it has written it (:func:`_written_out`)."""
        if "coordinators" in self._tasks:
            assert self._worker is not None
            self._coordinators = self._worker.result(self._tasks.pop("coordinators"))
