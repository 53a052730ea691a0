"""``/programs/<slug>/launch-checklist/``: each readiness item passed, or its exact failure points."""

from __future__ import annotations

from ..project import ProgramRecord
from ..readiness import ProgramReadiness

__all__ = ["render_checklist"]


def render_checklist(ctx, record: ProgramRecord, readiness: ProgramReadiness) -> str:
    return ctx.page(
        "trainops/launch-checklist.html",
        f"programs/{record.slug}/launch-checklist.md",
        record=record,
        program=record.data,
        slug=record.slug,
        readiness=readiness,
        sessions=[s for s in ctx.project.upcoming_sessions(record.slug) if s.status != "cancelled"],
    )
