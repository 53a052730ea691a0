"""A big site on two cores: half the programs' pages and every calendar file rendered by one
worker process while this one renders the rest.

The one concurrency mechanism of trainops is the standard library's ``multiprocessing`` (here,
and in the manuals' build). The worker starts by ``fork`` from a ``multiprocessing.Pool``, so it
has the loaded project already (the pool's initializer keeps it in the worker); only slugs go to
it and only text comes back. It is used only where it pays (:data:`MIN_SESSIONS`), never with
other threads running (a fork copies one thread: ``serve``'s live reload runs threads), and with
a time limit; a failure or a timeout ends the worker (``Pool.terminate``) and the build fails with
the message one process would give.
"""

from __future__ import annotations

import multiprocessing
import os
import threading

from ..project import Project
from ..readiness import check_readiness
from ..reminders import plan_reminders
from .environment import make_environment, template_problem
from .site import (
    LEARNERS,
    GeneratedFile,
    ProgramPages,
    RenderContext,
    assemble_pages,
    materials_outside_docs,
    render_calendars,
    render_program_pages,
    render_site,
)
from .urls import Urls

__all__ = ["MIN_SESSIONS", "TIME_LIMIT", "render_site_on_cores", "worth_a_worker", "RenderFailed"]

MIN_SESSIONS = 2_000  # below this a site renders in a few seconds: a worker costs more than it saves
TIME_LIMIT = 1800  # seconds for the worker's share; a hang never holds a build for ever


class RenderFailed(Exception):
    """The worker's rendering failed; the message is the one the same failure gives in one process."""


def worth_a_worker(project: Project) -> bool:
    return (
        len(project.sessions) >= MIN_SESSIONS
        and len(project.programs) >= 2
        and (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


_WORKER_CONTEXT: RenderContext | None = None  # in the worker process only (the pool's initializer)


def _start_worker(ctx: RenderContext) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = ctx


def _worker_share(slugs: list[str], use_directory_urls: bool) -> tuple[ProgramPages, list[GeneratedFile]]:
    assert _WORKER_CONTEXT is not None
    try:
        pages = render_program_pages(_WORKER_CONTEXT, slugs)
        if _WORKER_CONTEXT.site != LEARNERS:
            return pages, []
        return pages, render_calendars(_WORKER_CONTEXT.project, use_directory_urls)
    except Exception as exc:  # noqa: BLE001 - sent back as text: a traceback does not cross processes
        problem = template_problem(exc)
        raise RenderFailed(problem or f"{type(exc).__name__}: {exc}") from None


def _shares(project: Project) -> tuple[list[str], list[str]]:
    """The programs in two parts of about equal work (sessions and messages grow with each other):
    the worker takes the first, with the calendar files; this process the second, with the
    schedule, SOP and handoff pages."""
    slugs = sorted(project.programs)
    weight = {slug: 1 + len(project.sessions_of(slug)) for slug in slugs}
    total, running, cut = sum(weight.values()), 0, 0
    while cut < len(slugs) and running + weight[slugs[cut]] <= 0.45 * total:
        running += weight[slugs[cut]]
        cut += 1
    return slugs[:cut], slugs[cut:]


def render_site_on_cores(
    project: Project, use_directory_urls: bool = True, manuals: bool = False, workers: int = 2, site: str = LEARNERS
) -> list[GeneratedFile]:
    """:func:`render_site` of ``site``, with a worker process beside this one for a big site
    (``workers`` 2); the files are the same either way."""
    if workers > 1 and worth_a_worker(project):
        return _render_site_in_two(project, use_directory_urls, manuals, site)
    return render_site(project, use_directory_urls=use_directory_urls, manuals=manuals, site=site)


def _render_site_in_two(project: Project, use_directory_urls: bool, manuals: bool, site: str) -> list[GeneratedFile]:
    ctx = RenderContext(project, make_environment(project.root), Urls(use_directory_urls), manuals, site)
    if site != LEARNERS:
        check_readiness(project), plan_reminders(project)  # worked out once, before the worker starts
    theirs, ours = _shares(project)
    pool = multiprocessing.get_context("fork").Pool(1, initializer=_start_worker, initargs=(ctx,))
    try:
        pending = pool.apply_async(_worker_share, (theirs, use_directory_urls))
        try:
            mine = render_program_pages(ctx, ours)
        except Exception as exc:
            problem = template_problem(exc)
            if problem is None:
                raise
            raise RenderFailed(problem) from None
        their_pages, calendars = pending.get(TIME_LIMIT)
        pool.close()
    except multiprocessing.TimeoutError:
        raise RenderFailed(f"rendering the pages took longer than {TIME_LIMIT} s") from None
    finally:
        pool.terminate()
        pool.join()
    mine.pages.update(their_pages.pages)
    mine.rows.update(their_pages.rows)
    return assemble_pages(ctx, mine) + calendars + materials_outside_docs(project, site)
