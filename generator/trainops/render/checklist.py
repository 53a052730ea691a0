"""``/programs/<slug>/launch-checklist/``: what to fix first, then every readiness item passed or
failed with its exact failure points."""

from __future__ import annotations

from datetime import date

from ..model.project import ProgramRecord
from ..plan import urls
from ..readiness import BLOCKING_DAYS, ProgramReadiness, fix_first, session_label

__all__ = ["render_checklist", "days_from"]


def days_from(today: date, day: date) -> str:
    """``today``, ``tomorrow``, ``in 8 days``, ``yesterday``, ``6 days ago``."""
    n = (day - today).days
    if n == 0:
        return "today"
    if n == 1:
        return "tomorrow"
    if n == -1:
        return "yesterday"
    return f"in {n} days" if n > 0 else f"{-n} days ago"


def render_checklist(ctx, record: ProgramRecord, readiness: ProgramReadiness) -> str:
    today = ctx.project.today
    return ctx.page(
        "trainops/launch-checklist.html",
        urls.launch_checklist(record.slug),
        record=record,
        program=record.data,
        slug=record.slug,
        readiness=readiness,
        fixes=fix_first(ctx.project, readiness),
        blocking_days=BLOCKING_DAYS,
        label=session_label,
        days_until=lambda day: days_from(today, day),
        sessions=ctx.project.running_sessions(record.slug),
    )
