"""``/programs/<slug>/launch-checklist/``: what to fix first, then every readiness item passed or
failed with its exact failure points."""

from __future__ import annotations

from ..model.formatting import days_from
from ..model.project import ProgramRecord, review_due
from ..plan import urls
from ..plan.paging import SUMMARY_ROWS
from ..readiness import BLOCKING_DAYS, ProgramReadiness, fix_first, session_label
from .follow_up import follow_up_values

__all__ = ["render_checklist", "days_from"]


def render_checklist(ctx, record: ProgramRecord, readiness: ProgramReadiness) -> str:
    today = ctx.project.today
    review = record.data.review
    # The program's follow-ups, where the project keeps training records: the first of them (the
    # overview's list has them all, on pages).
    follow_ups: dict = {"follow_ups": None, "follow_up_count": 0}
    if ctx.records is not None:
        mine = ctx.records.of_program(record.slug)
        follow_ups = {**follow_up_values(ctx, mine[:SUMMARY_ROWS]), "follow_up_count": len(mine)}
    values = {
        **follow_ups,
        "record": record,
        "program": record.data,
        "slug": record.slug,
        "readiness": readiness,
        "fixes": fix_first(ctx.project, readiness),
        "blocking_days": BLOCKING_DAYS,
        "label": session_label,
        "days_until": lambda day: days_from(today, day),
        "sessions": ctx.project.running_sessions(record.slug),
        "review_due": review_due(review.last_reviewed, review.every) if review else None,
        "has_status": ctx.records is not None and record.slug in ctx.records.status,
    }
    return ctx.page("trainops/launch-checklist.html", urls.launch_checklist(record.slug), **values)
