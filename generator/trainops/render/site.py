"""Every document the site gets from the data, as (docs path, content) pairs.

The adapter (the MkDocs plugin) turns these into virtual files; nothing is written to disk here.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field, replace

from jinja2 import Environment

from ..calendar_feed import CalendarWriter
from ..gcpause import collector_paused
from ..parallel import in_background
from ..project import Project
from ..readiness import check_readiness
from ..reminders import plan_reminders
from .catalogue import render_catalogue
from .checklist import render_checklist
from .environment import make_environment
from .guide import render_guide
from .handoff import render_handoff
from .messages import render_messages, send_schedule_row, session_ics_path, write_send_schedule
from .reminder_pages import render_reminder_page
from .schedule import render_schedule
from .sop_pages import render_sop_library, render_sop_page
from .urls import Urls

__all__ = [
    "GeneratedFile",
    "RenderContext",
    "render_site",
    "render_pages",
    "SitePages",
    "render_calendars",
    "calendar_paths",
    "materials_outside_docs",
    "published_material_path",
    "NAV_PROGRAM_LIMIT",
]

# Above this many programs the navigation lists the catalogue only: every page embeds the whole
# navigation, so a long one makes the build quadratic (1,000 nav entries cost ~4x the build time).
NAV_PROGRAM_LIMIT = 25


@dataclass(frozen=True)
class GeneratedFile:
    docs_path: str
    content: str | bytes | None  # None: still being rendered (SitePages)
    in_nav: bool = False
    title: str | None = None


@dataclass
class RenderContext:
    project: Project
    env: Environment
    urls: Urls
    manuals: bool = False

    def page(self, template: str, docs_path: str, **values) -> str:
        """Render ``template`` for the page at ``docs_path``, with ``link()`` relative to it."""

        def link(target_docs_path: str) -> str:
            return self.urls.rel(docs_path, target_docs_path)

        return self.env.get_template(template).render(
            project=self.project,
            today=self.project.today,
            link=link,
            page_path=docs_path,
            manuals=self.manuals,
            material_path=lambda m: published_material_path(self.project, m.file),
            **values,
        )


def published_material_path(project: Project, file: str) -> str:
    """The docs path a material file is published at: its place in docs_dir, or ``materials/…``."""
    docs = project.settings.docs_dir.strip("/") + "/"
    path = posixpath.normpath(file)
    return path[len(docs) :] if path.startswith(docs) else f"materials/{path}"


def render_site(
    project: Project, env: Environment | None = None, use_directory_urls: bool = True, manuals: bool = False
) -> list[GeneratedFile]:
    """Every page and file of the site; ``manuals`` says whether the PDF manuals will exist (to link them)."""
    return (
        render_pages(project, env, use_directory_urls, manuals)
        + render_calendars(project, use_directory_urls)
        + materials_outside_docs(project)
    )


def render_pages(
    project: Project, env: Environment | None = None, use_directory_urls: bool = True, manuals: bool = False
) -> list[GeneratedFile]:
    """The pages and the send schedule: what MkDocs needs first (calendar files: render_calendars)."""
    pages = SitePages(project, env, use_directory_urls, manuals)
    later = pages.later()
    return [g if g.content is not None else replace(g, content=later[g.docs_path]) for g in pages.files]


class SitePages:
    """The generated pages in two parts: some rendered here at once, the rest by a second process
    meanwhile (where that is safe, see :mod:`trainops.parallel`) and fetched by :meth:`later` when
    first needed. The MkDocs plugin hands MkDocs the ready pages first: while MkDocs converts them,
    the other process finishes the rest. The pages are the same either way.

    ``files`` lists every page in the site's order; a page still being rendered has ``content`` None.
    """

    def __init__(
        self, project: Project, env: Environment | None = None, use_directory_urls: bool = True, manuals: bool = False
    ):
        with collector_paused():
            ctx = RenderContext(project, env or make_environment(project.root), Urls(use_directory_urls), manuals)
            check_readiness(project)  # computed once, before the parts: both use it
            self._planned = len(plan_reminders(project))
            theirs, ours = _shares(project)
            self._other = in_background(_render_programs, ctx, theirs, True)
            self._mine = _render_programs(ctx, ours, False)
            mine = self._mine.pages
            few = len(project.programs) <= NAV_PROGRAM_LIMIT
            files = [GeneratedFile("programs/index.md", render_catalogue(ctx), in_nav=True, title="Programs")]
            for slug, record in sorted(project.programs.items()):
                guide, checklist, reminders = mine.get(slug, (None, None, None))
                files += [
                    GeneratedFile(f"programs/{slug}/index.md", guide, in_nav=few, title=record.name),
                    GeneratedFile(
                        f"programs/{slug}/launch-checklist.md", checklist, title=f"Launch checklist: {record.name}"
                    ),
                    GeneratedFile(f"programs/{slug}/reminders.md", reminders, title=f"Reminders: {record.name}"),
                ]
            files += [
                GeneratedFile("schedule/index.md", None, in_nav=True, title="Schedule"),
                GeneratedFile("sops/index.md", render_sop_library(ctx), in_nav=True, title="SOP library"),
                GeneratedFile("handoff/index.md", None, in_nav=True, title="Handoff"),
            ]
            for slug, sop in sorted(project.sops.items()):
                files.append(GeneratedFile(f"sops/{slug}.md", render_sop_page(ctx, sop), title=sop.meta.title))
            files.append(GeneratedFile("reminders/send-schedule.csv", None))
            self.files: list[GeneratedFile] = files
            self._later: dict[str, str] | None = None

    def later(self) -> dict[str, str]:
        """The content of every page ``files`` has without one, by docs path (waits the first time)."""
        if self._later is None:
            part = self._other.result()
            part.merge(self._mine)
            later = dict(part.project_pages)
            for slug, (guide, checklist, reminders) in part.pages.items():
                later.update(
                    {
                        f"programs/{slug}/index.md": guide,
                        f"programs/{slug}/launch-checklist.md": checklist,
                        f"programs/{slug}/reminders.md": reminders,
                    }
                )
            later["reminders/send-schedule.csv"] = write_send_schedule([part.rows[i] for i in range(self._planned)])
            self._later = later
        return self._later

    def discard(self) -> None:
        self._other.discard()


def _calendars(project: Project):
    """``(docs path, sessions, calendar name)`` of every calendar file, in the site's order."""
    yield "schedule/all.ics", project.sessions, project.settings.site_name
    for slug, record in sorted(project.programs.items()):
        sessions = project.sessions_of(slug)
        yield f"programs/{slug}/sessions.ics", sessions, record.name
        for s in sessions:
            yield session_ics_path(s), [s], record.name


def calendar_paths(project: Project) -> list[str]:
    """The docs paths of :func:`render_calendars`' files, in its order (known before rendering)."""
    return [path for path, _, _ in _calendars(project)]


def render_calendars(project: Project, use_directory_urls: bool = True) -> list[GeneratedFile]:
    """The feed of all sessions, each program's feed, and one file per session (add-to-calendar)."""
    with collector_paused():
        urls = Urls(use_directory_urls)
        base = project.settings.site_url.rstrip("/")

        def guide_url(session):
            url = urls.url(f"programs/{session.program}/index.md")
            return f"{base}/{url}" if base else None

        writer = CalendarWriter(project, guide_url)
        return [GeneratedFile(path, writer.calendar(sessions, name)) for path, sessions, name in _calendars(project)]


@dataclass
class _ProgramsPart:
    """What :func:`_render_programs` gives: plain data, cheap to send between processes."""

    pages: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # guide, checklist, reminders
    rows: dict[int, list[str]] = field(default_factory=dict)  # send-schedule rows by place in the plan
    project_pages: dict[str, str] = field(default_factory=dict)  # the schedule and handoff pages

    def merge(self, other: _ProgramsPart) -> None:
        self.pages.update(other.pages)
        self.rows.update(other.rows)
        self.project_pages.update(other.project_pages)


def _shares(project: Project, share: float = 0.75) -> tuple[list[str], list[str]]:
    """The programs in two parts, by their sessions: ``share`` of the work for the second process
    (with the schedule and handoff pages), the rest for the process MkDocs runs in, which starts
    converting its pages as soon as they are ready."""
    slugs = sorted(project.programs)
    weight = {slug: 1 + len(project.sessions_of(slug)) for slug in slugs}
    total, running, cut = sum(weight.values()), 0, 0
    while cut < len(slugs) and running + weight[slugs[cut]] <= share * total:
        running += weight[slugs[cut]]
        cut += 1
    return slugs[:cut], slugs[cut:]


def _render_programs(ctx: RenderContext, slugs: list[str], project_pages: bool) -> _ProgramsPart:
    """The guides, checklists, reminder pages and messages of ``slugs`` (and the schedule and
    handoff pages with ``project_pages``)."""
    project = ctx.project
    readiness = check_readiness(project)
    planned = plan_reminders(project)
    wanted = set(slugs)
    mine = [(i, r) for i, r in enumerate(planned) if r.program in wanted]
    messages = render_messages(ctx.env, project, [r for _, r in mine], ctx.urls)
    part = _ProgramsPart()
    messages_of: dict[str, list] = {}
    for (i, _), m in zip(mine, messages, strict=True):
        messages_of.setdefault(m.reminder.program, []).append(m)
        part.rows[i] = send_schedule_row(m)
    for slug in slugs:
        record = project.programs[slug]
        part.pages[slug] = (
            render_guide(ctx, record),
            render_checklist(ctx, record, readiness[slug]),
            render_reminder_page(ctx, record, messages_of.get(slug, [])),
        )
    if project_pages:
        part.project_pages = {
            "schedule/index.md": render_schedule(ctx),
            "handoff/index.md": render_handoff(ctx, readiness),
        }
    return part


def materials_outside_docs(project: Project) -> list[GeneratedFile]:
    out = {}
    for record in project.programs.values():
        for material in record.data.materials:
            if not material.file:
                continue
            docs_path = published_material_path(project, material.file)
            if docs_path.startswith("materials/"):
                out[docs_path] = GeneratedFile(docs_path, (project.root / material.file).read_bytes())
    return [out[k] for k in sorted(out)]
