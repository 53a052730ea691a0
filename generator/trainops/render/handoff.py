"""``/handoff/``: per owner, what they own and what needs their attention next."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..project import ProgramRecord, Project, Session, Sop
from ..readiness import ProgramReadiness

__all__ = ["render_handoff", "Responsibilities", "responsibilities"]

DUTIES = ("missed_sessions", "late_completions", "learner_questions", "improvement_notes")


@dataclass
class Responsibilities:
    person_id: str
    programs: list[ProgramRecord] = field(default_factory=list)
    sops: list[Sop] = field(default_factory=list)
    duties: list[tuple[ProgramRecord, str]] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.programs or self.sops or self.duties or self.sessions)


def responsibilities(project: Project) -> dict[str, Responsibilities]:
    """Everything each person owns or runs, by person id (people with nothing are left out)."""
    found: dict[str, Responsibilities] = {pid: Responsibilities(pid) for pid in sorted(project.people)}

    def of(pid: str) -> Responsibilities:
        return found.setdefault(pid, Responsibilities(pid))

    for _slug, record in sorted(project.programs.items()):
        of(record.data.owner).programs.append(record)
        if record.data.escalation:
            for duty in DUTIES:
                owner = getattr(record.data.escalation, duty)
                if owner:
                    of(owner).duties.append((record, duty.replace("_", " ")))
    for _slug, sop in sorted(project.sops.items()):
        of(sop.meta.owner).sops.append(sop)
    for s in project.upcoming_sessions():
        if s.entry.instructor and s.status != "cancelled":
            of(s.entry.instructor).sessions.append(s)
    return {pid: r for pid, r in found.items() if not r.empty}


def render_handoff(ctx, readiness: dict[str, ProgramReadiness]) -> str:
    project = ctx.project
    owners = responsibilities(project)
    return ctx.page(
        "trainops/handoff.html", "handoff/index.md", owners=owners, readiness=readiness, people=project.people
    )
