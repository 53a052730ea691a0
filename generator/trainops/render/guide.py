"""``/programs/<slug>/``: the learner guide, the same sections in the same order for every program."""

from __future__ import annotations

from ..project import ProgramRecord

__all__ = ["render_guide", "GUIDE_SECTIONS"]

# The fixed structure of every guide (the template renders them in this order; tests check it).
GUIDE_SECTIONS = (
    "What and why",
    "Who it is for",
    "What you will be able to do",
    "Before you start",
    "Materials",
    "Sessions",
    "Assessment and completion",
    "After training",
    "Questions",
    "Owner and review",
)


def render_guide(ctx, record: ProgramRecord) -> str:
    project = ctx.project
    program = record.data
    sessions = project.upcoming_sessions(record.slug)
    upcoming = [s for s in sessions if s.status != "cancelled"]
    contact_id = (program.escalation.learner_questions if program.escalation else None) or program.owner
    return ctx.page(
        "trainops/guide.html",
        f"programs/{record.slug}/index.md",
        record=record,
        program=program,
        slug=record.slug,
        sessions=sessions,
        next_session=upcoming[0] if upcoming else None,
        contact=project.people.get(contact_id),
        owner=project.people.get(program.owner),
        learner_materials=[m for m in program.materials if m.for_ == "learner"],
        sops=[s for s in project.sops_of(record.slug) if s.meta.audience == "learner"],
        review_due=(program.review.every.after(program.review.last_reviewed) if program.review else None),
        sections=GUIDE_SECTIONS,
    )
