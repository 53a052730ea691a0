"""Every document each of the two sites gets from the data, as (docs path, content) pairs.

The adapter (the MkDocs plugin) turns these into virtual files; nothing is written to disk here.
Which site publishes what is :mod:`trainops.plan.sites`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from jinja2 import Environment

from ..model.project import Project
from ..plan import urls
from ..plan.coordinator_records import CoordinatorRecords
from ..plan.sites import COORDINATORS, LEARNERS, published_on
from ..plan.urls import Urls, published_material_path
from ..readiness import check_readiness
from .calendar import CalendarWriter
from .catalogue import render_catalogue
from .changes import render_changes
from .checklist import render_checklist
from .environment import project_environment
from .files import GeneratedFile, made_unless_on_request
from .guide import render_guide
from .handoff import render_handoff
from .kept_pages import KeptProgramPages, kept_or_rendered
from .messages import session_ics_path
from .ops_home import render_ops_home
from .program_reminders import ProgramReminders
from .schedule import render_schedule
from .schedule_rows import ScheduleRows
from .sop_pages import render_sop_library, render_sop_page
from .status import render_status_pages

__all__ = [
    "GeneratedFile",
    "RenderContext",
    "render_site",
    "render_pages",
    "site_files",
    "render_calendars",
    "CalendarsOnRequest",
    "calendar_writer",
    "materials_outside_docs",
    "published_material_path",
    "NAV_PROGRAM_LIMIT",
    "LEARNERS",
    "COORDINATORS",
]

# Above this many programs the navigation lists the catalogue only: every page embeds the whole
# navigation, so a long one makes the build quadratic (1,000 nav entries cost ~4x the build time).
NAV_PROGRAM_LIMIT = 25


OFFSITE = "trainops:offsite"  # link() of a document the reader's site lacks; left as its text
_OFFSITE_LINK = re.compile(r'<a\b[^>]*\bhref="trainops:offsite[^"]*"[^>]*>(.*?)</a>', re.S)


@dataclass
class RenderContext:
    project: Project
    env: Environment
    urls: Urls
    manuals: bool = False
    site: str = LEARNERS  # or COORDINATORS: which of the two sites the pages are for
    # What the coordinator site shows of the training records (follow-ups, messages' recipients);
    # None for the learner site always, and for a project without records.
    records: CoordinatorRecords | None = None
    # A preview's: each program's and each SOP's own pages made when asked for (GeneratedFile.make).
    on_request: bool = False
    # A preview's: the schedule's rows of the last save, each day rendered again only when changed.
    schedule_rows: ScheduleRows | None = None
    # A build's: each program's status and reminders pages as rendered before from the same inputs
    # (coordinator site).
    kept: KeptProgramPages | None = None

    def __post_init__(self) -> None:
        if self.records is not None and self.site != COORDINATORS:
            raise ValueError("the learner site is never given the training records")

    def href(self, from_docs_path: str, target_docs_path: str) -> str:
        """The link from a page of this site to a document: relative on this site; the learner
        site's address (``site_url``) from the coordinator site; else :data:`OFFSITE`."""
        if published_on(self.project, target_docs_path, self.site):
            return self.urls.rel(from_docs_path, target_docs_path)
        return self.elsewhere(target_docs_path) or OFFSITE

    def elsewhere(self, docs_path: str) -> str | None:
        """The learner site's address of a document, for the coordinator site (never the other way)."""
        base = self.project.settings.site_url
        if self.site != COORDINATORS or not base or not published_on(self.project, docs_path, LEARNERS):
            return None
        url = self.urls.url(docs_path)
        return base + ("" if url == "./" else url)

    def published(self, docs_path: str) -> bool:
        return published_on(self.project, docs_path, self.site)

    def page(self, template: str, docs_path: str, **values) -> str:
        """Render ``template`` for the page at ``docs_path``, with ``link()`` relative to it."""

        def link(target_docs_path: str) -> str:
            return self.href(docs_path, target_docs_path)

        text = self.env.get_template(template).render(
            project=self.project,
            today=self.project.today,
            link=link,
            page_path=docs_path,
            manuals=self.manuals,
            site=self.site,
            material_path=lambda m: published_material_path(self.project, m.file),
            **values,
        )
        return _OFFSITE_LINK.sub(r"\1", text) if OFFSITE in text else text


def render_site(
    project: Project,
    env: Environment | None = None,
    use_directory_urls: bool = True,
    manuals: bool = False,
    site: str = LEARNERS,
    records: CoordinatorRecords | None = None,
    on_request: bool = False,
    schedule_rows: ScheduleRows | None = None,
    kept: KeptProgramPages | None = None,
) -> list[GeneratedFile]:
    """Every page and file of one of the two sites, in one process; ``manuals`` says whether the
    PDF manuals will exist (to link them); ``records``: what the coordinator site shows of the
    training records (the learner site is never given them); ``on_request``: a preview's, which
    makes each calendar file (:class:`CalendarsOnRequest`) and each program's and SOP's own pages
    (:attr:`GeneratedFile.make`) when it is asked for, and keeps ``schedule_rows`` (:class:`ScheduleRows`);
    ``kept``: the programs' status and reminders pages rendered by an earlier build (:mod:`.kept_pages`).
    (:class:`trainops.render.pool.SiteRender` uses a second core for a big site.)"""
    env = env or project_environment(project)
    ctx = RenderContext(project, env, Urls(use_directory_urls), manuals, site, records, on_request, schedule_rows, kept)
    return list(site_files(ctx))


def site_files(ctx: RenderContext) -> Iterator[GeneratedFile]:
    """The files :func:`render_site` gives, one at a time, each made when it is reached (a
    worker writes a big coordinator site out as it goes instead of holding all of it)."""
    yield from _pages(ctx)
    if ctx.site == LEARNERS and not ctx.on_request:
        yield from render_calendars(ctx.project, ctx.urls.use_directory_urls)
    yield from materials_outside_docs(ctx.project, ctx.site)


def render_pages(ctx: RenderContext) -> list[GeneratedFile]:
    """Every page of the site in its order (and the coordinator site's send schedule): the
    programs' and the project's own; no calendar files and no materials."""
    return list(_pages(ctx))


def _pages(ctx: RenderContext) -> Iterator[GeneratedFile]:
    if ctx.site == LEARNERS:
        return iter(_learner_pages(ctx))
    return _coordinator_pages(ctx)


def _learner_pages(ctx: RenderContext) -> list[GeneratedFile]:
    project = ctx.project
    few = len(project.programs) <= NAV_PROGRAM_LIMIT
    files = render_catalogue(ctx)
    for slug, record in sorted(project.programs.items()):
        make = partial(render_guide, ctx, record)
        files.append(_made(ctx, GeneratedFile(urls.guide(slug), "", few, record.name, make=make)))
    files += render_schedule(ctx)
    files += render_changes(ctx)
    files += _sop_pages(ctx)
    return files


def _coordinator_pages(ctx: RenderContext) -> Iterator[GeneratedFile]:
    project = ctx.project
    few = len(project.programs) <= NAV_PROGRAM_LIMIT
    readiness = check_readiness(project)
    kept = ctx.kept
    reminders = ProgramReminders(ctx, kept.reminders if kept is not None else None)
    yield from render_ops_home(ctx, readiness)
    for slug, record in sorted(project.programs.items()):
        checklist = partial(render_checklist, ctx, record, readiness[slug])
        yield _made(
            ctx,
            GeneratedFile(
                urls.launch_checklist(slug),
                "",
                few,
                title=f"Launch checklist: {record.name}",
                nav_title=record.name,
                make=checklist,
            ),
        )
        yield reminders.page(slug, record, few)
        if ctx.records is not None and slug in ctx.records.status:
            # (the status itself is read only for pages not kept: mkdocs_plugin.records.StatusInCache)
            status = partial(_status_pages, ctx, record, ctx.records, slug)
            yield from kept_or_rendered(kept.status if kept is not None else None, slug, status)
    yield from render_handoff(ctx, readiness)
    yield from _sop_pages(ctx)
    yield _made(ctx, GeneratedFile(urls.SEND_SCHEDULE, "", make=reminders.send_schedule))


def _status_pages(ctx: RenderContext, record, records: CoordinatorRecords, slug: str) -> list[GeneratedFile]:
    return render_status_pages(ctx, record, records.status[slug])


def _sop_pages(ctx: RenderContext) -> list[GeneratedFile]:
    sops = [sop for slug, sop in sorted(ctx.project.sops.items()) if ctx.published(urls.sop_page(slug))]
    title = "SOP library" if ctx.site == COORDINATORS else "How-to guides"
    files = render_sop_library(ctx, sops, title)
    for sop in sops:
        make = partial(render_sop_page, ctx, sop)
        files.append(_made(ctx, GeneratedFile(urls.sop_page(sop.slug), "", title=sop.meta.title, make=make)))
    return files


def _made(ctx: RenderContext, file: GeneratedFile) -> GeneratedFile:
    return made_unless_on_request(file, ctx.on_request)


def _calendars(project: Project):
    """``(docs path, sessions, calendar name)`` of every calendar file, in the site's order."""
    yield urls.ALL_SESSIONS_FEED, project.sessions, project.settings.site_name
    for slug, record in sorted(project.programs.items()):
        sessions = project.sessions_of(slug)
        yield urls.program_feed(slug), sessions, record.name
        for s in sessions:
            yield session_ics_path(s), [s], record.name


def calendar_writer(
    project: Project, use_directory_urls: bool = True, events: dict[str, bytes] | None = None
) -> CalendarWriter:
    """The writer of this site's calendar files: each event links its session's guide. ``events``:
    events serialised already (by :meth:`CalendarWriter.events`)."""
    addresses = Urls(use_directory_urls)
    base = project.settings.site_url.rstrip("/")

    def guide_url(session):
        url = addresses.url(urls.guide(session.program))
        return f"{base}/{url}" if base else None

    return CalendarWriter(project, guide_url, events)


class CalendarsOnRequest:
    """The learner site's calendar files, each made when it is asked for, the same bytes
    :func:`render_calendars` gives it: a preview shows a page, rarely a calendar, and 20,000
    sessions' files take longer to make than all the pages."""

    def __init__(self, project: Project, use_directory_urls: bool = True):
        self._sources = {path: (sessions, name) for path, sessions, name in _calendars(project)}
        self._writer = calendar_writer(project, use_directory_urls)

    def paths(self) -> list[str]:
        return list(self._sources)

    def has(self, docs_path: str) -> bool:
        return docs_path in self._sources

    def content(self, docs_path: str) -> bytes | None:
        """The file at ``docs_path``; None for a path that is no calendar file."""
        source = self._sources.get(docs_path)
        return None if source is None else self._writer.calendar(*source)


def render_calendars(
    project: Project, use_directory_urls: bool = True, events: dict[str, bytes] | None = None
) -> list[GeneratedFile]:
    """The feed of all sessions, each program's feed, and one file per session (add-to-calendar)."""
    writer = calendar_writer(project, use_directory_urls, events)
    return [GeneratedFile(path, writer.calendar(sessions, name)) for path, sessions, name in _calendars(project)]


def materials_outside_docs(project: Project, site: str = LEARNERS) -> list[GeneratedFile]:
    """Material files kept outside docs_dir, published at ``materials/…`` (instructors' ones on
    the coordinator site only)."""
    out = {}
    for record in project.programs.values():
        for material in record.data.materials:
            if not material.file:
                continue
            docs_path = published_material_path(project, material.file)
            if docs_path.startswith(urls.MATERIALS_FOLDER) and published_on(project, docs_path, site):
                out[docs_path] = GeneratedFile(docs_path, (project.root / material.file).read_bytes())
    return [out[k] for k in sorted(out)]
