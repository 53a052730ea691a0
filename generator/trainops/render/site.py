"""Every document the site gets from the data, as (docs path, content) pairs.

The adapter (the MkDocs plugin) turns these into virtual files; nothing is written to disk here.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from ..calendar_feed import CalendarWriter
from ..project import Project
from ..readiness import check_readiness
from ..reminders import plan_reminders
from .catalogue import render_catalogue
from .checklist import render_checklist
from .environment import make_environment
from .files import GeneratedFile
from .guide import render_guide
from .handoff import render_handoff
from .messages import render_messages, send_schedule_row, session_ics_path, write_send_schedule
from .reminder_pages import render_reminder_page
from .schedule import render_schedule
from .sop_pages import render_sop_library, render_sop_page
from .urls import Urls, published_material_path

__all__ = [
    "GeneratedFile",
    "RenderContext",
    "render_site",
    "render_program_pages",
    "assemble_pages",
    "ProgramPages",
    "render_calendars",
    "materials_outside_docs",
    "published_material_path",
    "NAV_PROGRAM_LIMIT",
]

# Above this many programs the navigation lists the catalogue only: every page embeds the whole
# navigation, so a long one makes the build quadratic (1,000 nav entries cost ~4x the build time).
NAV_PROGRAM_LIMIT = 25


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


def render_site(
    project: Project, env: Environment | None = None, use_directory_urls: bool = True, manuals: bool = False
) -> list[GeneratedFile]:
    """Every page and file of the site, in one process; ``manuals`` says whether the PDF manuals
    will exist (to link them). (:func:`trainops.render.pool.render_site_on_cores` uses a second
    core for a big site.)"""
    ctx = RenderContext(project, env or make_environment(project.root), Urls(use_directory_urls), manuals)
    part = render_program_pages(ctx, sorted(project.programs))
    return assemble_pages(ctx, part) + render_calendars(project, use_directory_urls) + materials_outside_docs(project)


@dataclass
class ProgramPages:
    """The pages of some programs, and their lines of the send schedule by place in the plan."""

    pages: dict[str, str]
    rows: dict[int, list[str]]


def render_program_pages(ctx: RenderContext, slugs: list[str]) -> ProgramPages:
    """The guide, launch checklist and reminder page of each program of ``slugs``."""
    project = ctx.project
    readiness = check_readiness(project)
    wanted = set(slugs)
    mine = [(i, r) for i, r in enumerate(plan_reminders(project)) if r.program in wanted]
    messages = render_messages(ctx.env, project, [r for _, r in mine], ctx.urls)
    messages_of: dict[str, list] = {}
    for m in messages:
        messages_of.setdefault(m.reminder.program, []).append(m)
    part = ProgramPages({}, {i: send_schedule_row(m) for (i, _), m in zip(mine, messages, strict=True)})
    for slug in slugs:
        record = project.programs[slug]
        part.pages[f"programs/{slug}/index.md"] = render_guide(ctx, record)
        part.pages[f"programs/{slug}/launch-checklist.md"] = render_checklist(ctx, record, readiness[slug])
        part.pages[f"programs/{slug}/reminders.md"] = render_reminder_page(ctx, record, messages_of.get(slug, []))
    return part


def assemble_pages(ctx: RenderContext, programs: ProgramPages) -> list[GeneratedFile]:
    """Every page in the site's order: the programs' (rendered already) and the project's own."""
    project = ctx.project
    few = len(project.programs) <= NAV_PROGRAM_LIMIT
    files = [GeneratedFile("programs/index.md", render_catalogue(ctx), in_nav=True, title="Programs")]
    for slug, record in sorted(project.programs.items()):
        files += [
            GeneratedFile(f"programs/{slug}/index.md", programs.pages[f"programs/{slug}/index.md"], few, record.name),
            GeneratedFile(
                f"programs/{slug}/launch-checklist.md",
                programs.pages[f"programs/{slug}/launch-checklist.md"],
                title=f"Launch checklist: {record.name}",
            ),
            GeneratedFile(
                f"programs/{slug}/reminders.md",
                programs.pages[f"programs/{slug}/reminders.md"],
                title=f"Reminders: {record.name}",
            ),
        ]
    files += render_schedule(ctx)
    files += [
        GeneratedFile("sops/index.md", render_sop_library(ctx), in_nav=True, title="SOP library"),
        GeneratedFile("handoff/index.md", render_handoff(ctx, check_readiness(project)), in_nav=True, title="Handoff"),
    ]
    for slug, sop in sorted(project.sops.items()):
        files.append(GeneratedFile(f"sops/{slug}.md", render_sop_page(ctx, sop), title=sop.meta.title))
    rows = [programs.rows[i] for i in sorted(programs.rows)]
    files.append(GeneratedFile("reminders/send-schedule.csv", write_send_schedule(rows)))
    return files


def _calendars(project: Project):
    """``(docs path, sessions, calendar name)`` of every calendar file, in the site's order."""
    yield "schedule/all.ics", project.sessions, project.settings.site_name
    for slug, record in sorted(project.programs.items()):
        sessions = project.sessions_of(slug)
        yield f"programs/{slug}/sessions.ics", sessions, record.name
        for s in sessions:
            yield session_ics_path(s), [s], record.name


def render_calendars(project: Project, use_directory_urls: bool = True) -> list[GeneratedFile]:
    """The feed of all sessions, each program's feed, and one file per session (add-to-calendar)."""
    urls = Urls(use_directory_urls)
    base = project.settings.site_url.rstrip("/")

    def guide_url(session):
        url = urls.url(f"programs/{session.program}/index.md")
        return f"{base}/{url}" if base else None

    writer = CalendarWriter(project, guide_url)
    return [GeneratedFile(path, writer.calendar(sessions, name)) for path, sessions, name in _calendars(project)]


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
