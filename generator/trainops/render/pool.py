"""A big project on two cores: a worker process serialises most of the learner site's calendar
events and then renders the whole coordinator site, while this process renders the learner
site's pages and the rest of the events, and MkDocs builds the learner site with them.

The one concurrency mechanism of trainops is the standard library's ``multiprocessing`` (here,
and in the manuals' build). The worker starts by ``fork`` from a ``multiprocessing.Pool``, so it
has the loaded project already (the pool's initializer keeps it in the worker); only text comes
back. It is used only where it pays (:data:`MIN_SESSIONS`), never with other threads running (a
fork copies one thread: ``serve``'s live reload runs threads), and with a time limit; a failure
or a timeout ends the worker (``Pool.terminate``) and the build fails with the message one
process would give. The coordinator site stays in the
worker until its build asks for it (or, with PDF manuals, until the learner site's manuals are
about to start), so this process does not hold it while MkDocs builds the learner site.

Why this split: the 20,000 calendar files and the coordinator site's 60,000 messages are most of
the rendering of a big project, and they need nothing from MkDocs; MkDocs' own work on the
learner site keeps one core busy for far longer than the coordinator site takes to render.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.pool import AsyncResult
from typing import TypeVar

from ..model.project import Project
from ..plan.sites import COORDINATORS, LEARNERS, SITES
from ..plan.urls import Urls
from .environment import project_environment, template_problem
from .site import (
    GeneratedFile,
    RenderContext,
    calendar_writer,
    materials_outside_docs,
    render_calendars,
    render_pages,
    render_site,
)

__all__ = ["MIN_SESSIONS", "TIME_LIMIT", "SiteRender", "worth_a_worker", "RenderFailed"]

MIN_SESSIONS = 2_000  # below this a site renders in a few seconds: a worker costs more than it saves
TIME_LIMIT = 1800  # seconds for each of the worker's tasks; a hang never holds a build for ever
HAND_OVER = 100  # files brought back from the worker at a time
# The share of the calendar events the worker serialises while this process renders the learner
# site's pages (measured at 20,000 sessions: the pages take about 60 % of the time of all the events).
WORKER_EVENTS = 0.8

T = TypeVar("T")


class RenderFailed(Exception):
    """Rendering failed; the message is the one the same failure gives in one process."""


def worth_a_worker(project: Project) -> bool:
    return (
        len(project.sessions) >= MIN_SESSIONS
        and (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


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


# In the worker process only: the pool's initializer sets the first, the coordinator site's task the second.
_WORKER_CONTEXT: RenderContext | None = None
_WORKER_COORDINATOR_SITE: list[GeneratedFile] | None = None


def _start_worker(ctx: RenderContext) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = ctx


def _in_worker(work: Callable[[RenderContext], T]) -> T:
    assert _WORKER_CONTEXT is not None
    ctx = _WORKER_CONTEXT
    try:
        return _reported(lambda: work(ctx))
    except RenderFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - sent back as text: a traceback does not cross processes
        raise RenderFailed(f"{type(exc).__name__}: {exc}") from None


def _worker_calendar_events(stop: int) -> dict[str, bytes]:
    """The serialised events of the first ``stop`` sessions: 20 MB for 20,000, where their
    calendar files (each event in three of them) would be 80 MB to send."""
    return _in_worker(
        lambda ctx: calendar_writer(ctx.project, ctx.urls.use_directory_urls).events(ctx.project.sessions[:stop])
    )


def _worker_render_coordinator_site() -> int:
    """Renders the coordinator site and keeps it here; returns how many files it has."""
    global _WORKER_COORDINATOR_SITE
    _WORKER_COORDINATOR_SITE = _in_worker(
        lambda ctx: render_site(ctx.project, ctx.env, ctx.urls.use_directory_urls, ctx.manuals, COORDINATORS)
    )
    return len(_WORKER_COORDINATOR_SITE)


def _worker_hand_over(start: int, stop: int) -> list[GeneratedFile]:
    if _WORKER_COORDINATOR_SITE is None:  # (never: a worker that ended is noticed before)
        raise RenderFailed("the coordinator site was lost in the worker process")
    return _WORKER_COORDINATOR_SITE[start:stop]


class SiteRender:
    """The generated files of ``sites`` (both, for ``trainops build``; one, for ``mkdocs
    build``) of one project, the same files :func:`~trainops.render.site.render_site` gives.

    With a worker (a big project, ``workers`` 2, the learner site among ``sites``) the worker
    starts at once on most calendar events and then the coordinator site; :meth:`files` of the
    learner site renders its pages and the other events here. Without, :meth:`files` renders the
    site asked for here. Always :meth:`close` it (``with``)."""

    def __init__(
        self,
        project: Project,
        sites: tuple[str, ...] = SITES,
        use_directory_urls: bool = True,
        manuals: bool = False,
        workers: int = 2,
    ):
        self.project = project
        self.use_directory_urls = use_directory_urls
        self.manuals = manuals
        self._pool = None
        self._tasks: dict[str, AsyncResult] = {}  # until its result is taken
        self._coordinators: list[GeneratedFile] | None = None
        self._events_cut = 0
        # The coordinator site alone has nothing to render beside it: no worker for it.
        if workers > 1 and LEARNERS in sites and worth_a_worker(project):
            ctx = RenderContext(project, project_environment(project), Urls(use_directory_urls), manuals)
            try:
                self._pool = multiprocessing.get_context("fork").Pool(1, initializer=_start_worker, initargs=(ctx,))
            except OSError:  # no memory or no process left for a fork: one process renders everything
                self.close()
                self._pool = None
                return
            self._events_cut = round(WORKER_EVENTS * len(project.sessions))
            self._tasks["events"] = self._pool.apply_async(_worker_calendar_events, (self._events_cut,))
            if COORDINATORS in sites:
                self._tasks["coordinators"] = self._pool.apply_async(_worker_render_coordinator_site)

    def __enter__(self) -> SiteRender:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def files(self, site: str) -> list[GeneratedFile]:
        """Every generated file of ``site``; raises :class:`RenderFailed` for a template's mistake."""
        project = self.project
        if self._pool is None:
            return _reported(lambda: render_site(project, None, self.use_directory_urls, self.manuals, site))
        if site == COORDINATORS:
            self._coordinator_site()
            self.close()  # the worker has nothing left to do
            files, self._coordinators = self._coordinators, None  # MkDocs holds them from here
            assert files is not None
            return files
        ctx = RenderContext(project, project_environment(project), Urls(self.use_directory_urls), self.manuals)
        pages = _reported(lambda: render_pages(ctx))
        urls = self.use_directory_urls
        events = calendar_writer(project, urls).events(project.sessions[self._events_cut :])
        events.update(self._wait("events"))
        return pages + render_calendars(project, urls, events) + materials_outside_docs(project, LEARNERS)

    def problem(self) -> str | None:
        """What failed in the worker, as soon as it has (``None`` while it works or when all went well)."""
        for task in self._tasks.values():
            if task.ready() and not task.successful():
                try:
                    task.get(0)
                except Exception as exc:  # noqa: BLE001 - RenderFailed, or the pool's own trouble
                    return str(exc)
        return None

    def settle(self) -> None:
        """Let the worker finish what it was given, and end it: nothing else may fork while the
        pool's threads run (the manuals' build forks its own workers)."""
        if self._pool is not None and "coordinators" in self._tasks:
            self._coordinator_site()
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()

    def _coordinator_site(self) -> None:
        """Bring the worker's coordinator site over, a part at a time (the whole of a big site is
        120 MB: at once, its pickle would be as much again at the build's peak)."""
        if "coordinators" in self._tasks:
            assert self._pool is not None
            count = self._wait("coordinators")
            files: list[GeneratedFile] = []
            for start in range(0, count, HAND_OVER):
                files += self._result(self._pool.apply_async(_worker_hand_over, (start, start + HAND_OVER)))
            self._coordinators = files

    def _wait(self, name: str):
        """A task's result, handed on and forgotten here."""
        return self._result(self._tasks.pop(name))

    def _result(self, task):
        try:
            return task.get(TIME_LIMIT)
        except multiprocessing.TimeoutError:
            self.close()
            raise RenderFailed(f"rendering the pages took longer than {TIME_LIMIT} s") from None
