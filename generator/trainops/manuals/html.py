"""The HTML of a manual (learner or instructor edition), from ``trainops/manual.html``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from ..model.formats import Material
from ..model.project import Project, Session
from ..plan import urls
from ..plan.sites import LEARNERS, published_on
from ..plan.urls import published_material_path
from ..readiness import ProgramReadiness
from ..render.guide import choices_of, run_labels
from ..render.messages import describe_when
from .agenda import agenda_pages
from .paper import described_time_html, qr_data_uri, short_url, url_html, when_html
from .sop_html import sop_to_html

__all__ = [
    "MANUAL_EDITIONS",
    "ManualSpec",
    "Place",
    "PrintRun",
    "manual_specs",
    "material_place",
    "paper_values",
    "render_manual_html",
    "session_url",
]

MANUAL_EDITIONS = ("learner", "instructor")


@dataclass(frozen=True)
class ManualSpec:
    slug: str
    edition: str

    @property
    def docs_path(self) -> str:
        return urls.manual(self.slug, instructor=self.edition != "learner")


@dataclass(frozen=True)
class PrintRun:
    """What every page of one build prints besides its content."""

    version: str  # the git commit's short id (saying when the working tree differs), or the build date
    logo: str = ""  # file:// URL of the theme's logo, or ""


@dataclass(frozen=True)
class Place:
    """Where a material is: an address online (printed with a QR code), or words."""

    url: str | None
    words: str = ""


def manual_specs(project: Project, editions: tuple[str, ...] = MANUAL_EDITIONS) -> list[ManualSpec]:
    """The manuals of ``editions`` (the learner site has the learner edition, the coordinator
    site the instructor edition)."""
    return [ManualSpec(slug, edition) for slug in sorted(project.programs) for edition in editions]


def material_place(project: Project, material: Material) -> Place:
    """A link as it is; a file at its address on the learner site, or, without ``site_url`` or
    for an instructor's file (the coordinator site has no public address), its path in words."""
    if material.link:
        return Place(material.link)
    path = published_material_path(project, material.file or "")
    site = project.settings.site_url.rstrip("/")
    if not published_on(project, path, LEARNERS):
        return Place(None, f"on the coordinator site: {path}")
    if site:
        return Place(f"{site}/{path}")
    return Place(None, f"on the {project.settings.site_name} site: {path}")


def session_url(project: Project, session: Session) -> str | None:
    """The session's row in its program's guide on the learner site (None without ``site_url``)."""
    site = project.settings.site_url.rstrip("/")
    return f"{urls.printed_address(site, urls.guide(session.program))}#session-{session.id}" if site else None


def paper_values(project: Project, run: PrintRun) -> dict:
    """Template values shared by the manuals and the sign-in sheets."""
    return {
        "project": project,
        "today": project.today,
        "version": run.version,
        "logo": run.logo,
        "site_url": project.settings.site_url.rstrip("/"),
        # the printed address of a learner-site page (with site_url only): address(paths.guide(slug))
        "address": lambda docs_path: urls.printed_address(project.settings.site_url, docs_path),
        "qr": qr_data_uri,
        "url": url_html,
        "short_url": short_url,
        "when": when_html,
        "described_time": described_time_html,
        "describe_when": describe_when,
        "session_url": lambda s: session_url(project, s),
    }


def render_manual_html(
    project: Project, spec: ManualSpec, readiness: ProgramReadiness, env: Environment, css: str, run: PrintRun
) -> str:
    record = project.programs[spec.slug]
    program = record.data
    instructor = spec.edition == "instructor"
    audiences = ("learner", "coordinator", "instructor") if instructor else ("learner",)
    sops = [s for s in project.sops_of(spec.slug) if s.meta.audience in audiences]
    in_manual = {s.slug for s in sops}
    sessions = project.upcoming_sessions(spec.slug)  # the manual's table shows cancelled ones, marked
    materials = [m for m in program.materials if m.for_ == "learner" or instructor]
    next_session = next(iter(project.running_sessions(spec.slug)), None)
    # where the next session is one of several runs of its part, the learner's cover names the part
    # and its runs (a learner in Tokyo does not attend Day 1 in New York); an instructor's, the run
    next_runs = project.open_runs(next_session) if next_session and not instructor else []
    return env.get_template("trainops/manual.html").render(
        **paper_values(project, run),
        record=record,
        program=program,
        slug=spec.slug,
        edition=spec.edition,
        instructor=instructor,
        css=css,
        owner=project.people.get(program.owner),
        contact=project.people.get(program.learner_contact),
        sessions=sessions,
        next_session=next_session,
        next_choice=choices_of(next_runs, project.part_of)[0] if len(next_runs) > 1 else None,
        next_choice_runs=_labels(next_runs, program.name) if len(next_runs) > 1 else [],
        choices=project.run_choices(sessions),  # "one of 3 runs to choose from", by session id
        instead={s.id: _labels(project.other_runs(s), program.name) for s in sessions if s.status == "cancelled"},
        sops=[(s, sop_to_html(project, s, in_manual)) for s in sops],
        materials=[(m, material_place(project, m)) for m in materials],
        learner_materials=[(m, material_place(project, m)) for m in materials if m.for_ == "learner"],
        readiness=readiness if instructor else None,
        agenda=agenda_pages(project, spec.slug) if instructor else [],
    )


def _labels(runs: list[Session], program_name: str) -> list[str]:
    return [label for _, label in run_labels(runs, program_name)]


def logo_url(project: Project, logo: str | None) -> str:
    """The theme's logo (mkdocs.yml ``theme.logo``, a path in docs_dir or the theme folder) as a
    ``file://`` URL the fetcher allows, or "" when there is none or it is not a file here."""
    if not logo or "://" in logo or logo.startswith(("/", "data:")):
        return ""
    for folder in filter(None, (project.settings.docs_dir, project.settings.theme_dir)):
        path = Path(project.root, folder, logo)
        if path.is_file():
            return path.resolve().as_uri()
    return ""
