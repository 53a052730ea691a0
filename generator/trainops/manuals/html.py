"""The HTML of a manual (learner or instructor edition), from ``trainops/manual.html``."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from ..project import Project
from ..readiness import ProgramReadiness
from ..render.messages import describe_when
from .sop_html import sop_to_html

__all__ = ["MANUAL_EDITIONS", "ManualSpec", "manual_specs", "render_manual_html", "SIGN_IN_ROWS"]

MANUAL_EDITIONS = ("learner", "instructor")
SIGN_IN_ROWS = 20  # rows on a sign-in sheet when the session gives no capacity


@dataclass(frozen=True)
class ManualSpec:
    slug: str
    edition: str

    @property
    def docs_path(self) -> str:
        suffix = "" if self.edition == "learner" else "-instructor"
        return f"manuals/{self.slug}{suffix}.pdf"


def manual_specs(project: Project, editions: tuple[str, ...] = MANUAL_EDITIONS) -> list[ManualSpec]:
    """The manuals of ``editions`` (the learner site has the learner edition, the coordinator
    site the instructor edition)."""
    return [ManualSpec(slug, edition) for slug in sorted(project.programs) for edition in editions]


def render_manual_html(
    project: Project, spec: ManualSpec, readiness: ProgramReadiness, env: Environment, css: str
) -> str:
    record = project.programs[spec.slug]
    program = record.data
    instructor = spec.edition == "instructor"
    audiences = ("learner", "coordinator", "instructor") if instructor else ("learner",)
    sops = [s for s in project.sops_of(spec.slug) if s.meta.audience in audiences]
    in_manual = {s.slug for s in sops}
    sessions = project.upcoming_sessions(spec.slug)
    sign_in = [s for s in sessions if s.in_person and s.status != "cancelled"]
    contact_id = (program.escalation.learner_questions if program.escalation else None) or program.owner
    return env.get_template("trainops/manual.html").render(
        project=project,
        record=record,
        program=program,
        slug=spec.slug,
        edition=spec.edition,
        instructor=instructor,
        today=project.today,
        css=css,
        owner=project.people.get(program.owner),
        contact=project.people.get(contact_id),
        sessions=sessions,
        describe_when=describe_when,
        sops=[(s, sop_to_html(project, s, in_manual)) for s in sops],
        materials=[m for m in program.materials if m.for_ == "learner" or instructor],
        readiness=readiness if instructor else None,
        sign_in=sign_in,
        sign_in_rows=SIGN_IN_ROWS,
        site_url=project.settings.site_url.rstrip("/"),
    )
